# Releases the table gained on 2026-12-02, each with the date its project
# publishes: Go 1.25 ended when go1.27.0 came out (2026-08-19); Alpine
# 3.23, Ruby 3.3, Node.js 26, PHP 8.5 and Python 3.15 are supported.
# want: DKS2009 warning "Go 1\.25 reached end of life on 2026-08-19"
FROM golang:1.25-alpine3.23 AS app
RUN go build -o /app .

FROM ruby:3.3-slim AS web
FROM node:26-alpine3.23 AS assets
FROM php:8.5-fpm AS php
FROM python:3.15-slim AS py
FROM alpine:3.23
COPY --from=app /app /app

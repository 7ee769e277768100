# Releases still supported on the table's date, and references that name
# no release: no finding.
FROM debian:bookworm-slim AS a
FROM debian:13 AS b
FROM ubuntu:24.04 AS c
FROM ubuntu:jammy AS d
FROM alpine:3.22 AS e
FROM python:3.13-slim-trixie AS f
FROM node:24-alpine AS g
FROM node:22-bookworm-slim AS h
FROM php:8.4-fpm-alpine AS i
FROM golang:latest AS j
FROM python AS k
FROM alpine:edge AS l
FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS m
ARG BASE_IMAGE
FROM ${BASE_IMAGE} AS n
ARG PY
FROM python:${PY}-slim AS o
FROM scratch AS p
# Not official images: the tag is the publisher's own numbering, and a
# private registry's python:3.7 need not be Python 3.7.
FROM myorg/python:3.7-buster AS q
FROM registry.example.com/library/debian:buster AS r
FROM bitnami/node:14 AS s
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=a /etc/hostname /x

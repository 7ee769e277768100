# settings: {"EOLDate": "2024-01-01T00:00:00Z"}
# --eol-date 2024-01-01: every release here was still supported that day.
FROM ubuntu:20.04 AS build
FROM debian:bookworm AS deb
FROM python:3.8-slim-bullseye AS py
FROM node:18-alpine3.18

# syntax=docker/dockerfile:1
ARG BASE=alpine:3.20
FROM ${BASE}
LABEL org.opencontainers.image.title=app

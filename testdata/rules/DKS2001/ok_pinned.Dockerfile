ARG GO_VERSION=1.23.2
FROM golang:${GO_VERSION} AS build
FROM --platform=$BUILDPLATFORM debian:12.7-slim
FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
FROM localhost:5000/app:1.2
FROM build

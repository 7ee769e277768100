ARG GO_VERSION=1.23
ARG REGISTRY
# want: DKS2006 "golang:1.23 is not pinned"
FROM golang:${GO_VERSION} AS build
# want: DKS2006 "debian:12.7-slim"
FROM debian:12.7-slim
# want: DKS2006 "\$\{REGISTRY\}/app:1.0"
FROM ${REGISTRY}/app:1.0
# Builder stages are pulled too.
# want: DKS2006
FROM node:22 AS assets
FROM build

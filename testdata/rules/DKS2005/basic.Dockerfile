# settings: {"TrustedRegistries": ["registry.example.com", "*.mirror.example.com"]}
FROM registry.example.com/base/debian:12 AS base
FROM eu.mirror.example.com/golang:1.23 AS build
FROM base
# want: DKS2005 "docker.io"
FROM ubuntu:24.04 AS hub
# want: DKS2005 "comes from ghcr.io"
FROM ghcr.io/acme/app:1.0
# want: DKS2005 "COPY --from image quay.io/acme/tools:1"
COPY --from=quay.io/acme/tools:1 /tool /usr/local/bin/
COPY --from=build /out /app
COPY --from=0 /etc/os-release /tmp/
# want: DKS2005 "RUN --mount image"
RUN --mount=type=bind,from=gcr.io/acme/cache:1,target=/cache ls /cache
RUN --mount=type=cache,target=/root/.cache ls
FROM scratch

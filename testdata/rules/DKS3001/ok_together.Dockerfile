FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get -y upgrade
FROM alpine:3.20
RUN apk update && apk add --no-cache curl

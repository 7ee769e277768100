FROM --platform=$BUILDPLATFORM golang:1.23 AS build
FROM --platform=linux/amd64 alpine:3.20 AS tools-amd64
FROM --platform=linux/arm64 alpine:3.20 AS linux-tools
FROM alpine:3.20

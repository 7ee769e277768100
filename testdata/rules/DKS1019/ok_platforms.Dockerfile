FROM --platform=$BUILDPLATFORM golang:1.23 AS build
FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20
FROM alpine:3.20

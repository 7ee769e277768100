FROM debian:12
# want: DKS3002 "dist-upgrade"
RUN apt-get update && apt-get -y dist-upgrade
FROM alpine:3.20
# want: DKS3002
RUN apk upgrade --no-cache
FROM fedora:40
# want: DKS3002
RUN dnf -y update

# settings: {"TrustedRegistries": ["docker.io"]}
FROM ubuntu:24.04
FROM library/debian:12
FROM docker.io/acme/app:1
FROM index.docker.io/acme/app:1
# want: DKS2005 "quay.io"
FROM quay.io/acme/app:1

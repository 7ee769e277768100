FROM debian:12
ARG CURL_VERSION=7.88.1-10+deb12u8
ARG JQ_VERSION
ARG PKGS
ENV TOMCAT_VERSION=9.0.1
# Versions passed in through ARG or ENV count as pinned, known or not.
RUN apt-get update && apt-get install -y --no-install-recommends curl=${CURL_VERSION} jq=$JQ_VERSION \
 && rm -rf /var/lib/apt/lists/*
# Packages named only by a variable with no known value are not judged.
RUN apt-get install -y --no-install-recommends $PKGS
RUN dnf install -y tomcat-${TOMCAT_VERSION} && dnf clean all
# A version from the base image's environment is unknown here, not absent.
RUN pip install --no-cache-dir "flask==${FLASK_VERSION}"

FROM fedora:41 AS build
ENV version=2.51.0-2.fc42
FROM build
RUN dnf -y install git-core-${version} && dnf clean all

FROM alpine:3.20 AS base
ARG foo=Dockerfile
ENV APP=/app
FROM base
COPY $foo $APP/
ARG bar
COPY ${bar}x /x
FROM golang:1.23
ENV PATH=$GOPATH/bin:$PATH
FROM alpine:3.20
RUN echo $PATH
FROM eclipse-temurin:21
ENV LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}/opt/lib
COPY app${SUFFIX:-} /app

FROM golang:1.23 AS build
RUN go mod download
RUN go build ./...
FROM alpine:3.20
RUN foo && bar
RUN foobar
WORKDIR /
RUN /foo.sh
WORKDIR /app
RUN /bar.sh
RUN --mount=type=secret,id=foo /foo.sh
RUN --mount=type=secret,id=bar /bar.sh

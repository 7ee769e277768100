FROM golang:1.23 AS build
RUN go mod download
RUN go build ./...
FROM alpine:3.20
RUN /foo.sh
# a comment between them does not separate layers
# want: DKS3105 "RUN directly after a RUN \(line 5\)"
RUN /bar.sh
RUN --mount=type=secret,id=foo /foo.sh
# want: DKS3105
RUN --mount=type=secret,id=foo /bar.sh

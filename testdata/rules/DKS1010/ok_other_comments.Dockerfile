# hadolint shell=bash
FROM alpine:3.20
# ignore this comment, it is not a pragma
RUN apk add curl

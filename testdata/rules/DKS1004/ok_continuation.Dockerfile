FROM alpine:3.20
RUN apk add --no-cache \
    # a comment line inside a continuation is fine
    curl

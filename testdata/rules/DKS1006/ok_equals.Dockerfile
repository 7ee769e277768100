FROM alpine:3.20
ENV APP_HOME=/app MODE="a b"
LABEL version=1.0

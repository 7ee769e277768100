FROM debian:12
# Nothing installs from the index afterwards (dpkg -i reads a local file):
# a wasted layer, not a stale install.
# want: DKS3001 info "apt update runs without an install in the same RUN and no later RUN installs from it"
RUN apt update
COPY kafka-manager.deb /tmp/
RUN dpkg -i /tmp/kafka-manager.deb
FROM alpine:3.20 AS tools
# want: DKS3001 info "apk update"
RUN apk update
FROM alpine:3.20
RUN apk add --no-cache curl

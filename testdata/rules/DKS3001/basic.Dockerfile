FROM debian:12
# want: DKS3001 warning
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
FROM alpine:3.20 AS base
# A stage built FROM this one installs from the refreshed index.
# want: DKS3001 warning "apk update"
RUN apk update
FROM base
RUN apk add --no-cache curl

FROM debian:12
# want: DKS3001
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
FROM alpine:3.20
# want: DKS3001 "apk update"
RUN apk update

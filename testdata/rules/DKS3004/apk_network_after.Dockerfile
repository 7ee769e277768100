FROM alpine:3.22
# The second apk add fetches the index and caches it.
# want: DKS3004 "apk add without --no-cache"
RUN apk add --no-network /tmp/packages/*.apk && apk add curl

FROM alpine:3.20
# want: DKS1004 "Empty continuation line"
RUN apk add --no-cache \

    curl

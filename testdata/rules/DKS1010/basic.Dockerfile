FROM alpine:3.20
# want-file: DKS1010 "inline hadolint ignore pragma"
# want-file: DKS1010 "inline dockstride ignore pragma"
# hadolint ignore=DL3018
RUN apk add curl
# dockstride global ignore=DKS3001
RUN apk add jq

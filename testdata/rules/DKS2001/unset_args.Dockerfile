ARG REGISTRY
ARG TAG
ARG BASE_IMAGE
# The tag or the whole reference comes from --build-arg: not judged.
FROM foo:${TAG}
FROM $BASE_IMAGE
FROM ${REGISTRY:-localhost:5000}/app:${TAG}
# want: DKS2001 warning "\$\{REGISTRY\}/ubuntu has no tag"
FROM ${REGISTRY}/ubuntu
# want: DKS2001 warning "has no tag"
FROM alpine$TAG
FROM alpine:3.5
ARG IMAGE=all-in-one
# An ARG inside a stage is not visible to FROM; its default is still the
# author's intent.
# want: DKS2001 info "\$IMAGE uses :latest by default"
FROM $IMAGE
FROM alpine:3.20 AS binaries-linux
FROM alpine:3.20 AS binaries-windows
# A stage picked by platform is not an image.
FROM binaries-$TARGETOS
FROM quay.io/libpod/busybox${TARGETARCH:+@sha256:32968e717e29f79e5b889721908b3be6d1573992e1f3ba4c9a41718e2728458c}
# want: DKS2001 "tools-\$TARGETOS has no tag"
FROM tools-$TARGETOS

ARG REGISTRY
ARG TAG
ARG BASE_IMAGE
# The tag or the whole reference comes from --build-arg: not judged.
FROM foo:${TAG}
FROM $BASE_IMAGE
FROM ${REGISTRY:-localhost:5000}/app:${TAG}
# want: DKS2001 "\$\{REGISTRY\}/ubuntu has no tag"
FROM ${REGISTRY}/ubuntu
# want: DKS2001 "has no tag"
FROM alpine$TAG
FROM alpine:3.5
ARG IMAGE=all-in-one
# An ARG inside a stage is not visible to FROM; its default is still the
# author's intent.
# want: DKS2001 "\$IMAGE has no tag"
FROM $IMAGE

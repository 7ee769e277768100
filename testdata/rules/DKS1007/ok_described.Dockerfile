# version the release to build
ARG version=1.0

# base the image everything starts from
FROM alpine:3.20 AS base
# unrelated comment above a RUN is not a description
RUN echo hi

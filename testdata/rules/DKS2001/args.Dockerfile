ARG TAG=latest
ARG REGISTRY=localhost:5000
ARG UNSET
# want: DKS2001 info "localhost:5000/app:latest"
FROM ${REGISTRY:-localhost:5000}/app:${TAG}
FROM alpine:${UNSET}

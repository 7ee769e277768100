# settings: {"TrustedRegistries": ["registry.example.com"]}
ARG REGISTRY
ARG MIRROR=registry.example.com
ARG TAG
# want: DKS2005 "localhost:5000/app"
FROM ${REGISTRY:-localhost:5000}/app:${TAG}
FROM ${MIRROR}/base/debian:12
# The registry is given at build time: not judged.
FROM ${REGISTRY}/app:1.0

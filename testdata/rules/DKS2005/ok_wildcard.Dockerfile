# settings: {"TrustedRegistries": ["*"]}
ARG REGISTRY=ghcr.io
FROM ${REGISTRY}/acme/app:1.0
FROM ubuntu:24.04

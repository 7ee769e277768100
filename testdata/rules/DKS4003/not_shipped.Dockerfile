# tonistiigi/fsutil: the module cache opened for the test user of a stage
# the image is not built from.
FROM golang:1.26-alpine3.23 AS base
WORKDIR /src
FROM base AS test-noroot
# want: DKS4003 info "chmod 0777 makes files world-writable; stage test-noroot is a builder or test stage"
RUN mkdir /go/pkg && chmod 0777 /go/pkg
USER 1000:1000
RUN --mount=target=. CGO_ENABLED=0 GOCACHE=/tmp/gocache go test ./...
FROM scratch AS test-coverage
COPY --from=test-noroot /tmp/coverage.txt /coverage-noroot.txt
FROM base AS build
# The stage the image is built from: a warning.
# want: DKS4003 warning "^chmod 777 makes files world-writable$"
RUN chmod -R 777 /go
# A temporary directory that is removed by another RUN still ships.
# want: DKS4003 warning "chmod 777"
RUN mkdir /build && chmod 777 /build
RUN rm -rf /build
FROM build
# hadolint's Dockerfile: every stage with a CMD is an image of its own,
# built with --target.
FROM debian:trixie-slim AS debian
# want: DKS4003 warning "COPY --chmod=777 makes files world-writable$"
COPY --chmod=777 hadolint /bin/hadolint
CMD ["/bin/hadolint", "-"]
FROM build

# The common way to pin a Go toolchain: a global ARG's default. The builder
# feeds the shipped stage, so a warning; a builder whose output ships
# nowhere stays info.
ARG GO_VERSION=1.17
ARG XX_VERSION=1.4.0

FROM --platform=$BUILDPLATFORM tonistiigi/xx:${XX_VERSION} AS xx

# want: DKS2009 warning "golang:1\.17-alpine .*Go 1\.17 reached end of life on 2022-08-02 .*carry its Go standard library; the release comes from a build argument's default"
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
COPY --from=xx / /
RUN xx-go build -o /out/tool ./cmd/tool

# want: DKS2009 info "golang:1\.17-alpine .*this stage does not ship"
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS lint
RUN go vet ./...

FROM scratch
COPY --from=build /out/tool /

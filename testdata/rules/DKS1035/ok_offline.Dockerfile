# Without --resolve-base (no bases) the platform is unknown: silent.
FROM --platform=linux/arm64 registry.example.com/amd64-only:1
RUN make

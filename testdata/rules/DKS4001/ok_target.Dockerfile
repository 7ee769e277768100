# settings: {"Target": "release"}
FROM debian:12-slim AS base
RUN useradd -u 10001 app
USER 10001
# Not shipped with --target release, though it is the last stage.
FROM base AS debug
USER root
FROM base AS release
CMD ["/app"]
FROM debug AS last

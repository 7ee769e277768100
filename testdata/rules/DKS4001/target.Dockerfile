# settings: {"Target": "debug"}
FROM debian:12-slim AS base
RUN useradd -u 10001 app
FROM base AS debug
RUN apt-get update && apt-get install -y --no-install-recommends gdb
# --target debug ships this stage: its last USER is root.
# want: DKS4001 "root"
USER root
FROM base AS release
USER 10001
CMD ["/app"]

FROM ubuntu:24.04
FROM ghcr.io/acme/app:1.0
COPY --from=quay.io/acme/tools:1 /tool /usr/local/bin/

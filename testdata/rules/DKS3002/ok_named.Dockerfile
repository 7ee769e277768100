FROM fedora:40
RUN dnf -y update openssl
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends --only-upgrade openssl

FROM debian:12
# The finding points at the line of the shell, inside the RUN.
# want: DKS2004
RUN set -eux; \
    apt-get update; \
    curl -fsSL https://get.example.com \
      | sh

FROM debian:12
# Recommends turned off in the same RUN, before the install.
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99-no-recommends \
 && apt-get update \
 && apt-get install -y curl \
 && rm -rf /var/lib/apt/lists/*

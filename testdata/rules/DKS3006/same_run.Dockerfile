FROM debian:12
# Turned off only after the install: the install took them.
# want: DKS3006 "apt-get install also installs recommended packages"
RUN apt-get update && apt-get install -y wget \
 && echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99-no-recommends \
 && rm -rf /var/lib/apt/lists/*

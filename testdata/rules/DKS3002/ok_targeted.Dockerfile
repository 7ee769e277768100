FROM opensuse/leap:15.6
RUN zypper -n update curl && zypper -n install -y jq
RUN apk upgrade --no-cache openssl
RUN yum update -y openssl && yum clean all
RUN apt-get update && apt-get upgrade -y libssl3 && rm -rf /var/lib/apt/lists/*

FROM opensuse/leap:15.6
RUN zypper -n update curl && zypper -n install -y jq
RUN apk upgrade --no-cache openssl
RUN yum update -y openssl && yum clean all

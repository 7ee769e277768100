FROM debian:12
# want: DKS3005 "apt-get install without -y"
RUN apt-get update && apt-get install --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
# want: DKS3005
# want: DKS3005
RUN apt-get install -q python3 && apt-get install --quiet jq
# want: DKS3005 "yum install"
RUN yum install httpd-2.4.24 && yum clean all
# want: DKS3005 "dnf install"
RUN dnf install httpd-2.4.24 && dnf clean all
# microdnf does not prompt without a terminal: info.
# want: DKS3005 info "microdnf install without -y"
ONBUILD RUN microdnf install httpd-2.4.24 && microdnf clean all
# want: DKS3005 "zypper install without --non-interactive"
RUN zypper install httpd=2.4.24 && zypper clean
# want: DKS3005 "apt-get remove"
RUN ["apt-get", "remove", "vim"]
# want: DKS3005 "apt-get install"
RUN <<EOF
apt-get install --no-install-recommends jq
EOF

FROM fedora:41
RUN dnf update && dnf install -y dnf-plugins-core-4.9.0 && dnf clean all
RUN yum update -y && yum -y install java-11-openjdk && yum clean all
RUN zypper up -y && zypper install -y curl && zypper clean
RUN dnf update -y openssl
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends gettext
EOF

FROM fedora:41
# want: DKS3001 "dnf update runs without an install"
RUN dnf update -y
# want: DKS3001 "yum update"
RUN ["yum", "update", "-y"]
# want: DKS3001 "zypper up"
ONBUILD RUN zypper up -y
# want: DKS3001 "apt-get update"
RUN <<EOF
apt-get update
echo done
EOF

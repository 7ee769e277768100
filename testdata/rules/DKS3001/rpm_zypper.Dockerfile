FROM fedora:41
# want: DKS3001 "dnf makecache runs without an install"
RUN dnf makecache
# want: DKS3001 "yum makecache"
RUN ["yum", "makecache"]
# want: DKS3001 "zypper ref"
ONBUILD RUN zypper ref
# want: DKS3001 "apt-get update"
RUN <<EOF
apt-get update
echo done
EOF

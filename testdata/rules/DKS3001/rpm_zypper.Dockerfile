FROM fedora:41
# A later ONBUILD trigger may install from the index: a warning.
# want: DKS3001 warning "dnf makecache runs without an install"
RUN dnf makecache
# want: DKS3001 warning "yum makecache"
RUN ["yum", "makecache"]
# want: DKS3001 warning "zypper ref"
ONBUILD RUN zypper ref
# want: DKS3001 info "apt-get update"
RUN <<EOF
apt-get update
echo done
EOF

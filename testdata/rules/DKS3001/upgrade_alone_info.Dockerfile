FROM fedora:41
# yum, dnf and zypper update upgrade every package (DKS3002 says so too):
# not a stale index, an upgrade the build cache keeps: info.
# want: DKS3001 info "dnf update upgrades every package in a RUN that installs nothing"
RUN dnf update -y
# want: DKS3001 info "yum update"
RUN ["yum", "update", "-y"]
# want: DKS3001 info "zypper up"
RUN zypper up -y

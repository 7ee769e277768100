FROM ubuntu:24.04
# want: DKS3007 "apt update: apt has no stable"
RUN apt update && apt-get install -y --no-install-recommends curl
# want: DKS3007 "apt install"
ONBUILD RUN apt install -y jq
# want: DKS3007
RUN <<EOF
apt-get update
apt full-upgrade -y
EOF

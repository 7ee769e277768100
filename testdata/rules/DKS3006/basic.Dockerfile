FROM debian:12
# want: DKS3006 "apt-get install also installs recommended packages"
RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
# want: DKS3006
RUN ["apt-get", "install", "-y", "apt-utils"]
# want: DKS3006 "apt install"
ONBUILD RUN apt install -y jq
# want: DKS3006
RUN <<EOF
apt-get install -y jq
EOF

FROM debian:12
# want: DKS3004 "apt-get update leaves the package lists in /var/lib/apt/lists"
RUN apt-get update && apt-get install -y --no-install-recommends curl
# want: DKS3004 "apt update"
RUN rm -rf /var/lib/apt/lists/* && apt update && apt install -y jq
# want: DKS3004 "apk add without --no-cache"
RUN apk add --no-cacher bash
# want: DKS3004 "apk add"
RUN ["apk", "add", "python3"]
# want: DKS3004 "yum install leaves its cache in /var/cache/yum"
RUN yum install -y bash && yum clean metadata
# want: DKS3004 "yum install"
RUN yum clean all && yum install -y zsh
# want: DKS3004 "dnf install"
RUN dnf install -y bash && microdnf clean all
# want: DKS3004 "microdnf install"
RUN microdnf install -y bash && microdnf clean all && microdnf install -y zsh
# want: DKS3004 "zypper install"
RUN zypper -n install bash
# want: DKS3004 "pip install without --no-cache-dir"
RUN pip install flask==3.0.3
# want: DKS3004 "pip install"
RUN export PIP_NO_CACHE_DIR=off && pip install flask==3.0.3
# want: DKS3004 "yarn install"
RUN yarn cache clean && yarn install
# want: DKS3004 "npm ci leaves its cache in ~/.npm"
RUN npm ci
# want: DKS3004 "pip install"
RUN --mount=type=cache,target=/var/cache/foo pip install flask==3.0.3
# want: DKS3004 "keeps the downloaded .deb files"
RUN --mount=type=cache,target=/var/lib/apt \
    rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y --no-install-recommends curl

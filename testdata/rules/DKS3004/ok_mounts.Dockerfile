# syntax=docker/dockerfile:1
FROM debian:12
ENV PIP_NO_CACHE_DIR=1
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends curl
RUN --mount=type=cache,target=/var/cache/apt --mount=type=tmpfs,target=/var/lib/apt \
    rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y --no-install-recommends jq
RUN --mount=type=cache,target=/var/cache/apk apk add -U curl
RUN --mount=type=tmpfs,target=/var/cache/yum yum install -y bash
RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y bash
RUN --mount=type=cache,target=/var/cache/zypp zypper -n install bash
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
RUN --mount=type=cache,target=/root/.npm npm ci
RUN pip install flask
RUN --mount=type=secret,id=pip,target=/root/.config/pip/pip.conf pip install --no-cache-dir six

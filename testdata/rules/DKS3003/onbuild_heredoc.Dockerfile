FROM alpine:3.20 AS build
# want: DKS3003 "apk add"
ONBUILD RUN apk add --no-cache curl
# want: DKS3003 "pip install"
RUN <<EOF
set -e
apk add --no-cache py3-pip=24.0-r2
pip install --no-cache-dir flask
EOF

FROM alpine:3.20
ARG version
COPY --from=build /x /x
# A version variable set only in another stage is empty here.
FROM fedora:41 AS other
ENV version=2.51.0-2.fc42
FROM fedora:41
# want: DKS3003 "version is declared in another stage"
RUN dnf -y install git-core-${version}

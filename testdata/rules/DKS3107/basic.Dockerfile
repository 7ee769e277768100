FROM debian:12 AS build
# want: DKS3107 "pipeline from wget without pipefail"
RUN wget -O - https://some.site | wc -l > /number
SHELL ["/bin/sh", "-o", "pipefail", "-c"]
# want: DKS3107
RUN curl -fsSL https://example.com/x.tgz | tar -xz
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/x.tgz | tar -xz
SHELL ["/bin/sh", "-c"]
# want: DKS3107
RUN curl -fsSL https://example.com/x.tgz | tar -xz
FROM debian:12
# want: DKS3107 "pipeline from wget"
RUN echo start | tee /log && wget -qO- https://example.com/list | xargs ls
# a remote query, and a tool whose failure tee hides
# want: DKS3107 "pipeline from git"
RUN export TAG=$(git ls-remote --tags --refs https://example.com/r.git | tail -n 1 | cut -d/ -f3)
# want: DKS3107 "pipeline from govulncheck"
RUN govulncheck ./... | tee /out/govulncheck.out
# grep at the end does not fail closed on a partial download
# want: DKS3107 "pipeline from curl"
RUN curl -fsSL https://example.com/list | grep -v '^#' > /list
# A package manager keeps printing when it fails: grep may still match
# (checkov's RunApkAllowUntrusted fixture).
# want: DKS3107 "pipeline from apk"
RUN apk add a-handbag | grep "allow-untrusted"
# grep reads a file, not the download.
# want: DKS3107 "pipeline from wget"
RUN wget -qO- https://example.com | grep "no-check-certificate" /etc/passwd
# A grep whose output is used is a filter: a truncated download gives a
# truncated value.
# want: DKS3107 "pipeline from curl"
RUN VERSION="$(curl -fsSL https://api.github.com/repos/o/r/releases/latest | grep -o 'v[0-9.]*' )" && echo "$VERSION"
# gpg --dearmor writes an empty keyring from an empty input.
# want: DKS3107 "pipeline from curl"
RUN curl -fsSL https://packages.cloud.google.com/apt/doc/apt-key.gpg | gpg --dearmor -o /usr/share/keyrings/cloud.google.gpg

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
# want: DKS3107 "pipeline from find"
RUN echo start | tee /log && find / -name '*.so' | xargs ls

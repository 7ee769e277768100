FROM alpine:3.20 AS base
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
RUN wget -qO- https://example.com/a.tgz | tar -xz
FROM base
RUN wget -qO- https://example.com/b.tgz | tar -xz
FROM debian:12
SHELL ["/usr/local/bin/zsh", "-o", "errexit", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/x.tgz | tar -xz
FROM debian:12
RUN set -euo pipefail && curl -fsSL https://example.com/x.tgz | tar -xz
RUN wget -O - https://some.site && wc -l file > /number
FROM mcr.microsoft.com/powershell:lts
SHELL ["pwsh", "-c"]
RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value
FROM debian:12
# nothing upstream of these pipes can fail
RUN echo "kaka" | sed 's/a/o/g' >> /root/afile
RUN echo "$SHA256  app.tgz" | sha256sum -c - && yes | apt-get install foo

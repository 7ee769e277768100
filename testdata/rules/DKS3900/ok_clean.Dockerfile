FROM debian:12 AS base
ARG lower_arg=1
ENV lower_env=2
RUN echo "$HOME" "$lower_arg" "$lower_env" "$HTTP_PROXY" "$no_proxy"
RUN <<EOF
set -e
echo "$lower_env"
EOF
ONBUILD RUN echo "$lower_env"
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN source /etc/os-release && echo "$RANDOM"

FROM base
RUN source /etc/os-release
RUN ["foobar", "$f"]
RUN <<EOF
#!/usr/bin/env python3
print("not a shell script", $x)
EOF

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value

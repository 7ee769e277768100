FROM debian:12
# want: DKS2004 "curl is piped into sh"
RUN curl -fsSL https://get.example.com | sh
# want: DKS2004 "wget is piped into bash"
RUN apt-get update \
    && wget -qO- https://get.example.com/install.sh \
       | bash -s -- --yes
# want: DKS2004
RUN curl -sSL https://x.example.com/i.sh | sudo -E bash -
# want: DKS2004
RUN sh -c "$(curl -fsSL https://get.example.com/install.sh)"
# want: DKS2004
RUN <<EOF
set -e
curl -fsSL https://get.example.com | sh
EOF

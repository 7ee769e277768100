FROM node:20 AS base
RUN wget -q https://example.com/a
# want: DKS3008 "curl is used here and wget earlier"
RUN curl -fsSLO https://example.com/b
RUN echo hello
# want: DKS3008 "wget is used here and curl earlier"
RUN wget -q https://example.com/c

FROM base
# want: DKS3008 "both used in this RUN"
RUN <<EOF
wget -q https://example.com/d
curl -fsSLO https://example.com/e
EOF

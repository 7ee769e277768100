FROM alpine:3.20
# want: DKS2003 "https://example.com/tool.tar.gz"
ADD https://example.com/tool.tar.gz /opt/
# want: DKS2003 "\*\*\*@example.com"
ADD https://user:pw@example.com/x.bin /opt/

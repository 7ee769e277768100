FROM debian:12
# want: DKS2003 "made executable"
RUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl \
 && chmod +x /usr/local/bin/kubectl
# want: DKS2003 "unpacked by tar"
RUN curl -fsSL https://get.helm.sh/helm-v3.16.1-linux-amd64.tar.gz | gunzip | tar -x -C /usr/local
# want: DKS2003 "installed by dpkg"
RUN wget -q https://example.com/pkg/tool_1.2_amd64.deb \
 && dpkg -i tool_1.2_amd64.deb \
 && rm tool_1.2_amd64.deb
# want: DKS2003 "executed by bash"
RUN cd /tmp && curl -fsSLO "https://example.com/install-${VERSION}.sh" && bash "install-${VERSION}.sh"
# want: DKS2003 "executed"
RUN curl -fsSL -o install.sh https://example.com/install.sh && ./install.sh --yes
ARG URL=https://example.com/tool.zip
# want: DKS2003 "unpacked by unzip"
RUN wget -O /tmp/tool.zip "$URL" && unzip /tmp/tool.zip -d /opt
# want: DKS2003 "installed into /usr/local/bin/"
RUN curl -sSfL https://example.com/tool -o tool && mv tool /usr/local/bin/
# Downloaded in one RUN, installed in the next.
RUN curl -fsSLo /tmp/app.tgz https://example.com/app.tgz
# want: DKS2003 "line 21"
RUN tar -xzf /tmp/app.tgz -C /opt
# Run before it is verified: reported once, where it runs.
# want: DKS2003 "is executed without"
RUN curl -fsSLo /usr/local/bin/helper https://example.com/helper && chmod +x /usr/local/bin/helper && /usr/local/bin/helper --version && echo "abc  /usr/local/bin/helper" | sha256sum -c -
# A check of another file does not cover this one.
# want: DKS2003 "made executable"
RUN curl -fsSLo /usr/local/bin/kind https://example.com/kind && chmod +x /usr/local/bin/kind \
 && curl -fsSLo /tmp/kubectl https://example.com/kubectl && echo "abc  /tmp/kubectl" | sha256sum -c -

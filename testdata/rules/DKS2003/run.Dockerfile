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
# Every download a command uses is reported, each once (SeleniumHQ's
# NodeChromium installs four .deb files with one apt-get).
# want: DKS2003 "a.deb downloaded by wget"
# want: DKS2003 "b.deb downloaded by wget"
RUN wget https://example.com/a.deb https://example.com/b.deb && dpkg -i a.deb b.deb
# want: DKS2003 "chromium-common.deb"
# want: DKS2003 "chromium-driver.deb"
RUN wget -q ${CHROMIUM_DEB_SITE}/pool/main/c/chromium/chromium-common_${CHROMIUM_VERSION}-1_amd64.deb -O /tmp/chromium/chromium-common.deb \
 && wget -q ${CHROMIUM_DEB_SITE}/pool/main/c/chromium/chromium-driver_${CHROMIUM_VERSION}-1_amd64.deb -O /tmp/chromium/chromium-driver.deb \
 && apt-get -qqyf install /tmp/chromium/chromium-common.deb /tmp/chromium/chromium-driver.deb
# curl pairs its -o options with its URLs in order.
# want: DKS2003 "c.tgz downloaded by curl"
# want: DKS2003 "d.tgz downloaded by curl"
RUN curl -fsSL https://example.com/c.tgz -o c.tgz https://example.com/d.tgz -o d.tgz && tar -xzf c.tgz && tar -xzf d.tgz
# Made executable and moved into a bin directory: one finding, at the first.
# want: DKS2003 "kubectl downloaded by curl \(line \d+\) is made executable"
RUN curl -LO https://storage.googleapis.com/kubernetes-release/release/v1.31.0/bin/linux/amd64/kubectl \
    && chmod +x kubectl && mv kubectl /usr/local/bin
# kubernetes/test-infra: two binaries prepared by the same commands.
# want: DKS2003 "cfssl downloaded"
# want: DKS2003 "cfssljson downloaded"
RUN wget -q -O cfssl "https://github.com/cloudflare/cfssl/releases/download/v${CFSSL_VERSION}/cfssl_${CFSSL_VERSION}_linux_amd64" && \
    wget -q -O cfssljson "https://github.com/cloudflare/cfssl/releases/download/v${CFSSL_VERSION}/cfssljson_${CFSSL_VERSION}_linux_amd64" && \
    chmod +x cfssl cfssljson && \
    mv cfssl cfssljson /usr/local/bin
# A proxy's URL is not a download.
# want: DKS2003 "tool.tgz downloaded by curl"
RUN curl -x http://proxy.internal:3128 -fsSLo tool.tgz https://example.com/tool.tgz && tar -xzf tool.tgz

FROM debian:12
ARG KUBECTL_SHA256=7f3c2bcd3bd5d3e7f1e3e4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f
RUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl \
 && echo "${KUBECTL_SHA256}  /usr/local/bin/kubectl" | sha256sum -c - \
 && chmod +x /usr/local/bin/kubectl
RUN curl -fsSLO https://example.com/app.tgz \
 && curl -fsSLO https://example.com/app.tgz.asc \
 && gpg --batch --verify app.tgz.asc app.tgz \
 && tar -xzf app.tgz -C /opt
RUN wget -q https://example.com/tool.tar.gz && cosign verify-blob --key cosign.pub --signature tool.tar.gz.sig tool.tar.gz && tar xf tool.tar.gz
# Fetched but only read or kept as data.
RUN curl -fsSL https://example.com/config.json -o /etc/app/config.json
RUN curl -fsSL https://download.docker.com/linux/debian/gpg | gpg --dearmor -o /etc/apt/keyrings/docker.gpg
RUN curl -fsSL https://example.com/health && echo ok
# Creating an archive with the same name is not unpacking it.
RUN curl -fsSLo notes.txt https://example.com/notes.txt && tar -czf notes.tgz notes.txt
# Verified in a separate RUN before use.
RUN curl -fsSLo /tmp/app.tgz https://example.com/app.tgz
RUN echo "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  /tmp/app.tgz" | sha256sum -c -
RUN tar -xzf /tmp/app.tgz -C /opt
# Made executable first, verified before anything runs it.
RUN curl -fsSLo /usr/local/bin/gosu https://example.com/gosu && chmod +x /usr/local/bin/gosu \
 && curl -fsSLo /tmp/gosu.asc https://example.com/gosu.asc && gpg --batch --verify /tmp/gosu.asc /usr/local/bin/gosu \
 && gosu nobody true
# jenkinsci/docker: gpg --verify of the .asc alone checks the file beside it.
RUN curl -fsSL "https://github.com/krallin/tini/releases/download/${TINI_VERSION}/tini-static-${TARGETARCH}" -o /sbin/tini \
  && curl -fsSL "https://github.com/krallin/tini/releases/download/${TINI_VERSION}/tini-static-${TARGETARCH}.asc" -o /sbin/tini.asc \
  && gpg --verify /sbin/tini.asc \
  && chmod +x /sbin/tini

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
# nginxinc/docker-nginx: the digest compared in an if that exits 1 otherwise.
RUN XSLSCRIPT_SHA512="f7194c5198daeab9b3b0c3aebf006922c7df1d345d454bd8474489ff2eb6b4bf8e2ffe442489a45d1aab80da6ecebe0097759a1e12cc26b5f0613d05b7c09ffa *stdin" \
    && wget -O /tmp/xslscript.pl https://example.com/xslscript.pl \
    && if [ "$(cat /tmp/xslscript.pl | openssl sha512 -r)" = "$XSLSCRIPT_SHA512" ]; then \
        chmod +x /tmp/xslscript.pl; \
        mv /tmp/xslscript.pl /usr/local/bin/; \
    else \
        exit 1; \
    fi
RUN REVISION="${NGINX_VERSION}-${PKG_RELEASE}" \
    && curl -f -L -O https://example.com/pkg-oss/archive/${REVISION}.tar.gz \
    && PKGOSSCHECKSUM="3a4e869eded0c71e92f522e94edffea7fbfb5e78886ea7e484342fa2e028c62099a67d08860c249bf93776da97b924225e0d849dbb4697b298afe5421d7d6fea *${REVISION}.tar.gz" \
    && if [ "$(openssl sha512 -r ${REVISION}.tar.gz)" = "$PKGOSSCHECKSUM" ]; then \
        echo "pkg-oss tarball checksum verification succeeded!"; \
    else \
        exit 1; \
    fi \
    && tar xzvf ${REVISION}.tar.gz
# dotnet/dotnet-docker: one wget fetches the archive and the checksum list,
# awk picks the archive's line out of the list into sha512sum -c.
RUN aspnetcore_version=8.0.30 \
    && wget \
        https://builds.dotnet.microsoft.com/dotnet/aspnetcore/Runtime/$aspnetcore_version/aspnetcore-runtime-$aspnetcore_version-linux-musl-x64.tar.gz \
        https://builds.dotnet.microsoft.com/dotnet/checksums/$aspnetcore_version-sha.txt \
    && awk -v file="aspnetcore-runtime-$aspnetcore_version-linux-musl-x64.tar.gz" '{gsub(/\r/, "")} $2 == file' $aspnetcore_version-sha.txt | sha512sum -c \
    && mkdir --parents /dotnet \
    && tar --gzip --extract --no-same-owner --file aspnetcore-runtime-$aspnetcore_version-linux-musl-x64.tar.gz --directory /dotnet ./shared/Microsoft.AspNetCore.App
# Fetched again to the same path before anything runs it: the first copy
# is gone, and the second is checked.
RUN curl -fsSLo /usr/local/bin/tool https://example.com/tool-old && chmod +x /usr/local/bin/tool \
 && curl -fsSLo /usr/local/bin/tool https://example.com/tool && echo "abc  /usr/local/bin/tool" | sha256sum -c -

FROM python:3.12-slim
# A tag, a commit, a variable (the version is a build argument): pinned.
RUN pip install git+https://github.com/org/proj.git@v1.2.3 git+https://github.com/org/proj.git@0123456789abcdef0123456789abcdef01234567
RUN pip install --no-cache-dir git+https://github.com/scrapy/scrapy.git@$SCRAPY_VERSION
# A hash in the URL, or --require-hashes.
RUN pip install "https://download.pytorch.org/whl/cpu/torch-2.4.0-cp312-cp312-linux_x86_64.whl#sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
RUN pip install --require-hashes -r requirements.txt https://example.com/pkg-1.0.tar.gz
# An index is not an archive.
RUN pip install -v --no-cache-dir --index-url 'https://download.pytorch.org/whl/cpu' torch==2.4.0
# npm: a tag or commit of a git source, a scoped package, a local folder.
RUN npm i user/pinned#v1.0.0 github:user/repo#0123456789abcdef0123456789abcdef01234567 @scope/pkg@1.2.3 ./local
# The archive and its checksum file, both saved by one curl, checked before use.
RUN curl -fsSL -O https://example.com/x-1.0.tar.gz -O https://example.com/x-1.0.tar.gz.sha256 \
 && sha256sum -c x-1.0.tar.gz.sha256 && tar -xzf x-1.0.tar.gz
# A check inside an if still comes before the use.
RUN curl -fsSLO https://example.com/y.tar.gz && if [ -n "$Y_SHA" ]; then echo "$Y_SHA  y.tar.gz" | sha256sum -c -; fi && tar -xzf y.tar.gz
# dotnet/dotnet-docker: the archive and a checksum list saved by one curl;
# the list names the archive inside.
RUN dotnet_version=9.0.19 \
    && curl --fail --show-error --location \
        --remote-name https://builds.dotnet.microsoft.com/dotnet/Runtime/$dotnet_version/dotnet-runtime-$dotnet_version-linux-arm.tar.gz \
        --remote-name https://builds.dotnet.microsoft.com/dotnet/checksums/$dotnet_version-sha.txt \
    && sed -i 's/\r$//' $dotnet_version-sha.txt \
    && sha512sum -c $dotnet_version-sha.txt --ignore-missing \
    && mkdir --parents /dotnet \
    && tar --gzip --extract --no-same-owner --file dotnet-runtime-$dotnet_version-linux-arm.tar.gz --directory /dotnet

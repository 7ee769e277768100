# Pipelines headed by a local query, or ending in a checksum check that
# fails on a truncated input: pipefail would change nothing that matters.
FROM debian:12
RUN dpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"; echo "$dpkgArch"
RUN locale -a | grep 'en_US.utf8'
RUN google-chrome --version | awk '{print $3}' > /opt/browser_version
RUN apt-mark showmanual | xargs apt-mark auto > /dev/null
RUN find /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { print $(NF-1) }' | sort -u | xargs -r apt-mark manual
RUN if ! cat /etc/group | grep -e "^npm:" > /dev/null 2>&1; then groupadd -r npm; fi
RUN go env | grep -E 'OS=|ARCH='
RUN echo testuser:100000:65536 | tee /etc/subuid | tee /etc/subgid
RUN grep " node-v1.0.0-linux-x64.tar.xz\$" SHASUMS256.txt | sha256sum -c -
RUN serverMd5="$(md5sum /usr/local/bin/redis-server | cut -d' ' -f1)"; echo "$serverMd5"

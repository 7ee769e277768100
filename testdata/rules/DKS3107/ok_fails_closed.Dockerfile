# Pipelines that fail anyway when their first command fails: pipefail
# would change nothing.
FROM debian:12
# jessfraz/dockerfiles, kubernetes/release: apt-key add and gpg --import
# fail on an empty or truncated key.
RUN curl -sS https://download.spotify.com/debian/pubkey_0D811D58.gpg | apt-key add - \
	&& echo "deb http://repository.spotify.com stable non-free" >> /etc/apt/sources.list.d/spotify.list
RUN wget -qO- https://packagecloud.io/AtomEditor/atom/gpgkey | apt-key add -
RUN curl -sSL "https://www.tarsnap.com/tarsnap-signing-key-2015.asc" | gpg --no-tty --import
# A download tested by grep: a failed download leaves nothing to match
# (checkov's RunUnsafeCurl fixture).
RUN curl https://example.com | grep -k lol
RUN curl -fsS http://localhost:8080/health | grep -q '"status":"ok"'
RUN wget -qO- https://example.com/version | tr -d '\r' | grep -x '1.2.3' > /dev/null
# Local queries of the package database, the groups, two files.
RUN if dpkg -l | grep -i ruby; then exit 1; fi
RUN if [ -z "$(dpkg --get-selections | grep libzmq3-dev)" ]; then apt-get update && apt-get -y install --no-install-recommends libzmq3-dev; fi
RUN groups | grep cool_kids
RUN apt-get remove --purge -y $(diff /tmp/dpkg.clean /tmp/dpkg.dirty | awk '/^>/ {print $2}')

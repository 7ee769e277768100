FROM alpine:3.20
# buildah's tests/bud/copy-chmod: a file copied into /tmp is as writable as
# the layer check expects anything there to be.
COPY --chmod=777 copychmod.txt /tmp
ADD --chmod=777 --chown=2367:3267 addchmod.txt /tmp/
RUN chmod 666 /tmp/app.sock && mkdir -m 777 /var/tmp/spool
FROM debian:12
# docker-library/nginx's otel variants: the 777 directory is mktemp's, for
# APT's _apt user, and the same RUN removes it: nothing world-writable ships.
RUN set -eux; \
    tempDir="$(mktemp -d)" \
    && chmod 777 "$tempDir" \
    && ( cd "$tempDir" && apt-get source hello ) \
    && if [ -n "$tempDir" ]; then \
        rm -rf "$tempDir" /etc/apt/sources.list.d/temp.list; \
    fi
RUN mkdir -p /build/out && chmod -R a+w /build/out && make -C /build && rm -rf /build
# kubernetes/release's cross image: a second TMPDIR, made sticky like /tmp
# by the next command.
ENV TMPDIR /tmp.k8s
RUN mkdir $TMPDIR \
  && chmod a+rwx $TMPDIR \
  && chmod o+t $TMPDIR
RUN install -d -m 0777 /srv/drop && chmod 1777 /srv/drop

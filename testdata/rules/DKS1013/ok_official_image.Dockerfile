FROM debian:12
# An official image, named on purpose: the builder pulls it.
COPY --from=alpine /etc/apk/arch /root/
COPY --from=busybox / /opt/busybox/

FROM alpine:3.20
VOLUME /data
VOLUME ["/var/lib/app", "/var/log/app"]

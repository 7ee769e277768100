FROM alpine:3.20
WORKDIR /app
WORKDIR /development
WORKDIR /srv/proc
WORKDIR proc
VOLUME /var/lib/app /devices

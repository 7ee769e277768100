FROM debian:12
# Directories created world-writable by install and mkdir.
# want: DKS4003 "install -m 0777"
RUN install -d -m 0777 /app/uploads
# want: DKS4003 "mkdir -m 777"
RUN mkdir -p -m 777 /var/log/app
# want: DKS4003 "mkdir -m a\+rwx"
RUN mkdir --mode=a+rwx /srv/shared
# want: DKS4003 "install -m 666"
RUN install -Dm666 app.conf /etc/app/app.conf
# want: DKS4003 "ADD --chmod=0777"
ADD --chmod=0777 scripts/ /opt/scripts/
# want: DKS4003 "COPY --chmod=777"
COPY --chmod=777 --chown=app:app data /data

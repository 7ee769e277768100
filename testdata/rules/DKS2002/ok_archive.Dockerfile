FROM alpine:3.20
ADD rootfs.tar.gz /
ADD https://example.com/file.txt /tmp/
ADD git@github.com:moby/buildkit.git /src
COPY app.py /app/

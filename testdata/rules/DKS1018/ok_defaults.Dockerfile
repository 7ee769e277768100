ARG VERSION=1.36
ARG VARIANT=""
FROM busybox:${VERSION}
FROM busybox:stable${VARIANT}
FROM busybox:1.36

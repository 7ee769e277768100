FROM alpine:3.20
# a .dockerignore with ! exceptions is not judged
COPY Dockerfile /

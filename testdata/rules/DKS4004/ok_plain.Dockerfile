FROM alpine:3.20
RUN chmod 0755 /usr/local/bin/helper && chmod a-s /usr/bin/passwd
RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true

# The script is read and runs its command as root; installing su-exec
# does not change that.
FROM alpine:3.20
RUN apk add --no-cache su-exec && adduser -D app
COPY context/app-entrypoint.sh /entrypoint.sh
# want-file: DKS4001 warning "stage #0 sets no USER, so the container runs as root"
ENTRYPOINT ["/entrypoint.sh"]
CMD ["/usr/local/bin/app"]

# docker-library/postgres's Dockerfile, built with its context: the
# entrypoint switches to postgres with su-exec before the server starts.
FROM alpine:3.23
RUN addgroup -g 70 -S postgres && adduser -u 70 -S -D -G postgres -H -h /var/lib/postgresql postgres
RUN apk add --no-cache su-exec
COPY context/docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]

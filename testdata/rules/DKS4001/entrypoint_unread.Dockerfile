# docker-library/postgres's Dockerfile without its build context (the
# corpus keeps Dockerfiles alone): gosu is installed for the entrypoint, but
# the script cannot be read to confirm it switches user.
FROM alpine:3.23
RUN adduser -u 70 -S -D -H postgres
RUN set -eux; \
	wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \
	chmod +x /usr/local/bin/gosu; \
	gosu nobody true
COPY docker-entrypoint.sh /usr/local/bin/
# want-file: DKS4001 info "its entrypoint docker-entrypoint.sh starts as root; the image installs gosu"
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]

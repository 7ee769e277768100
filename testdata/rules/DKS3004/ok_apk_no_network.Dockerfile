FROM alpine:3.22
# --no-network installs the local .apk files without fetching an index
# (docker-library/httpd's shape).
RUN apk add --no-network --virtual .httpd-so-deps /tmp/packages/*.apk; \
	apk del --no-network .build-deps

FROM debian:forky
# apt 2.7's dist-clean removes the package lists and the archives.
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates curl gnupg; \
	apt-get dist-clean

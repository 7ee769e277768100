#!/usr/bin/env bash
# The shape of docker-library/postgres's entrypoint: prepare as root, then
# run the server as postgres.
set -Eeo pipefail
if [ "${1:0:1}" = '-' ]; then
	set -- postgres "$@"
fi
if [ "$1" = 'postgres' ] && [ "$(id -u)" = '0' ]; then
	mkdir -p "$PGDATA"
	chown -R postgres "$PGDATA"
	exec su-exec postgres "$BASH_SOURCE" "$@"
fi
exec "$@"

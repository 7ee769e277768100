#!/bin/sh
# redis/docker-library-redis: the tool comes from a variable.
set -e
SETPRIV="/usr/bin/setpriv --reuid redis --regid redis --clear-groups"
if [ "$1" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then
	find . \! -user redis -exec chown redis '{}' +
	exec $SETPRIV --nnp "$0" "$@"
fi
exec "$@"

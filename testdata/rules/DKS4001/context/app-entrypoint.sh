#!/bin/sh
# Prepares and runs the command as it is: as root. (Mentions gosu only in
# a message.)
set -e
echo "starting $1; use gosu app yourself if you want another user" >&2
chown -R app /data
exec "$@"

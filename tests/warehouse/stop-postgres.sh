#!/bin/sh
# Stops the server start-postgres.sh started in DIR and removes DIR. Usage: stop-postgres.sh DIR
set -eu
dir=$1
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop
    else
        "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop
    fi
fi
rm -rf "$dir"

#!/bin/sh
# Starts a throw-away PostgreSQL server for the warehouse tests and loads the generated FOCUS
# table (generate-focus.sql, 1,000,000 rows by default). Usage: start-postgres.sh DIR PORT [ROWS]
#   DIR   a folder of its own (wiped): data, socket, server.log (every statement is logged, so a
#         test can see which query ran on the server)
#   PORT  a TCP port of its own on 127.0.0.1
# The server refuses to run as root: as root it runs as the "postgres" user (runuser), else as
# the current user. Role "roi" (superuser, password "roi-test-password"): trust over the socket,
# SCRAM password over TCP, so a wrong password is refused as on a real server.
set -eu
dir=$1
port=$2
rows=${3:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "start-postgres.sh: PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2
    exit 1
fi
"$here/stop-postgres.sh" "$dir" >/dev/null 2>&1 || true
rm -rf "$dir"
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    run() { runuser -u postgres -- "$@"; }
else
    run() { "$@"; }
fi
printf '%s\n' roi-test-password >"$dir/pw"
# The server's user may not be able to read the source tree (a clone under /root): copy the SQL.
cp "$here/generate-focus.sql" "$dir/generate-focus.sql"
chmod 644 "$dir/generate-focus.sql"
chmod 644 "$dir/pw"
run "$bindir/initdb" -D "$dir/data" -U roi --pwfile="$dir/pw" -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
# No durability needed: fsync off makes the load fast. log_statement=all: the test reads the log.
run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off -c log_statement=all -c TimeZone=UTC" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
run "$bindir/psql" -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U roi -d postgres \
    -c "CREATE DATABASE warehouse" >/dev/null
start=$(date +%s)
run "$bindir/psql" -q -v ON_ERROR_STOP=1 -v rows="$rows" -h "$dir" -p "$port" -U roi \
    -d warehouse -f "$dir/generate-focus.sql" >/dev/null
echo "PostgreSQL on 127.0.0.1:$port, data in $dir; $rows FOCUS rows loaded in \
$(( $(date +%s) - start )) s"

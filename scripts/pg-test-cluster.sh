#!/usr/bin/env bash
# Sourced by ./test when DB=pg: starts a private, throw-away PostgreSQL cluster on 127.0.0.1:55432
# (installing PostgreSQL from Debian when it is missing) and exports DATABASE_URL.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ -n "${DATABASE_URL:-}" ]; then return 0; fi
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo ">> 安装 PostgreSQL"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PGPORT="${UNIONHOME_PG_PORT:-55432}"
PGDATA="${UNIONHOME_PG_DIR:-/tmp/unionhome-pg-$PGPORT}"
RUN=()
if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); fi
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA"
  "${RUN[@]}" "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$PGDATA/server.log" \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
fi
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='unionhome'" | grep -q 1 \
  || "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE ROLE unionhome SUPERUSER LOGIN"
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='unionhome'" | grep -q 1 \
  || "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE unionhome OWNER unionhome"
export DATABASE_URL="postgres://unionhome@127.0.0.1:$PGPORT/unionhome"
export UNIONHOME_PG_BIN="$PGBIN"
echo ">> PostgreSQL: $DATABASE_URL"

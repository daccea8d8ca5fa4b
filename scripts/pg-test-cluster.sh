#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the team-book tests: initdb'd as a non-root user, listening on loopback only,
# with one database. `start` prints the one line the tests need:
#   eval "$(scripts/pg-test-cluster.sh start)"   # exports DEALBOOK_TEST_PG=postgres://...
# `stop` stops it and removes its files; `restart` restarts it in place (the reconnect tests use it); `down` stops
# it and keeps its files, `up` starts it again (a database away for a while); `env` prints the export line of a
# running cluster.
# Settings: DEALBOOK_PG_DIR (default /tmp/dealbook-pg-test), DEALBOOK_PG_PORT (default 54329), PG_BIN (default
# Debian's /usr/lib/postgresql/<newest>/bin, else whatever initdb is on PATH).
set -euo pipefail

DIR="${DEALBOOK_PG_DIR:-/tmp/dealbook-pg-test}"
PORT="${DEALBOOK_PG_PORT:-54329}"
DB=dealbook_test
ROLE=dealbook

if [ -z "${PG_BIN:-}" ]; then
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$newest" ]; then PG_BIN="$newest"; else PG_BIN="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"; fi
fi
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "pg-test-cluster: PostgreSQL's initdb was not found (install Debian's postgresql package, or set PG_BIN)" >&2
  exit 2
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user (Debian's package makes it).
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {
  printf 'postgres://%s:%s@127.0.0.1:%s/%s' "$ROLE" "$(cat "$DIR/password")" "$PORT" "$DB"
}

start() {
  if [ -f "$DIR/data/postmaster.pid" ] && as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    echo "export DEALBOOK_TEST_PG='$(url)'"
    return
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  umask 077
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$DIR/password"
  echo "$ROLE" >"$DIR/role"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$DIR"; fi
  as_owner "$PG_BIN/initdb" -D "$DIR/data" -U "$ROLE" --pwfile="$DIR/password" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
  # Loopback only; the socket stays inside the cluster's own folder; fsync kept on (the crash tests mean it).
  as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c max_connections=200" start >/dev/null \
    || { cat "$DIR/server.log" >&2; exit 1; }
  as_owner env PGPASSWORD="$(cat "$DIR/password")" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$ROLE" "$DB"
  echo "export DEALBOOK_TEST_PG='$(url)'"
}

stop() {
  if [ -d "$DIR/data" ]; then as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$DIR"
}

down() {
  as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
}

up() {
  as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c max_connections=200" start >/dev/null
}

restart() {
  down
  up
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) restart ;;
  down) down ;;
  up) up ;;
  env) echo "export DEALBOOK_TEST_PG='$(url)'" ;;
  *) echo "usage: $0 start|stop|restart|down|up|env" >&2; exit 2 ;;
esac

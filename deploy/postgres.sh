#!/usr/bin/env bash
# Private PostgreSQL 15 for OrleansHall: loopback only, trust auth, data in DATA_DIR.
#   deploy/postgres.sh start DATA_DIR PORT   create if needed, start (idempotent), create database orleanshall
#   deploy/postgres.sh stop DATA_DIR         fast shutdown (ok if not running)
#   deploy/postgres.sh status DATA_DIR       exit 0 when running, 3 when stopped
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DATABASE="${ORLEANSHALL_DATABASE:-orleanshall}"

die() { echo "postgres.sh: $*" >&2; exit 1; }

usage() {
  echo "usage: $0 start DATA_DIR PORT | stop DATA_DIR | status DATA_DIR" >&2
  exit 2
}

[[ -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/initdb" ]] ||
  die "PostgreSQL 15 binaries not found in $PG_BIN; install them with: apt-get install postgresql-15"

[[ $# -ge 2 ]] || usage
command="$1"
data_dir_arg="$2"
[[ -n "$data_dir_arg" ]] || die "DATA_DIR is empty; expected a directory path"

# Absolute path, so the server and socket paths do not depend on the caller's working directory.
if [[ "$command" == start ]]; then mkdir -p "$data_dir_arg"; fi
[[ -d "$data_dir_arg" ]] || die "DATA_DIR '$data_dir_arg' does not exist; expected the directory given to 'start'"
DATA_DIR="$(cd "$data_dir_arg" && pwd -P)"

# initdb and pg_ctl refuse root; as root everything runs as the postgres user.
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user; install postgresql-15 or run as the owner of $DATA_DIR"
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
  chown postgres:postgres "$DATA_DIR"
  # postgres must be able to traverse every parent (mktemp -d directories are 0700).
  parent="$(dirname "$DATA_DIR")"
  while [[ "$parent" != "/" ]]; do
    if ! runuser -u postgres -- test -x "$parent"; then chmod o+x "$parent"; fi
    parent="$(dirname "$parent")"
  done
else
  as_pg() { "$@"; }
  [[ -O "$DATA_DIR" ]] || die "$DATA_DIR is owned by someone else; run as its owner or as root"
fi
chmod 0700 "$DATA_DIR"

is_running() { as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; }

socket_dir() {
  # Unix socket paths are limited to 107 bytes; fall back to /tmp for deep data directories.
  if (( ${#DATA_DIR} + 20 < 100 )); then echo "$DATA_DIR"; else echo /tmp; fi
}

start() {
  local port="$1"
  [[ "$port" =~ ^[0-9]+$ ]] && (( port > 0 && port < 65536 )) || die "PORT '$port' is not a TCP port; expected 1-65535"

  if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
    [[ -z "$(ls -A "$DATA_DIR")" ]] || die "$DATA_DIR is neither empty nor a PostgreSQL data directory"
    echo "postgres.sh: creating cluster in $DATA_DIR"
    local initdb_log
    initdb_log="$(mktemp)"
    as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$initdb_log" 2>&1 ||
      { cat "$initdb_log" >&2; rm -f "$initdb_log"; die "initdb failed for $DATA_DIR"; }
    rm -f "$initdb_log"
    # Loopback only: no other host may even try.
    as_pg tee "$DATA_DIR/pg_hba.conf" >/dev/null <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA
    echo "include_if_exists = 'orleanshall.conf'" | as_pg tee -a "$DATA_DIR/postgresql.conf" >/dev/null
  fi

  if is_running; then
    echo "postgres.sh: already running in $DATA_DIR"
  else
    # Rewritten on every start so the port and socket follow the caller.
    as_pg tee "$DATA_DIR/orleanshall.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$(socket_dir)'
max_connections = 200
CONF
    if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 start >/dev/null; then
      tail -n 20 "$DATA_DIR/server.log" >&2 || true
      die "server in $DATA_DIR did not start on port $port (see $DATA_DIR/server.log)"
    fi
  fi

  local running_port
  running_port="$(sed -n 4p "$DATA_DIR/postmaster.pid" 2>/dev/null || true)"
  [[ "$running_port" == "$port" ]] || die "server in $DATA_DIR already runs on port $running_port, not $port; stop it first"

  local tries=0
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    (( ++tries <= 120 )) || die "server on 127.0.0.1:$port does not accept connections after 60 s"
    sleep 0.5
  done

  local psql=("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
  if [[ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]]; then
    "${psql[@]}" -c "CREATE DATABASE \"$DATABASE\""
  fi
  echo "postgres.sh: ready on 127.0.0.1:$port (database $DATABASE, data $DATA_DIR)"
}

stop() {
  if is_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w -t 60 stop >/dev/null
    echo "postgres.sh: stopped $DATA_DIR"
  else
    echo "postgres.sh: not running in $DATA_DIR"
  fi
}

status() {
  if is_running; then
    echo "postgres.sh: running in $DATA_DIR on port $(sed -n 4p "$DATA_DIR/postmaster.pid")"
  else
    echo "postgres.sh: not running in $DATA_DIR"
    exit 3
  fi
}

case "$command" in
  start) [[ $# -eq 3 ]] || usage; start "$3" ;;
  stop) [[ $# -eq 2 ]] || usage; stop ;;
  status) [[ $# -eq 2 ]] || usage; status ;;
  *) usage ;;
esac

#!/usr/bin/env bash
# Private PostgreSQL 15 for OrleansHall: loopback only, data in DATA_DIR, least privilege:
#   - the superuser "postgres" logs in only over the Unix socket, with peer authentication (the OS user postgres, or
#     the user who runs this script, mapped in pg_ident.conf); TCP refuses it;
#   - "orleanshall_owner" owns the database and its schema and runs the migrations (SCRAM password over TCP);
#   - "orleanshall_app" is what silos use: rows, never the schema; hall_events INSERT and SELECT only (the grants
#     are in deploy/sql/900-grants.sql, applied with the migrations).
# The two passwords are made on first start and kept apart, each in a file of mode 600 beside DATA_DIR: DIR/pgpass holds
# only the application role's (what silos are given), DIR/pgpass-owner only the owner's (for the migrations). The
# connection strings name the file (Passfile=), so no password is on a command line or in an environment variable.
#   deploy/postgres.sh start DATA_DIR PORT            create if needed, start (idempotent), roles, database orleanshall
#   deploy/postgres.sh stop DATA_DIR                  fast shutdown (ok if not running)
#   deploy/postgres.sh status DATA_DIR                exit 0 when running, 3 when stopped
#   deploy/postgres.sh connection DATA_DIR ROLE       print the Npgsql connection string for app, owner or superuser
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DATABASE="${ORLEANSHALL_DATABASE:-orleanshall}"
OWNER_ROLE=orleanshall_owner
APP_ROLE=orleanshall_app

die() { echo "postgres.sh: $*" >&2; exit 1; }

usage() {
  echo "usage: $0 start DATA_DIR PORT | stop DATA_DIR | status DATA_DIR | connection DATA_DIR app|owner|superuser" >&2
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
PGPASS="$(dirname "$DATA_DIR")/pgpass"
PGPASS_OWNER="$(dirname "$DATA_DIR")/pgpass-owner"

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
    as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$initdb_log" 2>&1 ||
      { cat "$initdb_log" >&2; rm -f "$initdb_log"; die "initdb failed for $DATA_DIR"; }
    rm -f "$initdb_log"
    echo "include_if_exists = 'orleanshall.conf'" | as_pg tee -a "$DATA_DIR/postgresql.conf" >/dev/null
  fi
  write_access_rules

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

  as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" reload >/dev/null # the access rules written above, on a server already running
  create_roles "$port"
  echo "postgres.sh: ready on 127.0.0.1:$port (database $DATABASE, data $DATA_DIR, passwords in $PGPASS and $PGPASS_OWNER)"
}

# Written on every start, so a cluster made by an older version (trust everywhere) is closed too.
write_access_rules() {
  as_pg tee "$DATA_DIR/pg_hba.conf" >/dev/null <<HBA
# The superuser: only over the Unix socket, as an OS user mapped in pg_ident.conf. Never over TCP.
local all postgres            peer map=owners
host  all postgres            127.0.0.1/32 reject
# Everyone else: SCRAM passwords, loopback only (no other host may even try).
local all all                 scram-sha-256
host  all all                 127.0.0.1/32 scram-sha-256
HBA
  as_pg tee "$DATA_DIR/pg_ident.conf" >/dev/null <<IDENT
owners postgres postgres
owners $(id -un) postgres
IDENT
}

# The password of a role from its file, made (32 random characters, mode 600) on first use.
password_of() {
  local role="$1" file="$2"
  if [[ ! -s "$file" ]]; then
    (umask 077; echo "*:*:*:$role:$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32)" >"$file")
  fi
  chmod 600 "$file"
  local password
  password="$(sed -n "s/^\*:\*:\*:$role://p" "$file")"
  [[ -n "$password" ]] || die "$file lacks a line for $role; remove the file to make a new password"
  echo "$password"
}

# The owner and application roles with their passwords, the database owned by the owner.
create_roles() {
  local port="$1"
  if [[ -s "$PGPASS" && ! -s "$PGPASS_OWNER" ]] && grep -q ":$OWNER_ROLE:" "$PGPASS"; then
    # An older version kept both passwords in one file: the owner's moves to its own.
    (umask 077; grep ":$OWNER_ROLE:" "$PGPASS" >"$PGPASS_OWNER")
    grep -v ":$OWNER_ROLE:" "$PGPASS" >"$PGPASS.new"; chmod 600 "$PGPASS.new"; mv "$PGPASS.new" "$PGPASS"
  fi
  local owner_password app_password
  owner_password="$(password_of "$OWNER_ROLE" "$PGPASS_OWNER")"
  app_password="$(password_of "$APP_ROLE" "$PGPASS")"

  # As the superuser over the socket; the passwords travel on stdin, never on a command line, and this session's
  # statements are kept out of the server log even if one fails.
  local psql=("$PG_BIN/psql" -X -q -h "$(socket_dir)" -p "$port" -U postgres -v ON_ERROR_STOP=1)
  as_pg "${psql[@]}" -d postgres >/dev/null <<SQL
SET log_min_error_statement = panic;
SET log_statement = 'none';
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$OWNER_ROLE') THEN CREATE ROLE $OWNER_ROLE; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE') THEN CREATE ROLE $APP_ROLE; END IF;
END \$\$;
ALTER ROLE $OWNER_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$owner_password';
ALTER ROLE $APP_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$app_password';
SQL
  if [[ "$(as_pg "${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]]; then
    as_pg "${psql[@]}" -d postgres -c "CREATE DATABASE \"$DATABASE\" OWNER $OWNER_ROLE" >/dev/null
  fi
  # A database made by an older version belongs to the superuser, and so do its tables and functions: hand them over,
  # so the owner role can run the migrations.
  as_pg "${psql[@]}" -d "$DATABASE" >/dev/null <<SQL
ALTER DATABASE "$DATABASE" OWNER TO $OWNER_ROLE;
DO \$\$ DECLARE item record; BEGIN
  FOR item IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relowner = 'postgres'::regrole AND c.relkind IN ('r', 'v', 'p') LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO $OWNER_ROLE', item.name);
  END LOOP;
  FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = 'public' AND p.proowner = 'postgres'::regrole LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO $OWNER_ROLE', item.name);
  END LOOP;
END \$\$;
SQL
}

# The Npgsql connection string of a role for the database, on the port the server was last started on.
connection() {
  local role="$1" port
  port="$(sed -n 's/^port = //p' "$DATA_DIR/orleanshall.conf" 2>/dev/null || true)"
  [[ -n "$port" ]] || die "$DATA_DIR has not been started; run: $0 start $DATA_DIR PORT"
  case "$role" in
    app) echo "Host=127.0.0.1;Port=$port;Username=$APP_ROLE;Database=$DATABASE;Passfile=$PGPASS" ;;
    owner) echo "Host=127.0.0.1;Port=$port;Username=$OWNER_ROLE;Database=$DATABASE;Passfile=$PGPASS_OWNER" ;;
    superuser) echo "Host=$(socket_dir);Port=$port;Username=postgres;Database=$DATABASE" ;;
    *) die "ROLE '$role' is not one of app, owner, superuser" ;;
  esac
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
  connection) [[ $# -eq 3 ]] || usage; connection "$3" ;;
  *) usage ;;
esac

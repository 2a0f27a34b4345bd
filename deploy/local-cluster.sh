#!/usr/bin/env bash
# Several OrleansHall silos on this machine, sharing one PostgreSQL: the "several silos" setup in small.
#   deploy/local-cluster.sh start [N]   publish the silo, start the private PostgreSQL and N silos (default 2)
#   deploy/local-cluster.sh stop        stop the silos (graceful), then the private PostgreSQL
#   deploy/local-cluster.sh status      show each silo's health
# Silo i listens on 11111+i (silo), 30000+i (gateway) and 8080+i (HTTP: /healthz; /dashboard on silo 0 only).
# Silos and clients speak mutual TLS with certificates from deploy/pki.sh in DATA_DIR/pki (hallctl finds admin.crt).
# Environment: ORLEANSHALL_DB (use this PostgreSQL instead of starting one), PG_PORT (default 55432),
#              DATA_DIR (default <repo>/.data), SKIP_PUBLISH=1 (reuse the last published silo).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${DATA_DIR:-$ROOT/.data}"
RUN_DIR="$DATA_DIR/cluster"
PUBLISH_DIR="$ROOT/.artifacts/silo"
PG_PORT="${PG_PORT:-55432}"
# ORLEANSHALL_DB: the silos' (application role's) connection; ORLEANSHALL_MIGRATIONS_DB: the owner's, for the schema.
DB="${ORLEANSHALL_DB:-}"
MIGRATIONS_DB="${ORLEANSHALL_MIGRATIONS_DB:-}"

die() { echo "local-cluster.sh: $*" >&2; exit 1; }

health() { curl -sf --max-time 2 "http://127.0.0.1:$((8080 + $1))/healthz" 2>/dev/null || true; }

start() {
  local count="${1:-2}"
  [[ "$count" =~ ^[0-9]+$ ]] && (( count >= 1 && count <= 20 )) || die "N '$count' is not a silo count; expected 1-20"
  command -v dotnet >/dev/null || die "dotnet not found; install the .NET 10 SDK"
  if ! command -v curl >/dev/null; then
    [[ $(id -u) -eq 0 ]] || die "curl not found; install it with: apt-get install curl"
    apt-get install -y -q curl >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q curl >/dev/null; } ||
      die "curl not found and apt-get install curl failed"
  fi
  mkdir -p "$RUN_DIR"

  if [[ -z "$DB" ]]; then
    "$ROOT/deploy/postgres.sh" start "$DATA_DIR/pg" "$PG_PORT"
    DB="$("$ROOT/deploy/postgres.sh" connection "$DATA_DIR/pg" app)"
    MIGRATIONS_DB="$("$ROOT/deploy/postgres.sh" connection "$DATA_DIR/pg" owner)"
  fi

  if [[ "${SKIP_PUBLISH:-0}" != 1 || ! -f "$PUBLISH_DIR/OrleansHall.Silo.dll" ]]; then
    echo "local-cluster.sh: publishing the silo to $PUBLISH_DIR"
    dotnet publish "$ROOT/Silo/OrleansHall.Silo.csproj" -c Release -o "$PUBLISH_DIR" --nologo -v quiet >"$RUN_DIR/publish.log" 2>&1 ||
      { tail -n 30 "$RUN_DIR/publish.log" >&2; die "publishing the silo failed (see $RUN_DIR/publish.log)"; }
  fi

  # The schema, once, as the owner role; the silos then hold only the application role's login.
  if [[ -n "$MIGRATIONS_DB" ]]; then
    (cd "$PUBLISH_DIR" && ORLEANSHALL_ConnectionStrings__Migrations="$MIGRATIONS_DB" dotnet OrleansHall.Silo.dll migrate) >"$RUN_DIR/migrate.log" 2>&1 ||
      { cat "$RUN_DIR/migrate.log" >&2; die "applying the schema failed (see $RUN_DIR/migrate.log)"; }
  fi

  # Mutual TLS as ./run.sh does it: one CA in .data/pki, a certificate per silo, the administrator's for hallctl.
  local pki="$DATA_DIR/pki"
  "$ROOT/deploy/pki.sh" init "$pki" >/dev/null
  [[ -f "$pki/admin.crt" ]] || "$ROOT/deploy/pki.sh" issue "$pki" admin admin >/dev/null

  local i
  for (( i = 0; i < count; i++ )); do
    [[ -f "$pki/silo-$i.crt" ]] || "$ROOT/deploy/pki.sh" issue "$pki" silo "silo-$i" >/dev/null
    local pid_file="$RUN_DIR/silo-$i.pid"
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "local-cluster.sh: silo $i already running (pid $(cat "$pid_file"))"
      continue
    fi
    local dashboard=false
    (( i == 0 )) && dashboard=true
    # The published folder is the content root, so the silo finds its appsettings.json.
    (
      cd "$PUBLISH_DIR"
      ORLEANSHALL_ConnectionStrings__Orleans="$DB" \
      ORLEANSHALL_Silo__ApplySchema="$([[ -n "$MIGRATIONS_DB" ]] && echo false || echo true)" \
      ORLEANSHALL_Silo__Name="silo-$i" \
      ORLEANSHALL_Silo__SiloPort=$((11111 + i)) \
      ORLEANSHALL_Silo__GatewayPort=$((30000 + i)) \
      ORLEANSHALL_Silo__HttpPort=$((8080 + i)) \
      ORLEANSHALL_Silo__Dashboard=$dashboard \
      ORLEANSHALL_Tls__Certificate="$pki/silo-$i.crt" ORLEANSHALL_Tls__Key="$pki/silo-$i.key" \
      ORLEANSHALL_Tls__Ca="$pki/ca.crt" ORLEANSHALL_Tls__Revoked="$pki/revoked.txt" \
      setsid nohup dotnet OrleansHall.Silo.dll >"$RUN_DIR/silo-$i.log" 2>&1 </dev/null &
      echo $! >"$pid_file"
    )
    echo "local-cluster.sh: started silo $i (pid $(cat "$pid_file"), log $RUN_DIR/silo-$i.log)"
  done

  # Ready when every silo reports itself active and sees all N.
  local deadline=$((SECONDS + 180))
  for (( i = 0; i < count; i++ )); do
    until [[ "$(health "$i")" == *'"status":"ok"'*"\"activeSilos\":$count"* ]]; do
      kill -0 "$(cat "$RUN_DIR/silo-$i.pid")" 2>/dev/null ||
        { tail -n 20 "$RUN_DIR/silo-$i.log" >&2; die "silo $i exited during start-up (see $RUN_DIR/silo-$i.log)"; }
      (( SECONDS < deadline )) || die "silo $i not active with $count silos after 180 s; last health: $(health "$i")"
      sleep 1
    done
  done
  echo "local-cluster.sh: $count silos active; dashboard http://127.0.0.1:8080/dashboard"
}

stop() {
  local pid_file
  shopt -s nullglob
  for pid_file in "$RUN_DIR"/silo-*.pid; do
    local pid
    pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      # SIGTERM lets the silo leave the cluster cleanly and hand its grains over.
      kill -TERM "$pid"
      local waited=0
      while kill -0 "$pid" 2>/dev/null && (( waited < 60 )); do sleep 0.5; waited=$((waited + 1)); done
      kill -0 "$pid" 2>/dev/null && { echo "local-cluster.sh: silo pid $pid ignored SIGTERM for 30 s; killing it" >&2; kill -KILL "$pid"; }
      echo "local-cluster.sh: stopped $(basename "$pid_file" .pid) (pid $pid)"
    fi
    rm -f "$pid_file"
  done
  if [[ -z "${ORLEANSHALL_DB:-}" && -d "$DATA_DIR/pg" ]]; then
    "$ROOT/deploy/postgres.sh" stop "$DATA_DIR/pg"
  fi
}

status() {
  local pid_file any=0
  shopt -s nullglob
  for pid_file in "$RUN_DIR"/silo-*.pid; do
    any=1
    local name i
    name="$(basename "$pid_file" .pid)"
    i="${name#silo-}"
    if kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "$name pid $(cat "$pid_file") http://127.0.0.1:$((8080 + i)) $(health "$i")"
    else
      echo "$name not running (stale pid file)"
    fi
  done
  (( any )) || { echo "local-cluster.sh: no silos started from $RUN_DIR"; exit 3; }
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [N] | stop | status" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Starts a published silo and console outside the checkout, configured from the systemd examples
# (deploy/systemd/silo.env.example, web.env.example) with only hosts, ports and paths replaced, as an operator would
# install them; waits until both are healthy, then stops everything. Exit 0 when both started.
#   deploy/published-smoke.sh [WORK_DIR]     (default: a fresh temporary directory, removed afterwards)
# Needs a Release build of the solution (it publishes from it, without building) and the models in .cache/models
# (deploy/fetch-media.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-$(mktemp -d)}"
KEEP_WORK="${1:+yes}"
HALLCTL=(dotnet "$ROOT/Clients/bin/Release/net10.0/hallctl.dll")
say() { echo "published-smoke: $*"; }
die() { echo "published-smoke: $*" >&2; exit 1; }

# A random loopback port nothing answers on, and not handed out before in this run.
taken=" "
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 30000 ))
    [[ "$taken" != *" $port "* ]] || continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then taken+="$port "; echo "$port"; return; fi
  done
}
[[ -f "$ROOT/Clients/bin/Release/net10.0/hallctl.dll" ]] || die "build the solution first (dotnet build -c Release)"
[[ -d "$ROOT/.cache/models" ]] || die "no models in $ROOT/.cache/models; run deploy/fetch-media.sh"
mkdir -p "$WORK"
# postgres must reach the data directory under WORK (mktemp -d makes it 0700).
chmod 755 "$WORK"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  "$ROOT/deploy/postgres.sh" stop "$WORK/pg" >/dev/null 2>&1 || true
  [[ -n "$KEEP_WORK" ]] || rm -rf "$WORK"
}
trap cleanup EXIT

say "publishing the silo and the console to $WORK/opt"
dotnet publish "$ROOT/Silo/OrleansHall.Silo.csproj" -c Release --no-build -o "$WORK/opt/silo" --nologo -v quiet >"$WORK/publish.log" 2>&1 || { tail -20 "$WORK/publish.log" >&2; die "publishing the silo failed"; }
dotnet publish "$ROOT/Web/OrleansHall.Web.csproj" -c Release --no-build -o "$WORK/opt/web" --nologo -v quiet >>"$WORK/publish.log" 2>&1 || { tail -20 "$WORK/publish.log" >&2; die "publishing the console failed"; }

# Not in subshells, so each port is remembered as taken.
free_port >"$WORK/port"; pg_port="$(<"$WORK/port")"; free_port >"$WORK/port"; silo_port="$(<"$WORK/port")"
free_port >"$WORK/port"; gateway_port="$(<"$WORK/port")"; free_port >"$WORK/port"; silo_http="$(<"$WORK/port")"
free_port >"$WORK/port"; web_port="$(<"$WORK/port")"
"$ROOT/deploy/postgres.sh" start "$WORK/pg" "$pg_port" >/dev/null
etc="$WORK/etc"; mkdir -p "$etc"
"$ROOT/deploy/pki.sh" init "$etc/pki" >/dev/null
"$ROOT/deploy/pki.sh" issue "$etc/pki" silo silo-21 >/dev/null
"$ROOT/deploy/pki.sh" issue "$etc/pki" console console >/dev/null
"${HALLCTL[@]}" keys new --file "$etc/biometric.keys" >/dev/null
printf '%s\n' "smoke-ops-password" | "${HALLCTL[@]}" users add --file "$etc/console-users.json" --name ops --role Ops >/dev/null

# The examples' keys, with this machine's hosts, ports and paths in place of /etc/orleanshall, /opt/orleanshall, 10.0.0.x.
from_example() { # example-file -> KEY=VALUE lines, paths and hosts replaced
  grep -E '^[A-Za-z_]+=' "$1" | sed -e "s|/etc/orleanshall|$etc|g" -e "s|/opt/orleanshall/models|$ROOT/.cache/models|g" \
    -e "s|/opt/orleanshall|$WORK/opt|g" -e "s|/var/lib/orleanshall|$WORK/var|g" -e "s|10\.0\.0\.[0-9]*|127.0.0.1|g"
}
{
  from_example "$ROOT/deploy/systemd/silo.env.example" | grep -v -e '^ORLEANSHALL_ConnectionStrings__Orleans=' -e '_SiloPort=' -e '_GatewayPort=' -e '_HttpPort=' \
    -e '^ORLEANSHALL_Tls__Certificate=' -e '^ORLEANSHALL_Tls__Key='
  echo "ORLEANSHALL_ConnectionStrings__Orleans=$("$ROOT/deploy/postgres.sh" connection "$WORK/pg" app)"
  echo "ORLEANSHALL_Silo__SiloPort=$silo_port"
  echo "ORLEANSHALL_Silo__GatewayPort=$gateway_port"
  echo "ORLEANSHALL_Silo__HttpPort=$silo_http"
  echo "ORLEANSHALL_Tls__Certificate=$etc/pki/silo-21.crt"
  echo "ORLEANSHALL_Tls__Key=$etc/pki/silo-21.key"
} >"$etc/silo.env"
{
  from_example "$ROOT/deploy/systemd/web.env.example" | grep -v -e '^OrleansHall__Gateways=' -e '^ASPNETCORE_URLS='
  echo "OrleansHall__Gateways=127.0.0.1:$gateway_port"
  echo "ASPNETCORE_URLS=http://127.0.0.1:$web_port"
} >"$etc/web.env"
echo "ORLEANSHALL_ConnectionStrings__Migrations=$("$ROOT/deploy/postgres.sh" connection "$WORK/pg" owner)" >"$etc/migrate.env"

# As systemd would: a clean environment from the file, the published folder as working directory.
# Run in the background (`run_unit ... &`) it becomes the program itself (exec), so $! is the program's pid.
run_unit() { # env-file dir dll [args]
  local env_file="$1" dir="$2"; shift 2
  cd "$dir" && exec env -i PATH="$PATH" HOME="$WORK" DOTNET_CLI_TELEMETRY_OPTOUT=1 $(cat "$env_file") dotnet "$@"
}

say "migrating as the owner role (orleanshall-migrate.service)"
(run_unit "$etc/migrate.env" "$WORK/opt/silo" OrleansHall.Silo.dll migrate) >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; die "migrate failed"; }

say "starting the silo (orleanshall-silo.service)"
run_unit "$etc/silo.env" "$WORK/opt/silo" OrleansHall.Silo.dll >"$WORK/silo.log" 2>&1 &
pids+=($!)
wait_for() { # url seconds what expected
  for _ in $(seq 1 "$2"); do
    [[ "$(curl -fs "$1" 2>/dev/null)" == *"$4"* ]] && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -30 "$WORK/$3.log" >&2; die "the $3 exited before it was healthy"; }
    sleep 1
  done
  tail -30 "$WORK/$3.log" >&2
  die "the $3 was not healthy at $1 within $2 s"
}
wait_for "http://127.0.0.1:$silo_http/healthz/ready" 120 silo Healthy
say "silo healthy: $(curl -s -u ops:smoke-ops-password "http://127.0.0.1:$silo_http/healthz/details")"

say "starting the console (orleanshall-web.service)"
run_unit "$etc/web.env" "$WORK/opt/web" OrleansHall.Web.dll >"$WORK/web.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$web_port/healthz" 120 web status
say "console healthy: $(curl -s "http://127.0.0.1:$web_port/healthz")"
# Stopped as systemd stops them (SIGTERM), and gone before this script says so.
for pid in "${pids[@]}"; do kill -TERM "$pid"; done
for pid in "${pids[@]}"; do
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && die "process $pid did not stop within 30 s of SIGTERM"
done
say "published silo and console started outside the checkout from the systemd examples, and stopped: ok"

#!/usr/bin/env bash
# Brings up the whole OrleansHall system on this machine:
#   private PostgreSQL (.data/pg, 127.0.0.1:55432) -> silo (dashboard :8080) -> console (:5000) -> simulated region.
# Installs what is missing first. Ctrl-C stops everything; a second run keeps the data in .data/.
# Settings (environment): ORLEANSHALL_PG_PORT, ORLEANSHALL_CONSOLE_PORT, ORLEANSHALL_DASHBOARD_PORT,
#   ORLEANSHALL_HALLS (simulated halls, default 4), ORLEANSHALL_SPEED (simulated time factor, default 1: real pace,
#   so waits and handling times read in real minutes), ORLEANSHALL_HISTORY_WEEKS (history written on the first
#   start, default 4).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
repo="$(pwd)"
data="$repo/.data"
logs="$data/logs"
pg_port="${ORLEANSHALL_PG_PORT:-55432}"
console_port="${ORLEANSHALL_CONSOLE_PORT:-5000}"
dashboard_port="${ORLEANSHALL_DASHBOARD_PORT:-8080}"
halls="${ORLEANSHALL_HALLS:-4}"
speed="${ORLEANSHALL_SPEED:-1}"
history_weeks="${ORLEANSHALL_HISTORY_WEEKS:-4}"
configuration=Release
bin() { echo "$repo/$1/bin/$configuration/net10.0"; }

say() { printf '\033[1mrun.sh:\033[0m %s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

mkdir -p "$logs"
say "checking system packages"
./deploy/install-deps.sh --no-browser
say "fetching models and media (cached in .cache/)"
./deploy/fetch-media.sh >"$logs/fetch-media.log" 2>&1 || { cat "$logs/fetch-media.log" >&2; die "could not fetch models and media"; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say "building ($configuration)"
dotnet build OrleansHall.sln -c "$configuration" -nologo -clp:ErrorsOnly -v:q >"$logs/build.log" 2>&1 || { cat "$logs/build.log" >&2; die "build failed"; }

pids=()
cleanup() {
  trap - INT TERM EXIT
  say "stopping"
  # Newest first (simulator, console, silo), each with SIGTERM so it shuts down gracefully: the simulator
  # drains its outbox and the silo leaves the cluster. SIGINT would not do: background jobs of a script ignore it.
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill -TERM "${pids[i]}" 2>/dev/null || continue
    for _ in $(seq 1 200); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "${pids[i]}" 2>/dev/null || true
  done
  ./deploy/postgres.sh stop "$data/pg" >/dev/null 2>&1 || true
  say "stopped; data kept in .data/"
  exit 0
}
trap cleanup INT TERM EXIT

say "starting PostgreSQL on 127.0.0.1:$pg_port"
./deploy/postgres.sh start "$data/pg" "$pg_port" >"$logs/postgres.log" 2>&1 || { cat "$logs/postgres.log" >&2; die "PostgreSQL did not start"; }
# Least privilege: the schema is applied by the owner role, the silo runs as the application role (rows only, the
# event log append-only); the passwords stay in .data/pgpass, which the connection strings name.
db="$(./deploy/postgres.sh connection "$data/pg" app)"
(cd "$(bin Silo)" && ConnectionStrings__Migrations="$(cd "$repo" && ./deploy/postgres.sh connection "$data/pg" owner)" \
  dotnet OrleansHall.Silo.dll migrate) >"$logs/migrate.log" 2>&1 || { cat "$logs/migrate.log" >&2; die "could not apply the database schema"; }

# Demo passwords are made once and kept (readable by this user only), so a second run signs in the same way.
users="$data/console-users.env"
if [[ ! -f "$users" ]]; then
  umask 077
  {
    echo "ADMIN_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 12)"
    echo "MANAGER_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 12)"
  } >"$users"
  umask 022
fi
# The dashboard's ops user came later: add its password to a file made before.
grep -q '^OPS_PASSWORD=' "$users" || echo "OPS_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 12)" >>"$users"
# shellcheck disable=SC1090
source "$users"
# The console reads only password hashes: hallctl writes them into the users file (mode 600) from the kept passwords.
users_file="$data/console-users.json"
if [[ ! -f "$users_file" || "$users" -nt "$users_file" ]]; then
  hallctl_dll="$(bin Clients)/hallctl.dll"
  printf '%s\n' "$ADMIN_PASSWORD" | dotnet "$hallctl_dll" users add --file "$users_file" --name admin --role RegionalOperator >/dev/null
  printf '%s\n' "$MANAGER_PASSWORD" | dotnet "$hallctl_dll" users add --file "$users_file" --name zhenhai --role HallManager --hall zhenhai >/dev/null
  printf '%s\n' "$OPS_PASSWORD" | dotnet "$hallctl_dll" users add --file "$users_file" --name ops --role Ops >/dev/null
fi

# Mutual TLS between every party: a CA for this checkout and a certificate each for the silo, the console and the
# administrator (hallctl and the simulator find admin.crt here by themselves), made once and kept.
pki="$data/pki"
./deploy/pki.sh init "$pki" >"$logs/pki.log"
for party in "silo silo-1" "console console" "admin admin"; do
  read -r role name <<<"$party"
  [[ -f "$pki/$name.crt" ]] || ./deploy/pki.sh issue "$pki" "$role" "$name" >>"$logs/pki.log"
done
gateway="127.0.0.1:30000"

wait_http() { # url seconds what
  for _ in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  die "$3 did not answer at $1 within $2 s (see $logs)"
}

say "starting silo (dashboard on :$dashboard_port)"
(cd "$(bin Silo)" && exec env ConnectionStrings__Orleans="$db" Silo__ApplySchema=false Silo__HttpPort="$dashboard_port" Silo__GatewayPort="${gateway##*:}" \
  Tls__Certificate="$pki/silo-1.crt" Tls__Key="$pki/silo-1.key" Tls__Ca="$pki/ca.crt" Tls__Revoked="$pki/revoked.txt" \
  Silo__DashboardUsers="$users_file" \
  dotnet OrleansHall.Silo.dll) > >("$repo/deploy/rotate-log.sh" "$logs/silo.log") 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$dashboard_port/healthz" 120 "the silo"

say "starting console on :$console_port"
# The console reaches the silo's gateway over TLS and holds no database login.
(cd "$(bin Web)" && exec env OrleansHall__Gateways="$gateway" ASPNETCORE_URLS="http://127.0.0.1:$console_port" \
  OrleansHall__Tls__Certificate="$pki/console.crt" OrleansHall__Tls__Revoked="$pki/revoked.txt" \
  ASPNETCORE_ENVIRONMENT=Production \
  OrleansHall__DataProtectionKeysPath="$data/console-keys" \
  OrleansHall__UsersFile="$users_file" \
  dotnet OrleansHall.Web.dll) > >("$repo/deploy/rotate-log.sh" "$logs/console.log") 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$console_port/healthz" 120 "the console"

# History for the charts, the forecast and the staffing page: written once, on the first start, for the weeks before
# it (a second run keeps it and adds live days on top; writing it again over live days would count them twice).
if [[ ! -f "$data/history-written" ]]; then
  say "writing $history_weeks weeks of simulated history for $halls halls (once)"
  dotnet "$(bin Clients)/hallctl.dll" simulate --gateway "$gateway" --history "$history_weeks" --halls "$halls" \
    >"$logs/history.log" 2>&1 || { tail -5 "$logs/history.log" >&2; die "could not write the history"; }
  tail -1 "$logs/history.log" > "$data/history-written"
fi

# The simulated day starts in opening hours so the numbers move whenever the demo is run.
hour=$(date +%H)
start_args=()
if (( 10#$hour < 9 || 10#$hour >= 17 )); then start_args=(--start "$(date +%Y-%m-%d)T09:30"); fi
say "starting simulated region: $halls halls, x$speed"
dotnet "$(bin Clients)/hallctl.dll" simulate --gateway "$gateway" --halls "$halls" --speed "$speed" "${start_args[@]}" \
  --media "$repo/.cache/media" --outbox-file "$data/outbox/simulate.jsonl" > >("$repo/deploy/rotate-log.sh" "$logs/simulate.log") 2>&1 &
pids+=($!)

cat <<INFO

  OrleansHall is running.
    console     http://127.0.0.1:$console_port        sign in: admin / $ADMIN_PASSWORD  (regional operator)
                                                   zhenhai / $MANAGER_PASSWORD  (manager of hall zhenhai)
    health      http://127.0.0.1:$console_port/healthz
    dashboard   http://127.0.0.1:$dashboard_port/dashboard   sign in: ops / $OPS_PASSWORD
    database    $db
                (the silo's application role, rows only; the superuser only over the Unix socket; clients hold no login)
    TLS         every connection to the cluster: certificates in $pki (deploy/pki.sh list $pki)
    logs        $logs/{silo,console,simulate}.log (rotated at 20 MiB, 5 kept)
  Ctrl-C stops everything; data stays in .data/.

INFO
wait -n "${pids[@]}" || true
say "a process exited unexpectedly; see $logs"
exit 1

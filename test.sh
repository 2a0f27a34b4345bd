#!/usr/bin/env bash
# Runs every OrleansHall test: unit, grain (in-process cluster), integration (real PostgreSQL the tests
# start themselves), vision (real models on real photos) and browser (real Chromium).
# Installs what is missing first. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
repo="$(pwd)"
configuration="${CONFIGURATION:-Release}"
results="$repo/.artifacts/test-results"

./deploy/install-deps.sh || { echo "test.sh: could not install system packages"; echo "0 passed, 1 failed"; exit 1; }
./deploy/fetch-media.sh || { echo "test.sh: could not fetch models and media"; echo "0 passed, 1 failed"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
echo "test.sh: building ($configuration)"
if ! dotnet build OrleansHall.sln -c "$configuration" -nologo -clp:ErrorsOnly; then
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

rm -rf "$results"
mkdir -p "$results"
status=0
for project in Tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "test.sh: running $name"
  dotnet test "$project" -c "$configuration" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
count="$(ls "$results"/*.trx 2>/dev/null | wc -l)"
projects="$(ls Tests/*/*.Tests.csproj | wc -l)"
if [[ "$count" -lt "$projects" ]]; then
  echo "test.sh: only $count of $projects test projects produced results"
  failed=$((failed + projects - count))
  status=1
fi
[[ $failed -eq 0 ]] || status=1
echo "$passed passed, $failed failed"
exit $status

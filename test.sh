#!/usr/bin/env bash
# Builds the solution and runs every test project. Installs the Debian packages the tests need when they are missing
# (as root), so a fresh machine with only the .NET SDK is enough. Ends with one line: "N passed, N failed".
#
#   ./test.sh          every tier: domain, grains, storage (SQLite + throwaway PostgreSQL), API, hub, Chromium, cluster
#   ./test.sh --fast   the domain and grain tests and the browser modules' Node tests only: no browser, no PostgreSQL,
#                      no cluster, no Debian packages; about a minute, for the edit-test loop
set -euo pipefail
cd "$(dirname "$0")"

fast=false
case "${1:-}" in
  --fast) fast=true ;;
  "") ;;
  *) echo "usage: ./test.sh [--fast]" >&2; exit 2 ;;
esac

missing=()
$fast || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
$fast || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
$fast || command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
$fast || command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages: ${missing[*]} (run as root to install them)" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts services on install; the tests run their own throwaway servers instead.
  for svc in postgresql redis-server nginx; do service "$svc" stop >/dev/null 2>&1 || true; done
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
if $fast; then
  echo "test.sh: building the fast tier ..."
  dotnet build tests/Grains.Tests/Grains.Tests.csproj -c Debug -nologo -v quiet -clp:ErrorsOnly
  dotnet test --project tests/Grains.Tests/Grains.Tests.csproj --no-build -c Debug 2>&1 | tee "$log" || status=$?
else
  echo "test.sh: building ..."
  dotnet build DiuParibahan.sln -c Debug -nologo -v quiet -clp:ErrorsOnly
  dotnet test --solution DiuParibahan.sln --no-build -c Debug 2>&1 | tee "$log" || status=$?
fi
# The browser modules' tests (plain Node, no packages). Their TAP output (five lines per test) goes to the log only, so
# the console keeps the .NET results in view; the summary and every failing test's block are printed.
node_log=$(mktemp)
trap 'rm -f "$log" "$node_log"' EXIT
node --test --test-reporter=tap tests/WebFrontend.Js/ >"$node_log" 2>&1 || status=$?
cat "$node_log" >>"$log"
awk '/^not ok [0-9]/ {n = 25} n > 0 {print; n--}' "$node_log"
grep -E '^# (tests|pass|fail) [0-9]+$' "$node_log" | sed 's/^# /node: /'

# Microsoft.Testing.Platform prints one "total: N, failed: N, succeeded: N, skipped: N" summary per test project.
passed=$(grep -oE '^\s*succeeded: [0-9]+$' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE '^\s*failed: [0-9]+$' "$log" | awk '{s+=$2} END {print s+0}')
passed=$((passed + $(grep -oE '^# pass [0-9]+$' "$log" | awk '{s+=$3} END {print s+0}')))
failed=$((failed + $(grep -oE '^# fail [0-9]+$' "$log" | awk '{s+=$3} END {print s+0}')))
# The failures again at the end, where a log that keeps only its tail still shows them.
# Each with the first lines of its message (stack frames left out), so a tail of the log says why, not only what.
if grep -qE '^failed [A-Za-z]|^not ok [0-9]' "$log"; then
  echo "test.sh: failed tests:"
  awk '/^failed [A-Za-z]|^not ok [0-9]/ {print "  " $0; n = 40; next}
       n > 0 && /^[^ ]/ {n = 0}
       n > 0 && !/^ +(at |--- End of stack trace)/ {print "    " $0; n--}' "$log"
fi
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  status=1
fi
echo "$passed passed, $failed failed"
exit "$status"

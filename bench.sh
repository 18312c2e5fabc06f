#!/usr/bin/env bash
# Benchmarks our system and a PostgreSQL row-lock baseline side by side and writes docs/benchmarks.md.
#   ./bench.sh [all|eid|holds|fanout|soak|scale|overload|queue|reports] [--smoke] [--volatile-postgres] [--queue-size=N]
# `queue` and `reports` (separate from `all`): `queue` measures the Eid waiting room (joins/s, sold-out notice p99;
# 20,000 waiters, each a SignalR follower, over two frontends and four load-generator processes so that none needs more
# than ~12,000 sockets; --queue-size=N changes the number of waiters);
# `reports` times the analytics reports on a generated year of data (~1M bookings) against
# the same reports computed from the raw events log.
# Release builds, loopback only, a throwaway PostgreSQL with production durability (fsync, full_page_writes and
# synchronous_commit on, for both systems; --volatile-postgres switches them off to compare); `all` takes about 10 minutes on 2 cores (budget: < 15).
# --smoke runs tiny parameters in about 2 minutes to check the machinery; its figures go to a clearly labelled section.
set -euo pipefail
cd "$(dirname "$0")"

usage() { sed -n '2,3p' "$0" | sed 's/^# *//'; }
# Checked here, before a build and a run of many minutes: anything unknown is a typo, not a request for everything.
for arg in "$@"; do
  case "$arg" in
    all|eid|holds|fanout|soak|scale|overload|queue|reports|--smoke|--volatile-postgres|--queue-size=[0-9]*) ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "bench.sh: PostgreSQL server binaries are missing (apt-get install -y postgresql, or run ./test.sh once as root)" >&2
  exit 1
fi

echo "bench.sh: building Release (silo, web frontend, benchmark) ..."
for project in src/Silo src/WebFrontend benchmarks; do
  dotnet build "$project" -c Release -nologo -v minimal -clp:NoSummary
done

# Many SignalR watchers need many sockets in one process (the waiting room spreads its 20,000 over processes).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec dotnet benchmarks/bin/Release/net10.0/DiuParibahan.Benchmarks.dll "$@"

#!/usr/bin/env bash
# Mutation testing with Stryker.NET (a local dotnet tool, .config/dotnet-tools.json): puts small bugs into the code one
# at a time and checks that some test fails for each. Not part of ./test.sh: it runs the tests once per mutant, so it
# takes minutes to hours. See docs/testing.md for when to run it, the scores and the survivors accepted as equivalent.
#
#   ./mutate.sh [domain|grains|web|all] [--since[=REF]] [more Stryker options ...]
#
#   domain   src/Grains/Domain (seat inventory, refund policy, booking state machine ...) against the domain tests only
#   grains   the rest of src/Grains (trip, booking and catalog grains) against all of tests/Grains.Tests (test silos)
#   web      the frontend's Auth, Payments and Bookings folders against tests/WebFrontend.Tests (no browser tests)
#   all      the three above, one after the other (the default)
#   --since  only mutants in files changed since REF (default main): the quick check before a merge
#
# Each run uses one test process (--concurrency 1: the machines are shared); set MUTATE_CONCURRENCY to use more.
# Reports: artifacts/mutation/<target>/reports/mutation-report.{html,json,md}. The settings per target are in
# mutation/<target>/stryker-config.json; extra options (e.g. --mutate '**/Domain/RefundPolicy.cs') go to Stryker.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

target=all
case "${1:-}" in
  domain|grains|web|all) target=$1; shift ;;
  ""|-*) ;;
  *) echo "usage: ./mutate.sh [domain|grains|web|all] [--since[=REF]] [Stryker options ...]" >&2; exit 2 ;;
esac

extra=()
for arg in "$@"; do
  case "$arg" in
    --since) extra+=("--since:main") ;;
    --since=*) extra+=("--since:${arg#--since=}") ;;
    *) extra+=("$arg") ;;
  esac
done

dotnet tool restore >/dev/null

run() {
  local name=$1 project_dir=$2
  echo "mutate.sh: $name ($project_dir) ..."
  # Stryker finds the project under test from its folder; the config's test-projects paths are relative to it.
  (cd "$project_dir" && dotnet stryker \
    --config-file "$root/mutation/$name/stryker-config.json" \
    --concurrency "${MUTATE_CONCURRENCY:-1}" \
    --output "$root/artifacts/mutation/$name" \
    --skip-version-check \
    ${extra[@]+"${extra[@]}"})
}

status=0
case "$target" in
  domain) run domain src/Grains ;;
  grains) run grains src/Grains ;;
  web) run web src/WebFrontend ;;
  all)
    run domain src/Grains || status=$?
    run grains src/Grains || status=$?
    run web src/WebFrontend || status=$?
    ;;
esac
exit "$status"

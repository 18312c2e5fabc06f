#!/usr/bin/env bash
# Mutation testing with Stryker.NET (a local dotnet tool, .config/dotnet-tools.json): puts small bugs into the code one
# at a time and checks that some test fails for each. Not part of ./test.sh: it runs the tests once per mutant, so it
# takes minutes to hours. See docs/testing.md for when to run it, the scores and the survivors accepted as equivalent.
#
#   ./mutate.sh [TARGET] [--since[=REF]] [more Stryker options ...]
#
#   domain            src/Grains/Domain (seat inventory, refund policy, booking state machine ...) against the domain tests
#   grains            the four parts below, one after the other (each grain against its own test classes)
#   grains:phones     PhoneQuotaGate, PhoneGrain, PhoneCommitLog,    against PhoneQuota*, PhoneGrain and HolderIndexGrain tests
#                     HolderIndexGrain
#   grains:trip       TripGrain and its parts                        against the Trip*, CounterSale and LadiesSeat grain tests
#   grains:booking    BookingGrain and its partial files             against the Booking*, OwedRefund, TicketResend,
#                                                                    CounterSale and TripOps grain tests
#   grains:boarding   BoardingGrain                                  against BoardingGrainTests
#   web               the frontend's Auth, Payments and Bookings folders against tests/WebFrontend.Tests (no browser tests)
#   web:auth          the access rules (BookingAccess, OwnerResolver, Roles, StaffAccessGuard, TokenIssuer) against
#                     their five Security test classes (BookingOwnership, BookingAccess, OwnerResolver, TokenIssuer, StaffAccessGuard)
#   all               domain, grains and web, one after the other (the default)
#   --since           only mutants in files changed since REF (default main): the quick check before a merge
#
# Each grain part is run against its own test classes because every silo test under Stryker's per-test coverage
# capture timed out ("coverage relay ack"): the grains targets use coverage-analysis "all" (one coverage run for the
# whole filter) and a narrow filter instead, so each mutant runs a few silo tests, not all of them.
# Each run uses one test process (--concurrency 1: the machines are shared); set MUTATE_CONCURRENCY to use more.
# Reports: artifacts/mutation/<target>/reports/mutation-report.{html,json,md} (grains:trip -> grains-trip). The settings
# per target are in mutation/<target>/stryker-config.json; extra options (e.g. --mutate '**/Domain/RefundPolicy.cs')
# go to Stryker.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

target=all
case "${1:-}" in
  domain|grains|grains:phones|grains:trip|grains:booking|grains:boarding|web|web:auth|all) target=$1; shift ;;
  ""|-*) ;;
  *) echo "usage: ./mutate.sh [domain|grains[:phones|:trip|:booking|:boarding]|web[:auth]|all] [--since[=REF]] [Stryker options ...]" >&2; exit 2 ;;
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

# run CONFIG PROJECT_DIR REPORT [scope options ...]: one Stryker run; the scope options (files to mutate, test filter)
# come before the caller's extra options.
run() {
  local name=$1 project_dir=$2 report=$3
  shift 3
  echo "mutate.sh: $report ($project_dir) ..."
  # Stryker finds the project under test from its folder; the config's test-projects paths are relative to it.
  (cd "$project_dir" && dotnet stryker \
    --config-file "$root/mutation/$name/stryker-config.json" \
    --concurrency "${MUTATE_CONCURRENCY:-1}" \
    --output "$root/artifacts/mutation/$report" \
    --skip-version-check \
    "$@" \
    ${extra[@]+"${extra[@]}"})
}

grain_tests=DiuParibahan.Grains.Tests.Grains
# Each part: the files it mutates and the test classes that exercise them (a class name prefix each).
grains_part() {
  case "$1" in
    phones)
      run grains src/Grains grains-phones \
        -m '**/Phones/PhoneQuotaGate.cs' -m '**/Phones/PhoneGrain.cs' -m '**/Phones/PhoneCommitLog.cs' \
        -m '**/Phones/HolderIndexGrain.cs' -m '**/Phones/HolderIndex.cs' \
        --test-case-filter "FullyQualifiedName~$grain_tests.PhoneQuota|FullyQualifiedName~$grain_tests.PhoneGrainTests|FullyQualifiedName~$grain_tests.HolderIndexGrainTests|FullyQualifiedName~DiuParibahan.Grains.Tests.Domain.HolderIndexTests" ;;
    trip)
      run grains src/Grains grains-trip \
        -m '**/Trips/TripGrain.cs' -m '**/Trips/TripGrain.*.cs' -m '**/Trips/TripCommitLog.cs' -m '**/Trips/TripOps.cs' \
        -m '**/Trips/TripActivityRecorder.cs' -m '**/Trips/TripAuditOutbox.cs' \
        --test-case-filter "FullyQualifiedName~$grain_tests.Trip|FullyQualifiedName~$grain_tests.CounterSale|FullyQualifiedName~$grain_tests.LadiesSeat" ;;
    booking)
      run grains src/Grains grains-booking \
        -m '**/Bookings/BookingGrain.cs' -m '**/Bookings/BookingGrain.*.cs' \
        --test-case-filter "FullyQualifiedName~$grain_tests.Booking|FullyQualifiedName~$grain_tests.OwedRefund|FullyQualifiedName~$grain_tests.TicketResend|FullyQualifiedName~$grain_tests.CounterSale|FullyQualifiedName~$grain_tests.TripOps" ;;
    boarding)
      run grains src/Grains grains-boarding \
        -m '**/Boarding/BoardingGrain.cs' \
        --test-case-filter "FullyQualifiedName~$grain_tests.BoardingGrainTests" ;;
  esac
}

status=0
case "$target" in
  domain) run domain src/Grains domain ;;
  grains)
    for part in phones trip booking boarding; do
      grains_part "$part" || status=$?
    done
    ;;
  grains:*) grains_part "${target#grains:}" ;;
  web) run web src/WebFrontend web ;;
  # The access rules have their own settings (mutation/web-auth): coverage analysis "all" saw none of BookingAccess's or
  # StaffAccessGuard's mutants as covered, so each mutant runs every test of the five classes that check these files
  # (about fifty; the whole Security folder would take hours).
  web:auth) run web-auth src/WebFrontend web-auth ;;
  all)
    run domain src/Grains domain || status=$?
    for part in phones trip booking boarding; do
      grains_part "$part" || status=$?
    done
    run web src/WebFrontend web || status=$?
    ;;
esac
exit "$status"

#!/usr/bin/env bash
# PostgreSQL continuous archiving: base backups (pg_basebackup) plus the WAL archive, listing, retention and
# point-in-time restore. deploy/cluster.sh calls it for the cluster's database; the restore drill in the tests calls it
# for a throwaway server. See docs/operations.md.
#
#   pg-backup.sh settings                  postgresql.conf lines that archive WAL into $BACKUP_DIR/wal
#   pg-backup.sh backup                    base backup into $BACKUP_DIR/base/<UTC time>, then prune (server running)
#   pg-backup.sh list                      base backups, the archived WAL range and the archiver's health
#   pg-backup.sh flush                     commit a marker, close the current WAL segment and wait until it is archived
#   pg-backup.sh prune                     keep the newest $BACKUP_RETENTION base backups and the WAL they need
#   pg-backup.sh restore --to TIME | --latest
#                                          (server stopped) rebuild $PG_DATA from the newest base backup before TIME and
#                                          the archived WAL up to TIME; the previous data directory is kept beside it
#
# Environment: PG_DATA (data directory), PG_PORT, PG_HOST (default 127.0.0.1), BACKUP_DIR, BACKUP_RETENTION (base
# backups to keep, default 7), BACKUP_ARCHIVE_TIMEOUT (seconds, default 60: the RPO bound), PG_BIN (default: newest
# /usr/lib/postgresql/*/bin).
set -euo pipefail

die() { echo "pg-backup: $*" >&2; exit 1; }
say() { echo "pg-backup: $*"; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -n "$bin" ] && [ -x "$bin/pg_ctl" ] || die "PostgreSQL server binaries are missing (apt-get install postgresql)"
host=${PG_HOST:-127.0.0.1}
retention=${BACKUP_RETENTION:-7}
archive_timeout=${BACKUP_ARCHIVE_TIMEOUT:-60}

need() { [ -n "${!1:-}" ] || die "$1 is not set"; }

# Human-readable UTC time of a Unix epoch in nanoseconds.
when() { date -u -d "@$(( $1 / 1000000000 ))" '+%Y-%m-%d %H:%M:%S UTC'; }

# Nanoseconds since the epoch of find's %T@ ("1796661697.1234567890").
nanos() { local frac=${1#*.}000000000; echo $(( ${1%.*} * 1000000000 + 10#${frac:0:9} )); }

psql_value() { as_postgres "$bin/psql" -h "$host" -p "$PG_PORT" -U postgres -d postgres -tAXc "$1"; }

running() { [ -f "$PG_DATA/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

free_bytes() { df -PB1 "$1" | awk 'NR == 2 { print $4 }'; }

info() { sed -n "s/^$2=//p" "$1/backup.info"; }

# Base backups that completed (a folder with backup.info), oldest first.
backups() { [ -d "$BACKUP_DIR/base" ] && find "$BACKUP_DIR/base" -mindepth 2 -maxdepth 2 -name backup.info -printf '%h\n' | sort || true; }

# Archived WAL segments only (not history, .backup or half-copied .part files).
segments() { [ -d "$BACKUP_DIR/wal" ] && find "$BACKUP_DIR/wal" -maxdepth 1 -regextype posix-extended -regex '.*/[0-9A-F]{24}' -printf '%T@ %f\n' | sort -n || true; }

ensure_dirs() {
  mkdir -p "$BACKUP_DIR/wal" "$BACKUP_DIR/base" 2>/dev/null || die "cannot create $BACKUP_DIR (check the path and permissions)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$BACKUP_DIR" "$BACKUP_DIR/wal" "$BACKUP_DIR/base"; fi
}

cmd_settings() {
  need BACKUP_DIR
  ensure_dirs
  local wal=$BACKUP_DIR/wal
  # A segment archived twice (after a crash between copy and acknowledgement) must be accepted when identical and
  # refused otherwise; the copy goes through a .part file so the archive never holds half a segment.
  cat <<EOF
wal_level = replica
archive_mode = on
archive_command = 'f="$wal/%f"; if [ -f "\$f" ]; then cmp -s "%p" "\$f"; else cp "%p" "\$f.part" && mv "\$f.part" "\$f"; fi'
archive_timeout = $archive_timeout
EOF
}

cmd_backup() {
  need PG_DATA; need PG_PORT; need BACKUP_DIR
  running || die "PostgreSQL is not running on $PG_DATA; a base backup needs the server up"
  [ "$(psql_value 'SHOW archive_mode')" = on ] \
    || die "WAL archiving is off on port $PG_PORT; restart PostgreSQL with the archive settings first"
  ensure_dirs
  local size free stamp partial target
  size=$(psql_value 'SELECT sum(pg_database_size(datname))::bigint FROM pg_database')
  free=$(free_bytes "$BACKUP_DIR")
  # Compressed backups are smaller than the data, but the WAL taken along and the archive keep growing: ask for the
  # full size so a backup never fills the disk the archive needs.
  [ "$free" -gt "$size" ] \
    || die "not enough space in $BACKUP_DIR: the databases hold $((size / 1048576)) MB, $((free / 1048576)) MB free; nothing written"
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  target=$BACKUP_DIR/base/$stamp
  # A second backup in the same second gets -1, -2 …, which sort after it: prune and restore --latest go by name order.
  local n=0
  while [ -e "$target" ] || [ -e "$BACKUP_DIR/base/.partial-$(basename "$target")" ]; do
    n=$((n + 1))
    target=$BACKUP_DIR/base/$stamp-$n
  done
  partial=$BACKUP_DIR/base/.partial-$(basename "$target")
  mkdir -p "$partial"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$partial"; fi
  local started errors
  started=$(date +%s%N)
  errors=$(mktemp)
  if ! as_postgres "$bin/pg_basebackup" -h "$host" -p "$PG_PORT" -U postgres -D "$partial" -Ft -z -X stream -c fast \
      2>"$errors"; then
    rm -rf "$partial"
    local reason
    reason=$(grep -v '^\s*$' "$errors" | tail -1)
    rm -f "$errors"
    die "base backup failed: ${reason:-pg_basebackup exited with an error}; nothing kept"
  fi
  rm -f "$errors"
  local label start_wal
  label=$(tar -xzOf "$partial/base.tar.gz" backup_label)
  start_wal=$(echo "$label" | sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]*\)).*/\1/p')
  # The backup is consistent once pg_basebackup has returned: restore targets from here on can use it.
  cat >"$partial/backup.info" <<EOF
started=$started
consistent=$(date +%s%N)
start_wal=$start_wal
database_bytes=$size
EOF
  mv "$partial" "$target"
  say "base backup $(basename "$target") ($(du -sm "$target" | cut -f1) MB, databases $((size / 1048576)) MB) in $BACKUP_DIR/base"
  cmd_prune
}

cmd_list() {
  need BACKUP_DIR
  local dir any=0
  printf '%-22s %-24s %-24s %s\n' BACKUP STARTED RESTORABLE-FROM SIZE
  for dir in $(backups); do
    any=1
    printf '%-22s %-24s %-24s %s\n' "$(basename "$dir")" "$(when "$(info "$dir" started)")" \
      "$(when "$(info "$dir" consistent)")" "$(du -sh "$dir" | cut -f1)"
  done
  [ "$any" -eq 1 ] || echo "(no base backups in $BACKUP_DIR/base)"
  local first last count
  count=$(segments | wc -l)
  if [ "$count" -gt 0 ]; then
    first=$(segments | head -1)
    last=$(segments | tail -1)
    echo "WAL archive: $count segments, ${first#* } .. ${last#* }; restore targets up to $(when "$(nanos "${last%% *}")")"
  else
    echo "WAL archive: empty"
  fi
  if [ -n "${PG_DATA:-}" ] && [ -n "${PG_PORT:-}" ] && running; then
    echo "archiver: $(psql_value "SELECT 'archived ' || archived_count || ', failed ' || failed_count
      || coalesce(', last archived ' || last_archived_wal || ' at ' || to_char(last_archived_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', '')
      || coalesce(', last failure at ' || to_char(last_failed_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', '')
      FROM pg_stat_archiver")"
  fi
}

# Everything committed so far reaches the archive now, not at the next archive_timeout. The marker commit gives
# recovery a commit after any earlier target time, so replay can tell it has reached the target.
cmd_flush() {
  need PG_DATA; need PG_PORT; need BACKUP_DIR
  running || die "PostgreSQL is not running on $PG_DATA"
  psql_value 'SELECT txid_current()' >/dev/null
  local segment waited=0
  segment=$(psql_value 'SELECT pg_walfile_name(pg_switch_wal())')
  until [ -f "$BACKUP_DIR/wal/$segment" ]; do
    sleep 0.2
    waited=$((waited + 1))
    [ "$waited" -lt 300 ] || die "WAL segment $segment was not archived within 60 s (see pg-backup.sh list for the archiver's failures)"
  done
  say "archived up to WAL segment $segment"
}

cmd_prune() {
  need BACKUP_DIR
  [[ "$retention" =~ ^[1-9][0-9]*$ ]] || die "BACKUP_RETENTION must be a whole number of base backups, at least 1 (got '$retention')"
  local all keep_from oldest
  mapfile -t all < <(backups)
  if [ "${#all[@]}" -gt "$retention" ]; then
    keep_from=$(( ${#all[@]} - retention ))
    for dir in "${all[@]:0:$keep_from}"; do
      rm -rf "$dir"
      say "pruned base backup $(basename "$dir") (retention: $retention)"
    done
    all=("${all[@]:$keep_from}")
  fi
  [ "${#all[@]}" -gt 0 ] || return 0
  oldest=$(info "${all[0]}" start_wal)
  # WAL older than the oldest kept base backup can never be replayed again.
  if [ -n "$oldest" ]; then as_postgres "$bin/pg_archivecleanup" "$BACKUP_DIR/wal" "$oldest"; fi
}

cmd_restore() {
  need PG_DATA; need PG_PORT; need BACKUP_DIR
  local target_text="" latest=0
  while [ $# -gt 0 ]; do
    case $1 in
      --to) [ $# -ge 2 ] && [ -n "$2" ] || die "--to needs a time, e.g. --to \"2026-12-07 10:15:00+06\""; target_text=$2; shift 2 ;;
      --latest) latest=1; shift ;;
      *) die "unknown option $1 (restore --to TIME | --latest)" ;;
    esac
  done
  [ -n "$target_text" ] || [ "$latest" -eq 1 ] || die "restore needs --to TIME or --latest"
  [ -z "$target_text" ] || [ "$latest" -eq 0 ] || die "restore takes --to TIME or --latest, not both"
  local target_epoch="" target_sql=""
  if [ -n "$target_text" ]; then
    target_epoch=$(date -d "$target_text" +%s%N 2>/dev/null) \
      || die "cannot read the time '$target_text' (write it like \"2026-12-07 10:15:00+06\")"
    target_sql=$(date -u -d "$target_text" '+%Y-%m-%d %H:%M:%S.%6N+00')
  fi
  ! running || die "PostgreSQL is running on $PG_DATA; stop it before restoring (nothing restored)"

  local all chosen="" dir
  mapfile -t all < <(backups)
  [ "${#all[@]}" -gt 0 ] || die "no base backups in $BACKUP_DIR/base; nothing restored"
  if [ "$latest" -eq 1 ]; then
    chosen=${all[-1]}
  else
    for dir in "${all[@]}"; do
      [ "$(info "$dir" consistent)" -le "$target_epoch" ] && chosen=$dir
    done
    [ -n "$chosen" ] || die "$target_text is before the oldest base backup (restorable from $(when "$(info "${all[0]}" consistent)")); nothing restored"
    local newest
    newest=$(segments | tail -1)
    [ -z "$newest" ] || newest=$(nanos "${newest%% *}")
    [ -n "$newest" ] || die "the WAL archive in $BACKUP_DIR/wal is empty; nothing restored"
    [ "$target_epoch" -le "$newest" ] \
      || die "$target_text is after the newest archived WAL ($(when "$newest")); nothing restored"
  fi
  for archive in base.tar.gz pg_wal.tar.gz; do
    [ -f "$chosen/$archive" ] || die "base backup $(basename "$chosen") is missing $archive; nothing restored"
    gzip -t "$chosen/$archive" 2>/dev/null || die "base backup $(basename "$chosen") is corrupt ($archive fails its checksum); nothing restored"
  done
  local parent need_bytes
  parent=$(dirname "$PG_DATA")
  need_bytes=$(info "$chosen" database_bytes)
  [ "$(free_bytes "$parent")" -gt "${need_bytes:-0}" ] \
    || die "not enough space in $parent to unpack $(basename "$chosen") ($((need_bytes / 1048576)) MB); nothing restored"

  # Rebuild beside the live directory and swap only once recovery has reached the target: any failure before the
  # swap leaves $PG_DATA exactly as it was.
  local work=$PG_DATA.restoring log
  rm -rf "$work"
  mkdir -p "$work"
  tar -xzf "$chosen/base.tar.gz" -C "$work"
  mkdir -p "$work/pg_wal"
  tar -xzf "$chosen/pg_wal.tar.gz" -C "$work/pg_wal"
  rm -f "$work/postmaster.pid"
  {
    echo "# pg-backup restore begin"
    # Recovery runs on PG_PORT, so a backup can be test-restored into a scratch folder beside the live server.
    echo "port = $PG_PORT"
    echo "restore_command = 'cp \"$BACKUP_DIR/wal/%f\" \"%p\"'"
    if [ -n "$target_sql" ]; then
      echo "recovery_target_time = '$target_sql'"
      echo "recovery_target_inclusive = on"
    fi
    echo "recovery_target_action = 'promote'"
    echo "# pg-backup restore end"
  } >>"$work/postgresql.auto.conf"
  touch "$work/recovery.signal"
  chmod 700 "$work"
  log=$(mktemp)
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$work" "$log"; fi

  say "restoring base backup $(basename "$chosen") and replaying WAL to ${target_text:-the end of the archive} ..."
  fail_restore() {
    as_postgres "$bin/pg_ctl" -D "$work" -m immediate -w stop >/dev/null 2>&1 || true
    local reason
    reason=$(grep -E 'FATAL|PANIC' "$log" | tail -1 | sed 's/^.*\(FATAL\|PANIC\): *//')
    rm -rf "$work" "$log"
    die "recovery failed: ${reason:-$1}; $PG_DATA left as it was"
  }
  as_postgres "$bin/pg_ctl" -D "$work" -l "$log" -w -t 600 start >/dev/null 2>&1 || fail_restore "the server did not start"
  local waited=0
  until [ "$(psql_value 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; do
    as_postgres "$bin/pg_ctl" -D "$work" status >/dev/null 2>&1 || fail_restore "the server stopped during recovery"
    sleep 0.2
    waited=$((waited + 1))
    [ "$waited" -lt 3000 ] || fail_restore "recovery did not finish in 10 minutes"
  done
  as_postgres "$bin/pg_ctl" -D "$work" -m fast -w -t 120 stop >/dev/null
  sed -i '/^# pg-backup restore begin$/,/^# pg-backup restore end$/d' "$work/postgresql.auto.conf"
  rm -f "$log"

  local kept=""
  if [ -e "$PG_DATA" ]; then
    kept=$PG_DATA.replaced-$(date -u +%Y%m%dT%H%M%SZ)
    mv "$PG_DATA" "$kept"
  fi
  mv "$work" "$PG_DATA"
  say "restored ${target_text:+to $target_text }from $(basename "$chosen")${kept:+; the previous data directory is kept as $kept (delete it once the restore is verified)}"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  settings) cmd_settings ;;
  backup) cmd_backup ;;
  list) cmd_list ;;
  flush) cmd_flush ;;
  prune) cmd_prune ;;
  restore) cmd_restore "$@" ;;
  *) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

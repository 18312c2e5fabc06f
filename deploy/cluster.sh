#!/usr/bin/env bash
# A real Diu Paribahan cluster on this one machine, from Debian packages: PostgreSQL (membership, grain state,
# reminders, events), Redis (listing cache), N silos, M web frontends (Orleans clients) and nginx terminating TLS in
# front of them. Everything lives in one state folder: data, logs (one per process), pids, generated config and the
# self-signed certificate. See docs/cluster.md.
#
#   deploy/cluster.sh up [--silos N] [--frontends M]   start whatever is not running (idempotent; default 2 and 2)
#   deploy/cluster.sh add-silo | add-frontend          start one more silo / frontend and wait until it is healthy
#   deploy/cluster.sh kill-silo N | kill-frontend N    kill -9 that process (fault drills); `up` restarts it
#   deploy/cluster.sh stop-postgres                    stop the database (fault drills); `up` starts it again
#   deploy/cluster.sh status                           processes, silos in the membership table, activations per silo
#   deploy/cluster.sh down                             stop everything (data stays in the state folder)
#   deploy/cluster.sh backup                           base backup of PostgreSQL (WAL is archived continuously), then prune
#   deploy/cluster.sh backups                          list base backups and the archived WAL range
#   deploy/cluster.sh restore --to TIME | --latest     stop silos and frontends, restore PostgreSQL to TIME, start them again
#   deploy/cluster.sh create-ops --login L [--name N]  create the first ops account; prints a temporary password
#
# Environment: CLUSTER_STATE (state folder, default <repo>/.cluster), CLUSTER_BASE_PORT (default 7400; see the port
# plan below), CLUSTER_SILO_DLL / CLUSTER_WEB_DLL (run these builds instead of publishing once into the state folder),
# CLUSTER_ENVIRONMENT (ASPNETCORE_ENVIRONMENT of the processes, default Production), CLUSTER_BACKUP_DIR (base backups
# and WAL archive, default <state>/backups; point it at a mounted off-machine disk, see docs/operations.md),
# CLUSTER_BACKUP_RETENTION (base backups kept, default 7), CLUSTER_ARCHIVE_TIMEOUT (seconds, default 60: the RPO bound).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${CLUSTER_STATE:-$repo/.cluster}
base=${CLUSTER_BASE_PORT:-7400}
environment=${CLUSTER_ENVIRONMENT:-Production}

# Port plan (all on 127.0.0.1): base+0 PostgreSQL, base+1 Redis, base+43 nginx HTTPS,
# silo i: base+100+i (silo-to-silo), base+200+i (gateway), base+300+i (HTTP: health, dashboard);
# frontend j: base+400+j (HTTP).
pg_port=$((base))
redis_port=$((base + 1))
https_port=$((base + 43))
silo_port() { echo $((base + 100 + $1)); }
gateway_port() { echo $((base + 200 + $1)); }
silo_http_port() { echo $((base + 300 + $1)); }
web_port() { echo $((base + 400 + $1)); }

logs=$state/logs
pids=$state/pids
backup_dir=${CLUSTER_BACKUP_DIR:-$state/backups}

# The PostgreSQL side of backups lives in pg-backup.sh; this passes it the cluster's database and backup settings.
pg_backup() {
  PG_DATA="$state/pg/data" PG_PORT="$pg_port" BACKUP_DIR="$backup_dir" \
    BACKUP_RETENTION="${CLUSTER_BACKUP_RETENTION:-7}" BACKUP_ARCHIVE_TIMEOUT="${CLUSTER_ARCHIVE_TIMEOUT:-60}" \
    "$repo/deploy/pg-backup.sh" "$@"
}

say() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] || die "PostgreSQL server binaries are missing (apt-get install postgresql)"
  echo "$bin"
}

ensure_packages() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]} (install them, or run this as root once)"
  say "installing ${missing[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the packaged services on install; this cluster runs its own instances.
  for svc in postgresql redis-server nginx; do service "$svc" stop >/dev/null 2>&1 || true; done
}

# Running, and not a zombie: a killed process whose parent (often PID 1 in a container) does not reap it stays in
# the process table and still answers kill -0.
alive() {
  local pid
  [ -f "$pids/$1.pid" ] || return 1
  pid=$(cat "$pids/$1.pid")
  kill -0 "$pid" 2>/dev/null || return 1
  [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ]
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits for an HTTP(S) URL to answer 200, printing progress every 5 s; fails after $3 seconds with the log's tail.
wait_http() {
  local url=$1 what=$2 limit=$3 log=${4:-} waited=0
  until curl -ksf -o /dev/null --max-time 3 "$url"; do
    if [ -n "${5:-}" ] && ! alive "$5"; then
      [ -n "$log" ] && tail -n 5 "$log" >&2
      die "$what exited during start-up (log: $log)"
    fi
    sleep 1
    waited=$((waited + 1))
    if [ $((waited % 5)) -eq 0 ]; then say "  waiting for $what ($waited s)"; fi
    if [ "$waited" -ge "$limit" ]; then
      [ -n "$log" ] && tail -n 20 "$log" >&2
      die "$what not healthy after $limit s (log: $log)"
    fi
  done
}

start_process() { # name log command...
  local name=$1 log=$2
  shift 2
  setsid "$@" >>"$log" 2>&1 < /dev/null &
  echo $! >"$pids/$name.pid"
}

binaries() {
  silo_dll=${CLUSTER_SILO_DLL:-$state/publish/silo/DiuParibahan.Silo.dll}
  web_dll=${CLUSTER_WEB_DLL:-$state/publish/web/DiuParibahan.WebFrontend.dll}
  if [ ! -f "$silo_dll" ]; then
    say "publishing the silo (Release) once into $state/publish/silo ..."
    dotnet publish "$repo/src/Silo" -c Release -o "$state/publish/silo" -nologo -v quiet >"$logs/publish-silo.log" 2>&1 \
      || { tail -n 20 "$logs/publish-silo.log" >&2; die "publishing the silo failed"; }
  fi
  if [ ! -f "$web_dll" ]; then
    say "publishing the web frontend (Release) once into $state/publish/web ..."
    dotnet publish "$repo/src/WebFrontend" -c Release -o "$state/publish/web" -nologo -v quiet >"$logs/publish-web.log" 2>&1 \
      || { tail -n 20 "$logs/publish-web.log" >&2; die "publishing the web frontend failed"; }
  fi
}

connection_string() { echo "Host=127.0.0.1;Port=$pg_port;Database=diuparibahan;Username=postgres;Maximum Pool Size=50"; }

admin_key() {
  [ -f "$state/admin.key" ] || (umask 077; openssl rand -hex 24 >"$state/admin.key")
  cat "$state/admin.key"
}

# Every frontend must sign and check tokens and tickets with the same keys: made once, kept in the state folder.
auth_signing_key() {
  [ -f "$state/auth-signing.key" ] || (umask 077; openssl rand -base64 48 | tr -d '\n' >"$state/auth-signing.key")
  cat "$state/auth-signing.key"
}

ticket_signing_key() {
  [ -f "$state/ticket-signing.key" ] || (umask 077; openssl rand -hex 32 >"$state/ticket-signing.key")
  cat "$state/ticket-signing.key"
}

ensure_postgres() {
  local bin data=$state/pg/data
  bin=$(pg_bin)
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating the PostgreSQL cluster in $data ..."
    mkdir -p "$state/pg/socket"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$state/pg"; fi
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$logs/initdb.log" 2>&1 \
      || { tail -n 20 "$logs/initdb.log" >&2; die "initdb failed (is $state reachable by the postgres user?)"; }
    as_postgres tee -a "$data/postgresql.conf" >/dev/null <<EOF

listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$state/pg/socket'
max_connections = 300
shared_buffers = 64MB
EOF
  fi
  # Continuous archiving from the first start (clusters made before it get it at their next start).
  if ! grep -q '^archive_mode = on' "$data/postgresql.conf"; then
    pg_backup settings | as_postgres tee -a "$data/postgresql.conf" >/dev/null
    say "WAL archiving into $backup_dir/wal (takes effect when PostgreSQL (re)starts)"
  fi
  if as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    say "PostgreSQL already running on 127.0.0.1:$pg_port"
  else
    port_free "$pg_port" || die "port $pg_port (PostgreSQL) is taken; choose another CLUSTER_BASE_PORT"
    say "starting PostgreSQL on 127.0.0.1:$pg_port ..."
    touch "$logs/postgres.log"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$logs/postgres.log"; fi
    as_postgres "$bin/pg_ctl" -D "$data" -l "$logs/postgres.log" -w -t 60 start >/dev/null \
      || { tail -n 20 "$logs/postgres.log" >&2; die "PostgreSQL did not start"; }
  fi
  if ! as_postgres "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='diuparibahan'" postgres | grep -q 1; then
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres diuparibahan
    say "created database diuparibahan"
  fi
}

stop_postgres() {
  local bin
  bin=$(pg_bin)
  if [ -f "$state/pg/data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$state/pg/data" status >/dev/null 2>&1; then
    say "stopping PostgreSQL ..."
    as_postgres "$bin/pg_ctl" -D "$state/pg/data" -m fast -w -t 60 stop >/dev/null
  fi
}

ensure_redis() {
  if alive redis; then say "Redis already running on 127.0.0.1:$redis_port"; return; fi
  port_free "$redis_port" || die "port $redis_port (Redis) is taken; choose another CLUSTER_BASE_PORT"
  say "starting Redis on 127.0.0.1:$redis_port ..."
  mkdir -p "$state/redis"
  # A cache only: no persistence, bounded memory.
  start_process redis "$logs/redis.log" redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$state/redis" \
    --save "" --appendonly no --maxmemory 128mb --maxmemory-policy allkeys-lru --protected-mode yes
  local waited=0
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
    sleep 0.5; waited=$((waited + 1))
    [ "$waited" -lt 40 ] || die "Redis did not start (log: $logs/redis.log)"
  done
}

start_silo() { # index
  local i=$1 name="silo-$1"
  if alive "$name"; then say "$name already running"; return; fi
  for p in "$(silo_port "$i")" "$(gateway_port "$i")" "$(silo_http_port "$i")"; do
    port_free "$p" || die "port $p ($name) is taken; choose another CLUSTER_BASE_PORT"
  done
  say "starting $name (silo $(silo_port "$i"), gateway $(gateway_port "$i"), http $(silo_http_port "$i")) ..."
  start_process "$name" "$logs/$name.log" env \
    ASPNETCORE_ENVIRONMENT="$environment" \
    ASPNETCORE_URLS="http://127.0.0.1:$(silo_http_port "$i")" \
    ConnectionStrings__Orleans="$(connection_string)" \
    Orleans__SiloPort="$(silo_port "$i")" \
    Orleans__GatewayPort="$(gateway_port "$i")" \
    Orleans__AdvertisedIP=127.0.0.1 \
    Seeding__DemoNetwork=true \
    dotnet "$silo_dll"
  echo "$i" >>"$state/silos"
}

start_frontend() { # index
  local j=$1 name="web-$1"
  if alive "$name"; then say "$name already running"; return; fi
  port_free "$(web_port "$j")" || die "port $(web_port "$j") ($name) is taken; choose another CLUSTER_BASE_PORT"
  say "starting $name on http://127.0.0.1:$(web_port "$j") ..."
  start_process "$name" "$logs/$name.log" env \
    ASPNETCORE_ENVIRONMENT="$environment" \
    ASPNETCORE_URLS="http://127.0.0.1:$(web_port "$j")" \
    ASPNETCORE_CONTENTROOT="$(dirname "$web_dll")" \
    ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
    Orleans__Mode=Cluster \
    ConnectionStrings__Orleans="$(connection_string)" \
    ConnectionStrings__Redis="127.0.0.1:$redis_port" \
    Admin__Key="$(admin_key)" \
    Auth__SigningKey="$(auth_signing_key)" \
    Tickets__SigningKey="$(ticket_signing_key)" \
    dotnet "$web_dll"
  echo "$j" >>"$state/frontends"
}

indexes() { [ -f "$state/$1" ] && sort -n -u "$state/$1" || true; }

ensure_certificate() {
  [ -f "$state/tls/cert.pem" ] && return
  say "generating a self-signed TLS certificate for localhost ..."
  mkdir -p "$state/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$state/tls/key.pem" -out "$state/tls/cert.pem" >/dev/null 2>&1
  chmod 600 "$state/tls/key.pem"
}

write_nginx_config() {
  local servers="" j
  for j in $(indexes frontends); do
    # Passive health: two failures take a frontend out for 5 s, then nginx tries it again.
    servers+="    server 127.0.0.1:$(web_port "$j") max_fails=2 fail_timeout=5s;"$'\n'
  done
  mkdir -p "$state/nginx/tmp"
  cat >"$state/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $state/nginx/nginx.pid;
error_log $logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log $logs/nginx-access.log;
  client_body_temp_path $state/nginx/tmp/body;
  proxy_temp_path $state/nginx/tmp/proxy;
  fastcgi_temp_path $state/nginx/tmp/fastcgi;
  uwsgi_temp_path $state/nginx/tmp/uwsgi;
  scgi_temp_path $state/nginx/tmp/scgi;

  map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
  # SignalR negotiates on one request and connects on the next: both must reach the same frontend. A first request gets
  # a random route key as a cookie; hashing on it keeps the browser on one frontend until that frontend fails.
  map \$cookie_dp_route \$route_key { '' \$request_id; default \$cookie_dp_route; }
  map \$cookie_dp_route \$route_cookie { '' "dp_route=\$request_id; Path=/; HttpOnly; Secure; SameSite=Lax"; default ''; }

  upstream frontends {
    least_conn;
$servers    keepalive 32;
  }
  upstream frontends_sticky {
    hash \$route_key consistent;
$servers  }

  server {
    listen 127.0.0.1:$https_port ssl;
    server_name localhost;
    ssl_certificate $state/tls/cert.pem;
    ssl_certificate_key $state/tls/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    client_max_body_size 1m;

    proxy_http_version 1.1;
    proxy_connect_timeout 2s;
    # Idempotent requests (GET, HEAD, ...) move to another frontend when one is down or answers 502/504; a POST is
    # never replayed by nginx (the client retries it with the same requestId).
    proxy_next_upstream error timeout http_502 http_504;
    proxy_next_upstream_tries 3;
    proxy_next_upstream_timeout 10s;

    location /hubs/ {
      proxy_pass http://frontends_sticky;
      # Set per location (a location's own proxy_set_header hides the server block's). \$http_host keeps the port,
      # so the hub's same-origin check sees the host the browser used.
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      add_header Set-Cookie \$route_cookie always;
      # WebSockets stay open for hours; SignalR's own keep-alives (15 s) keep them busy.
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;
    }

    location / {
      proxy_pass http://frontends;
      # Set per location (a location's own proxy_set_header hides the server block's). \$http_host keeps the port,
      # so the hub's same-origin check sees the host the browser used.
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Connection "";
      proxy_read_timeout 60s;
    }
  }
}
EOF
}

ensure_nginx() {
  write_nginx_config
  /usr/sbin/nginx -e "$logs/nginx-error.log" -t -c "$state/nginx/nginx.conf" >"$logs/nginx-test.log" 2>&1 \
    || { cat "$logs/nginx-test.log" >&2; die "nginx rejected its configuration"; }
  if [ -f "$state/nginx/nginx.pid" ] && kill -0 "$(cat "$state/nginx/nginx.pid")" 2>/dev/null; then
    say "reloading nginx (frontends: $(indexes frontends | tr '\n' ' '))"
    /usr/sbin/nginx -e "$logs/nginx-error.log" -c "$state/nginx/nginx.conf" -s reload
  else
    port_free "$https_port" || die "port $https_port (nginx) is taken; choose another CLUSTER_BASE_PORT"
    say "starting nginx on https://127.0.0.1:$https_port ..."
    /usr/sbin/nginx -e "$logs/nginx-error.log" -c "$state/nginx/nginx.conf"
  fi
}

wait_silo() { wait_http "http://127.0.0.1:$(silo_http_port "$1")/health/ready" "silo-$1" 180 "$logs/silo-$1.log" "silo-$1"; }
wait_frontend() { wait_http "http://127.0.0.1:$(web_port "$1")/health/ready" "web-$1" 180 "$logs/web-$1.log" "web-$1"; }

prepare() {
  ensure_packages
  mkdir -p "$state" "$logs" "$pids"
  # The postgres user must reach the data folder inside it.
  if [ "$(id -u)" -eq 0 ]; then chmod 755 "$state"; fi
  binaries
}

cmd_up() {
  local silos=2 frontends=2
  while [ $# -gt 0 ]; do
    case $1 in
      --silos) silos=$2; shift 2 ;;
      --frontends) frontends=$2; shift 2 ;;
      *) die "unknown option $1 (up [--silos N] [--frontends M])" ;;
    esac
  done
  prepare
  ensure_postgres
  ensure_redis
  local i j
  # Restart every silo and frontend that was started before (and died), then add up to the requested count.
  for i in $( (indexes silos; seq 1 "$silos") | sort -n -u); do start_silo "$i"; done
  for i in $(indexes silos); do wait_silo "$i"; done
  for j in $( (indexes frontends; seq 1 "$frontends") | sort -n -u); do start_frontend "$j"; done
  for j in $(indexes frontends); do wait_frontend "$j"; done
  ensure_certificate
  ensure_nginx
  wait_http "https://127.0.0.1:$https_port/health/ready" "nginx" 30 "$logs/nginx-error.log"
  say "up: https://127.0.0.1:$https_port/ (dashboard: http://127.0.0.1:$(silo_http_port "$(indexes silos | head -1)")/dashboard/)"
}

next_index() { local last; last=$(indexes "$1" | tail -1); echo $(( ${last:-0} + 1 )); }

# The first ops account of a deployment (no demo accounts in a cluster): prints a temporary password once.
cmd_create_ops() {
  [ $# -ge 2 ] && [ "$1" = "--login" ] || die "usage: create-ops --login <e-mail or 01XXXXXXXXX> [--name \"Display name\"]"
  prepare
  ensure_postgres
  say "creating the ops account in the cluster database ..."
  env ASPNETCORE_ENVIRONMENT="$environment" Orleans__Mode=Cluster ConnectionStrings__Orleans="$(connection_string)" \
    dotnet "$web_dll" create-ops "$@"
}

cmd_add_silo() {
  prepare
  local i
  i=$(next_index silos)
  start_silo "$i"
  wait_silo "$i"
  say "silo-$i joined"
}

cmd_add_frontend() {
  prepare
  local j
  j=$(next_index frontends)
  start_frontend "$j"
  wait_frontend "$j"
  ensure_nginx
  say "web-$j serving behind nginx"
}

kill_process() { # name
  alive "$1" || die "$1 is not running"
  kill -9 "$(cat "$pids/$1.pid")"
  local waited=0
  while alive "$1" && [ "$waited" -lt 50 ]; do sleep 0.1; waited=$((waited + 1)); done
  say "killed $1 (pid $(cat "$pids/$1.pid")) with SIGKILL"
}

cmd_status() {
  local i j
  echo "state: $state"
  printf '%-10s %-8s %s\n' PROCESS STATE DETAIL
  if [ -f "$state/pg/data/PG_VERSION" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$state/pg/data" status >/dev/null 2>&1; then
    printf '%-10s %-8s %s\n' postgres up "127.0.0.1:$pg_port"
  else
    printf '%-10s %-8s %s\n' postgres down "127.0.0.1:$pg_port"
  fi
  printf '%-10s %-8s %s\n' redis "$(alive redis && echo up || echo down)" "127.0.0.1:$redis_port"
  for i in $(indexes silos); do
    printf '%-10s %-8s %s\n' "silo-$i" "$(alive "silo-$i" && echo up || echo down)" \
      "silo $(silo_port "$i") gateway $(gateway_port "$i") http $(silo_http_port "$i")"
  done
  for j in $(indexes frontends); do
    printf '%-10s %-8s %s\n' "web-$j" "$(alive "web-$j" && echo up || echo down)" "http://127.0.0.1:$(web_port "$j")"
  done
  printf '%-10s %-8s %s\n' nginx \
    "$([ -f "$state/nginx/nginx.pid" ] && kill -0 "$(cat "$state/nginx/nginx.pid")" 2>/dev/null && echo up || echo down)" \
    "https://127.0.0.1:$https_port"
  echo
  echo "membership (from the cluster, via a frontend):"
  local body=""
  for j in $(indexes frontends); do
    body=$(curl -sf --max-time 10 -H "X-Admin-Key: $(admin_key)" "http://127.0.0.1:$(web_port "$j")/api/admin/cluster") && break
  done
  if [ -z "$body" ]; then
    echo "  no frontend answered; membership table rows:"
    as_postgres "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d diuparibahan \
      -c "SELECT address, port, siloname, status, iamalivetime FROM orleansmembershiptable ORDER BY starttime" 2>/dev/null || true
    return
  fi
  echo "$body" | jq -r '["SILO","NAME","STATUS","ACTIVATIONS","TRIPS"], (.silos[] | [.address, .name, .status, .activations, .tripActivations]) | @tsv' \
    | column -t | sed 's/^/  /'
}

cmd_down() {
  local name
  if [ -f "$state/nginx/nginx.pid" ] && kill -0 "$(cat "$state/nginx/nginx.pid")" 2>/dev/null; then
    say "stopping nginx"
    /usr/sbin/nginx -e "$logs/nginx-error.log" -c "$state/nginx/nginx.conf" -s quit || true
  fi
  for f in "$pids"/web-*.pid "$pids"/silo-*.pid "$pids"/redis.pid; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .pid)
    if alive "$name"; then
      say "stopping $name"
      kill -TERM "$(cat "$f")" 2>/dev/null || true
    fi
  done
  # Graceful first (silos leave the membership table cleanly), then force after 20 s.
  local waited=0
  for f in "$pids"/*.pid; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .pid)
    while alive "$name" && [ "$waited" -lt 40 ]; do sleep 0.5; waited=$((waited + 1)); done
    alive "$name" && kill -9 "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  stop_postgres
  rm -f "$state/silos" "$state/frontends"
  say "down (data kept in $state)"
}

cmd_backup() {
  [ -f "$state/pg/data/PG_VERSION" ] || die "no PostgreSQL cluster in $state/pg/data (run up first)"
  pg_backup backup
}

cmd_restore() {
  # Arguments are checked before anything stops, so a typo never takes the cluster down.
  case "${1:-} $#" in
    "--latest 1") ;;
    "--to 2") [ -n "$2" ] && date -d "$2" >/dev/null 2>&1 || die "cannot read the time '$2' (write it like \"2026-12-07 10:15:00+06\")" ;;
    *) die "usage: restore --to \"2026-12-07 10:15:00+06\" | restore --latest" ;;
  esac
  [ -f "$state/pg/data/PG_VERSION" ] || die "no PostgreSQL cluster in $state/pg/data to restore into"
  local silos frontends
  silos=$(indexes silos | wc -l)
  frontends=$(indexes frontends | wc -l)
  # What was committed up to now must be in the archive before the server stops, or --latest would lose it.
  if as_postgres "$(pg_bin)/pg_ctl" -D "$state/pg/data" status >/dev/null 2>&1; then pg_backup flush; fi
  cmd_down
  if ! pg_backup restore "$@"; then
    say "nothing was restored; start the cluster as it was with: deploy/cluster.sh up"
    exit 1
  fi
  cmd_up --silos "$(( silos > 0 ? silos : 2 ))" --frontends "$(( frontends > 0 ? frontends : 2 ))"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  up) cmd_up "$@" ;;
  add-silo) cmd_add_silo ;;
  add-frontend) cmd_add_frontend ;;
  kill-silo) [ $# -eq 1 ] || die "usage: kill-silo N"; kill_process "silo-$1" ;;
  kill-frontend) [ $# -eq 1 ] || die "usage: kill-frontend N"; kill_process "web-$1" ;;
  stop-postgres) stop_postgres ;;
  status) cmd_status ;;
  down) cmd_down ;;
  create-ops) cmd_create_ops "$@" ;;
  backup) [ $# -eq 0 ] || die "usage: backup (takes no arguments)"; cmd_backup ;;
  backups) pg_backup list ;;
  restore) cmd_restore "$@" ;;
  *) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

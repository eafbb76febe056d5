#!/usr/bin/env bash
# A local, throw-away PostgreSQL for the registry: `start` (default), `stop`, `status`, `url`, `standby`.
# `stop` without REGISTRY_PG_PORT stops every cluster it started (any port); with it, that primary and its standby.
# `standby` starts the primary, then a streaming standby of it (pg_basebackup -R), and prints the standby's URL.
#   REGISTRY_PG_PORT          port on 127.0.0.1 (default 5433)
#   REGISTRY_PG_STANDBY_PORT  the standby's port (default: the primary's + 1)
#   REGISTRY_PG_DB            database to create (default registry)
# The cluster lives in .local/pg-<port>/ (git-ignored). Idempotent: start twice is fine.
set -euo pipefail

port="${REGISTRY_PG_PORT:-5433}"
db="${REGISTRY_PG_DB:-registry}"
user=registry
password=registry
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$repo/.local/pg-$port"
url="Host=127.0.0.1;Port=$port;Database=$db;Username=$user;Password=$password"
standby_port="${REGISTRY_PG_STANDBY_PORT:-$((port + 1))}"

find_bin() {
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$candidate" ] && [ -x "$candidate/postgres" ] && echo "$candidate"
}

bin=$(find_bin || true)
if [ -z "$bin" ] && [ "${1:-start}" = start ]; then
  echo "postgres.sh: no PostgreSQL server found; installing Debian's postgresql package" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi

# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  # The postgres user must reach the cluster folder; fall back to /tmp when the clone is not traversable.
  mkdir -p "$repo/.local"
  if ! runuser -u postgres -- test -x "$repo/.local"; then
    dir="${TMPDIR:-/tmp}/registry-pg-$port"
  fi
fi

ready() { "$bin/pg_isready" -q -h 127.0.0.1 -p "${1:-$port}" >/dev/null 2>&1; }

serve() { # data directory, port
  as_server "$bin/pg_ctl" -D "$1" -l "$1/server.log" -w -t 60 start \
    -o "-h 127.0.0.1 -p $2 -k '' -c fsync=off -c synchronous_commit=off -c max_connections=200" >/dev/null
}

start() {
  if [ ! -s "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    chmod 700 "$dir"
    local pwfile; pwfile=$(mktemp); echo "$password" > "$pwfile"; chmod 644 "$pwfile"
    as_server "$bin/initdb" -D "$dir" -U "$user" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
  fi
  ready || serve "$dir" "$port"
  for _ in $(seq 1 60); do ready && break; sleep 1; done
  ready || { echo "postgres.sh: server did not accept connections; see $dir/server.log" >&2; exit 1; }
  if ! PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
       "select 1 from pg_database where datname = '$db'" | grep -q 1; then
    PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -qc "create database \"$db\"" >/dev/null
  fi
  echo "$url"
}

# A hot standby streaming from the primary: a base backup with its recovery settings (-R), then served read-only.
# One that is not running is taken afresh: it is behind by all the primary wrote since it stopped, which the primary
# need not keep (without a slot it recycles its WAL), and a standby that cannot stream serves stale data forever.
standby() {
  start >/dev/null
  local standby_dir="${dir%-"$port"}-$standby_port"
  if ! ready "$standby_port"; then
    rm -rf "$standby_dir"
    mkdir -p "$standby_dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$standby_dir"
    chmod 700 "$standby_dir"
    PGPASSWORD=$password as_server env PGPASSWORD=$password "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U "$user" \
      -D "$standby_dir" -R -X stream >/dev/null
    serve "$standby_dir" "$standby_port"
  fi
  echo "Host=127.0.0.1;Port=$standby_port;Database=$db;Username=$user;Password=$password"
}

stop_dir() {
  if [ -n "$bin" ] && [ -s "$1/postmaster.pid" ]; then
    as_server "$bin/pg_ctl" -D "$1" -m fast -w stop >/dev/null || true
  fi
}

# With REGISTRY_PG_PORT, that port's cluster; without, every cluster this script started, whatever its port.
stop() {
  if [ -n "${REGISTRY_PG_PORT:-}" ]; then stop_dir "${dir%-"$port"}-$standby_port"; stop_dir "$dir"; return; fi
  local cluster
  for cluster in "$repo"/.local/pg-* "${TMPDIR:-/tmp}"/registry-pg-*; do [ -d "$cluster" ] && stop_dir "$cluster"; done
  return 0
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if ready; then echo "running on 127.0.0.1:$port ($dir)"; else echo "stopped"; exit 3; fi ;;
  url) echo "$url" ;;
  standby) standby ;;
  *) echo "usage: $0 [start|stop|status|url|standby]" >&2; exit 2 ;;
esac

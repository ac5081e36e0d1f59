#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and benchmarks: its own data directory and port on
# loopback, no system service. Installs Debian's postgresql package first if it is missing.
#
#   throwaway-server.sh start DIR   starts a server whose files live in DIR; prints its connection string
#   throwaway-server.sh stop DIR    stops it (DIR can then be deleted)
set -euo pipefail

command=${1:?usage: throwaway-server.sh start|stop DIR}
dir=${2:?usage: throwaway-server.sh start|stop DIR}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_owner() {
  # PostgreSQL refuses to run as root; under root, run it as Debian's postgres user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    bin=$(find_bin)
    if [ -z "$bin" ]; then
      "$(dirname "${BASH_SOURCE[0]}")/../install-package.sh" postgresql
      bin=$(find_bin)
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    as_owner "$bin/initdb" -D "$dir/data" -U tracking --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=500 -c shared_buffers=256MB" start >&2 \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U tracking tracking
    echo "Host=127.0.0.1;Port=$port;Username=tracking;Database=tracking"
    ;;
  stop)
    bin=$(find_bin)
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    ;;
  *)
    echo "usage: throwaway-server.sh start|stop DIR" >&2
    exit 2
    ;;
esac

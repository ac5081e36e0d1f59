#!/usr/bin/env bash
# Starts N silos against one PostgreSQL on loopback and waits until each is ready.
#   cluster-config/start-cluster.sh N CONNSTR [DIR]
# Silo i serves people and exchanges at http://127.0.0.1:(BASE_PORT+i), talks to the other silos
# on port 11111+i and takes clients (./tracking --cluster) on port 30000+i (BASE_PORT defaults to
# 5080). They find each other through the store's membership table (Orleans' ADO.NET clustering).
# DIR (default .cluster) gets each silo's log and pid; cluster-config/stop-cluster.sh DIR stops them.
# Settings every silo must share (TRACKING_EXCHANGE_URL, TRACKING_RRN_KEY) are read from
# cluster-config/silo.env when present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:?usage: start-cluster.sh N CONNSTR [DIR]}"
conn="${2:?usage: start-cluster.sh N CONNSTR [DIR]}"
dir="${3:-$root/.cluster}"
base="${BASE_PORT:-5080}"
mkdir -p "$dir"
if [ -f "$root/cluster-config/silo.env" ]; then
  set -a; . "$root/cluster-config/silo.env"; set +a
fi
"$root/tracking" --help > /dev/null  # build once, before N silos race for it
for i in $(seq 0 $((count - 1))); do
  port=$((base + i))
  nohup "$root/tracking" --cluster "$conn" silo --urls "http://127.0.0.1:$port" --silo-port "$((11111 + i))" --gateway-port "$((30000 + i))" \
    > "$dir/silo-$i.log" 2>&1 &
  echo $! > "$dir/silo-$i.pid"
done
for i in $(seq 0 $((count - 1))); do
  port=$((base + i))
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; then break; fi
    if ! kill -0 "$(cat "$dir/silo-$i.pid")" 2> /dev/null; then
      echo "silo $i exited; its log: $dir/silo-$i.log" >&2; tail -20 "$dir/silo-$i.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "silo $i ready at http://127.0.0.1:$port (pid $(cat "$dir/silo-$i.pid"))"
done

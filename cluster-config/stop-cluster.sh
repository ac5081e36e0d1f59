#!/usr/bin/env bash
# Stops the silos start-cluster.sh started: SIGTERM, so each shuts down gracefully (Orleans: it
# leaves the cluster and deactivates its grains, which answer on the others at their next call).
#   cluster-config/stop-cluster.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$root/.cluster}"
for pidfile in "$dir"/silo-*.pid; do
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2> /dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2> /dev/null || break; sleep 0.25; done
  rm -f "$pidfile"
done

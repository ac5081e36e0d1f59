#!/usr/bin/env bash
# Lifecycle benchmark: durable seizure transitions per second and latency on one silo, on a
# throw-away PostgreSQL and on SQLite, against one durable write per call in the same run.
# Prints markdown tables, then one JSON line of its figures.
#   loadtests/run-lifecycle-benchmark.sh [SEIZURES] [CONCURRENCY]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seizures=${1:-20000}
concurrency=${2:-256}
source "$root/cluster-config/postgres/throwaway-session.sh"
program="$("$root/loadtests/build.sh")"
echo "## Lifecycle ($(nproc) cores, $(date -u +%F), $seizures seizures, $concurrency concurrent)"
dotnet "$program" lifecycle --seizures "$seizures" --concurrency "$concurrency" --postgres "$postgres"

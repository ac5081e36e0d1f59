#!/usr/bin/env bash
# Lifecycle benchmark: durable seizure transitions per second and latency on one silo, on a
# throw-away PostgreSQL and on SQLite, against one durable write per call in the same run.
#   loadtests/run-lifecycle-benchmark.sh [SEIZURES] [CONCURRENCY]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seizures=${1:-20000}
concurrency=${2:-256}
source "$root/cluster-config/postgres/throwaway-session.sh"
dotnet build "$root/loadtests/Tracking.LoadTests" -c Release -o "$work/bin" -nologo -v quiet >&2
echo "## Lifecycle ($(nproc) cores, $(date -u +%F), $seizures seizures, $concurrency concurrent)"
dotnet "$work/bin/Tracking.LoadTests.dll" lifecycle --seizures "$seizures" --concurrency "$concurrency" --postgres "$postgres"

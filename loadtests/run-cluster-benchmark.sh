#!/usr/bin/env bash
# Cluster benchmark: import + sweep of generated files and a lifecycle load (against the exchange
# simulator process) on clusters of 1, 2 and 4 silo processes on one throw-away PostgreSQL, with
# the cost of a call crossing to another process. Ratios are against the 1-silo cluster and an
# in-process read, measured in the same run. Prints markdown tables.
#   loadtests/run-cluster-benchmark.sh [TAXPAYERS] [ACCOUNT_ROWS] [SEIZURES] [CONCURRENCY] [SIZES...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taxpayers=${1:-20000}
rows=${2:-200000}
seizures=${3:-2000}
concurrency=${4:-64}
shift $(( $# < 4 ? $# : 4 ))
sizes="${*:-1 2 4}"
source "$root/cluster-config/postgres/throwaway-session.sh"
dotnet build "$root/loadtests/Tracking.LoadTests" -c Release -o "$work/bin" -nologo -v quiet >&2
echo "## Cluster ($(nproc) cores, $(date -u +%F)): loadtests/run-cluster-benchmark.sh $taxpayers $rows $seizures $concurrency $sizes"
# shellcheck disable=SC2086  # the sizes are separate arguments
dotnet "$work/bin/Tracking.LoadTests.dll" cluster --taxpayers "$taxpayers" --rows "$rows" --seizures "$seizures" \
  --concurrency "$concurrency" --silos $sizes --postgres "$postgres" --profiles "$root/cluster-config/exchanges"

#!/usr/bin/env bash
# Cluster benchmark: import + sweep of generated files and a lifecycle load (against the exchange
# simulator process) on clusters of silo processes (tracking --cluster CONNSTR silo) on one
# throw-away PostgreSQL, with the cost of a call from a client process. Ratios are against the
# first cluster size and an in-silo read, measured in the same run. Prints markdown tables, then
# one JSON line of its figures.
#   loadtests/run-cluster-benchmark.sh [TAXPAYERS] [ACCOUNT_ROWS] [SEIZURES] [CONCURRENCY] [SIZES...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taxpayers=${1:-20000}
rows=${2:-200000}
seizures=${3:-2000}
concurrency=${4:-64}
shift $(( $# < 4 ? $# : 4 ))
sizes="${*:-1 2}"
source "$root/cluster-config/postgres/throwaway-session.sh"
program="$("$root/loadtests/build.sh")"
echo "## Cluster ($(nproc) cores, $(date -u +%F)): loadtests/run-cluster-benchmark.sh $taxpayers $rows $seizures $concurrency $sizes"
# shellcheck disable=SC2086  # the sizes are separate arguments
dotnet "$program" cluster --taxpayers "$taxpayers" --rows "$rows" --seizures "$seizures" \
  --concurrency "$concurrency" --silos $sizes --postgres "$postgres" --profiles "$root/cluster-config/exchanges"

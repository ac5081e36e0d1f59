#!/usr/bin/env bash
# Case API benchmark: wrk (Debian's package, installed if missing) against a silo on loopback
# holding a generated population uploaded, swept and seized through the API (exchange simulator
# answering). Grain-state reads and list pages against the same HTTP path without a grain,
# measured in the same run, on SQLite and a throw-away PostgreSQL. Prints markdown tables, then
# one JSON line of its figures.
#   loadtests/run-api-benchmark.sh [TAXPAYERS] [ACCOUNT_ROWS] [SECONDS] [CONNECTIONS] [STORES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taxpayers=${1:-5000}
rows=${2:-30000}
seconds=${3:-10}
connections=${4:-32}
stores=${5:-both}
command -v wrk >/dev/null || "$root/cluster-config/install-package.sh" wrk
source "$root/cluster-config/postgres/throwaway-session.sh"
program="$("$root/loadtests/build.sh")"
echo "## Case API ($(nproc) cores, $(date -u +%F)): loadtests/run-api-benchmark.sh $taxpayers $rows $seconds $connections $stores"
dotnet "$program" api --taxpayers "$taxpayers" --rows "$rows" --seconds "$seconds" --connections "$connections" \
  --stores "$stores" --postgres "$postgres" --profiles "$root/cluster-config/exchanges" --prices "$root/../shared/samples/prices.csv"

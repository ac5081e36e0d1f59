#!/usr/bin/env bash
# An office's month on one silo through the case API: the generated population uploaded and swept,
# every automatic match seized, officers reading, supervisors approving sales and review
# candidates, taxpayers paying, the exchange simulator (its own process) answering with latency
# and faults, on a simulated clock of DAY_SECONDS real seconds a day. Every request timed; every
# case checked at the end (closed, history complete, money conserved, no exchange request carried
# out twice, every payment booked once). Prints a markdown table per store and one JSON line of its
# figures; draws loadtests/office-month-STORE.svg (throughput and p99 latency over time). Exits
# non-zero when a request failed or a check did not hold.
#   loadtests/run-office-month-benchmark.sh [TAXPAYERS] [ACCOUNT_ROWS] [DAYS] [DAY_SECONDS] [STORES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taxpayers=${1:-110000}
rows=${2:-1100000}
days=${3:-30}
day_seconds=${4:-20}
stores=${5:-postgres}
source "$root/cluster-config/postgres/throwaway-session.sh"
program="$("$root/loadtests/build.sh")"
echo "## Office month ($(nproc) cores, $(date -u +%F)): loadtests/run-office-month-benchmark.sh $taxpayers $rows $days $day_seconds $stores"
dotnet "$program" office-month --taxpayers "$taxpayers" --rows "$rows" --days "$days" --day-seconds "$day_seconds" \
  --stores "$stores" --postgres "$postgres" --profiles "$root/cluster-config/exchanges" \
  --prices "$root/../shared/samples/prices.csv" --pictures "$root/loadtests"

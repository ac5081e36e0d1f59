#!/usr/bin/env bash
# Sweep benchmark: generates (once) a roll and five exchanges' account files, then measures files
# to recorded candidates on SQLite and on a throw-away PostgreSQL, against a plain hash join, the
# matcher alone in memory and the same join in PostgreSQL, all in this run. Prints a markdown
# table, then one JSON line of its figures.
#   loadtests/run-sweep-benchmark.sh [TAXPAYERS] [ACCOUNT_ROWS] [sqlite|postgres|both]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taxpayers=${1:-1000000}
rows=${2:-10000000}
stores=${3:-both}
# The job runs with the runtime settings `tracking` gives a batch command.
source "$root/cluster-config/batch-runtime.sh"
source "$root/cluster-config/postgres/throwaway-session.sh"
program="$("$root/loadtests/build.sh")"
echo "## Sweep ($(nproc) cores, $(date -u +%F)): loadtests/run-sweep-benchmark.sh $taxpayers $rows $stores"
dotnet "$program" sweep --taxpayers "$taxpayers" --rows "$rows" --stores "$stores" \
  --postgres "$postgres" --profiles "$root/cluster-config/exchanges"

#!/usr/bin/env bash
# Sweep benchmark: generates (once) a roll and five exchanges' account files, then measures files
# to recorded candidates on SQLite and on a throw-away PostgreSQL, against a plain hash join, the
# matcher alone in memory and the same join in PostgreSQL, all in this run. Prints a markdown table.
#   loadtests/run-sweep-benchmark.sh [TAXPAYERS] [ACCOUNT_ROWS] [sqlite|postgres|both]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taxpayers=${1:-1000000}
rows=${2:-10000000}
stores=${3:-both}
work="$(mktemp -d /tmp/tracking-bench.XXXXXX)"
chmod 755 "$work"
trap '"$root/cluster-config/postgres/throwaway-server.sh" stop "$work/pg" || true; rm -rf "$work"' EXIT

dotnet build "$root/loadtests/Tracking.LoadTests" -c Release -o "$work/bin" -nologo -v quiet >&2
postgres="$("$root/cluster-config/postgres/throwaway-server.sh" start "$work/pg")"
echo "## Sweep ($(nproc) cores, $(date -u +%F))"
dotnet "$work/bin/Tracking.LoadTests.dll" sweep --taxpayers "$taxpayers" --rows "$rows" --stores "$stores" \
  --postgres "$postgres" --profiles "$root/cluster-config/exchanges"

#!/usr/bin/env bash
# Runtime micro-benchmarks: in-silo grain call cost, and durable write throughput on SQLite and
# on a throw-away PostgreSQL server started (and stopped) here. Prints markdown tables.
#   loadtests/run-runtime-benchmarks.sh [SECONDS_PER_MEASUREMENT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=${1:-5}
source "$root/cluster-config/postgres/throwaway-session.sh"
dotnet build "$root/loadtests/Tracking.LoadTests" -c Release -o "$work/bin" -nologo -v quiet >&2

echo "## Grain calls ($(nproc) cores, $(date -u +%F))"
dotnet "$work/bin/Tracking.LoadTests.dll" grain-calls --seconds "$seconds"
echo
echo "## Durable writes"
dotnet "$work/bin/Tracking.LoadTests.dll" durable-writes --seconds "$seconds" --postgres "$postgres"

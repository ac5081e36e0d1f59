#!/usr/bin/env bash
# Runtime micro-benchmarks: the cost of a grain call (in a silo, grain to grain, client to silo,
# silo to silo), and durable write throughput on SQLite and on a throw-away PostgreSQL server
# started (and stopped) here. Prints markdown tables, then one JSON line of both benchmarks' figures.
#   loadtests/run-runtime-benchmarks.sh [SECONDS_PER_MEASUREMENT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=${1:-5}
source "$root/cluster-config/postgres/throwaway-session.sh"
program="$("$root/loadtests/build.sh")"

# Each benchmark ends with its JSON line: shown here are its tables; the two lines become one at the end.
echo "## Grain calls ($(nproc) cores, $(date -u +%F)): loadtests/run-runtime-benchmarks.sh $seconds"
dotnet "$program" grain-calls --seconds "$seconds" --postgres "$postgres" | tee "$work/grain-calls.out" | grep -v '^{'
echo
echo "## Durable writes"
dotnet "$program" durable-writes --seconds "$seconds" --postgres "$postgres" | tee "$work/durable-writes.out" | grep -v '^{'
printf '{"benchmark":"runtime","grainCalls":%s,"durableWrites":%s}\n' "$(tail -n 1 "$work/grain-calls.out")" "$(tail -n 1 "$work/durable-writes.out")"

#!/usr/bin/env bash
# Before/after the move onto Orleans (issue 14), in one run on this machine: the own runtime's
# benchmarks (commit f3e6528's load tests, built in a temporary git worktree that is removed at
# exit) and this commit's, one after the other for each benchmark, each with a throw-away
# PostgreSQL of its own. Every benchmark's own tables go to stderr and, with its output, to the
# results folder (kept; its path is printed); a benchmark that fails is reported and left out of
# the table. Prints one markdown before/after table, then one JSON line of its figures.
#   loadtests/run-orleans-comparison.sh [SECONDS] [TAXPAYERS] [ACCOUNT_ROWS] [SEIZURES] [CONCURRENCY] [CLUSTER_TAXPAYERS] [CLUSTER_ROWS]
# SECONDS per measurement of grain calls and durable writes; TAXPAYERS × ACCOUNT_ROWS for the sweep;
# SEIZURES and CONCURRENCY for the lifecycle and the cluster's lifecycle load; CLUSTER_TAXPAYERS ×
# CLUSTER_ROWS for the cluster of 1 and 2 silo processes. The defaults are the full run; a smoke run:
#   loadtests/run-orleans-comparison.sh 1 2000 20000 200 32 2000 20000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=${1:-5}
taxpayers=${2:-200000}
rows=${3:-2000000}
seizures=${4:-10000}
concurrency=${5:-128}
cluster_taxpayers=${6:-20000}
cluster_rows=${7:-200000}
own_runtime=f3e6528

# Numbers as the invariant culture writes them: the comparison reads the own runtime's tables back.
export LC_ALL=C.UTF-8
results="$(mktemp -d /tmp/tracking-comparison.XXXXXX)"
mkdir -p "$results/before" "$results/after"
old="$(mktemp -d /tmp/tracking-own-runtime.XXXXXX)"
rmdir "$old"
trap 'git -C "$root" worktree remove --force "$old" >&2 || { rm -rf "$old"; git -C "$root" worktree prune; }' EXIT
git -C "$root" worktree add --detach "$old" "$own_runtime" >&2
dotnet build "$old/loadtests/Tracking.LoadTests" -c Release -o "$old/.build/loadtests" -nologo -v quiet >&2
before="$old/.build/loadtests/Tracking.LoadTests.dll"
after="$("$root/loadtests/build.sh")"
program() { if [ "$1" = before ]; then echo "$before"; else echo "$after"; fi; }
profiles() { if [ "$1" = before ]; then echo "$old/cluster-config/exchanges"; else echo "$root/cluster-config/exchanges"; fi; }

# run SIDE NAME ARGS...: one side's benchmark in a subshell with a throw-away PostgreSQL of its
# own, POSTGRES in ARGS standing for its connection string. Its output is kept as SIDE/NAME.md
# (the own runtime's tables) or SIDE/NAME.out (this commit's, ending with its JSON line).
run() {
  local side=$1 name=$2 file
  shift 2
  file="$results/$side/$name.$(if [ "$side" = before ]; then echo md; else echo out; fi)"
  echo "## $side: $name" >&2
  if (source "$root/cluster-config/postgres/throwaway-session.sh" && dotnet "$(program "$side")" "${@//POSTGRES/$postgres}" >"$file.running"); then
    mv "$file.running" "$file"
    cat "$file" >&2
  else
    mv "$file.running" "$file.failed"
    echo "$side: $name failed, so it is left out of the table (its output: $file.failed)" >&2
  fi
}

run before grain-calls grain-calls --seconds "$seconds"
run after grain-calls grain-calls --seconds "$seconds" --postgres POSTGRES
for side in before after; do
  run "$side" durable-writes durable-writes --seconds "$seconds" --postgres POSTGRES
done
for side in before after; do
  run "$side" lifecycle lifecycle --seizures "$seizures" --concurrency "$concurrency" --postgres POSTGRES
done
for side in before after; do
  run "$side" sweep sweep --taxpayers "$taxpayers" --rows "$rows" --stores both --postgres POSTGRES --profiles "$(profiles "$side")"
done
for side in before after; do
  run "$side" cluster cluster --taxpayers "$cluster_taxpayers" --rows "$cluster_rows" --seizures "$seizures" \
    --concurrency "$concurrency" --silos 1 2 --postgres POSTGRES --profiles "$(profiles "$side")"
done

echo "Each benchmark's output: $results" >&2
echo "## Before/after the move onto Orleans ($(nproc) cores, $(date -u +%F)): loadtests/run-orleans-comparison.sh $seconds $taxpayers $rows $seizures $concurrency $cluster_taxpayers $cluster_rows"
echo
dotnet "$after" compare --before "$results/before" --after "$results/after" --parameters \
  "seconds=$seconds" "taxpayers=$taxpayers" "accountRows=$rows" "seizures=$seizures" "concurrency=$concurrency" \
  "clusterTaxpayers=$cluster_taxpayers" "clusterAccountRows=$cluster_rows"

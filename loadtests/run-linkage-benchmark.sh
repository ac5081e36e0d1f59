#!/usr/bin/env bash
# Linkage quality on FEBRL 1–4 (../shared/data/febrl): the weights each set teaches, what the
# sweep's rules and weights decide, and precision/recall per weight threshold. Counts, not timings.
# Prints markdown tables, then one JSON line of its figures; draws FEBRL-4's precision–recall
# curves in loadtests/linkage-febrl4-precision-recall.svg.
#   loadtests/run-linkage-benchmark.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program="$("$root/loadtests/build.sh")"
echo "## Linkage quality on FEBRL ($(date -u +%F)): loadtests/run-linkage-benchmark.sh"
dotnet "$program" linkage --febrl "$root/../shared/data/febrl" --picture "$root/loadtests/linkage-febrl4-precision-recall.svg"

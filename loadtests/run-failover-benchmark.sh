#!/usr/bin/env bash
# Failover: SILOS silo processes started by cluster-config/start-cluster.sh on a throw-away
# PostgreSQL; generated files imported and swept through `tracking --cluster`; the silo holding
# the sweep SIGKILLed while it records candidates. Reports the time from the kill to the first
# (and last) answer of taxpayer grains that were active on it, and whether the sweep's matches
# equal an undisturbed embedded run's. Prints a markdown table, then one JSON line of its figures.
#   loadtests/run-failover-benchmark.sh [TAXPAYERS] [ACCOUNT_ROWS] [SILOS]
# Uses the operator's fixed ports (HTTP 5080+i, silo 11111+i, gateway 30000+i): run it with no cluster up.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taxpayers=${1:-20000}
rows=${2:-200000}
silos=${3:-3}
source "$root/cluster-config/postgres/throwaway-session.sh"
program="$("$root/loadtests/build.sh")"
echo "## Failover ($(nproc) cores, $(date -u +%F)): loadtests/run-failover-benchmark.sh $taxpayers $rows $silos"
dotnet "$program" failover --taxpayers "$taxpayers" --rows "$rows" --silos "$silos" --postgres "$postgres"

#!/usr/bin/env bash
# The operator's commands timed as they are run: `tracking --postgres … sweep` on a store holding a
# generated population, and `tracking --postgres … import accounts upbit` on a store holding its
# roll, each on a fresh copy of that store, under runtime settings to compare (alternating, RUNS
# times each). Each SETTING is environment assignments given on top of cluster-config/batch-runtime.sh,
# quoted as one argument ("DOTNET_TieredPGO=1"); "batch" is batch-runtime.sh as it is. Prints a
# markdown table, then one JSON line of its figures.
#   loadtests/run-command-benchmark.sh [TAXPAYERS] [ACCOUNT_ROWS] [RUNS] [SETTING...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taxpayers=${1:-200000}
rows=${2:-2000000}
runs=${3:-3}
shift $(($# < 3 ? $# : 3))
settings=("$@")
[ ${#settings[@]} -gt 0 ] || settings=("batch" "DOTNET_TieredPGO=1")

source "$root/cluster-config/postgres/throwaway-session.sh"
files="$(dotnet "$("$root/loadtests/build.sh")" generate --taxpayers "$taxpayers" --rows "$rows")"
"$root/cluster-config/run-project.sh" src/Tracking.Cli/Tracking.Cli.csproj cli tracking.dll --help >/dev/null
cli="$root/.build/cli/tracking.dll"
psql="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql"
port="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$postgres")"
sql() { PGOPTIONS="-c client_min_messages=warning" "$psql" -h 127.0.0.1 -p "$port" -U tracking -d postgres -qAt -c "$1"; }
store() { sed "s/Database=tracking/Database=$1/" <<<"$postgres"; }
# Each command gets a store of its own, copied from a template the setup made.
fresh() { sql "DROP DATABASE IF EXISTS run" && sql "CREATE DATABASE run TEMPLATE $1"; }

# Every command runs as `./tracking` runs a batch job: batch-runtime.sh's settings, then the setting's.
tracking() {
  local setting=$1
  shift
  (
    source "$root/cluster-config/batch-runtime.sh"
    [ "$setting" = batch ] || export $setting
    TRACKING_LANGUAGE=en /usr/bin/time -f "%e %U %M" -o "$work/time" dotnet "$cli" --data "$work/data" "$@"
  )
}

# The stores: the roll alone, then with every exchange's accounts.
tracking batch --postgres "$(store tracking)" import roll "$files/taxpayers.csv" "$files/tax_items.csv" >/dev/null
sql "CHECKPOINT" && sql "CREATE DATABASE roll TEMPLATE tracking"
for exchange in upbit bithumb coinone korbit gopax; do
  tracking batch --postgres "$(store tracking)" import accounts "$exchange" "$(ls "$files/$exchange".*)" >/dev/null
done
sql "CHECKPOINT" && sql "CREATE DATABASE imported TEMPLATE tracking"

declare -A sweep import
for ((run = 1; run <= runs; run++)); do
  for setting in "${settings[@]}"; do
    fresh imported
    phases="$(tracking "$setting" --postgres "$(store run)" sweep | grep -oE 'Filing the index [0-9.]+ s, learning the weights [0-9.]+ s, comparing [0-9.]+ s, recording [0-9.]+ s' | grep -oE '[0-9.]+' | paste -sd/)"
    read -r wall user peak <"$work/time"
    sweep[$setting]+="$wall $user $((peak / 1024)) $phases;"
    fresh roll
    tracking "$setting" --postgres "$(store run)" import accounts upbit "$(ls "$files"/upbit.*)" >/dev/null
    read -r wall user peak <"$work/time"
    import[$setting]+="$wall $user $((peak / 1024));"
  done
done

echo "## Commands ($(nproc) cores, $(date -u +%F)): loadtests/run-command-benchmark.sh $taxpayers $rows $runs $(printf '"%s" ' "${settings[@]}")"
echo
echo "| setting | \`sweep\`: wall / user CPU (s), peak MB, filing / learning / comparing / recording (s) | \`import accounts upbit\`: wall / user CPU (s), peak MB |"
echo "|---|---|---|"
json=""
for setting in "${settings[@]}"; do
  sweeps="$(tr ';' '\n' <<<"${sweep[$setting]}" | awk 'NF { printf "%s%s / %s, %s MB, %s", (n++ ? " · " : ""), $1, $2, $3, $4 }')"
  imports="$(tr ';' '\n' <<<"${import[$setting]}" | awk 'NF { printf "%s%s / %s, %s MB", (n++ ? " · " : ""), $1, $2, $3 }')"
  echo "| $setting | $sweeps | $imports |"
  list() { tr ';' '\n' <<<"$1" | awk -v f="$2" 'NF { printf "%s%s", (n++ ? "," : ""), $f }'; }
  phases="$(tr ';' '\n' <<<"${sweep[$setting]}" | awk 'NF { printf "%s\"%s\"", (n++ ? "," : ""), $4 }')"
  json+="${json:+,}{\"setting\":\"$setting\",\"sweepSeconds\":[$(list "${sweep[$setting]}" 1)],\"sweepUserSeconds\":[$(list "${sweep[$setting]}" 2)],\"sweepPeakMb\":[$(list "${sweep[$setting]}" 3)],\"sweepPhases\":[$phases],\"importSeconds\":[$(list "${import[$setting]}" 1)],\"importUserSeconds\":[$(list "${import[$setting]}" 2)],\"importPeakMb\":[$(list "${import[$setting]}" 3)]}"
done
echo
echo "{\"benchmark\":\"commands\",\"taxpayers\":$taxpayers,\"rows\":$rows,\"runs\":$runs,\"settings\":[$json]}"

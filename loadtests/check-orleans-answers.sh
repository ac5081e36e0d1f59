#!/usr/bin/env bash
# Same answers before and after the move onto Orleans (issue 14): the own runtime's command line
# (commit f3e6528, built in a temporary git worktree removed at exit) and this commit's, each on an
# embedded store of its own, given the same files and the same RRN key.
#  - matches: the samples and generated files (TAXPAYERS × ACCOUNT_ROWS) imported and swept,
#    `matches --json` compared byte for byte;
#  - money: `scenario` on the samples against a fresh exchange simulator each, then every sample
#    taxpayer's money (`taxpayer show --json`, every number but versions) compared.
# Prints what differs, then one JSON line. Exit code 1 when an answer differs.
#   loadtests/check-orleans-answers.sh [TAXPAYERS] [ACCOUNT_ROWS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taxpayers=${1:-3000}
rows=${2:-30000}
own_runtime=f3e6528
samples="$(cd "$root/../shared/samples" && pwd)"
export TRACKING_RRN_KEY
TRACKING_RRN_KEY=$(printf 'answers-check-rrn-key-not-secret' | base64)
# Exchanges sign their callbacks with keys derived from this (the own runtime took them unsigned).
export TRACKING_EXCHANGE_CALLBACK_SECRET
TRACKING_EXCHANGE_CALLBACK_SECRET=$(printf 'answers-check-callback-not-secret' | base64)

work="$(mktemp -d /tmp/tracking-answers.XXXXXX)"
old="$work/own-runtime"
sim=""
cleanup() {
  if [ -n "$sim" ]; then kill "$sim" 2>/dev/null || true; fi
  git -C "$root" worktree remove --force "$old" >&2 2>/dev/null || git -C "$root" worktree prune
  rm -rf "$work"
}
trap cleanup EXIT
git -C "$root" worktree add --detach "$old" "$own_runtime" >&2
dotnet build "$old/src/Tracking.Cli" -c Release -o "$old/.build/cli" -nologo -v quiet >&2
generated="$(dotnet "$("$root/loadtests/build.sh")" generate --taxpayers "$taxpayers" --rows "$rows")"

# tracking SIDE ARGS...: that side's command line (the own runtime's from its worktree, where its
# exchange profiles are found).
tracking() {
  local side=$1
  shift
  if [ "$side" = before ]; then (cd "$old" && dotnet .build/cli/tracking.dll "$@"); else "$root/tracking" "$@"; fi
}

# sweep SIDE NAME FOLDER: the roll and every exchange file of FOLDER imported and swept; matches as JSON.
sweep() {
  local side=$1 data="$work/$1-$2" folder=$3 file
  tracking "$side" --data "$data" import roll "$folder/taxpayers.csv" "$folder/tax_items.csv" >/dev/null
  for file in "$folder"/*.csv "$folder"/*.tsv; do
    case "$(basename "$file")" in taxpayers.csv | tax_items.csv | truth.csv | prices.csv | payments*.csv) continue ;; esac
    [ -e "$file" ] || continue
    tracking "$side" --data "$data" import accounts "$(basename "${file%.*}")" "$file" >/dev/null
  done
  tracking "$side" --data "$data" sweep >/dev/null
  tracking "$side" --data "$data" matches --json >"$work/$side-$2.json"
}

# money SIDE: the scenario against a fresh simulator, then each sample taxpayer's money, one number a line.
money() {
  local side=$1 data="$work/$1-scenario" id
  "$root/exchange-sim" --urls http://127.0.0.1:5099 --accounts "$samples" --prices "$samples/prices.csv" >"$work/sim-$side.log" 2>&1 &
  sim=$!
  for _ in $(seq 120); do curl -s -o /dev/null http://127.0.0.1:5099/ && break; sleep 1; done
  TRACKING_EXCHANGE_URL=http://127.0.0.1:5099 tracking "$side" --data "$data" scenario --samples "$samples" --json >"$work/$side-scenario.json"
  kill "$sim"
  wait "$sim" 2>/dev/null || true
  sim=""
  for id in $(tail -n +2 "$samples/taxpayers.csv" | cut -d, -f1); do
    tracking "$side" --data "$data/scenario" taxpayer show "$id" --json | python3 -c '
import json, sys
def numbers(o, prefix):
    for k, v in o.items():
        if isinstance(v, dict): numbers(v, prefix + k + ".")
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and k != "version": print(prefix + k, v)
numbers(json.load(sys.stdin), sys.argv[1] + " ")' "$id"
  done >"$work/$side-money.txt"
}

for side in before after; do
  echo "## $side" >&2
  sweep "$side" samples "$samples"
  sweep "$side" generated "$generated"
  money "$side"
done

same() { cmp -s "$work/before-$1" "$work/after-$1" && echo true || echo false; }
samples_same=$(same samples.json)
generated_same=$(same generated.json)
money_same=$(same money.txt)
count() { grep -o '"taxpayerId"' "$work/after-$1" | wc -l; }
echo "| answer | before: own runtime | after: Orleans | the same |"
echo "|---|---|---|---|"
echo "| matches on the samples | $(grep -o '"taxpayerId"' "$work/before-samples.json" | wc -l) candidates | $(count samples.json) candidates | $samples_same |"
echo "| matches on $taxpayers × $rows generated | $(grep -o '"taxpayerId"' "$work/before-generated.json" | wc -l) candidates | $(count generated.json) candidates | $generated_same |"
echo "| scenario: every sample taxpayer's money | $(wc -l <"$work/before-money.txt") figures | $(wc -l <"$work/after-money.txt") figures | $money_same |"
if [ "$money_same" = false ]; then diff "$work/before-money.txt" "$work/after-money.txt" | head -40 >&2 || true; fi
echo "{\"benchmark\":\"orleans-answers\",\"taxpayers\":$taxpayers,\"accountRows\":$rows,\"samplesMatchesEqual\":$samples_same,\"generatedMatchesEqual\":$generated_same,\"scenarioMoneyEqual\":$money_same}"
[ "$samples_same$generated_same$money_same" = truetruetrue ]

#!/usr/bin/env bash
# Builds a program of this repository on first use (and after source changes), then runs it.
#   cluster-config/run-project.sh PROJECT.csproj OUTPUT-NAME PROGRAM.dll [ARGS...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/$1"
out="$root/.build/$2"
dll="$out/$3"
shift 3
changed() {
  find "$root/src" "$root/cluster-config" "$root/Directory.Packages.props" "$root/Directory.Build.props" \
    -newer "$dll" -type f -not -path '*/obj/*' -not -path '*/bin/*' -print -quit 2>/dev/null
}
mkdir -p "$out"
exec 9>"$out.lock"
flock 9  # two commands started at once must not build over each other
if [ ! -f "$dll" ] || [ -n "$(changed)" ]; then
  # Said on stderr, so that a script reading the program's output (--json) reads only that.
  echo "Building $(basename "$project" .csproj) ($([ -f "$dll" ] && echo "sources changed" || echo "first run"); a minute or two) ..." >&2
  if ! log=$("$root/cluster-config/publish-project.sh" "$project" "$out" 2>&1); then
    echo "$log" >&2
    exit 1
  fi
  touch "$dll"
  echo "Built." >&2
fi
flock -u 9
exec dotnet "$dll" "$@"

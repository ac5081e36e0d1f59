#!/usr/bin/env bash
# Builds the load tests in Release into .build/loadtests, compiled ahead of time as the program is
# (cluster-config/publish-project.sh; incrementally; scripts started at once take turns), and
# prints the program's path. The benchmark scripts run it from there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.build/loadtests"
mkdir -p "$out"
exec 9>"$out.lock"
flock 9
"$root/cluster-config/publish-project.sh" "$root/loadtests/Tracking.LoadTests" "$out" -v quiet >&2
echo "$out/Tracking.LoadTests.dll"

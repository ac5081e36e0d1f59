#!/usr/bin/env bash
# Builds the load tests in Release into .build/loadtests (incrementally; scripts started at once
# take turns) and prints the program's path. The benchmark scripts run it from there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.build/loadtests"
mkdir -p "$out"
exec 9>"$out.lock"
flock 9
dotnet build "$root/loadtests/Tracking.LoadTests" -c Release -o "$out" -nologo -v quiet >&2
echo "$out/Tracking.LoadTests.dll"

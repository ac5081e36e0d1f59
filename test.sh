#!/usr/bin/env bash
# Runs every test. Starts a throw-away PostgreSQL server for them (installing Debian's package
# first if it is missing) and stops it afterwards; installs Debian's Chromium and a Korean font
# (fonts-nanum) for the browser tests if they are missing. Extra arguments go to `dotnet test`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -x /usr/bin/chromium ] || "$root/cluster-config/install-package.sh" chromium
# Korean names in the browser tests' screenshots need a font with Hangul.
fc-list :lang=ko | grep -q . || "$root/cluster-config/install-package.sh" fonts-nanum
source "$root/cluster-config/postgres/throwaway-session.sh"
export TRACKING_TEST_POSTGRES="$postgres"
echo "PostgreSQL for tests: $TRACKING_TEST_POSTGRES"

# The browser tests' screenshots of each console page are kept here.
export TRACKING_TEST_ARTIFACTS="$root/TestResults/console"

status=0
dotnet test "$root/Tracking.sln" --logger "console;verbosity=normal" --results-directory "$work/results" "$@" | tee "$work/test.log" || status=$?

# Resident registration numbers never appear in clear in test output (DESIGN §5).
if grep -qE '\b[0-9]{6}-[1-8][0-9]{6}\b' "$work/test.log"; then
  echo "Test output holds something shaped like a resident registration number:" >&2
  grep -nE '\b[0-9]{6}-[1-8][0-9]{6}\b' "$work/test.log" | sed -E 's/([0-9]{6}-[1-8])[0-9]{6}/\1******/g' | head -5 >&2
  status=1
fi

# One closing line over all test projects, from each project's "Passed: N" / "Failed: N" summary.
awk '/^ +(Passed|Failed|Skipped): +[0-9]+$/ { n[$1] += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", n["Passed:"], n["Failed:"], n["Skipped:"] }' "$work/test.log"
# Failures again at the end, where a truncated log still shows them: each failed test with its message.
awk '/^  (Passed|Skipped) / { n = 0 } /^  Failed / { n = 25 } n > 0 { print; n-- }' "$work/test.log"
echo "Screenshots of the web console: $TRACKING_TEST_ARTIFACTS"
exit $status

#!/usr/bin/env bash
# Runs every test. Starts a throw-away PostgreSQL server for them (installing Debian's package
# first if it is missing) and stops it afterwards; installs Debian's Chromium and a Korean font
# (fonts-nanum) for the browser tests and PDFs, and Poppler's tools for reading PDFs back, if they are missing. Extra arguments go to `dotnet test`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -x /usr/bin/chromium ] || "$root/cluster-config/install-package.sh" chromium
# Korean names in the browser tests' screenshots need a font with Hangul.
fc-list :lang=ko | grep -q . || "$root/cluster-config/install-package.sh" fonts-nanum
# The PDF tests read documents back with Poppler's pdftotext and pdftoppm.
command -v pdftotext >/dev/null || "$root/cluster-config/install-package.sh" poppler-utils
source "$root/cluster-config/postgres/throwaway-session.sh"
export TRACKING_TEST_POSTGRES="$postgres"
echo "PostgreSQL for tests: $TRACKING_TEST_POSTGRES"

# The browser tests' screenshots of each console page are kept here.
export TRACKING_TEST_ARTIFACTS="$root/TestResults/console"

status=0
# A test that hangs is stopped after 10 minutes without a test starting or ending (the longest
# test takes about 2): the run fails then, naming it, instead of running into CI's limit.
dotnet test "$root/Tracking.sln" --logger "console;verbosity=normal" --results-directory "$work/results" \
  --blame-hang-timeout 10m --blame-hang-dump-type full "$@" | tee "$work/test.log" || status=$?

# A hang leaves a dump of the test process: its async call chains (what each task waits for) are printed.
# A diagnosis that fails says so and does not stop the checks below.
dumps="$(find "$work/results" -name '*.dmp' 2>/dev/null || true)"
if [ -n "$dumps" ]; then
  set +e
  dotnet tool install --tool-path "$work/tools" dotnet-dump --version 10.0.750501 >/dev/null || echo "dotnet-dump could not be installed: no call chains"
  for dump in $dumps; do
    echo "Async call chains in $(basename "$dump"):"
    # Only the chains that pass through Tracking's code (tests included), each cut to its first 30 lines, 600 in all.
    "$work/tools/dotnet-dump" analyze "$dump" -c "dumpasync --coalesce" -c exit |
      awk '/^STACKS / { if (block ~ /Tracking\./) printf "%s", block; block = ""; n = 0 } n++ < 30 { block = block $0 "\n" }
           END { if (block ~ /Tracking\./) printf "%s", block }' | awk 'NR <= 600'
  done | tee -a "$work/test.log"
  set -e
fi

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

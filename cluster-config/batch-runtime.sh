# Sourced by scripts that start a batch job (a `tracking` command other than `silo` or `demo`, the
# sweep benchmark). A value the caller set wins. Figures: loadtests/README.md, "Hot code compiled
# sooner for batch jobs" and
# "Files made out on every core; batch jobs without the instrumented tier".
#
# The .NET runtime compiles hot code optimized as soon as it is hot, instead of waiting for a pause
# in new code being compiled. A job that turns to new work every few seconds (parse, import, file
# the index, learn, compare, record) keeps extending that wait, and runs much of its work on
# unoptimized code: a 200,000 × 2,000,000 sweep as a command took about 15% less time and CPU, an
# import 10–20% less. A serving silo keeps the runtime's default: its longer-profiled code read
# 7–11% more cases per second.
export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"
# Hot code goes straight to optimized code, without first running instrumented to profile it: a
# job lives minutes, not the hours a silo serves, and the instrumented tier (and compiling every hot
# method twice) costs it more than the profile repays. A 200,000 × 2,000,000 sweep as a command took
# 17.7–19.9 s against 18.9–21.4 s and 20.8–21.5 s of CPU against 24.4–26.1 s; an exchange's import
# 5.5–6.0 s against 6.2–6.7 s (loadtests/run-command-benchmark.sh 200000 2000000 3 batch
# "DOTNET_TieredPGO=1", which compares settings for these commands).
export DOTNET_TieredPGO="${DOTNET_TieredPGO:-0}"

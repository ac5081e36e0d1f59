# Sourced by scripts that start a batch job (a `tracking` command other than `silo` or `demo`, the
# sweep benchmark): the .NET runtime compiles hot code optimized as soon as it is hot, instead of
# waiting for a pause in new code being compiled. A job that turns to new work every few seconds
# (parse, import, file the index, learn, compare, record) keeps extending that wait, and runs much
# of its work on unoptimized code: a 200,000 × 2,000,000 sweep as a command took about 15% less
# time and CPU, an import 10–20% less. A serving silo keeps the runtime's default: its
# longer-profiled code read 7–11% more cases per second (loadtests/README.md, "Hot code compiled
# sooner for batch jobs").
# A value the caller set wins.
export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"

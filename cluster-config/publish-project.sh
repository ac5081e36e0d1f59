#!/usr/bin/env bash
# Publishes a program of this repository into OUT, compiled ahead of time (ReadyToRun) for this
# machine's platform: a process then starts on native code for ours, Orleans' and Npgsql's
# assemblies instead of compiling each method as it first runs, and only the hot ones are compiled
# again. Figures: loadtests/README.md, "Programs compiled ahead of time".
#   cluster-config/publish-project.sh PROJECT OUT [DOTNET-PUBLISH-OPTIONS...]
set -euo pipefail
project="${1:?usage: publish-project.sh PROJECT OUT [OPTIONS...]}"
out="${2:?usage: publish-project.sh PROJECT OUT [OPTIONS...]}"
shift 2
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) rid=linux-x64 ;;
  Linux/aarch64) rid=linux-arm64 ;;
  *) rid="" ;;
esac
if [ -z "$rid" ]; then
  # A platform this script does not know: the same program, compiled as it runs.
  exec dotnet publish "$project" -c Release -o "$out" -nologo "$@"
fi
exec dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" -nologo "$@"

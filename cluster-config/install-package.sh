#!/usr/bin/env bash
# Installs Debian packages that the scripts here need (PostgreSQL for tests, Chromium for browser
# tests, wrk for benchmarks): install-package.sh PACKAGE... Uses sudo unless run as root.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
echo "Installing Debian's $*..." >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2

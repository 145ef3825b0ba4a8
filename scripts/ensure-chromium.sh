#!/usr/bin/env bash
# Installs Debian's chromium (the headless browser the playground test drives through
# playwright-core) unless one is already there; prints its path. Called by `make playground-test-deps`.
set -euo pipefail

log() { echo "ensure-chromium: $*" >&2; }
find_chromium() { command -v chromium || command -v chromium-browser || true; }

bin="$(find_chromium)"
if [ -z "$bin" ]; then
  [ "$(id -u)" = 0 ] || { log "chromium missing; run as root or: sudo apt-get install -y chromium"; exit 1; }
  log "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends chromium >&2
  bin="$(find_chromium)"
  [ -n "$bin" ] || { log "chromium installed but not on the PATH"; exit 1; }
fi
log "$("$bin" --version 2>/dev/null || echo "$bin: version unknown")"
echo "$bin"

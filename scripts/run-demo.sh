#!/usr/bin/env bash
# Runs the demo: echo upstream on 10001 in the background, Envoy with envoy/envoy.yaml in the foreground.
# Called by `make run` from the repo root; Ctrl-C stops both.
set -euo pipefail

envoy_bin="$(cat build/envoy-path)"
node envoy/echo-upstream.mjs --port 10001 &
echo_pid=$!
envoy_pid=""

cleanup() {
  trap - EXIT INT TERM
  [ -n "$envoy_pid" ] && kill "$envoy_pid" 2>/dev/null || true
  kill "$echo_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

echo "run-demo: Envoy on http://127.0.0.1:10000 (admin http://127.0.0.1:9901), upstream 127.0.0.1:10001; Ctrl-C stops" >&2
# --disable-hot-restart: no shared memory, so test stacks can run alongside.
"$envoy_bin" -c envoy/envoy.yaml --concurrency 1 --disable-hot-restart -l "${ENVOY_LOG_LEVEL:-info}" &
envoy_pid=$!
# Returns when either process exits (or on Ctrl-C, via the trap).
wait -n "$envoy_pid" "$echo_pid"

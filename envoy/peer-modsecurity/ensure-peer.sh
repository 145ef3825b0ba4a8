#!/usr/bin/env bash
# Installs the CRS peer from Debian (nginx + ModSecurity v3 + OWASP CRS) unless already present, and
# reports the versions found. Called by `make compare` before node/compare/main.ts starts the peer.
set -euo pipefail

PKGS=(nginx libnginx-mod-http-modsecurity modsecurity-crs)
CRS_WANT="${CRS_WANT:-3.3.4}"
CRS_INIT=/usr/share/modsecurity-crs/rules/REQUEST-901-INITIALIZATION.conf

log() { echo "ensure-peer: $*" >&2; }
installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]; }

missing=()
for p in "${PKGS[@]}"; do installed "$p" || missing+=("$p"); done

if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { log "missing ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}"; exit 1; }
  log "installing ${missing[*]}"
  # Keep the package from starting the system nginx on :80: compare.ts runs its own instance.
  # policy-rc.d exit 101 is Debian's "do not start services" switch; only add one if none exists.
  created_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    created_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  [ -z "$created_policy" ] || { rm -f /usr/sbin/policy-rc.d; trap - EXIT; }
fi

for p in "${PKGS[@]}" libmodsecurity3; do log "$p $(dpkg-query -W -f='${Version}' "$p")"; done
crs="$(grep -oE 'SecComponentSignature "OWASP_CRS/[0-9.]+"' "$CRS_INIT" | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' || echo unknown)"
if [ "$crs" = "$CRS_WANT" ]; then log "CRS $crs (want $CRS_WANT)"; else log "WARNING: CRS is $crs, not $CRS_WANT; the comparison reports what it found"; fi

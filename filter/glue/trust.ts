// Whether a request comes from a trusted source (trusted_sources) and is not scored: a client
// address in one of the CIDRs, an mTLS peer that is one of the principals, or the header a trusted
// hop sets. Called by stream.ts first thing in onRequestHeaders, after the spoofed-header removal;
// owned by plugin.ts. Host calls happen only for what is configured.
//
// The address is Envoy's `source.address`: the downstream remote address, which is the peer's
// unless the connection manager takes it from X-Forwarded-For (use_remote_address false, the
// default, or xff_num_trusted_hops): then a client can name any address (README, trusted_sources).
// The header is removed from every request, trusted or not, so upstream never sees its value and a
// client's own copy goes no further; a request is trusted only when each copy of it has the value.

import { getProperty, removeRequestHeaderRaw } from "./host";
import { Config } from "../config/config";
import { HeaderMap } from "../request/head";
import { trustedAddress, trustedPrincipal } from "../request/policy";
import { IP_BYTES } from "../lib/cidr";
import { equalsLower } from "../lib/bytes";

export const enum Trusted { NO = 0, CIDR = 1, PRINCIPAL = 2, HEADER = 3 }

const SOURCE_ADDRESS = String.UTF8.encode("source\0address");
// Envoy's names for the peer certificate's first URI SAN (a SPIFFE ID under Istio) and its subject.
const PEER_URI_SAN = String.UTF8.encode("connection\0uri_san_peer_certificate");
const PEER_SUBJECT = String.UTF8.encode("connection\0subject_peer_certificate");

export class TrustedSources {
  // The last check removed the trusted header: the caller reads the headers again.
  removed: bool = false;
  private walker: HeaderMap = new HeaderMap();
  private ip: StaticArray<u8> = new StaticArray<u8>(IP_BYTES);

  check(cfg: Config, headers: ArrayBuffer | null): Trusted {
    this.removed = false;
    // The header first: it is removed whatever the other checks say.
    let byHeader = cfg.trustedHeaderName != null && this.headerTrusted(cfg, headers);
    if (cfg.trustedCidrs.length > 0) {
      let a = getProperty(SOURCE_ADDRESS);
      if (a != null && trustedAddress(cfg, changetype<usize>(a), a.byteLength, changetype<usize>(this.ip))) return Trusted.CIDR;
    }
    if (cfg.trustedPrincipalBytes.length > 0) {
      let p = getProperty(PEER_URI_SAN);
      if (p != null && trustedPrincipal(cfg, changetype<usize>(p), p.byteLength)) return Trusted.PRINCIPAL;
      p = getProperty(PEER_SUBJECT);
      if (p != null && trustedPrincipal(cfg, changetype<usize>(p), p.byteLength)) return Trusted.PRINCIPAL;
    }
    return byHeader ? Trusted.HEADER : Trusted.NO;
  }

  private headerTrusted(cfg: Config, headers: ArrayBuffer | null): bool {
    if (headers == null) return false;
    let base = changetype<usize>(headers);
    let h = this.walker;
    if (!h.reset(base, headers.byteLength) || !h.first()) return false;
    let name = cfg.trustedHeaderName!;
    let value = cfg.trustedHeaderValue!;
    let seen = 0, good = 0;
    do {
      if (!equalsLower(base + h.nameOff, h.nameLen, name)) continue;
      seen++;
      if (h.valueLen == value.byteLength && memory.compare(base + h.valueOff, changetype<usize>(value), h.valueLen) == 0) good++;
    } while (h.next());
    if (seen == 0) return false;
    removeRequestHeaderRaw(changetype<usize>(name), name.byteLength);
    this.removed = true;
    return good == seen;
  }
}

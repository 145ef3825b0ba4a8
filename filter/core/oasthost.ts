// A security scanner's out-of-band interaction host: interactsh's (`oast.fun`, `oast.pro`,
// `oast.live`, `oast.site`, `oast.online`, `oast.me`, `interact.sh`), Burp Collaborator's
// (`oastify.com`, `burpcollaborator.net`), `dnslog.cn` and `ceye.io`. A probe asks the server to
// call such a host back; Nuclei and Burp put one in every blind SSRF, XXE, command, SQL and JNDI
// check, so a request that names one is a scanner's. No site's own traffic does, and none of the
// dataset's benign parts (`make verdict-census`). Read by core/payloads.ts in the texts with a '/'
// (a URL's or a path's host: `http://x.oast.fun/a`, `x.oast.site/ecp/`), not in a lone host
// (`url=x1.oast.pro`, a token the model never scores): reading every text for one cost 2-3% of
// the JSON and form bench bodies' instructions, the texts with a '/' 0.4-0.6% (make profile).
// Total and allocation-free.
//
// The model scored 120 of the dataset's 740 attack rows that name one over 20 (`url=http://www.
// interact.sh` 52, a Cookie's `X-AnonResource-Backend=….oast.site/ecp/…` 46); with the verdict, 31
// (lone hosts).

import { byteAt, isLetter, isWordChar, matchesLowerAt } from "../lib/bytes";
import { blockOf2, canReadBlock } from "../lib/scan";
import { splat8 } from "../lib/splat";

export function namesOastHost(p: usize, n: i32): bool {
  // The '.'s of each 16-byte block as a mask; at each '.' with four bytes before it, the four are
  // the end of a listed host's name label.
  let dots = splat8(0x2E);
  for (let i = 0; i < n; i += 16) {
    let m = 0;
    if (i + 16 <= n || canReadBlock(p + <usize>i)) {
      m = blockOf2(p + <usize>i, dots, dots);
      if (i + 16 > n) m &= (1 << (n - i)) - 1;
    } else {
      for (let j = i; j < n; j++) if (load<u8>(p + <usize>j) == 0x2E) m |= 1 << (j - i);
    }
    while (m != 0) {
      let d = i + ctz(m);
      m &= m - 1;
      if (d < 4) continue;
      let w = load<u32>(p + <usize>(d - 4)) | 0x20202020;
      let label = 0;
      if (w == 0x7473616F) label = 4;       // "oast"
      else if (w == 0x74636172) label = 8;  // "ract": interact
      else if (w == 0x79666974) label = 7;  // "tify": oastify
      else if (w == 0x726F7461) label = 16; // "ator": burpcollaborator
      else if (w == 0x676F6C73) label = 6;  // "slog": dnslog
      else if (w == 0x65796563) label = 4;  // "ceye"
      if (label != 0 && hostAt(p, n, d, label)) return true;
    }
  }
  return false;
}

// Whether the name label of `label` bytes before the '.' at d, and the top-level label after it,
// are a listed host, standing alone as a host's last two labels.
function hostAt(p: usize, n: i32, d: i32, label: i32): bool {
  let s = d - label;
  if (s < 0 || inHost(byteAt(p, n, s - 1))) return false;
  let t = d + 1;
  let e = t;
  while (e < n && isLetter(load<u8>(p + <usize>e))) e++;
  // The host ends there: not in a longer label, nor a subdomain of another host (`oast.me.example`).
  if (inHost(byteAt(p, n, e)) || (byteAt(p, n, e) == 0x2E && inHost(byteAt(p, n, e + 1)))) return false;
  let tld = e - t;
  if (label == 4 && matchesLowerAt(p, n, s, "oast")) {
    return (tld == 3 && (matchesLowerAt(p, n, t, "fun") || matchesLowerAt(p, n, t, "pro"))) ||
      (tld == 4 && (matchesLowerAt(p, n, t, "live") || matchesLowerAt(p, n, t, "site"))) ||
      (tld == 6 && matchesLowerAt(p, n, t, "online")) || (tld == 2 && matchesLowerAt(p, n, t, "me"));
  }
  if (label == 4) return tld == 2 && matchesLowerAt(p, n, s, "ceye") && matchesLowerAt(p, n, t, "io");
  if (label == 8) return tld == 2 && matchesLowerAt(p, n, s, "interact") && matchesLowerAt(p, n, t, "sh");
  if (label == 7) return tld == 3 && matchesLowerAt(p, n, s, "oastify") && matchesLowerAt(p, n, t, "com");
  if (label == 16) return tld == 3 && matchesLowerAt(p, n, s, "burpcollaborator") && matchesLowerAt(p, n, t, "net");
  return tld == 2 && matchesLowerAt(p, n, s, "dnslog") && matchesLowerAt(p, n, t, "cn");
}

// A byte of a host's label: a letter, a digit, '-' or '_'.
// @ts-ignore: decorator
@inline function inHost(c: u32): bool { return isWordChar(c) || c == 0x2D; }

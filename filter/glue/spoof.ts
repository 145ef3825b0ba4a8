// Removes request headers a client sent under the filter's own prefix (header_prefix, "x-waf-"),
// so the score headers upstream sees are only ever the filter's. Called by stream.ts first thing
// in onRequestHeaders, in every mode and before exclusions; owned by plugin.ts.

import { removeRequestHeaderRaw } from "./host";
import { HeaderMap } from "../request/head";
import { startsWithLower } from "../lib/bytes";

export class SpoofedHeaders {
  private prefix: ArrayBuffer;
  // Walks the header blob in place; one per plugin, and a VM runs one callback at a time.
  private walker: HeaderMap = new HeaderMap();

  constructor(prefix: string) {
    this.prefix = String.UTF8.encode(prefix);
  }

  // Removes the headers in `headers` (the serialized map) whose name starts with the prefix;
  // returns how many header lines matched (0 on a clean request, which allocates nothing).
  removeFrom(headers: ArrayBuffer | null): i32 {
    if (headers == null) return 0;
    let base = changetype<usize>(headers);
    let h = this.walker;
    if (!h.reset(base, headers.byteLength) || !h.first()) return 0;
    let removed = 0;
    do {
      if (this.matches(base + h.nameOff, h.nameLen)) {
        // Removes every value of the name: a repeated header is one call per line, the later ones no-ops.
        removeRequestHeaderRaw(base + h.nameOff, h.nameLen);
        removed++;
      }
    } while (h.next());
    return removed;
  }

  // The prefix is lower-case (config check); Envoy lower-cases names, other hosts might not.
  private matches(p: usize, n: i32): bool {
    return startsWithLower(p, n, this.prefix);
  }

}

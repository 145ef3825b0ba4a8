// Path traversal by the request path's own shape: its `..` segments climb above its root
// (`/public/plugins/text/../../../../../conf/defaults.ini`, Grafana's CVE-2021-43798;
// `/static/..;/..;/WEB-INF/web.xml`, where Tomcat reads `..;` as `..`). Browsers and HTTP clients
// resolve dot segments before they send a path (RFC 3986, 5.2.4), so a `..` is sent raw only on
// purpose, and one that leaves the root asks a server that joins the path to a directory for a file
// outside it, whatever the file is (core/osfiles.ts names the files attackers read first, after any
// `..`). None of the dataset's benign request paths climbs above its root. Read by
// core/payloads.ts in a request path's whole text (not its segments', which start inside it); total
// and allocation-free.

import { isSlash } from "../lib/bytes";

// Whether p[0..n), a path from its root (`/` or `\`), has more `..` segments than segments before them
// at some point: `.` and empty segments count for nothing (servers collapse `//`).
export function climbsAboveRoot(p: usize, n: i32): bool {
  if (n < 3 || !isSlash(<u32>load<u8>(p))) return false;
  let depth = 0;
  let i = 1;
  while (i < n) {
    let e = i;
    while (e < n && !isSlash(<u32>load<u8>(p + <usize>e))) e++;
    let len = e - i;
    if (len >= 2 && load<u16>(p + <usize>i) == 0x2E2E && (len == 2 || load<u8>(p + <usize>(i + 2)) == 0x3B)) {
      if (--depth < 0) return true;
    } else if (len > 1 || (len == 1 && load<u8>(p + <usize>i) != 0x2E)) depth++;
    i = e + 1;
  }
  return false;
}

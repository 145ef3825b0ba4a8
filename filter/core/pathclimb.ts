// Path traversal by the request path's own shape: a `..` segment
// (`/public/plugins/text/../../../../../conf/defaults.ini`, Grafana's CVE-2021-43798;
// `/static/..;/..;/WEB-INF/web.xml`, where Tomcat reads `..;` as `..`). Browsers and HTTP clients
// resolve dot segments before they send a path (RFC 3986, 5.2.4), so a `..` is sent raw only on
// purpose: one that leaves the root asks a server that joins the path to a directory for a file
// outside it, whatever the file is (core/osfiles.ts names the files attackers read first, after any
// `..`), and one that stays under it walks past the prefix a proxy or the application checks before
// the path is resolved (`/api/v1/totp/user-backup-code/../../system/active-users`, Ivanti's
// CVE-2023-46805; `/vpn/../vpns/cfg/smb.conf`, Citrix's CVE-2019-19781), as CRS 930100 and 930110
// read any `../`. None of about 75,000 benign request paths of the dataset and the real-traffic
// sets holds one. Read by core/payloads.ts in a request path's whole text (not its segments', which
// start inside it); total and allocation-free.
//
// A parameter's value has no root to count from: one that opens by climbing twice (`../../x`,
// `..\..\x`) names something outside the directory the application joins it to, as CRS 930110
// reads any `../`, and no benign value of the dataset, the spent draws or the benign pools opens so
// (one climb does: `next=../account`).

import { isSlash, isLetter } from "../lib/bytes";

// Whether p[0..n), a path from its root (`/` or `\`), holds a `..` segment (`..` or Tomcat's `..;…`
// between slashes or at the end); `..data`, `...` and `x..` are names.
export function holdsDotDotSegment(p: usize, n: i32): bool {
  if (n < 3 || !isSlash(<u32>load<u8>(p))) return false;
  let i = 1;
  while (i < n) {
    let e = i;
    while (e < n && !isSlash(<u32>load<u8>(p + <usize>e))) e++;
    let len = e - i;
    if (len >= 2 && load<u16>(p + <usize>i) == 0x2E2E && (len == 2 || load<u8>(p + <usize>(i + 2)) == 0x3B)) return true;
    i = e + 1;
  }
  return false;
}

// Whether a value p[0..n) opens (blanks aside) with two `..` segments and a name after them that
// opens with a letter: `../../LocalSettings.php`, `..\..\web.config`, `../../thinkphp/base`.
export function climbsTwiceAtStart(p: usize, n: i32): bool {
  let i = 0;
  while (i < n && load<u8>(p + <usize>i) == 0x20) i++;
  let climbs = 0;
  while (i + 3 <= n && load<u16>(p + <usize>i) == 0x2E2E && isSlash(<u32>load<u8>(p + <usize>(i + 2)))) {
    i += 3;
    while (i < n && isSlash(<u32>load<u8>(p + <usize>i))) i++;
    climbs++;
  }
  return climbs >= 2 && i < n && isLetter(<u32>load<u8>(p + <usize>i));
}

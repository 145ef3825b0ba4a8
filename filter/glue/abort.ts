// AssemblyScript abort handler for the filter: one critical proxy_log line, then trap.
// Installed by asc `--use abort=filter/glue/abort/wafscoreAbort` (filter/glue/asconfig.json); never called directly.

import { logRaw, LogLevel } from "./host";

// Message buffer for the abort line, 512 bytes, zero-initialised. abort() may run
// after an allocation failure, so it must not allocate: it copies the UTF-16
// message into this buffer (non-ASCII code units become '?') and logs from there.
const ABORT_BUF_BYTES: i32 = 512;
const abortBufPtr: usize = memory.data(ABORT_BUF_BYTES);

function putAscii(off: i32, s: string | null): i32 {
  if (s === null) return off;
  let str = changetype<string>(s);
  let n = str.length;
  for (let i = 0; i < n && off < ABORT_BUF_BYTES; i++) {
    let c = <u32>str.charCodeAt(i);
    store<u8>(abortBufPtr + <usize>off, c < 0x20 || c > 0x7e ? 0x3f : <u8>c);
    off++;
  }
  return off;
}

function putDecimal(off: i32, v: u32): i32 {
  // At most 10 digits for a u32; write them backwards into a scratch area at the end.
  let digits: i32 = 0;
  let t = v;
  do { digits++; t /= 10; } while (t != 0);
  if (off + digits > ABORT_BUF_BYTES) return off;
  let p = off + digits - 1;
  t = v;
  do { store<u8>(abortBufPtr + <usize>p, <u8>(0x30 + t % 10)); p--; t /= 10; } while (t != 0);
  return off + digits;
}

export function wafscoreAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {
  let off = putAscii(0, "wafscore abort: ");
  off = putAscii(off, message);
  off = putAscii(off, " at ");
  off = putAscii(off, fileName);
  off = putAscii(off, ":");
  off = putDecimal(off, lineNumber);
  off = putAscii(off, ":");
  off = putDecimal(off, columnNumber);
  logRaw(LogLevel.Critical, abortBufPtr, <usize>off);
  // Trap instead of proc_exit: Envoy marks the VM failed either way, and a trap
  // keeps the abort independent of which WASI version the host exposes.
  unreachable();
}

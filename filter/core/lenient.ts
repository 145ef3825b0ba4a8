// Path traversal written in an encoding only a lenient decoder reads, as traversal lists carry it
// for IIS-era servers and for path APIs that fold look-alikes (`..%c0%2f`, `%c0%2e%c0%2e/`,
// `..%c1%1c`, `..%u2215`): a `..` and a separator where one of the three is written so. Read by
// core/payloads.ts for texts whose decoders flagged such a byte (DecodeFlag.LENIENT, and
// DecodeFlag.PERCENT_U for IIS's `%u`); total and allocation-free. The look-alikes sent as UTF-8
// (`..%e2%88%95`) are left to the model: flagging them in the percent decoder cost every escape of
// a form body (make profile: +10% in decodePercent), and the model reads them as traversal.
//
// The decoding stage (decode/normalize.ts) folds overlong UTF-8 (C0 AF) to the ASCII it hides, but
// not these: a lead byte C0 or C1 before a byte without UTF-8's continuation bits, which such a
// decoder reads as ((lead & 1) << 6) | (byte & 0x3F) (C0 2E '.', C0 2F '/', C1 1C '\'), and the
// division slash and set minus (U+2215, U+2216). Folding them there would change the text the model
// scores (the feature spec); read here, they change no score but this verdict's. No benign text
// holds the first (it is no UTF-8), and a `..` before the second is no mathematics.

import { twoByteAscii } from "../decode/normalize";

export function lenientTraversal(p: usize, n: i32): bool {
  // The last three characters read (each a byte of ASCII or what a lenient sequence stands for),
  // and which of them were written leniently.
  let c0: u32 = 0, c1: u32 = 0, c2: u32 = 0;
  let l0 = false, l1 = false, l2 = false;
  let i = 0;
  while (i < n) {
    let b = <u32>load<u8>(p + <usize>i);
    let c = b, lenient = false;
    if ((b == 0xC0 || b == 0xC1) && i + 1 < n && load<u8>(p + <usize>(i + 1)) < 0x80) {
      c = twoByteAscii(b, <u32>load<u8>(p + <usize>(i + 1)));
      lenient = true;
      i += 2;
    } else if (b == 0xE2 && i + 2 < n && load<u8>(p + <usize>(i + 1)) == 0x88 &&
               (load<u8>(p + <usize>(i + 2)) == 0x95 || load<u8>(p + <usize>(i + 2)) == 0x96)) {
      c = load<u8>(p + <usize>(i + 2)) == 0x95 ? 0x2F : 0x5C;
      lenient = true;
      i += 3;
    } else {
      i++;
    }
    c0 = c1; l0 = l1; c1 = c2; l1 = l2; c2 = c; l2 = lenient;
    if ((l0 || l1 || l2) && c0 == 0x2E && c1 == 0x2E && (c2 == 0x2F || c2 == 0x5C)) return true;
  }
  return false;
}

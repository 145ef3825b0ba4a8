// node/bytes.ts: the browser's conversions (the playground's) give what Node's Buffer gives, so a
// raw request reads the same in the page as in `wafscore scan`. Run by `make test` (unit).
import { describe, expect, it } from "vitest";
import { latin1Bytes, latin1Text, portable, utf8Text } from "../../node/bytes";

const all256 = Uint8Array.from({ length: 256 }, (_, i) => i);
const CASES: Array<{ name: string; bytes: Uint8Array }> = [
  { name: "every byte value", bytes: all256 },
  { name: "windows-1252's differing range 0x80-0x9f", bytes: Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i) },
  { name: "valid UTF-8 (2, 3, 4 bytes)", bytes: new TextEncoder().encode("é € 𝄞 ok") },
  { name: "overlong apostrophe C0 A7", bytes: Uint8Array.of(0x61, 0xc0, 0xa7, 0x62) },
  { name: "lone continuation bytes", bytes: Uint8Array.of(0x80, 0xbf, 0x41) },
  { name: "truncated 3-byte sequence", bytes: Uint8Array.of(0xe2, 0x82, 0x41) },
  { name: "UTF-16 surrogate encoded ED A0 80", bytes: Uint8Array.of(0xed, 0xa0, 0x80) },
  { name: "past U+10FFFF F4 90 80 80, and F5", bytes: Uint8Array.of(0xf4, 0x90, 0x80, 0x80, 0xf5, 0x41) },
  { name: "a view into a larger buffer", bytes: all256.subarray(100, 160) },
  { name: "longer than one 8 KiB chunk", bytes: Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) & 0xff) },
  { name: "empty", bytes: new Uint8Array(0) },
];

describe("node/bytes.ts: the browser path equals Node's Buffer", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const text = latin1Text(c.bytes);
      expect(portable.latin1Text(c.bytes)).toBe(text);
      expect(text.length).toBe(c.bytes.length);
      expect(portable.latin1Bytes(text)).toEqual(new Uint8Array(latin1Bytes(text)));
      expect(new Uint8Array(latin1Bytes(text))).toEqual(new Uint8Array(c.bytes));
      expect(portable.utf8Text(c.bytes)).toBe(utf8Text(c.bytes));
    });
  }

  it("latin1Bytes keeps each char's low byte, as Buffer does", () => {
    const s = "A\u00ff\u0100\u20ac";
    expect(portable.latin1Bytes(s)).toEqual(new Uint8Array(latin1Bytes(s)));
    expect([...portable.latin1Bytes(s)]).toEqual([0x41, 0xff, 0x00, 0xac]);
  });
});

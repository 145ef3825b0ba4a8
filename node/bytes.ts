// Bytes to strings and back without losing a byte, in Node (Buffer: fast on big scan files) and in
// a browser (the playground), with the same results. Used by node/scan/ (readers, scorer).

const utf8 = new TextDecoder();

/** The browser's way, exported so a test can check it gives what Node's Buffer gives. */
export const portable = {
  // TextDecoder's "latin1" is windows-1252 (0x80–0x9F differ), so bytes are mapped one by one.
  latin1Text(b: Uint8Array): string {
    let s = "";
    for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
    return s;
  },
  latin1Bytes(s: string): Uint8Array {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
    return out;
  },
  utf8Text(b: Uint8Array): string { return utf8.decode(b); },
};

// Node's Buffer when there is one (the scan reads files of many MB); typed here, as the
// playground's browser typecheck has no @types/node.
interface BufferLike {
  from(b: ArrayBufferLike, offset: number, length: number): { toString(encoding: "latin1" | "utf8"): string };
  from(s: string, encoding: "latin1"): Uint8Array;
}
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

/** One char a byte (U+0000–U+00FF), so string offsets are byte offsets. */
export const latin1Text: (b: Uint8Array) => string = NodeBuffer
  ? (b) => NodeBuffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1")
  : portable.latin1Text;

/** The bytes of a latin1 string: each char's low byte, as Buffer.from(s, "latin1") takes it. */
export const latin1Bytes: (s: string) => Uint8Array = NodeBuffer ? (s) => NodeBuffer.from(s, "latin1") : portable.latin1Bytes;

/** UTF-8 text, invalid sequences as U+FFFD. */
export const utf8Text: (b: Uint8Array) => string = NodeBuffer
  ? (b) => NodeBuffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8")
  : portable.utf8Text;

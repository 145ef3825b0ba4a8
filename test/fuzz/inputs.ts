// Random and structure-aware request inputs for the long fuzz run: random heads and bodies,
// mutations of seed requests (the evasion suite's variants and ordinary requests), raw blobs
// that lie about their sizes. Used by test/fuzz/worker.ts; deterministic from a seed.

import { serializeHead, type CoreRequest } from "../../node/core";
import { allVariants, prng } from "../../node/evasion";

export interface RawInput { head: Uint8Array; body: Uint8Array }

const utf8 = new TextEncoder();
const bytes = (s: string | Uint8Array) => (typeof s === "string" ? utf8.encode(s) : s);

// Fragments that poke at every splitter and decoder, broken and truncated ones included
// (test/unit/fuzz.test.ts's list, plus the JSON and header grammar).
const FRAGMENTS = [
  "%", "%2", "%25", "%2527", "%zz", "%u", "%u00", "%u003c", "%uff1c", "%c0", "%c0%af", "%e0%80%af", "%00", "+", "%ef%bc%9c",
  "&", "&#", "&#x", "&#60", "&#x3c;", "&#0000000000000000060;", "&#99999999999;", "&#x10FFFF;", "&lt", "&lt;", "&amp;", ";",
  "\\", "\\u", "\\u00", "\\u003c", "\\ud800", "\\udc00", "\\x", "\\x3", "\\x3c", "'", '"', "`", "{", "}", "[", "]", ":", ",", "=",
  "--", "--b", "--b--", "\r\n", "\n", "\r\n\r\n", 'Content-Disposition: form-data; name="', '"; filename="', "filename*=UTF-8''a",
  "Content-Type: image/png", "<script>", "</", "<!--", "<![CDATA[", "]]>", "<!DOCTYPE x [", "${jndi:", "{{", "}}", "$(", ")", "|",
  " OR 1=1--", "../", "..\\", "/*", "*/", "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "YWFh", "==", "\0", "\xc0\xaf", "é", "東", "ｓ",
  "\u{1F600}", " ", "\t", "a", "0", "-1", "1e999", "null", "true", '{"a":', '[[[[[[', ']]]]]]', '"\\"', "a".repeat(40), "=".repeat(20),
];

const FRAGMENT_BYTES = FRAGMENTS.map((f) => bytes(f));

const HEADER_NAMES = [
  ":path", ":method", ":authority", ":scheme", "user-agent", "referer", "cookie", "content-type", "content-encoding",
  "x-request-id", "x-forwarded-for", "authorization", "accept", "accept-language", "x-api-version", "host", "content-length",
  "x-waf-attack-score", "transfer-encoding", "",
];

const CONTENT_TYPE_BYTES = () => CONTENT_TYPES.map((c) => bytes(c));
const CONTENT_TYPES = [
  "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "multipart/form-data",
  "application/xml", "text/xml", "text/plain", "application/octet-stream", "image/png", "application/json; charset=utf-8",
  "APPLICATION/JSON", "multipart/mixed; boundary=\"b\"", "application/vnd.api+json", "", ";;;", "x",
];

type Head = Array<[Uint8Array, Uint8Array]>;
const HEADER_NAME_BYTES = HEADER_NAMES.map((n) => bytes(n));
const CONTENT_TYPE_NAME = HEADER_NAME_BYTES[HEADER_NAMES.indexOf("content-type")];
const SLASH = bytes("/");

/**
 * node/core.ts serializeHead for names already lower-cased UTF-8 bytes: TextEncoder on every
 * header name was the generator's largest cost. Checked against serializeHead on the seeds.
 */
function serialize(head: Head): Uint8Array {
  let size = 4 + 8 * head.length;
  for (const [n, v] of head) size += n.length + v.length + 2;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, head.length, true);
  let o = 4 + 8 * head.length;
  for (let i = 0; i < head.length; i++) {
    const [n, v] = head[i];
    dv.setUint32(4 + 8 * i, n.length, true);
    dv.setUint32(8 + 8 * i, v.length, true);
    out.set(n, o); o += n.length + 1;
    out.set(v, o); o += v.length + 1;
  }
  return out;
}
interface Seed { head: Head; blob: Uint8Array; body?: Uint8Array }

export class InputMaker {
  private rnd: () => number;
  private seeds: Seed[];
  private contentTypes = CONTENT_TYPE_BYTES();

  constructor(seed: number, seedEvery = 17) {
    this.rnd = prng(seed);
    // Seed requests: every seedEvery-th evasion variant (all encodings, placements and paddings
    // appear), plus ordinary requests of each body kind.
    const reqs: CoreRequest[] = [];
    let i = 0;
    // The 8 KiB-padded variants only now and then: they are a quarter of the suite, and mutating
    // 8 KiB costs more than scoring it.
    for (const v of allVariants()) if (i++ % (v.padding === "pad-8k" ? seedEvery * 8 : seedEvery) === 0) reqs.push(v.request);
    reqs.push(
      { head: [[":method", "GET"], [":path", "/api/v1/orders?page=2&sort=date"], ["user-agent", "Mozilla/5.0 (X11; Linux x86_64)"], ["cookie", "session=3f7a9c2e; theme=dark"]] },
      { head: [[":method", "POST"], [":path", "/login"], ["content-type", "application/x-www-form-urlencoded"]], body: "user=alice&pass=Tr0ub4dor%263&remember=on" },
      { head: [[":method", "POST"], [":path", "/api"], ["content-type", "application/json"]], body: '{"items":[{"sku":"AB-123","qty":2}],"note":"please select express delivery","n":[1,2,{"x":null}]}' },
      { head: [[":method", "POST"], [":path", "/upload"], ["content-type", "multipart/form-data; boundary=b"]], body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nfile text\r\n--b--\r\n' },
      { head: [[":method", "POST"], [":path", "/feed"], ["content-type", "application/xml"]], body: '<?xml version="1.0"?><a x="1"><b>text &amp; more</b></a>' },
    );
    this.seeds = reqs.map((r) => {
      const head: Head = r.head.map(([n, v]) => [bytes(n.toLowerCase()), bytes(v)]);
      const blob = serializeHead(r.head);
      if (Buffer.compare(blob, serialize(head)) !== 0) throw new Error("serialize disagrees with node/core.ts serializeHead");
      return { head, blob, body: r.body === undefined ? undefined : bytes(r.body) };
    });
  }

  private int(n: number): number { return Math.floor(this.rnd() * n); }
  private pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }

  /** A size: mostly small, now and then a few KiB, rarely 64 KiB. */
  private size(): number {
    const r = this.rnd();
    return r < 0.9 ? this.int(300) : r < 0.995 ? this.int(4096) : this.int(65536);
  }

  private randomBytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }

  private mix(n: number): Uint8Array {
    const chunks: Uint8Array[] = [];
    let len = 0;
    while (len < n) {
      const f = this.rnd() < 0.1 ? this.randomBytes(1 + this.int(8)) : this.pick(FRAGMENT_BYTES);
      chunks.push(f); len += f.length;
    }
    return concat(chunks);
  }

  private value(): Uint8Array {
    const n = this.size();
    return this.rnd() < 0.25 ? this.randomBytes(n) : this.mix(n);
  }

  /** Byte-level mutations: flips, interesting bytes, fragment insertions, deletions, duplications, truncation. */
  mutate(b: Uint8Array, rounds = 1 + this.int(6)): Uint8Array {
    let out = b;
    for (let r = 0; r < rounds; r++) {
      const at = out.length === 0 ? 0 : this.int(out.length);
      switch (this.int(7)) {
        case 0: if (out.length) { out = out.slice(); out[at] ^= 1 << this.int(8); } break;
        case 1: if (out.length) { out = out.slice(); out[at] = this.pick([0, 0x25, 0x26, 0x3d, 0x22, 0x5c, 0x0a, 0x0d, 0x2d, 0x7b, 0xc0, 0xef, 0xff]); } break;
        case 2: out = concat([out.subarray(0, at), this.pick(FRAGMENT_BYTES), out.subarray(at)]); break;
        case 3: out = concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + this.int(32)))]); break;
        case 4: { const e = Math.min(out.length, at + 1 + this.int(64)); out = concat([out.subarray(0, e), out.subarray(at, e), out.subarray(e)]); break; }
        case 5: out = out.subarray(0, at); break;
        default: out = concat([out.subarray(0, at), this.mix(1 + this.int(40)), out.subarray(at)]);
      }
    }
    return out;
  }

  private randomHead(): Head {
    const head: Head = [];
    if (this.rnd() < 0.9) head.push([HEADER_NAME_BYTES[0], concat([SLASH, this.value()])]);
    for (let i = this.int(10); i > 0; i--) {
      const name = this.rnd() < 0.85 ? this.pick(HEADER_NAME_BYTES) : this.mix(1 + this.int(12));
      head.push([name, name === CONTENT_TYPE_NAME && this.rnd() < 0.7 ? this.pick(this.contentTypes) : this.value()]);
    }
    return head;
  }

  /** The next input: one of several shapes, so every splitter and the head walker get hit. */
  next(): RawInput {
    const r = this.rnd();
    if (r < 0.3) {
      // Random head and body.
      return { head: serialize(this.randomHead()), body: this.rnd() < 0.2 ? EMPTY : this.value() };
    }
    if (r < 0.85) {
      // A seed request with mutated header values and body, re-serialized (a well-formed head).
      const s = this.pick(this.seeds);
      const head: Head = s.head.map(([n, v]) => [n, this.rnd() < 0.3 ? this.mutate(v) : v]);
      if (this.rnd() < 0.2) head.push([this.pick(HEADER_NAME_BYTES), this.value()]);
      if (this.rnd() < 0.1) head.splice(this.int(head.length + 1), 0, [CONTENT_TYPE_NAME, this.pick(this.contentTypes)]);
      const body = s.body === undefined ? (this.rnd() < 0.1 ? this.value() : EMPTY) : this.rnd() < 0.8 ? this.mutate(s.body) : s.body;
      return { head: serialize(head), body };
    }
    if (r < 0.95) {
      // A mutated serialized head: counts and lengths that lie.
      const s = this.pick(this.seeds);
      return { head: this.mutate(s.blob, 1 + this.int(3)), body: s.body ?? EMPTY };
    }
    // Raw random blobs.
    return { head: this.randomBytes(this.size()), body: this.randomBytes(this.size()) };
  }
}

const EMPTY = new Uint8Array(0);

export function concat(chunks: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

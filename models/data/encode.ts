// Encodings and evasions attackers apply to a payload before it goes on the wire, plus the choice of which fit a class.
// Called by build.ts (chooseEncoding) and contexts.ts (the minimal URL/cookie/header escapers).

import { Rng } from './rng.ts';

/**
 * An encoded payload. `wire` = true means `s` is already percent-encoded as a client would send it
 * in a URL/form/cookie (contexts must not re-encode its `%HH`); false means `s` is the logical value
 * and the context applies its own escaping (URL minimal encoding, JSON escaping, XML escaping...).
 */
export interface Encoded {
  s: string;
  wire: boolean;
  enc: string;
  /** A ready JSON string literal (with quotes) for JSON-level `\uXXXX` escaping; bodies use it verbatim. */
  jsonLiteral?: string;
}

const HEX = '0123456789ABCDEF';
const utf8 = new TextEncoder();

function pctByte(b: number, lower = false): string {
  const h = '%' + HEX[b >> 4] + HEX[b & 15];
  return lower ? h.toLowerCase() : h;
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/** Percent-encode the UTF-8 bytes of one code point. */
function pctChar(ch: string, lower = false): string {
  let out = '';
  for (const b of utf8.encode(ch)) out += pctByte(b, lower);
  return out;
}

export type UrlPart = 'query' | 'path' | 'cookie';

/**
 * What must be encoded for the value to survive in that part, as curl / a script / sqlmap send it:
 * controls, space, non-ASCII, a stray `%`, and the part's delimiters (`&#+` in query/form values, `?#` in
 * paths, `;,` in cookies). Existing valid `%HH` escapes are kept, so pre-encoded payloads pass through.
 * `plusIsSpace`: the value came pre-encoded, so its `+` already means space and stays.
 * `browser`: also encode `"<>\`` and `'` like a browser's address bar / form submission does.
 */
export function urlEncodeMinimal(
  s: string,
  part: UrlPart,
  opts: { plusIsSpace?: boolean; spaceAsPlus?: boolean; browser?: boolean; lower?: boolean } = {},
): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (ch === '%') {
      out += isHex(s[i]) && isHex(s[i + 1]) ? '%' : '%25';
      continue;
    }
    if (cp < 0x21 || cp >= 0x7f) {
      if (ch === ' ' && part === 'query' && opts.spaceAsPlus) out += '+';
      else out += pctChar(ch, opts.lower);
      continue;
    }
    let must = false;
    if (part === 'query') must = ch === '&' || ch === '#' || (ch === '+' && !opts.plusIsSpace);
    else if (part === 'path') must = ch === '?' || ch === '#';
    else if (part === 'cookie') must = ch === ';' || ch === ',' || ch === '"' || ch === '\\';
    if (!must && opts.browser) must = '"<>`{}|\\^\''.includes(ch);
    out += must ? pctChar(ch, opts.lower) : ch;
  }
  return out;
}

/** Every byte except ASCII letters and digits becomes %HH (Burp "encode all special chars"). */
export function urlEncodeFull(s: string, lower = false): string {
  let out = '';
  for (const ch of s) out += /[A-Za-z0-9]/.test(ch) ? ch : pctChar(ch, lower);
  return out;
}

/** Full URL encoding, then the `%` itself encoded again: `'` → `%2527`. */
export function urlEncodeDouble(s: string): string {
  return urlEncodeFull(s).replace(/%/g, '%25');
}

/** IIS-style `%uXXXX` for every non-alphanumeric character. */
export function pctUnicode(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += /[A-Za-z0-9]/.test(ch) || cp > 0xffff ? ch : '%u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** JavaScript/JSON `\uXXXX` escapes: specials only, or every character. */
export function jsUnicode(s: string, all: boolean): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += (all || !/[A-Za-z0-9 ]/.test(ch)) && cp <= 0xffff ? '\\u' + cp.toString(16).padStart(4, '0') : ch;
  }
  return out;
}

/** `\xHH` escapes (JS strings, bash $'..', PHP): specials only, or every ASCII character. */
export function hexEscape(s: string, all: boolean): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x80 && (all || !/[A-Za-z0-9 ]/.test(ch)) ? '\\x' + cp.toString(16).padStart(2, '0') : ch;
  }
  return out;
}

const NAMED: Record<string, string> = {
  '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '&': '&amp;', '(': '&lpar;', ')': '&rpar;',
  '/': '&sol;', ':': '&colon;', '=': '&equals;', ';': '&semi;', '\n': '&NewLine;', '\t': '&Tab;',
};

/** HTML character references: named, decimal (optionally zero-padded, optionally without `;`) or hex. */
export function htmlEntities(s: string, style: 'named' | 'dec' | 'hex', rng: Rng, all = false): string {
  const pad = rng.chance(0.2) ? rng.int(2, 7) : 0;
  const semi = rng.chance(0.85) ? ';' : '';
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const special = !/[A-Za-z0-9 ]/.test(ch);
    if (!special && !all) {
      out += ch;
    } else if (style === 'named' && NAMED[ch]) {
      out += NAMED[ch];
    } else if (style === 'hex') {
      out += '&#x' + cp.toString(16).padStart(pad, '0') + semi;
    } else if (style === 'named' && !special) {
      out += ch;
    } else {
      out += '&#' + String(cp).padStart(pad, '0') + semi;
    }
  }
  return out;
}

export function base64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

const KEYWORDS =
  /\b(select|union|from|where|and|or|not|null|insert|update|delete|drop|exec|execute|sleep|benchmark|waitfor|delay|order|group|by|having|concat|char|script|alert|prompt|confirm|onerror|onload|onmouseover|img|svg|iframe|body|javascript|document|cookie|eval|src)\b/gi;

/** Random upper/lower case inside SQL/HTML/JS keywords: `SeLeCt`, `<ScRiPt>`. */
export function mixedCase(s: string, rng: Rng): string {
  return s.replace(KEYWORDS, (w) => {
    let o = '';
    for (const c of w) o += rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase();
    return o;
  });
}

/** SQL comments as whitespace: `UNION/**\/SELECT`, `/*!50000UNION*\/`, `/*foo*\/`. */
export function sqlComments(s: string, rng: Rng): string {
  const style = rng.int(0, 3);
  if (style === 3) {
    // MySQL versioned comments around keywords.
    return s.replace(/\b(union|select|from|where|and|or)\b/gi, (w) => `/*!${rng.pick(['', '50000', '40101', '12345'])}${w}*/`);
  }
  const c = style === 0 ? '/**/' : style === 1 ? '/*' + rng.str(rng.int(1, 6), 'abcdefghijklmnopqrstuvwxyz') + '*/' : '/*!*/';
  return s.replace(/ +/g, c);
}

/** Whitespace other than space: tab, LF, CR LF, VT, FF. Contexts turn them into %09/%0A/... or \t/\n. */
export function oddWhitespace(s: string, rng: Rng): string {
  const ws = rng.pick(['\t', '\n', '\r\n', '\x0b', '\x0c', '\n\t']);
  return s.replace(/ +/g, () => (rng.chance(0.8) ? ws : rng.pick(['\t', '\n', ' '])));
}

/** String concatenation so literals don't appear whole. Returns null when the payload has nothing to split. */
export function concatTricks(s: string, cls: string, rng: Rng): string | null {
  if (cls === 'sqli') {
    const m = /'([A-Za-z0-9_@.]{4,})'/.exec(s);
    if (m) {
      const w = m[1];
      const k = rng.int(1, w.length - 1);
      const a = w.slice(0, k);
      const b = w.slice(k);
      const joined = rng.pick([`'${a}'+'${b}'`, `'${a}'||'${b}'`, `CONCAT('${a}','${b}')`, `'${a}' '${b}'`]);
      return s.replace(m[0], joined);
    }
    return s.replace(/\bchar\(/i, 'CHR(') !== s ? s.replace(/\bchar\(/i, 'CHR(') : null;
  }
  if (cls === 'xss') {
    if (/alert\(/.test(s)) {
      return s.replace(/alert\(/, rng.pick(["window['al'+'ert'](", 'top["al"+"ert"](', "self['ale'+'rt'](", "eval('al'+'ert')(", '(0,eval)("al"+"ert")(']));
    }
    return null;
  }
  if (cls === 'rce') {
    if (/\b(cat|id|whoami|ls|uname|wget|curl|nc|ping)\b/.test(s)) {
      const style = rng.int(0, 3);
      let out = s.replace(/\b(cat|id|whoami|ls|uname|wget|curl|nc|ping)\b/g, (w) => {
        if (w.length < 2) return w;
        const k = rng.int(1, w.length - 1);
        if (style === 0) return `${w.slice(0, k)}''${w.slice(k)}`;
        if (style === 1) return `${w.slice(0, k)}\\${w.slice(k)}`;
        if (style === 2) return `${w.slice(0, k)}$@${w.slice(k)}`;
        return `${w.slice(0, k)}""${w.slice(k)}`;
      });
      if (rng.chance(0.4)) out = out.replace(/ +/g, rng.pick(['${IFS}', '$IFS$9', '\t']));
      if (rng.chance(0.3)) out = out.replace('/etc/passwd', rng.pick(['/e??/p?ss??', '/etc/pa*wd', '/e"t"c/pa"ss"wd']));
      return out;
    }
    return null;
  }
  return null;
}

/** Null byte truncation: `../../etc/passwd\0.png` (contexts send it as %00 or \u0000). */
export function nullByte(s: string, rng: Rng): string {
  return rng.chance(0.6) ? s + '\0' + rng.pick(['.png', '.jpg', '.html', '.php', '.txt', '']) : s + '\0';
}

/**
 * `../` written the ways traversal filters miss. Returns a wire string for the `%` forms
 * (`..%2f`, `%2e%2e%2f`, `..%c0%af`, `..%252f`, `..%5c`) and a logical one for `....//`, `..\`, `..//`.
 */
export function traversalVariant(s: string, rng: Rng): Encoded | null {
  if (!/\.\.[/\\]/.test(s)) return null;
  const v = rng.pick([
    ['....//', false], ['..\\', false], ['..//', false], ['....\\/', false],
    ['..%2f', true], ['..%2F', true], ['%2e%2e%2f', true], ['%2e%2e/', true], ['..%c0%af', true],
    ['%c0%ae%c0%ae/', true], ['..%252f', true], ['%252e%252e%252f', true], ['..%5c', true], ['%2e%2e%5c', true],
    ['..%u2215', true], ['%uff0e%uff0e/', true],
  ] as const);
  const [rep, wire] = v;
  let out = s.replace(/\.\.[/\\]/g, rep);
  // Keep the rest of a wire string valid: a literal % elsewhere must not read as an escape.
  if (wire) out = out.replace(/ /g, '%20');
  return { s: out, wire, enc: 'traversal:' + rep };
}

/** Percent-decode once, tolerantly; returns null if the bytes are not valid UTF-8 (deliberate overlong forms). */
export function pctDecodeOnce(s: string, plusIsSpace: boolean): string | null {
  const bytes: number[] = [];
  const src = utf8.encode(plusIsSpace ? s.replace(/\+/g, ' ') : s);
  for (let i = 0; i < src.length; i++) {
    const b = src[i];
    if (b === 0x25 && i + 2 < src.length + 0 && isHex(String.fromCharCode(src[i + 1])) && isHex(String.fromCharCode(src[i + 2]))) {
      bytes.push(parseInt(String.fromCharCode(src[i + 1], src[i + 2]), 16));
      i += 2;
    } else bytes.push(b);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/** The payload already carries `%HH` escapes (libinjection lists, dotdotpwn, CRLF lists). */
export function looksPreEncoded(s: string): boolean {
  return /%[0-9A-Fa-f]{2}/.test(s) || /%u[0-9A-Fa-f]{4}/.test(s);
}

type Choice = readonly [string, number];

/** Which evasions fit a class, with weights. 'none' is the payload as the tool sends it. */
const CLASS_ENCODINGS: Record<string, readonly Choice[]> = {
  sqli: [['none', 40], ['full', 8], ['double', 3], ['pctu', 1], ['mixed', 12], ['comments', 12], ['ws', 8], ['concat', 6], ['html', 1], ['b64', 1], ['jsu', 2]],
  xss: [['none', 40], ['full', 8], ['double', 4], ['pctu', 1], ['mixed', 10], ['html', 12], ['jsu', 6], ['hex', 3], ['concat', 5], ['ws', 4], ['b64', 1]],
  traversal: [['none', 40], ['full', 8], ['double', 5], ['pctu', 2], ['trav', 30], ['null', 8], ['jsu', 1]],
  rce: [['none', 45], ['full', 8], ['double', 3], ['concat', 20], ['ws', 6], ['hex', 2], ['b64', 2]],
  ssti: [['none', 60], ['full', 12], ['double', 3], ['jsu', 4], ['html', 2], ['ws', 4]],
  xxe: [['none', 90], ['full', 5], ['html', 1]],
  ssrf: [['none', 60], ['full', 15], ['double', 5]],
  open_redirect: [['none', 70], ['full', 15], ['double', 8]],
  jndi: [['none', 60], ['full', 15], ['double', 5], ['jsu', 3], ['b64', 1]],
  nosqli: [['none', 70], ['full', 15], ['jsu', 5], ['ws', 5]],
  crlf: [['none', 70], ['full', 10], ['double', 15], ['pctu', 5]],
  ldapi: [['none', 70], ['full', 20], ['double', 5]],
};

/** Parts where the app sees bytes after URL decoding: percent forms make sense there. */
function urlish(where: string): boolean {
  return where === 'query' || where === 'path' || where === 'body:form' || where === 'header:Cookie' || where === 'header:Referer';
}

/**
 * Apply zero or one evasion (sometimes mixed case on top) to a logical payload for class `cls` placed in `where`.
 * Falls back to the plain payload when an evasion does not apply to this payload.
 */
export function chooseEncoding(rng: Rng, value: string, cls: string, where: string): Encoded {
  const table = CLASS_ENCODINGS[cls] ?? [['none', 1]];
  const enc = rng.weighted(table);
  const plain: Encoded = { s: value, wire: false, enc: 'none' };
  switch (enc) {
    case 'full':
      return urlish(where) ? { s: urlEncodeFull(value, rng.chance(0.3)), wire: true, enc } : plain;
    case 'double':
      return urlish(where) || rng.chance(0.3) ? { s: urlEncodeDouble(value), wire: true, enc } : plain;
    case 'pctu':
      return { s: pctUnicode(value), wire: true, enc };
    case 'mixed':
      return { s: mixedCase(value, rng), wire: false, enc };
    case 'comments':
      return { s: mixedCase(sqlComments(value, rng), rng), wire: false, enc };
    case 'ws':
      return { s: oddWhitespace(value, rng), wire: false, enc };
    case 'concat': {
      const c = concatTricks(value, cls, rng);
      return c === null ? plain : { s: c, wire: false, enc };
    }
    case 'html':
      return { s: htmlEntities(value, rng.pick(['named', 'dec', 'hex'] as const), rng, rng.chance(0.15)), wire: false, enc };
    case 'jsu': {
      const all = rng.chance(0.3);
      // In a JSON body the escapes are JSON's own, so the server's parser undoes them.
      if (where === 'body:json') return { s: value, wire: false, enc, jsonLiteral: '"' + jsUnicode(value, all).replace(/[\u0000-\u001f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"' };
      return { s: jsUnicode(value, all), wire: false, enc };
    }
    case 'hex':
      return { s: hexEscape(value, rng.chance(0.3)), wire: false, enc };
    case 'b64':
      return { s: base64(value), wire: false, enc };
    case 'trav': {
      const t = traversalVariant(value, rng);
      return t ?? plain;
    }
    case 'null':
      return { s: nullByte(value, rng), wire: false, enc };
    default:
      return plain;
  }
}

// Places a (possibly encoded) value into one request part as it is on the wire: query, path, bodies, cookies, headers.
// Called by build.ts for attack payloads and by benign.ts, so attack and benign rows share the same surroundings.

import { Encoded, urlEncodeMinimal, urlEncodeFull } from './encode.ts';
import { Rng } from './rng.ts';

export const WHERES = [
  'query', 'path', 'body:json', 'body:form', 'body:multipart', 'body:xml', 'body:text',
  'header:User-Agent', 'header:Referer', 'header:Cookie', 'header:X-Forwarded-For',
] as const;
export type Where = (typeof WHERES)[number] | `header:${string}`;

type W = readonly (readonly [Where, number])[];

/** Where each attack class is plausibly delivered, with weights. */
const CLASS_WHERES: Record<string, W> = {
  sqli: [['query', 42], ['body:form', 18], ['body:json', 14], ['header:Cookie', 7], ['path', 10], ['header:User-Agent', 3], ['header:Referer', 2], ['header:X-Forwarded-For', 3], ['body:multipart', 3], ['body:xml', 2]],
  xss: [['query', 40], ['body:form', 18], ['body:json', 14], ['body:multipart', 6], ['path', 8], ['header:Cookie', 4], ['header:Referer', 5], ['header:User-Agent', 5], ['body:xml', 2]],
  traversal: [['path', 44], ['query', 36], ['body:json', 6], ['body:form', 6], ['header:Cookie', 3], ['body:multipart', 5]],
  rce: [['query', 34], ['body:form', 18], ['body:json', 14], ['header:User-Agent', 9], ['header:Cookie', 4], ['body:multipart', 5], ['path', 8], ['body:text', 4], ['header:Referer', 2], ['body:xml', 2], ['header:X-Forwarded-For', 3]],
  ssti: [['query', 34], ['body:form', 20], ['body:json', 24], ['body:multipart', 5], ['header:User-Agent', 4], ['path', 5], ['body:text', 4], ['header:Cookie', 4]],
  xxe: [['body:xml', 82], ['body:multipart', 10], ['body:form', 4], ['query', 4]],
  ssrf: [['query', 55], ['body:json', 24], ['body:form', 14], ['path', 3], ['header:Referer', 2], ['body:xml', 2]],
  open_redirect: [['query', 70], ['body:form', 14], ['body:json', 6], ['path', 10]],
  jndi: [['header:User-Agent', 20], ['header:X-Forwarded-For', 10], ['header:Referer', 9], ['header:Cookie', 9], ['query', 20], ['body:json', 14], ['body:form', 9], ['path', 5], ['body:text', 4]],
  nosqli: [['body:json', 50], ['query', 34], ['body:form', 16]],
  crlf: [['query', 50], ['path', 42], ['body:form', 8]],
  ldapi: [['query', 50], ['body:form', 40], ['body:json', 10]],
};

export function chooseWhere(rng: Rng, cls: string, payload: string): Where {
  let w = rng.weighted(CLASS_WHERES[cls] ?? CLASS_WHERES.sqli);
  // A payload that is itself a path with a query (`/redirect?url=//evil`) reads as a path+query, not a path.
  if (w === 'path' && payload.includes('?') && !payload.startsWith('/')) w = 'query';
  return w;
}

/** Parameter names an attacker targets for each class (and benign apps use them too). */
export const TARGET_PARAMS: Record<string, readonly string[]> = {
  sqli: ['id', 'user', 'username', 'q', 'search', 'cat', 'category', 'item', 'pid', 'product_id', 'order', 'sort', 'page', 'name', 'email', 'password', 'uid', 'artist', 'year', 'filter'],
  xss: ['q', 'search', 'query', 'name', 'comment', 'message', 'title', 'callback', 'keyword', 'text', 'redirect', 'lang', 'error', 'msg', 'body', 'subject', 'ref'],
  traversal: ['file', 'path', 'page', 'template', 'doc', 'include', 'img', 'image', 'download', 'lang', 'dir', 'folder', 'filename', 'view', 'layout', 'style', 'pdf', 'load'],
  rce: ['cmd', 'exec', 'host', 'ip', 'ping', 'query', 'daemon', 'command', 'run', 'target', 'domain', 'arg', 'file', 'q', 'name', 'email'],
  ssti: ['name', 'template', 'msg', 'greeting', 'q', 'email', 'title', 'content', 'preview', 'subject', 'text', 'lang'],
  xxe: ['xml', 'data', 'payload', 'feed', 'doc'],
  ssrf: ['url', 'uri', 'target', 'dest', 'feed', 'image_url', 'webhook', 'callback', 'proxy', 'site', 'src', 'link', 'endpoint', 'avatar_url', 'host'],
  open_redirect: ['next', 'url', 'redirect', 'redirect_uri', 'return', 'returnTo', 'return_url', 'continue', 'goto', 'r', 'dest', 'destination', 'redir', 'target', 'callback', 'RelayState'],
  jndi: ['q', 'search', 'username', 'user', 'id', 'name', 'email', 'x', 'token', 'lang', 'ref'],
  nosqli: ['username', 'password', 'user', 'login', 'filter', 'q', 'id', 'email', 'token'],
  crlf: ['lang', 'page', 'url', 'redirect', 'q', 'next', 'ref', 'locale'],
  ldapi: ['user', 'uid', 'username', 'cn', 'search', 'filter', 'login', 'name', 'mail'],
  benign: ['q', 'search', 'query', 'name', 'comment', 'message', 'text', 'title', 'description', 'review', 'body', 'note', 'content', 'bio', 'subject', 'address', 'keywords', 'term'],
};

// ---------------------------------------------------------------- filler values shared with benign.ts

const WORDS = ('home about shoes jacket red blue green laptop phone case summer winter sale new best cheap review news sports ' +
  'music video travel hotel flight book garden kitchen chair table lamp coffee tea pizza recipe guide tutorial docs pricing ' +
  'login account settings profile cart checkout order help support contact careers blog press events search women men kids ' +
  'outdoor running bike camera watch bag wallet sofa desk monitor keyboard mouse headphones speaker tv tablet charger').split(' ');

export function word(rng: Rng): string {
  return rng.pick(WORDS);
}

export function slug(rng: Rng, n = rng.int(1, 4)): string {
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(word(rng));
  return ws.join('-');
}

export function uuid(rng: Rng): string {
  const h = (n: number) => rng.str(n, '0123456789abcdef');
  return `${h(8)}-${h(4)}-4${h(3)}-${rng.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
}

export function hexId(rng: Rng, n: number): string {
  return rng.str(n, '0123456789abcdef');
}

export function b64url(rng: Rng, n: number): string {
  return rng.str(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
}

export function ipv4(rng: Rng): string {
  return `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

const SITES = ['shop.example.com', 'www.example.org', 'app.example.net', 'news.example.co.uk', 'example.com', 'www.acme-store.com', 'blog.example.io', 'm.example.de'];
export function site(rng: Rng): string {
  return rng.pick(SITES);
}

/** A plausible benign filler parameter already URL-encoded: [name, value]. */
export function fillerParam(rng: Rng): [string, string] {
  switch (rng.int(0, 15)) {
    case 0: return ['page', String(rng.int(1, 40))];
    case 1: return ['limit', String(rng.pick([10, 20, 25, 50, 100]))];
    case 2: return ['sort', rng.pick(['asc', 'desc', 'price', '-created_at', 'name', 'relevance', 'newest'])];
    case 3: return ['lang', rng.pick(['en', 'en-US', 'de', 'fr', 'es', 'ja', 'pt-BR', 'zh-CN'])];
    case 4: return [rng.pick(['utm_source', 'utm_medium', 'utm_campaign']), rng.pick(['google', 'newsletter', 'facebook', 'cpc', 'email', 'spring_sale', 'twitter', 'organic'])];
    case 5: return ['id', String(rng.int(1, 999999))];
    case 6: return ['ref', rng.pick(['nav', 'footer', 'home', 'search', 'sr_1_' + rng.int(1, 30)])];
    case 7: return ['_', String(1500000000000 + rng.int(0, 200000000) * 1000 + rng.int(0, 999))];
    case 8: return ['session_id', hexId(rng, 32)];
    case 9: return ['v', rng.pick(['1', '2', '3.1', String(rng.int(100, 999))])];
    case 10: return ['format', rng.pick(['json', 'html', 'xml', 'csv'])];
    case 11: return ['category', slug(rng, 1)];
    case 12: return ['token', b64url(rng, rng.int(16, 40))];
    case 13: return ['gclid', b64url(rng, rng.int(40, 90))];
    case 14: return ['fbclid', 'IwAR' + b64url(rng, rng.int(40, 60))];
    default: return ['debug', rng.pick(['0', 'false', '1'])];
  }
}

export function pathPrefix(rng: Rng): string {
  return rng.pick(['/api/v1/items/', '/api/v2/users/', '/static/', '/products/', '/download/', '/files/', '/images/', '/', '/index.php/', '/blog/', '/docs/', '/assets/', '/page/', '/view/', '/en/', '/search/', '/cdn/', '/media/uploads/']);
}

// ---------------------------------------------------------------- escapers

function queryValue(rng: Rng, v: Encoded, browser: boolean): string {
  return urlEncodeMinimal(v.s, 'query', { plusIsSpace: v.wire, spaceAsPlus: browser || rng.chance(0.4), browser, lower: rng.chance(0.15) });
}

/** application/x-www-form-urlencoded as a browser serialises it: everything but `*-._` and alnum escaped, space as `+`. */
function formValueBrowser(s: string): string {
  return urlEncodeFull(s).replace(/%20/g, '+').replace(/%2A/g, '*').replace(/%2D/g, '-').replace(/%2E/g, '.').replace(/%5F/g, '_');
}

function formValue(rng: Rng, v: Encoded): string {
  if (v.wire) return urlEncodeMinimal(v.s, 'query', { plusIsSpace: true });
  return rng.chance(0.6) ? formValueBrowser(v.s) : queryValue(rng, v, false);
}

function jsonLit(v: Encoded): string {
  return v.jsonLiteral ?? JSON.stringify(v.s);
}

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Header values cannot carry CR, LF or other controls: a client percent-encodes them (or the request fails). */
function headerValue(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

// ---------------------------------------------------------------- parts

export function buildQuery(rng: Rng, name: string, value: string): string {
  const params: string[] = [];
  const n = rng.weighted([[0, 30], [1, 25], [2, 20], [3, 15], [5, 7], [8, 3]] as const);
  for (let i = 0; i < n; i++) params.push(fillerParam(rng).join('='));
  params.splice(rng.int(0, params.length), 0, `${name}=${value}`);
  return params.join('&');
}

function placeQuery(rng: Rng, v: Encoded, name: string): string {
  // NoSQL operator payloads (`[$ne]=1`) belong in the parameter name: username[$ne]=1.
  if (/^\[\$\w+\]/.test(v.s)) return buildQuery(rng, name + v.s.replace(/=.*$/, ''), v.s.includes('=') ? v.s.replace(/^[^=]*=/, '') : '1');
  return buildQuery(rng, name, queryValue(rng, v, rng.chance(0.25)));
}

function placePath(rng: Rng, v: Encoded): string {
  const enc = urlEncodeMinimal(v.s, 'path', { plusIsSpace: false, lower: rng.chance(0.15) });
  const val = enc.startsWith('/') ? enc.slice(1) : enc;
  switch (rng.int(0, 5)) {
    case 0: return '/' + val;
    case 1: return `/api/v1/${rng.pick(['users', 'items', 'orders', 'files'])}/${val}/${rng.pick(['profile', 'details', 'download', 'edit'])}`;
    case 2: return `${pathPrefix(rng)}${val}${rng.chance(0.2) ? '.html' : ''}`;
    default: return `${pathPrefix(rng)}${val}`;
  }
}

export function randomJsonValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(0, depth > 1 ? 4 : 6)) {
    case 0: return rng.int(0, 100000);
    case 1: return rng.chance(0.5);
    case 2: return slug(rng, rng.int(1, 3)).replace(/-/g, ' ');
    case 3: return uuid(rng);
    case 4: return rng.chance(0.5) ? null : Math.round(rng.next() * 100000) / 100;
    case 5: return [rng.int(1, 99), rng.int(1, 99)];
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(1, 3); i > 0; i--) o[rng.pick(['id', 'type', 'status', 'count', 'enabled', 'tags', 'meta', 'ts'])] = randomJsonValue(rng, depth + 1);
      return o;
    }
  }
}

/** A JSON object (realistic API shape) with `literal` (a JSON string literal) at key `name`, maybe nested. */
export function buildJson(rng: Rng, name: string, literal: string, asKey = false): string {
  const shape = rng.int(0, 5);
  const fields: string[] = [];
  for (let i = rng.int(0, 4); i > 0; i--) {
    const k = rng.pick(['id', 'type', 'page', 'limit', 'locale', 'client_id', 'version', 'timestamp', 'source', 'enabled', 'count', 'tags', 'meta']);
    if (fields.some((f) => f.startsWith(`"${k}"`))) continue;
    fields.push(`"${k}":${JSON.stringify(randomJsonValue(rng))}`);
  }
  const target = asKey ? `${literal}:${JSON.stringify(rng.pick(['1', 'true', 'value', '']))}` : `"${name}":${literal}`;
  fields.splice(rng.int(0, fields.length), 0, target);
  let inner = `{${fields.join(',')}}`;
  if (shape === 1) inner = `{"data":${inner}}`;
  else if (shape === 2) inner = `{"${rng.pick(['user', 'filter', 'query', 'item', 'params', 'input'])}":${inner},"requestId":"${uuid(rng)}"}`;
  else if (shape === 3) inner = `{"operationName":"${rng.pick(['Search', 'GetUser', 'UpdateProfile'])}","variables":${inner},"query":"query Q($${name}: String) { node(${name}: $${name}) { id } }"}`;
  else if (shape === 4) inner = `[${inner}]`;
  if (rng.chance(0.15)) inner = JSON.stringify(JSON.parse(inner), null, 2); // pretty-printed clients exist
  return inner;
}

function placeForm(rng: Rng, v: Encoded, name: string): string {
  const fields: string[] = [];
  const common: [string, () => string][] = [
    ['csrf_token', () => b64url(rng, 32)], ['submit', () => rng.pick(['Submit', 'Send', 'Save', 'Login', 'Search'])],
    ['remember', () => rng.pick(['1', 'on'])], ['email', () => `user${rng.int(1, 9999)}%40example.com`],
    ['action', () => rng.pick(['login', 'save', 'update', 'search'])], ['_method', () => 'PUT'],
    ['page', () => String(rng.int(1, 9))], ['lang', () => 'en'],
  ];
  for (let i = rng.int(0, 4); i > 0; i--) {
    const [k, f] = rng.pick(common);
    if (k !== name && !fields.some((x) => x.startsWith(k + '='))) fields.push(`${k}=${f()}`);
  }
  if (/^\[\$\w+\]/.test(v.s)) fields.splice(rng.int(0, fields.length), 0, `${name}${v.s.replace(/=.*$/, '')}=${v.s.includes('=') ? v.s.replace(/^[^=]*=/, '') : '1'}`);
  else fields.splice(rng.int(0, fields.length), 0, `${name}=${formValue(rng, v)}`);
  return fields.join('&');
}

export function boundary(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0: return '----WebKitFormBoundary' + rng.str(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
    case 1: return '-'.repeat(27) + rng.str(rng.int(26, 30), '0123456789');
    case 2: return '-'.repeat(24) + hexId(rng, 16);
    default: return hexId(rng, 32);
  }
}

export interface MultipartField { name: string; value: string; filename?: string; contentType?: string }

export function buildMultipart(rng: Rng, fields: MultipartField[]): string {
  const b = boundary(rng);
  let out = '';
  for (const f of fields) {
    out += `--${b}\r\nContent-Disposition: form-data; name="${f.name}"`;
    if (f.filename !== undefined) out += `; filename="${f.filename}"`;
    out += '\r\n';
    if (f.contentType) out += `Content-Type: ${f.contentType}\r\n`;
    out += `\r\n${f.value}\r\n`;
  }
  return out + `--${b}--\r\n`;
}

function placeMultipart(rng: Rng, v: Encoded, name: string, cls: string): string {
  const fields: MultipartField[] = [];
  if (rng.chance(0.4)) fields.push({ name: rng.pick(['title', 'name', 'username']), value: slug(rng, rng.int(1, 3)).replace(/-/g, ' ') });
  const mode = cls === 'xxe' ? 'file' : cls === 'traversal' ? rng.pick(['filename', 'filename', 'text']) : cls === 'benign' ? 'text' : rng.pick(['text', 'text', 'text', 'filename']);
  if (mode === 'file') {
    fields.push({ name: rng.pick(['file', 'upload', 'document']), filename: rng.pick(['data.xml', 'import.xml', 'feed.xml', 'doc.svg', 'invoice.xml']), contentType: rng.pick(['text/xml', 'application/xml', 'image/svg+xml']), value: v.s });
  } else if (mode === 'filename') {
    // Browsers percent-encode `"`, CR and LF in filenames (WHATWG multipart/form-data encoding algorithm).
    const fname = v.s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    fields.push({ name: rng.pick(['file', 'upload', 'avatar', 'attachment']), filename: fname, contentType: rng.pick(['image/png', 'application/octet-stream', 'text/plain', 'image/jpeg']), value: rng.pick(['\x89PNG\r\n\x1a\n', 'hello', 'GIF89a', 'report']) });
  } else {
    fields.push({ name, value: v.s });
  }
  if (rng.chance(0.5)) fields.push({ name: rng.pick(['submit', 'csrf_token', 'action']), value: rng.pick(['Upload', b64url(rng, 24), 'save']) });
  return buildMultipart(rng, fields);
}

function placeXml(rng: Rng, v: Encoded, name: string, cls: string): string {
  if (cls === 'xxe') return rng.chance(0.2) ? v.s.trim() + '\n' : v.s;
  const inner = rng.chance(0.5) ? `<![CDATA[${v.s}]]>` : xmlText(v.s);
  const decl = rng.chance(0.6) ? '<?xml version="1.0" encoding="UTF-8"?>' + rng.pick(['', '\n']) : '';
  if (rng.chance(0.4)) {
    const op = rng.pick(['GetUser', 'Search', 'UpdateItem']);
    return `${decl}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${op} xmlns="http://example.com/ws"><${name}>${inner}</${name}></${op}></soap:Body></soap:Envelope>`;
  }
  const root = rng.pick(['request', 'order', 'user', 'search']);
  return `${decl}<${root}><id>${rng.int(1, 99999)}</id><${name}>${inner}</${name}></${root}>`;
}

const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'curl/8.4.0', 'python-requests/2.31.0', 'Go-http-client/1.1',
];

function placeHeader(rng: Rng, v: Encoded, where: Where, cls: string): string {
  const s = v.s;
  if (where === 'header:User-Agent') {
    return headerValue(rng.chance(0.55) ? s : rng.chance(0.5) ? `${rng.pick(UAS)} ${s}` : `${s} ${rng.pick(UAS)}`);
  }
  if (where === 'header:Referer') {
    if (cls === 'jndi' && rng.chance(0.5)) return headerValue(s);
    const val = v.wire ? urlEncodeMinimal(s, 'query', { plusIsSpace: true }) : urlEncodeMinimal(s, 'query', { browser: true, spaceAsPlus: true });
    return `https://${site(rng)}/${rng.pick(['search', 'products', 'index.php', 'page', ''])}?${rng.pick(TARGET_PARAMS[cls] ?? ['q'])}=${val}`;
  }
  if (where === 'header:X-Forwarded-For') {
    return headerValue(rng.chance(0.5) ? s : rng.chance(0.5) ? `${ipv4(rng)}, ${s}` : `${s}, ${ipv4(rng)}`);
  }
  if (where === 'header:Cookie') {
    const val = urlEncodeMinimal(s, 'cookie', { plusIsSpace: v.wire });
    const name = rng.pick(['pref', 'lang', 'user', 'uid', 'theme', 'cart', 'tracking', 'session', 'remember_me', 'last_search', 'id']);
    const parts = [`${name}=${val}`];
    if (rng.chance(0.7)) parts.push(`${rng.pick(['PHPSESSID', 'JSESSIONID', 'sessionid', 'sid', 'connect.sid'])}=${hexId(rng, 26)}`);
    if (rng.chance(0.5)) parts.push(`_ga=GA1.2.${rng.int(100000000, 999999999)}.${rng.int(1500000000, 1700000000)}`);
    if (rng.chance(0.3)) parts.push(`consent=${rng.pick(['yes', 'true', 'all'])}`);
    rng.shuffle(parts);
    return parts.join('; ');
  }
  return headerValue(s);
}

function placeText(rng: Rng, v: Encoded): string {
  return rng.chance(0.6) ? v.s : `${rng.pick(['Hello,', 'Note:', 'message=', 'Feedback:'])} ${v.s}${rng.pick(['', '\n', ' thanks'])}`;
}

/** Place an encoded attack (or benign) value into the request part `where`. */
export function place(rng: Rng, v: Encoded, where: Where, cls: string, name?: string): string {
  const pname = name ?? rng.pick(TARGET_PARAMS[cls] ?? TARGET_PARAMS.benign);
  switch (where) {
    case 'query': return placeQuery(rng, v, pname);
    case 'path': return placePath(rng, v);
    case 'body:json': return buildJson(rng, pname, jsonLit(v), rng.chance(0.07));
    case 'body:form': return placeForm(rng, v, pname);
    case 'body:multipart': return placeMultipart(rng, v, pname, cls);
    case 'body:xml': return placeXml(rng, v, pname, cls);
    case 'body:text': return placeText(rng, v);
    default: return placeHeader(rng, v, where, cls);
  }
}

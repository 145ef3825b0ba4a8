// More generated benign families where the model was weak: XML/XHTML documents, punctuation-heavy passwords,
// keys/tokens/signatures, GitHub-API-like JSON, and odd but benign Referers and same-site redirect parameters.
// Called by build.ts; every row's source is gen:benign:<family>.

import { buildQuery, buildMultipart, fillerParam, uuid, hexId, b64url, slug, word, site, ipv4 } from './contexts.ts';
import { Rng } from './rng.ts';
import { GenRow } from './nosqli.ts';
import { padPayload } from './attacks_extra.ts';
import { PADDING, PROSE } from './prose.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64 = (r: Rng, n: number) => r.str(n, B64);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Linus Torvalds', 'Mary Shelley', 'Alan Turing', 'Hedy Lamarr', 'Claude Shannon', 'Rosalind Franklin'];

const DOCTYPES = [
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">',
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Frameset//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-frameset.dtd">',
  '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">',
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN" "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">',
  '<!DOCTYPE html PUBLIC "-//WAPFORUM//DTD XHTML Mobile 1.2//EN" "http://www.openmobilealliance.org/tech/DTD/xhtml-mobile12.dtd">',
  '<!DOCTYPE html>',
];

function xhtml(r: Rng): string {
  const decl = r.chance(0.5) ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '';
  const head = `<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>${esc(r.pick(PROSE).slice(0, 30))}</title>${r.chance(0.5) ? `<link rel="stylesheet" type="text/css" href="/css/${word(r)}.css" />` : ''}</head>`;
  const body = r.pick([
    () => `<p>${esc(r.pick(PROSE))}</p><p><a href="https://${site(r)}/${slug(r)}">${word(r)}</a></p>`,
    () => `<h1>${esc(slug(r, 2))}</h1><ul><li>${esc(r.pick(PROSE))}</li><li>${word(r)}</li></ul>`,
    () => `<div class="content"><img src="/img/${hexId(r, 8)}.png" alt="${word(r)}" /><br /><em>${esc(r.pick(PROSE))}</em></div>`,
    () => `<table border="0" cellpadding="2"><tr><th>Item</th><th>Qty</th></tr><tr><td>${word(r)}</td><td>${r.int(1, 9)}</td></tr></table>`,
    () => `<form action="/subscribe" method="post"><input type="text" name="email" /><input type="submit" value="Subscribe" /></form>`,
  ])();
  return `${decl}${r.pick(DOCTYPES)}\n<html xmlns="http://www.w3.org/1999/xhtml"${r.chance(0.5) ? ' xml:lang="en" lang="en"' : ''}>${head}<body>${body}</body></html>`;
}

function xmlDoc(r: Rng): string {
  const d = `2024-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  return r.pick([
    () => xhtml(r),
    () => { const op = r.pick(['GetWeather', 'ConversionRate', 'GetQuote', 'SelectItems', 'ExecuteOrder']); const arg = r.pick(['CityName', 'FromCurrency', 'Symbol', 'Filter']); return `<?xml version="1.0" encoding="utf-8"?>\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:web="http://www.${r.pick(['webserviceX', 'example', 'acme'])}.NET/"><soapenv:Header>${r.chance(0.5) ? `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Username>${word(r)}</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">${b64(r, 12)}</wsse:Password></wsse:UsernameToken></wsse:Security>` : ''}</soapenv:Header><soapenv:Body><web:${op}><web:${arg}>${esc(word(r))}</web:${arg}></web:${op}></soapenv:Body></soapenv:Envelope>`; },
    () => `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(slug(r, 2))}</title><link>https://${site(r)}/</link><description>${esc(r.pick(PROSE))}</description><item><title>${esc(r.pick(PROSE).slice(0, 40))}</title><link>https://${site(r)}/${slug(r)}</link><description>${r.chance(0.5) ? `&lt;p&gt;${esc(r.pick(PROSE))}&lt;/p&gt;` : esc(r.pick(PROSE))}</description>${r.chance(0.5) ? `<content:encoded><![CDATA[<p>${r.pick(PROSE)}</p><p><img src="https://${site(r)}/img/${hexId(r, 6)}.jpg" alt="" /></p>]]></content:encoded>` : ''}<pubDate>Mon, 0${r.int(1, 9)} Jan 2024 10:00:00 +0000</pubDate><guid isPermaLink="false">${uuid(r)}</guid></item></channel></rss>`,
    () => `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(slug(r, 2))}</title><link href="https://${site(r)}/feed.xml" rel="self"/><updated>${d}T12:00:00Z</updated><id>urn:uuid:${uuid(r)}</id><entry><title type="html">${esc(r.pick(PROSE).slice(0, 40))}</title><link href="https://${site(r)}/${slug(r)}"/><id>tag:${site(r)},2024:${r.int(1, 999)}</id><author><name>${r.pick(NAMES)}</name></author><summary type="${r.pick(['text', 'html'])}">${esc(r.pick(PROSE))}</summary></entry></feed>`,
    () => `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${r.chance(0.5) ? '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' : ''}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${r.int(16, 512)}" height="${r.int(16, 512)}" viewBox="0 0 ${r.int(16, 100)} ${r.int(16, 100)}"><defs><linearGradient id="g${r.int(1, 9)}"><stop offset="0" stop-color="#${hexId(r, 6)}"/><stop offset="1" stop-color="#${hexId(r, 6)}"/></linearGradient></defs><title>${word(r)} icon</title><g fill="none" stroke="#${hexId(r, 3)}" stroke-width="${r.int(1, 4)}"><circle cx="${r.int(1, 50)}" cy="${r.int(1, 50)}" r="${r.int(1, 20)}"/><use xlink:href="#g${r.int(1, 9)}"/><text x="2" y="14" font-family="Arial">${esc(word(r))}</text></g></svg>`,
    () => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">${Array.from({ length: r.int(1, 4) }, () => `<url><loc>https://${site(r)}/${slug(r)}</loc><lastmod>${d}</lastmod><changefreq>${r.pick(['daily', 'weekly', 'monthly'])}</changefreq><priority>0.${r.int(1, 9)}</priority></url>`).join('')}</urlset>`,
    () => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.${word(r)}.${word(r)}</string><key>CFBundleVersion</key><string>${r.int(1, 9)}.${r.int(0, 20)}</string><key>UIRequiresFullScreen</key><${r.pick(['true', 'false'])}/><key>LSApplicationQueriesSchemes</key><array><string>${word(r)}</string></array></dict></plist>`,
    () => `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd"><modelVersion>4.0.0</modelVersion><groupId>com.${word(r)}</groupId><artifactId>${slug(r, 2)}</artifactId><version>${r.int(0, 3)}.${r.int(0, 9)}.${r.int(0, 9)}-SNAPSHOT</version><dependencies><dependency><groupId>org.${r.pick(['slf4j', 'junit.jupiter', 'apache.commons'])}</groupId><artifactId>${r.pick(['slf4j-api', 'junit-jupiter', 'commons-lang3'])}</artifactId><version>${r.int(1, 5)}.${r.int(0, 12)}.${r.int(0, 9)}</version>${r.chance(0.5) ? '<scope>test</scope>' : ''}</dependency></dependencies><properties><maven.compiler.source>${r.pick([11, 17, 21])}</maven.compiler.source></properties></project>`,
    () => { const t = r.pick(['note', 'article', 'message', 'comment']); return `<?xml version="1.0" encoding="UTF-8"?>\n<${t} id="${r.int(1, 9999)}"><author>${esc(r.pick(NAMES))}</author><body><![CDATA[${r.pick(PROSE)} ${r.pick(PROSE)}${r.chance(0.4) ? ' Use a < b && c > d in the formula.' : ''}]]></body><created>${d}</created></${t}>`; },
    () => `<?xml version="1.0" encoding="utf-8"?>\n<gpx version="1.1" creator="${r.pick(['Garmin Connect', 'Strava'])}" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>${esc(slug(r, 2))}</name><trkseg><trkpt lat="${r.int(-80, 80)}.${r.int(1000, 9999)}" lon="${r.int(-170, 170)}.${r.int(1000, 9999)}"><ele>${r.int(1, 900)}</ele><time>${d}T07:${r.int(10, 59)}:00Z</time></trkpt></trkseg></trk></gpx>`,
    () => `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="${r.pick(['de', 'fr', 'es'])}" datatype="plaintext" original="messages"><body><trans-unit id="${word(r)}"><source>${esc(r.pick(PROSE))}</source><target state="needs-translation"/></trans-unit></body></file></xliff>`,
    () => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE article PUBLIC "-//OASIS//DTD DocBook XML V4.5//EN" "http://www.oasis-open.org/docbook/xml/4.5/docbookx.dtd">\n<article><title>${esc(slug(r, 3))}</title><para>${esc(r.pick(PROSE))}</para><programlisting><![CDATA[${r.pick(['if (a < b) { return; }', 'x = y & mask;', 'SELECT id FROM users;', 'ls -l'])}]]></programlisting></article>`,
    () => `<?xml version="1.0" encoding="utf-8"?>\n<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.${word(r)}.app"><uses-permission android:name="android.permission.INTERNET"/><application android:label="@string/app_name" android:icon="@mipmap/ic_launcher"><activity android:name=".MainActivity" android:exported="true"/></application></manifest>`,
    () => `<?xml version="1.0"?>\n<configuration><system.webServer><rewrite><rules><rule name="${slug(r, 2)}" stopProcessing="true"><match url="^(.*)$"/><action type="Rewrite" url="index.php?q={R:1}"/></rule></rules></rewrite></system.webServer></configuration>`,
  ])();
}

// ---------------------------------------------------------------- passwords, keys, tokens

const PW_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
/** Random passwords are benign, but a few random strings happen to read as markup or code: skip those. */
const PW_BAD = /<[a-zA-Z!/?]|\.\.[/\\]|\$\{|\$\(|\{\{|\{%|#\{|--|\/\*|\|\||&&|`|'\s*(or|and)\b|\bor\b|\band\b|;\s*[a-z]{2,}|%[0-9a-fA-F]{2}/i;

function password(r: Rng): string {
  for (;;) {
    const n = r.int(8, 24);
    const mode = r.int(0, 3);
    let pw: string;
    if (mode === 0) pw = r.str(n, PW_ALPHABET);
    else if (mode === 1) { // mostly alnum with 1-3 symbols (password managers' "easy to type")
      const a = r.str(n, 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789').split('');
      for (let i = r.int(1, 3); i > 0; i--) a[r.int(0, a.length - 1)] = r.pick([...'!@#$%^&*()-_=+[]{};:,.?/|~<>\'"']);
      pw = a.join('');
    } else if (mode === 2) pw = Array.from({ length: r.int(3, 5) }, () => word(r)).join(r.pick(['-', '.', '_', ' ', '+', '=', ':', '|'])) + r.int(0, 99);
    else pw = r.str(n, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()_+-=');
    if (!PW_BAD.test(pw)) return pw;
  }
}

const FIRSTS = ['Tony', 'Ella', 'Kenji', 'Francesca', 'Wei', 'Amara', 'Lars', 'Priya', 'Diego', 'Yuki', 'Nadia', 'Tom'];
const LASTS = ['Baah-Kwaakye', 'Miller', 'Kowalski', 'Okafor', 'Lindqvist', 'Fernández', 'Nakamura', 'Haddad', 'Smith', 'Dubois'];
const emailOf = (r: Rng, f: string, l: string) => `${f}${r.pick(['.', '_', '', '+shop'])}${l.replace(/[^A-Za-z]/g, '')}${r.chance(0.5) ? r.int(1, 99) : ''}@${r.pick(['gmail.com', 'hotmail.com', 'outlook.com', 'example.org', 'proton.me'])}`.toLowerCase();
const formEnc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

function loginBody(r: Rng): GenRow {
  const f = r.pick(FIRSTS), l = r.pick(LASTS);
  const pw = password(r);
  const signup = r.chance(0.4);
  const fields: [string, string | boolean][] = signup
    ? [['firstName', f], ['lastName', l], ['email', emailOf(r, f, l)], ['password', pw], ...(r.chance(0.6) ? [['passwordConfirmation', pw]] as [string, string][] : []), ['locale', r.pick(['en', 'ko', 'de', 'pt_BR'])], ['terms', true]]
    : [[r.pick(['email', 'username', 'login']), r.chance(0.5) ? emailOf(r, f, l) : `${f.toLowerCase()}${r.int(1, 999)}`], [r.pick(['password', 'pass', 'pwd', 'current_password']), pw], ['remember', r.chance(0.5)]];
  const where = r.weighted([['body:json', 45], ['body:form', 45], ['body:multipart', 10]] as const);
  if (where === 'body:json') return { text: JSON.stringify(Object.fromEntries(fields)), where, family: 'passwords-punct' };
  if (where === 'body:multipart') return { text: buildMultipart(r, fields.map(([k, v]) => ({ name: k, value: String(v) }))), where, family: 'passwords-punct' };
  const enc = r.chance(0.7) ? formEnc : (s: string) => encodeURIComponent(s);
  return { text: fields.map(([k, v]) => `${k}=${typeof v === 'boolean' ? (v ? 'on' : '') : enc(v)}`).join('&'), where, family: 'passwords-punct' };
}

function pem(r: Rng, kind: string): string {
  const lines: string[] = [];
  const first = kind === 'CERTIFICATE' ? 'MII' + r.pick(['D', 'C', 'E', 'B']) : kind === 'PUBLIC KEY' ? 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' : 'MII';
  let body = first + b64(r, r.int(200, 900));
  while (body.length > 64) { lines.push(body.slice(0, 64)); body = body.slice(64); }
  lines.push(body + r.pick(['', '=', '==']));
  return `-----BEGIN ${kind}-----\n${lines.join('\n')}\n-----END ${kind}-----`;
}

function sshKey(r: Rng): string {
  const [t, pre, n] = r.pick([['ssh-rsa', 'AAAAB3NzaC1yc2EAAAADAQABAAABgQ', 540], ['ssh-rsa', 'AAAAB3NzaC1yc2EAAAADAQABAAABAQ', 360], ['ssh-ed25519', 'AAAAC3NzaC1lZDI1NTE5AAAAI', 43], ['ecdsa-sha2-nistp256', 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB', 88]] as const);
  return `${t} ${pre}${b64(r, n)}${t === 'ssh-rsa' ? r.pick(['', '=', '==']) : ''}${r.chance(0.8) ? ` ${r.pick(['user', 'deploy', 'ci', 'jenkins', FIRSTS[r.int(0, 11)].toLowerCase()])}@${r.pick(['laptop', 'build-01', 'MacBook-Pro.local', 'ip-10-0-1-12', 'DESKTOP-' + r.str(7, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')])}` : ''}`;
}

function jwt(r: Rng): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: r.pick(['HS256', 'RS256', 'ES256', 'EdDSA']), typ: 'JWT', ...(r.chance(0.5) ? { kid: hexId(r, 16) } : {}) })}.${enc({ iss: `https://${site(r)}/`, sub: `auth0|${hexId(r, 24)}`, aud: r.pick(['api', 'web']), exp: 1700000000 + r.int(0, 9e7), email: `${word(r)}@example.com` })}.${b64url(r, r.pick([43, 86, 342]))}`;
}

function secretValue(r: Rng): [string, string] {
  return r.pick([
    () => ['api_key', `${r.pick(['sk_live_', 'sk_test_', 'pk_live_', 'rk_live_'])}${r.str(r.pick([24, 99]), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`],
    () => ['access_key_id', 'AKIA' + r.str(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')], () => ['secret_access_key', b64(r, 40)],
    () => ['key', 'AIza' + b64url(r, 35)], () => ['token', 'ghp_' + r.str(36, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')],
    () => ['token', 'github_pat_' + r.str(22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') + '_' + b64url(r, 59)], () => ['token', `xoxb-${r.int(1e9, 9e9)}-${r.int(1e12, 9e12)}-${r.str(24, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`],
    () => ['apiKey', `SG.${b64url(r, 22)}.${b64url(r, 43)}`], () => ['signature', hexId(r, 64)], () => ['sig', b64(r, 43) + '='], () => ['hmac', `sha256=${hexId(r, 64)}`],
    () => ['id_token', jwt(r)], () => ['access_token', jwt(r)], () => ['client_secret', b64url(r, r.pick([32, 40, 64]))], () => ['nonce', b64(r, 22) + '=='],
    () => ['public_key', sshKey(r)], () => ['authorized_key', sshKey(r)], () => ['certificate', pem(r, 'CERTIFICATE')], () => ['public_key_pem', pem(r, 'PUBLIC KEY')],
    () => ['fingerprint', Array.from({ length: 16 }, () => hexId(r, 2)).join(':')], () => ['fingerprint', `SHA256:${b64(r, 43)}`], () => ['checksum', `sha512-${b64(r, 86)}==`],
    () => ['etag', `W/"${hexId(r, 16)}"`], () => ['upload_id', b64(r, r.int(60, 120))], () => ['cursor', b64(r, r.int(20, 60)) + r.pick(['', '=', '=='])],
    () => ['X-Amz-Signature', hexId(r, 64)], () => ['state', b64url(r, 43)], () => ['code_challenge', b64url(r, 43)], () => ['recaptcha_token', '03A' + b64url(r, r.int(300, 500))],
    () => ['transaction_id', r.str(10, '0123456789ABCDEF') + '-' + hexId(r, 40)], () => ['sha', hexId(r, 40)], () => ['data', b64(r, r.int(40, 200)) + '=='],
  ])() as [string, string];
}

function secretsRow(r: Rng): GenRow {
  const where = r.weighted([['body:json', 35], ['query', 25], ['body:form', 20], ['header:Authorization', 8], ['body:multipart', 5], ['body:text', 4], ['header:Cookie', 3]] as const);
  const [k, v] = secretValue(r);
  const fam = 'keys-tokens';
  if (where === 'header:Authorization') {
    return { text: r.pick([() => `Bearer ${jwt(r)}`, () => `Bearer ${b64url(r, r.int(30, 60))}`, () => `Basic ${Buffer.from(`${word(r)}:${password(r)}`).toString('base64')}`, () => `token ${'ghp_' + b64url(r, 36)}`, () => `AWS4-HMAC-SHA256 Credential=AKIA${r.str(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}/20240${r.int(1, 9)}01/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${hexId(r, 64)}`])(), where, family: fam };
  }
  if (where === 'body:json') {
    const o: Record<string, unknown> = { [k]: v };
    if (r.chance(0.6)) o[r.pick(['name', 'title', 'label'])] = r.pick([`${word(r)} key`, `deploy-${word(r)}`, `${r.pick(FIRSTS)}'s laptop`]);
    if (r.chance(0.4)) o.expires_at = `2025-0${r.int(1, 9)}-1${r.int(0, 9)}T00:00:00Z`;
    if (r.chance(0.3)) o.read_only = r.chance(0.5);
    return { text: r.chance(0.2) ? JSON.stringify(o, null, 2) : JSON.stringify(o), where, family: fam };
  }
  if (where === 'body:multipart') return { text: buildMultipart(r, [{ name: 'title', value: `${word(r)} key` }, { name: k, value: v, ...(v.startsWith('-----') ? { filename: r.pick(['cert.pem', 'key.pub', 'ca.crt']), contentType: 'application/x-pem-file' } : {}) }]), where, family: fam };
  if (where === 'body:text') return { text: v + (r.chance(0.5) ? '\n' : ''), where, family: fam };
  if (where === 'header:Cookie') return { text: `${k}=${encodeURIComponent(v)}; ${fillerParam(r).join('=')}`, where, family: fam };
  const ev = r.chance(0.8) ? encodeURIComponent(v) : v.replace(/ /g, '%20').replace(/\+/g, '%2B').replace(/\n/g, '%0A');
  if (where === 'query') return { text: buildQuery(r, k, ev), where, family: fam };
  return { text: `${k}=${ev}${r.chance(0.5) ? `&title=${formEnc(word(r) + ' key')}` : ''}`, where, family: fam };
}

function githubJson(r: Rng): GenRow {
  const sha = hexId(r, 40);
  const file = () => r.pick(['README.md', 'src/index.ts', 'lib/app.rb', 'cmd/server/main.go', '.github/workflows/ci.yml', 'package.json', 'docs/guide/install.md', 'internal/db/select.go', 'src/components/Table.tsx', 'setup.py']);
  const o = r.pick([
    () => [...Array(r.int(1, 3))].map(() => { const ln = r.int(1, 400); return { path: file(), start_line: ln, end_line: ln + r.int(0, 3), ...(r.chance(0.5) ? { start_column: r.int(1, 20), end_column: r.int(21, 80) } : {}), annotation_level: r.pick(['warning', 'notice', 'failure']), title: r.pick(['Spelling', 'Unused variable', 'Lint', 'Line too long']), message: r.pick(['Check your spelling for \'recieve\'.', "'x' is assigned a value but never used.", 'Line exceeds 120 characters.', 'Missing semicolon.']), raw_details: r.chance(0.3) ? `Rule: ${r.pick(['no-unused-vars', 'max-len', 'MD013'])}` : undefined }; }),
    () => ({ version: 0, sha, ref: r.pick(['refs/heads/main', 'refs/heads/master', `refs/pull/${r.int(1, 999)}/merge`, `refs/tags/v${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`]), job: { correlator: `${r.pick(['yourworkflowname', 'ci', 'build'])}_${r.pick(['youractionname', 'deps', 'scan'])}`, id: String(r.int(1e6, 9e9)) }, detector: { name: r.pick(['octo-detector', 'component-detection', 'gradle-dependency-submission']), version: `${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`, url: `https://github.com/${word(r)}/${slug(r, 2)}` }, scanned: `2024-0${r.int(1, 9)}-1${r.int(0, 9)}T10:00:00Z`, manifests: { 'package-lock.json': { name: 'package-lock.json', file: { source_location: 'src/package-lock.json' }, resolved: { [word(r)]: { package_url: `pkg:npm/${word(r)}@${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`, dependencies: [] } } } } }),
    () => ({ state: r.pick(['success', 'failure', 'pending', 'error']), target_url: `https://ci.${site(r)}/builds/${r.int(1, 99999)}`, description: r.pick(['The build succeeded!', 'Tests failed', 'Build is running']), context: r.pick(['continuous-integration/jenkins', 'ci/circleci: test', 'lint']) }),
    () => ({ name: r.pick(['test', 'build', 'lint']), head_sha: sha, status: 'completed', conclusion: r.pick(['success', 'failure', 'neutral']), output: { title: `${r.int(0, 9)} warnings`, summary: r.pick(['All checks passed.', 'There are issues to review.']), annotations_count: r.int(0, 9) } }),
    () => ({ ref: `refs/heads/${slug(r, 2)}`, before: hexId(r, 40), after: sha, commits: [{ id: sha, message: r.pick(['Fix typo in README', 'Update dependencies', 'Select the right union type', 'Drop support for Node 14']), author: { name: r.pick(NAMES), email: `${word(r)}@users.noreply.github.com` }, added: [file()], modified: [file(), file()], removed: [] }], repository: { full_name: `${word(r)}/${slug(r, 2)}` } }),
    () => ({ message: r.pick(['Update README.md', 'Add CI workflow']), content: b64(r, r.int(40, 300)) + '==', sha: hexId(r, 40), branch: r.pick(['main', 'develop']), committer: { name: r.pick(NAMES), email: `${word(r)}@example.com` } }),
    () => ({ tree: [{ path: file(), mode: r.pick(['100644', '100755', '040000']), type: r.pick(['blob', 'tree']), sha }], base_tree: hexId(r, 40) }),
  ])();
  return { text: r.chance(0.2) ? JSON.stringify(o, null, 2) : JSON.stringify(o), where: 'body:json', family: 'github-api' };
}

// ---------------------------------------------------------------- odd but benign referers and same-site redirects

const LOCAL = () => ['127.0.0.1', 'localhost', '0.0.0.0', '[::1]', '192.168.1.' , '10.0.0.', 'host.docker.internal', 'dev.local', 'app.test', 'myapp.localhost'];
function devHost(r: Rng): string {
  const h = r.pick(LOCAL());
  return h.endsWith('.') ? h + r.int(2, 254) : h;
}
function relTarget(r: Rng): string {
  return r.pick(['/', '/account', '/account/settings', '/home', '/dashboard', '/cart', '/checkout/payment', `/orders/${r.int(100, 99999)}`, `/products/${slug(r)}`, '/admin/users', `/en/${slug(r, 2)}`, '/profile/edit#security', `/search?q=${word(r)}`, '/welcome', '/app/inbox']);
}

function refererRow(r: Rng): GenRow {
  const t = relTarget(r);
  const ref = r.pick([
    () => `http://${devHost(r)}:${r.pick([3000, 8000, 8080, 5173, 4200, 8888, 5000, 9000])}/${r.pick(['redirect.html', '', 'login', 'index.html', 'app/', `#/` + word(r), 'static/redirect.html'])}`,
    () => `http://${devHost(r)}/${slug(r)}`, () => `https://www.google.com//`, () => `http://www.google.com//`, () => `https://${site(r)}//`, () => `https://${site(r)}//${slug(r)}`,
    () => `https://www.google.com/url?sa=t&rct=j&q=&esrc=s&source=web&cd=&ved=${b64url(r, 30)}&url=${encodeURIComponent(`https://${site(r)}/${slug(r)}`)}&usg=${b64url(r, 28)}`,
    () => `https://${site(r)}/login?next=${r.chance(0.5) ? t : encodeURIComponent(t)}`, () => `https://${site(r)}/signin?returnUrl=${encodeURIComponent(t)}`,
    () => `https://${site(r)}/auth/redirect?redirect=${encodeURIComponent(t)}&state=${b64url(r, 20)}`, () => `https://${site(r)}/redirect.html?to=${encodeURIComponent(t)}`,
    () => `https://accounts.google.com/o/oauth2/v2/auth?client_id=${r.int(1e9, 9e9)}-${b64url(r, 20)}.apps.googleusercontent.com&redirect_uri=${encodeURIComponent(`https://${site(r)}/oauth/callback`)}&response_type=code&scope=openid%20email`,
    () => `https://l.facebook.com/l.php?u=${encodeURIComponent(`https://${site(r)}/${slug(r)}`)}&h=AT${b64url(r, 30)}`, () => `https://out.reddit.com/t3_${b64url(r, 6).toLowerCase()}?url=${encodeURIComponent(`https://${site(r)}/`)}&token=${b64url(r, 20)}`,
    () => `http://${ipv4(r)}/`, () => `http://${ipv4(r)}:${r.int(1024, 65000)}/${slug(r)}`, () => `file:///C:/Users/${r.pick(FIRSTS)}/Desktop/${slug(r)}.html`, () => `https://${site(r)}/cgi-bin/${word(r)}.cgi?page=${r.int(1, 9)}`,
  ])();
  return { text: ref, where: 'header:Referer', family: 'referers-odd' };
}

function redirectParamRow(r: Rng): GenRow {
  const t = relTarget(r);
  const name = r.pick(['next', 'returnUrl', 'return_url', 'returnTo', 'redirect', 'redirect_to', 'continue', 'return', 'from', 'back', 'dest', 'r', 'goto', 'callbackUrl', 'RelayState', 'success_url']);
  const v = r.weighted([[0, 40], [1, 45], [2, 15]] as const);
  const ev = v === 0 ? t : v === 1 ? encodeURIComponent(t) : encodeURIComponent(`https://${site(r)}${t}`);
  const where = r.weighted([['query', 60], ['body:form', 30], ['body:json', 10]] as const);
  if (where === 'body:json') return { text: JSON.stringify({ [name]: v === 2 ? decodeURIComponent(ev) : t, ...(r.chance(0.5) ? { email: `${word(r)}@example.com`, password: password(r) } : { state: b64url(r, 16) }) }), where, family: 'redirect-params-same-site' };
  if (where === 'body:form') return { text: `${r.pick(['username', 'email'])}=${word(r)}${r.int(1, 99)}&password=${formEnc(password(r))}&${name}=${ev}`, where, family: 'redirect-params-same-site' };
  return { text: buildQuery(r, name, ev), where, family: 'redirect-params-same-site' };
}

// ---------------------------------------------------------------- JSON carried in query and form values

// Analytics beacons, GraphQL GETs and UI state put JSON in parameters, often unencoded; without
// these, a brace-and-quote value looked like operator injection to the model.
function jsonValue(r: Rng, depth: number): unknown {
  const k = r.int(0, depth > 1 ? 3 : 5);
  if (k === 0) return r.int(0, 99999);
  if (k === 1) return r.chance(0.5);
  if (k === 2) return r.pick(['', word(r), slug(r), uuid(r), `${word(r)} ${word(r)}`]);
  if (k === 3) return r.chance(0.3) ? null : r.int(0, 9) / 10;
  if (k === 4) return Array.from({ length: r.int(0, 3) }, () => jsonValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = r.int(1, 4); i > 0; i--) o[r.chance(0.2) ? '_' + word(r) : r.pick([word(r), slug(r), r.str(r.int(1, 4))])] = jsonValue(r, depth + 1);
  return o;
}

function jsonParamRow(r: Rng): GenRow {
  const obj: Record<string, unknown> = {};
  for (let i = r.int(1, 4); i > 0; i--) obj[r.chance(0.3) ? '_' + r.str(r.int(2, 4)) : word(r)] = jsonValue(r, 0);
  const raw = JSON.stringify(obj);
  const name = r.pick(['data', 'payload', 'variables', 'filter', 'state', 'ctx', 'ta', 'e', 'props', 'config', 'extensions', 'context', 'ev', 'params']);
  const ev = r.chance(0.5) ? encodeURIComponent(raw) : raw.replace(/ /g, '%20');
  if (r.chance(0.3)) { const [fk, fv] = fillerParam(r); return { text: `${name}=${encodeURIComponent(raw)}&${fk}=${fv}`, where: 'body:form', family: 'json-in-params' }; }
  return { text: buildQuery(r, name, ev), where: 'query', family: 'json-in-params' };
}

// ---------------------------------------------------------------- repetitive values and long bodies

// Test data, padding and placeholders: runs of one character, repeated words, separators. Without
// them a run of x's looked like nothing the model had seen, and scored like an attack.
function repetitiveRow(r: Rng): GenRow {
  const unit = r.pick(['a', 'x', 'X', 'A', '0', '1', '=', '-', '_', '.', '*', '#', 'ab', 'abc', 'test', 'lol', 'ha', 'na', 'asdf', 'qwerty', '123', 'xo', ' ', 'z']);
  const v = unit.repeat(r.int(3, r.chance(0.3) ? 2000 : 200)).trim() || 'aaaa';
  const name = r.pick(['q', 'comment', 'name', 'b', 'test', 'message', 'data', 'x', 'pad', 'note', 'text', 'search']);
  const where = r.weighted([['query', 35], ['body:form', 25], ['body:json', 20], ['body:text', 15], ['header:Cookie', 5]] as const);
  const ev = encodeURIComponent(v);
  if (where === 'body:json') return { text: JSON.stringify({ [name]: v }), where, family: 'repetitive' };
  if (where === 'body:text') return { text: r.chance(0.5) ? v : `a=1&${name}=${v}`, where, family: 'repetitive' };
  if (where === 'header:Cookie') return { text: `${name}=${ev}; theme=dark`, where, family: 'repetitive' };
  if (where === 'body:form') return { text: `${name}=${ev}&${fillerParam(r).join('=')}`, where, family: 'repetitive' };
  return { text: buildQuery(r, name, ev), where, family: 'repetitive' };
}

// Bodies of many windows: long prose, JSON arrays of records, CSV, forms with many fields. The
// request score is the worst window's, so benign bodies must be benign in every window.
function longBodyRow(r: Rng): GenRow {
  const target = r.pick([2000, 4000, 8000, 16000, 40000]);
  const k = r.int(0, 3);
  if (k === 0) {
    let t = '';
    while (t.length < target) t += r.pick(PROSE) + (r.chance(0.2) ? '\n\n' : ' ');
    return r.chance(0.5) ? { text: JSON.stringify({ title: slug(r, 3), body: t, tags: [word(r), word(r)] }), where: 'body:json', family: 'long-bodies' } : { text: t, where: 'body:text', family: 'long-bodies' };
  }
  if (k === 1) {
    const items: unknown[] = [];
    while (JSON.stringify(items).length < target) items.push({ id: uuid(r), name: slug(r, 2).replace(/-/g, ' '), price: r.int(1, 999) + r.int(0, 99) / 100, qty: r.int(1, 9), sku: hexId(r, 8).toUpperCase(), note: r.chance(0.3) ? r.pick(PROSE) : '' });
    return { text: JSON.stringify({ items, total: items.length, page: 1 }), where: 'body:json', family: 'long-bodies' };
  }
  if (k === 2) {
    const rows = ['id,name,email,city,amount,created'];
    while (rows.join('\n').length < target) rows.push(`${r.int(1, 99999)},${r.pick(NAMES)},${word(r)}@example.com,${word(r)},${r.int(1, 9999)}.${r.int(10, 99)},2024-0${r.int(1, 9)}-1${r.int(0, 9)}`);
    return { text: rows.join('\n'), where: 'body:text', family: 'long-bodies' };
  }
  const fields: string[] = [];
  while (fields.join('&').length < target) {
    const [fk, fv] = fillerParam(r);
    fields.push(r.chance(0.5) ? `${fk}=${fv}` : `${word(r)}_${r.int(1, 99)}=${encodeURIComponent(r.pick(PROSE))}`);
  }
  return { text: fields.join('&'), where: 'body:form', family: 'long-bodies' };
}

// ---------------------------------------------------------------- the padding prose, on its own

// build.ts pads a share of attack payloads with PADDING sentences. Unless the same sentences
// also arrive alone in benign requests, the model learns them as attack words: "the quick brown
// fox" once scored 19. So every padding sentence appears as benign text in the same contexts.
function paddingProseRow(r: Rng): GenRow {
  const text = r.chance(0.5) ? r.pick(PADDING) : padPayload(r, r.pick(PADDING));
  const name = r.pick(['q', 'comment', 'message', 'body', 'text', 'note', 'description', 'review', 'content', 'pad', 'bio', 'subject']);
  const where = r.weighted([['query', 35], ['body:form', 30], ['body:json', 25], ['body:multipart', 5], ['header:Cookie', 5]] as const);
  if (where === 'body:json') return { text: JSON.stringify({ [name]: text, ...(r.chance(0.5) ? { id: uuid(r) } : {}) }), where, family: 'padding-prose' };
  if (where === 'body:multipart') return { text: buildMultipart(r, [{ name, value: text }]), where, family: 'padding-prose' };
  if (where === 'header:Cookie') return { text: `${name}=${encodeURIComponent(text)}; theme=light`, where, family: 'padding-prose' };
  const ev = r.chance(0.5) ? encodeURIComponent(text) : text.replace(/ /g, '+').replace(/&/g, '%26');
  if (where === 'body:form') return { text: `${name}=${ev}&${fillerParam(r).join('=')}`, where, family: 'padding-prose' };
  return { text: buildQuery(r, name, ev), where, family: 'padding-prose' };
}

// ---------------------------------------------------------------- API clients' User-Agents

// curl, wget and HTTP libraries send most API traffic. The command-injection payloads name
// curl and wget too, so without these a plain `curl/7.88.1` scored "likely clean" at best.
function cliUserAgentRow(r: Rng): GenRow {
  const v = () => `${r.int(0, 9)}.${r.int(0, 99)}.${r.int(0, 20)}`;
  const ua = r.pick([
    () => `curl/${r.int(7, 8)}.${r.int(0, 99)}.${r.int(0, 9)}`, () => `Wget/1.${r.int(10, 25)}.${r.int(0, 5)}`, () => `Wget/1.21.3 (linux-gnu)`,
    () => `python-requests/2.${r.int(18, 32)}.${r.int(0, 3)}`, () => `Python-urllib/3.${r.int(6, 13)}`, () => `aiohttp/3.${r.int(5, 9)}.${r.int(0, 5)}`,
    () => `Go-http-client/${r.pick(['1.1', '2.0'])}`, () => `okhttp/${r.int(3, 4)}.${r.int(0, 12)}.${r.int(0, 9)}`, () => `axios/${r.int(0, 1)}.${r.int(0, 27)}.${r.int(0, 9)}`,
    () => `node-fetch/1.0 (+https://github.com/bitinn/node-fetch)`, () => `undici`, () => `PostmanRuntime/7.${r.int(20, 40)}.${r.int(0, 9)}`,
    () => `Apache-HttpClient/4.5.${r.int(1, 14)} (Java/${r.pick(['1.8.0_392', '11.0.21', '17.0.9', '21.0.1'])})`, () => `HTTPie/${v()}`, () => `libwww-perl/6.${r.int(30, 77)}`,
    () => `insomnia/${r.int(2020, 2023)}.${r.int(1, 9)}.${r.int(0, 9)}`, () => `Ruby`, () => `Faraday v${r.int(0, 2)}.${r.int(0, 17)}.${r.int(0, 9)}`, () => `Java/${r.pick(['1.8.0_392', '11.0.21', '17.0.9'])}`,
    () => `Dart/3.${r.int(0, 5)} (dart:io)`, () => `kube-probe/1.${r.int(20, 31)}`, () => `ELB-HealthChecker/2.0`, () => `Prometheus/2.${r.int(30, 50)}.${r.int(0, 5)}`,
    () => `GitHub-Hookshot/${hexId(r, 7)}`, () => `Stripe/1.0 (+https://stripe.com/docs/webhooks)`, () => `grpc-go/1.${r.int(40, 62)}.${r.int(0, 3)}`, () => `Mozilla/5.0 (compatible; ${r.pick(['UptimeRobot/2.0', 'Pingdom.com_bot_version_1.4', 'Datadog/Synthetics'])})`,
  ])();
  return { text: ua, where: 'header:User-Agent', family: 'cli-user-agents' };
}

export const EXTRA_BENIGN: { name: string; weight: number; gen: (r: Rng) => GenRow }[] = [
  {
    name: 'xml-docs', weight: 5, gen: (r) => {
      const x = xmlDoc(r);
      if (r.chance(0.92)) return { text: x, where: 'body:xml', family: 'xml-docs' };
      const fn = x.includes('<svg') ? 'icon.svg' : x.includes('<rss') || x.includes('<feed') ? 'feed.xml' : x.includes('<html') ? 'page.xhtml' : 'data.xml';
      return { text: buildMultipart(r, [{ name: 'file', filename: fn, contentType: fn.endsWith('.svg') ? 'image/svg+xml' : 'application/xml', value: x }]), where: 'body:multipart', family: 'xml-docs' };
    },
  },
  { name: 'passwords-punct', weight: 4, gen: loginBody },
  { name: 'keys-tokens', weight: 5, gen: secretsRow },
  { name: 'github-api', weight: 2, gen: githubJson },
  { name: 'referers-odd', weight: 2.5, gen: refererRow },
  { name: 'redirect-params-same-site', weight: 2.5, gen: redirectParamRow },
  { name: 'json-in-params', weight: 2.5, gen: jsonParamRow },
  { name: 'repetitive', weight: 2, gen: repetitiveRow },
  { name: 'long-bodies', weight: 1.5, gen: longBodyRow },
  { name: 'padding-prose', weight: 4, gen: paddingProseRow },
];

/** Families drawn from a stream of their own, so adding one leaves the others' rows as they were. */
export const SEPARATE_BENIGN: { name: string; n: number; gen: (r: Rng) => GenRow }[] = [
  { name: 'cli-user-agents', n: 1500, gen: cliUserAgentRow },
];

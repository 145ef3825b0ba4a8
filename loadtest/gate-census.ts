// `make gate-census`: how many windows core/score.ts leaves out because no lexer of core/confirm.ts
// could confirm them (core/mayconfirm.ts), beside how many no lexer confirms (the most any such
// test could leave out), and the violations (a window some lexer confirms that mayConfirm rules
// out), over every input `make exact` feeds (loadtest/exact-inputs.ts). Counts windows as
// core/windows.ts cuts them, repeats included. Prints a table by source (bench body; dataset rows
// by file, label and where; recorded requests; synthetic inputs). Exits 1 on any violation.
// Usage: tsx loadtest/gate-census.ts core.wasm [rows.jsonl ...]
import { basename } from "node:path";
import { Core } from "../node/core";
import { exactInputs } from "./exact-inputs";

const [wasm, ...files] = process.argv.slice(2);
if (!wasm) { console.error("usage: tsx loadtest/gate-census.ts core.wasm [rows.jsonl ...]"); process.exit(2); }
const core = await Core.load(wasm);
const tallies = new Map<string, number[]>();
let violations = 0;
for (const [label, req, row] of exactInputs(files)) {
  let group: string;
  if (label.startsWith("bench ")) group = label;
  else if (!row) group = label.replace(/:.*/, "");
  else if (row.parts) group = `${basename(label.replace(/:\d+$/, ""))} requests`;
  else {
    const where = Array.isArray(row.where) ? row.where[0] : row.where;
    group = `${basename(label.replace(/:\d+$/, ""))} ${row.label === 0 ? "benign" : "attack"} ${where.startsWith("header:") ? "header" : where}`;
  }
  // [windows, bytes, confirmed windows, bytes, ruled-out windows, bytes, violations]
  const v = core.windowCensus(req);
  let t = tallies.get(group);
  if (!t) tallies.set(group, (t = new Array(8).fill(0)));
  t[0]++;
  for (let i = 0; i < 7; i++) t[i + 1] += v[i];
  violations += v[6];
}
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : "-");
console.log("| inputs | count | windows | no lexer confirms: windows % / bytes % | left out (mayConfirm false): windows % / bytes % | violations |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const [g, t] of [...tallies.entries()].sort()) {
  const [rows, w, by, cw, cb, sw, sb, viol] = t;
  console.log(`| ${g} | ${rows} | ${w} | ${pct(w - cw, w)} / ${pct(by - cb, by)} | ${pct(sw, w)} / ${pct(sb, by)} | ${viol} |`);
}
console.log(`violations=${violations}`);
process.exit(violations ? 1 : 0);

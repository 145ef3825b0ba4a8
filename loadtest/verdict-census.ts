// `make verdict-census`: the verdicts that need no model (core/signatures.ts, core/payloads.ts)
// over every input `make exact` feeds (loadtest/exact-inputs.ts), no window scored: how many
// benign dataset rows and recorded requests each class's verdicts raise (the README's "none of
// them matches a benign part"), with the first of them listed, and how many attack rows. Exits 1
// when a benign row is raised beyond ALLOWED (the `__proto__` keys holding objects that one
// origin's JSON Schema documents carry, flagged on purpose), or when one of the base64 inputs is
// (base64 of random, mostly printable bytes in a query, JSON or form value: what tracking blobs and
// tokens look like; the NUL verdict once flagged 281 of them, which no dataset row showed), or one
// of the random binary bodies (uploads: verdicts' few-byte triggers met by chance raised 1 in 100).
// Usage: tsx loadtest/verdict-census.ts core.wasm [rows.jsonl ...]
import { Core } from "../node/core";
import { exactInputs } from "./exact-inputs";

const [wasm, ...files] = process.argv.slice(2);
if (!wasm) { console.error("usage: tsx loadtest/verdict-census.ts core.wasm [rows.jsonl ...]"); process.exit(2); }
const core = await Core.load(wasm);
const ALLOWED = /^json-schema-org\/JSON-Schema-Test-Suite:/;
const benign = new Map<string, number>(), attack = new Map<string, number>();
let benignRows = 0, attackRows = 0, unexpected = 0, base64Inputs = 0, base64Raised = 0, binaryInputs = 0, binaryRaised = 0;
const listed: string[] = [];
for (const [label, req, row] of exactInputs(files)) {
  if (!row) {
    // Bench bodies and synthetic inputs have no label; the base64 ones are benign by construction.
    if (label.startsWith("b64:")) {
      base64Inputs++;
      const classes = core.verdictClasses(req);
      if (classes.length && base64Raised++ < 5) listed.push(`  ${label} [${classes.join(", ")}]`);
    } else if (label.startsWith("bin:")) {
      binaryInputs++;
      const classes = core.verdictClasses(req);
      if (classes.length && binaryRaised++ < 5) listed.push(`  ${label} [${classes.join(", ")}]`);
    }
    continue;
  }
  const isBenign = row.label === 0 || row.parts !== undefined; // recorded requests are benign traffic
  if (isBenign) benignRows++; else attackRows++;
  const classes = core.verdictClasses(req);
  if (!classes.length) continue;
  for (const c of classes) (isBenign ? benign : attack).set(c, ((isBenign ? benign : attack).get(c) ?? 0) + 1);
  if (isBenign) {
    const source = row.source ?? "";
    if (!ALLOWED.test(source)) unexpected++;
    if (listed.length < 20) listed.push(`  ${label} ${source} [${classes.join(", ")}]`);
  }
}
const fmt = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(", ") || "none";
console.log(`benign rows and recorded requests: ${benignRows}; raised by a verdict: ${fmt(benign)}`);
for (const l of listed) console.log(l);
console.log(`attack rows: ${attackRows}; raised by a verdict: ${fmt(attack)}`);
console.log(`base64 inputs: ${base64Inputs}; raised by a verdict: ${base64Raised}`);
console.log(`random binary bodies: ${binaryInputs}; raised by a verdict: ${binaryRaised}`);
console.log(`benign rows raised outside the allowed origin: ${unexpected}`);
process.exit(unexpected || base64Raised || binaryRaised ? 1 : 0);

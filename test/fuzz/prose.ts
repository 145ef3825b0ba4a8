// `make fuzz`: the shared data's bare attack payloads inside prose, a yardstick broader than the
// evasion suite's 40 payloads. Each payload of 6 to 120 bytes (every 40th of the shared training
// file's attack rows, deterministic) that is blocked alone as a JSON field's value is put between
// two sentences of a customer's message in the same field; printed: how many stay blocked, per
// class. A figure, not a test: the zoom into prose windows (core/zoom.ts) is judged by it.

import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../node/core";
import { loadCore } from "../support/core";

const BEFORE = "I have been using this blender for about three months now and honestly it is the best kitchen purchase I made this year. It crushes ice without any trouble and cleans up quickly.";
const AFTER = "Hi there, my package was marked as delivered yesterday afternoon but it is not at my door or with my neighbours. Could you please check with the courier and let me know what to do?";
const EVERY = 40;

async function main(): Promise<void> {
  const core = await loadCore();
  const threshold = Number(core.configDefault("threshold"));
  const file = path.resolve(REPO_ROOT, process.env.DATASETS_DIR ?? "../shared/datasets", "train.jsonl");
  const rows = readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as { text: string; label: number; class: string })
    .filter((r) => r.label === 1 && r.text.length >= 6 && r.text.length <= 120).filter((_, i) => i % EVERY === 0);
  const field = (text: string) => [["body:json", JSON.stringify({ comment: text })]] as [string, string][];
  const byClass = new Map<string, { alone: number; inProse: number }>();
  for (const r of rows) {
    if (core.scoreParts(field(r.text)).score > threshold) continue;
    const c = byClass.get(r.class) ?? { alone: 0, inProse: 0 };
    byClass.set(r.class, c);
    c.alone++;
    if (core.scoreParts(field(`${BEFORE} ${r.text} ${AFTER}`)).score <= threshold) c.inProse++;
  }
  let alone = 0, inProse = 0;
  const lines = [...byClass].sort((a, b) => a[0].localeCompare(b[0])).map(([k, c]) => {
    alone += c.alone; inProse += c.inProse;
    return `  ${k.padEnd(14)} ${String(c.inProse).padStart(5)} / ${c.alone}`;
  });
  console.log(`payloads in prose (${path.relative(REPO_ROOT, file)}, every ${EVERY}th attack row of 6-120 bytes, blocked alone in a JSON field): ` +
    `${inProse} of ${alone} blocked between two sentences (${((100 * inProse) / alone).toFixed(1)}%)`);
  console.log(lines.join("\n"));
}

await main();

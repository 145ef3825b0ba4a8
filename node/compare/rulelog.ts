// Reads nginx's error log from the CRS peer and returns, per paranoia level and row, the CRS rule
// ids that matched. Called by node/compare/main.ts after nginx stops.

import { createReadStream } from "node:fs";
import readline from "node:readline";
import { REPLAY_DOMAIN } from "./replay";

/** Host sent for row i at a level: the log line's `host: "..."` names both. */
export const rowHost = (i: number, level: 1 | 2) => `r${i}-pl${level}.${REPLAY_DOMAIN}`;

// Scoring summaries, not detections: 949110/959100 (anomaly threshold reached), 980130/980140 (correlation).
const SUMMARY_RULES = new Set(["949110", "959100", "980130", "980140"]);

export interface RuleLog {
  /** level -> row -> matched rule ids (summaries left out) */
  rules: Record<1 | 2, Map<number, Set<string>>>;
  /** rule id -> its msg */
  messages: Map<string, string>;
}

export async function readRuleLog(file: string): Promise<RuleLog> {
  const out: RuleLog = { rules: { 1: new Map(), 2: new Map() }, messages: new Map() };
  const hostRe = new RegExp(`host: "r(\\d+)-pl([12])\\.${REPLAY_DOMAIN.replaceAll(".", "\\.")}"`);
  const lines = readline.createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.includes("ModSecurity:")) continue;
    const id = /\[id "(\d+)"\]/.exec(line)?.[1];
    const h = hostRe.exec(line);
    if (!id || !h || SUMMARY_RULES.has(id)) continue;
    const level = Number(h[2]) as 1 | 2, row = Number(h[1]);
    const m = out.rules[level];
    if (!m.has(row)) m.set(row, new Set());
    m.get(row)!.add(id);
    if (!out.messages.has(id)) out.messages.set(id, /\[msg "([^"]*)"\]/.exec(line)?.[1] ?? "");
  }
  return out;
}

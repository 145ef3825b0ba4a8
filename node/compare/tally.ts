// Turns per-row outcomes (wafscore score, CRS PL1/PL2 status) into the comparison figures:
// detection and false-positive rates overall, per class and per where, statuses and overlap.
// Called by node/compare/main.ts; markdown.ts renders the result.

import type { Reply } from "./replay";
import { defaultThreshold } from "../core";

export interface Outcome {
  label: 0 | 1;
  class: string;
  where: string;
  score: number;      // wafscore, 1–99, lower = more likely an attack
  pl1: Reply;
  pl2: Reply;
  /** CRS rules that matched at each level (from nginx's error log; summary rules left out). */
  pl1Rules: string[];
  pl2Rules: string[];
}

export const THRESHOLDS = [10, 20, 30, 50] as const;
/** The threshold the comparison is made at: the filter's default, as core.wasm declares it. */
export const MAIN_THRESHOLD = defaultThreshold;
export type Verdict = "blocked" | "passed" | "other";

export interface System { name: string; verdict(o: Outcome): Verdict }

const crsVerdict = (r: Reply): Verdict => (r.status === 403 ? "blocked" : r.status === 200 ? "passed" : "other");

export const SYSTEMS: System[] = [
  ...THRESHOLDS.map((t) => ({ name: `wafscore ≤${t}`, verdict: (o: Outcome): Verdict => (o.score <= t ? "blocked" : "passed") })),
  { name: "CRS PL1", verdict: (o) => crsVerdict(o.pl1) },
  { name: "CRS PL2", verdict: (o) => crsVerdict(o.pl2) },
];

export interface Rate { n: number; hits: number; rate: number | null }
const rate = (n: number, hits: number): Rate => ({ n, hits, rate: n ? hits / n : null });

export interface Figures {
  rows: { comparable: number; comparable_attacks: number; comparable_benign: number; excluded_other_status: number };
  /** Over comparable rows (both CRS levels answered 200 or 403): detection over attacks, FPR over benign. */
  overall: Record<string, { detection: Rate; fpr: Rate }>;
  by_class: Record<string, Record<string, Rate>>;        // class -> system -> detection
  by_where_fpr: Record<string, Record<string, Rate>>;    // where -> system -> FPR
  by_where_detection: Record<string, Record<string, Rate>>;
  /** CRS answers by status over every replayed row, split by label; status "0" = no HTTP answer. */
  statuses: Record<string, Record<string, { attack: number; benign: number }>>;
  /** wafscore at the main threshold over every replayed row, whatever CRS answered. */
  wafscore_all_replayed: { detection: Rate; fpr: Rate };
  /** Attacks caught by wafscore ≤20 and/or CRS, per level, over comparable rows. */
  overlap: Record<string, { both: number; only_wafscore: number; only_crs: number; neither: number }>;
  /** Per CRS level: the rules most often behind a false positive, and behind a non-200/403 answer. */
  top_rules: Record<string, { false_positives: RuleCount[]; other_status: RuleCount[]; only_crs: RuleCount[] }>;
}

export interface RuleCount { id: string; msg: string; rows: number }
const TOP_RULES = 10;

function topRules(items: Outcome[], rulesOf: (o: Outcome) => string[], messages: Map<string, string>): RuleCount[] {
  const n = new Map<string, number>();
  for (const o of items) for (const id of rulesOf(o)) n.set(id, (n.get(id) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_RULES)
    .map(([id, rows]) => ({ id, msg: messages.get(id) ?? "", rows }));
}

// The dataset's four common headers keep their name; the rest pool as header:(other), as in
// build/dataset/summary.json.
const COMMON_HEADERS = new Set(["header:User-Agent", "header:Cookie", "header:Referer", "header:X-Forwarded-For"]);
export const whereGroup = (w: string) => (w.startsWith("header:") && !COMMON_HEADERS.has(w) ? "header:(other)" : w);

function countRates(items: Outcome[], label: 0 | 1): Record<string, Rate> {
  const out: Record<string, Rate> = {};
  const xs = items.filter((o) => o.label === label);
  for (const s of SYSTEMS) out[s.name] = rate(xs.length, xs.filter((o) => s.verdict(o) === "blocked").length);
  return out;
}

function groupBy(items: Outcome[], key: (o: Outcome) => string): [string, Outcome[]][] {
  const m = new Map<string, Outcome[]>();
  for (const o of items) {
    const k = key(o);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(o);
  }
  return [...m.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

export function tally(all: Outcome[], ruleMessages: Map<string, string>): Figures {
  const comparable = all.filter((o) => crsVerdict(o.pl1) !== "other" && crsVerdict(o.pl2) !== "other");
  const overall: Figures["overall"] = {};
  const det = countRates(comparable, 1), fp = countRates(comparable, 0);
  for (const s of SYSTEMS) overall[s.name] = { detection: det[s.name], fpr: fp[s.name] };

  const by_class: Figures["by_class"] = {};
  for (const [k, xs] of groupBy(comparable.filter((o) => o.label === 1), (o) => o.class)) by_class[k] = countRates(xs, 1);
  const by_where_fpr: Figures["by_where_fpr"] = {};
  for (const [k, xs] of groupBy(comparable.filter((o) => o.label === 0), (o) => whereGroup(o.where))) by_where_fpr[k] = countRates(xs, 0);
  const by_where_detection: Figures["by_where_detection"] = {};
  for (const [k, xs] of groupBy(comparable.filter((o) => o.label === 1), (o) => whereGroup(o.where))) by_where_detection[k] = countRates(xs, 1);

  const statuses: Figures["statuses"] = { "CRS PL1": {}, "CRS PL2": {} };
  for (const o of all) {
    for (const [name, r] of [["CRS PL1", o.pl1], ["CRS PL2", o.pl2]] as const) {
      const k = String(r.status);
      statuses[name][k] ??= { attack: 0, benign: 0 };
      statuses[name][k][o.label ? "attack" : "benign"]++;
    }
  }

  const main = SYSTEMS.find((s) => s.name === `wafscore ≤${MAIN_THRESHOLD()}`)!;
  const attacksAll = all.filter((o) => o.label === 1), benignAll = all.filter((o) => o.label === 0);
  const wafscore_all_replayed = {
    detection: rate(attacksAll.length, attacksAll.filter((o) => main.verdict(o) === "blocked").length),
    fpr: rate(benignAll.length, benignAll.filter((o) => main.verdict(o) === "blocked").length),
  };

  const overlap: Figures["overlap"] = {};
  for (const crs of SYSTEMS.filter((s) => s.name.startsWith("CRS"))) {
    const c = { both: 0, only_wafscore: 0, only_crs: 0, neither: 0 };
    for (const o of comparable) {
      if (o.label !== 1) continue;
      const w = main.verdict(o) === "blocked", r = crs.verdict(o) === "blocked";
      if (w && r) c.both++; else if (w) c.only_wafscore++; else if (r) c.only_crs++; else c.neither++;
    }
    overlap[crs.name] = c;
  }

  const top_rules: Figures["top_rules"] = {};
  for (const [name, reply, rules] of [["CRS PL1", (o: Outcome) => o.pl1, (o: Outcome) => o.pl1Rules], ["CRS PL2", (o: Outcome) => o.pl2, (o: Outcome) => o.pl2Rules]] as const) {
    top_rules[name] = {
      false_positives: topRules(comparable.filter((o) => o.label === 0 && reply(o).status === 403), rules, ruleMessages),
      other_status: topRules(all.filter((o) => crsVerdict(reply(o)) === "other"), rules, ruleMessages),
      // What CRS catches that wafscore does not: the kinds of attack to look at first.
      only_crs: topRules(comparable.filter((o) => o.label === 1 && reply(o).status === 403 && main.verdict(o) !== "blocked"), rules, ruleMessages),
    };
  }

  return {
    rows: {
      comparable: comparable.length,
      comparable_attacks: comparable.filter((o) => o.label === 1).length,
      comparable_benign: comparable.filter((o) => o.label === 0).length,
      excluded_other_status: all.length - comparable.length,
    },
    overall, by_class, by_where_fpr, by_where_detection, statuses, wafscore_all_replayed, overlap, top_rules,
  };
}

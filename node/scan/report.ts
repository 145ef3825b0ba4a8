// The report of a scan (scan.ts's ScanResult): as JSON for machines (`--json`) and as text for a
// person, configurations side by side. Called by command.ts.

import type { ScanResult, ConfigResult } from "./scan";
import type { Counts } from "./tally";

export const NOTE =
  "Traffic may hold real attacks: a suggestion is not a finding that a value is benign. Nothing is applied; read the flagged values, then decide.";

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

function rows(c: Counts, all: Counts | null, top: number, key: string): Array<Record<string, string | number>> {
  return c.top(top).map(([k, flagged]) => ({ [key]: k, flagged, ...(all ? { requests: Math.max(all.get(k), flagged) } : {}) }));
}

/** The machine-readable report (`--json`): stable keys, snake_case as the plugin configuration. */
export function toJson(r: ScanResult, top: number): Record<string, unknown> {
  return {
    wafscore_scan: 1,
    note: NOTE,
    files: r.files.map((f) => ({ file: f.file, format: f.format, requests: f.requests, bad_inputs: f.bad, bytes: f.bytes })),
    requests: r.requests,
    bad_inputs: { count: r.badCount, listed: r.bad },
    seconds: round(r.seconds, 3),
    requests_per_second: r.seconds > 0 ? Math.round(r.requests / r.seconds) : null,
    configs: r.configs.map((c) => configJson(c, top)),
  };
}

function configJson(c: ConfigResult, top: number): Record<string, unknown> {
  const t = c.tally;
  return {
    label: c.label || "A",
    config: JSON.parse(c.configText) as unknown,
    mode: c.settings.mode,
    threshold: c.settings.threshold,
    requests: t.requests,
    excluded: t.excluded,
    flagged: t.flagged,
    flagged_share: t.requests > 0 ? round(t.flagged / t.requests) : 0,
    actions: Object.fromEntries(t.actions.map),
    reasons: Object.fromEntries(t.reasons.map),
    partial: t.partial,
    undecodable: t.undecodable,
    by_class: Object.fromEntries(t.classes.top(Infinity)),
    by_host: rows(t.flaggedHosts, t.hosts, top, "host"),
    by_path: rows(t.flaggedPaths, t.paths, top, "path"),
    by_param: rows(t.flaggedParams, t.params, top, "param"),
    worst: c.worst.map((w) => ({
      at: w.at, method: w.method, host: w.host, path: w.path, score: w.score, class: w.klass,
      action: w.action, reason: w.reason, part: w.part, text: w.text, explain: w.explain, repeats: w.repeats, classes: w.classes,
    })),
    suggestions: c.suggestions.map((s) => ({
      kind: s.kind, target: s.target, entry: s.entry, flagged: s.flagged, requests: s.requests,
      share: round(s.share), distinct_values: s.distinctValues, examples: s.examples, snippet: s.snippet,
      check: "error" in s.check ? { error: s.check.error } : { flagged_before: s.check.flaggedBefore, flagged_after: s.check.flaggedAfter },
    })),
  };
}

// ---- text -------------------------------------------------------------------------------

const num = (n: number) => n.toLocaleString("en-US");
const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(a > 0 && a / b < 0.001 ? 3 : 1)}%` : "-");
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
/** A value for one line: control characters escaped, cut to n. */
const quote = (s: string, n = 80) => JSON.stringify(clip(s, n));

/** Lines of a table: a label column, then one column per configuration. */
function table(labels: string[], body: Array<[string, string[]]>, indent = "  "): string[] {
  const w0 = Math.max(24, ...body.map(([k]) => k.length));
  const ws = labels.map((l, i) => Math.max(l.length, ...body.map(([, v]) => v[i].length), 8));
  const line = (k: string, v: string[]) => indent + k.padEnd(w0) + v.map((x, i) => "  " + x.padStart(ws[i])).join("");
  return [...(labels.length > 1 ? [line("", labels)] : []), ...body.map(([k, v]) => line(k, v))];
}

/** Keys of a per-config table: the union of each configuration's top keys, in first-seen order. */
function topKeys(cs: ConfigResult[], pick: (c: ConfigResult) => Counts, top: number): string[] {
  const keys: string[] = [];
  for (const c of cs) for (const [k] of pick(c).top(top)) if (!keys.includes(k)) keys.push(k);
  return keys.slice(0, top * 2);
}

export function formatText(r: ScanResult, top: number): string {
  const out: string[] = [];
  const rate = r.seconds > 0 ? `, ${num(Math.round(r.requests / r.seconds))} requests/s` : "";
  out.push(`wafscore scan: ${num(r.files.length)} file${r.files.length === 1 ? "" : "s"}, ${num(r.requests)} requests in ${r.seconds.toFixed(2)} s${rate}`);
  for (const f of r.files) {
    out.push(`  ${f.file}  ${f.format ?? "unrecognized"}  ${num(f.requests)} requests${f.bad ? `  ${num(f.bad)} bad input${f.bad === 1 ? "" : "s"}` : ""}`);
  }
  if (r.badCount > 0) {
    out.push("", `bad inputs: ${num(r.badCount)} (skipped or scored as far as they could be read)${r.badCount > r.bad.length ? `; the first ${r.bad.length}:` : ""}`);
    for (const b of r.bad) out.push(`  ${b.at}  ${b.reason}`);
  }
  const cs = r.configs;
  const labels = cs.map((c) => c.label);
  out.push("", cs.length > 1 ? "configurations:" : "configuration:");
  for (const c of cs) out.push(`  ${c.label ? c.label + "  " : ""}${c.configText}  (mode ${c.settings.mode}, threshold ${c.settings.threshold})`);

  const col = (f: (c: ConfigResult) => string) => cs.map(f);
  out.push("", "what the configuration would have done" + (cs.length > 1 ? " (side by side)" : "") + ":");
  const verb = (c: ConfigResult) => (c.settings.mode === "block" ? "blocked" : c.settings.mode === "tag" ? "tagged" : "logged");
  out.push(...table(labels, [
    ["requests", col((c) => num(c.tally.requests))],
    ["excluded (exclude_paths)", col((c) => num(c.tally.excluded))],
    ["flagged", col((c) => `${num(c.tally.flagged)} (${pct(c.tally.flagged, c.tally.requests)})`)],
    ...(cs.length === 1 ? [[`  ${verb(cs[0])}`, [num(cs[0].tally.flagged)]] as [string, string[]]] : [["  as", col((c) => verb(c))] as [string, string[]]]),
    ["  by a score", col((c) => num(c.tally.reasons.get("score")))],
    ["  partial (on_uninspectable)", col((c) => num(c.tally.reasons.get("uninspectable")))],
    ["  undecodable (on_undecodable)", col((c) => num(c.tally.reasons.get("undecodable")))],
    ["inspected in part", col((c) => num(c.tally.partial))],
  ]));

  const section = (title: string, pick: (c: ConfigResult) => Counts, all: ((c: ConfigResult) => Counts) | null) => {
    const keys = topKeys(cs, pick, top);
    if (keys.length === 0) return;
    out.push("", title);
    out.push(...table(labels, keys.map((k) => [clip(k, 48), col((c) => {
      const f = pick(c).get(k);
      return all ? `${num(f)} of ${num(Math.max(all(c).get(k), f))}` : num(f);
    })])));
  };
  section("flagged by class:", (c) => c.tally.classes, null);
  section("flagged by host (of its requests):", (c) => c.tally.flaggedHosts, (c) => c.tally.hosts);
  section("flagged by path (of its requests):", (c) => c.tally.flaggedPaths, (c) => c.tally.paths);
  section("flagged by parameter, the part that drove the score (of the requests carrying it):", (c) => c.tally.flaggedParams, (c) => c.tally.params);

  for (const c of cs) {
    if (c.worst.length === 0) continue;
    out.push("", `worst offenders${c.label ? ` (${c.label})` : ""}:`);
    c.worst.forEach((w, i) => {
      out.push(`  ${String(i + 1).padStart(2)}. score ${w.score} ${w.klass}  ${w.method} ${w.host || "-"} ${clip(w.path, 70)}  (${w.at})`);
      if (w.part) out.push(`      part ${w.part}: ${quote(w.text, 100)}${w.repeats ? `  (and ${num(w.repeats)} more request${w.repeats === 1 ? "" : "s"} with the same part and text)` : ""}`);
      out.push(`      explain: ${w.explain.length ? w.explain.map((f) => JSON.stringify(f)).join("  ") : "(no fragment stands out)"}`);
    });
  }

  for (const c of cs) {
    out.push("", `suggestions${c.label ? ` (${c.label})` : ""}:`);
    if (c.suggestions.length === 0) { out.push("  none: no parameter's values keep scoring low."); continue; }
    out.push(`  ${NOTE}`);
    c.suggestions.forEach((s, i) => {
      const what = s.kind === "exclude_paths" ? `path ${s.target} (prefix)` : s.target;
      out.push(`  ${i + 1}. ${what}: flagged in ${num(s.flagged)} of ${num(s.requests)} requests${s.kind === "exclude_paths" ? "" : " that carry it"} (${pct(s.flagged, s.requests)}), ${num(s.distinctValues)} distinct values`);
      for (const e of s.examples) out.push(`       ${quote(e.text)}${e.count > 1 ? `  ×${num(e.count)}` : ""}`);
      out.push(`     ${JSON.stringify(s.snippet)}`);
      out.push("error" in s.check
        ? `     (the merged configuration is refused: ${s.check.error})`
        : `     merged into ${c.label || "the configuration"} and the ${num(s.check.flaggedBefore)} flagged requests scored again: ${num(s.check.flaggedAfter)} still flagged`);
    });
  }
  return out.join("\n");
}

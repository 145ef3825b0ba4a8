// Replays build/dataset/valid.jsonl through wafscore (core.wasm, cross-checked in Envoy) and through
// nginx + ModSecurity + CRS at PL1 and PL2, and writes node/compare/COMPARE.md and build/compare.json.
// Run by `make compare`; options: --sample N (N attacks + N benign), --envoy N, --concurrency N.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { Core, CORE_WASM, REPO_ROOT } from "../core";
import { isReplayable, toHttpRequest } from "../http";
import { readRows } from "../rows";
import { startEnvoy, startUpstream, type Envoy, type Upstream } from "../envoy";
import { Rng } from "../../models/data/rng";
import { startPeer, peerVersions, PEER_CONF_DIR, type Peer } from "./peer";
import { Replayer, mapPool, type Reply } from "./replay";
import { tally, MAIN_THRESHOLD, type Outcome } from "./tally";
import { readRuleLog, rowHost } from "./rulelog";
import { renderMarkdown, mainTable, type Report, type EnvoyCheck } from "./markdown";

const DATASET = "build/dataset/valid.jsonl";
const SEED = "compare";

interface Row { text: string; label: 0 | 1; class: string; where: string }

interface Args { sample: number; envoy: number; concurrency: number }

function parseArgs(argv: string[]): Args {
  const a: Args = { sample: 0, envoy: 300, concurrency: 8 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i], v = Number(argv[i + 1]);
    if (!["--sample", "--envoy", "--concurrency"].includes(k)) throw new Error(`compare: unknown option ${k}; expected --sample N, --envoy N, --concurrency N`);
    if (!Number.isInteger(v) || v < 0) throw new Error(`compare: ${k} must be a non-negative integer, got ${argv[i + 1]}`);
    (a as unknown as Record<string, number>)[k.slice(2)] = v;
    i++;
  }
  if (a.concurrency < 1) throw new Error("compare: --concurrency must be at least 1");
  return a;
}

const log = (s: string) => process.stderr.write(`compare: ${s}\n`);

/** All rows, or a seeded sample of n attacks + n benign (file order kept). */
function pick(rows: Row[], n: number): Row[] {
  if (!n) return rows;
  const keep = new Set<Row>();
  for (const label of [1, 0]) {
    const xs = rows.filter((r) => r.label === label);
    new Rng(`${SEED}:${label}`).shuffle(xs);
    for (const r of xs.slice(0, n)) keep.add(r);
  }
  return rows.filter((r) => keep.has(r));
}

async function envoyCheck(core: Core, rows: Row[], scores: number[], n: number, concurrency: number, stops: (() => Promise<void>)[]): Promise<EnvoyCheck | { skipped: string }> {
  if (!n) return { skipped: "--envoy 0" };
  const idx = rows.map((_, i) => i);
  new Rng(`${SEED}:envoy`).shuffle(idx);
  const chosen = idx.slice(0, n).sort((a, b) => a - b);
  // Name the fixed-grammar headers the sample uses, so Envoy scores every part core.wasm scored in Node.
  const extra = [...new Set(chosen.map((i) => rows[i].where).filter((w) => w.startsWith("header:")).map((w) => w.slice(7).toLowerCase()))]
    .filter((h) => core.description.grammar_headers.includes(h)).sort();
  const config = { mode: "block", ...(extra.length ? { inspect_headers: extra } : {}) };
  let upstream: Upstream | undefined;
  let envoy: Envoy;
  try {
    upstream = await startUpstream("envoy/echo-upstream.mjs");
    envoy = await startEnvoy({ upstreamPort: upstream.port, pluginConfig: config, logLevel: "warn" });
  } catch (e) {
    await upstream?.stop();
    const msg = (e as Error).message;
    log(`Envoy cross-check skipped:\n${msg}`);
    // An EnvoyError ends with Envoy's log tail; keep the lines that say why (e.g. a refused plugin).
    const why = msg.split("\n").filter((l) => /critical|wasm.*(error|fail)|unable/i.test(l)).slice(-2).map((l) => l.replace(/^\[[^\]]*\]\[[^\]]*\]/, "").trim());
    return { skipped: `Envoy did not start (${[msg.split("\n")[0], ...why].join("; ")})` };
  }
  const echo = upstream;
  stops.push(() => envoy.stop(), () => echo.stop());
  const port = Number(new URL(envoy.url).port);
  const client = new Replayer(port, concurrency);
  const replies = await mapPool(chosen, concurrency, (i) => client.send(toHttpRequest(rows[i].text, rows[i].where)));
  client.close();
  await envoy.stop();
  await echo.stop();
  const check: EnvoyCheck = { rows: chosen.length, config, agree: 0, other_status: {}, disagreements: [] };
  chosen.forEach((i, k) => {
    const st = replies[k].status;
    if (st !== 200 && st !== 403) { check.other_status[String(st)] = (check.other_status[String(st)] ?? 0) + 1; return; }
    if ((st === 403) === (scores[i] <= MAIN_THRESHOLD())) check.agree++;
    else check.disagreements.push({ where: rows[i].where, class: rows[i].class, core_score: scores[i], envoy_status: st, text: rows[i].text });
  });
  return check;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const file = path.join(REPO_ROOT, DATASET);
  if (!existsSync(file)) throw new Error(`${DATASET} not found; run \`npx tsx models/data/build.ts\` (make compare does)`);
  const all: Row[] = readRows(file).map((r, i) => {
    if (r.where.length !== 1) throw new Error(`${DATASET}: row ${i + 1}: where: expected one context, got ${r.where.length}`);
    return { text: r.text, label: r.label, class: r.class || "(none)", where: r.where[0] };
  });
  const picked = pick(all, args.sample);
  const skippedByWhere: Record<string, number> = {};
  const rows = picked.filter((r) => {
    if (isReplayable(r.text, r.where)) return true;
    skippedByWhere[r.where] = (skippedByWhere[r.where] ?? 0) + 1;
    return false;
  });
  log(`${all.length} rows in ${DATASET}; ${picked.length} picked, ${rows.length} replayable`);

  const core = await Core.load();
  // A core built mid-change (feature spec bumped, model not retrained yet) scores everything 99:
  // refuse rather than write a report where wafscore detects nothing.
  const modelError = core.modelError();
  if (modelError) throw new Error(`build/core.wasm has no usable model (${modelError}); retrain (make model) or rebuild (make build) first`);
  const scores = rows.map((r) => core.score(r.where, r.text).score);
  log(`scored ${rows.length} rows with core.wasm in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Everything started is stopped on the way out, error or signal included.
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => { while (stops.length) await stops.pop()!().catch(() => {}); };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => { log(`${sig}: stopping`); void stopAll().then(() => process.exit(130)); });

  try {
    const runDir = path.join(REPO_ROOT, "build/peer-modsecurity");
    rmSync(runDir, { recursive: true, force: true });
    const peer: Peer = await startPeer(runDir);
    stops.push(() => peer.stop());
    log(`nginx up: CRS PL1 on 127.0.0.1:${peer.pl1Port}, PL2 on 127.0.0.1:${peer.pl2Port} (logs in build/peer-modsecurity/)`);
    const pl1 = new Replayer(peer.pl1Port, args.concurrency), pl2 = new Replayer(peer.pl2Port, args.concurrency);
    const t1 = Date.now();
    const replies = await mapPool(rows, args.concurrency, async (r, i) => {
      const req = toHttpRequest(r.text, r.where);
      return [await pl1.send(req, rowHost(i, 1)), await pl2.send(req, rowHost(i, 2))] as [Reply, Reply];
    }, (n) => log(`CRS: ${n}/${rows.length} rows (${(n / ((Date.now() - t1) / 1000)).toFixed(0)} rows/s)`));
    pl1.close(); pl2.close();
    log(`CRS: ${rows.length} rows x 2 levels in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    await peer.stop();
    const ruleLog = await readRuleLog(path.join(runDir, "error.log"));

    const envoy = await envoyCheck(core, rows, scores, args.envoy, args.concurrency, stops);

    const outcomes: Outcome[] = rows.map((r, i) => ({ label: r.label, class: r.class, where: r.where, score: scores[i], pl1: replies[i][0], pl2: replies[i][1],
      pl1Rules: [...(ruleLog.rules[1].get(i) ?? [])], pl2Rules: [...(ruleLog.rules[2].get(i) ?? [])],
    }));
    const errors = replies.flat().filter((x) => x.error);
    if (errors.length) log(`${errors.length} requests got no HTTP answer, e.g. ${errors[0].error}`);
    const report: Report = {
      generated: { command: "make compare", host: hostname(), date: new Date().toISOString(), node: process.version, run_seconds: (Date.now() - t0) / 1000,
        core_wasm_sha256: createHash("sha256").update(readFileSync(CORE_WASM)).digest("hex") },
      peer: { ...peerVersions(), config_dir: path.relative(REPO_ROOT, PEER_CONF_DIR), anomaly_threshold_inbound: 5, request_body_limit_bytes: 131072 },
      dataset: {
        file: DATASET, rows: all.length, sample: args.sample ? { per_label: args.sample, seed: SEED } : null,
        replayed: rows.length, skipped_not_replayable: picked.length - rows.length, skipped_by_where: skippedByWhere,
        default_config_grammar_header_rows: rows.filter((r) => r.where.startsWith("header:") && core.description.grammar_headers.includes(r.where.slice(7).toLowerCase())).length,
      },
      figures: tally(outcomes, ruleLog.messages),
      envoy_check: envoy,
    };
    mkdirSync(path.join(REPO_ROOT, "build"), { recursive: true });
    writeFileSync(path.join(REPO_ROOT, "build/compare.json"), JSON.stringify(report, null, 2) + "\n");
    writeFileSync(path.join(REPO_ROOT, "node/compare/COMPARE.md"), renderMarkdown(report));
    console.log(mainTable(report.figures));
    console.log(`\n${report.figures.rows.comparable} rows compared (${report.figures.rows.excluded_other_status} left out: CRS answered neither 200 nor 403); ` +
      `${report.dataset.skipped_not_replayable} not replayable. Full report: node/compare/COMPARE.md, build/compare.json (${report.generated.run_seconds.toFixed(0)} s).`);
  } finally {
    await stopAll();
  }
}

main().catch((e) => {
  console.error(`compare: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
});

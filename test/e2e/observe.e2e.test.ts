// e2e: what operators see of the filter in a real Envoy, with the demo config's access log and
// stats tags: the JSON access-log line of a blocked, a tagged and a logged request (the filter's
// verdict read from filter state, wasm.wafscore.*), and the labelled series in /stats/prometheus.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Echo, type Stack, startStack, tail } from "./harness";
import { loadCore } from "../support/core";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const SQLI = "/search?id=1%27%20OR%20%271%27%3D%271";
const CLEAN = "/products?q=running+shoes&page=2";
const MODEL = (JSON.parse(readFileSync(new URL("../../models/artifacts/manifest.json", import.meta.url), "utf8")) as { training_data_sha256: string }).training_data_sha256.slice(0, 8);

interface AccessLine { [field: string]: string | number | null }

const MODES = ["block", "tag", "log"] as const;
type Mode = (typeof MODES)[number];

const dir = mkdtempSync(path.join(tmpdir(), "wafscore-observe-"));
const logPath = (mode: Mode) => path.join(dir, `access-${mode}.log`);
const stacks = new Map<Mode, Stack>();
const stack = (mode: Mode) => stacks.get(mode)!;

beforeAll(async () => {
  // The demo's access log, written to a file of this test's instead of stdout.
  await Promise.all(MODES.map(async (mode) => {
    const s = await startStack({
      pluginConfig: { mode, block_response_details: true },
      editConfig: (yaml) => {
        const edited = yaml.replace(
          /name: envoy\.access_loggers\.stdout\n(\s+)typed_config:\n(\s+)"@type": type\.googleapis\.com\/envoy\.extensions\.access_loggers\.stream\.v3\.StdoutAccessLog\n/,
          (_, i1: string, i2: string) => `name: envoy.access_loggers.file\n${i1}typed_config:\n${i2}"@type": type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog\n${i2}path: ${JSON.stringify(logPath(mode))}\n`,
        );
        if (edited === yaml) throw new Error("the demo config has no stdout access log");
        return edited;
      },
    });
    stacks.set(mode, s);
  }));
});

afterEach((ctx) => {
  if (ctx.task.result?.state !== "fail") return;
  for (const [mode, s] of stacks) console.error(`--- envoy log (${mode}) ---\n${tail(s.logs(), 60)}`);
});

afterAll(async () => {
  await Promise.all([...stacks.values()].map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function get(s: Stack, p: string, requestId: string): Promise<{ status: number; text: string }> {
  const r = await fetch(`${s.url}${p}`, { headers: { "user-agent": CHROME, "x-request-id": requestId } });
  return { status: r.status, text: await r.text() };
}

/**
 * The access-log line of `requestId`. Envoy writes access logs from a buffer it flushes every 10 s
 * by default; /reopen_logs makes it flush (and reopen) at once, so poll with it.
 */
async function accessLine(mode: Mode, requestId: string): Promise<AccessLine> {
  const s = stack(mode);
  const deadline = Date.now() + 5000;
  for (;;) {
    await fetch(`${s.adminUrl}/reopen_logs`, { method: "POST" });
    let text = "";
    try {
      text = readFileSync(logPath(mode), "utf8");
    } catch {
      // not created yet
    }
    const hit = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as AccessLine).find((l) => l.request_id === requestId);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no access-log line for ${requestId} in ${mode}:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The filter's flagged log line for a request id (Envoy's stderr).
function flaggedLine(s: Stack, requestId: string): string | undefined {
  return s.logs().split("\n").find((l) => l.includes("flagged action=") && l.includes(`request_id=${requestId} `));
}

describe("access log (JSON, from filter state)", () => {
  it("a blocked request: action block, the 403's score and class, every field", async () => {
    const r = await get(stack("block"), SQLI, "obs-block-1");
    expect(r.status).toBe(403);
    const body = JSON.parse(r.text) as { score: number; class: string; request_id: string };
    const line = await accessLine("block", "obs-block-1");
    expect(line).toMatchObject({
      status: 403, details: "wafscore_blocked", path: SQLI,
      waf_action: "block", waf_flagged: "true", waf_class: body.class, waf_score: `${body.score}`, waf_inspection: "full", waf_model: MODEL,
    });
    expect(body.class).toBe("sqli");
    expect(line.waf_class_score).toBe(line.waf_sqli);
    for (const k of ["waf_sqli", "waf_xss", "waf_rce"]) expect(Number(line[k]), k).toBeGreaterThanOrEqual(1);
  });

  it("a tagged request: the access log says what the score headers said", async () => {
    const r = await get(stack("tag"), SQLI, "obs-tag-1");
    expect(r.status).toBe(200);
    const echo = JSON.parse(r.text) as Echo;
    const line = await accessLine("tag", "obs-tag-1");
    expect(line).toMatchObject({
      status: 200, waf_action: "tag", waf_flagged: "true", waf_class: "sqli", waf_inspection: "full", waf_model: MODEL,
      waf_score: echo.headers["x-waf-attack-score"], waf_sqli: echo.headers["x-waf-sqli-score"],
      waf_xss: echo.headers["x-waf-xss-score"], waf_rce: echo.headers["x-waf-rce-score"],
    });
  });

  it("a logged request: the access log agrees with the flagged log line", async () => {
    const r = await get(stack("log"), SQLI, "obs-log-1");
    expect(r.status).toBe(200);
    const line = await accessLine("log", "obs-log-1");
    await expect.poll(() => flaggedLine(stack("log"), "obs-log-1")).toBeDefined();
    const flagged = flaggedLine(stack("log"), "obs-log-1")!;
    expect(flagged).toContain(` score=${line.waf_score} class=${line.waf_class} `);
    expect(line).toMatchObject({ status: 200, waf_action: "log", waf_flagged: "true", waf_class: "sqli", waf_model: MODEL });
  });

  it("a clean request in block mode: tagged, not flagged, no class", async () => {
    const r = await get(stack("block"), CLEAN, "obs-clean-1");
    expect(r.status).toBe(200);
    const echo = JSON.parse(r.text) as Echo;
    const line = await accessLine("block", "obs-clean-1");
    expect(line).toMatchObject({ status: 200, waf_action: "tag", waf_flagged: "false", waf_class: null, waf_class_score: null, waf_score: echo.headers["x-waf-attack-score"] });
  });
});

describe("Prometheus (/stats/prometheus with the demo's stats_tags)", () => {
  /** Every sample of `name`, as labels → value. */
  async function samples(mode: Mode, name: string): Promise<Array<{ labels: Record<string, string>; value: number }>> {
    const text = await (await fetch(`${stack(mode).adminUrl}/stats/prometheus`)).text();
    const out: Array<{ labels: Record<string, string>; value: number }> = [];
    for (const m of text.matchAll(new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`, "gm"))) {
      const labels = Object.fromEntries([...(m[1] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
      out.push({ labels, value: Number(m[2]) });
    }
    return out;
  }

  it.each(MODES)("%s: wafscore_flagged_total{class=\"sqli\",action} counts the SQLi, under the mode's action", async (mode) => {
    for (let i = 0; i < 2; i++) await get(stack(mode), SQLI, `obs-prom-${mode}-${i}`);
    const flagged = await samples(mode, "wafscore_flagged_total");
    const sqli = flagged.find((s) => s.labels.class === "sqli" && s.labels.action === mode);
    expect(sqli?.value).toBeGreaterThanOrEqual(2);
    // Every class and action is its own labelled series of the one metric, none left in the name:
    // the model's classes (its heads but the overall one), uninspectable and undecodable, by three actions.
    const classes = (await loadCore()).heads.length - 1;
    expect(flagged.length).toBe((classes + 2) * 3);
    expect(new Set(flagged.map((s) => s.labels.class))).toContain("undecodable");
    expect(flagged.every((s) => Object.keys(s.labels).sort().join() === "action,class")).toBe(true);
    const other = flagged.filter((s) => s.labels.action !== mode).reduce((n, s) => n + s.value, 0);
    expect(other).toBe(0);
  });

  it("the unlabelled counters keep their names", async () => {
    const [scored] = await samples("block", "wafscore_requests_scored_total");
    const [blocked] = await samples("block", "wafscore_requests_blocked_total");
    expect(blocked.value).toBeGreaterThanOrEqual(1);
    expect(scored.value).toBeGreaterThan(blocked.value);
    expect((await samples("block", "wafscore_body_uninspectable_total")).length).toBe(1);
    expect((await samples("block", "wafscore_body_undecodable_total")).length).toBe(1);
  });
});

// Generates loadtest/scenarios.json: the requests both the local runner (make bench/soak) and the k6 scripts send.
// Run by `make scenarios` (needs build/dataset/valid.jsonl and a built filter); the output is committed.
//
// Rows come from the project's validation split; bodies of fixed sizes are built from benign rows
// and padded to the exact byte count. Every request is sent once through Envoy with the filter
// (block mode) and its `expect` status is what the filter answered; rows whose answer disagrees
// with their label (model misses or false positives) are left out and counted in `dropped`, so
// k6's checks test the filter's behaviour at generation time, not the model's accuracy.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Rng } from "../models/data/rng.ts";
import { toHttpRequest, type HttpRequest } from "../node/http.ts";
import { REPO_ROOT } from "../node/core.ts";
import { startEnvoy, startUpstream } from "./stack.ts";

export const SCENARIOS_PATH = path.join(REPO_ROOT, "loadtest/scenarios.json");
const VALID = path.join(REPO_ROOT, "build/dataset/valid.jsonl");
const SEED = 20250101;

interface Row { text: string; label: number; class: string; where: string; source: string }
export interface BenchRequest extends HttpRequest { expect: number; kind: string }
export interface Scenario { description: string; requests: BenchRequest[] }
export interface CoreBody { where: "body:form" | "body:json"; kind: "benign" | "attack"; bytes: number; text: string }
export interface ScenarioFile {
  generated_by: string;
  seed: number;
  plugin_config: string;
  dropped: Record<string, number>;
  core: Record<string, CoreBody>;
  scenarios: Record<string, Scenario>;
}

/** The committed scenarios (`make scenarios` writes them): what every local runner and profile sends. */
export function readScenarios(): ScenarioFile {
  return JSON.parse(readFileSync(SCENARIOS_PATH, "utf8")) as ScenarioFile;
}

const PAD_WORDS = "the+quick+brown+fox+jumps+over+the+lazy+dog+while+seven+wizards+quietly+judge+boxing+".repeat(4);
const utf8Len = (s: string) => Buffer.byteLength(s, "utf8");

/** A urlencoded body of exactly `bytes` bytes: optional attack row first, then benign rows, then a pad param. */
export function formBody(rng: Rng, benign: string[], bytes: number, attack?: string): string {
  const parts: string[] = attack ? [attack] : [];
  let len = attack ? utf8Len(attack) : 0;
  for (let tries = 0; tries < 10_000; tries++) {
    const r = rng.pick(benign);
    const add = utf8Len(r) + (parts.length ? 1 : 0);
    if (len + add > bytes - 12) break;
    parts.push(r);
    len += add;
  }
  const head = parts.join("&");
  const room = bytes - utf8Len(head) - (head ? 1 : 0) - "pad=".length;
  if (room < 0) throw new Error(`formBody: ${bytes} B is too small`);
  let pad = "";
  while (pad.length < room) pad += PAD_WORDS;
  const body = (head ? head + "&" : "") + "pad=" + pad.slice(0, room);
  if (utf8Len(body) !== bytes) throw new Error(`formBody: got ${utf8Len(body)} B, wanted ${bytes}`);
  return body;
}

/** A JSON body of exactly `bytes` bytes: {"items":[attack?, benign docs...],"note":"<pad>"}. */
export function jsonBody(rng: Rng, benign: string[], bytes: number, attack?: string): string {
  const items: string[] = attack ? [attack] : [];
  const frame = (its: string[], note: string) => `{"items":[${its.join(",")}],"note":"${note}"}`;
  for (let tries = 0; tries < 10_000; tries++) {
    const r = rng.pick(benign);
    if (utf8Len(frame([...items, r], "")) > bytes - 8) break;
    items.push(r);
  }
  const room = bytes - utf8Len(frame(items, ""));
  if (room < 0) throw new Error(`jsonBody: ${bytes} B is too small`);
  let pad = "";
  while (pad.length < room) pad += PAD_WORDS.replace(/\+/g, " ");
  const body = frame(items, pad.slice(0, room));
  if (utf8Len(body) !== bytes) throw new Error(`jsonBody: got ${utf8Len(body)} B, wanted ${bytes}`);
  return body;
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function loadRows(): Row[] {
  return readFileSync(VALID, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Row);
}

function req(text: string, where: string, kind: string, expect: number): BenchRequest {
  return { ...toHttpRequest(text, where), expect, kind };
}

async function main(): Promise<void> {
  const rng = new Rng(SEED);
  const rows = loadRows();
  const of = (label: number, where: string, maxLen = Infinity) =>
    rng.shuffle(rows.filter((r) => r.label === label && r.where === where && r.text.length <= maxLen).map((r) => r.text));
  const benignForm = of(0, "body:form", 300);
  const benignJson = of(0, "body:json", 300).filter(isJson);
  const benignQuery = of(0, "query", 64);
  const attackRows = rng.shuffle(rows.filter((r) => r.label === 1 && ["query", "body:form", "body:json", "path"].includes(r.where) && r.text.length <= 400));
  const attackFormShort = of(1, "body:form", 48);
  const attackJson = of(1, "body:json", 200).filter(isJson);

  const upstream = await startUpstream();
  const envoy = await startEnvoy({ wasm: true, upstreamPort: upstream.port });
  const dropped: Record<string, number> = {};
  // Sends r through Envoy with the filter; true when the answer matches what r's label expects.
  const confirm = async (r: BenchRequest, key: string): Promise<boolean> => {
    const res = await fetch(envoy.url + r.path, { method: r.method, headers: r.headers, body: r.body });
    await res.arrayBuffer();
    if (res.status === r.expect) return true;
    dropped[key] = (dropped[key] ?? 0) + 1;
    return false;
  };
  // Takes the first n candidates (made on demand) that Envoy answers as expected.
  const take = async (n: number, key: string, make: () => BenchRequest): Promise<BenchRequest[]> => {
    const out: BenchRequest[] = [];
    for (let tries = 0; out.length < n; tries++) {
      if (tries > n * 20) throw new Error(`scenarios: only ${out.length}/${n} ${key} requests pass through the filter as labelled`);
      const r = make();
      if (await confirm(r, key)) out.push(r);
    }
    return out;
  };
  const cursor = <T>(xs: T[]) => {
    let i = 0;
    return () => xs[i++ % xs.length];
  };

  try {
    const nq = cursor(benignQuery), na = cursor(attackRows);
    const getQuery = await take(50, "get_query", () => req(nq(), "query", "benign", 200));
    const form1k = await take(20, "post_form_1k", () => req(formBody(rng, benignForm, 1024), "body:form", "benign", 200));
    const json16k = await take(10, "post_json_16k", () => req(jsonBody(rng, benignJson, 16384), "body:json", "benign", 200));
    const attacks = await take(40, "attack", () => {
      const r = na();
      return req(r.text, r.where, `attack:${r.class}`, 403);
    });
    // 10% attacks: every 10th request, the rest cycles through the three benign shapes.
    const mix: BenchRequest[] = [];
    const benignShapes = [getQuery, form1k, json16k];
    for (let i = 0; i < 100; i++) {
      if (i % 10 === 9) mix.push(attacks[(i / 10) | 0]);
      else mix.push(benignShapes[i % 3][i % benignShapes[i % 3].length]);
    }
    const nbf = cursor(benignForm), nbj = cursor(benignJson);
    const benignMix = await take(60, "benign_mix", () => {
      const k = rng.int(0, 2);
      return k === 0 ? req(nq(), "query", "benign", 200) : k === 1 ? req(nbf(), "body:form", "benign", 200) : req(nbj(), "body:json", "benign", 200);
    });
    const large = [
      ...(await take(2, "large_form", () => req(formBody(rng, benignForm, 131072), "body:form", "benign", 200))),
      ...(await take(2, "large_json", () => req(jsonBody(rng, benignJson, 131072), "body:json", "benign", 200))),
      ...(await take(1, "large_attack", () => req(formBody(rng, benignForm, 131072, cursor(attackFormShort)()), "body:form", "attack", 403))),
    ];

    // Core benchmark bodies: form and JSON at four sizes, benign and with one attack row first.
    const core: Record<string, CoreBody> = {};
    const na64 = cursor(attackFormShort), naj = cursor(attackJson);
    for (const bytes of [64, 1024, 16384, 131072]) {
      core[`form_benign_${bytes}`] = { where: "body:form", kind: "benign", bytes, text: formBody(rng, benignForm, bytes) };
      core[`form_attack_${bytes}`] = { where: "body:form", kind: "attack", bytes, text: formBody(rng, benignForm, bytes, na64()) };
      core[`json_benign_${bytes}`] = { where: "body:json", kind: "benign", bytes, text: jsonBody(rng, benignJson, bytes) };
      if (bytes >= 1024) core[`json_attack_${bytes}`] = { where: "body:json", kind: "attack", bytes, text: jsonBody(rng, benignJson, bytes, naj()) };
    }
    // Text-heavy JSON: the values are benign rows of prose as JSON strings. Every window of such a
    // body is full and most reach the model and the lexers, where the bodies above are mostly short
    // values. Drawn last, so that the bodies above are what they would be without it.
    const prose = rng.shuffle(rows.filter((r) => r.label === 0 && r.text.length >= 200 && / the /.test(r.text)).map((r) => JSON.stringify(r.text)));
    core.json_prose_16384 = { where: "body:json", kind: "benign", bytes: 16384, text: jsonBody(rng, prose, 16384) };

    const file: ScenarioFile = {
      generated_by: "loadtest/scenarios.ts (make scenarios) from build/dataset/valid.jsonl; do not edit",
      seed: SEED,
      plugin_config: '{"mode":"block"}',
      dropped,
      core,
      scenarios: {
        get_query: { description: "GET /app?<benign query of at most 64 chars>", requests: getQuery },
        post_form_1k: { description: "POST 1 KiB application/x-www-form-urlencoded, benign", requests: form1k },
        post_json_16k: { description: "POST 16 KiB application/json, benign", requests: json16k },
        attack_mix_10: { description: "10% attacks (validation rows: query, path, form, JSON) among the three benign shapes", requests: mix },
        benign_mix: { description: "benign validation rows as GET query, form and JSON requests", requests: benignMix },
        attack_mix: { description: "attack validation rows only (expect 403)", requests: attacks },
        large_bodies: { description: "128 KiB form and JSON bodies (the default max_body_bytes), one with an attack first", requests: large },
      },
    };
    writeFileSync(SCENARIOS_PATH, JSON.stringify(file, null, 1) + "\n");
    const counts = Object.entries(file.scenarios).map(([k, s]) => `${k}=${s.requests.length}`).join(" ");
    console.log(`scenarios: wrote ${path.relative(REPO_ROOT, SCENARIOS_PATH)} (${counts}); dropped ${JSON.stringify(dropped)}`);
  } finally {
    await envoy.stop();
    await upstream.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(REPO_ROOT, "loadtest/scenarios.ts")) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

// `wafscore scan FILE…`: its options, usage errors (exit 2, naming the problem) and output (text,
// or --json). node/cli.ts routes `scan` here; the work is in scan.ts.

import { existsSync, readFileSync, statSync } from "node:fs";
import { runScan } from "./scan";
import { FORMATS, type Format } from "./read";
import { SUGGEST_DEFAULTS, type SuggestOptions } from "./suggest";
import { formatText, toJson } from "./report";
import { Progress } from "./progress";
import { Core } from "../core";

export const SCAN_USAGE = `usage: wafscore scan FILE… [options]
  Scores past requests with the filter's core and reports what a plugin configuration would
  have blocked. FILE: raw HTTP/1.1 requests, a HAR, or an Envoy access log (default text format,
  or JSON lines), detected per file.

  --config '<json>'      a plugin configuration (default: the core's defaults); give several
  --config-file F        (either flag, repeated) to compare them side by side
  --format F             raw | har | envoy | envoy-json, for every file (default: detected)
  --top N                worst offenders and rows per table (default 10)
  --suggest-min N        distinct flagged values a parameter needs for a suggestion (default ${SUGGEST_DEFAULTS.minValues})
  --suggest-share X      share of the requests carrying it that it must flag, 0-1 (default ${SUGGEST_DEFAULTS.minShare})
  --no-suggest           no suggestions
  --json                 a machine-readable report on stdout
  --no-progress          no progress bar (it is drawn on stderr only when stderr is a terminal)
  --model FILE           use this model blob instead of the embedded one

  JSON access-log keys read: method; path (or x_envoy_origin_path, x_envoy_original_path);
  authority (or host); user_agent; referer; x_forwarded_for; request_id; content_type
  (compared lower-case, '-' as '_', a leading ':' dropped). Access logs hold no bodies or cookies.`;

export class ScanUsageError extends Error {}

export interface ScanArgs {
  files: string[]; configs: string[]; format?: Format; top: number; suggest: SuggestOptions | null;
  json: boolean; progress: boolean; model?: string;
}

const VALUE_FLAGS = new Set(["--config", "--config-file", "--format", "--top", "--suggest-min", "--suggest-share", "--model"]);
const BOOL_FLAGS = new Set(["--json", "--no-progress", "--no-suggest", "--help"]);

export function parseScanArgs(argv: string[]): ScanArgs & { help: boolean } {
  const a: ScanArgs & { help: boolean } = { files: [], configs: [], top: 10, suggest: { ...SUGGEST_DEFAULTS }, json: false, progress: true, help: false };
  let noSuggest = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith("--")) { a.files.push(flag); continue; }
    if (BOOL_FLAGS.has(flag)) {
      if (flag === "--json") a.json = true;
      else if (flag === "--no-progress") a.progress = false;
      else if (flag === "--no-suggest") noSuggest = true;
      else a.help = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) throw new ScanUsageError(`unknown option ${flag}`);
    if (i + 1 >= argv.length) throw new ScanUsageError(`${flag} needs a value`);
    const v = argv[++i];
    switch (flag) {
      case "--config": a.configs.push(v); break;
      case "--config-file":
        if (!existsSync(v)) throw new ScanUsageError(`--config-file ${v}: no such file`);
        a.configs.push(readFileSync(v, "utf8"));
        break;
      case "--format":
        if (!(FORMATS as readonly string[]).includes(v)) throw new ScanUsageError(`--format must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(v)}`);
        a.format = v as Format;
        break;
      case "--top": a.top = integer(flag, v, 0, 1000); break;
      case "--suggest-min": a.suggest!.minValues = integer(flag, v, 1, 1_000_000); break;
      case "--suggest-share": {
        const x = Number(v);
        if (!(v.trim() !== "" && x >= 0 && x <= 1)) throw new ScanUsageError(`--suggest-share must be a number within [0,1], got ${JSON.stringify(v)}`);
        a.suggest!.minShare = x;
        break;
      }
      case "--model": a.model = v; break;
    }
  }
  if (noSuggest) a.suggest = null;
  else a.suggest!.max = Math.max(a.top, 1);
  if (!a.help) {
    if (a.files.length === 0) throw new ScanUsageError("scan takes at least one FILE");
    for (const f of a.files) {
      if (!existsSync(f)) throw new ScanUsageError(`${f}: no such file`);
      if (!statSync(f).isFile()) throw new ScanUsageError(`${f}: not a file`);
    }
  }
  return a;
}

function integer(flag: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new ScanUsageError(`${flag} must be an integer within [${min},${max}], got ${JSON.stringify(v)}`);
  return n;
}

/** Checks every configuration as the filter would; a refused one is a usage error naming it. */
async function checkConfigs(configs: string[]): Promise<void> {
  const core = await Core.load();
  for (let i = 0; i < configs.length; i++) {
    const err = core.configure(configs[i]);
    if (err) throw new ScanUsageError(`configuration ${i + 1} (${configs[i].trim().slice(0, 60)}) is refused: ${err}`);
  }
}

/** Runs `wafscore scan`; returns the exit code (0, or 2 on a usage error). */
export async function scanCommand(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseScanArgs>;
  try {
    args = parseScanArgs(argv);
    if (args.help) { console.log(SCAN_USAGE); return 0; }
    await checkConfigs(args.configs);
    if (args.model && !existsSync(args.model)) throw new ScanUsageError(`--model ${args.model}: no such file`);
  } catch (e) {
    if (e instanceof ScanUsageError) { console.error(`wafscore scan: ${e.message}\n\n${SCAN_USAGE}`); return 2; }
    throw e;
  }
  const progress = new Progress(process.stderr, args.progress && !!process.stderr.isTTY);
  const result = await runScan({
    files: args.files, configs: args.configs, format: args.format, top: args.top, suggest: args.suggest,
    modelBlob: args.model ? new Uint8Array(readFileSync(args.model)) : undefined,
    onProgress: (f, b, s, n) => progress.update(f, b, s, n),
  });
  progress.done();
  console.log(args.json ? JSON.stringify(toJson(result, args.top), null, 2) : formatText(result, args.top));
  return 0;
}

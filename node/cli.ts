// The wafscore CLI: routes `score`, `parts`, `eval`, `config check` and `scan` to the modules that
// do them, all through build/core.wasm (the filter's own scoring core). Entry: bin/wafscore.mjs.

import { readFileSync } from "node:fs";
import { Core, RequestScores, scoreBand as band } from "./core";
import { readRows } from "./rows";
import { scoreRows, evaluate, formatEval } from "./eval";
import { scanCommand } from "./scan/command";

const USAGE = `usage:
  wafscore score "<text>" [--where W] [--explain] [--json]
                                                 scores one request part (default where: body:text,
                                                 i.e. one value, not split); W as in eval rows;
                                                 --explain: the fragments that drove the score
  wafscore parts "<text>" [--where W]            shows how the filter splits and decodes it
  wafscore eval FILE.jsonl [--threshold N] [--json]
                                                 rows {"text","label":0|1,"class"?,"where"?:[...]}
  wafscore config check '<json>' | --file F      validates a plugin configuration as Envoy would
  wafscore scan FILE… [--config '<json>']… [--json]
                                                 what a configuration would have blocked in past
                                                 traffic (raw HTTP, HAR, Envoy access logs);
                                                 \`wafscore scan --help\` for its options

  --model FILE   use this model blob instead of the one embedded in build/core.wasm
where: path, query, body:json, body:form, body:multipart, body:xml, body:text, header:<Name>`;

interface Args { positional: string[]; flags: Map<string, string | true> }

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const takesValue = new Set(["--where", "--threshold", "--file", "--model"]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      if (takesValue.has(a)) {
        if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
        flags.set(a, argv[++i]);
      } else flags.set(a, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

class UsageError extends Error {}

function printScores(r: RequestScores): void {
  console.log(`score ${r.score} (${band(r.score)})  class ${r.worstClass}`);
  console.log("  " + Object.entries(r.classes).map(([k, v]) => `${k} ${v}`).join("  "));
  if (r.worstWhere) console.log(`  part: ${r.worstWhere}${r.worstName ? ":" + r.worstName : ""}  text: ${JSON.stringify(r.worstText)}`);
}

async function loadCore(args: Args): Promise<Core> {
  const core = await Core.load();
  const model = args.flags.get("--model");
  if (typeof model === "string") core.useModel(new Uint8Array(readFileSync(model)));
  const err = core.modelError();
  if (err) throw new Error(err);
  return core;
}

export async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === "scan") return await scanCommand(argv.slice(1)); // its own options (--config repeats)
    const args = parseArgs(argv);
    const [cmd, ...rest] = args.positional;
    const where = (args.flags.get("--where") as string | undefined) ?? "body:text";
    switch (cmd) {
      case "score": {
        if (rest.length !== 1) throw new UsageError("score takes one text");
        const core = await loadCore(args);
        const r = core.score(where, rest[0]);
        const explain = args.flags.has("--explain") ? core.explain() : undefined;
        if (args.flags.has("--json")) console.log(JSON.stringify(explain ? { ...r, explain } : r));
        else {
          printScores(r);
          if (explain) console.log("  explain: " + (explain.length ? explain.map((f) => JSON.stringify(f)).join("  ") : "(no fragment stands out)"));
        }
        return 0;
      }
      case "parts": {
        if (rest.length !== 1) throw new UsageError("parts takes one text");
        const core = await loadCore(args);
        for (const p of core.parts(where, rest[0])) {
          const flags = core.decodeFlags.filter((_, i) => p.flags & (1 << i));
          console.log(`${p.where}${p.name ? ":" + p.name : ""}  ${JSON.stringify(p.text)}${flags.length ? "  [" + flags.join(",") + "]" : ""}${p.scored ? "" : "  (not scored: a lone word, number or ID)"}`);
        }
        return 0;
      }
      case "eval": {
        if (rest.length !== 1) throw new UsageError("eval takes one FILE.jsonl");
        const core = await loadCore(args);
        const t = Number(args.flags.get("--threshold") ?? core.configDefault("threshold"));
        if (!Number.isInteger(t) || t < 1 || t > 99) throw new UsageError("--threshold must be an integer within [1,99]");
        const r = evaluate(scoreRows(core, readRows(rest[0])), t);
        console.log(args.flags.has("--json") ? JSON.stringify(r, null, 2) : formatEval(r));
        return 0;
      }
      case "config": {
        if (rest[0] !== "check") throw new UsageError("config takes `check`");
        const file = args.flags.get("--file");
        const json = typeof file === "string" ? readFileSync(file, "utf8") : rest[1];
        if (json === undefined) throw new UsageError("config check takes a JSON text or --file F");
        const err = (await Core.load()).configure(json);
        if (err) { console.error(err); return 1; }
        console.log("ok");
        return 0;
      }
      case undefined:
      case "help":
        console.log(USAGE);
        return cmd ? 0 : 2;
    }
    throw new UsageError(`unknown command "${cmd}"`);
  } catch (e) {
    if (e instanceof UsageError) { console.error(`wafscore: ${e.message}\n\n${USAGE}`); return 2; }
    console.error(`wafscore: ${(e as Error).message}`);
    return 1;
  }
}

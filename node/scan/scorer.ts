// Scores a scanned request under one plugin configuration as the filter would in Envoy: the
// core (its own core.wasm instance, configured) plus the steps the filter's glue takes around
// it (filter/glue/stream.ts), which the core alone does not. Called by scan.ts and suggest.ts.
//
// Those glue steps, mirrored: client-sent headers under header_prefix are removed before
// scoring; a path under exclude_paths (matched on the core's normalized path) is not scored;
// a body past max_body_bytes is cut there and the request is partial (max_body_bytes 0: no
// body inspected); partial and undecodable requests go to the decision as the filter sends them.
// Not mirrored: a CONNECT or upgrade request is decided on its headers alone in Envoy.

import type { Core, RequestScores } from "../binding";
import { utf8Text } from "../bytes";
import type { ScanRequest } from "./request";

// node/core.ts (it reads build/core.wasm from disk) is imported only when create() runs, by a
// name TypeScript does not follow: the playground loads this module in a browser, and its
// typecheck (node/playground/tsconfig.json) has no Node types.
const NODE_CORE = "../core.ts";

export interface Verdict {
  excluded: boolean;
  score: number;
  flagged: boolean;
  action: "pass" | "tag" | "block" | "log";
  reason: "none" | "score" | "uninspectable" | "undecodable";
  /** The class named for a flag: the worst class, or uninspectable / undecodable. */
  klass: string;
  partial: boolean;
  undecodable: boolean;
  scores: RequestScores | null;
  /** `where:name` of the worst part ("path", "query:id", "header:user-agent" …), "" if none. */
  param: string;
  /** The normalized path (no query) exclude_paths is matched on. */
  normPath: string;
}

export interface PluginSettings { excludePaths: string[]; maxBodyBytes: number; headerPrefix: string; mode: string; threshold: number }

export class Scorer {
  private constructor(readonly core: Core, readonly configText: string, readonly config: Record<string, unknown>, readonly settings: PluginSettings) {}

  /** A core configured with this plugin configuration; throws the core's error text if it is invalid. */
  static async create(configText: string, modelBlob?: Uint8Array, corePath?: string): Promise<Scorer> {
    const { Core: NodeCore } = (await import(NODE_CORE)) as { Core: { load(path?: string): Promise<Core> } };
    const core = await NodeCore.load(corePath);
    if (modelBlob) core.useModel(modelBlob);
    return Scorer.withCore(core, configText);
  }

  /** The same on a core already loaded (the playground's, fetched by the browser). */
  static withCore(core: Core, configText: string): Scorer {
    const err = core.configure(configText);
    if (err) throw new Error(err);
    const config = JSON.parse(configText) as Record<string, unknown>;
    const get = <T>(k: string) => (k in config ? config[k] : core.configDefault(k)) as T;
    return new Scorer(core, configText, config, {
      excludePaths: get<string[]>("exclude_paths"),
      maxBodyBytes: get<number>("max_body_bytes"),
      headerPrefix: get<string>("header_prefix"),
      mode: get<string>("mode"),
      threshold: get<number>("threshold"),
    });
  }

  /** The verdict on one request; with `params`, also the `where:name` of every part it carries. */
  score(req: ScanRequest, params?: Set<string>): Verdict {
    const core = this.core, s = this.settings;
    const rawPath = req.head.find(([n]) => n === ":path")?.[1];
    const normPath = rawPath ? core.normalizePath(utf8Text(rawPath)) : "/";
    if (s.excludePaths.some((p) => normPath.startsWith(p))) {
      return { excluded: true, score: 99, flagged: false, action: "pass", reason: "none", klass: "", partial: false, undecodable: false, scores: null, param: "", normPath };
    }
    const prefix = s.headerPrefix;
    const head = req.head.some(([n]) => n.startsWith(prefix)) ? req.head.filter(([n]) => n.startsWith(":") || !n.startsWith(prefix)) : req.head;
    let body = req.body;
    let cut = false;
    if (body && body.length > s.maxBodyBytes) {
      cut = true;
      body = s.maxBodyBytes === 0 ? undefined : body.subarray(0, s.maxBodyBytes);
    }
    const r = core.scoreRequest({ head, body });
    if (params) for (const p of core.lastPartNames()) params.add(paramKey(p.where, p.name));
    const partial = cut || r.overflow;
    const d = core.decide(r.score, partial, r.undecodable);
    return {
      excluded: false, score: r.score, flagged: d.flagged, action: d.action, reason: d.reason,
      klass: d.reason === "score" || d.reason === "none" ? r.worstClass : d.reason,
      partial, undecodable: r.undecodable, scores: r,
      param: r.worstWhere ? paramKey(r.worstWhere, r.worstName) : "", normPath,
    };
  }

  /** The fragments that drove the last scored request's score (call right after score()). */
  explain(): string[] { return this.core.explain(); }
}

/** A part's report key: `where:name`, or `where` alone for parts without a name (path, body:text). */
export function paramKey(where: string, name: string): string {
  return name ? `${where}:${where === "header" ? name.toLowerCase() : name}` : where;
}

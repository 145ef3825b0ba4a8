// Sends HttpRequests (node/http.ts) to a server on 127.0.0.1 over keep-alive connections and
// returns each status. Called by node/compare/main.ts for the CRS peer and the Envoy cross-check.

import http from "node:http";
import type { HttpRequest } from "../http";

/**
 * Replayed requests name a host under this domain: CRS 920350 scores a numeric-IP Host (3 points at
 * PL1). main.ts puts the row number in the first label, so nginx's error log (which ends each
 * line with the Host) ties every matched CRS rule to its row. Neither CRS nor wafscore scores it.
 */
export const REPLAY_DOMAIN = "app.wafscore.test";
const TIMEOUT_MS = 15_000;

/** status 0 = no HTTP answer (connection reset, timeout); `error` says which. */
export interface Reply { status: number; error?: string }

// Node refuses header values outside latin-1; send the UTF-8 bytes instead (each byte as one
// latin-1 char, which Node writes back out byte for byte), as a browser or curl would.
const wireValue = (v: string) => (/[^\x00-\xff]/.test(v) ? Buffer.from(v, "utf8").toString("latin1") : v);

export class Replayer {
  private agent: http.Agent;
  constructor(private port: number, concurrency: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  }

  send(req: HttpRequest, host = REPLAY_DOMAIN): Promise<Reply> {
    const body = req.body === undefined ? undefined : Buffer.from(req.body, "utf8");
    const headers: Record<string, string> = { host };
    for (const [k, v] of Object.entries(req.headers)) headers[k] = wireValue(v);
    if (body) headers["content-length"] = String(body.length);
    return new Promise((resolve) => {
      let settled = false;
      const finish = (r: Reply) => { if (!settled) { settled = true; resolve(r); } };
      let r: http.ClientRequest;
      try {
        // The path is already request-line safe (toHttpRequest encodes what Node would refuse).
        r = http.request({ host: "127.0.0.1", port: this.port, method: req.method, path: req.path, headers, agent: this.agent, timeout: TIMEOUT_MS });
      } catch (e) {
        finish({ status: 0, error: `client refused: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        return;
      }
      r.on("response", (res) => {
        res.resume();
        res.on("end", () => finish({ status: res.statusCode ?? 0 }));
        res.on("error", (e) => finish({ status: res.statusCode ?? 0, error: e.message }));
      });
      r.on("timeout", () => { r.destroy(new Error("timeout")); });
      r.on("error", (e: NodeJS.ErrnoException) => finish({ status: 0, error: e.code ?? e.message }));
      r.end(body);
    });
  }

  close(): void { this.agent.destroy(); }
}

/** Runs fn over items with at most `limit` in flight; results in input order. */
export async function mapPool<T, R>(items: T[], limit: number, fn: (x: T, i: number) => Promise<R>, onProgress?: (done: number) => void): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0, done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
      done++;
      if (onProgress && done % 2000 === 0) onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

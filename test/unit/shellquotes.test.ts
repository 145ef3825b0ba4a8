// A word a shell reads without its quotes (decode/shellquotes.ts): a text with a word that has two
// quotes or more inside it gets a second text without them, which the model and the verdicts read as
// the command line the shell runs. Before 2026-12-07 `c''at /etc/passwd` scored 65 as a value and
// `u'n'a'm'e -a` 81. So does a word with an expansion the shell makes nothing of inside it (`$@`, `$9`,
// `$()`, two backquotes): `1;who$9ami` scored 99, `who``ami` 81 and `;c$@at /e$@tc/pa$@sswd` 65.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

const texts = (where: string, text: string) => core.parts(where, text).map((p) => p.text);

describe("a command split by the quotes a shell drops", () => {
  it.each([
    ["query", "cmd=w'h'o'am'i"],
    ["query", 'cmd=w"h"o"am"i'],
    ["query", "cmd=wh''oami"],
    ["query", "cmd=c'a't+/e't'c/p'a's's'w'd"],
    ["query", 'cmd=c"a"t+/e"t"c/p"a"s"s"w"d'],
    ["query", "cmd=u'n'a'm'e+-a"],
    ["query", 'cmd=l""s+-la'],
    ["query", 'host=127.0.0.1|c""at+/e""tc/pa""sswd'],
    ["body:json", JSON.stringify({ cmd: `c''at /e""tc/pa''sswd` })],
    ["query", "cmd=1;who$9ami"],
    ["query", "cmd=who``ami"],
    ["query", "cmd=;c$@at+/e$@tc/pa$@sswd"],
    ["query", "cmd=who$()ami"],
    ["body:json", JSON.stringify({ cmd: "|c$*at /e$1tc/pa$9sswd" })],
  ])("%s %s: flagged", (where, text) => {
    expect(core.score(where, text).score).toBeLessThanOrEqual(20);
  });

  it("is read without them as a second text of its part", () => {
    expect(texts("query", "cmd=c''at+/e\"\"tc/passwd")).toEqual(["c''at /e\"\"tc/passwd", "cat /etc/passwd"]);
    expect(texts("body:json", JSON.stringify({ cmd: "w'h'o'am'i" }))).toEqual(["w'h'o'am'i", "whoami"]);
  });

  it("is read without the expansions that come to nothing inside a word", () => {
    expect(texts("query", "cmd=who$@ami")).toEqual(["who$@ami", "whoami"]);
    expect(texts("query", "cmd=;c$9at+/e``tc/pa$()sswd")).toEqual([";c$9at /e``tc/pa$()sswd", ";cat /etc/passwd"]);
  });

  it("a `$` or backquote that is no empty expansion inside a word gives no second text", () => {
    for (const v of ["Total: $12.99", "US$ 5", "$schema", "echo $0", "price=$1", "`code` span", "a$0b", "$(whoami)", "x$(id)y", "CA$15 this weekend", "C$5-&KleoLvipB4"]) {
      expect(texts("body:json", JSON.stringify({ note: v }))).toEqual([v]);
    }
  });

  it("a quote inside a word once, or quotes around words, give no second text", () => {
    for (const v of ["Don't update the app yet", "O'Brien", "McDonald's", "'quoted' and \"quoted\"", '<a class="btn">x</a>', "it's Land O'Lakes"]) {
      expect(texts("body:json", JSON.stringify({ note: v }))).toEqual([v]);
    }
  });

  it.each(["rock'n'roll all night", "O''Brien", "He said \"\"hi\"\" twice"])("benign %j: not flagged", (v) => {
    expect(core.score("body:json", JSON.stringify({ note: v })).score).toBeGreaterThan(20);
  });
});

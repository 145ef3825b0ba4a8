// Bounded work (issue 9): the scoring work a request costs, counted (windows and features looked
// up), not timed. Adversarial shapes cost at most ~3x a benign body of the same size; past
// max_parts / max_windows the request is inspected in part and says so.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

const SIZE = 128 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

// A benign form of the same size: ordinary fields of ordinary length, no two values alike (the
// scorer skips a window it has scored before in the same request, which would make a form of
// repeated values cheaper than any real one).
const WORDS = ["shoes", "running", "blue", "size", "order", "delivery", "please", "thanks", "gift", "card"];
function benignForm(): string {
  const out: string[] = [];
  let n = 0, i = 0;
  while (n < SIZE) {
    const f = `f${i}=${WORDS[i % 10]}+${WORDS[(i * 7) % 10]}+${WORDS[(i * 3) % 10]}+${i}`;
    out.push(f); n += f.length + 1; i++;
  }
  return out.join("&").slice(0, SIZE);
}

const ADVERSARIAL: Array<[name: string, where: string, body: string]> = [
  ["3-byte parameters `<=&`", "body:form", fill("<=&")],
  ["distinct 5-byte parameters", "body:form", Array.from({ length: SIZE / 6 }, (_, i) => `<${(i % 1000).toString(36)}=`).join("&").slice(0, SIZE)],
  ["one value of one repeated character", "body:form", `q=${"a".repeat(SIZE - 2)}`],
  ["a JSON array of tiny strings", "body:json", `[${Array.from({ length: SIZE / 5 }, (_, i) => `"<${i % 10}"`).join(",")}]`.slice(0, SIZE - 1) + "]"],
  ["deep JSON nesting", "body:json", "[".repeat(SIZE / 2) + "]".repeat(SIZE / 2)],
  ["multipart with many tiny fields", "body:multipart", Array.from({ length: 2000 }, (_, i) => `--b\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n<${i}\r\n`).join("") + "--b--\r\n"],
];

describe("scoring work is bounded", () => {
  const benign = () => core.score("body:form", benignForm());

  it("a benign 128 KiB form is inspected whole", () => {
    const b = benign();
    expect(b.overflow).toBe(false);
    expect(b.windows).toBeGreaterThan(1000);
  });

  it.each(ADVERSARIAL)("%s costs at most ~3x a benign body of the same size", (_name, where, body) => {
    const b = benign();
    const r = core.score(where, body);
    expect(r.windows, `windows ${r.windows} vs benign ${b.windows}`).toBeLessThanOrEqual(3 * b.windows);
    expect(r.features, `features ${r.features} vs benign ${b.features}`).toBeLessThanOrEqual(3 * b.features);
  });

  it("past max_parts or max_windows the request is partial, and the work stops there", () => {
    expect(core.configure('{"max_windows":100}')).toBeNull();
    const r = core.score("body:form", fill("<=&"));
    expect(r.windows).toBe(100);
    expect(r.overflow).toBe(true);
    expect(core.configure('{"max_parts":50}')).toBeNull();
    const p = core.score("body:form", fill("a=<&"));
    expect(p.overflow).toBe(true);
    expect(p.windows).toBeLessThanOrEqual(50);
    expect(core.configure("")).toBeNull();
  });

  // core/zoom.ts scores a window of prose with a payload in it again in pieces: work that
  // max_windows bounds too, so that no request multiplies its scoring work by its pieces.
  it("the pieces of windows scored again count against max_windows: past it the request is partial", () => {
    const prose = "Ordered the blue one for my sister and it arrived two days early, would buy again";
    const form = Array.from({ length: 6 }, (_, i) => `c${i}=${encodeURIComponent(`${prose} ;cat /etc/passwd ${prose} ${i}`)}`).join("&");
    expect(core.configure('{"max_windows":8}')).toBeNull();
    const cut = core.score("body:form", form);
    expect(cut.windows).toBe(6);
    expect(cut.overflow).toBe(true);
    expect(core.configure("")).toBeNull();
    const whole = core.score("body:form", form);
    expect(whole.overflow).toBe(false);
    expect(whole.score).toBeLessThanOrEqual(20);
  });
});

// core/score.ts skips a window whose bytes and decode flags equal one already scored in the same
// request: the same bytes give the same logits, so no score can change.
describe("a window repeated in a request is scored once", () => {
  const VALUE = "Please leave the parcel with the neighbour at number 12 if nobody is home";
  const form = (n: number, v = VALUE) => Array.from({ length: n }, (_, i) => `f${i}=${encodeURIComponent(v)}`).join("&");

  it("the same value in 50 fields costs the features of one, and scores as one", () => {
    const one = core.score("body:form", form(1)), many = core.score("body:form", form(50));
    expect(many.windows).toBe(50 * one.windows);
    expect(many.features).toBe(one.features);
    expect(many.logits).toEqual(one.logits);
  });

  it("the same text with other decode flags is scored again (%3C is not <)", () => {
    const plain = core.score("body:form", "a=<b>bold</b> text please");
    const both = core.score("body:form", "a=<b>bold</b> text please&b=%253Cb%253Ebold%253C%252Fb%253E%20text%20please");
    expect(both.features).toBeGreaterThan(plain.features);
  });

  it("a request of repeated and distinct attack and benign values scores as its worst part alone", () => {
    const attack = "1' UNION SELECT password FROM users--";
    const parts = [VALUE, attack, VALUE, "blue shoes size 9", attack, VALUE];
    const whole = core.score("body:form", parts.map((v, i) => `f${i}=${encodeURIComponent(v)}`).join("&"));
    const alone = core.score("body:form", `f1=${encodeURIComponent(attack)}`);
    expect(whole.logits).toEqual(parts.map((v) => core.score("body:form", `f=${encodeURIComponent(v)}`).logits)
      .reduce((m, l) => m.map((x, k) => Math.max(x, l[k]))));
    expect(whole.score).toBe(alone.score);
    expect(whole.worstName).toBe("f1");
  });
});

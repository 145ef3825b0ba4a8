// The decision table (filter/core/decide.ts): mode x threshold x score x uninspectable policy.
// The filter's stream.ts acts on exactly this; e2e tests check the actions in Envoy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); });
afterAll(() => { core.configure(""); });

type Row = [config: string, score: number, uninspectable: boolean, action: string, flagged: boolean, byPolicy: boolean];
const TABLE: Row[] = [
  // block: flagged requests get a 403, the rest go on tagged
  ['{"mode":"block"}', 20, false, "block", true, false],
  ['{"mode":"block"}', 21, false, "tag", false, false],
  ['{"mode":"block"}', 1, false, "block", true, false],
  ['{"mode":"block","threshold":50}', 50, false, "block", true, false],
  ['{"mode":"block","threshold":50}', 51, false, "tag", false, false],
  // tag: every request is tagged; flagged ones are logged too (stream.ts)
  ['{"mode":"tag"}', 5, false, "tag", true, false],
  ['{"mode":"tag"}', 99, false, "tag", false, false],
  // log: nothing changes for the client
  ['{"mode":"log"}', 5, false, "log", true, false],
  ['{"mode":"log"}', 80, false, "pass", false, false],
  // on_uninspectable: allow scores what it can; block flags a clean-looking partial request
  ['{"mode":"block"}', 90, true, "tag", false, false],
  ['{"mode":"block","on_uninspectable":"block"}', 90, true, "block", true, true],
  ['{"mode":"block","on_uninspectable":"block"}', 10, true, "block", true, false],
  ['{"mode":"log","on_uninspectable":"block"}', 90, true, "log", true, true],
  ['{"mode":"block","on_uninspectable":"block"}', 90, false, "tag", false, false],
];

describe("decision table", () => {
  for (const [config, score, uninspectable, action, flagged, byPolicy] of TABLE) {
    it(`${config} score ${score}${uninspectable ? " uninspectable" : ""} -> ${action}`, () => {
      expect(core.configure(config)).toBeNull();
      expect(core.decide(score, uninspectable)).toEqual({ action, flagged, uninspectable: byPolicy });
    });
  }
});

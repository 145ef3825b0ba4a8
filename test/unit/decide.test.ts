// The decision table (filter/core/decide.ts): mode x threshold x score x the on_uninspectable and
// on_undecodable policies. The filter's stream.ts acts on exactly this; e2e and host tests check
// the actions in Envoy and in the emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); });
afterAll(() => { core.configure(""); });

type Row = [config: string, score: number, uninspectable: boolean, undecodable: boolean, action: string, flagged: boolean, reason: string];
const TABLE: Row[] = [
  // block: flagged requests get a 403, the rest go on tagged
  ['{"mode":"block"}', 20, false, false, "block", true, "score"],
  ['{"mode":"block"}', 21, false, false, "tag", false, "none"],
  ['{"mode":"block"}', 1, false, false, "block", true, "score"],
  ['{"mode":"block","threshold":50}', 50, false, false, "block", true, "score"],
  ['{"mode":"block","threshold":50}', 51, false, false, "tag", false, "none"],
  // tag: every request is tagged; flagged ones are logged too (stream.ts)
  ['{"mode":"tag"}', 5, false, false, "tag", true, "score"],
  ['{"mode":"tag"}', 99, false, false, "tag", false, "none"],
  // log: nothing changes for the client
  ['{"mode":"log"}', 5, false, false, "log", true, "score"],
  ['{"mode":"log"}', 80, false, false, "pass", false, "none"],
  // on_uninspectable: allow (default) scores what it can; block flags a clean-looking partial request
  ['{"mode":"block"}', 90, true, false, "tag", false, "none"],
  ['{"mode":"block","on_uninspectable":"block"}', 90, true, false, "block", true, "uninspectable"],
  ['{"mode":"block","on_uninspectable":"block"}', 10, true, false, "block", true, "score"],
  ['{"mode":"log","on_uninspectable":"block"}', 90, true, false, "log", true, "uninspectable"],
  ['{"mode":"block","on_uninspectable":"block"}', 90, false, false, "tag", false, "none"],
  // on_undecodable: block (default) flags a body it cannot decode; allow lets it through, marked
  ['{"mode":"block"}', 90, false, true, "block", true, "undecodable"],
  ['{"mode":"block"}', 10, false, true, "block", true, "score"],
  ['{"mode":"block","on_undecodable":"allow"}', 90, false, true, "tag", false, "none"],
  ['{"mode":"tag"}', 90, false, true, "tag", true, "undecodable"],
  ['{"mode":"log"}', 90, false, true, "log", true, "undecodable"],
  ['{"mode":"block","on_undecodable":"allow","on_uninspectable":"block"}', 90, true, true, "block", true, "uninspectable"],
];

describe("decision table", () => {
  for (const [config, score, uninspectable, undecodable, action, flagged, reason] of TABLE) {
    it(`${config} score ${score}${uninspectable ? " uninspectable" : ""}${undecodable ? " undecodable" : ""} -> ${action}`, () => {
      expect(core.configure(config)).toBeNull();
      expect(core.decide(score, uninspectable, undecodable)).toEqual({ action, flagged, reason });
    });
  }
});

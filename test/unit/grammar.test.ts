// Headers with a fixed grammar (filter/request/grammar.ts): a value that fits is no part (nothing
// in it can carry an injection); one that does not is scored like any header. The parsed grammars:
// Accept-Language's language ranges and the user-agent client hints' structured fields.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); });

const scored = (name: string, value: string) =>
  core.requestParts({ head: [[":method", "GET"], [":path", "/"], [":authority", "a.example"], [name, value]] })
    .some((p) => p.where === "header" && p.name.toLowerCase() === name);

describe("Accept-Language", () => {
  it.each([
    "en-US,en;q=0.9,de;q=0.8", "*", "zh-Hant-TW;q=0.8, en ;q=0.5", "de", "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "es-419,es;q=0.9",
  ])("%j fits: not scored", (v) => expect(scored("accept-language", v)).toBe(false));
  it.each([
    "${jndi:ldap://x.example/a}", "1 or 1=1", "en' or '1'='1", "en-US;q=0.9 union select 1", "en_US", "en-US,en;q=", "averyverylongword",
    "en;x=1",
  ])("%j does not fit: scored", (v) => expect(scored("accept-language", v)).toBe(true));
});

describe("user-agent client hints", () => {
  it.each([
    ["sec-ch-ua", '"Not_A Brand";v="8", "Chromium";v="120", "Google Chrome";v="120"'],
    ["sec-ch-ua", '"Not/A)Brand";v="99", "Microsoft Edge";v="115", "Chromium";v="115"'],
    ["sec-ch-ua", '" Not A;Brand";v="99", "Chromium";v="96"'],
    ["sec-ch-ua-mobile", "?0"],
    ["sec-ch-ua-platform", '"Windows"'],
    ["sec-ch-ua-platform-version", '"15.0.0"'],
    ["sec-ch-ua-model", '""'],
    ["sec-ch-ua-model", '"SM-G991B"'],
    ["sec-ch-ua-full-version-list", '"Not_A Brand";v="8.0.0.0", "Chromium";v="120.0.6099.130"'],
  ])("%s %j fits: not scored", (name, v) => expect(scored(name, v)).toBe(false));
  it.each([
    ["sec-ch-ua", '"sleep(5)";v="1"'],
    ["sec-ch-ua", `"' or 1=1--";v="1"`],
    ["sec-ch-ua", '"x union select password from users";v="1"'],
    ["sec-ch-ua", '"Not(A)Brand2";v="1"'],
    ["sec-ch-ua-platform", '"<script>alert(1)</script>"'],
    ["sec-ch-ua-platform", "${jndi:ldap://x.example/a}"],
    ["sec-ch-ua-mobile", "?0;cat /etc/passwd"],
    ["sec-ch-ua-arch", '"x86"; cat'],
  ])("%s %j does not fit: scored", (name, v) => expect(scored(name, v)).toBe(true));
  it("a hint the list does not name is scored", () => expect(scored("sec-ch-ua-foo", '"Windows"')).toBe(true));
});

// Headers of tokens (TOKEN_HEADERS): two dots in a row are no token's, media type's or host's.
describe("token headers", () => {
  it.each([
    ["accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"], ["accept", "*/*"],
    ["accept-encoding", "gzip, deflate, br"], ["host", "shop.example.com:8443"], ["cache-control", "max-age=0"],
  ])("%s %j fits: not scored", (name, v) => expect(scored(name, v)).toBe(false));
  it.each([
    ["accept", "../../../../etc/passwd"], ["accept", "../../../../etc/passwd{{"], ["accept", "text/html/../../x"],
    ["cache-control", "no-cache..;"],
  ])("%s %j does not fit: scored", (name, v) => expect(scored(name, v)).toBe(true));
  it("a path's climb in Accept is flagged (CVE-2019-5418's header, without the braces)", () => {
    expect(core.scoreRequest({ head: [[":method", "GET"], [":path", "/"], [":authority", "a.example"], ["accept", "../../../../etc/passwd"]] }).score).toBeLessThanOrEqual(20);
  });
});

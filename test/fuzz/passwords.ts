// `make fuzz`: passwords a password manager generates, as a login form's field, scored; printed:
// how many are flagged at the default threshold. A user whose password is flagged is refused at
// every login, so this false positive is a lockout, not a one-off. 10,000 passwords of 12-24
// characters from every printable symbol (KeePass's "special" set) and 10,000 from `!@#$%^&*`
// (the common managers' default), node/prng.ts seed 12345. A figure, not a test.

import { loadCore } from "../support/core";
import { prng } from "../../node/prng";

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const SETS = { "every printable symbol": ALNUM + "!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~", "!@#$%^&*": ALNUM + "!@#$%^&*" };
const PER_SET = 10000;

async function main(): Promise<void> {
  const core = await loadCore();
  const threshold = Number(core.configDefault("threshold"));
  const rnd = prng(12345);
  for (const [name, set] of Object.entries(SETS)) {
    let flagged = 0;
    for (let i = 0; i < PER_SET; i++) {
      const len = 12 + Math.floor(rnd() * 13);
      let pw = "";
      for (let k = 0; k < len; k++) pw += set[Math.floor(rnd() * set.length)];
      if (core.scoreParts([["body:form", `username=anna.k&password=${encodeURIComponent(pw)}&remember=on`]]).score <= threshold) flagged++;
    }
    console.log(`generated passwords in a login form, ${name}: ${flagged} of ${PER_SET} flagged at ${threshold} (${((100 * flagged) / PER_SET).toFixed(2)}%)`);
  }
}

await main();

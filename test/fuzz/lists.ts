// `make fuzz`: keyword lists in query values, as ad servers' targeting and trackers' page labels send
// them (`kw=sport;at;foot`, `p=actualites|more|article`), each list holding one word that is also a
// command's name, and page titles as analytics beacons send them (`dt=Example News | Sleep and more`),
// a command's name or an SQL keyword starting the words after the separator; printed: how many are flagged at the
// default threshold (and, for the lists, at 30), apart for the
// commands that do nothing bare (confirm.ts NEEDS_OPERAND and READS_INPUT: bare in a list they are
// words) and the others (`id`, `ls`, `set`, `env`…: bare, they are what injected lists run, and stay
// commands).
// WAFSCORE_CORE=<core.wasm> scores with another core. A figure, not a test.

import { loadCore } from "../support/core";

// confirm.ts NEEDS_OPERAND and READS_INPUT (a shell or interpreter, bare and not after a pipe, reads
// the server's empty input), words of both.
const NEEDS_OPERAND = ["at", "cat", "more", "head", "tail", "cut", "kill", "echo", "sleep", "touch", "type", "start", "call", "less", "copy", "move", "del", "expr", "dig", "timeout", "ping", "wget", "curl", "nc", "ip", "sh", "bash", "perl", "php", "python", "node", "java"];
// Commands that do something bare: what injected lists run.
const OTHER_COMMANDS = ["id", "ls", "set", "env", "find", "ps", "ver", "whoami", "uname", "pwd", "hostname", "netstat"];
const SEPARATORS = ["|", "||", ";", "&&", "`", "$(", "\n", "%7C", "%3B", " | ", " ; ", "::"];
const LISTS: Array<(w: string, sep: string) => string> = [
  (w, sep) => `titre=Libération${sep}${w} jour&section=politique`,
  (w, sep) => `p=actualites${sep}${w}${sep}article&s2=12`,
  (w, sep) => `kw=sport${sep}${w}${sep}foot&pos=top`,
  (w, sep) => `ref=https%3A%2F%2Fwww.example.fr%2Fpolitique%2F&title=Le%20point${encodeURIComponent(sep)}${w}%20nouveau`,
  (w, sep) => `stc=%7B%22page%22%3A%22${w}${encodeURIComponent(sep)}home%22%7D`,
];

// SQL's keywords at the head of a page title's or a search's words (`Example News - Select and more`).
const SQL_WORDS = ["select", "update", "delete", "insert", "drop", "union", "where", "order", "group", "having", "sleep", "benchmark", "exec", "declare", "like", "between", "into", "from", "table", "values", "case", "when", "null", "join", "create", "alter", "truncate", "waitfor", "all", "any"];
const SQL_PHRASES = (w: string) => [`${w[0].toUpperCase()}${w.slice(1)} and more`, `${w} your country`, `${w} or cancel`, `${w} the best one`, `How to ${w} a plan`];
const SQL_SEPARATORS = [" | ", " - ", " :: ", " · ", " — ", " / ", " > ", " & ", "; ", ", "];

// Page titles: a site's name, a separator, then words that open with a command's name, in three beacons.
const TITLE_WORDS = ["cat", "at", "set", "type", "start", "call", "more", "less", "find", "head", "tail", "cut", "kill", "env", "echo", "sleep", "touch", "copy", "move", "del", "ver", "ip", "node", "java", "ruby", "dig", "sh", "ps", "id", "top", "make", "time", "test", "date", "sort", "file", "who", "last", "ping", "net", "rev"];
const TITLE_SEPARATORS = [" | ", " - ", " :: ", " · ", " — ", " / ", " > ", " & ", "; "];
const PHRASES = (w: string) => [`${w} care tips`, `${w} of the day`, `${w} now`, `${w} guide for beginners`, `${w[0].toUpperCase()}${w.slice(1)} and more`];
const BEACONS: Array<(title: string) => string> = [
  (t) => `v=2&tid=G-ABC123&en=page_view&dl=https%3A%2F%2Fwww.example.com%2Fnews%2F&dt=${encodeURIComponent(t)}&sid=1700000000`,
  (t) => `title=${encodeURIComponent(t)}&url=https%3A%2F%2Fwww.example.com%2F`,
  (t) => `action_name=${encodeURIComponent(t)}&idsite=1&rec=1&r=123456`,
];

async function main(): Promise<void> {
  const core = await loadCore();
  const threshold = Number(core.configDefault("threshold"));
  for (const [name, words] of [["commands that do nothing bare", NEEDS_OPERAND], ["commands that do something bare", OTHER_COMMANDS]] as const) {
    let n = 0, flagged = 0, under30 = 0;
    for (const w of words) for (const sep of SEPARATORS) for (const list of LISTS) {
      const score = core.scoreParts([["query", list(w, sep)]]).score;
      n++;
      if (score <= threshold) flagged++;
      if (score <= 30) under30++;
    }
    console.log(`keyword lists in a query, one word of each ${name}: ${flagged} of ${n} flagged at ${threshold} (${((100 * flagged) / n).toFixed(1)}%), ${under30} at 30 or under`);
  }
  let n = 0, flagged = 0;
  for (const w of TITLE_WORDS) for (const sep of TITLE_SEPARATORS) for (const phrase of PHRASES(w)) for (const beacon of BEACONS) {
    n++;
    if (core.scoreParts([["query", beacon(`Example News${sep}${phrase}`)]]).score <= threshold) flagged++;
  }
  console.log(`page titles in analytics beacons, a command's name after the separator: ${flagged} of ${n} flagged at ${threshold} (${((100 * flagged) / n).toFixed(1)}%)`);
  let m = 0, sqlFlagged = 0;
  for (const w of SQL_WORDS) for (const sep of SQL_SEPARATORS) for (const phrase of SQL_PHRASES(w)) {
    for (const q of [`dt=${encodeURIComponent(`Example News${sep}${phrase}`)}&sid=1700000000`, `q=${encodeURIComponent(`Example News${sep}${phrase}`)}`]) {
      m++;
      if (core.scoreParts([["query", q]]).score <= threshold) sqlFlagged++;
    }
  }
  console.log(`page titles and searches, an SQL keyword after the separator: ${sqlFlagged} of ${m} flagged at ${threshold} (${((100 * sqlFlagged) / m).toFixed(1)}%)`);
}

await main();

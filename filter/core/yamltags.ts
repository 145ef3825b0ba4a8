// YAML tags that make a loader build objects that run code: PyYAML's `!!python/object/apply:`,
// `/new:`, `/name:` and `/module:`, Ruby Psych's `!ruby/object:Gem::…` (the universal gadget chain
// through RubyGems' classes), and SnakeYAML's `!!javax.script.ScriptEngineManager` and
// `!!java.net.URLClassLoader`. A YAML document that only stores data has no such tag; Rails'
// `!ruby/hash:ActiveSupport::HashWithIndifferentAccess` is data and is not listed. The model scored
// `!ruby/object:Gem::Installer` 81. Read by core/payloads.ts for a text with a '/'; total and
// allocation-free.

import { matchesAt } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

// After a `!`, case as the loaders read it.
const TAGS: StaticArray<string> = [
  "!python/object/apply:", "!python/object/new:", "!python/name:", "!python/module:",
  "ruby/object:Gem::", "!javax.script.ScriptEngineManager", "!java.net.URLClassLoader", "!com.sun.rowset.JdbcRowSetImpl",
];

export function yamlGadget(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x21, 0x21); i + 1 < n; i = indexOf2(p, i + 1, n, 0x21, 0x21)) { // '!'
    let c = load<u8>(p + <usize>(i + 1));
    if (c != 0x21 && c != 0x72) continue; // '!' or 'r'
    for (let t = 0; t < TAGS.length; t++) if (matchesAt(p, n, i + 1, unchecked(TAGS[t]))) return true;
  }
  return false;
}

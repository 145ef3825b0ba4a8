// Node.js's module loader reached from injected code, as server-side JavaScript injections do:
// `process.mainModule.require(…)` and `….constructor._load(…)` (the loader's back doors: code that
// may use `require` writes it), a command run on `require('child_process')` in the same breath
// (`require('child_process').execSync('id')`), and node-serialize's function marker
// (`_$$ND_FUNC$$_function(){…}`, CVE-2017-5941). CRS blocks them at paranoia level 1 (934100);
// the model scored `process.mainModule.require("child_process").execSync("id")` 81. Read by
// core/payloads.ts codeCall for each '(' of a text after a name; total and allocation-free.

import { blanksBefore, byteAt, isOneOf, matchesAt, matchesLowerAt } from "../lib/bytes";

// child_process's calls that run a command.
const RUNNERS: StaticArray<string> = ["exec", "execsync", "execfile", "execfilesync", "spawn", "spawnsync", "fork"];

// Whether the call after the name p[s..e) reaches the module loader or runs a command as above.
export function nodeExecAt(p: usize, n: i32, s: i32, e: i32): bool {
  let len = e - s;
  // The marker is made of name bytes, so it is the name's start: `_$$ND_FUNC$$_function`.
  if (len >= 21 && matchesAt(p, n, e - 21, "_$$ND_FUNC$$_function")) return true;
  if (byteAt(p, n, s - 1) != 0x2E) return false; // '.': a member call
  let d = s - 1;
  if (len == 7 && matchesLowerAt(p, n, s, "require")) return d >= 10 && matchesLowerAt(p, n, d - 10, "mainmodule");
  if (len == 5 && matchesAt(p, n, s, "_load")) return d >= 11 && matchesLowerAt(p, n, d - 11, "constructor");
  if (!isOneOf(p, n, s, len, RUNNERS)) return false;
  // `require('child_process')` right before the '.'
  let q = blanksBefore(p, d);
  if (q < 24 || byteAt(p, n, q - 1) != 0x29) return false; // ')'
  let a = byteAt(p, n, q - 2), b = byteAt(p, n, q - 16);
  return (a == 0x27 || a == 0x22 || a == 0x60) && a == b && matchesAt(p, n, q - 15, "child_process") && matchesAt(p, n, q - 24, "require(");
}

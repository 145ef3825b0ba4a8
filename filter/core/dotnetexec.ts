// A command run through .NET's process API by its full name, `System.Diagnostics.Process.Start(`: what
// an ASP.NET Razor template injection (`@System.Diagnostics.Process.Start("cmd.exe", "/c …")`,
// `@{ … }`) and a C# expression evaluated from a request send, as Java's are sent as
// `Runtime.getRuntime().exec(` (core/javaexec.ts). Code that starts a process imports the namespace
// and writes `Process.Start(`, which is left to the model. The model scored the Razor form 81. Read
// by core/payloads.ts codeCall for each '(' of a text after a name; total and allocation-free.

import { byteAt, blanksBefore, isIdentByte, matchesLowerAt } from "../lib/bytes";

// Whether the call after the name p[s..e) is `System.Diagnostics.Process.Start` (blanks around the
// dots allowed, as C# allows them; `global::` before it too).
export function dotnetProcessStartAt(p: usize, n: i32, s: i32, e: i32): bool {
  if (e - s != 5 || !matchesLowerAt(p, n, s, "start")) return false;
  // Back over `.Process`, `.Diagnostics` and `System`, blanks between.
  let k = s;
  for (let w = 0; w < WORDS.length; w++) {
    k = blanksBefore(p, k);
    if (byteAt(p, n, k - 1) != 0x2E) return false;
    k = blanksBefore(p, k - 1);
    let word = unchecked(WORDS[w]);
    let b = k - word.length;
    if (!matchesLowerAt(p, n, b, word)) return false;
    k = b;
  }
  return !isIdentByte(byteAt(p, n, k - 1)); // `@System…`, `global::System…`, `(System…`
}

const WORDS: StaticArray<string> = ["process", "diagnostics", "system"];

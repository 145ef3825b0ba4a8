// Python code reaching the interpreter's own machinery, as Jinja2 and eval() injections do: a
// module that runs commands imported by `__import__('os')` (also `subprocess`, `pty`, ...), a
// call through `__builtins__` (`__builtins__.eval(…)`, `getattr(__builtins__, …)`), or the
// subclass walk from an object to every class (`().__class__.__bases__[0].__subclasses__()`).
// Applications name none of these in what their users send; a Python snippet's `import os` is left
// to the model. The model scored `__builtins__.eval('1+1')` 54, `__import__("pty").spawn(…)` 55 and
// the walk 81. Read by core/payloads.ts at each '(' of a text; total and allocation-free.

import { byteAt, isOneOf, matchesAt, skipBlanks } from "../lib/bytes";

// Modules that run commands, read files or load code (lower case; isOneOf ignores case, and
// Python's module names are lower-case).
const MODULES: StaticArray<string> = ["os", "subprocess", "pty", "commands", "posix", "nt", "builtins", "importlib", "socket", "shutil", "ctypes", "code", "sys"];
// What a call through `__builtins__` runs.
const BUILTINS: StaticArray<string> = ["eval", "exec", "__import__", "open", "compile", "execfile", "input"];
// How far back the walk's start (`__class__`, `__base__`, `__bases__`, `__mro__`) is looked for.
const MAX_WALK_BYTES = 128;

// Whether the call whose '(' is at i, after the name p[s..e), is one of the forms above.
export function pythonEscapeAt(p: usize, n: i32, i: i32, s: i32, e: i32): bool {
  let len = e - s;
  if (len == 10 && matchesAt(p, n, s, "__import__")) {
    let a = skipBlanks(p, n, i + 1);
    let q = byteAt(p, n, a);
    if (q != 0x27 && q != 0x22) return false;
    let m = a + 1;
    while (m < n && load<u8>(p + <usize>m) != q) m++;
    if (m < n && isOneOf(p, n, a + 1, m - a - 1, MODULES)) return true;
  }
  if (len == 14 && matchesAt(p, n, s, "__subclasses__") && byteAt(p, n, s - 1) == 0x2E) {
    let from = max(0, s - MAX_WALK_BYTES);
    for (let k = s - 2; k >= from; k--) {
      if (load<u8>(p + <usize>k) != 0x5F || byteAt(p, n, k + 1) != 0x5F) continue; // "__"
      if (matchesAt(p, n, k, "__class__") || matchesAt(p, n, k, "__base") || matchesAt(p, n, k, "__mro__")) return true;
    }
  }
  // `__builtins__.eval(`
  if (len > 0 && byteAt(p, n, s - 1) == 0x2E && s >= 13 && isOneOf(p, n, s, len, BUILTINS) && matchesAt(p, n, s - 13, "__builtins__")) return true;
  // `getattr(__builtins__, …)`
  if (len == 7 && matchesAt(p, n, s, "getattr")) return matchesAt(p, n, skipBlanks(p, n, i + 1), "__builtins__");
  return false;
}

// Python's pickle as a value: pickle.loads() imports and calls whatever callable the stream names
// (its GLOBAL opcode, `c<module>\n<name>\n`), so a pickle that names os.system runs a command as
// the application reads it. Read by core/signatures.ts serializedObject at a value's first byte,
// as Java's stream magic is; total and allocation-free.
//
// Three forms: protocol 0 and 1's text, `cposix\nsystem\n(S'id'\ntR.` (a form field, or what the
// base64 decoder made of a value), read only when it names a module and a callable below (`cos\nsin\n`
// is a list of functions); protocols 2 and 3 open with 0x80 and the protocol, then often GLOBAL; and
// the base64 of protocols 2 to 5 (`gAJj`, `gANj`: the header then GLOBAL; `gASV`, `gAWV`: the header
// then FRAME), which the decoder does not make a text of (binary) and which, as `rO0AB` for Java,
// is taken whole: the model scored these 97–99.

import { isOneOf } from "../lib/bytes";

// Modules whose callables run commands or code (lower case; matched without case).
const MODULES: StaticArray<string> = ["os", "nt", "posix", "subprocess", "builtins", "__builtin__", "commands", "pty", "runpy", "importlib"];
// Their callables that do (os.system, subprocess.check_output, builtins.eval, pty.spawn, ...).
const CALLABLES: StaticArray<string> = [
  "system", "popen", "popen2", "popen3", "spawnl", "spawnlp", "spawnv", "spawnve", "spawnvp", "execl", "execlp", "execv", "execve",
  "execvp", "startfile", "call", "check_call", "check_output", "run", "getoutput", "getstatusoutput", "eval", "exec", "execfile",
  "compile", "__import__", "getattr", "apply", "spawn", "run_path", "run_module", "import_module",
];

// Whether the four bytes at p may open a pickle: a GLOBAL's `c` and its module's first three
// letters (or `os` and `nt` and the line break), the base64 openings, or 0x80 and a protocol. For
// core/signatures.ts's test of every text's first bytes, which lets `co` and `cp` through: `count`
// and `cpu` stop here.
// @ts-ignore: decorator
@inline export function mayOpenPickle(p: usize): bool {
  let w = load<u32>(p);
  if ((w & 0xFF) == 0x80) return true;
  // `cos\n` `cnt\n` `cpos` `csub` `cbui` `c__b` `ccom` `cpty` `crun` `cimp`, then `gAJj` `gANj` `gASV` `gAWV`.
  return w == 0x0A736F63 || w == 0x0A746E63 || w == 0x736F7063 || w == 0x62757363 || w == 0x69756263 || w == 0x625F5F63 ||
    w == 0x6D6F6363 || w == 0x79747063 || w == 0x6E757263 || w == 0x706D6963 ||
    w == 0x6A4A4167 || w == 0x6A4E4167 || w == 0x56534167 || w == 0x56574167;
}

// Whether a pickle opens at p[i] (i: the value's first byte after blanks and quotes).
export function pickleAt(p: usize, n: i32, i: i32): bool {
  if (i + 4 > n) return false;
  let c0 = <u32>load<u8>(p + <usize>i);
  if (c0 == 0x67) { // 'g': base64
    let w = load<u32>(p + <usize>i);
    return w == 0x6A4A4167 || w == 0x6A4E4167 || w == 0x56534167 || w == 0x56574167; // gAJj gANj gASV gAWV
  }
  if (c0 == 0x80) { // the binary header: protocol 2 or 3 and GLOBAL, or 4 or 5 and FRAME
    let v = <u32>load<u8>(p + <usize>(i + 1));
    if (v == 4 || v == 5) return load<u8>(p + <usize>(i + 2)) == 0x95;
    return (v == 2 || v == 3) && global(p, n, i + 2);
  }
  return global(p, n, i);
}

// GLOBAL at p[i]: `c`, a module of MODULES, a line break, a callable of CALLABLES, a line break.
function global(p: usize, n: i32, i: i32): bool {
  if (i >= n || load<u8>(p + <usize>i) != 0x63) return false; // 'c'
  let m = i + 1;
  let e = lineEnd(p, n, m);
  if (e < 0 || !isOneOf(p, n, m, e - m, MODULES)) return false;
  let c = e + 1;
  let f = lineEnd(p, n, c);
  return f >= 0 && isOneOf(p, n, c, f - c, CALLABLES);
}

// The index of the '\n' that ends the name at p[i..), or -1 when a byte no module or callable name
// has comes first, or none within 16 bytes.
function lineEnd(p: usize, n: i32, i: i32): i32 {
  for (let k = i, e = min(n, i + 17); k < e; k++) {
    let c = <u32>load<u8>(p + <usize>k);
    if (c == 0x0A) return k;
    if (!((c | 0x20) - 0x61 < 26 || c == 0x5F)) return -1;
  }
  return -1;
}

// PHP's shell operator inside a PHP tag: `<?= `ls` ?>`, `<?php echo `id`; ?>` — backquotes run
// their text as a shell command. A PHP page's own code uses them rarely and never sends them in a
// request. Markdown's code spans are told apart: a tag inside one (`` `<?php` ``) is a mention, and a
// span opens where PHP takes no value (after prose's words). The model scored
// `<?= `ls` ?>` 69. Read by core/payloads.ts for a text with a '<'; total and allocation-free.
//
// Also a call, inside the tag, of a function that runs a command or code, writes a file or shows the
// server's configuration (`<?php system("id"); ?>`, `<?php eval(…) ?>`, `<?php phpinfo(); ?>`): a web
// shell, which an upload carries past the first window the model reads of a file (decode/texts.ts
// keepFromModel) behind an image's header or prose. CRS flags these names anywhere at paranoia
// level 1 (933150); only a call in a PHP tag is read here, not a method (`$pdo->exec(`) or a name in
// prose.

import { byteAt, matchesLowerAt, blanksBefore, nameStart, isOneOf } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

// How far into a tag the backquotes are looked for.
const MAX_TAG_BYTES = 256;

export function phpTagShell(p: usize, n: i32): bool {
  for (let i = indexOf2(p, 0, n, 0x3C, 0x3C); i + 2 < n; i = indexOf2(p, i + 1, n, 0x3C, 0x3C)) { // '<'
    // A tag in a Markdown code span (`<?php`) is a mention.
    if (load<u8>(p + <usize>(i + 1)) != 0x3F || byteAt(p, n, i - 1) == 0x60) continue; // '?'
    let c = <u32>load<u8>(p + <usize>(i + 2));
    let k = i + 2;
    if (c == 0x3D) k++; // <?=
    else if (matchesLowerAt(p, n, k, "php")) k += 3;
    else if (c > 0x20) continue; // <?xml and the like
    let body = k;
    let end = min(n, k + MAX_TAG_BYTES);
    let open = -1;
    for (; k < end; k++) {
      let b = load<u8>(p + <usize>k);
      if (b == 0x3F && byteAt(p, n, k + 1) == 0x3E) break; // ?>
      if (b == 0x28 && runsCode(p, body, k)) return true; // '('
      if (b != 0x60) continue; // '`'
      if (open >= 0) { if (k > open + 1) return true; open = -1; continue; }
      if (!takesValue(p, n, body, k)) break; // prose's code span, not PHP's operator
      open = k;
    }
  }
  return false;
}

// Whether a value may start at the backquote at k of a tag whose code starts at body: at the
// code's start (`<?= `ls``), or after `=`, `(`, `.`, `,` or `echo` / `print` / `return`, blanks aside.
function takesValue(p: usize, n: i32, body: i32, k: i32): bool {
  let j = k;
  while (j > body && load<u8>(p + <usize>(j - 1)) <= 0x20) j--;
  if (j == body) return true;
  let b = <u32>load<u8>(p + <usize>(j - 1));
  if (b == 0x3D || b == 0x28 || b == 0x2E || b == 0x2C) return true;
  return (j - 4 >= body && matchesLowerAt(p, n, j - 4, "echo")) || (j - 5 >= body && matchesLowerAt(p, n, j - 5, "print")) ||
    (j - 6 >= body && matchesLowerAt(p, n, j - 6, "return"));
}

// Whether the `(` at k, in a tag whose code starts at body, calls one of RUNNERS as a function: the
// name not a method's or a static one's (`->exec(`, `::exec(`), nor a variable's.
function runsCode(p: usize, body: i32, k: i32): bool {
  let e = blanksBefore(p, k);
  let s = nameStart(p, e);
  if (s == e || s < body || !isOneOf(p, e, s, e - s, RUNNERS)) return false;
  let c = byteAt(p, e, s - 1);
  return c != 0x3E && c != 0x3A && c != 0x24; // '>', ':', '$'
}

const RUNNERS: StaticArray<string> = [
  "system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec", "eval", "assert", "create_function",
  "call_user_func", "call_user_func_array", "file_put_contents", "fsockopen", "pfsockopen", "phpinfo",
];

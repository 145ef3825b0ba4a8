// OS command injection by its grammar: a value that opens with a shell's command separator and
// then a command (`;systeminfo`, `| ipconfig /all`, `&& ls -l /home`, `%0Aid`, `$(whoami)`,
// `` `id` ``, a PowerShell cmdlet: `; Get-ChildItem C:\`): the value a shell runs a second command
// from when an application pastes it after its own (`ping <ip>`). CRS 932100–932110 match such
// separators before command names at paranoia level 1. Read by core/payloads.ts; total and
// allocation-free.
//
// Only a value's start counts, and a sentence's (core/sentences.ts reads these there too): a
// separator inside prose (`Fish & chips`, `bread & more`) is not what an injection into a command
// line needs, and a value's first byte is not a separator in any form field, JSON string or header
// value of the benign data (`make verdict-census`).

import { byteAt, isOneOf, isLetter, isPathByte, isSpaceOrTab, skipSpacesAndTabs, nextSpaceOrTab, matchesAt, isIdentByte, isWordChar } from "../lib/bytes";
import { shellWordEnd, isCommandWord, isCmdletWord, markdownCell, inertCommand, redirectionsComplete } from "./confirm";
import { indexOf2 } from "../lib/scan";

// Whether p[0..n) (n >= 2) may open with a separator (its first byte, or its second after a
// blank): the check the caller makes for every text, by a table (a chain of compares cost JSON
// bodies 0.3%, make profile).
// @ts-ignore: decorator
@inline export function mayOpenWithSeparator(p: usize, n: i32): bool {
  let k = load<u8>(OPENERS + <usize>load<u8>(p));
  if (k == BLANK) k = load<u8>(OPENERS + <usize>load<u8>(p, 1));
  return (k & SEPARATOR) != 0;
}

// mayOpenWithSeparator, or whether p[0..n) may open with a slash look-alike after at most a slash
// (core/hiddenhost.ts lookalikeSlashHost: a lead byte E3 or EF) or with `{` and a digit or a blank
// (core/braceprobe.ts): the test core/payloads.ts makes of every text, one table for all (a test of
// its own for the look-alike cost the bench bodies 0.3%, make profile).
// @ts-ignore: decorator
@inline export function mayOpenForVerdicts(p: usize, n: i32): bool {
  let k = load<u8>(OPENERS + <usize>load<u8>(p));
  if (k == BLANK) k = load<u8>(OPENERS + <usize>load<u8>(p, 1)) & SEPARATOR;
  else if (k == SLASH) k = load<u8>(OPENERS + <usize>load<u8>(p, 1)) & LOOKALIKE;
  else if (k == BRACE) k = <u32>load<u8>(p, 1) - 0x30 < 10 || load<u8>(p, 1) == 0x20 ? LOOKALIKE : 0;
  return (k & (SEPARATOR | LOOKALIKE)) != 0;
}

// For each byte: SEPARATOR for `;` `|` `&` a backquote, LF, CR and `$`; BLANK for space and tab;
// SLASH for `/` and `\`; LOOKALIKE for the lead bytes E3 and EF; BRACE for `{`.
const SEPARATOR: u8 = 1, BLANK: u8 = 2, SLASH: u8 = 4, LOOKALIKE: u8 = 8, BRACE: u8 = 16;
const OPENERS = memory.data(256);
store<u8>(OPENERS + 0x3B, SEPARATOR); store<u8>(OPENERS + 0x7C, SEPARATOR); store<u8>(OPENERS + 0x26, SEPARATOR);
store<u8>(OPENERS + 0x60, SEPARATOR); store<u8>(OPENERS + 0x0A, SEPARATOR); store<u8>(OPENERS + 0x0D, SEPARATOR);
store<u8>(OPENERS + 0x24, SEPARATOR); store<u8>(OPENERS + 0x20, BLANK); store<u8>(OPENERS + 0x09, BLANK);
store<u8>(OPENERS + 0x2F, SLASH); store<u8>(OPENERS + 0x5C, SLASH); store<u8>(OPENERS + 0xE3, LOOKALIKE); store<u8>(OPENERS + 0xEF, LOOKALIKE);
store<u8>(OPENERS + 0x7B, BRACE);

// Whether p[0..n) opens (blanks aside) with separators (`;` `|` `||` `&` `&&`, a line break, a
// backquote, `$(`), then blanks, then a command word of confirm.ts COMMANDS or a cmdlet
// (core/pscmdlet.ts), whole (quotes and backslashes a shell drops left out: `c''at`, `who\ami`), or
// a path to one (`/bin/cat`), followed by the end, a blank, a separator, a redirection or a closing
// `)` or backquote. afterAddress: the value opened with an IPv4 address before the separator
// (commandAfterArgument), where a command that is also a word of prose need not be followed by the
// shell's syntax.
export function commandInjection(p: usize, n: i32, afterAddress: bool = false): bool {
  let i = skipSpacesAndTabs(p, n, 0);
  let seps = 0, breaks = 0;
  let pipe = false;
  while (i < n) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c == 0x0A || c == 0x0D) { i++; breaks++; continue; }
    // A Markdown code fence (three backquotes or more) opens no command substitution.
    if (c == 0x60 && byteAt(p, n, i + 1) == 0x60 && byteAt(p, n, i + 2) == 0x60) return false;
    if (c == 0x3B || c == 0x7C || c == 0x26 || c == 0x60) { i++; seps++; pipe = pipe || c == 0x7C; continue; }
    if (c == 0x24 && byteAt(p, n, i + 1) == 0x28) { i += 2; seps++; continue; } // $(
    if (seps + breaks > 0 && isSpaceOrTab(<u8>c)) { i++; continue; }
    break;
  }
  if (seps + breaks == 0 || i >= n) return false;
  // A program run by its path from where the shell stands (`;./x.sh`, `&& ./exploit -p 4444`), after
  // a separator: no shell line names one except to run it, whatever its name. (`;../../etc/passwd`
  // is a climb, traversal's.)
  if (seps > 0 && relativeProgramEnd(p, n, i) > 0) return true;
  // A path to the command: its last segment is the name (`/bin/cat`, `/usr/bin/id`).
  let path = load<u8>(p + <usize>i) == 0x2F;
  // A path the shell expands names its program by its shape (`/???/??t`, `/b??/n?`: globPathEnd):
  // after a separator it is a command whatever it expands to.
  if (path) {
    let g = globPathEnd(p, n, i);
    if (g > 0 && (g >= n || endsCommandWord(load<u8>(p + <usize>g)))) return true;
    let j = i;
    while (j < n && isPathByte(load<u8>(p + <usize>j))) { if (load<u8>(p + <usize>j) == 0x2F) i = j + 1; j++; }
  }
  // The word, as the lexer reads a shell's (confirm.ts shellWordEnd).
  let start = i;
  i = shellWordEnd(p, n, i);
  if (i < n && !endsCommandWord(load<u8>(p + <usize>i))) return false;
  if (!(isCommandWord() || isCmdletWord()) || inertCommand(p, n, i, pipe)) return false;
  if (pipe && !path && markdownCell(p, n, start, i)) return false;
  // What follows the word, blanks aside.
  let j = skipSpacesAndTabs(p, n, i);
  let f = byteAt(p, n, j);
  if ((f == 0x3C || f == 0x3E) && !redirectionsComplete(p, n, j)) return false;
  // After line breaks alone (a value's text may begin a line: a textarea's `\nMore details…`), and
  // for a command that is also an English word (`& at home`, `| more info`), what follows must be
  // the shell's: the end, an option, a path, a variable, a quote, a number, a separator or a
  // redirection (`%0Aid`, `;cat /etc/passwd`, `;sleep 5`); after a separator, a file's name too
  // (`;cat flag.txt`, `$(cat flag.txt)`, `|more config.php`).
  if ((seps == 0 || (!afterAddress && isOneOf(p, n, start, i - start, WORDS_TOO))) && j < n && !shellFollower(f) &&
      !(isLetter(f) && byteAt(p, n, j + 1) == 0x3A) && // a drive: `| type C:\…`
      !(seps > 0 && fileNameEnd(p, n, j) > 0)) return false;
  return true;
}

// Where a path to a program in the shell's directory at i ends (`./x.sh`, `./bin/run`): `./` and
// then path bytes up to the end or what ends a command word, its last segment holding a letter; -1
// when there is none (`./` alone, `./.`, `../x`).
function relativeProgramEnd(p: usize, n: i32, i: i32): i32 {
  if (byteAt(p, n, i) != 0x2E || byteAt(p, n, i + 1) != 0x2F) return -1;
  let k = i + 2, letter = false;
  while (k < n && isPathByte(load<u8>(p + <usize>k))) {
    let c = load<u8>(p + <usize>k);
    if (c == 0x2F) letter = false;
    else if (isLetter(c)) letter = true;
    k++;
  }
  return letter && (k >= n || endsCommandWord(load<u8>(p + <usize>k))) ? k : -1;
}

// Where the file's name at j ends: a word of letters, digits, `_` and `-` (dots inside it too), its
// last dot before an extension of one to four letters and digits, at least one a letter (`flag.txt`,
// `config.php`, `boot.ini`, `a.tar.gz`), and then the end, a blank or what ends a command word; -1
// when there is none. A number (`1.5`) has no such extension; a sentence's word and a stop (`info.
// More`) has a blank after the stop.
function fileNameEnd(p: usize, n: i32, j: i32): i32 {
  let dot = -1, k = j;
  while (k < n) {
    let c = <u32>load<u8>(p + <usize>k);
    if (c == 0x2E) { if (k == j || dot == k - 1) return -1; dot = k; }
    else if (!(isWordChar(c) || c == 0x2D)) break;
    k++;
  }
  if (dot < 0 || k - dot - 1 < 1 || k - dot - 1 > 4 || (k < n && !endsCommandWord(load<u8>(p + <usize>k)))) return -1;
  for (let e = dot + 1; e < k; e++) if (isLetter(load<u8>(p + <usize>e))) return k;
  return -1;
}

// Whether byte c can follow a command word on a shell's line: a blank, a separator, a redirection, a
// closing `)` or backquote, a line break.
// @ts-ignore: decorator
@inline function endsCommandWord(c: u32): bool {
  return isSpaceOrTab(<u8>c) || c == 0x3B || c == 0x7C || c == 0x26 || c == 0x60 || c == 0x3C || c == 0x3E || c == 0x29 ||
    c == 0x0A || c == 0x0D;
}

// Where an absolute path at i that the shell expands ends: two to four short segments of letters,
// digits, `.`, `_`, `-` and the wildcards `?` and `*`, with three `?` or more (`/???/??t`,
// `/b??/n?`, `/usr/?in/?c?`); -1 when it is not one. A route or file pattern uses `*` and a version's
// `v?` (`/api/v?/users/*`), a URL's `?` opens its query, once.
function globPathEnd(p: usize, n: i32, i: i32): i32 {
  if (byteAt(p, n, i) != 0x2F) return -1;
  let segments = 0, marks = 0;
  while (i < n && load<u8>(p + <usize>i) == 0x2F) {
    let s = ++i;
    while (i < n) {
      let c = <u32>load<u8>(p + <usize>i);
      if (c == 0x3F) marks++;
      else if (!(c == 0x2A || (isPathByte(c) && c != 0x2F))) break;
      i++;
    }
    if (i == s || i - s > 12) return -1;
    segments++;
  }
  return segments >= 2 && segments <= 4 && marks >= 3 ? i : -1;
}

// A value that is a command line whose paths give it away: written with wildcards (globCommandLine), or
// naming the system's own files (systemCommandLine). Read by core/payloads.ts for every text with a `/`.
export function pathCommandLine(p: usize, n: i32): bool {
  return globCommandLine(p, n) || (mayOpenWithCommandLine(p, n) && systemCommandLine(p, n));
}

// A value that is a command line the shell expands, path and argument both written with wildcards
// (`/???/??t /???/p??s??`: /bin/cat /etc/passwd), for an application that runs the value it is
// given (`system($_GET['cmd'])`). The model scored it 99; pattern WAFs read no command name in it.
function globCommandLine(p: usize, n: i32): bool {
  let i = skipSpacesAndTabs(p, n, 0);
  let e = globPathEnd(p, n, i);
  if (e < 0 || e >= n || !isSpaceOrTab(load<u8>(p + <usize>e))) return false;
  let j = skipSpacesAndTabs(p, n, e);
  while (j < n && load<u8>(p + <usize>j) == 0x2D) { // options: `-e`, `-la`
    j = skipSpacesAndTabs(p, n, nextSpaceOrTab(p, n, j));
  }
  return globPathEnd(p, n, j) > 0 || (byteAt(p, n, j) == 0x2F && hasWildcard(p, n, j));
}

// A value that is one command line run against the system's own files: a command of confirm.ts
// COMMANDS opening it, with options and words, and among them the root itself, a path under one of the
// system's directories or a dotfile in a home (`find / -perm -4000`, `rm -rf /var/www`, `ls /home`,
// `tail -n 5 /var/log/auth.log`, `cat ~/.ssh/id_rsa`), for an application that runs the value it is
// given (`system($_GET['cmd'])`). The model scored these 51–99; CRS 932150 reads a Unix command
// opening a value at paranoia level 1. A line with a word of prose (`find the /etc folder`, `ls /home
// is empty`), a value of many lines (a script posted) and a long one are left to the model.
function systemCommandLine(p: usize, n: i32): bool {
  if (n > MAX_COMMAND_LINE_BYTES) return false;
  let i = skipSpacesAndTabs(p, n, 0);
  let e = shellWordEnd(p, n, i);
  if (e == i || e >= n || !isSpaceOrTab(load<u8>(p + <usize>e)) || !isCommandWord() || isOneOf(p, n, i, e - i, INTERPRETERS)) return false;
  if (indexOf2(p, e, n, 0x0A, 0x0D) < n) return false;
  let j = skipSpacesAndTabs(p, n, e);
  let system = false;
  for (let args = 0; j < n; args++) {
    if (args == MAX_COMMAND_ARGS) return false;
    let end = nextSpaceOrTab(p, n, j);
    let c = <u32>load<u8>(p + <usize>j);
    if (c == 0x2F || c == 0x7E) system = system || systemPath(p, j, end);
    else if (isOneOf(p, n, j, end - j, PROSE_WORDS)) return false;
    j = skipSpacesAndTabs(p, n, end);
  }
  return system;
}

// Whether p[0..n) may open with a command word and a blank: a letter (or a blank, a quote or a
// backslash, which shellWordEnd reads past), then a blank among bytes 2 to 7. Asked before
// systemCommandLine of every text with a `/`: most are a URL or a path (`https:`, `/api/`), with no
// blank in their first 8 bytes, found in one 8-byte word. Without it, reading every such text's first
// word as a command cost the bench bodies 0.2% to 1.3% more instructions (make profile).
// @ts-ignore: decorator
@inline function mayOpenWithCommandLine(p: usize, n: i32): bool {
  let c = <u32>load<u8>(p);
  if (!(isLetter(c) || c == 0x20 || c == 0x27 || c == 0x22 || c == 0x5C || c == 0x09)) return false;
  if (n < 8) return indexOf2(p, 2, n, 0x20, 0x09) < n;
  // A byte that is a space (in x) or a tab (in y) is 0 there, and its lane's high bit set in the
  // zeros (bytes 2 to 7; a lane above a zero may be set too, which only errs towards yes).
  let w = load<u64>(p);
  let x = w ^ 0x2020202020202020, y = w ^ 0x0909090909090909;
  return ((((x - 0x0101010101010101) & ~x) | ((y - 0x0101010101010101) & ~y)) & 0x0080808080800000) != 0;
}

// Whether the word p[j..end), which opens with `/` or `~`, is the root (`/`, `/*`), a path under one
// of SYSTEM_DIRECTORIES (`/etc/passwd`, `/home`, `/var/www/`), or a dotfile in a home (`~/.ssh/…`,
// `~root/.bashrc`).
function systemPath(p: usize, j: i32, end: i32): bool {
  let c = load<u8>(p + <usize>j);
  if (c == 0x7E) { // `~`, a user's name, `/.`
    let k = j + 1;
    while (k < end && isWordChar(<u32>load<u8>(p + <usize>k))) k++;
    return k + 1 < end && load<u8>(p + <usize>k) == 0x2F && load<u8>(p + <usize>(k + 1)) == 0x2E;
  }
  let s = j + 1;
  if (s == end || (s + 1 == end && load<u8>(p + <usize>s) == 0x2A)) return true;
  let k = s;
  while (k < end && isWordChar(<u32>load<u8>(p + <usize>k))) k++;
  return (k == end || load<u8>(p + <usize>k) == 0x2F) && isOneOf(p, end, s, k - s, SYSTEM_DIRECTORIES);
}

const MAX_COMMAND_LINE_BYTES = 256;
const MAX_COMMAND_ARGS = 12;
// The directories of a Unix system's own configuration, users, logs and kernel. Not where programs
// and builds live (`/usr`, `/opt`, `/srv`, `/tmp`): `rm -rf /tmp/build` and `node /srv/app/index.js`
// are a build's and a deployment's lines.
const SYSTEM_DIRECTORIES: StaticArray<string> = ["etc", "home", "root", "proc", "var", "boot", "sys"];
// Interpreters and shells run a script's file (`python /home/app/manage.py`): their lines are left to
// the model, which reads the code they are given (`python -c …`) elsewhere.
const INTERPRETERS: StaticArray<string> = [
  "node", "java", "python", "python3", "perl", "ruby", "php", "lua", "tclsh", "bash", "sh", "zsh", "ksh", "nohup", "sleep", "timeout",
];
// Words that make a line prose, not a command's arguments (`find the /etc folder`, `cat in /home`).
const PROSE_WORDS: StaticArray<string> = [
  "the", "a", "an", "my", "your", "our", "this", "that", "to", "in", "of", "on", "for", "and", "or", "is", "are",
  "from", "with", "it", "i", "you", "we",
];

// Whether the word at j holds `?` or `*`.
function hasWildcard(p: usize, n: i32, j: i32): bool {
  while (j < n && !isSpaceOrTab(load<u8>(p + <usize>j))) {
    let c = load<u8>(p + <usize>j);
    if (c == 0x3F || c == 0x2A) return true;
    j++;
  }
  return false;
}

// A value that opens with the argument a command line was built around (an address, a number, a
// name, a path: `127.0.0.1;id`, `1;wget http://…`), or with a quote that closes the one it was
// quoted in (`"; touch x #`), and then `;` and a command, as commandInjection reads it; or the
// argument and a command substituted into it by backquotes (`report.pdf`cat /proc/self/environ``:
// a name glued to a backquote, where inline code in prose follows a blank). CRS 932100–932105 find
// commands after any separator at paranoia level 1; an argument before it is what most injections
// send (the model scored `1;wget http://host;` 22). After an IPv4 address a command that is also a
// word needs nothing after it (`127.0.0.1;id Great product`): no list of words opens with one.
// Read by core/payloads.ts for texts with a ';' or a '/', and by core/sentences.ts.
export function commandAfterArgument(p: usize, n: i32): bool {
  // The separator first, 16 bytes a step: most texts with a trigger for it (`un`, a `/`) have none
  // near their start, and reading their first word byte by byte cost a form body 1% (make profile).
  let limit = min(n, MAX_OPENING_BYTES);
  let semi = indexOf2(p, 0, limit, 0x3B, 0x60);
  if (semi >= limit) return false;
  let i = skipSpacesAndTabs(p, semi, 0);
  let s = i;
  while (i < semi && isArgumentByte(load<u8>(p + <usize>i))) i++;
  let address = i == semi && dottedQuad(p, s, i);
  if (i < semi && load<u8>(p + <usize>semi) == 0x3B && (load<u8>(p + <usize>i) == 0x22 || load<u8>(p + <usize>i) == 0x27)) i++; // '"', '\''
  if (i != semi || semi == s || semi - s > MAX_ARGUMENT_BYTES + 1) return false;
  // A substitution the backquote closes again (`index.html`echo pwned``) is the shell's syntax whatever
  // follows its command, as an address before a ';' is.
  let closed = load<u8>(p + <usize>semi) == 0x60 && indexOf2(p, semi + 1, n, 0x60, 0x60) < n;
  return commandInjection(p + <usize>semi, n - semi, address || closed);
}

// A value that opens with an IPv4 address and then a pipe or `&` before a command (`8.8.8.8|set`,
// `127.0.0.1 && whoami`, `10.0.0.1||env`): the argument of a `ping` the application builds, and the
// second command run after or instead of it. CRS 932100–932105 read any separator before a command.
// commandAfterArgument reads `;` and a backquote after any argument; `|` and `&` separate list items
// and names (`id|name`, `Fish & chips`), so only an address stands before them here. Read by
// core/payloads.ts for texts mayOpenWithAddress passes.
export function commandAfterAddress(p: usize, n: i32): bool {
  let i = 0;
  while (i < n && i < MAX_ADDRESS_BYTES && isArgumentByte(load<u8>(p + <usize>i))) i++;
  return commandAfterAddressEnding(p, n, i);
}

// commandAfterAddress where the argument that opens p[0..n) is known to end at i (isArgumentByte
// read up to it): core/sentences.ts has read it already. An address is at most 15 bytes, so an
// argument longer than MAX_ADDRESS_BYTES is none either way.
export function commandAfterAddressEnding(p: usize, n: i32, i: i32): bool {
  if (!dottedQuad(p, 0, i)) return false;
  // Glued to the address, a command that is also a word needs nothing after it (`1.2.3.4||echo
  // pwned`); after a blank it may be prose's (`10.0.0.1 & more`).
  let j = skipSpacesAndTabs(p, n, i);
  let c = byteAt(p, n, j);
  return (c == 0x7C || c == 0x26) && commandInjection(p + <usize>j, n - j, j == i);
}
const MAX_ADDRESS_BYTES = 16;

// Whether p[0..n) may open with an IPv4 address (commandAfterAddress), by its first four bytes: a
// digit, and a `.` within the first group's three digits. A few instructions for every text.
// @ts-ignore: decorator
@inline export function mayOpenWithAddress(p: usize, n: i32): bool {
  return n >= 10 && <u32>load<u8>(p) - 0x30 < 10 &&
    (load<u8>(p, 1) == 0x2E || load<u8>(p, 2) == 0x2E || load<u8>(p, 3) == 0x2E);
}

// A command substituted by `$(` into the argument it is glued to (`report.txt$(set)`,
// `pricing$(env)`): the text up to the `$` at i is blanks and one argument, and a command follows, as
// commandInjection reads it. jQuery's `$(` opens its statement or follows a blank, an operator or a
// bracket, and no name is glued to it. Read by core/payloads.ts at each `$(`.
export function substitutionAfterArgument(p: usize, n: i32, i: i32): bool {
  if (i == 0 || i > MAX_OPENING_BYTES) return false;
  let s = skipSpacesAndTabs(p, i, 0);
  if (s == i) return false;
  for (let k = s; k < i; k++) if (!isArgumentByte(load<u8>(p + <usize>k))) return false;
  return commandInjection(p + <usize>i, n - i);
}

// A shell's `$IFS` (`${IFS}`) glued to a word on either side (`cat$IFS/etc/passwd`, `ip${IFS}a`,
// `&$IFS$9nc`): the field separator written in place of a blank, so that a command line needs none
// (CRS 932130's `$IFS`). A script names it between blanks or quotes (`"$IFS"`, `OLD_IFS=$IFS`,
// `IFS=$' '`). i: the `$`. Read by core/payloads.ts at each `$`.
export function gluedIfsAt(p: usize, n: i32, i: i32): bool {
  let e: i32;
  if (matchesAt(p, n, i + 1, "IFS")) {
    e = i + 4;
    if (isWordChar(byteAt(p, n, e))) return false; // `$IFSX` is another variable
  } else if (matchesAt(p, n, i + 1, "{IFS}")) {
    e = i + 6;
  } else return false;
  return (i > 0 && gluesIfs(load<u8>(p + <usize>(i - 1)))) || (e < n && gluesIfs(load<u8>(p + <usize>e)));
}

// Bytes of a word a shell reads on through `$IFS`: a name's and `$` (isIdentByte: `$IFS$9`), a path's
// `/` and `.`, an option's `-`, a backslash, the wildcards `?`, `*` and `~`.
// @ts-ignore: decorator
@inline function gluesIfs(c: u32): bool {
  return isIdentByte(<u8>c) || c == 0x2F || c == 0x2D || c == 0x2E || c == 0x5C || c == 0x3F || c == 0x2A || c == 0x7E;
}

// Whether p[s..e) is an IPv4 address in dotted decimal: four groups of one to three digits. Also
// for core/lolbin.ts.
export function dottedQuad(p: usize, s: i32, e: i32): bool {
  let groups = 1, digits = 0;
  for (let i = s; i < e; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c - 0x30 < 10) { if (++digits > 3) return false; continue; }
    if (c != 0x2E || digits == 0) return false;
    groups++;
    digits = 0;
  }
  return groups == 4 && digits > 0;
}

const MAX_ARGUMENT_BYTES = 64;
// Blanks, an argument and a quote: where the ';' is looked for.
const MAX_OPENING_BYTES = 16 + MAX_ARGUMENT_BYTES + 1 + 1;

// A path's byte, `:` or `@` (an address's, a user's).
// @ts-ignore: decorator
@inline export function isArgumentByte(c: u32): bool { return isPathByte(c) || c == 0x3A || c == 0x40; }

// The commands of COMMANDS that are also words of prose.
const WORDS_TOO: StaticArray<string> = [
  "cat", "id", "at", "set", "type", "start", "call", "more", "less", "find", "head", "tail", "cut",
  "kill", "env", "echo", "sleep", "touch", "copy", "move", "del", "ver", "expr", "ip", "rev", "node",
  "java", "ruby", "dig", "timeout", "sh", "ps", "nl", "od", "tac", "vi",
];

// @ts-ignore: decorator
@inline function shellFollower(c: u32): bool {
  return c == 0x2D || c == 0x2F || c == 0x2E || c == 0x7E || c == 0x24 || c == 0x27 || c == 0x22 || c - 0x30 < 10 ||
    c == 0x5C || c == 0x25 || c == 0x3B || c == 0x7C || c == 0x26 || c == 0x60 || c == 0x3C || c == 0x3E || c == 0x29 ||
    c == 0x0A || c == 0x0D;
}


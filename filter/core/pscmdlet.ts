// PowerShell's cmdlets by name (`Get-ChildItem`, `Invoke-WebRequest`, `Stop-Process`): the commands a
// Windows server's shell runs when an application pastes a value into a PowerShell command line.
// CRS 932120 blocks any of these names anywhere in a value at paranoia level 1. Here one counts
// where a command stands: after a separator that opens the value, as a shell command's name does
// (core/cmdinject.ts asks isCmdlet), or as the value's own command line (cmdletLine), with nothing
// after it or an argument a command line has (`Start-Process calc.exe`, `Get-Content -Path …`,
// `Get-ChildItem C:\`). Prose that names one (`Get-Process is slow here`) and a name inside a word
// (`cloud-logs-test-connection-…` of an API's fixtures) are left to the model, which scored `|
// Get-Content C:\Windows\win.ini` 8 but `& Start-Process calc.exe` 99, `127.0.0.1 & Get-LocalUser`
// 14 and `Set-Content -Path shell.aspx -Value x` 99. Read by core/payloads.ts; total and
// allocation-free.

import { isLetter, isWordChar, lowerAscii, matchesLowerAt, skipSpacesAndTabs } from "../lib/bytes";
import { indexOf2 } from "../lib/scan";

// The cmdlets of CRS 932120's list (windows-powershell-commands.data, OWASP CRS 3.3.4, Apache
// License 2.0), lower case; its three options are PowerShell's own (core/lolbin.ts reads them).
const CMDLETS: StaticArray<string> = [
  "add-bitsfile", "add-computer", "add-content", "add-history", "add-member", "add-pssnapin", "add-type",
  "checkpoint-computer", "clear-content", "clear-eventlog", "clear-history", "clear-item", "clear-itemproperty",
  "clear-variable", "compare-object", "complete-bitstransfer", "complete-transaction", "connect-wsman",
  "convert-path", "convertfrom-csv", "convertfrom-securestring", "convertfrom-stringdata", "convertto-csv",
  "convertto-html", "convertto-securestring", "convertto-xml", "copy-item", "copy-itemproperty", "debug-process",
  "disable-computerrestore", "disable-psbreakpoint", "disable-pssessionconfiguration", "disable-wsmancredssp",
  "disconnect-wsman", "enable-computerrestore", "enable-psbreakpoint", "enable-psremoting",
  "enable-pssessionconfiguration", "enable-wsmancredssp", "enter-pssession", "exit-pssession", "export-alias",
  "export-clixml", "export-console", "export-counter", "export-csv", "export-formatdata", "export-modulemember",
  "export-pssession", "foreach-object", "format-custom", "format-list", "format-table", "format-wide", "get-acl",
  "get-alias", "get-applockerfileinformation", "get-applockerpolicy", "get-authenticodesignature",
  "get-bitstransfer", "get-childitem", "get-command", "get-computerrestorepoint", "get-content", "get-counter",
  "get-credential", "get-culture", "get-event", "get-eventlog", "get-eventsubscriber", "get-executionpolicy",
  "get-formatdata", "get-history", "get-host", "get-hotfix", "get-item", "get-itemproperty", "get-job",
  "get-location", "get-member", "get-module", "get-pfxcertificate", "get-process", "get-psbreakpoint",
  "get-pscallstack", "get-psdrive", "get-psprovider", "get-pssession", "get-pssessionconfiguration", "get-pssnapin",
  "get-random", "get-service", "get-tracesource", "get-transaction", "get-troubleshootingpack", "get-uiculture",
  "get-unique", "get-variable", "get-winevent", "get-wmiobject", "get-wsmancredssp", "get-wsmaninstance",
  "group-object", "import-alias", "import-clixml", "import-counter", "import-csv", "import-localizeddata",
  "import-module", "import-pssession", "invoke-command", "invoke-expression", "invoke-history", "invoke-item",
  "invoke-troubleshootingpack", "invoke-wmimethod", "invoke-wsmanaction", "join-path", "limit-eventlog",
  "measure-command", "measure-object", "move-item", "move-itemproperty", "new-alias", "new-applockerpolicy",
  "new-event", "new-eventlog", "new-item", "new-itemproperty", "new-module", "new-modulemanifest", "new-object",
  "new-psdrive", "new-pssession", "new-pssessionoption", "new-service", "new-timespan", "new-variable",
  "new-webserviceproxy", "new-wsmaninstance", "new-wsmansessionoption", "out-default", "out-file", "out-gridview",
  "out-host", "out-null", "out-printer", "out-string", "pop-location", "push-location", "read-host", "receive-job",
  "register-engineevent", "register-objectevent", "register-pssessionconfiguration", "register-wmievent",
  "remove-bitstransfer", "remove-computer", "remove-event", "remove-eventlog", "remove-item", "remove-itemproperty",
  "remove-job", "remove-module", "remove-psbreakpoint", "remove-psdrive", "remove-pssession", "remove-pssnapin",
  "remove-variable", "remove-wmiobject", "remove-wsmaninstance", "rename-item", "rename-itemproperty",
  "reset-computermachinepassword", "resolve-path", "restart-computer", "restart-service", "restore-computer",
  "resume-bitstransfer", "resume-service", "select-object", "select-string", "select-xml", "send-mailmessage",
  "set-acl", "set-alias", "set-applockerpolicy", "set-authenticodesignature", "set-bitstransfer", "set-content",
  "set-date", "set-executionpolicy", "set-item", "set-itemproperty", "set-location", "set-psbreakpoint",
  "set-psdebug", "set-pssessionconfiguration", "set-service", "set-strictmode", "set-tracesource", "set-variable",
  "set-wmiinstance", "set-wsmaninstance", "set-wsmanquickconfig", "show-eventlog", "sort-object", "split-path",
  "start-bitstransfer", "start-job", "start-process", "start-service", "start-sleep", "start-transaction",
  "start-transcript", "stop-computer", "stop-job", "stop-process", "stop-service", "stop-transcript",
  "suspend-bitstransfer", "suspend-service", "tee-object", "test-applockerpolicy", "test-computersecurechannel",
  "test-connection", "test-modulemanifest", "test-path", "test-wsman", "trace-command", "undo-transaction",
  "unregister-event", "unregister-pssessionconfiguration", "update-formatdata", "update-list", "update-typedata",
  "use-transaction", "wait-event", "wait-job", "wait-process", "where-object", "write-debug", "write-error",
  "write-eventlog", "write-host", "write-output", "write-progress", "write-verbose", "write-warning",
  // Those of later PowerShells (Microsoft's cmdlet reference) that intrusions run to fetch and run
  // code, turn Defender off, add users and tasks, and look around.
  "add-localgroupmember", "add-mppreference", "compress-archive", "expand-archive", "get-ciminstance",
  "get-clipboard", "get-filehash", "get-localgroup", "get-localgroupmember", "get-localuser", "get-mpcomputerstatus",
  "get-netipaddress", "get-nettcpconnection", "get-scheduledtask", "get-smbshare", "invoke-cimmethod",
  "invoke-restmethod", "invoke-webrequest", "new-localuser", "new-scheduledtaskaction", "register-scheduledtask",
  "resolve-dnsname", "set-mppreference", "start-scheduledtask", "test-netconnection",
];

// The shortest and the longest name (`get-acl`, `unregister-pssessionconfiguration`), and the shortest
// value cmdletLine reads (mayOpenWithCmdlet loads its bytes 1 to 8).
export const MIN_CMDLET_BYTES = 7;
export const MAX_CMDLET_BYTES = 33;
const MIN_LINE_BYTES = 9;

// An open-addressed table of the names: SLOTS slots of a name's index + 1 (0: empty), placed by
// slotOf of its bytes, the next free slot on a clash. A quarter full, a lookup compares about one name.
const SLOTS = 1024;
const TABLE = memory.data(SLOTS << 1, 2);
// For each verb's first two letters (26 * 26), a bit per length of the verbs that begin so (`get`:
// bit 3), where the name's `-` stands: mayOpenWithCmdlet's test.
const VERB_HYPHENS = memory.data(26 * 26 * 2, 2);
initTables();

function initTables(): void {
  let buf = memory.data(MAX_CMDLET_BYTES);
  for (let w = 0; w < CMDLETS.length; w++) {
    let name = unchecked(CMDLETS[w]);
    let len = name.length;
    for (let i = 0; i < len; i++) store<u8>(buf + <usize>i, <u8>name.charCodeAt(i));
    let s = slotOf(buf, len);
    while (load<u16>(TABLE + (<usize>s << 1)) != 0) s = (s + 1) & (SLOTS - 1);
    store<u16>(TABLE + (<usize>s << 1), <u16>(w + 1));
    let verb = name.indexOf("-");
    let pair = verbPair(<u32>name.charCodeAt(0) - 0x61, <u32>name.charCodeAt(1) - 0x61);
    store<u16>(VERB_HYPHENS + pair, load<u16>(VERB_HYPHENS + pair) | <u16>(<u32>1 << <u32>verb));
  }
}

// The offset in VERB_HYPHENS of a verb's first two letters (0 to 25 each).
// @ts-ignore: decorator
@inline function verbPair(a: u32, b: u32): usize { return (<usize>a * 26 + <usize>b) << 1; }

// The slot a name of len bytes at q hashes to, without case.
function slotOf(q: usize, len: i32): u32 {
  let h: u32 = 0x811C9DC5;
  for (let i = 0; i < len; i++) h = (h ^ lowerAscii(<u32>load<u8>(q + <usize>i))) * 0x01000193;
  return (h ^ (h >> 16)) & (SLOTS - 1);
}

// Whether the len bytes at q name a cmdlet, without case.
export function isCmdlet(q: usize, len: i32): bool {
  if (len < MIN_CMDLET_BYTES || len > MAX_CMDLET_BYTES) return false;
  let s = slotOf(q, len);
  while (true) {
    let w = <i32>load<u16>(TABLE + (<usize>s << 1));
    if (w == 0) return false;
    let name = unchecked(CMDLETS[w - 1]);
    if (name.length == len && matchesLowerAt(q, len, 0, name)) return true;
    s = (s + 1) & (SLOTS - 1);
  }
}

// Whether p[0..n) may open with a cmdlet, in a few instructions and no call for every text
// (core/payloads.ts asks it of each): its first `-` among bytes 3 to 8, found in one 8-byte word,
// stands where a verb that begins with its first two letters ends. Verbs of 9 letters or more
// (`ConvertFrom`, `Checkpoint`, `Disconnect`, `Unregister`) are not looked for at a value's start: a
// second word's test cost every text (the first cut, a test per verb length: +0.4% on the JSON
// bodies, make profile).
// @ts-ignore: decorator
@inline export function mayOpenWithCmdlet(p: usize, n: i32): bool {
  if (n < MIN_LINE_BYTES) return false;
  // Bytes 1 to 8; a byte that is `-` is 0 in x, and its lane's high bit set in zeros (a lane above
  // a zero may be set too: the lowest is a `-`).
  let x = load<u64>(p, 1) ^ 0x2D2D2D2D2D2D2D2D;
  let zeros = (x - 0x0101010101010101) & ~x & 0x8080808080800000;
  if (zeros == 0) return false;
  let a = (<u32>load<u8>(p) | 0x20) - 0x61, b = (<u32>load<u8>(p, 1) | 0x20) - 0x61;
  if (a >= 26 || b >= 26) return false;
  let k = (<u32>ctz(zeros) >>> 3) + 1; // the `-`'s index
  return ((<u32>load<u16>(VERB_HYPHENS + verbPair(a, b)) >>> k) & 1) != 0;
}

// Whether p[0..n) is a cmdlet's command line: one line, the name opening it, and nothing after the
// name but blanks, or a separator glued to it (`Get-Process|Out-File …`), or after blanks an argument
// (cmdletArgument). A value of many lines is a script or a document posted (a gist's `.ps1`), not a
// command line pasted into one.
export function cmdletLine(p: usize, n: i32): bool {
  let e = 0;
  while (e < n && e <= MAX_CMDLET_BYTES && (isLetter(<u32>load<u8>(p + <usize>e)) || load<u8>(p + <usize>e) == 0x2D)) e++;
  if (!isCmdlet(p, e) || indexOf2(p, e, n, 0x0A, 0x0D) < n) return false;
  let j = skipSpacesAndTabs(p, n, e);
  if (j >= n) return true;
  let c = <u32>load<u8>(p + <usize>j);
  if (j == e) return c == 0x3B || c == 0x7C || c == 0x26;
  return cmdletArgument(p, n, j);
}

// Whether the word at j is what a command line passes and prose does not write: a parameter
// (`-Path`), a variable, a quoted string, a script block, a subexpression or an array (`$x`, `"…"`,
// `{…}`, `(…)`, `@(…)`, `[…]`), a separator, a path (`C:\…`, `.\x`, `\\host\…`, `/…`), a file's name or
// a URL (a word, then `.`, `:`, `\` or `/` and more of it: `calc.exe`, `Net.WebClient`, `http://…`).
function cmdletArgument(p: usize, n: i32, j: i32): bool {
  let c = <u32>load<u8>(p + <usize>j);
  let d = j + 1 < n ? <u32>load<u8>(p + <usize>(j + 1)) : 0;
  if (c == 0x2D) return isLetter(d);
  if (c == 0x24 || c == 0x22 || c == 0x27 || c == 0x7B || c == 0x28 || c == 0x40 || c == 0x5B || c == 0x5C || c == 0x2F ||
      c == 0x3B || c == 0x7C || c == 0x26) return true;
  if (c == 0x2E) return d == 0x5C || d == 0x2F;
  let k = j;
  while (k < n && (isWordChar(<u32>load<u8>(p + <usize>k)) || load<u8>(p + <usize>k) == 0x2D)) k++;
  if (k == j || k + 1 >= n) return false;
  let s = <u32>load<u8>(p + <usize>k), t = <u32>load<u8>(p + <usize>(k + 1));
  return (s == 0x2E || s == 0x3A || s == 0x5C || s == 0x2F) && (isWordChar(t) || t == 0x5C || t == 0x2F);
}

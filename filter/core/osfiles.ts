// Local file inclusion by the file asked for: a value that is a path to a file every attacker
// reads first and no form field or API argument names (CRS 930120 matches the same kind of list
// of operating system files at paranoia level 1). Read by core/payloads.ts; total and
// allocation-free.
//
// Only a value that starts as a path counts: the file must come before any blank, so that a
// command quoted in prose (`I ran cat ~/.ssh/config`, `tail -f /var/log/syslog`) is left to the
// model. In a request path (where a site's own segments may be named `windows` or `etc`) the
// file must come after a `..` segment. The model scored bare paths (`/var/log/syslog`,
// `/opt/lampp/logs/error_log`) 33–99 in the fold that held its traversal lists out.

import { byteAt, extensionStart, isOneOf, lowerAscii, segmentStart } from "../lib/bytes";
import { splat8 } from "../lib/splat";

// The files, lower case with '/' for either separator (fileAt reads them by their first letter).
// At the start of a value or after a separator: those under a directory of their own, and files
// only Windows has (`C:\\boot.ini`). Only after a separator: bare file names (`/x/.htaccess`, not a field that
// says `error.log`). A site may pass one of its own pages under WEB-INF (`p=/WEB-INF/master.jsp`):
// only the deployment descriptor and the class path count.
const ETC_FILES: StaticArray<string> = [
  "passwd", "shadow", "group", "hosts", "issue", "motd", "sudoers", "crontab", "fstab", "security/",
  "httpd/", "apache", "mysql/", "ssh/", "nginx/", "php",
];
const WINDOWS_FILES: StaticArray<string> = ["system32", "win.ini", "repair/"];
const WEB_INF_FILES: StaticArray<string> = ["web.xml", "classes/", "lib/"];
const DOT_FILES: StaticArray<string> = ["htaccess", "htpasswd", "bash_history", "ssh/"];

// inPath: the text is a request path, read only after a `..` segment.
export function namesOsFile(p: usize, n: i32, inPath: bool): bool {
  let i = 0;
  if (inPath) {
    i = dotDotSegment(p, n);
    if (i < 0) return false;
  }
  let first = true;
  while (true) {
    let j = separatorOrBlank(p, i, n);
    // A value's first segment names a file only if a separator ends it (`etc/…`; a lone
    // `boot.ini` is a plain token, never read here): most values are words, read no further.
    if (first && !inPath && j < n && load<u8>(p + <usize>j) > 0x20 && fileAt(p, n, 0, false)) return true;
    first = false;
    if (j >= n || load<u8>(p + <usize>j) <= 0x20) return false; // a blank: prose or a command line
    i = j + 1;
    if (load<u8>(p + <usize>j) == 0x5C && byteAt(p, n, i) == 0x5C) i++; // `\\` is one separator in a JSON-like escape
    if (fileAt(p, n, i, true)) return true;
  }
  return false;
}

// The index of the first '/', '\' or blank (a byte <= 0x20) in p[from..n), or n; 16 bytes a step.
function separatorOrBlank(p: usize, from: i32, n: i32): i32 {
  let i = from;
  let blank = splat8(0x20), slash = splat8(0x2F), backslash = splat8(0x5C);
  for (; i + 16 <= n; i += 16) {
    let v = v128.load(p + <usize>i);
    let m = i8x16.bitmask(v128.or(i8x16.le_u(v, blank), v128.or(i8x16.eq(v, slash), i8x16.eq(v, backslash))));
    if (m != 0) return i + ctz(m);
  }
  for (; i < n; i++) {
    let c = load<u8>(p + <usize>i);
    if (c <= 0x20 || c == 0x2F || c == 0x5C) return i;
  }
  return n;
}

// Whether a file is at i, '/' and '\' alike, without case; named: bare file names count too.
function fileAt(p: usize, n: i32, i: i32, named: bool): bool {
  if (i >= n) return false;
  switch (lowerAscii(load<u8>(p + <usize>i))) {
    case 0x65: // e
      if (matchesPath(p, n, i, "etc/")) return anyAt(p, n, i + 4, ETC_FILES);
      return named && (matchesPath(p, n, i, "error_log") || matchesPath(p, n, i, "error.log"));
    case 0x76: return matchesPath(p, n, i, "var/log/"); // v
    case 0x70: return matchesPath(p, n, i, "proc/self/") || (named && matchesPath(p, n, i, "php.ini")); // p
    case 0x77: // w
      if (matchesPath(p, n, i, "windows/")) return anyAt(p, n, i + 8, WINDOWS_FILES);
      if (matchesPath(p, n, i, "winnt/")) return anyAt(p, n, i + 6, WINDOWS_FILES);
      if (matchesPath(p, n, i, "web-inf/")) return anyAt(p, n, i + 8, WEB_INF_FILES);
      return matchesPath(p, n, i, "win.ini");
    case 0x62: return matchesPath(p, n, i, "boot.ini"); // b
    case 0x73: return matchesPath(p, n, i, "system.ini"); // s
    case 0x2E: return named && anyAt(p, n, i + 1, DOT_FILES); // .
    case 0x68: return named && matchesPath(p, n, i, "httpd.conf"); // h
    case 0x6D: return named && matchesPath(p, n, i, "my.cnf"); // m
    case 0x61: return named && (matchesPath(p, n, i, "access_log") || matchesPath(p, n, i, "access.log")); // a
    case 0x69: return named && matchesPath(p, n, i, "id_rsa"); // i
  }
  return false;
}

// Whether one of names is at i.
function anyAt(p: usize, n: i32, i: i32, names: StaticArray<string>): bool {
  for (let w = 0, k = names.length; w < k; w++) if (matchesPath(p, n, i, unchecked(names[w]))) return true;
  return false;
}

// matchesLowerAt with '\' standing for '/'. The string's UTF-16 units are read in place.
function matchesPath(p: usize, n: i32, i: i32, s: string): bool {
  let k = s.length;
  if (i + k > n) return false;
  let q = changetype<usize>(s);
  for (let j = 0; j < k; j++) {
    let c = lowerAscii(load<u8>(p + <usize>(i + j)));
    if (c == 0x5C) c = 0x2F;
    if (c != <u32>load<u16>(q + (<usize>j << 1))) return false;
  }
  return true;
}

// A request path that asks for a file of secrets or a repository's metadata by name, as probes
// do (`/.env`, `/.git/config`, `/app/.aws/credentials`; CRS 930130 blocks such names at paranoia
// level 1): a segment that is one of SECRET_SEGMENTS, or `.env` with a suffix (`.env.local`). No
// page or asset of a site is named so (`/.well-known/` is not among them). Or a backup or a
// database dump by its extension (backupFile).
export function namesSecretFile(p: usize, n: i32): bool {
  if (backupFile(p, n)) return true;
  for (let i = 0; i + 2 < n; i++) {
    let c = load<u8>(p + <usize>i);
    if ((c != 0x2F && c != 0x5C) || load<u8>(p + <usize>(i + 1)) != 0x2E) continue;
    let s = i + 2;
    let e = s;
    while (e < n && load<u8>(p + <usize>e) != 0x2F && load<u8>(p + <usize>e) != 0x5C) e++;
    // A directory only when more of the path follows it (`/.git/HEAD`).
    if ((e < n && isOneOf(p, n, s, e - s, SECRET_DIRS)) || isOneOf(p, n, s, e - s, SECRET_FILES)) return true;
    if (e - s >= 3 && matchesPath(p, n, s, "env") && (e - s == 3 || load<u8>(p + <usize>(s + 3)) == 0x2E)) return true;
  }
  return false;
}

// A path whose last segment is a file's backup or a database dump, as scanners probe for them
// (`/index.php.bak`, `/config.php~`, `/.config.php.swp`, `/backup.sql`; CRS 920440 restricts these
// extensions at paranoia level 1): a name with an extension in BACKUP_EXTENSIONS, or with a '.'
// and ending in '~' (an editor's copy). A site serves none of them.
function backupFile(p: usize, n: i32): bool {
  let d = extensionStart(p, segmentStart(p, n), n);
  if (d < 0) return false;
  return isOneOf(p, n, d, n - d, BACKUP_EXTENSIONS) || (load<u8>(p + <usize>(n - 1)) == 0x7E && n - d > 1); // '~'
}
const BACKUP_EXTENSIONS: StaticArray<string> = ["bak", "old", "orig", "swp", "swo", "sql", "save", "backup", "bkp"];

// Segment names after the '.', lower case.
const SECRET_DIRS: StaticArray<string> = ["git", "svn", "hg", "bzr", "aws", "ssh", "docker", "kube"];
const SECRET_FILES: StaticArray<string> = [
  "ds_store", "htpasswd", "htaccess", "bash_history", "zsh_history", "npmrc", "pgpass", "netrc", "git-credentials",
];

// Where the text after the first `../` or `..\` starts, or -1.
function dotDotSegment(p: usize, n: i32): i32 {
  for (let i = 0; i + 2 < n; i++) {
    if (load<u8>(p + <usize>i) != 0x2E || load<u8>(p + <usize>(i + 1)) != 0x2E) continue;
    let c = load<u8>(p + <usize>(i + 2));
    if (c == 0x2F || c == 0x5C) return i + 2;
  }
  return -1;
}

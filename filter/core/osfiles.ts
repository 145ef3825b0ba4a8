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

import { byteAt, extensionStart, isOneOf, isWordChar, lowerAscii, segmentStart } from "../lib/bytes";
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
// Whole names under /etc/ (a segment, not a prefix: `/etc/default/grub`, not `/etc/defaults.json`):
// the rest of the first names of CRS's lfi-os-files.data under etc/ (3.3.4).
const ETC_NAMES: StaticArray<string> = [
  "adduser.conf", "alias", "apt", "avahi", "bash.bashrc", "bash_completion.d", "bluetooth", "ca-certificates.conf",
  "casper.conf", "chkrootkit.conf", "chrootusers", "clamav", "crypttab", "cups", "cvs-cron.conf", "cvs-pserver.conf",
  "debconf.conf", "debian_version", "default", "deluser.conf", "dhcp", "dhcp3", "dns2tcpd.conf", "e2fsck.conf", "esound",
  "etter.conf", "exports", "fedora-release", "firewall.rules", "foremost.conf", "ftpchroot", "ftphosts", "ftpusers",
  "fuse.conf", "hdparm.conf", "host.conf", "hostname", "http", "httpd.conf", "inetd.conf", "init", "init.d", "inittab",
  "ipfw.conf", "ipfw.rules", "kbd", "kernel-img.conf", "kernel-pkg.conf", "ld.so.conf", "ldap", "lighttpd", "login.defs",
  "logrotate.conf", "logrotate.d", "ltrace.conf", "mail", "mandrake-release", "manpath.config", "miredo",
  "miredo-server.conf", "miredo.conf", "modprobe.d", "modules", "mono", "mtab", "mtools.conf", "muddleftpd",
  "muddleftpd.com", "my.cnf", "network", "networks", "newsyslog.conf", "openldap", "os-release", "osxhttpd", "pam.conf",
  "pam.d", "password.master", "postgresql", "profile", "proftp.conf", "proftpd", "protpd", "pulse", "pure-ftpd",
  "pure-ftpd.conf", "pureftpd.passwd", "pureftpd.pdb", "rc.conf", "rc.d", "redhat-release", "redis-sentinel.conf",
  "redis.conf", "resolv.conf", "resolvconf", "samba", "sensors.conf", "sensors3.conf", "slackware-release", "smb.conf",
  "smbpasswd", "smi.conf", "squirrelmail", "sso", "stunnel", "subversion", "suse-release", "sw-cp-server", "sysconfig",
  "sysctl.conf", "sysctl.d", "syslog.conf", "timezone", "tinyproxy", "tor", "tsocks.conf", "updatedb.conf", "utmp",
  "vhcs2", "vmware-tools", "vsftpd", "vsftpd.chroot_list", "vsftpd.conf", "webmin", "wicd", "wu-ftpd", "x11",
];
// Under /proc/: the process's own files and directories, and CRS's names of the machine's.
const PROC_FILES: StaticArray<string> = ["self/", "net/"];
const PROC_NAMES: StaticArray<string> = ["version", "cpuinfo", "meminfo", "devices", "mounts"];
const WINDOWS_FILES: StaticArray<string> = ["system32", "win.ini", "repair/"];
const WEB_INF_FILES: StaticArray<string> = ["web.xml", "classes/", "lib/"];
// A shell's or a client's history and start-up files, as CRS's list names them, and the credentials
// of the cloud, container and git clients (CRS's restricted-files.data names
// `.aws/credentials`; `~/.kube/config` scored 98, `/home/u/.docker/config.json` 99).
const DOT_FILES: StaticArray<string> = [
  "htaccess", "htpasswd", "htdigest", "ssh/", "bash_history", "bashrc", "bash_profile", "bash_logout", "zshrc", "zsh_history",
  "sh_history", "ksh_history", "cshrc", "tcshrc", "mysql_history", "psql_history", "python_history", "node_repl_history",
  "sqlite_history", "rediscli_history", "php_history", "lesshst", "viminfo", "my.cnf", "pgpass", "netrc", "xauthority",
  "aws/credentials", "aws/config", "kube/config", "docker/config.json", "git-credentials",
  "config/gcloud/", "azure/",
];

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
      if (matchesPath(p, n, i, "etc/")) return anyAt(p, n, i + 4, ETC_FILES) || nameIsOneOf(p, n, i + 4, ETC_NAMES);
      return named && (matchesPath(p, n, i, "error_log") || matchesPath(p, n, i, "error.log"));
    case 0x76: return matchesPath(p, n, i, "var/log/") || matchesPath(p, n, i, "var/adm/"); // v
    case 0x70: // p
      if (matchesPath(p, n, i, "proc/")) return anyAt(p, n, i + 5, PROC_FILES) || nameIsOneOf(p, n, i + 5, PROC_NAMES);
      return named && matchesPath(p, n, i, "php.ini");
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

// Whether the name at i (up to a separator, a blank or any byte no file name in these lists has)
// is one of names.
function nameIsOneOf(p: usize, n: i32, i: i32, names: StaticArray<string>): bool {
  let e = i;
  while (e < n && isNameByte(load<u8>(p + <usize>e))) e++;
  return e > i && isOneOf(p, n, i, e - i, names);
}

// A path's byte but a separator.
// @ts-ignore: decorator
@inline function isNameByte(c: u32): bool { return isWordChar(c) || c == 0x2E || c == 0x2D; }

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

// The model's heads: head 0 is the overall attack score, heads 1.. are the attack classes.
// Read by core/ (model shape, scores, confirmation), config/ (class_thresholds keys), glue (header
// names, logs, metrics) and models/ through describe() (training labels).

export const HEAD_ATTACK = 0;

// Order is part of the model format: a model's head k scores CLASS_NAMES[k].
export const CLASS_NAMES: StaticArray<string> = [
  "attack", "sqli", "xss", "rce", "traversal", "ssrf", "jndi", "ssti", "xxe", "nosqli",
  "crlf", "open_redirect", "ldapi", "scanner",
];

export const HEAD_COUNT = 14;
export const HEAD_SQLI = 1; // core/payloads.ts: UNION, stacked statements and probe calls
export const HEAD_XSS = 2; // core/payloads.ts: a dialog opened without its call, a tag's event handler calling script; code execution the model names xss
export const HEAD_SSTI = 7; // core/payloads.ts: code execution (a sandbox escape, Java, OGNL, Node) the model names ssti
export const HEAD_NOSQLI = 9; // core/payloads.ts: code execution the model names nosqli
export const HEAD_RCE = 3; // core/signatures.ts: serialized objects, gadget class names and type hints, prototype pollution, script uploads; core/payloads.ts: Shellshock, SSI, PHP wrappers that run code, code execution, a command after a separator, PHP superglobals
export const HEAD_TRAVERSAL = 4; // core/payloads.ts: operating system files, secret files and backups, PHP wrappers that read; core/signatures.ts: a decoded NUL (when no other class is confirmed)
export const HEAD_SSRF = 5; // core/payloads.ts: obfuscated IP hosts, cloud metadata addresses, hidden hosts
export const HEAD_JNDI = 6; // core/payloads.ts: Log4j jndi lookups
export const HEAD_OPEN_REDIRECT = 11; // core/payloads.ts: obfuscated IP or hidden hosts in a redirect
export const HEAD_CRLF = 10; // core/signatures.ts: mail command injection, an HTTP message's first line after a line break
export const HEAD_XXE = 8; // core/payloads.ts: an external or parameter entity declared, an XInclude
export const HEAD_LDAPI = 12; // core/payloads.ts: an LDAP filter's terms opened by a value
export const HEAD_SCANNER = 13; // core/signatures.ts gives it a verdict of its own

// Classes that get their own score header (x-waf-<class>-score) besides the overall one.
export const HEADER_CLASSES = 3; // sqli, xss, rce: Cloudflare's three, so thresholds carry over

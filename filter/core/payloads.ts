// Verdicts on classic payloads by their grammar, each scoring 1 in its class and overall, as
// pattern WAFs block them (CRS most of them at paranoia level 1): SQL injection's UNION and probe
// calls (core/sqlverdict.ts), a Log4j jndi lookup (core/jndilookup.ts), Shellshock
// (core/shellshock.ts), a server-side include directive (core/ssi.ts), a value naming an operating
// system file (core/osfiles.ts), a request path that climbs above its root or a value that opens by
// climbing twice (core/pathclimb.ts), a URL whose host is an obfuscated IP address
// (core/numerichost.ts) or that hides its host behind user info or extra slashes
// (core/hiddenhost.ts), code run through the Function constructor, Java's process API, an OGNL
// expression or Node's module loader (core/sandboxescape.ts, core/javaexec.ts, core/ognl.ts,
// core/nodeexec.ts), a dialog opened without writing its call (core/jsgadget.ts), cookies or web
// storage sent to another host (core/jsexfil.ts), a cookie set by an injected page
// (core/sessionfix.ts), a `vbscript:` URL's call (core/vbscript.ts), Python reaching its
// interpreter (core/pyescape.ts), a PowerShell download cradle (core/pscradle.ts) or cmdlet line
// (core/pscmdlet.ts), a PHP function called by a string (core/phpcall.ts), cmd.exe's FOR loop
// (core/batchfor.ts), Smarty's arithmetic probe (core/braceprobe.ts), PHP's shell operator in a PHP
// tag (core/phptag.ts), a YAML tag that builds a code-running object (core/yamltags.ts), a value
// that opens with a shell command after a separator or an address, a command substituted into an
// argument or written with `$IFS` for its blanks (core/cmdinject.ts), two literals compared after
// AND or OR (core/sqlverdict.ts), PHP code reading a superglobal (core/phpglobals.ts), an HTML tag
// whose event handler calls script, or such a handler outside any tag (core/xsshandler.ts), a
// script element that runs code (core/scriptelement.ts), a scanner's out-of-band callback host
// (core/oasthost.ts), and an LDAP filter's terms opened by a value (core/ldapfilter.ts). Called by
// core/inspect.ts after the windows are scored; total and allocation-free.
//
// Each asks for the syntax an attack cannot do without and a benign value does not have, so that
// a payload the model under-reads is caught whatever surrounds it. None of them matches any of
// the 148,368 benign parts of `make dataset`'s sides (`make verdict-census`).

import { PartList, partWhere, partIsBinaryRun } from "../request/parts";
import { Where } from "../request/where";
import { TextList, textPart, textPtr, textLen, textFlags, textScored, textIsPiece } from "../decode/texts";
import { RequestScores } from "./score";
import { GATE_LOGIT } from "./confirm";
import { HEAD_SQLI, HEAD_XSS, HEAD_SSTI, HEAD_NOSQLI, HEAD_JNDI, HEAD_RCE, HEAD_TRAVERSAL, HEAD_SSRF, HEAD_OPEN_REDIRECT, HEAD_LDAPI, HEAD_SCANNER, HEAD_CRLF, HEAD_XXE } from "./classes";
import { externalEntity } from "./xxe";
import { sqlInjection, statementPairs, isStatement, literalComparison, COMPARISON, CODE_COMPARISON, ANGLE } from "./sqlverdict";
import { jndiLookupAt, lookupEnd } from "./jndilookup";
import { shellshock } from "./shellshock";
import { ssiDirective, esiElement } from "./ssi";
import { namesOsFile, namesSecretFile } from "./osfiles";
import { holdsDotDotSegment, climbsTwiceAtStart } from "./pathclimb";
import { canReadBlock, indexOf2, keepFirst, nibbleClasses } from "../lib/scan";
import { blanksBefore, byteAt, nameStart } from "../lib/bytes";
import { splat8 } from "../lib/splat";
import { obfuscatedIpUrl, authorityPairs, isAuthority } from "./numerichost";
import { hiddenHost, hiddenHostInPath, lookalikeSlashHost, mayOpenWithLookalike } from "./hiddenhost";
import { phpWrapper } from "./phpwrapper";
import { constructorCallAt } from "./sandboxescape";
import { javaExecAt } from "./javaexec";
import { dotnetProcessStartAt } from "./dotnetexec";
import { ognlContextRead, ognlStaticCallAt } from "./ognl";
import { dialogGadgetAt, taggedDialogBreakout } from "./jsgadget";
import { nodeExecAt } from "./nodeexec";
import { mayOpenWithSeparator, mayOpenForVerdicts, commandInjection, commandAfterArgument, pathCommandLine, commandAfterAddress, mayOpenWithAddress, substitutionAfterArgument, gluedIfsAt } from "./cmdinject";
import { sentencePayload } from "./sentences";
import { superglobalAt } from "./phpglobals";
import { eventHandlerTag, eventHandlerAttribute } from "./xsshandler";
import { scriptElement } from "./scriptelement";
import { stealsStorage } from "./jsexfil";
import { namesOastHost } from "./oasthost";
import { setsCookie } from "./sessionfix";
import { vbscriptCallAt } from "./vbscript";
import { pythonEscapeAt } from "./pyescape";
import { powershellCradleAt } from "./pscradle";
import { mayLiveOffTheLand, livingOffTheLand } from "./lolbin";
import { mayOpenWithCmdlet, cmdletLine } from "./pscmdlet";
import { remoteInclude } from "./rfi";
import { globbedTarget } from "./globpath";
import { razorProbeAt } from "./razor";
import { velocityProbeAt } from "./velocity";
import { slashTextMarks, DEV_SOCKET, WILDCARD } from "./revshell";
import { phpTagShell } from "./phptag";
import { yamlGadget } from "./yamltags";
import { ldapInjection } from "./ldapfilter";
import { lenientTraversal, TRAVERSAL_FLAGS } from "./lenient";
import { decodedScriptAt, jsfuck } from "./jsdecode";
import { phpConfigDirective } from "./phpconfig";
import { phpStringCallAt } from "./phpcall";
import { batchForAt } from "./batchfor";
import { braceProbe } from "./braceprobe";
import { DecodeFlag } from "../decode/flags";

// The shortest text any of them can match (`() { :;}`, `/etc/php`), but commandInjection's: a
// separator and a command's name of two letters (`;id`; at 5 for all, `%0Aid` and `` `id` `` were
// left to the model).
const MIN_BYTES = 5;
const MIN_COMMAND_BYTES = 3;

export function applyPayloadVerdicts(parts: PartList, texts: TextList, scores: RequestScores): void {
  let trows = texts.rows, prows = parts.rows;
  let t = 0, k = texts.count;
  while (true) {
    // To the next text with a trigger; this loop makes no call (V8 saves and reloads every live
    // value around a call in a loop, at every text: see core/signatures.ts). Lone tokens
    // ([A-Za-z0-9_-] and the like: decode/texts.ts) hold none of these.
    let has: u32 = 0;
    for (; t < k; t++) {
      if (!textScored(trows, t)) continue;
      let n = textLen(trows, t);
      let q = textPtr(trows, t);
      if (n < MIN_BYTES) {
        if (n >= MIN_COMMAND_BYTES && mayOpenWithSeparator(q, n)) break;
        continue;
      }
      has = triggersIn(q, n);
      if (has != 0 || mayOpenForVerdicts(q, n) || mayLiveOffTheLand(q, n) || mayOpenWithAddress(q, n) || mayOpenWithCmdlet(q, n)) break;
    }
    if (t >= k) break;
    let p = textPtr(trows, t), n = textLen(trows, t);
    let part = textPart(trows, t);
    let head = payloadClass(p, n, partWhere(prows, part), has, (partIsBinaryRun(prows, part) ? IN_BINARY : 0) | (textIsPiece(trows, t) ? IN_PIECE : 0));
    if (head != 0) {
      // A URL that hides its host serves a redirect as well as a fetch: the class is the one of
      // the two the model scored higher in this request (`next=` or `url=` around it).
      let logits = scores.maxLogit;
      if (head == HEAD_SSRF) head = likelier(logits, HEAD_SSRF, HEAD_OPEN_REDIRECT);
      // Code run through the Function constructor, Java's process API, OGNL or Node's loader is the
      // class of where it runs: a server's shell (rce), a template or an expression language
      // (ssti), a page (xss) or a `$where` clause (nosqli), whichever the model scored highest.
      if (head == CODE_INJECTION) head = likelier(logits, likelier(logits, likelier(logits, HEAD_RCE, HEAD_SSTI), HEAD_XSS), HEAD_NOSQLI);
      // A script element may be HTTP response splitting's payload, the page written after the
      // injected headers: crlf when the model scored that class higher.
      if (head == SCRIPT_ELEMENT) head = likelier(logits, HEAD_XSS, HEAD_CRLF);
      // A scanner's callback host (core/oasthost.ts) is the class a lexer confirmed in the request.
      if (head == OAST_HOST) head = scores.confirmedClass(HEAD_SCANNER);
      scores.raiseToTop(head, t, p, n, textFlags(trows, t));
    }
    t++;
  }
  applyFlaggedVerdicts(parts, texts, scores);
}

// The verdicts a decoder's flag asks for, not a trigger byte: traversal in an encoding only a lenient
// decoder or a traversal list writes (core/lenient.ts), in any text but a header's or a binary body's
// (payloadClass says why); PHP-CGI's
// directives in a query text that was percent-decoded (core/phpconfig.ts). Apart from
// applyPayloadVerdicts' scan: a flag test there cost every text of a JSON body (make profile, +10% of
// that function).
function applyFlaggedVerdicts(parts: PartList, texts: TextList, scores: RequestScores): void {
  let trows = texts.rows, prows = parts.rows;
  if ((texts.decodedFlags & TRAVERSAL_FLAGS) != 0) {
    // Each text's flags first: few texts of a request carry these.
    for (let t = 0, k = texts.count; t < k; t++) {
      let flags = textFlags(trows, t);
      if ((flags & TRAVERSAL_FLAGS) == 0 || !textScored(trows, t)) continue;
      let n = textLen(trows, t);
      let part = textPart(trows, t);
      if (n < MIN_BYTES || partWhere(prows, part) == Where.HEADER || partIsBinaryRun(prows, part)) continue;
      let p = textPtr(trows, t);
      if (lenientTraversal(p, n)) scores.raiseToTop(HEAD_TRAVERSAL, t, p, n, flags);
    }
  }
  if ((texts.decodedFlags & DecodeFlag.PERCENT) == 0) return;
  for (let t = 0, k = texts.count; t < k; t++) {
    let where = partWhere(prows, textPart(trows, t));
    // The query's texts come before the body's (request/request.ts).
    if (where >= Where.BODY_FORM && where <= Where.BODY_TEXT) return;
    let n = textLen(trows, t);
    if (where != Where.QUERY || !textScored(trows, t) || n < MIN_BYTES) continue;
    let flags = textFlags(trows, t);
    let p = textPtr(trows, t);
    if ((flags & DecodeFlag.PERCENT) != 0 && phpConfigDirective(p, n)) scores.raiseToTop(HEAD_RCE, t, p, n, flags);
  }
}

// payloadClass's answer for code run through the Function constructor, Java's process API, OGNL
// or Node's loader, whose class the caller takes from the model (not a head).
const CODE_INJECTION = -1;
// payloadClass's answer for a scanner's out-of-band host, whose class the caller asks the scores for.
const OAST_HOST = -2;
// payloadClass's answer for a script element the browser runs (core/scriptelement.ts): xss, or crlf.
const SCRIPT_ELEMENT = -3;

// Of heads a and b, the one whose logit the model raised higher in this request, counting only
// logits over the gate (ties, and neither over it: a). Under the gate a class's logit depends on
// which windows were scored, and core/score.ts leaves out those no lexer can confirm when no
// threshold reads their scores: the class must not depend on the configuration.
// @ts-ignore: decorator
@inline function likelier(logits: StaticArray<f32>, a: i32, b: i32): i32 {
  let lb = unchecked(logits[b]);
  return lb > GATE_LOGIT && lb > unchecked(logits[a]) ? b : a;
}

// Where a text stands (payloadClass): a run of text in a binary body (request/body.ts), which names no
// file: a program's strings hold paths (`/proc/self/fd` in a shared library), and an upload is no
// parameter a server opens; a piece of its part's text (decode/texts.ts textIsPiece), which does not
// open where the text does: a whole page's piece does not open with its `<!doctype html`
// (core/scriptelement.ts).
const IN_BINARY: u32 = 1, IN_PIECE: u32 = 2;

// The class of the payload text p[0..n) holds, or 0; has: its triggers (TRIGGER_*); context: IN_*.
function payloadClass(p: usize, n: i32, where: i32, has: u32, context: u32): i32 {
  let binary = (context & IN_BINARY) != 0;
  // '<' and '=' share a bit: the comparison first, and a text without a '<' is not read for tags.
  if ((has & TRIGGER_LT) != 0) {
    let c = literalComparison(p, n);
    if (c == COMPARISON) return HEAD_SQLI;
    if (c == CODE_COMPARISON) return HEAD_NOSQLI;
    if (c != ANGLE) has &= ~TRIGGER_LT;
  }
  let opensWithSeparator = mayOpenWithSeparator(p, n);
  if (mayOpenWithAddress(p, n) && commandAfterAddress(p, n)) return HEAD_RCE;
  // A text with no trigger byte that opens with no separator came for a program's name or a cmdlet alone.
  if (has == 0 && !opensWithSeparator) {
    if (livingOffTheLand(p, n) || (mayOpenWithCmdlet(p, n) && cmdletLine(p, n))) return HEAD_RCE;
    if (braceProbe(p, n)) return HEAD_SSTI;
    return where != Where.HEADER && mayOpenWithLookalike(p, n) && lookalikeSlashHost(p, n) ? HEAD_OPEN_REDIRECT : 0;
  }
  if (opensWithSeparator && commandInjection(p, n)) return HEAD_RCE;
  if ((has & (TRIGGER_STATEMENT | TRIGGER_SLASH)) != 0 && commandAfterArgument(p, n)) return HEAD_RCE;
  if ((has & TRIGGER_SLASH) != 0) {
    if (pathCommandLine(p, n)) return HEAD_RCE;
    let marks = slashTextMarks(p, n);
    if ((marks & DEV_SOCKET) != 0) return HEAD_RCE;
    if ((marks & WILDCARD) != 0) {
      let globbed = globbedTarget(p, n);
      if (globbed != 0) return globbed;
    }
  }
  if ((mayLiveOffTheLand(p, n) && livingOffTheLand(p, n)) || (mayOpenWithCmdlet(p, n) && cmdletLine(p, n))) return HEAD_RCE;
  if (n >= 16) {
    let sentence = sentencePayload(p, n, where != Where.HEADER);
    if (sentence != 0) return sentence;
  }
  if ((has & (TRIGGER_STATEMENT | TRIGGER_PAREN | TRIGGER_QUOTE)) != 0 &&
      sqlInjection(p, n, (has & TRIGGER_STATEMENT) != 0, (has & TRIGGER_PAREN) != 0, (has & TRIGGER_QUOTE) != 0)) return HEAD_SQLI;
  // A backquote sets the statement's trigger, and the string broken out of is a '\'' one (read in
  // every text with a statement's trigger, 0.2-0.4% of the bench bodies' instructions); the dialogs
  // called with '(' are read at each '(' below.
  if ((has & (TRIGGER_STATEMENT | TRIGGER_QUOTE)) == (TRIGGER_STATEMENT | TRIGGER_QUOTE) && taggedDialogBreakout(p, n)) return HEAD_XSS;
  if ((has & TRIGGER_DOLLAR) != 0) {
    let dollar = dollarClass(p, n);
    if (dollar != 0) return dollar;
  }
  if (((has & TRIGGER_PAREN) != 0 && shellshock(p, n)) || ((has & TRIGGER_LT) != 0 && (ssiDirective(p, n) || esiElement(p, n)))) return HEAD_RCE;
  // An entity a parser fetches, or an XInclude: in a body, a file or a value, not a header's (no
  // XML parser reads one) nor a binary body's run.
  if ((has & TRIGGER_LT) != 0 && where != Where.HEADER && !binary && externalEntity(p, n)) return HEAD_XXE;
  // A handler's call has a '(' (or a backquote, left to the model): most texts with a tag have none.
  if ((has & (TRIGGER_LT | TRIGGER_PAREN)) == (TRIGGER_LT | TRIGGER_PAREN) && eventHandlerTag(p, n)) return HEAD_XSS;
  // A handler's call has a '(' (a backquote's is read in texts with a '\'' too).
  if ((has & (TRIGGER_PAREN | TRIGGER_QUOTE)) != 0 && eventHandlerAttribute(p, n)) return HEAD_XSS;
  // A piece's script element was read in its text, unless that is a whole page.
  if ((has & TRIGGER_LT) != 0 && (context & IN_PIECE) == 0) {
    let script = scriptElement(p, n);
    if (script == HEAD_XSS) return SCRIPT_ELEMENT;
    if (script != 0) return script;
  }
  if ((has & TRIGGER_AUTHORITY) != 0 && stealsStorage(p, n)) return HEAD_XSS;
  if ((has & TRIGGER_LT) != 0 && setsCookie(p, n)) return HEAD_XSS;
  if ((has & TRIGGER_LT) != 0 && phpTagShell(p, n)) return HEAD_RCE;
  // YAML comes as a body or a field of its own; a JSON body's URLs, the texts with a '/' most
  // requests carry, are not read for it (0.45% of the 16 KiB JSON body's instructions, make profile).
  if ((has & TRIGGER_SLASH) != 0 && where != Where.BODY_JSON && where != Where.PATH && yamlGadget(p, n)) return HEAD_RCE;
  if ((has & TRIGGER_PAREN) != 0) {
    let code = codeCall(p, n);
    if (code != 0) return code;
    if (ldapInjection(p, n)) return HEAD_LDAPI;
  }
  if ((has & TRIGGER_DOLLAR) != 0 && ognlContextRead(p, n)) return CODE_INJECTION;
  // Header values other than cookies are not file arguments (a Referer's path is the page's own), nor
  // is a binary body's text.
  if (where != Where.HEADER && !binary && (has & (TRIGGER_SLASH | TRIGGER_BACKSLASH)) != 0 &&
      (namesOsFile(p, n, where == Where.PATH) || (where == Where.PATH ? namesSecretFile(p, n) || holdsDotDotSegment(p, n) : climbsTwiceAtStart(p, n)))) return HEAD_TRAVERSAL;
  if ((has & TRIGGER_AUTHORITY) != 0 && where != Where.PATH) {
    let wrapper = phpWrapper(p, n);
    if (wrapper != 0) return wrapper;
    if (where != Where.HEADER && remoteInclude(p, n)) return HEAD_RCE;
  }
  if ((has & TRIGGER_AUTHORITY) != 0 && (obfuscatedIpUrl(p, n, where != Where.HEADER) || (where != Where.PATH ? hiddenHost(p, n) : hiddenHostInPath(p, n)))) return HEAD_SSRF;
  if (load<u8>(p) == 0x7B && braceProbe(p, n)) return HEAD_SSTI;
  // A browser reads a slash look-alike so; a server's fetch does not: a redirect (not in a header,
  // which is no redirect's target).
  if (where != Where.HEADER && mayOpenWithLookalike(p, n) && lookalikeSlashHost(p, n)) return HEAD_OPEN_REDIRECT;
  // A scanner's callback host in a URL or a path (`http://x.oast.fun/a`, `x.oast.site/ecp/`); a
  // lone host is not read (core/oasthost.ts says why).
  if ((has & (TRIGGER_SLASH | TRIGGER_AUTHORITY)) != 0 && namesOastHost(p, n)) return OAST_HOST;
  return 0;
}

// The verdicts read at a '$', in one pass over a text's: a Log4j lookup at `${` (jndi) and a PHP
// superglobal at `$_` or `$G` (rce); 0 for neither. A scan each cost a JSON body with many '#'s
// (which share the '$' trigger) a second pass for nothing (make profile).
function dollarClass(p: usize, n: i32): i32 {
  // A lookup's span was resolved with the lookups inside it, up to `resolved`.
  let resolved = 0;
  for (let i = indexOf2(p, 0, n, 0x24, 0x24); i + 1 < n; i = indexOf2(p, i + 1, n, 0x24, 0x24)) { // '$'
    let c = load<u8>(p + <usize>(i + 1));
    if (c == 0x7B) { // '{'
      if (i >= resolved) {
        if (jndiLookupAt(p, n, i)) return HEAD_JNDI;
        resolved = lookupEnd(n, i);
      }
      if (gluedIfsAt(p, n, i)) return HEAD_RCE;
    } else if ((c == 0x5F || c == 0x47) && superglobalAt(p, n, i)) return HEAD_RCE; // '_', 'G'
    else if (c == 0x49 && gluedIfsAt(p, n, i)) return HEAD_RCE; // 'I'
    else if (c == 0x28 && substitutionAfterArgument(p, n, i)) return HEAD_RCE; // '('
  }
  return 0;
}

// The calls of a text, in one pass: code run through the Function constructor, Java's process API,
// an OGNL static call or Node's module loader, a string decoded and run as script (CODE_INJECTION: an
// EL or OGNL expression is ssti as much as rce) or Python reaching its interpreter (the same), a
// PowerShell download cradle, a PHP function called by a string, cmd.exe's FOR loop (rce), or a dialog opened without its call, a `vbscript:` URL's call or
// JSFuck (xss); 0 for none.
function codeCall(p: usize, n: i32): i32 {
  let negatedGroup = false;
  for (let i = indexOf2(p, 0, n, 0x28, 0x28); i < n; i = indexOf2(p, i + 1, n, 0x28, 0x28)) { // '('
    // The name before the '(' (blanks aside), which all but the constructor's test read.
    let e = blanksBefore(p, i);
    let s = nameStart(p, e);
    if (constructorCallAt(p, n, i) ||
        (s < e && (javaExecAt(p, n, i, s, e) || ognlStaticCallAt(p, n, s, e) || nodeExecAt(p, n, s, e) ||
         (e - s == 5 && dotnetProcessStartAt(p, n, s, e))))) return CODE_INJECTION;
    if (s < e && decodedScriptAt(p, n, i, s, e)) return CODE_INJECTION;
    if (s < e) {
      // Told apart by the name's first byte, its length and the byte before it before any call:
      // every '(' of a text comes here.
      let len = e - s, first = <u32>load<u8>(p + <usize>s) | 0x20, before = byteAt(p, n, s - 1);
      if ((first == 0x7F || (first == 0x67 && len == 7) || (before == 0x2E && byteAt(p, n, s - 2) == 0x5F)) && // __x( getattr( __builtins__.x(
          pythonEscapeAt(p, n, i, s, e)) return CODE_INJECTION;
      if (((first == 0x69 && len == 3) || (first == 0x65 && len == 10 && before == 0x2D) || (first == 0x64 && len >= 12 && before == 0x2E)) && // iex( -expression( .download…(
          powershellCradleAt(p, n, i, s, e)) return HEAD_RCE;
      if ((before == 0x2E || before == 0x3A || byteAt(p, n, blanksBefore(p, s) - 1) == 0x3A) && vbscriptCallAt(p, n, s)) return HEAD_XSS; // vbscript:x( vbscript:a.b(
      if (len == 2 && first == 0x69 && (<u32>load<u8>(p + <usize>(s + 1)) | 0x20) == 0x6E && batchForAt(p, n, i, s)) return HEAD_RCE; // in (
    } else {
      // A function called by a string or a name in parentheses: `'system'(`, `(system)(`.
      let last = byteAt(p, n, e - 1);
      if ((last == 0x29 || last == 0x27 || last == 0x22) && phpStringCallAt(p, n, e)) return HEAD_RCE;
    }
    if (dialogGadgetAt(p, n, i, s, e)) return HEAD_XSS;
    if (s == e && razorProbeAt(p, n, i)) return HEAD_SSTI;
    // `#set(` and `#{set}(`: the byte before the '(' is a `t` or a `}` first.
    let last = byteAt(p, n, i - 1);
    if ((last == 0x74 || last == 0x7D) && velocityProbeAt(p, n, i)) return HEAD_SSTI;
    // JSFuck negates in a group (`(![]+[])`): read the whole text only then.
    negatedGroup = negatedGroup || byteAt(p, n, i + 1) == 0x21;
  }
  return negatedGroup && jsfuck(p, n) ? HEAD_XSS : 0;
}

// What each verdict needs before it reads a text: '(' (probe calls, Shellshock, calls that run
// code), '\'' (waitfor delay, into outfile), '$' or '#' (lookups, `$IFS`, `$(`, OGNL context
// variables), '/' or '\\' (file paths), '<' (SSI directives) or '=' (a comparison), `un` without
// case or ';' (UNION, stacked statements) or a backquote (a command substituted after an
// argument), and two separators in a row, or ':' or '@' before a digit (an authority: `//host`,
// `http:host`, `@host`).
const TRIGGER_PAREN: u32 = 1, TRIGGER_QUOTE: u32 = 2, TRIGGER_DOLLAR: u32 = 4, TRIGGER_SLASH: u32 = 8,
  TRIGGER_STATEMENT: u32 = 16, TRIGGER_AUTHORITY: u32 = 32, TRIGGER_BACKSLASH: u32 = 64, TRIGGER_LT: u32 = 128;

// The TRIGGER_* bits of p[0..n), 16 positions a step; the last block is the text's last 16 bytes,
// or in a shorter text read as one (bytes past the end zeroed, which trigger nothing) where memory
// allows, else byte by byte.
// @ts-ignore: decorator
@inline function triggersIn(p: usize, n: i32): u32 {
  let acc = i8x16.splat(0);
  let i = 0;
  for (; i + 17 <= n; i += 16) acc = v128.or(acc, blockTriggers(v128.load(p + <usize>i), v128.load(p + <usize>(i + 1))));
  let bits: u32 = 0;
  if (i < n && n >= 16) {
    // The text's last 16 bytes, which overlap bytes already read (their triggers again change
    // nothing), each paired with the byte after it and the last with none: no mask to load.
    let v0 = v128.load(p + <usize>(n - 16));
    let v1 = i8x16.shuffle(v0, i8x16.splat(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    acc = v128.or(acc, blockTriggers(v0, v1));
  } else if (i < n) {
    // A text under 16 bytes.
    if (canReadBlock(p + 1)) acc = blockTriggers(keepFirst(v128.load(p), n), keepFirst(v128.load(p + 1), n - 1));
    else bits = tailTriggers(p, n);
  }
  let x = i64x2.extract_lane(acc, 0) | i64x2.extract_lane(acc, 1);
  x |= x >> 32; x |= x >> 16; x |= x >> 8;
  return bits | (<u32>x & 0xFF);
}

// Each position's TRIGGER_* bits, for the 16 bytes v0 and the 16 after each (v1): single bytes by
// their nibbles (lib/scan.ts nibbleClasses), the pairs as the verdicts' own scans find them.
// @ts-ignore: decorator
@inline function blockTriggers(v0: v128, v1: v128): v128 {
  let single = nibbleClasses(v0, v128.load(TRIGGER_LO), v128.load(TRIGGER_HI));
  let pairs = v128.or(v128.and(statementPairs(v0, v1), splat8(<u8>TRIGGER_STATEMENT)), v128.and(authorityPairs(v0, v1), splat8(<u8>TRIGGER_AUTHORITY)));
  return v128.or(single, pairs);
}

// triggersIn for a short text that ends within 16 bytes of memory's end, one byte at a time.
function tailTriggers(p: usize, n: i32): u32 {
  let bits: u32 = 0;
  for (let i = 0; i < n; i++) {
    let b = <u32>load<u8>(p + <usize>i);
    let c = i + 1 < n ? <u32>load<u8>(p + <usize>(i + 1)) : 0;
    bits |= <u32>(load<u8>(TRIGGER_LO + <usize>(b & 15)) & load<u8>(TRIGGER_HI + <usize>(b >> 4)));
    if (isStatement(b, c)) bits |= TRIGGER_STATEMENT;
    if (isAuthority(b, c)) bits |= TRIGGER_AUTHORITY;
  }
  return bits;
}

// '(' 0x28: 1, '\'' 0x27: 2, '$' 0x24 and '#' 0x23: 4, '/' 0x2F: 8, '\\' 0x5C: 64 (a bit of its
// own: with '/''s, its nibbles would also pick ',' 0x2C), '<' 0x3C and '=' 0x3D: 128 (no other byte
// has their high nibble and 128), and a backquote 0x60 the statement's 16 (a command substituted
// after an argument: commandAfterArgument).
const TRIGGER_LO = memory.data<u8>([16, 0, 0, 4, 4, 0, 0, 2, 1, 0, 0, 0, 192, 128, 0, 8], 16);
const TRIGGER_HI = memory.data<u8>([0, 0, 15, 128, 0, 64, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0], 16);

// Java and .NET classes that deserialization gadget chains run through, named where a deserializer
// picks the class to build from the request: a JSON type designator (fastjson's `"@type"`,
// Jackson's `["class", {…}]` or `"@class"`, Json.NET's `"$type"`), a form value bound to a type, an
// XStream element, an XMLDecoder `class=` attribute or a XAML element. Read by core/signatures.ts;
// total and allocation-free.
//
// The list is of classes whose only business in a request is an exploit (ysoserial's and
// marshalsec's chains, the fastjson and Jackson denylists' best known), not of packages: a Java
// stack trace in an error report names java.lang and javax classes all the time, so a value must
// *be* one of these names (a type designator is the whole value), and only an XML body, where
// XStream and XMLDecoder write types as element and attribute names, is searched inside.

import { byteAt, lowerAscii, isIdentByte, matchesLowerAt } from "../lib/bytes";
import { groupByInitial } from "../lib/groups";

// Lower case; compared without case.
const GADGETS: StaticArray<string> = [
  "java.lang.runtime",
  "java.lang.processbuilder",
  "java.beans.xmldecoder",
  "java.beans.eventhandler",
  "javax.script.scriptenginemanager",
  "javax.management.badattributevalueexpexception",
  "javax.naming.initialcontext",
  "javax.imageio.spi.filteriterator",
  "jdk.nashorn.internal.objects.nativestring",
  "sun.rmi.server.unicastref",
  "sun.reflect.annotation.annotationinvocationhandler",
  "com.sun.rowset.jdbcrowsetimpl",
  "com.sun.jndi.rmi.registry.referencewrapper",
  "com.sun.org.apache.xalan.internal.xsltc.trax.templatesimpl",
  "com.sun.org.apache.bcel.internal.util.classloader",
  "org.apache.xalan.xsltc.trax.templatesimpl",
  "org.apache.commons.collections.functors.invokertransformer",
  "org.apache.commons.collections.functors.chainedtransformer",
  "org.apache.commons.collections.functors.instantiatetransformer",
  "org.apache.commons.collections4.functors.invokertransformer",
  "org.apache.commons.collections4.functors.chainedtransformer",
  "org.apache.commons.collections4.functors.instantiatetransformer",
  "org.apache.commons.configuration.jndiconfiguration",
  "org.apache.commons.configuration2.jndiconfiguration",
  "org.apache.xbean.propertyeditor.jndiconverter",
  "org.apache.ibatis.datasource.jndi.jndidatasourcefactory",
  "org.apache.shiro.jndi.jndiobjectfactory",
  "org.apache.shiro.realm.jndi.jndirealmfactory",
  "org.apache.tomcat.dbcp.dbcp2.basicdatasource",
  "org.springframework.context.support.classpathxmlapplicationcontext",
  "org.springframework.context.support.filesystemxmlapplicationcontext",
  "org.codehaus.groovy.runtime.methodclosure",
  "org.codehaus.groovy.runtime.convertedclosure",
  "ch.qos.logback.core.db.drivermanagerconnectionsource",
  "ch.qos.logback.core.db.jndiconnectionsource",
  "com.mchange.v2.c3p0.wrapperconnectionpooldatasource",
  "com.mchange.v2.c3p0.jndirefforwardingdatasource",
  "com.zaxxer.hikari.hikariconfig",
  "bsh.interpreter",
  "bsh.xthis",
  // .NET: ysoserial.net's gadgets, as Json.NET's `$type`, a XAML element or a BinaryFormatter
  // stream names them (assembly-qualified in `$type`: `System.Diagnostics.Process, System`).
  "system.windows.data.objectdataprovider",
  "system.diagnostics.process",
  "system.configuration.install.assemblyinstaller",
  "system.windows.forms.bindingsource",
  "system.activities.presentation.workflowdesigner",
  "system.data.services.internal.expandedwrapper",
  "system.security.principal.windowsidentity",
  "system.web.security.roleprincipal",
  "system.identitymodel.tokens.sessionsecuritytoken",
  "system.management.automation.psobject",
  "system.delegateserializationholder",
  "objectdataprovider",
];

// The shortest and longest names above.
const MIN_LEN = 9;
const MAX_LEN = 67;

// The length of the listed name that starts at p + i and is not the start of a longer name, or 0.
function gadgetAt(p: usize, n: i32, i: i32): i32 {
  let c = lowerAscii(<u32>load<u8>(p + <usize>i)) - 0x61;
  if (c >= 26) return 0;
  // Only the names with that first letter (lib/groups.ts; String#charCodeAt per name was a call).
  let range = <i32>load<u16>(changetype<usize>(GADGET_RANGES) + (<usize>c << 1));
  for (let k = range >> 8, e = range & 0xFF; k < e; k++) {
    let name = unchecked(GADGETS_BY_INITIAL[k]);
    if (matchesLowerAt(p, n, i, name) && !inName(byteAt(p, n, i + name.length))) return name.length;
  }
  return 0;
}

// GADGETS grouped by first letter (groupByInitial's ranges, one per letter 'a' + k).
const GADGETS_BY_INITIAL = new StaticArray<string>(GADGETS.length);
const GADGET_RANGES = groupByInitial(GADGETS, GADGETS_BY_INITIAL);

// A byte of a Java identifier or a package separator.
// @ts-ignore: decorator
@inline function inName(c: u32): bool { return isIdentByte(c) || c == 0x2E; }

// Whether namesGadget can hold, in a few instructions for every text: the first byte starts a
// listed name or a prefix (GADGET_START), and every listed name has a '.' within its first 6
// bytes, and a prefix (`[`, `L`, a quote) moves it by a byte or two; most values have none in
// bytes 2 to 7.
// @ts-ignore: decorator
@inline export function mayNameGadget(p: usize, n: i32): bool {
  if (n < MIN_LEN || load<u8>(GADGET_START + <usize>load<u8>(p)) == 0) return false;
  let y = load<u64>(p) ^ 0x2E2E2E2E2E2E2E2E;
  return ((y - 0x0101010101010101) & ~y & 0x8080808080800000) != 0;
}

// 1 for the bytes namesGadget lets a value start with: blanks, '"', '[', 'L' (what it skips) and
// mayStartGadget's letters.
const GADGET_START = memory.data(256);
for (let c: u32 = 0; c < 256; c++) {
  if (c <= 0x20 || c == 0x22 || c == 0x5B || c == 0x4C || mayStartGadget(c)) store<u8>(GADGET_START + <usize>c, 1);
}

// Whether the first byte can start a listed name: j (java, javax, jdk), s (sun), c (com, ch), o
// (org), b (bsh).
// @ts-ignore: decorator
@inline function mayStartGadget(c: u32): bool {
  c |= 0x20;
  return c == 0x6A || c == 0x73 || c == 0x63 || c == 0x6F || c == 0x62;
}

// A value that is a listed class name: blanks and quotes around it, and fastjson's array and
// descriptor spellings (`[com.sun.rowset.JdbcRowSetImpl`, `Lcom.sun.rowset.JdbcRowSetImpl;`),
// which its type loader strips, aside.
export function namesGadget(p: usize, n: i32): bool {
  if (n < MIN_LEN) return false;
  let i = 0;
  while (i < n && (load<u8>(p + <usize>i) <= 0x20 || load<u8>(p + <usize>i) == 0x22 || load<u8>(p + <usize>i) == 0x5B)) i++;
  if (byteAt(p, n, i) == 0x4C && mayStartGadget(byteAt(p, n, i + 1))) i++; // 'L'
  if (i >= n || !mayStartGadget(<u32>load<u8>(p + <usize>i))) return false;
  // Every listed name but the bare XAML element's has its first '.' at 2 to 5, or is .NET's
  // `System.`: most words that start with c, o or s have neither.
  let dotnet = byteAt(p, n, i + 6) == 0x2E && matchesLowerAt(p, n, i, "system");
  if (byteAt(p, n, i + 2) != 0x2E && byteAt(p, n, i + 3) != 0x2E && byteAt(p, n, i + 4) != 0x2E && byteAt(p, n, i + 5) != 0x2E && !dotnet) return false;
  let end = n;
  while (end > i && (load<u8>(p + <usize>(end - 1)) <= 0x20 || load<u8>(p + <usize>(end - 1)) == 0x22 || load<u8>(p + <usize>(end - 1)) == 0x3B)) end--;
  let len = end - i;
  if (len < MIN_LEN || (len > MAX_LEN && !dotnet)) return false;
  let g = gadgetAt(p + <usize>i, len, 0);
  // The whole value, or a .NET type's name before its assembly (`, System`) or generic arity (`` `2 ``).
  return g == len || (g > 0 && dotnet && (byteAt(p, n, i + g) == 0x2C || byteAt(p, n, i + g) == 0x60));
}

// A listed name anywhere in the text, not inside a longer identifier: for XML bodies.
export function holdsGadget(p: usize, n: i32): bool {
  for (let i = 0; i + MIN_LEN <= n; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (!mayStartGadget(c)) continue;
    if (inName(byteAt(p, n, i - 1))) continue;
    if (gadgetAt(p, n, i) > 0) return true;
  }
  return false;
}

// Commands run through Java's process API, which no form field or API argument of a site
// carries: `Runtime.getRuntime().exec(` and `new ProcessBuilder(`, in SpEL, OGNL and EL injections
// (CRS 944100–944130 block them at paranoia level 1), and a class that runs code loaded by its name
// (`Class.forName("java.lang.Runtime")`, `loadClass('javax.script.ScriptEngineManager')`), the
// reflection such an injection reaches the process API through when the expression language
// forbids `new` and static calls (CRS 944130 reads the names; the model scored the `forName` call
// 81). Read by core/payloads.ts; total and allocation-free.

import { blanksBefore, byteAt, isIdentByte, matchesLowerAt, skipBlanks } from "../lib/bytes";

// Whether the call whose '(' is at i, after the name p[s..e), runs a command through Java's process
// API. Called by core/payloads.ts codeCall for each '(' of a text after a name.
export function javaExecAt(p: usize, n: i32, i: i32, s: i32, e: i32): bool {
  let len = e - s;
  if (len == 10 && matchesLowerAt(p, n, s, "getruntime")) {
    // `getRuntime()` then `.exec(`
    let j = skipBlanks(p, n, i + 1);
    if (byteAt(p, n, j) != 0x29) return false;
    j = skipBlanks(p, n, j + 1);
    if (byteAt(p, n, j) != 0x2E) return false;
    j = skipBlanks(p, n, j + 1);
    return matchesLowerAt(p, n, j, "exec") && byteAt(p, n, skipBlanks(p, n, j + 4)) == 0x28;
  }
  if (len == 14 && matchesLowerAt(p, n, s, "processbuilder")) {
    // `new [java.lang.]ProcessBuilder(`
    let k = s;
    if (k >= 10 && matchesLowerAt(p, n, k - 10, "java.lang.")) k -= 10;
    k = blanksBefore(p, k);
    return k >= 3 && matchesLowerAt(p, n, k - 3, "new") && !isIdentByte(byteAt(p, n, k - 4)) && k < s;
  }
  if ((len == 7 && matchesLowerAt(p, n, s, "forname")) || (len == 9 && matchesLowerAt(p, n, s, "loadclass"))) {
    // The class's name as the first argument, quoted (a JSON string's quotes escaped or not).
    let j = skipBlanks(p, n, i + 1);
    if (byteAt(p, n, j) == 0x5C) j++;
    let q = byteAt(p, n, j);
    if (q != 0x22 && q != 0x27) return false;
    j++;
    for (let k = 0; k < CODE_CLASSES.length; k++) {
      let c = unchecked(CODE_CLASSES[k]);
      if (!matchesLowerAt(p, n, j, c)) continue;
      let after = byteAt(p, n, j + c.length);
      return after == q || after == 0x5C;
    }
  }
  return false;
}

// Classes that run a command, a script or a lookup, or load code (lower case): the process API,
// the script engines, JNDI, a class loader over URLs, Groovy's shell and the XSLT template class
// deserialization gadgets define bytecode with. A JDBC driver's name (`com.mysql.jdbc.Driver`) is
// none of them.
const CODE_CLASSES: StaticArray<string> = [
  "java.lang.runtime", "java.lang.processbuilder", "java.lang.unixprocess", "java.lang.processimpl",
  "javax.script.scriptenginemanager", "javax.naming.initialcontext", "java.net.urlclassloader",
  "groovy.lang.groovyshell", "com.sun.org.apache.xalan.internal.xsltc.trax.templatesimpl",
];

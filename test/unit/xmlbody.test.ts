// XML bodies (filter/request/xmlbody.ts): the document is one part, and each element's text, CDATA
// section and attribute value a part too, so that a payload inside a SOAP or XML-RPC envelope is read
// as the value the application reads, not diluted by the markup around it in the document's windows.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

const soap = (inner: string) =>
  '<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
  `<soap:Header><a:Token xmlns:a="urn:shop:auth">3f7a9c2e1b4d8f6a</a:Token></soap:Header><soap:Body><m:Search xmlns:m="urn:shop:catalog">${inner}</m:Search></soap:Body></soap:Envelope>`;
const xmlrpc = (value: string) =>
  `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params><param><value><string>${value}</string></value></param></params></methodCall>`;

// Each but the last two scored 33-96 as a whole document (the core before the split), and scores 1
// as the same value in a JSON body does.
const IN_ENVELOPES: Array<[string, string]> = [
  ["XML-RPC, a command after a quote", xmlrpc("'; cat /etc/passwd #")],
  ["XML-RPC, a command after a separator", xmlrpc("x; cat /etc/passwd")],
  ["SOAP element, a command after a separator", soap("<m:q>;id</m:q>")],
  ["SOAP element, a pipe to a command", soap("<m:q>| whoami</m:q>")],
  ["SOAP element, a comment after a quote", soap("<m:q>admin'--</m:q>")],
  ["SOAP element, a template probe", soap("<m:q>{{7*7}}</m:q>")],
  ["SOAP element, a traversal", soap("<m:f>....//....//etc/passwd</m:f>")],
  ["SOAP attribute, a traversal", soap('<m:File path="../../../../etc/passwd" kind="text"/>')],
  ["SOAP element, SQL after a quote in a CDATA section", soap("<m:page>2</m:page><m:q><![CDATA[x' UNION SELECT password FROM users--]]></m:q>")],
  ["SOAP element, a script tag escaped as text", soap("<m:q>&lt;img src=x onerror=alert(document.domain)&gt;</m:q>")],
];

describe("a payload in an XML element, attribute or CDATA section", () => {
  it.each(IN_ENVELOPES)("%s: flagged", (_name, body) => {
    expect(core.score("body:xml", body).score).toBeLessThanOrEqual(20);
  });

  it("is named by its element or attribute", () => {
    const parts = core.parts("body:xml", soap('<m:q>shoes</m:q><m:File path="a.txt"/>')).map((p) => [p.name, p.text]);
    expect(parts).toContainEqual(["m:q", "shoes"]);
    expect(parts).toContainEqual(["path", "a.txt"]);
    expect(parts).toContainEqual(["a:Token", "3f7a9c2e1b4d8f6a"]);
    expect(parts.some(([name]) => name.startsWith("xmlns")), "namespace declarations are the envelope's, not values").toBe(false);
  });
});

// Benign calls of the same shapes stay unflagged (their values are the kind a JSON body carries).
const BENIGN: string[] = [
  soap("<m:page>2</m:page><m:q>running shoes</m:q><m:sort>price-asc</m:sort>"),
  xmlrpc("https://blog.example.com/2024/05/hello-world/"),
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>News</title><item><title>Q3 results</title>' +
    "<description><![CDATA[<p>Revenue grew 12% &amp; margins held.</p>]]></description><link>https://news.example.com/q3</link></item></channel></rss>",
  '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getlastmodified/><D:getcontentlength/></D:prop></D:propfind>',
];

describe("benign XML calls", () => {
  it.each(BENIGN)("%#: not flagged", (body) => {
    expect(core.score("body:xml", body).score).toBeGreaterThan(20);
  });
});

describe("XML that is hostile to a reader", () => {
  it("deep nesting, an unclosed comment, CDATA and attribute, and a stray '<' are read without a trap", () => {
    const deep = "<a>".repeat(20000) + "x" + "</a>".repeat(20000);
    for (const body of [deep, "<a><!-- never closed <b>1' or '1'='1</b>", "<a><![CDATA[' or 1=1--", '<a b="never closed>', "<<<>>></ <a =\"x\">y</a>", "<"]) {
      expect(() => core.score("body:xml", body)).not.toThrow();
    }
    // Past the 64 names kept, text is named by the deepest kept.
    const named = core.parts("body:xml", deep).filter((p) => p.text === "x");
    expect(named.map((p) => p.name)).toEqual(["a"]);
  });
});

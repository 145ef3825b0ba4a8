// A query's, a cookie's, a form's or a multipart field's value that is a JSON document
// (request/jsonbody.ts splitJsonValues): its strings are read as the application that parses the
// value reads them, as a JSON body's are, and not only inside the document, where a payload shared its
// windows with the document's other keys and values.
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore } from "../support/core";
import { requestOf } from "../../node/http";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

const doc = (v: string) => JSON.stringify({ sort: "price", name: v, page: 2, fields: ["id", "name", "price", "created_at"] });
const multipart = (v: string) =>
  `--b\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0\r\n` +
  `--b\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n${doc(v)}\r\n--b--\r\n`;

// Each scored over 20 in its document on the core before the split (`;id` 89 and `admin'--` 99 in a
// query's), and 1 as the same string in a JSON body.
const PAYLOADS = [";id", "admin'--", "| whoami", "{{7*7}}"];
const PLACES: Array<[string, (v: string) => [string, string]]> = [
  ["a query's value, percent-encoded", (v) => ["query", `page=2&filter=${encodeURIComponent(doc(v))}`]],
  ["a form's value", (v) => ["body:form", `data=${encodeURIComponent(doc(v))}&submit=Send`]],
  ["a multipart field's value", (v) => ["body:multipart", multipart(v)]],
];

describe("a payload in a JSON document that is a value", () => {
  for (const [place, make] of PLACES) {
    it.each(PAYLOADS)(`in ${place}: %j flagged`, (v) => {
      const [where, text] = make(v);
      expect(core.scoreRequest(requestOf([[where, text]])).score).toBeLessThanOrEqual(20);
    });
  }

  // Since 2026-12-07 (Dropbox's `Dropbox-API-Arg`, Linode's `X-Filter`): `admin'--` scored 99 in
  // the document, `;cat /etc/passwd` 82.
  it.each(PAYLOADS)("as a header's value: %j flagged", (v) => {
    const s = core.scoreRequest({ head: [[":method", "GET"], [":scheme", "http"], [":authority", "a"], [":path", "/2/files/download"], ["dropbox-api-arg", doc(v)]] });
    expect(s.score).toBeLessThanOrEqual(20);
  });

  it("a header's value is read as it came: no percent-decoding makes it a document", () => {
    const head = (v: string) => ({ head: [[":method", "GET"], [":scheme", "http"], [":authority", "a"], [":path", "/"], ["x-context", v]] as Array<[string, string]> });
    expect(core.requestParts(head('{"a":"red shoes"}')).map((p) => p.text)).toContain("red shoes");
    expect(core.requestParts(head(encodeURIComponent('{"a":"red shoes"}'))).map((p) => p.text)).not.toContain("red shoes");
  });

  it("as a cookie's value, percent-encoded as a cookie must carry ';' and ','", () => {
    const s = core.scoreRequest(requestOf([["header:Cookie", `theme=dark; prefs=${encodeURIComponent(doc(";id"))}`]]));
    expect(s.score).toBeLessThanOrEqual(20);
  });

  it("takes the value's where, and the document's key as its name", () => {
    const parts = core.parts("query", `filter=${encodeURIComponent(doc("red shoes"))}`).filter((p) => p.scored);
    expect(parts.map((p) => [p.where, p.name, p.text])).toContainEqual(["query", "name", "red shoes"]);
  });
});

// An XML document as a value (with its `<?xml` declaration): a form's or a query's field, a JSON
// string; and a JSON document as an XML element's text. Read whole before 2026-12-07, a payload in
// an element scored 44-60 (`admin'--` 59); 1 now.
const xmlDoc = (v: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><order id="A-1001"><customer><name>Jane Doe</name></customer><items><item sku="AB-123" qty="2"/></items><note>${v.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</note></order>`;
const XML_PLACES: Array<[string, (v: string) => [string, string]]> = [
  ["an XML document in a form's value", (v) => ["body:form", `data=${encodeURIComponent(xmlDoc(v))}&submit=1`]],
  ["an XML document in a query's value", (v) => ["query", `data=${encodeURIComponent(xmlDoc(v))}`]],
  ["an XML document in a JSON string", (v) => ["body:json", JSON.stringify({ payload: xmlDoc(v), type: "order" })]],
  ["a JSON document in an XML element", (v) => ["body:xml", `<?xml version="1.0"?><req><meta>1</meta><data>${JSON.stringify({ order: "A-1001", note: v }).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</data></req>`]],
];

describe("an XML document that is a value, and JSON in an XML element", () => {
  for (const [place, make] of XML_PLACES) {
    it.each([";cat /etc/passwd", "admin'--", "{{7*7}}"])(`${place}: %j flagged`, (v) => {
      const [where, text] = make(v);
      expect(core.scoreRequest(requestOf([[where, text]])).score).toBeLessThanOrEqual(20);
    });
  }

  it("takes the value's where and the element's name; HTML in a JSON string is not split", () => {
    const parts = core.parts("body:form", `data=${encodeURIComponent(xmlDoc("red shoes"))}`).map((p) => [p.where, p.name, p.text]);
    expect(parts).toContainEqual(["body:form", "note", "red shoes"]);
    const html = core.parts("body:json", JSON.stringify({ body: '<p>Hello <b class="x">world</b></p>' })).map((p) => p.text);
    expect(html).toEqual(['<p>Hello <b class="x">world</b></p>']);
  });

  it("a benign XML document as a form's value: not flagged", () => {
    expect(core.scoreRequest(requestOf([["body:form", `data=${encodeURIComponent(xmlDoc("Leave it at the back door, please."))}`]])).score).toBeGreaterThan(20);
  });
});

// Benign documents of the same shapes stay unflagged.
const BENIGN = [
  ["query", `filter=${encodeURIComponent(doc("red running shoes"))}`],
  ["query", `q=${encodeURIComponent(JSON.stringify({ bool: { must: [{ match: { title: "winter jacket" } }], filter: [{ range: { price: { lte: 100 } } }] } }))}`],
  ["body:form", `state=${encodeURIComponent(JSON.stringify({ returnTo: "/account/orders", nonce: "3f7a9c2e1b4d8f6a" }))}`],
  ["header:Cookie", `consent=${encodeURIComponent(JSON.stringify({ necessary: true, analytics: false, marketing: false, version: 3 }))}`],
] as const;

describe("benign JSON documents as values", () => {
  it.each(BENIGN)("%s %s: not flagged", (where, text) => {
    expect(core.scoreRequest(requestOf([[where, text]])).score).toBeGreaterThan(20);
  });
});

// A GraphQL document's string literals (request/graphql.ts): each is a value the resolver is given.
const gql = (doc: string) => JSON.stringify({ operationName: "Search", query: doc, variables: {} });
const GRAPHQL_ATTACKS: Array<[string, string, string]> = [
  // Each scored 61-86 in its document before (`;id` 86).
  ["an argument, in a JSON body", "body:json", gql('query Search { products(filter: {name: ";id"}, first: 10) { edges { node { id name price } } } }')],
  ["an input field, in a JSON body", "body:json", gql('mutation { updateProfile(input: {bio: "{{7*7}}", locale: "en-GB"}) { ok profile { id bio } } }')],
  ["an escaped quote inside a literal", "body:json", gql('query { orders(customer: "x\\" | whoami #", status: OPEN) { edges { node { id total } } } }')],
  ["a document in the query string", "query", `query=${encodeURIComponent('{ products(filter: {name: "| whoami"}, first: 10) { edges { node { id name price } } } }')}`],
  // Since 2026-12-07: a named document, read whole before (`admin'--` given to an argument scored
  // 25, and 81 in a form body).
  ["a named document in the query string", "query", `query=${encodeURIComponent('query Q { notes(text: "admin\'--") { id } }')}`],
  ["a named mutation in a form body", "body:form", `query=${encodeURIComponent('mutation M { createNote(text: "admin\'--") { id } }')}`],
];

describe("a payload in a GraphQL literal", () => {
  it.each(GRAPHQL_ATTACKS)("%s: flagged", (_name, where, text) => {
    expect(core.scoreRequest(requestOf([[where, text]])).score).toBeLessThanOrEqual(20);
  });

  // `application/graphql`: the document is the body (express-graphql, graphql-yoga). Before
  // 2026-12-07 it was read as one text: `admin'--` given to an argument scored 81.
  it.each([";cat /etc/passwd", "admin'--", "{{7*7}}", "../../../../etc/passwd"])("a body sent as application/graphql, %j given to an argument: flagged", (v) => {
    const body = `mutation M { createNote(text: ${JSON.stringify(v)}) { id } }`;
    const s = core.scoreRequest({ head: [[":method", "POST"], [":scheme", "http"], [":authority", "a"], [":path", "/graphql"], ["content-type", "application/graphql"]], body });
    expect(s.score).toBeLessThanOrEqual(20);
  });

  it("reads a query parameter as a document only when it opens with an operation's keyword or '{'", () => {
    const literals = (q: string) => core.parts("query", `query=${encodeURIComponent(q)}`).filter((p) => p.text === "red shoes").length;
    expect(literals('query Q { search(q: "red shoes") { id } }')).toBe(1);
    expect(literals('subscription S { search(q: "red shoes") { id } }')).toBe(1);
    expect(literals('queryX { search(q: "red shoes") { id } }')).toBe(0);
    expect(literals('shoes { search(q: "red shoes") }')).toBe(0);
  });

  it("is named by the argument or input field it is given to", () => {
    const parts = core.parts("body:json", gql('{ user(id: "42 and more") { name } search(q: "red shoes") { id } }')).map((p) => [p.name, p.text]);
    expect(parts).toContainEqual(["id", "42 and more"]);
    expect(parts).toContainEqual(["q", "red shoes"]);
  });

  it.each([
    gql('query Feed($cursor: String) { feed(first: 15, after: $cursor) @connection(key: "Feed") { edges { cursor node { id __typename } } } }'),
    gql('{ products(filter: {name: "winter jacket", brand: "Acme & Sons"}, first: 20) { edges { node { id name price } } } }'),
    gql('mutation { addReview(productId: "p-123", text: "Great fit, but the sleeves run long. 4/5.") { id } }'),
  ])("benign document %#: not flagged", (text) => {
    expect(core.scoreRequest(requestOf([["body:json", text]])).score).toBeGreaterThan(20);
  });
});

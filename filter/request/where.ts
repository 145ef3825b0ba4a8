// Where a request part came from: the wire context that picks its splitter and decoding.
// Shared by request/*.ts and the stages after them; core.wasm describes the names to Node (core/describe.ts).

export const enum Where {
  PATH = 0, QUERY = 1, BODY_FORM = 2, BODY_JSON = 3, BODY_MULTIPART = 4, BODY_XML = 5,
  BODY_TEXT = 6, HEADER = 7, COOKIE = 8,
}

export const WHERE_NAMES: StaticArray<string> = [
  "path", "query", "body:form", "body:json", "body:multipart", "body:xml", "body:text",
  "header", "cookie",
];

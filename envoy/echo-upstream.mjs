#!/usr/bin/env node
// Demo upstream: answers every request with 200 and a JSON echo {method, path, headers, body, body_bytes}.
// Started by `make run` and through node/envoy.ts (e2e tests, compare); plain Node, no dependencies.
//
// Usage: node envoy/echo-upstream.mjs [--port N] [--host H]
//   --port 0 picks a free port. The first stdout line is always
//   "echo-upstream listening on HOST:PORT", which node/envoy.ts waits for.
import http from "node:http";

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i === -1) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined) {
    console.error(`echo-upstream: ${name} needs a value`);
    process.exit(2);
  }
  return v;
}

const host = argValue("--host", "127.0.0.1");
const port = Number(argValue("--port", "10001"));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`echo-upstream: --port must be an integer in [0,65535], got ${argValue("--port", "")}`);
  process.exit(2);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  // A request cut off before its body ended (Envoy resetting the upstream request, e.g. after the
  // filter blocked a body whose headers had already gone on): one line, read by the e2e tests.
  req.on("close", () => {
    if (!req.complete) console.log(`aborted ${req.method} ${req.url} after ${Buffer.concat(chunks).length} body bytes`);
  });
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const out = JSON.stringify({
      method: req.method,
      path: req.url,
      // Node lower-cases names and joins repeated headers with ", ".
      headers: req.headers,
      // Invalid UTF-8 becomes U+FFFD here; body_bytes is the exact length received.
      body: body.toString("utf8"),
      body_bytes: body.length,
    });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(out) });
    res.end(out);
  });
});

server.listen(port, host, () => {
  const a = server.address();
  console.log(`echo-upstream listening on ${a.address}:${a.port}`);
});

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => server.close(() => process.exit(0)));
}

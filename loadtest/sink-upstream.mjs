#!/usr/bin/env node
// Benchmark upstream: reads the whole request body and answers 200 with a fixed 2-byte body.
// Started by loadtest/stack.ts; cheaper than envoy/echo-upstream.mjs, so it steals less CPU from the load generator.
//
// Usage: node loadtest/sink-upstream.mjs [--port N]   (first stdout line: "sink-upstream listening on HOST:PORT")
import http from "node:http";

const i = process.argv.indexOf("--port");
const port = i === -1 ? 0 : Number(process.argv[i + 1]);
const OK = Buffer.from("ok");

const server = http.createServer((req, res) => {
  let bytes = 0;
  req.on("data", (c) => (bytes += c.length));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "text/plain", "content-length": OK.length, "x-body-bytes": bytes });
    res.end(OK);
  });
});
// Keep-alive connections from Envoy's pool live as long as the benchmark.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;
server.listen(port, "127.0.0.1", () => {
  const a = server.address();
  console.log(`sink-upstream listening on ${a.address}:${a.port}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(0));

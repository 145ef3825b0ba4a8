// `make upload-bodies`: text files uploaded, scored by each core given (overall score at or under the
// default threshold counts as flagged). Each file, found under UPLOAD_DIRS (a colon-separated list of
// directories; by default the project's node_modules, /usr/share/doc and /usr/lib/python3), is sent as a
// multipart file part (`filename="upload<ext>"`), as a raw body (`application/octet-stream`), and as a
// field's value, in a JSON body and in a form (a CMS's article, an e-mail API's `html`: a parameter,
// read whole by the model, where a file is read by its first window). Up to UPLOAD_PER files per
// extension (60), of 200 bytes to 64 KiB, picked from the sorted list by a fixed seed. Uploads of
// documents and code are benign traffic for many applications (attachments, imports, code hosts); what
// is flagged is the false positives such an application would see. Not a test: the directories are
// the machine's, so write down which machine and date.
// Usage: tsx loadtest/upload-bodies.ts core.wasm [other-core.wasm ...]
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { filesUnder, bodyRequest, nextSeed } from "./uploads";
import { Core, defaultThreshold, REPO_ROOT } from "../node/core";

const EXTENSIONS = [".html", ".txt", ".md", ".csv", ".json", ".xml", ".svg", ".js", ".ts", ".css", ".py", ".sh", ".sql", ".yaml", ".yml", ".c", ".go", ".php"];
const DIRS = (process.env.UPLOAD_DIRS ?? `${REPO_ROOT}/node_modules:/usr/share/doc:/usr/lib/python3`).split(":").filter((d) => d && existsSync(d));
const PER = Number(process.env.UPLOAD_PER ?? 60);
// Enough files per extension to pick from without listing whole trees.
const LISTED = PER * 20;
const BOUNDARY = "----wafscoreUploadBoundary7MA4YWxkTrZu0gW";

const cores = process.argv.slice(2);
if (!cores.length) { console.error("usage: tsx loadtest/upload-bodies.ts core.wasm [other-core.wasm ...]"); process.exit(2); }
const threshold = defaultThreshold();

const listed = new Map<string, string[]>(EXTENSIONS.map((e) => [e, []]));
for (const dir of DIRS) {
  for (const path of filesUnder(dir, (p, bytes) => bytes >= 200 && bytes <= 65536 && (listed.get(extname(p).toLowerCase())?.length ?? LISTED) < LISTED)) {
    listed.get(extname(path).toLowerCase())!.push(path);
  }
}
// A fixed seed's pick of PER files per extension (an LCG: the same every run on the same files).
let seed = 7;
const picked = new Map<string, string[]>();
for (const [ext, list] of listed) {
  const left = [...list], out: string[] = [];
  while (out.length < PER && left.length) { seed = nextSeed(seed); out.push(left.splice(Math.floor((seed / 2 ** 32) * left.length), 1)[0]); }
  if (out.length) picked.set(ext, out);
}

function multipartUpload(ext: string, content: Buffer) {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="upload${ext}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return bodyRequest(`multipart/form-data; boundary=${BOUNDARY}`, body);
}
const rawUpload = (content: Buffer) => bodyRequest("application/octet-stream", content, "PUT");
const jsonField = (text: string) => bodyRequest("application/json", Buffer.from(JSON.stringify({ title: "Notes", content: text })), "POST", "/articles");
const formField = (text: string) => bodyRequest("application/x-www-form-urlencoded", Buffer.from("title=Notes&content=" + encodeURIComponent(text)), "POST", "/articles");

console.log(`upload-bodies: ${[...picked.values()].reduce((n, l) => n + l.length, 0)} files from ${DIRS.join(", ")}`);
for (const wasm of cores) {
  const core = await Core.load(wasm);
  console.log(`${wasm} (flagged at ${threshold}: files, as a multipart file part, as a raw body, as a JSON field, as a form field)`);
  const all = [0, 0, 0, 0, 0];
  for (const [ext, list] of [...picked].sort()) {
    const row = [list.length, 0, 0, 0, 0];
    for (const path of list) {
      const content = readFileSync(path);
      const text = content.toString("utf8");
      [multipartUpload(ext, content), rawUpload(content), jsonField(text), formField(text)].forEach((req, k) => {
        if (core.scoreRequest(req).score <= threshold) row[k + 1]++;
      });
    }
    row.forEach((v, k) => { all[k] += v; });
    console.log(`  ${ext}: ${row.join(", ")}`);
  }
  console.log(`  all: ${all.join(", ")}`);
}

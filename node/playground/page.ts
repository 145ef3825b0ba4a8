// The playground page's code, run in the browser: loads core.wasm through node/binding.ts (the
// ABI the CLI uses), scores what is pasted and shows the scores, band and explanation fragments.
// Loaded by node/playground/index.html; values score as `wafscore score`, raw requests as `wafscore scan`.

import { Core, scoreBand, type RequestScores } from "../binding";
import { looksRaw, readRaw } from "../scan/formats/raw";
import { Scorer, type Verdict } from "../scan/scorer";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = $<HTMLTextAreaElement>("input");
const where = $<HTMLSelectElement>("where");
const results = $<HTMLDivElement>("results");
const status = $<HTMLSpanElement>("status");

const EXAMPLES: Array<[label: string, where: string, text: string]> = [
  ["SQL injection", "query", "id=1' UNION SELECT username, password FROM users--"],
  ["XSS", "body:text", "<img src=x onerror=alert(document.cookie)>"],
  ["path traversal", "path", "/download/../../../../etc/passwd"],
  ["benign search", "query", "q=blue running shoes&page=2&sort=price"],
  ["raw request", "auto", "POST /login HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/x-www-form-urlencoded\r\nUser-Agent: Mozilla/5.0\r\n\r\nuser=admin'--&pass=x"],
];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...kids: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...kids);
  return e;
}

/** One scored input: overall score and band, the class scores, the worst part with its fragments marked. */
function card(title: string, r: RequestScores, segments: Array<{ text: string; fragment: boolean }>, fragments: string[], extra: Array<Node | string> = [], param?: string): HTMLElement {
  const band = scoreBand(r.score);
  const rows = Object.entries(r.classes).map(([k, v]) =>
    el("tr", { "data-class": k },
      el("th", {}, k),
      el("td", {}, el("div", { class: "bar", title: `${k} ${v}` }, el("span", { style: `width:${Math.round(((99 - v) / 98) * 100)}%` }))),
      el("td", { "data-class-score": "" }, String(v))));
  const text = el("pre", { class: "text", "data-part-text": "" },
    ...segments.map((s) => (s.fragment ? el("mark", {}, s.text) : s.text)));
  const part = param ?? (r.worstWhere ? `${r.worstWhere}${r.worstName ? ":" + r.worstName : ""}` : "");
  return el("section", { class: "card", "data-score": String(r.score) },
    el("h2", {}, title),
    el("div", { class: "overall" },
      el("span", { class: "score", "data-overall": "" }, String(r.score)),
      el("span", { class: "band", "data-band": band }, band),
      el("span", {}, "class ", el("strong", { "data-worst-class": "" }, r.worstClass)),
      ...extra),
    el("table", { class: "classes" }, ...rows),
    part ? el("div", {}, "worst part: ", el("code", { "data-part": "" }, part)) : el("div", { class: "note" }, "no part was scored"),
    part ? text : "",
    // `--explain` names fragments for any score; on a clean one they drove nothing towards a flag.
    fragments.length > 0 ? el("div", { class: "note" }, band === "clean" ? "fragments the score leaned on most (it is clean):" : "fragments that drove the score:") : "",
    el("ul", { class: "fragments" }, ...fragments.map((f) => el("li", { "data-fragment": "" }, el("code", {}, JSON.stringify(f))))),
    fragments.length === 0 && part ? el("div", { class: "note" }, "no fragment stands out") : "");
}

function requestCard(v: Verdict, method: string, target: string, fragments: string[], segments: Array<{ text: string; fragment: boolean }>): HTMLElement {
  const title = `${method} ${target}`;
  if (!v.scores) return el("section", { class: "card", "data-excluded": "" }, el("h2", {}, title), el("div", { class: "note" }, `not scored: ${v.normPath} is under exclude_paths`));
  const extra = [el("span", {}, "action ", el("strong", { "data-action": "" }, v.action), v.partial ? " (partial)" : "", v.undecodable ? " (undecodable body)" : "")];
  return card(title, v.scores, segments, fragments, extra, v.param); // the part as the scan's report names it
}

async function main(): Promise<void> {
  const bytes = await (await fetch("/core.wasm")).arrayBuffer();
  // Two instances: values score on an unconfigured core, as `wafscore score` does; raw requests
  // through the scan's Scorer under the default plugin configuration, as `wafscore scan` does.
  const valueCore = await Core.fromBytes(bytes);
  const scanCore = await Core.fromBytes(bytes);
  const modelError = valueCore.modelError();
  if (modelError) throw new Error(`model: ${modelError}`);
  const scorer = Scorer.withCore(scanCore, "{}");

  const render = () => {
    const text = input.value;
    const w = where.value;
    const raw = w === "raw" || (w === "auto" && looksRaw(text.split("\n", 1)[0]));
    const out: Array<Node> = [];
    if (text === "") {
      out.push(el("div", { class: "note" }, "Paste something above."));
    } else if (raw) {
      let n = 0;
      for (const item of readRaw(new TextEncoder().encode(text), "input")) {
        if ("bad" in item) { out.push(el("div", { class: "bad" }, `${item.bad.at}: ${item.bad.reason}`)); continue; }
        const req = item.request;
        const v = scorer.score(req);
        out.push(requestCard(v, req.method, req.path, v.scores ? scanCore.explain() : [], v.scores ? scanCore.explainSegments() : []));
        n++;
      }
      if (n === 0) out.push(el("div", { class: "note" }, "No request found: a raw request starts with a request line such as GET /path HTTP/1.1."));
    } else {
      const asWhere = w === "auto" ? "body:text" : w;
      const r = valueCore.score(asWhere, text);
      out.push(card(asWhere, r, valueCore.explainSegments(), valueCore.explain()));
    }
    results.replaceChildren(...out);
    // What was scored, for the test (test/e2e/playground.e2e.test.ts) to wait on.
    results.dataset.for = JSON.stringify([w, text]);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => { clearTimeout(timer); timer = setTimeout(render, 250); };
  input.addEventListener("input", soon);
  where.addEventListener("change", render);
  $("score").addEventListener("click", () => { clearTimeout(timer); render(); });
  input.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { clearTimeout(timer); render(); } });
  const examples = $("examples");
  examples.append("examples:");
  for (const [label, w, text] of EXAMPLES) {
    const b = el("button", { type: "button" }, label);
    b.addEventListener("click", () => { input.value = text; where.value = w; render(); });
    examples.append(b);
  }
  const d = valueCore.description;
  status.textContent = `core.wasm ready (${(bytes.byteLength / 1024).toFixed(0)} KiB, feature spec v${d.feature_spec_version}, classes ${d.heads.slice(1).join(", ")})`;
  status.dataset.ready = "";
  render();
}

main().catch((e: unknown) => {
  status.textContent = `failed: ${(e as Error).message}`;
  status.dataset.error = "";
});

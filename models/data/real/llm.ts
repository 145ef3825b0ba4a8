// Stages hosted-LLM clients' recorded requests (prompts, tool schemas, agent tool calls, embeddings, batch and
// tracing payloads sent to OpenAI, Anthropic, Gemini, Vertex AI, Bedrock, Mistral, Cohere, Groq, Azure OpenAI, ...)
// into models/data/real/llm.jsonl.gz (one benign row per request part, the row shape extract.ts writes to
// fetched.jsonl.gz) and llm_requests.jsonl.gz (the same recordings' requests whole, like requests.jsonl.gz), for the
// next retrain. Run by hand: `npx tsx models/data/real/llm.ts`.
//
// Why: the model was never trained on LLM-client traffic, and that is now its main source of false positives on
// unseen real traffic. These recordings were collected on 2026-12-05 by a helper session that scored nothing: no model,
// core or rule saw a part of them, and every source and file was chosen content-blind (by licence, by the service a
// repository records, by file paths; recordings of local servers left out by their recorded hosts, by name).
//
// NOT read by build.ts yet: nothing trains, calibrates or evaluates on them until the next round adds them to the pool
// in one step (list LLM_SOURCES with extract.ts's SOURCES, give their repositories an ORIGIN_GROUPS entry in
// ../origins.ts so each repository is one origin, as here). They are disjoint by repository from every held-out draw
// (heldout.ts, heldout2.ts, heldout3.ts, heldout4.ts), the page loads (pageloads.ts), the pool (extract.ts), the
// "considered and left out" lists of SOURCES.md and ../shared/datasets (test/unit/llm-staged.test.ts checks the lists).
//
// The same readers and content-blind filters as extract.ts and heldout.ts's cutSet (formats.ts, parts.ts): parts
// already in ../shared/datasets, fetched.jsonl.gz / requests.jsonl.gz, any held-out set or the page loads (their parts
// files and whole-request files, by any `where`) are left out, placeholders and keys left out; then at most ORIGIN_CAP
// parts per origin (one origin per repository) and REQUEST_CAP whole requests per origin, both by a hash, as the pool.

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { type Source, newParts, capPerOrigin, distinctRequestsPerOrigin } from './formats.ts';
import { REPO_ROOT, type WholeRequest } from '../load.ts';
import { except, knownParts, HELD_OUT_FILE, HELD_OUT_REQUESTS_FILE, REQUEST_CAP } from './heldout.ts';
import { HELD_OUT_2_FILE, HELD_OUT_2_REQUESTS_FILE } from './heldout2.ts';
import { HELD_OUT_3_FILE, HELD_OUT_3_REQUESTS_FILE } from './heldout3.ts';
import { HELD_OUT_4_FILE, HELD_OUT_4_REQUESTS_FILE } from './heldout4.ts';
import { PAGE_LOADS_FILE, PAGE_LOADS_REQUESTS_FILE } from './pageloads.ts';

/**
 * A staged source: one origin per repository; `about` says what it records (SOURCES.md's "what"); `recorderWhere`
 * names parts (by `where` alone, content-blind) that the recorder wrote into its cassettes after the fact rather than
 * sent: they are left out of the rows and of the whole requests, as formats.ts leaves out recorders' placeholders.
 */
export interface LlmSource extends Source { about: string; recorderWhere?: RegExp }

/** charmbracelet/fantasy's recordings of a llama.cpp server on localhost, by their recorded hosts. */
const LOCAL_FANTASY: readonly string[] = [
  'providertests/testdata/TestOpenAICompatibleCommon/llama-cpp-gpt-oss/simple.yaml',
  'providertests/testdata/TestOpenAICompatibleCommon/llama-cpp-gpt-oss/simple_streaming.yaml',
  'providertests/testdata/TestOpenAICompatibleCommon/llama-cpp-gpt-oss/tool.yaml',
  'providertests/testdata/TestOpenAICompatibleCommon/llama-cpp-gpt-oss/tool_streaming.yaml',
  'providertests/testdata/TestOpenAICompatibleThinking/llama-cpp-gpt-oss/thinking-streaming.yaml',
  'providertests/testdata/TestOpenAICompatibleThinking/llama-cpp-gpt-oss/thinking.yaml',
];

/** lemur's recording of an Ollama server on localhost, by its recorded host. */
const LOCAL_LEMUR: readonly string[] = ['tests/fixtures/ollama.yml'];

/**
 * Licences checked in each repository's licence file at the pinned commit (the snapshot's newest, which holds every
 * file used; SOURCES.md, "LLM clients' requests, staged for the next retrain").
 */
export const LLM_SOURCES: readonly LlmSource[] = [
  // Go clients (go-vcr v2+ YAML cassettes: `interactions[].request.url`, read by the cassette reader).
  { repo: 'maruel/genai', commit: '66b63e62283f032dc40f348b3a9885221bad394e', licence: 'Apache-2.0', files: /^providers\/(?!llamacpp\/|ollama\/)[^/]+\/testdata\/.+\.yaml$/, format: 'cassette', about: 'Anthropic, OpenAI (chat and responses), Mistral, Gemini, Groq, Perplexity, Hugging Face, OpenRouter, Together, Cloudflare Workers AI, DeepSeek, Baseten, Alibaba DashScope, Cohere, Cerebras, Xiaomi MiMo, Pollinations and BFL APIs as a Go LLM client calls them (go-vcr); its llama.cpp and Ollama (local server) recordings left out by directory' },
  { repo: 'charmbracelet/fantasy', commit: 'f6d4d1e3022229bd6e77717416336bf50e1693ad', licence: 'Apache-2.0', files: except(/^providertests\/testdata\/.+\.ya?ml$/, LOCAL_FANTASY), format: 'cassette', about: 'OpenAI, OpenRouter, Vercel AI Gateway, Gemini, Vertex AI, Anthropic, Azure OpenAI, xAI, Bedrock Runtime, Z.ai and Groq APIs as Charm\'s Fantasy agent library calls them (go-vcr); its llama.cpp (localhost) recordings left out' },
  // Pinned at the last commit that holds its one cassette (removed by the next); its licence read at that commit.
  { repo: 'traceloop/go-openllmetry', commit: '21d07fe155d32cd0e97720cb302815bcfa6bdf43', licence: 'Apache-2.0', files: /^sample-app\/testdata\/[^/]+\.ya?ml$/, format: 'cassette', about: 'OpenAI chat-completion API (tool calling) as the Go OpenLLMetry SDK\'s sample app calls it (go-vcr)' },
  // Python clients, agents and tracers (vcrpy).
  { repo: 'IBM/ibm-generative-ai', commit: 'fb8c2719df43fdcff3e09c123791d389ec7adfe4', licence: 'Apache-2.0', files: /(?:^|\/)cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'IBM Generative AI (BAM) API (text generation, chat, embeddings, tokenization, moderation, tuning, prompts, deployments) as IBM\'s Python SDK and its LangChain, LlamaIndex and Hugging Face extensions call it (vcrpy; host name replaced by the recorder)' },
  { repo: 'newrelic/newrelic-python-agent', commit: 'e3c9c1d035a5889d70ef6ce1bb90379b70040c4d', licence: 'Apache-2.0', files: /^tests\/mlmodel_[^/]+\/(?:.+\/)?cassette[^/]*\.yaml$/, format: 'cassette', about: 'Gemini, Vertex AI, OpenAI and Bedrock Runtime APIs as the New Relic agent\'s AI-monitoring tests call them through the Gemini SDK, Google ADK, LangChain, OpenAI and Agent Framework clients (vcrpy)' },
  { repo: 'Significant-Gravitas/Auto-GPT-test-cassettes', commit: 'e0f7f4a599620b139e72b8233eb0defdc8339b45', licence: 'MIT', files: /^[^/]+\/[^/]+\.yaml$/, format: 'cassette', recorderWhere: /^header:X-Content-Hash$/i, about: 'OpenAI chat, embeddings and image APIs (and one DuckDuckGo search) as the AutoGPT agent called them in its challenge tests (vcrpy); the X-Content-Hash header its format_cassettes.py writes into every recorded request (a cassette-lookup key) left out' },
  { repo: 'livingbio/gpt-fn', commit: '4c266e9ea7c90a7b12b8c0ff88fd691428ed6cf5', licence: 'MIT', files: /(?:^|\/)cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI chat-completion API (function calling, structured output) as gpt-fn calls it (vcrpy)' },
  { repo: 'simonw/llm-openai-plugin', commit: '4f1787d1c81523ceae1dd2b34075fa9632502795', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI Responses API as the llm CLI\'s OpenAI plugin calls it (vcrpy)' },
  { repo: 'simonw/llm-nomic-api-embed', commit: 'e22c85aebc895ff4442d88705515759c574231a0', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Nomic Atlas embedding API as the llm CLI\'s Nomic plugin calls it (vcrpy)' },
  { repo: 'simonw/llm-command-r', commit: '6a66c04b2e73ef57eb9d3bfd0d247130a4a30887', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Cohere chat API as the llm CLI\'s Command R plugin calls it (vcrpy)' },
  { repo: 'datasette/datasette-enrichments-gpt', commit: '1bede50ad21d7ae9fa663fd2a199bcd46b52cf6e', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI chat-completion API as a Datasette enrichment calls it (vcrpy)' },
  { repo: 'datasette/datasette-extract', commit: '4456f54f0cebf6aee9d0d5f7ee06f5988b34402e', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI chat-completion API (tool schema for structured extraction) as datasette-extract calls it (vcrpy)' },
  // Ruby and R clients (Ruby VCR, R vcr).
  { repo: 'drnic/groq-ruby', commit: '47a6dfc9ac5b373a8eaa32235f5e54338a99bda7', licence: 'MIT', files: /^test\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Groq chat-completion API (tools, JSON mode) as the groq Ruby gem calls it (Ruby VCR)' },
  { repo: 'wilkox/lemur', commit: '49f392e6eb2f26c25ad04940cf30ab647e9301c1', licence: 'MIT', files: except(/^tests\/fixtures\/.+\.ya?ml$/, LOCAL_LEMUR), format: 'cassette', about: 'OpenAI chat-completion and Assistants APIs as the lemur R package calls them (R vcr); its Ollama (localhost) cassette left out' },
];

/** No one origin may bring more than this many parts, by a hash of the text: the pool's cap (extract.ts ORIGIN_CAP). */
export const ORIGIN_CAP = 800;

/** One origin per repository: a staged row's source is `owner/name:path`. */
export const llmOrigin = (source: string): string => source.slice(0, source.indexOf(':'));

export const LLM_FILE = path.join(REPO_ROOT, 'models/data/real/llm.jsonl.gz');
export const LLM_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/llm_requests.jsonl.gz');

/** Every file whose parts are known already: the pool's, the held-out draws' and the page loads' (parts and whole requests). */
export const KNOWN_FILES: readonly string[] = [
  path.join(REPO_ROOT, 'models/data/real/fetched.jsonl.gz'),
  path.join(REPO_ROOT, 'models/data/real/requests.jsonl.gz'),
  HELD_OUT_FILE, HELD_OUT_REQUESTS_FILE, PAGE_LOADS_FILE, PAGE_LOADS_REQUESTS_FILE,
  HELD_OUT_2_FILE, HELD_OUT_2_REQUESTS_FILE, HELD_OUT_3_FILE, HELD_OUT_3_REQUESTS_FILE, HELD_OUT_4_FILE, HELD_OUT_4_REQUESTS_FILE,
];

interface Row { text: string; label: 0; class: 'benign'; kind: string; where: string; source: string; licence: string }

/** Cuts LLM_SOURCES into LLM_FILE and LLM_REQUESTS_FILE; returns the report lines. */
export function stage(): string[] {
  // Any text already known, whatever its `where`, is not new (cutSet's rule).
  const { keys: known, texts: knownText } = knownParts(KNOWN_FILES);
  const seen = new Set<string>();
  const rows: Row[] = [];
  const requests: WholeRequest[] = [];
  const report: string[] = [];
  for (const s of LLM_SOURCES) {
    const { recordings, line } = newParts(s, known, seen, (text) => knownText.has(text));
    const sent = (p: { where: string }) => !s.recorderWhere?.test(p.where);
    let dropped = 0;
    for (const { file: f, requests: reqs, parts } of recordings) {
      const source = `${s.repo}:${f}`;
      for (const ps of reqs) if (ps.some(sent)) requests.push({ source, parts: ps.filter(sent) });
      for (const p of parts) {
        if (sent(p)) rows.push({ text: p.text, label: 0, class: 'benign', kind: p.where, where: p.where, source, licence: s.licence });
        else dropped++;
      }
    }
    report.push(s.recorderWhere ? `${line} (${dropped} of them written by the recorder, left out)` : line);
  }
  const kept = capPerOrigin(rows, (r) => llmOrigin(r.source), ORIGIN_CAP, report);
  const out = rows.filter((r) => kept.has(r)); // file order: sources as listed, files sorted, parts as recorded
  writeFileSync(LLM_FILE, gzipSync(out.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
  const { kept: keptRequests, origins: requestOrigins } = distinctRequestsPerOrigin(requests, (r) => llmOrigin(r.source), REQUEST_CAP);
  writeFileSync(LLM_REQUESTS_FILE, gzipSync(keptRequests.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
  const perOrigin = new Map<string, number>();
  for (const r of keptRequests) perOrigin.set(llmOrigin(r.source), (perOrigin.get(llmOrigin(r.source)) ?? 0) + 1);
  for (const [o, n] of [...perOrigin].sort((a, b) => (a[0] < b[0] ? -1 : 1))) report.push(`origin ${o}: ${n} whole requests`);
  const kinds = new Map<string, number>();
  for (const r of out) kinds.set(r.where, (kinds.get(r.where) ?? 0) + 1);
  report.push(`kinds: ${[...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  report.push(`${keptRequests.length} whole requests from ${requestOrigins} origins to ${path.relative(REPO_ROOT, LLM_REQUESTS_FILE)}`);
  report.push(`wrote ${out.length} parts from ${new Set(out.map((r) => llmOrigin(r.source))).size} origins to ${path.relative(REPO_ROOT, LLM_FILE)}`);
  return report;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/llm.ts')) {
  console.log(stage().join('\n'));
}

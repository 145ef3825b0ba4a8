// Cuts a fourth frozen held-out set into models/data/real/heldout4.jsonl.gz (one benign row per request part) and
// heldout4_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/heldout4.ts`.
//
// Why: the earlier held-out sets (heldout.ts, heldout2.ts, heldout3.ts) are spent the day a rule or model change is
// made after reading what they flagged. These recordings were collected on 2026-12-05 by a helper session that never
// scored them: no model, core or rule saw a part of them before they were cut. They are read by `make eval` only: no
// training, calibration, threshold or rule may be chosen from them, and what they flag is reported by origin and kind,
// never as texts. A change made after reading their flagged parts spends them too.
//
// What they are: HTTP recordings of repositories none of the earlier sets, the pool or ../shared/datasets name: page
// loads of theverge.com, coursehero.com and two smaller sites as Lighthouse CI's test reports list their requests
// (path, query and the browser's User-Agent: the `lhr` reader, added for this set) and two small browser HARs; LLM
// clients, agents and integrations (PaperQA, ldp, aviary, Boxcars, instructor-rb, Raix, Martian's LLM adapters,
// LangChain's Azure and community integrations, LangChainGo's httprr traces and Datadog's Node tracer's cassettes, the
// last two read by the `httprr` and `request-json` readers added for this set: OpenAI, Anthropic, Gemini, Bedrock,
// Azure AI, DeepInfra, Together, Cohere, OpenRouter, Upstash Vector, ... request bodies and the headers each client
// sends); Go's Gerrit and Google Groups as the Oscar project calls them; US local governments' meeting sites, state
// job-service sites and state court-record searches as Big Local News' scrapers request them; German news and HR
// sites as a job-news aggregator fetches them; shipping APIs (UPS, USPS, ShipEngine, TForce, R+L), the European Patent
// Office's OPS, Brazilian payment and billing APIs (Moip, Boleto Simples), the Financial Times' MIO configuration
// service, and small API wrappers (Bitstamp, WHCC, Teresina's transit API, Cymon, Echo Nest, Storify, AngelList,
// Camera+, PokeAPI, Master Of All Science).
// Recordings whose requests go to an API the pool records (Crossref, Twitter, reddit, Datadog, GitHub) or to a local
// or private-address server are left out by name or path (the POOL_* and LOCAL_* lists and the files expressions,
// found from the recorded URLs' hosts, not from content).
// Cut by heldout.ts's cutSet: the same readers and content-blind filters, parts any earlier set holds left out, at
// most ORIGIN_CAP parts per origin and no `where` kind over KIND_CAP of the set.

import path from 'node:path';
import { REPO_ROOT } from '../load.ts';
import { cutSet, except, HELD_OUT_FILE, type HeldOutSource } from './heldout.ts';
import { PAGE_LOADS_FILE } from './pageloads.ts';
import { HELD_OUT_2_FILE } from './heldout2.ts';
import { HELD_OUT_3_FILE } from './heldout3.ts';

/** paper-qa's recordings that call Crossref's API (the pool's rcrossref records it), by their recorded hosts. */
const POOL_PAPERQA: readonly string[] = [
  'tests/cassettes/test_arxiv_doi_is_used_when_available.yaml',
  'tests/cassettes/test_author_matching.yaml',
  'tests/cassettes/test_bad_dois.yaml',
  'tests/cassettes/test_bad_titles.yaml',
  'tests/cassettes/test_bulk_doi_search.yaml',
  'tests/cassettes/test_bulk_title_search.yaml',
  'tests/cassettes/test_crossref_journalquality_fields_filtering.yaml',
  'tests/cassettes/test_crossref_retraction_status.yaml',
  'tests/cassettes/test_docs_lifecycle.yaml',
  'tests/cassettes/test_doi_search[paper_attributes0].yaml',
  'tests/cassettes/test_doi_search[paper_attributes1].yaml',
  'tests/cassettes/test_doi_search[paper_attributes2].yaml',
  'tests/cassettes/test_doi_search[paper_attributes3].yaml',
  'tests/cassettes/test_doi_search[paper_attributes4].yaml',
  'tests/cassettes/test_ensure_sequential_run.yaml',
  'tests/cassettes/test_ensure_sequential_run_early_stop.yaml',
  'tests/cassettes/test_equations[docling].yaml',
  'tests/cassettes/test_equations[nemotron].yaml',
  'tests/cassettes/test_equations[pymupdf].yaml',
  'tests/cassettes/test_get_reasoning[deepseek-reasoner].yaml',
  'tests/cassettes/test_get_reasoning[openrouter-deepseek].yaml',
  'tests/cassettes/test_image_enrichment_normal_use.yaml',
  'tests/cassettes/test_minimal_fields_filtering.yaml',
  'tests/cassettes/test_odd_client_requests.yaml',
  'tests/cassettes/test_pdf_reader_match_doc_details.yaml',
  'tests/cassettes/test_s2_only_fields_filtering.yaml',
  'tests/cassettes/test_title_search[paper_attributes0].yaml',
  'tests/cassettes/test_title_search[paper_attributes1].yaml',
  'tests/cassettes/test_title_search[paper_attributes2].yaml',
  'tests/cassettes/test_tricky_journal_quality_results[10.1016-j.bbcan.2023.188947-1].yaml',
  'tests/cassettes/test_tricky_journal_quality_results[10.1016-j.semcdb.2016.08.024-1].yaml',
  'tests/cassettes/test_tricky_journal_quality_results[10.1038-s41598-018-27044-6-1].yaml',
  'tests/cassettes/test_tricky_journal_quality_results[10.1073-pnas.1205508109-3].yaml',
  'tests/cassettes/test_tricky_journal_quality_results[10.1146-annurev.pathol.4.110807.092311-2].yaml',
  'tests/cassettes/test_tricky_journal_quality_results[10.1186-1471-2148-11-4-2].yaml',
];

/** filter-app's recordings that call Twitter's API or reddit (APIs the pool records), by their recorded hosts. */
const POOL_FILTER_APP: readonly string[] = [
  'spec/fixtures/vcr_cassettes/feed-url.yml',
  'spec/fixtures/vcr_cassettes/karrierespiegel.yml',
  'spec/fixtures/vcr_cassettes/like_fetcher/one.yml',
  'spec/fixtures/vcr_cassettes/paywall/handelsblatt_twitter.yml',
  'spec/fixtures/vcr_cassettes/personalwirtschaft.yml',
];

/** langchain-community's recordings of a Kinetica server at a private address (172.31.x.x), by their recorded hosts. */
const LOCAL_LANGCHAIN_COMMUNITY: readonly string[] = [
  'libs/community/tests/integration_tests/chat_models/cassettes/TestChatKinetica.test_create_llm.yaml',
  'libs/community/tests/integration_tests/chat_models/cassettes/TestChatKinetica.test_full_chain.yaml',
  'libs/community/tests/integration_tests/chat_models/cassettes/TestChatKinetica.test_generate.yaml',
  'libs/community/tests/integration_tests/chat_models/cassettes/TestChatKinetica.test_load_context.yaml',
  'libs/community/tests/integration_tests/chat_models/cassettes/TestChatKinetica.test_setup.yaml',
];

/** langchaingo's recordings of a local server (Ollama on localhost), by their recorded hosts. */
const LOCAL_LANGCHAINGO: readonly string[] = [
  'llms/ollama/internal/ollamaclient/testdata/TestClient_CreateEmbedding.httprr',
  'llms/ollama/internal/ollamaclient/testdata/TestClient_Generate.httprr',
  'llms/ollama/internal/ollamaclient/testdata/TestClient_GenerateChat.httprr',
  'llms/ollama/internal/ollamaclient/testdata/TestClient_GenerateChatStream.httprr',
  'llms/ollama/internal/ollamaclient/testdata/TestClient_GenerateChatWithThink.httprr',
  'llms/ollama/internal/ollamaclient/testdata/TestClient_GenerateStream.httprr',
  'llms/ollama/testdata/TestCreateEmbedding.httprr',
  'llms/ollama/testdata/TestGenerateContent.httprr',
  'llms/ollama/testdata/TestWithFormat.httprr',
  'llms/ollama/testdata/TestWithKeepAlive.httprr',
  'llms/ollama/testdata/TestWithPullModel.httprr',
  'llms/ollama/testdata/TestWithStreaming.httprr',
  'llms/ollama/testdata/TestWithThink.httprr',
];

/** Licences checked in each repository's licence file at the pinned commit (SOURCES.md, "Held-out origins, fourth set"). */
export const HELD_OUT_4: readonly HeldOutSource[] = [
  // LLM clients and research agents (vcrpy, Ruby VCR): request bodies and the headers each client sends.
  { repo: 'Future-House/paper-qa', commit: 'd2c3c698fdf06986aa021812ab3186d3696438d8', licence: 'Apache-2.0', files: except(/(?:^|\/)cassettes\/.+\.ya?ml$/, POOL_PAPERQA), format: 'cassette', about: 'OpenAlex, Semantic Scholar, Unpaywall, Wikipedia, OpenAI, DeepSeek, OpenRouter and NVIDIA NIM as PaperQA calls them (vcrpy); its Crossref cassettes left out' },
  { repo: 'Future-House/ldp', commit: 'f0a29f1f3e6313b44e131bb394a13e64920cec73', licence: 'Apache-2.0', files: /(?:^|\/)cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI and Anthropic APIs as the ldp agent framework and its lmi client call them (vcrpy)' },
  { repo: 'Future-House/aviary', commit: '826577f332a02ec2f5883cdb042fb12f14b4c7b3', licence: 'Apache-2.0', files: /(?:^|\/)cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI, Anthropic and Gemini APIs as the aviary environments call them (vcrpy)' },
  { repo: 'DataDog/dd-trace-js', commit: '5735ffe7643cd9a984a8d21bde2131cc2fbe3a50', licence: 'Apache-2.0 OR BSD-3-Clause', files: /^packages\/dd-trace\/test\/llmobs\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI, Anthropic and Bedrock Runtime APIs as the Node tracer\'s LLM-observability tests call them (its vcrpy-style YAML cassettes)' },
  { repo: 'DataDog/dd-trace-js', commit: '5735ffe7643cd9a984a8d21bde2131cc2fbe3a50', licence: 'Apache-2.0 OR BSD-3-Clause', files: /^packages\/dd-trace\/test\/llmobs\/cassettes\/(?!datadog-experiments\/).+\.json$/, format: 'request-json', about: 'OpenAI, Azure OpenAI, Anthropic (and the Claude Agent SDK), Bedrock Runtime, Gemini and DeepSeek APIs as the Node tracer\'s LLM-observability tests call them (one recorded request a JSON file); its Datadog-API cassettes (an API the pool records) left out' },
  { repo: 'tmc/langchaingo', commit: '8fea3de63675b901cf7a2cdc435c204cb7a93643', licence: 'MIT', files: except(/(?:^|\/)testdata\/[^/]+\.httprr$/, LOCAL_LANGCHAINGO), format: 'httprr', about: 'OpenAI, Gemini, Anthropic, Bedrock, Cohere, OpenRouter, Hugging Face, Perplexity, Wikipedia, SerpApi and DuckDuckGo as LangChainGo calls them (httprr traces); its Ollama (localhost) traces left out' },
  { repo: 'golang/oscar', commit: 'c262b2af637574c810ba325b3f85e7ba91f774d7', licence: 'BSD-3-Clause', files: /^internal\/(?:gcp\/checks|gcp\/gemini|gerrit|googlegroups)\/testdata\/[^/]+\.httprr$/, format: 'httprr', about: 'Go\'s Gerrit (go-review.googlesource.com), Google Groups, Gemini and Checks APIs as the Oscar project calls them (httprr traces); its GitHub-API traces (an API the pool records) and Ollama (local) ones are not used' },
  { repo: 'BoxcarsAI/boxcars', commit: '2475765a7ca590101aa927dbea4267cb34835903', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI, Anthropic, Cohere, Groq, Cerebras, Gemini, SerpApi and Wikipedia as Boxcars calls them (Ruby VCR)' },
  { repo: 'instructor-ai/instructor-rb', commit: 'e96ab3b4e9c8c1d08c8f784c0ac091f33a12a916', licence: 'MIT', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI and Anthropic APIs as instructor-rb calls them (Ruby VCR)' },
  { repo: 'OlympiaAI/raix', commit: '7e1b0da45fe88f526388171fad321115c09259ec', licence: 'MIT', files: /^spec\/vcr\/.+\.ya?ml$/, format: 'cassette', about: 'OpenRouter and OpenAI APIs as Raix calls them (Ruby VCR)' },
  { repo: 'withmartian/llm-adapters', commit: '5c6dc2ad3f8d88187f3146b884fff18ef84ddfb5', licence: 'MIT', files: /(?:^|\/)cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'DeepInfra, OpenAI, Together, Anthropic, Lambda, Gemini, ... chat and completion APIs as Martian\'s LLM adapters call them through the OpenAI Python client (vcrpy)' },
  { repo: 'langchain-ai/langchain-azure', commit: '9870d265907919db547ab4d1fbe210ffb6daf367', licence: 'MIT', files: /(?:^|\/)cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Azure AI Foundry model inference (host name redacted by the recorder), Azure OpenAI and OpenAI as LangChain\'s Azure integrations call them (vcrpy)' },
  { repo: 'langchain-ai/langchain-community', commit: 'bc87773064735e649cfd798185502e156d5e948a', licence: 'MIT', files: except(/(?:^|\/)cassettes\/.+\.ya?ml$/, LOCAL_LANGCHAIN_COMMUNITY), format: 'cassette', about: 'Upstash Vector and OpenAI as LangChain\'s community integrations call them (vcrpy); its Kinetica cassettes (a private-address server) left out' },
  // Scrapers of public sites and API clients of other services.
  { repo: 'biglocalnews/civic-scraper', commit: 'c47916b141bdcda2397b4e35f3afbf47f7a56066', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'US local governments\' meeting-agenda sites (CivicPlus, Legistar) as civic-scraper requests them (vcrpy; 9 cassettes absent from the snapshot)' },
  { repo: 'biglocalnews/warn-scraper', commit: 'c21b66c788210501b3d00a480833d2e6ec9bd7c2', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Oklahoma and Kansas job-service sites (WARN notices) as warn-scraper requests them (vcrpy)' },
  { repo: 'biglocalnews/court-scraper', commit: '364bd911d7de90cf2bcea93da0efa86b26617670', licence: 'ISC', files: /(?:^|\/)cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Oklahoma State Courts Network (oscn.net) and Wisconsin Circuit Court Access case searches as court-scraper requests them (vcrpy)' },
  { repo: 'wirecardBrasil/moip-sdk-ruby', commit: '92721205eb1034a20540e4d95ef1d7868976e53b', licence: 'MIT', files: /^vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Moip (Wirecard Brasil) payments API v2, sandbox (Ruby VCR)' },
  { repo: 'BoletoSimples/boletosimples-ruby', commit: '758123a1f9dd6700446f98a80ee33bf9203fe7f6', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Boleto Simples (Kobana) bank-slip billing API, sandbox (Ruby VCR)' },
  { repo: 'kojnapp/bitstamp', commit: 'aa7460beb4fa7c412f2906c6ad7b0ad78026f579', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Bitstamp exchange API (Ruby VCR)' },
  { repo: 'rjdevs7/whcc_ruby', commit: '886b73f2e565c2be8ea071320d4369ccb8bdee68', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'WHCC photo-lab order API, sandbox (Ruby VCR)' },
  { repo: 'teresinahc/inthegra', commit: 'e071f13dfff71775f42fafdb502393683eeddde5', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Inthegra, Teresina\'s (Brazil) public-transport API (Ruby VCR)' },
  { repo: 'falegk/cymon', commit: 'cf961ed34b90c5fbe7cb489ed394b3f9e0149e98', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Cymon open threat-intelligence API (Ruby VCR)' },
  { repo: 'chanko/master_of_all_science', commit: '7cc2aa106830b3f43d50e5bc443fe2b6b4df3f03', licence: 'MIT', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Master Of All Science (Rick and Morty screenshot search) API (Ruby VCR)' },
  { repo: 'kevintuhumury/cameraplus', commit: '73d1353502f8263d6f2c303d186d50fcac9f2349', licence: 'MIT', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Camera+ photo-sharing API (Ruby VCR)' },
  { repo: 'maxehmookau/echonest-ruby-api', commit: '5d90cb6adec03d139f264665206ad507b6cc0a00', licence: 'MIT', files: /^fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'The Echo Nest music API (Ruby VCR)' },
  { repo: 'natural-affinity/storify', commit: 'a7e3cbc9228de26b2912dc2fef5653ca19950e80', licence: 'MIT', files: /^fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Storify API v1 (stories, users, search, browse) (Ruby VCR)' },
  { repo: 'paulsingh/angellist-api', commit: '76745ba5738b400f2b45e2d715200bfe8b533435', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'AngelList API v1 (Ruby VCR)' },
  { repo: 'friendlycart/friendly_shipping', commit: '9f0a93ff04e281e2b8d9d1e43d53c33a35a27a46', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'UPS (JSON and XML), USPS, ShipEngine, TForce Freight and R+L Carriers shipping APIs, test and production (Ruby VCR)' },
  { repo: 'FHG-IMW/epo-ops', commit: '8cf0ba1ff0a27498692d61a05b1f354cb43667cb', licence: 'MIT', files: /^test\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'European Patent Office Open Patent Services (OPS) and WIPO (Ruby VCR)' },
  { repo: 'Financial-Times/mio-config', commit: '90e216572c9c57345fc86e0f532a92cd5a6fb6ea', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Financial Times\' MIO configuration service, a development instance (Ruby VCR)' },
  { repo: 'zealot128/filter-app', commit: '0f50508aa12e182805356bde6dc2f28a1979c985', licence: 'MIT', files: except(/^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, POOL_FILTER_APP), format: 'cassette', about: 'German news and HR sites, feeds, Facebook, LinkedIn and XING share counts and the Empfehlungsbund API as a job-news aggregator fetches them (Ruby VCR); its Twitter and reddit cassettes left out' },
  { repo: 'rdavid1099/poke-api-v2', commit: '632836d92be0d456450d23e4705dba2ba33be171', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'PokeAPI (resources, paged lists) (Ruby VCR)' },
  // Browser page loads (HAR captures, Lighthouse reports), one origin per site captured.
  { repo: 'GoogleChrome/lighthouse-ci', commit: 'de45968a38faf11ca9f7b92dea377f23b84cf820', licence: 'Apache-2.0', files: /^packages\/server\/test\/fixtures\/(?:lh|psi)-[^/]+\.json$/, format: 'lhr', bySite: true, about: 'page loads of theverge.com, coursehero.com, toddle.com.au and dkdevelopment.net as Lighthouse reports list their requests (URLs only: path and query)' },
  { repo: 'jeromeetienne/har2appcache', commit: '95da88377814fac5d366dfd700e923058024e2c6', licence: 'MIT', files: /^sample\.har$/, format: 'har', bySite: true, about: 'jeromeetienne.github.com (a browser capture)' },
  { repo: 'danielwuz/casper-netsniff', commit: 'd23412758f62ec8bad2cc8d3ffb94f26de921a5e', licence: 'MIT', files: /^test\.har$/, format: 'har', bySite: true, about: 'google.com (a PhantomJS/CasperJS capture)' },
];

export const HELD_OUT_4_FILE = path.join(REPO_ROOT, 'models/data/real/heldout4.jsonl.gz');
export const HELD_OUT_4_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout4_requests.jsonl.gz');

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout4.ts')) {
  console.log(cutSet(HELD_OUT_4, HELD_OUT_4_FILE, HELD_OUT_4_REQUESTS_FILE, [HELD_OUT_FILE, PAGE_LOADS_FILE, HELD_OUT_2_FILE, HELD_OUT_3_FILE]).join('\n'));
}

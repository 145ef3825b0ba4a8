// Cuts an eighth frozen held-out set into models/data/real/heldout8.jsonl.gz (one benign row per request part) and
// heldout8_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/heldout8.ts`.
//
// Why: the earlier held-out sets (heldout.ts to heldout7.ts) are spent the day a rule or model change is made after
// reading what they flagged. These recordings were collected on 2026-12-06 by a helper session that never scored them:
// no model, core or rule saw a part of them before they were cut. They are read by `make eval` only
// (models/yardstick.ts HELD_OUT_EIGHTH_DRAW): no training, calibration, threshold or rule may be chosen from them, and
// what they flag is reported by origin and kind, never as texts. A change made after reading their flagged parts
// spends them too.
//
// What they are: hosted-LLM API clients' recordings, the traffic the model is weakest on (chat, tool, streaming and
// structured-output requests to OpenAI, Anthropic, Gemini, Mistral, Groq, xAI, Azure OpenAI, Bedrock, OpenRouter, ...
// from the intelligence gem, FutureHouse's LLM client, RubyLLM::MCP, promptic, Envoy AI Gateway's test server, Foobara's
// clients and an LLM CLI plugin); a SQL-over-HTTP client (QuickBooks Online's query API, qbo_api); payment and commerce
// APIs chosen for their bodies (Stripe's form-encoded bodies, Adyen, Braintree's XML, Avalara AvaTax); DatoCMS's content
// APIs; Google Cloud APIs as Config Connector calls them; threat-intelligence APIs (mihari and ninoseki's clients of
// VirusTotal, Shodan, urlscan, SecurityTrails, ...); and statistical, biodiversity and scholarly-metadata APIs (IPUMS,
// FinBIF, Crossref, GBIF). Ruby VCR (YAML and JSON), vcrpy, go-vcr and R vcr cassettes, all read by the `cassette`
// reader. One origin per repository, except where several clients record one API (Avalara AvaTax, Braintree, Crossref:
// one origin each, named for the API).
// Left out by path, from the recorded URLs' hosts, not from content: foobara/ai's four cassettes of a local Ollama
// server, envoyproxy/ai-gateway's cassette of a placeholder Azure resource, mihari's two cassettes whose URLs are the
// recorder's placeholders. Repositories whose recordings go to local or placeholder hosts were not listed (SOURCES.md).
// Cut by heldout.ts's cutSet: the same readers and content-blind filters, parts any earlier set or the staged LLM set
// holds (their parts files and whole-request files, by any `where`) left out, at most ORIGIN_CAP parts per origin and
// no `where` kind over KIND_CAP of the set.

import path from 'node:path';
import { REPO_ROOT } from '../load.ts';
import { cutSet, except, type HeldOutSource } from './heldout.ts';
import { HELD_OUT_7_KNOWN, HELD_OUT_7_FILE, HELD_OUT_7_REQUESTS_FILE } from './heldout7.ts';

/** foobara/ai's cassettes that record a local Ollama server (`localhost:11434`), by recorded host. */
const FOOBARA_AI_LOCAL_OLLAMA = [
  'spec/vcr_cassettes/Foobara_Ai_AnswerBot_Ask/when_using_ollama/is_successful.yml',
  'spec/vcr_cassettes/Foobara_Ai_AnswerBot_GenerateNextMessage/when_using_ollama/is_successful.yml',
  'spec/vcr_cassettes/Foobara_Ai_AnswerBot_ListModels/lists_all_models.yml',
  'spec/vcr_cassettes/list_models.yml',
];

/** envoyproxy/ai-gateway's cassette of a placeholder Azure OpenAI resource (`resource-name.cognitiveservices.azure.com`), by recorded host. */
const AI_GATEWAY_PLACEHOLDER_AZURE = ['tests/internal/testopenai/cassettes/azure-chat-basic.yaml'];

/** mihari's cassettes whose request URLs are the recorder's placeholders (`<MISP_URL>`, `<THEHIVE_URL>`), by recorded host. */
const MIHARI_PLACEHOLDER_HOSTS = [
  'spec/fixtures/vcr_cassettes/Mihari_Emitters_MISP/_call/1_2_1.yml',
  'spec/fixtures/vcr_cassettes/Mihari_Emitters_TheHive/_valid_/1_1_1.yml',
];

/** Licences checked in each repository's licence file at the pinned commit (SOURCES.md, "Held-out origins, eighth set"). */
export const HELD_OUT_8: readonly HeldOutSource[] = [
  // Clients of hosted LLM APIs (vcrpy, Ruby VCR, go-vcr): prompts, tool schemas, structured-output requests.
  { repo: 'Future-House/llm-client', commit: 'ce9ef5dc45a73341218d99c9a4c26b616414495b', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI, Anthropic, DeepSeek and OpenRouter chat, embedding and tool-calling APIs as FutureHouse\'s LLM client (lmi) calls them (vcrpy)' },
  { repo: 'EndlessInternational/intelligence', commit: '2ea7d4c0121a2c3eb962bb6199df67d8a38cb50a', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.json$/, format: 'cassette', about: 'chat, streaming, tool and vision requests to OpenAI, Gemini, Anthropic, xAI, Mistral, Azure OpenAI, Groq, Together, Hyperbolic, OpenRouter, Cerebras, SambaNova and more, as the intelligence gem\'s adapters call them (Ruby VCR, JSON cassettes)' },
  { repo: 'patvice/ruby_llm-mcp', commit: '4d10851994029c7d7f3246ad517b2eef483ac810', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI, Anthropic and Gemini (generativelanguage.googleapis.com) chat APIs with MCP tools, resources and prompts, as RubyLLM::MCP calls them (Ruby VCR)' },
  { repo: 'knowsuchagency/promptic', commit: 'fe15855b0a0d50229215e76595f8871a5999cca0', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI, Anthropic and Gemini chat APIs through LiteLLM, as the promptic library calls them: tool calls, structured output, streaming (vcrpy)' },
  { repo: 'envoyproxy/ai-gateway', commit: 'c217da8a539570ba3f6014a60c2687c29a945f1f', licence: 'Apache-2.0', files: except(/^tests\/internal\/testopenai\/cassettes\/.+\.ya?ml$/, AI_GATEWAY_PLACEHOLDER_AZURE), format: 'cassette', about: 'OpenAI chat, completions, embeddings, image and responses APIs (api.openai.com), recorded for Envoy AI Gateway\'s test server; one cassette of a placeholder Azure resource is not used (go-vcr)' },
  { repo: 'khasinski/ruby_llm-responses_api', commit: '174cd52bc1063a8fa6b36635ae9d5e75a9abc994', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI Responses API (api.openai.com) as a RubyLLM provider calls it, with a few web pages its tools fetched (Ruby VCR)' },
  { repo: 'foobara/open-ai-api', commit: '7e707e05b04c8079301a80e05d6b8c6334da8ba7', licence: 'MIT', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI chat completions and models APIs (api.openai.com) as Foobara\'s OpenAI client calls them (Ruby VCR; MIT OR Apache-2.0)' },
  { repo: 'foobara/anthropic-api', commit: '9bce77fb99482c22dd41ace81de336a8ec9bd5c6', licence: 'MIT', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Anthropic messages and models APIs (api.anthropic.com) as Foobara\'s Anthropic client calls them (Ruby VCR)' },
  { repo: 'foobara/llm-backed-command', commit: 'bc3608a0c82264e4bfe74f5a1bedce3a85e1da3a', licence: 'MPL-2.0', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Anthropic messages API (api.anthropic.com) answering Foobara commands\' JSON-schema prompts (Ruby VCR)' },
  { repo: 'foobara/ai', commit: '319da587559ae43c1b8f5d187f2231cb0d66d228', licence: 'MPL-2.0', files: except(/^spec\/vcr_cassettes\/.+\.ya?ml$/, FOOBARA_AI_LOCAL_OLLAMA), format: 'cassette', about: 'OpenAI and Anthropic chat APIs as Foobara\'s AnswerBot calls them; four cassettes that record a local Ollama server are not used (Ruby VCR)' },
  { repo: 'thejray/llm-bedrock', commit: '45afa72f4d511fed24da7393a9c899af1db57093', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Amazon Bedrock Converse API (bedrock-runtime.us-west-2.amazonaws.com) as an LLM CLI plugin calls it (vcrpy)' },
  // A SQL-over-HTTP client: QuickBooks Online's query API takes its SQL-like statements in the query string.
  { repo: 'minimul/qbo_api', commit: '34abd0eaeffccfaa9dffe12e291cdb9c6e8a946f', licence: 'MIT', files: /^spec\/vcr\/.+\.ya?ml$/, format: 'cassette', about: 'QuickBooks Online Accounting API sandbox (sandbox-quickbooks.api.intuit.com): its query endpoint (SELECT statements), entity create, update and batch bodies, reports (Ruby VCR)' },
  // Payment, tax and content APIs (Ruby VCR), chosen for their bodies (JSON, form-encoded, XML): one origin per API.
  { repo: 'spree-contrib/spree_avatax_official', commit: 'f98b8d5792cd3ea2464092257f057e656efc05a3', licence: 'BSD-3-Clause', files: /^spec\/vcr\/.+\.ya?ml$/, format: 'cassette', origin: 'Avalara AvaTax API', about: 'Avalara AvaTax REST API v2 sandbox (sandbox-rest.avatax.com): transactions, address resolution (Ruby VCR)' },
  { repo: 'boomerdigital/solidus_avatax_certified', commit: 'bf63f756e0857ac260b967f80ca2bc86a54fbcb1', licence: 'BSD-3-Clause', files: /^spec\/vcr\/.+\.ya?ml$/, format: 'cassette', origin: 'Avalara AvaTax API', about: 'Avalara AvaTax REST API v2 sandbox (sandbox-rest.avatax.com) as the Solidus extension calls it: tax quotes and transactions, VAT, address validation (Ruby VCR)' },
  { repo: 'spree/spree_stripe', commit: '80f01711cc6d8a6b1f174edfad2af5b254bb9070', licence: 'MIT', files: /^spec\/vcr\/.+\.ya?ml$/, format: 'cassette', about: 'Stripe API (api.stripe.com, test mode): customers, payment intents, payment methods, setup intents, webhook endpoints, Apple Pay domains, in form-encoded bodies (Ruby VCR)' },
  { repo: 'spree/spree_adyen', commit: '8a288cf6d4c259683390ce0ebc204ddfaf95ba39', licence: 'MIT', files: /^spec\/vcr\/.+\.ya?ml$/, format: 'cassette', about: 'Adyen Checkout and Management APIs, test environment (checkout-test.adyen.com, management-test.adyen.com): payment sessions, payments, API credentials, webhooks (Ruby VCR)' },
  { repo: 'solidusio/solidus_braintree', commit: '956fe1724b003cf5c6b0766d6cdfe622a4bc638d', licence: 'BSD-3-Clause', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'Braintree API', about: 'Braintree gateway API sandbox (api.sandbox.braintreegateway.com): XML transactions, customers, payment methods, client tokens (Ruby VCR)' },
  { repo: 'spree-contrib/spree_braintree_vzero', commit: 'f6321f45f0036c91f1c81180faa09fe77c622326', licence: 'BSD-3-Clause', files: /^spec\/vcr\/.+\.ya?ml$/, format: 'cassette', origin: 'Braintree API', about: 'Braintree gateway API sandbox (api.sandbox.braintreegateway.com) as the Spree v.zero extension calls it: XML transactions, vault, PayPal and 3-D Secure (Ruby VCR)' },
  { repo: 'datocms/ruby-datocms-client', commit: 'deb15047ef909f4a09979fb429f826d52417421c', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'DatoCMS Content Management and Account APIs (site-api.datocms.com, account-api.datocms.com): JSON:API bodies for sites, models, fields, items, uploads, with the uploads\' signed PUTs to its S3 bucket (Ruby VCR)' },
  // Google Cloud APIs as Config Connector's Terraform-based and direct controllers call them (go-vcr).
  { repo: 'GoogleCloudPlatform/k8s-config-connector', commit: 'cdb85ecf17085561b9f4abc75a95107cb01446d9', licence: 'Apache-2.0', files: /^pkg\/test\/resourcefixture\/testdata\/.+\/_vcr_cassettes\/[^/]+\.ya?ml$/, format: 'cassette', about: 'Google Cloud APIs (compute, IAM, Resource Manager, logging, monitoring, GKE, Cloud Run, Eventarc, API Keys, ...) as Config Connector creates, reads, updates and deletes resources, with its OAuth token requests (go-vcr)' },
  // Threat-intelligence APIs (Ruby VCR): one origin per API client; mihari (one origin) queries many of them.
  { repo: 'ninoseki/mihari', commit: 'fcce37c1cc6dd2b45a137940371b0d5d5163f368', licence: 'MIT', files: except(/^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, MIHARI_PLACEHOLDER_HOSTS), format: 'cassette', about: 'threat-intelligence and DNS APIs as the mihari OSINT tool queries them (VirusTotal, Shodan InternetDB, SecurityTrails, PassiveTotal, Onyphe, Pulsedive, urlscan, CIRCL, crt.sh, URLhaus, OTX, Google DNS, ...); two cassettes of placeholder MISP and TheHive hosts are not used (Ruby VCR)' },
  { repo: 'ninoseki/virustotalx', commit: 'f228b5e592cff638811189bccb6cf3c341d943d8', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'VirusTotal API v3 (www.virustotal.com): files, URLs, domains, IPs, graphs, intelligence search (Ruby VCR)' },
  { repo: 'ninoseki/urlscan', commit: '947bba0b26e21d900b66e2f2192f13125ecad114', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'urlscan.io API: scan submissions, results, search, pro features (Ruby VCR)' },
  { repo: 'ninoseki/shodanx', commit: '2519d5967b3ff4d8da6242833c84e4fcf5f2cc09', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Shodan REST and Exploits APIs (api.shodan.io, exploits.shodan.io) (Ruby VCR)' },
  { repo: 'ninoseki/securitytrails', commit: '6c0536d7950889c640faed10352b740f14908dcb', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'SecurityTrails API (api.securitytrails.com): domains, IPs, history, feeds, search (Ruby VCR)' },
  { repo: 'ninoseki/binaryedge-rb', commit: '0bc31bcfcea06ea5ae959d5eb25ee58aabe70d8b', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'BinaryEdge API v2 (api.binaryedge.io) (Ruby VCR)' },
  { repo: 'ninoseki/pulsedive-rb', commit: 'fd749a6c9f56d03c0801e7021677bfc3929367b9', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Pulsedive API (pulsedive.com): indicators, threats, feeds, analysis (Ruby VCR)' },
  { repo: 'ninoseki/passivetotalx', commit: '30572cf6a162c881314b32b319385b3777484edf', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'RiskIQ PassiveTotal API v2 (api.passivetotal.org) (Ruby VCR)' },
  { repo: 'ninoseki/hybridanalysisx', commit: '9e5ddc79cb7358ddce214486e8f77641c657904f', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Hybrid Analysis API v2 (www.hybrid-analysis.com) (Ruby VCR)' },
  { repo: 'ninoseki/greynoise', commit: 'c9e08b02aa480dbd65affa13a1ea7fa78ad39827', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'GreyNoise API v2 (api.greynoise.io) (Ruby VCR)' },
  { repo: 'ninoseki/onyphe-rb', commit: 'ce113915087bf59adc262a7933eb3bd5c08b905f', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'ONYPHE API (www.onyphe.io) (Ruby VCR)' },
  { repo: 'ninoseki/zoomeye-rb', commit: '2cafd183d989f3bdcc4dec3dafb8166f658e5a5f', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'ZoomEye API (api.zoomeye.org) (Ruby VCR)' },
  // Statistical and biodiversity data APIs (R vcr): extract definitions in JSON bodies, filters in query strings.
  { repo: 'ipums/ipumsr', commit: 'bb3c8665865c0aa00950d6f9712d63c9f726d11d', licence: 'MPL-2.0', files: /^(?:tests|vignettes)\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'IPUMS API (api.ipums.org): microdata and NHGIS extract definitions, submissions and status, metadata (R vcr)' },
  { repo: 'luomus/finbif', commit: '589933df0272c8e8696df4a2dd4fe4d75a9d149f', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'Finnish Biodiversity Information Facility API (api.laji.fi): occurrence queries, metadata, collections (R vcr)' },
  // Scholarly metadata (vcrpy, Ruby VCR): one origin for Crossref's API whichever client recorded it.
  { repo: 'sckott/habanero', commit: '461adbcf3970a1448daf2896165c9e43fd269b8f', licence: 'MIT', files: /^test\/cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'Crossref REST API', about: 'Crossref REST API (api.crossref.org): works, members, funders, journals, prefixes, types with queries, filters, facets and cursors; DOI content negotiation (doi.org) (vcrpy)' },
  { repo: 'sckott/serrano', commit: '2fbac5319cb93972560547f8599087d47af5a317', licence: 'MIT', files: /^test\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'Crossref REST API', about: 'Crossref REST API (api.crossref.org) and DOI content negotiation (doi.org) as the Ruby client calls them (Ruby VCR)' },
  { repo: 'gbif/pygbif', commit: '207bd3c1593a9529fdc91675ebf76777cddf648f', licence: 'MIT', files: /^test\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'GBIF API (api.gbif.org): occurrence search, species and name lookups, registry, maps, literature (vcrpy)' },
];

export const HELD_OUT_8_FILE = path.join(REPO_ROOT, 'models/data/real/heldout8.jsonl.gz');
export const HELD_OUT_8_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout8_requests.jsonl.gz');

/** Every file whose parts are known already: the seventh draw's known files and the seventh draw's own parts and whole requests. */
export const HELD_OUT_8_KNOWN: readonly string[] = [...HELD_OUT_7_KNOWN, HELD_OUT_7_FILE, HELD_OUT_7_REQUESTS_FILE];

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout8.ts')) {
  console.log(cutSet(HELD_OUT_8, HELD_OUT_8_FILE, HELD_OUT_8_REQUESTS_FILE, HELD_OUT_8_KNOWN).join('\n'));
}

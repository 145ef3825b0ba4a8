// Cuts a second frozen held-out set into models/data/real/heldout2.jsonl.gz (one benign row per request part) and
// heldout2_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/heldout2.ts`.
//
// Why: the first held-out set (heldout.ts) is spent the day a rule or model change is made after reading what it
// flagged. These recordings were collected on 2026-12-05 by a helper session that never scored them: no model, core or
// rule saw a part of them before they were cut. They are read by `make eval` only: no training, calibration, threshold
// or rule may be chosen from them, and what they flag is reported by origin and kind, never as texts. A change made
// after reading their flagged parts spends them too.
//
// What they are: API clients' HTTP recordings (Ruby VCR, vcrpy, R vcr) of services none of the pool, the first
// held-out set or the page loads record: ManageIQ's cloud, virtualisation and hardware providers (Azure Resource
// Manager, AWS query APIs, IBM Cloud, Oracle Cloud, OpenStack, vSphere, oVirt, Redfish, Intersight, ...), vSphere's
// SOAP API, Amazon's Selling Partner API, OpenStack through fog, the Open Science Framework, a Mexican bank's API,
// research-data APIs, Sourcegraph's API as Cody calls it (Polly.js), Jira, Gitee and Google Cloud event payloads, and a
// few browser page loads (twitter.com, en.wikipedia.org, ...). A second session (same day, also unscored) added
// hosted-LLM clients' recordings (OpenAI, Anthropic, Gemini, Bedrock, ... request bodies), Auth0's and Azure DevOps'
// management APIs, AWS Lambda event payloads, and query-rich clients (Google Trends, OBIS, ITIS, NASA CMR, Garmin
// Connect, NCBI E-utilities, m.facebook.com, ...) to bring the set to 5,000 parts.
// Cut by heldout.ts's cutSet: the same readers and content-blind filters, parts any earlier set holds left out, at
// most ORIGIN_CAP parts per origin and no `where` kind over KIND_CAP of the set.

import path from 'node:path';
import { REPO_ROOT } from '../load.ts';
import { cutSet, HELD_OUT_FILE, type HeldOutSource } from './heldout.ts';
import { PAGE_LOADS_FILE } from './pageloads.ts';

/** A ManageIQ provider's Ruby VCR cassettes (Apache-2.0), one API each; heldout3.ts names two more. */
export const MIQ = (name: string, commit: string, about: string): HeldOutSource => ({
  repo: `ManageIQ/manageiq-providers-${name}`, commit, licence: 'Apache-2.0', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about,
});

/** Licences checked in each repository's licence file at the pinned commit (build/heldout2/SOURCES-section.md). */
export const HELD_OUT_2: readonly HeldOutSource[] = [
  // ManageIQ's providers (Ruby VCR, one API each): recorded against real accounts, host names often replaced.
  MIQ('azure', '548ded1e51f55ac41acf25325548bb39e6424391', 'Azure Resource Manager and Storage APIs'),
  MIQ('amazon', '59fcb9863e982d3c0b6ff98fd20ac66e60c5eb88', 'AWS query APIs (EC2, CloudFormation, Service Catalog, CloudWatch, ELB, RDS)'),
  MIQ('google', '789bf76627f0aafc966afd312fba97b94710a3ce', 'Google Compute Engine and Cloud SQL APIs'),
  MIQ('ibm_cloud', 'e90e706cef728bb136cca508629ddb97ae87de72', 'IBM Cloud VPC, Power Virtual Servers and IAM APIs'),
  MIQ('ibm_power_hmc', '777bf8a0415c6615b28b7c9c75e80c7f74abebaa', 'IBM Power HMC REST API'),
  MIQ('ibm_power_vc', '4532f61d4d3f71e5cdc41aa89269c8444fb2a3ce', 'IBM PowerVC (OpenStack-based) APIs'),
  MIQ('oracle_cloud', 'f90a55948e55b251e34f4870727f761b0cec5bd4', 'Oracle Cloud Infrastructure APIs'),
  MIQ('openstack', '3af7fb9ab9b5d9b8e1e667a2b7b72a43af5ecac0', 'OpenStack APIs (Keystone, Nova, Neutron, Cinder, Glance, Heat, Swift)'),
  MIQ('vmware', '86feaef848fc38a34e4d538135265fdd6bbb0197', 'VMware vCloud Director and vSphere APIs'),
  MIQ('ovirt', '2cf8aeadc40297a0603850661383f727cd6b6f65', 'oVirt / RHV engine API'),
  MIQ('nuage', 'ecb2edfbdbd30eed8f7226f7fa9d528d1711fdf6', 'Nuage Networks VSD API'),
  MIQ('nsxt', 'a9fe7dc9163498a7a00b5e5923676c5879827c0b', 'VMware NSX-T API'),
  MIQ('awx', '05bed526372e8c3f83925a7fa8a57efc668820fc', 'Ansible Tower / AWX API'),
  MIQ('redfish', '8139355d3e2a991b69fe13da52706b07ec3ef5d8', 'DMTF Redfish API of a server\'s management controller'),
  MIQ('lenovo', 'b14ef2a0624bde3f56ca4f1eec8713816179bf2e', 'Lenovo XClarity API'),
  MIQ('cisco_intersight', '38cf5ddbbab965e78dfba192b405e9b964f3fb89', 'Cisco Intersight API'),
  MIQ('autosde', 'c55c940d6ff63ec39215fc18192dee92f41f6f06', 'IBM AutoSDE storage API'),
  MIQ('ibm_cic', 'cc9753a79cb2aca09263ddb691b28124a7fcf8f8', 'IBM Cloud Infrastructure Center (OpenStack-based) APIs'),
  // Other API clients' recordings.
  { repo: 'vmware/pyvmomi', commit: 'debb05118666d07ce38b2527151f738f4fac673e', licence: 'Apache-2.0', files: /^tests\/fixtures\/.+\.yaml$/, format: 'cassette', about: 'vSphere SOAP API (vcrpy)' },
  { repo: 'fog/fog-openstack', commit: '4f6f97fd9e4cb958ef7dfb01b290e0bb83aba97a', licence: 'MIT', files: /^spec\/(?:fixtures\/openstack|fog)\/.+\.yml$/, format: 'cassette', about: 'OpenStack APIs of devstack and private clouds (Ruby VCR)' },
  { repo: 'hakanensari/peddler', commit: '1bcc290b96b6a74b36964228b0a80a693b117233', licence: 'MIT', files: /^test\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Amazon Selling Partner API and Login with Amazon (Ruby VCR)' },
  { repo: 'adimichele/hubspot-ruby', commit: '8eb0a64dd0c14c79e631e81bfdc169583e775a46', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'HubSpot CRM, Forms and Marketing APIs (Ruby VCR)' },
  { repo: 'grnhse/greenhouse_io', commit: 'dda7ea197d1ad5e4f3ccbd06e0379db3e3f54d9e', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Greenhouse Harvest and Job Board APIs (Ruby VCR)' },
  { repo: 'attack/barometer', commit: 'be0b81bf33b5e674573d54b44e28f75234de7f4e', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'weather APIs: Yahoo, weather.gov, Wunderground, weather.com, Google geocoding (Ruby VCR)' },
  { repo: 'hexgnu/linkedin', commit: '076fc8aab1e1a4195064863d1ef84034931a1d30', licence: 'MIT', files: /^spec\/fixtures\/cassette_library\/.+\.ya?ml$/, format: 'cassette', about: 'LinkedIn API v1 (Ruby VCR)' },
  { repo: 'transloadit/ruby-sdk', commit: '9326edc7d0eb7235fc1d58fd5a0ef286f1ce2cb7', licence: 'MIT', files: /^test\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Transloadit API (Ruby VCR)' },
  { repo: 'RagunovichVlad/rollbar_api', commit: '6c0c93854f0c19fa1daf40af9fbfad0917621537', licence: 'MIT', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Rollbar API (Ruby VCR)' },
  { repo: 'cuenca-mx/cuenca-python', commit: 'eef879c6c8eff5df17b77fa93cfd69ec2f180945', licence: 'MIT', files: /^tests\/(?:http|resources)\/cassettes\/.+\.yaml$/, format: 'cassette', about: 'Cuenca banking API (vcrpy)' },
  { repo: 'cuenca-mx/quienesquien-python', commit: '650036bfaedf42acacdb3ff38b0c69dab45262f9', licence: 'MIT', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Quién es Quién (q-detect) screening API (vcrpy)' },
  { repo: 'Yelp/yelp-ruby', commit: 'cca275c39dbb01b59fcb40902aa00a482352a35d', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.yml$/, format: 'cassette', about: 'Yelp API v2 (Ruby VCR)' },
  { repo: 'jkeen/popularity', commit: '668eefb812dfa400015e8c566baed8bf75b2af78', licence: 'MIT', files: /^spec\/cassettes\/.+\.yml$/, format: 'cassette', about: 'share-count endpoints of Facebook, Google+, Reddit, GitHub, ... (Ruby VCR)' },
  // A Polly.js client's recordings (HAR saved as YAML: formats.ts's 'har-yaml', added for this set) and event payloads.
  { repo: 'sourcegraph/cody', commit: 'dced3c1d49bc2088e489205dc26f22757f52961a', licence: 'Apache-2.0', files: /(?:^|\/)recordings\/.+\/recording\.har\.yaml$/, format: 'har-yaml', about: 'Sourcegraph API (GraphQL, client config, completions) as Cody\'s agent, VS Code and JetBrains clients call it (Polly.js)' },
  { repo: 'googleapis/google-cloudevents', commit: '6fda292a458d2d1a534e6faaf8bd766cf9e32eb6', licence: 'Apache-2.0', files: /^testdata\/.+\.json$/, format: 'json-body', about: 'Google Cloud event payloads (Pub/Sub, Storage, Firestore, Audit Logs, Cloud Build, ...) as delivered to functions, as `body:json`' },
  { repo: 'unipept/unipept-cli', commit: 'da11169f5501b9976121ea7907ceae5b0a7a55b0', licence: 'MIT', files: /^tests\/recordings\/.+\/recording\.har$/, format: 'har', about: 'Unipept peptide-analysis API (Polly.js)' },
  { repo: 'mattermost/mattermost-plugin-jira', commit: 'de7450012c961f07da21c447da6da9cf28aa84ea', licence: 'Apache-2.0', files: /^server\/testdata\/webhook-.+\.json$/, format: 'json-body', about: 'Jira Cloud and Server webhook events, as `body:json`' },
  { repo: 'drone/go-scm', commit: '65473142bffd90eab641fba5434342f9bb4772bd', licence: 'BSD-2-Clause-Patent', files: /^scm\/driver\/gitee\/testdata\/webhooks\/[^/]+\.json$/, format: 'json-body', about: 'Gitee webhook events (the other forges\' examples are of services the pool records), as `body:json`' },
  // Browser page loads (HAR), one origin per site captured.
  { repo: 'marcelduran/webpagetest-api', commit: '03f1b35bcc6a9683709d4d3f62861884e7e9585c', licence: 'MIT', files: /^test\/fixtures\/responses\/har\.json$/, format: 'har', bySite: true, about: 'twitter.com loaded by WebPageTest (2013)' },
  { repo: 'azu/har-extractor', commit: 'f2c045683442818b5de6149606977f53402f088e', licence: 'MIT', files: /^test\/fixtures\/(?:en\.wikipedia\.org|hatebupwa\.netlify\.com)\.har$/, format: 'har', bySite: true, about: 'en.wikipedia.org, hatebupwa.netlify.com (Chrome)' },
  { repo: 'postmanlabs/har-to-postman', commit: '777cd9acd91b684bee503e9576c8cde9cc104b59', licence: 'MIT', files: /^test\/data\/validHARFiles\/(?:developer\.mozilla\.org\.mozilla|example|formdataParams(?:Safari)?|googleWebIns|ipv6File|textJavascript|optionalNumberFieldsNullValues|wikipedia|simpleImageRequest\w*|softwareishard\.com)\.har$/, format: 'har', bySite: true, about: 'en.wikipedia.org, google.com, developer.mozilla.org, bbc.co.uk, javascript.info, i.ytimg.com (Chrome, Firefox, Safari, Charles); its localhost and load-test-site captures left out' },
  { repo: 'sdstoehr/har-reader', commit: '9bd84d9369104a9f4229e089be9e5deb9fd228ff', licence: 'MIT', files: /^src\/test\/resources\/sstoehr\.har$/, format: 'har', bySite: true, about: 'sebastianstoehr.de' },
  // rOpenSci clients (R vcr) of research-data APIs not recorded elsewhere.
  { repo: 'ropensci/osfr', commit: '991dfcfe159a29f956f85c47cebd3c99e2480422', licence: 'MIT', files: /^tests\/cassettes\/.+\.yml$/, format: 'cassette', about: 'Open Science Framework API (test server)' },
  { repo: 'ropensci/rdatacite', commit: 'b86e18346d60ebaa279c047e6d27276051aed282', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'DataCite REST API and content negotiation' },
  { repo: 'ropensci/natserv', commit: 'ac4bf7931735acbdd68247cce0f10e052c1852db', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'NatureServe Explorer API' },
  { repo: 'ropensci/pangaear', commit: '98de95524ea10e21142571ddbf9b16989f64fb8c', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'PANGAEA search and OAI-PMH' },
  { repo: 'ropensci/rdryad', commit: '526a982821c8d8888e3a2d18800822de55673b5b', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'Dryad API' },
  { repo: 'ropensci/citecorp', commit: 'c654d22917b4f570ca8725ade9ff93d81a914f12', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'OpenCitations COCI API' },
  { repo: 'ropensci/rcites', commit: 'a2db86b63f69a35a18cad4284ce6597e978c7618', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'CITES Species+ API' },
  { repo: 'ropensci/EDIutils', commit: '790f5e270ec973ebe231f623985dbd494dd7e429', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'EDI repository (PASTA+) API' },
  { repo: 'schochastics/rtoot', commit: '110376aa8014990c7e0f95203b518ab86a6d7270', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'Mastodon API of several instances (R vcr)' },
  { repo: 'christopherkenny/bskyr', commit: '929c1641c83283947d6d384102b62d9b3a77049c', licence: 'MIT', files: /^tests\/testthat\/_vcr\/.+\.ya?ml$/, format: 'cassette', about: 'Bluesky AT Protocol XRPC API (R vcr)' },
  { repo: 'ropensci/rvertnet', commit: '6150378417c0495edbf000aa20808fa436912c91', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'VertNet portal API' },
  { repo: 'ropensci/rcoreoa', commit: 'f7019efdb47c5795063f43a32dc3be0228da60db', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'CORE open-access aggregator API v3' },
  { repo: 'ropensci/microdemic', commit: 'b800bddeda963b3f2f82ca301026acf0a69f827e', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'Microsoft Academic Knowledge API' },
  { repo: 'ropensci/rbace', commit: '814cfc7375deb090583f581bf6b54a5785092e30', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'BASE (Bielefeld Academic Search Engine) API' },
  { repo: 'ropensci/tradestatistics', commit: '4c0b85989f0085f4eb4c16eaefab6214b7854b6b', licence: 'Apache-2.0', files: /^tests\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Open Trade Statistics API' },
  { repo: 'ropensci/rnpn', commit: '614d0735bb7acc1838743197d9c191f79521fad6', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'USA National Phenology Network services' },
  { repo: 'ropensci/nasapower', commit: 'ab6e35f2e8e06daf409856a084b838a1f27cf33f', licence: 'MIT', files: /^tests\/fixtures\/.+\.json$/, format: 'cassette', about: 'NASA POWER API (R vcr, JSON cassettes)' },
  // Added by a second collecting session (2026-12-05, also unscored): clients of hosted LLM and other JSON APIs (request bodies).
  { repo: 'crmne/ruby_llm', commit: 'fb5a49bf04da78d3e74496431ad1c99df5e7e5f0', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI, Anthropic, Gemini, Vertex AI, Bedrock, Mistral, xAI, Cohere, DeepSeek, OpenRouter, Perplexity, Azure AI and Ollama Cloud APIs (Ruby VCR)' },
  { repo: 'crewAIInc/crewAI', commit: 'f4731f5025f861c78e3af0487cc80bf5e7c64782', licence: 'MIT', files: /^lib\/crewai\/tests\/cassettes\/(?!a2a\/|agents\/TestAgentA2A|agents\/test_lite_agent_(?:created_with_correct|returns_usage)|test_inject_date|test_llm_call_with_error|test_no_inject_date|test_task_interpolation_with_hyphens|tracing\/TestTraceListenerSetup\.test_trace_batch_marked_as_failed|utilities\/test_converter_with_llama3_1_model).+\.ya?ml$/, format: 'cassette', about: 'OpenAI, Anthropic, Gemini and crewAI telemetry APIs as crewAI\'s Python agents call them (vcrpy); its cassettes of local servers left out' },
  { repo: 'alexrudall/anthropic', commit: '4cfbda9e0146c1eaccf008e0724c6f18ad7fbade', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Anthropic Messages and Completions APIs (Ruby VCR)' },
  { repo: 'simonw/llm-gemini', commit: '2a8c855abf701766555b866efe7c80f9a7e27bcf', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Gemini API as the llm CLI plugin calls it (vcrpy)' },
  { repo: 'simonw/llm-anthropic', commit: '3ae428f3b5143cc81da25af0271d8fa55bda3f05', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Anthropic Messages API as the llm CLI plugin calls it (vcrpy)' },
  { repo: 'activeagents/activeagent', commit: 'a76142897fc61fe7a6f53d28b030fff35a46c3d6', licence: 'MIT', files: /^test\/fixtures\/vcr_cassettes\/(?!.*ollama|docs\/actions\/tools\/cross_provider_usage\.yml$).+\.ya?ml$/, format: 'cassette', about: 'Anthropic, OpenAI, Azure OpenAI, OpenRouter, GitHub Copilot and MCP server APIs as a Rails agent framework calls them (Ruby VCR); its local Ollama cassettes left out' },
  { repo: 'sublayerapp/sublayer', commit: 'd103e662e25109ba54e1efb2e049d7f2fd29d371', licence: 'MIT', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI, Anthropic and Gemini APIs (Ruby VCR)' },
  { repo: 'simonw/llm', commit: 'f3f4f29c6e5e623c3776cbf6455dda2345638214', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenAI Chat Completions and Responses APIs as the llm CLI calls them (vcrpy)' },
  { repo: 'auth0/go-auth0', commit: '3e8a4826852f147d6e8358646cd2c40769adbdb8', licence: 'MIT', files: /^test\/data\/recordings\/.+\.ya?ml$/, format: 'cassette', about: 'Auth0 Management and Authentication APIs of a development tenant (go-vcr; release v1.29.0, the last before the Management API recordings were removed)' },
  { repo: 'aws-powertools/powertools-lambda-python', commit: 'fa1c29f2d497a7c233f06eb69d0f7ee1b187a9e4', licence: 'MIT-0', files: /^tests\/events\/.+\.json$/, format: 'json-body', about: 'AWS Lambda event payloads (API Gateway, ALB, SQS, SNS, S3, Kinesis, EventBridge, Cognito, AppSync, Bedrock agents, ...) as delivered to functions, as `body:json`' },
  { repo: 'Azure/azure-devops-cli-extension', commit: 'e547b4a6771d4178fdae7e631eb60b0bbcae0aad', licence: 'MIT', files: /^azure-devops\/azext_devops\/tests\/latest\/integrationtests\/recordings\/.+\.yaml$/, format: 'cassette', about: 'Azure DevOps Services REST APIs (dev.azure.com, vssps) as the az devops CLI calls them (vcrpy via azure-devtools)' },
  { repo: 'replicate/replicate-python', commit: '0110c2c5639763a44e73d69011eaec28a15334f7', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Replicate API (predictions, models, trainings, files, deployments) (vcrpy)' },
  { repo: 'hakanensari/vacuum', commit: '3b172db26c1a85cbcfe637f35e11c844b680b926', licence: 'MIT', files: /^test\/cassettes\/.+\.yml$/, format: 'cassette', about: 'Amazon Product Advertising API 5.0 of seven marketplaces (Ruby VCR; the last commit before the cassette was removed)' },
  { repo: 'matin/garth', commit: 'f99159a15c4c9463ce215a60ba9f7cb21f94a3b7', licence: 'MIT', files: /^tests\/.*cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Garmin Connect API and Garmin SSO sign-in (vcrpy)' },
  { repo: 'kevinzg/facebook-scraper', commit: '567711fbab3e014504a1d4f33f882c2b29d71584', licence: 'MIT', files: /^tests\/cassettes\/(?!TestGetPosts\.test_get_posts_(?:fields_presence|with_extra_info)).+\.ya?ml$/, format: 'cassette', about: 'public pages and posts of m.facebook.com as a scraper requests them, signed out (vcrpy); its three cassettes recorded in a signed-in session left out' },
  // Query-string-rich clients of search and reference APIs.
  { repo: 'GeneralMills/pytrends', commit: 'a9984ffdc9b31d853dde2ab614a77ecbf2bf33a1', licence: 'Apache-2.0', files: /^tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Google Trends explore and widget APIs (vcrpy)' },
  { repo: 'iobis/pyobis', commit: '910327e80255bc5b7024b4f94dc3e02f7d91df21', licence: 'MIT', files: /^pyobis\/.+\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OBIS (Ocean Biodiversity Information System) API (vcrpy)' },
  { repo: 'sckott/pytaxize', commit: '4072013fc9d4ada3a32b863cceaf42752882e410', licence: 'MIT', files: /^test\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'ITIS, NCBI E-utilities, Global Names, Taxosaurus, Catalogue of Life and other taxonomy services (vcrpy)' },
  { repo: 'ropensci/worrms', commit: 'c5fe3938cf321aafa7a24709578bcfa181261b28', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'WoRMS (World Register of Marine Species) REST API (R vcr)' },
  { repo: 'ropensci/ritis', commit: '24b4eb90ee869929285c9378bd216db01adaa2bc', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'ITIS web services and Solr API (R vcr)' },
  { repo: 'ropensci/rcol', commit: 'a3038816eb53cf40ae629438d23a3dc476338091', licence: 'MIT', files: /^tests\/fixtures\/.+\.json$/, format: 'cassette', about: 'Catalogue of Life ChecklistBank API (R vcr, JSON cassettes)' },
  { repo: 'ropensci/zbank', commit: '953e12c0df1bdfad3653865462c1c8c202372da4', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'ZooBank zoological nomenclature API (R vcr)' },
  { repo: 'biocommons/eutils', commit: 'fdf68a2f1082d8b27b2b4bf94129568ef43c766a', licence: 'Apache-2.0', files: /^tests\/data\/cassettes\/.+/, format: 'cassette', about: 'NCBI E-utilities (einfo, esearch, efetch as form POSTs) (vcrpy)' },
  { repo: 'ValvePython/steam', commit: '26166e047b66a7be10bdf3c90e2e14de9283ab5a', licence: 'MIT', files: /^vcr\/.+\.yaml$/, format: 'cassette', about: 'Steam Web API, Steam Community profile URLs and Steam web sign-in (vcrpy)' },
  { repo: 'nasa/python_cmr', commit: 'ac1aab35af4f6bc613eb8c1f50e3c9b0c17b662b', licence: 'MIT', files: /^tests\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'NASA Common Metadata Repository search API (vcrpy)' },
  { repo: 'ropensci/rbison', commit: '8bb5ff43768e5f82d17bc3d7480dba4cdb6b31fa', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'USGS BISON occurrence search API (R vcr)' },
  { repo: 'ropensci/originr', commit: '736c803803cfe734d77278a005bc1ae44b9facd8', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'species-origin sources: Flora Europaea, GRIIS, BIEN, ITIS, GBIF (R vcr)' },
  { repo: 'ropensci/jaod', commit: 'e599e20d908da90c8ef1fea5fc677eb24b3436ae', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'Directory of Open Access Journals API (R vcr)' },
];

export const HELD_OUT_2_FILE = path.join(REPO_ROOT, 'models/data/real/heldout2.jsonl.gz');
export const HELD_OUT_2_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout2_requests.jsonl.gz');

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout2.ts')) {
  console.log(cutSet(HELD_OUT_2, HELD_OUT_2_FILE, HELD_OUT_2_REQUESTS_FILE, [HELD_OUT_FILE, PAGE_LOADS_FILE]).join('\n'));
}

// Cuts a fifth frozen held-out set into models/data/real/heldout5.jsonl.gz (one benign row per request part) and
// heldout5_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/heldout5.ts`.
//
// Why: the earlier held-out sets (heldout.ts, heldout2.ts, heldout3.ts, heldout4.ts) are spent the day a rule or model
// change is made after reading what they flagged. These recordings were collected on 2026-12-06 by a helper session that
// never scored them: no model, core or rule saw a part of them before they were cut. They are read by `make eval` only
// (models/yardstick.ts HELD_OUT_FIFTH_DRAW, since b05e52c): no training, calibration, threshold or rule may be chosen from them, and what
// they flag is reported by origin and kind, never as texts. A change made after reading their flagged parts spends them too.
//
// What they are: HTTP recordings (Ruby VCR, vcrpy) of repositories none of the earlier sets, the staged LLM set
// (llm.ts), the pool or ../shared/datasets name: Tenable Vulnerability Management's cloud API as pyTenable calls it;
// payment, banking and e-signature APIs (Yodlee, WePay stage, SIX Saferpay test, FirstACH demo (XML), Universign test
// (XML-RPC), BitÖdeme, PreventGo); Solana JSON-RPC (testnet, mainnet) and Solscan; Nord Pool's market-data portal,
// Postcodes.io, Google's Distance Matrix, OpenSignal, NetProspex, TubeMogul, Dexi.io, ParseHub and Dynalist APIs.
// None is an LLM API. Recordings whose requests go to a local or private-address server (pyTenable's Security Center
// and OT cassettes: a private home-network host and 172.26.x.x) are left out by path (the files expressions, found
// from the recorded URLs' hosts, not from content).
// Cut by heldout.ts's cutSet: the same readers and content-blind filters, parts any earlier set or the staged LLM set
// holds (their parts files and whole-request files, by any `where`) left out, at most ORIGIN_CAP parts per origin and
// no `where` kind over KIND_CAP of the set.

import path from 'node:path';
import { REPO_ROOT } from '../load.ts';
import { cutSet, type HeldOutSource } from './heldout.ts';
import { KNOWN_FILES, LLM_FILE, LLM_REQUESTS_FILE } from './llm.ts';

/** Licences checked in each repository's licence file at the pinned commit (SOURCES.md, "Held-out origins, fifth set"). */
export const HELD_OUT_5: readonly HeldOutSource[] = [
  // A security vendor's cloud API (vcrpy): paths, queries, JSON and multipart bodies, the client's User-Agent.
  { repo: 'tenable/pyTenable', commit: '9674fac2af9275beffbbe424ee096d42fd067f28', licence: 'MIT', files: /^tests\/io\/(?:.+\/)?cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Tenable Vulnerability Management (cloud.tenable.com): assets, scans, exports, policies, tags, networks, agents, web-app scanning, ... as pyTenable calls them (vcrpy); its Security Center (a private home-network host) and OT (172.26.x.x) cassettes are not used' },
  // Payment, banking and e-signature APIs (Ruby VCR).
  { repo: 'AquilaLoans/yodlee-ruby', commit: 'e9ce8194eff08f501e707815c384e9eb2c8fab3e', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Yodlee aggregation API, developer sandbox (Ruby VCR)' },
  { repo: 'B-Sides/wepay-api', commit: '19d3c712e403a41c7a47a02f6d46351f483167f1', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'WePay payments API, stage (Ruby VCR)' },
  { repo: 'fadendaten/six_saferpay', commit: 'a63a0f87cc8f1e20c4cf03bb55ac711721202d3a', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassetts\/.+\.ya?ml$/, format: 'cassette', about: 'SIX Saferpay JSON API, test environment (Ruby VCR)' },
  { repo: 'AquilaLoans/first_ach-ruby', commit: 'b70a1a7e91c888b5959beb03fdfe97a40080ea63', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'FirstACH (ACH payments) XML API, demo environment (Ruby VCR)' },
  { repo: 'CapSens/Universign', commit: '2cdaec4aea2eef436a52aff75c040b20ba0132a3', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Universign e-signature XML-RPC API, test environment (Ruby VCR)' },
  { repo: 'CapSens/prevent_go', commit: '2d1a1e36259888dfdd0f2f02c0b5b0c2806dadfc', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'PreventGo identity-document checks API, integration environment (multipart uploads) (Ruby VCR)' },
  { repo: 'bitodeme-integrations/bitodeme_rb', commit: '143a4d6a798841910a1dbaa4092540a5ee3a8230', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'BitÖdeme payments API, alpha environment (Ruby VCR)' },
  // Blockchain JSON-RPC and explorer APIs (Ruby VCR).
  { repo: 'Block-Logic/solana-rpc-ruby', commit: 'c498ba26783ed917190280693a6bea56c87fc0f9', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Solana JSON-RPC API, testnet and mainnet-beta (Ruby VCR)' },
  { repo: 'Block-Logic/solscan-api-ruby', commit: '9355abbfb364d7f833cf2d1f4cf30ac87f8ad19d', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Solscan public API (Ruby VCR)' },
  // Data and small service APIs (vcrpy, Ruby VCR).
  { repo: 'kipe/nordpool', commit: 'a1911fa01a4c1e25a8b2e9971014322e7d9e2cfa', licence: 'MIT', files: /^tests\/vcr\/.+\.ya?ml$/, format: 'cassette', about: 'Nord Pool data-portal API (electricity prices) (vcrpy)' },
  { repo: 'ChuckJHardy/Postcodesio', commit: '9b8e4df42a0011a7bec2ead90833091be7828724', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Postcodes.io API (Ruby VCR)' },
  { repo: 'UlyanovDmitry/google-maps-services-ruby', commit: '88020c4882ac3fe409b734fa82a82b123940162f', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Google Maps Distance Matrix API (Ruby VCR)' },
  { repo: 'ChuckJHardy/MobileSignalFetcher', commit: '73e0268b2ad2ed70b41dc2a827ddde81f76575e5', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenSignal network-stats API (Ruby VCR)' },
  { repo: 'alphasights/netprospex', commit: '36403accfabc945758d0daf212c4fa00c9fbb85e', licence: 'MIT', files: /^fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'NetProspex business-contacts API (Ruby VCR)' },
  { repo: 'ComboStrikeHQ/tubemogul_api', commit: 'ac6747375cc2e09db9279dc730a6c2a59a991c66', licence: 'MIT', files: /^spec\/fixtures\/vcr\/.+\.ya?ml$/, format: 'cassette', about: 'TubeMogul video-advertising API (Ruby VCR)' },
  { repo: 'dexiio/cloudscrape-client-ruby', commit: '523b8335571de4c34353190676db1bbaceeb1851', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Dexi.io (CloudScrape) web-scraping service API (Ruby VCR)' },
  { repo: 'ChuckJHardy/ParseHub', commit: 'edb3fbb1d4df9bf31200a315227d5fd9552b7d42', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'ParseHub web-scraping service API (Ruby VCR)' },
  { repo: '4geru/dynalist', commit: '6372db8f520dfb0f4398185a5e02361d760b42df', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Dynalist outliner API (Ruby VCR)' },
];

export const HELD_OUT_5_FILE = path.join(REPO_ROOT, 'models/data/real/heldout5.jsonl.gz');
export const HELD_OUT_5_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout5_requests.jsonl.gz');

/** Every file whose parts are known already: the pool's, every earlier held-out draw's, the page loads' and the staged LLM set's (parts and whole requests). */
export const HELD_OUT_5_KNOWN: readonly string[] = [...KNOWN_FILES, LLM_FILE, LLM_REQUESTS_FILE];

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout5.ts')) {
  console.log(cutSet(HELD_OUT_5, HELD_OUT_5_FILE, HELD_OUT_5_REQUESTS_FILE, HELD_OUT_5_KNOWN).join('\n'));
}

// Cuts a ninth frozen held-out set into models/data/real/heldout9.jsonl.gz (one benign row per request part) and
// heldout9_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/heldout9.ts`.
//
// Why: the earlier held-out sets (heldout.ts to heldout8.ts) are spent the day a rule or model change is made after
// reading what they flagged. These recordings were collected on 2026-12-06 by a helper session that never scored them:
// no model, core or rule saw a part of them before they were cut. They are read by `make eval` only
// (models/yardstick.ts HELD_OUT_NINTH_DRAW): no training, calibration, threshold or rule may be chosen from them, and
// what they flag is reported by origin and kind, never as texts. A change made after reading their flagged parts
// spends them too.
//
// What they are: chosen for the kinds the eighth draw lacked (query strings, headers of their own, form-encoded and
// XML bodies) rather than for JSON bodies: search and list APIs (NASA's CMR and Earthdata Login as the Metadata
// Management Tool calls them, the YouTube Data and Analytics APIs, the San Mateo County services directory, OpenFEMA,
// Google Analytics' management API, OpenCage, Strava, TMDb), Phaxio's form and multipart fax API, commerce APIs and
// sandboxes (EasyPost, Mailchimp's e-commerce API, Moip, Affirm, Bolt), Auth0's management API, CircleCI and Bitly.
// Ruby VCR, go-vcr and R vcr cassettes (the `cassette` reader) and Elixir ExVCR cassettes (lists of
// `{request: {url, headers, body}}`, read by the `request-json` reader as they are). One origin per repository.
// Three sources are read at an older commit, the last that holds their recordings (nasa/mmt's Rails application,
// ropensci/rfema's vcr fixtures and slashdotdash/strava's ExVCR cassettes were removed later).
// Left out by repository or by path, from the recorded URLs' hosts, not from content: APIs the pool records, as the
// fourth and sixth draws left them out (Reddit: Async PRAW and prawcore, PRAW being a pool source; GitHub: github3.py
// and Tentacat; Twitter: ExTwitter; Datadog and Scaleway: their Terraform providers, whose SDKs' recordings are pool
// sources; Slack: slack-sup, and slack-strava's Slack cassettes), nasa/mmt's four cassettes that record local servers
// (`localhost:3002`, `localhost:3003`, `localhost:3011`). Repositories whose recordings go to local or placeholder
// hosts were not listed (SOURCES.md).
// Cut by heldout.ts's cutSet: the same readers and content-blind filters, parts any earlier set or the staged LLM set
// holds (their parts files and whole-request files, by any `where`) left out, at most ORIGIN_CAP parts per origin and
// no `where` kind over KIND_CAP of the set.

import path from 'node:path';
import { REPO_ROOT } from '../load.ts';
import { cutSet, except, type HeldOutSource } from './heldout.ts';
import { HELD_OUT_8_KNOWN, HELD_OUT_8_FILE, HELD_OUT_8_REQUESTS_FILE } from './heldout8.ts';

/** nasa/mmt's cassettes that record local servers (`localhost:3002`, `localhost:3003`, `localhost:3011`), by recorded host. */
const MMT_LOCAL_HOSTS = [
  'spec/vcr/ingest/500_error.yml',
  'spec/vcr/ingest/500_html.yml',
  'spec/vcr/permissions/concurrent_delete.yml',
  'spec/vcr/subscriptions/failed_delete.yml',
];

/** Licences checked in each repository's licence file at the pinned commit (SOURCES.md, "Held-out origins, ninth set"). */
export const HELD_OUT_9: readonly HeldOutSource[] = [
  // Search and list APIs.
  { repo: 'nasa/mmt', commit: '8d8861e16fac114c48fcc8efbb1909a61519191e', licence: 'Apache-2.0', files: except(/^spec\/vcr\/.+\.ya?ml$/, MMT_LOCAL_HOSTS), format: 'cassette', about: 'NASA\'s Common Metadata Repository (cmr.sit.earthdata.nasa.gov: search, ingest, ACLs, subscriptions, with JSON, XML and form bodies), Earthdata Login (sit.urs.earthdata.nasa.gov) and Launchpad as the Metadata Management Tool calls them, at the last commit holding its Rails recordings; four cassettes of local servers are not used (Ruby VCR)' },
  { repo: 'Fullscreen/yt', commit: '126b1fe3d81afb7e880d4339470e106f3f0bceee', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'YouTube Data API v3 and YouTube Analytics API (www.googleapis.com, youtubeanalytics.googleapis.com): channels, videos, playlists, comment threads, reports; Google OAuth (accounts.google.com), as the yt gem calls them (Ruby VCR)' },
  { repo: 'codeforamerica/ohana-web-search', commit: 'e636fff9abae5ff44cc5f50fb80871a0954f267c', licence: 'BSD-3-Clause', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'the Ohana API of San Mateo County\'s services directory (api-staging.smc-connect.org): location searches, results pages and details (Ruby VCR)' },
  { repo: 'ropensci/rfema', commit: 'be5668ef1bae7f4acf23c356aa442f4008b06f55', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'OpenFEMA API (www.fema.gov): dataset queries, at the last commit holding its vcr fixtures (R vcr)' },
  { repo: 'tpitale/legato', commit: '7576de49b1f2c69544cb9d6743cc9e9abce90daf', licence: 'MIT', files: /^spec\/cassettes\/.+\.json$/, format: 'cassette', about: 'Google Analytics Management and Core Reporting APIs (www.googleapis.com) as the legato gem calls them (Ruby VCR, JSON cassettes)' },
  { repo: 'OpenCageData/ruby-opencage-geocoder', commit: '7080a04f6a6e0604655ee8095b40873fad1c7749', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'OpenCage geocoding API (api.opencagedata.com): forward and reverse geocoding queries (Ruby VCR)' },
  { repo: '18Months/themoviedb-api', commit: 'f6b91d90756a7cf1105649acef29fa3ca5c00292', licence: 'MIT', files: /^spec\/vcr\/.+\.ya?ml$/, format: 'cassette', about: 'The Movie Database API v3 (api.themoviedb.org): movies, TV, people, search, discover (Ruby VCR)' },
  { repo: 'slashdotdash/strava', commit: '8789da064f8486af62ff360a8a736164950b991e', licence: 'MIT', files: /^fixture\/vcr_cassettes\/.+\.json$/, format: 'request-json', about: 'Strava API v3 (www.strava.com): athletes, activities, clubs, segments and routes, at the last commit holding its recordings (Elixir ExVCR)' },
  // Phaxio's form and multipart bodies; Strava; Bitly's token endpoint.
  { repo: 'phaxio/phaxio-ruby', commit: 'c1cb8e46a032d95d1914b4d62823a3700e27e26d', licence: 'MIT', files: /^spec\/support\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Phaxio fax API v2 (api.phaxio.com): faxes sent as multipart and form bodies, phone numbers, PhaxCodes, ATAs, port orders (Ruby VCR)' },
  { repo: 'dblock/slack-strava', commit: 'f6ac893616ec032cb094408bf1ed89581cec0a27', licence: 'MIT', files: /^spec\/fixtures\/strava\/.+\.ya?ml$/, format: 'cassette', about: 'Strava API v3 (www.strava.com: athletes, activities, clubs) with one Google Static Maps request, as the Slava Slack bot calls them; its Slack Web API cassettes are not used (Slack is an API the pool records) (Ruby VCR)' },
  { repo: 'philnash/bitly', commit: '3fb9585c255819028b670ec2a6353e3bf91c4ad1', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Bitly OAuth token endpoint (api-ssl.bitly.com) as the bitly gem calls it (Ruby VCR)' },
  // Commerce APIs and sandboxes.
  { repo: 'moip/moip-sdk-ruby', commit: '92721205eb1034a20540e4d95ef1d7868976e53b', licence: 'MIT', files: /^vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Moip (Wirecard Brazil) API v2 sandbox (sandbox.moip.com.br, connect-sandbox.moip.com.br): orders, payments, customers, refunds, webhooks, OAuth (Ruby VCR)' },
  { repo: 'solidusio-contrib/solidus_easypost', commit: 'd1eca53f08f32316d0caf5b4c36c7451d9032614', licence: 'BSD-3-Clause', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'EasyPost API (api.easypost.com): addresses, parcels, shipments, rates and tracking as the Solidus extension builds them (Ruby VCR)' },
  { repo: 'solidusio-contrib/solidus_mailchimp_sync', commit: '93d9a5032a327b1d5a6f92e27ca2bc9934c94575', licence: 'BSD-3-Clause', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Mailchimp Marketing API v3 e-commerce endpoints (us1.api.mailchimp.com): stores, products, variants, customers, carts and orders as the Solidus extension syncs them (Ruby VCR)' },
  { repo: 'solidusio-contrib/solidus_affirm', commit: '5ed2d68c160973457182a2b046dcc5f24f3bd45b', licence: 'BSD-3-Clause', files: /^spec\/fixtures\/vcr_casettes\/.+\.ya?ml$/, format: 'cassette', about: 'Affirm API sandbox (sandbox.affirm.com): charge authorisation, capture, void and refund, as the Solidus extension calls it (Ruby VCR)' },
  { repo: 'solidusio-contrib/solidus_bolt', commit: '5afe1932336a58cc0f9c04ab98182350d4b8746a', licence: 'BSD-3-Clause', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Bolt checkout API sandbox (api-sandbox.bolt.com, sandbox.bolttk.com): accounts, addresses, transactions, webhooks, card tokenisation, as the Solidus extension calls it (Ruby VCR)' },
  // Identity and developer APIs.
  { repo: 'auth0/terraform-provider-auth0', commit: 'a00b69214a6c1daef76cf89d25ece690c7f9db22', licence: 'MPL-2.0', files: /^test\/data\/recordings\/.+\.ya?ml$/, format: 'cassette', about: 'Auth0 Management API (terraform-provider-auth0-dev.eu.auth0.com): clients, connections, actions, roles, organizations, branding and more, as the Terraform provider manages them (go-vcr)' },
  { repo: 'mtchavez/circleci', commit: '1b1e8330567520b79c5c4864ac2860da247887d8', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'CircleCI API v1.1 (circleci.com): projects, builds, artifacts, tests, environment variables, checkout keys (Ruby VCR)' },
];

export const HELD_OUT_9_FILE = path.join(REPO_ROOT, 'models/data/real/heldout9.jsonl.gz');
export const HELD_OUT_9_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout9_requests.jsonl.gz');

/** Every file whose parts are known already: the eighth draw's known files and the eighth draw's own parts and whole requests. */
export const HELD_OUT_9_KNOWN: readonly string[] = [...HELD_OUT_8_KNOWN, HELD_OUT_8_FILE, HELD_OUT_8_REQUESTS_FILE];

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout9.ts')) {
  console.log(cutSet(HELD_OUT_9, HELD_OUT_9_FILE, HELD_OUT_9_REQUESTS_FILE, HELD_OUT_9_KNOWN).join('\n'));
}

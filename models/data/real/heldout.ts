// Cuts the frozen held-out origins into models/data/real/heldout.jsonl.gz (one benign row per request part) and
// heldout_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/heldout.ts`.
//
// Why a second set: the test side of the origin split (models/data/origins.ts) has been scored after every change
// since it was drawn, and some rules were written after reading what it flagged, so its figures are no longer a
// clean measure. These origins were collected on 2026-12-05 by sessions that never scored them, cut and committed
// before any model scored a part of them. They are read by `make eval` only: no training, calibration, threshold or
// rule may be chosen from them, and what they flag is reported by origin and kind, never as texts. A change made
// after reading their flagged parts spends them: say so in the README and collect a new set.
//
// The same content-blind filters as extract.ts (formats.ts, parts.ts): parts already in ../shared/datasets or in
// fetched.jsonl.gz dropped, placeholders and keys left out, HAR files mostly copies of known captures left out whole;
// then at most ORIGIN_CAP parts per origin and no `where` kind over KIND_CAP of the set, both by a hash of the text.

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { type Source, newParts, capPerOrigin, distinctRequestsPerOrigin, urlsOf } from './formats.ts';
import { splitUrl } from './parts.ts';
import { partKey, readText, REPO_ROOT, sharedPartKeys, type WholeRequest } from '../load.ts';
import { balanceKind, capKinds, KIND_CAP } from '../origins.ts';

/**
 * A held-out source: one origin per repository, or (`bySite`) one per site a HAR file captured; `origin` names the
 * API instead when several repositories record the same one (Contentful's Ruby and Python clients, two Spotify
 * clients), so that one API is one origin whichever client recorded it.
 */
export interface HeldOutSource extends Source { bySite?: boolean; origin?: string; about: string }

/** Licences checked in each repository's licence file at the pinned commit (SOURCES.md, "Held-out origins"). */
export const HELD_OUT: readonly HeldOutSource[] = [
  // Browser page loads (HAR), one origin per site captured: Lookyloo's captures (Splash, a headless QtWebKit) of news
  // sites with their ad and tracker requests, a YouTube consent flow, and two Chrome captures.
  { repo: 'Lookyloo/har2tree', commit: 'ecab3c33f9c4fdae0468685a0cd2f14b52a1d96f', licence: 'BSD-3-Clause', files: /^tests\/data\/(?:lalibre\/\d+|libe|lemonde|buzzfeed|circl)\.har$/, format: 'har', bySite: true, about: 'lalibre.be (216 page loads), liberation.fr, lemonde.fr, buzzfeed.com, circl.lu' },
  { repo: 'Lookyloo/capture_samples', commit: 'c1cad3673d8dc6f12e01fa8e488fdb5e6aff8931', licence: 'MIT', files: /^(?:cookie|referer|user_agent_android|user_agent_macos|http_redirect|no_referer)\/0\.har$/, format: 'har', bySite: true, about: 'youtube.com consent pages, google.dk' },
  { repo: 'mrichman/hargo', commit: '8fe101f2d50033ff4b8b7502a211a79deb1934bf', licence: 'MIT', files: /^test\/golang\.org\.har$/, format: 'har', bySite: true, about: 'golang.org (Chrome)' },
  { repo: 'jonluca/har-to-openapi', commit: 'b135a2e9d475efe55182f4d498682a48e4e159b3', licence: 'MIT', files: /^test\/data\/ericduran\.github\.io\.har$/, format: 'har', bySite: true, about: 'ericduran.github.io (Chrome)' },
  // Webhook and API request bodies as services and SDKs send them.
  { repo: 'PaddleHQ/paddle-python-sdk', commit: '48c8cc04ecd5eb87b1861731bc56f7ec1abfe284', licence: 'Apache-2.0', files: /^tests\/Functional\/Resources\/[^/]+\/_fixtures\/(?:request|payload)\/.*\.json$/, format: 'json-body', about: 'Paddle Billing API request bodies and event payloads' },
  { repo: 'line/line-bot-sdk-java', commit: '1bcdf6b35a66bc82757bcde04d227326e3c8f99d', licence: 'Apache-2.0', files: /^line-bot-(?:model|webhook|webhook-parser|servlet|spring-boot)\/src\/test\/resources\/(?:callback\/.*|callback-request.*|added_as_friend|blocked)\.json$/, format: 'json-body', about: 'LINE Messaging API webhook callbacks' },
  { repo: 'pay-rails/pay', commit: '5b018bc1a4e82df56227f51b49b642cb360e3b64', licence: 'MIT', files: /^test\/(?:support\/)?fixtures\/(?:(?:files\/)?(?:stripe|lemon_squeezy|paddle_classic|paddle|paddle_billing|braintree|lago)\/.*|[a-z_]*_event)\.json$/, format: 'json-body', about: 'Stripe, Paddle, Lemon Squeezy, Braintree and Lago webhook events' },
  { repo: 'alexa-js/alexa-app', commit: '20901feee815a44b667fd7cbb652c4568164721c', licence: 'MIT', files: /^test\/fixtures\/(?!expected_intent_schema).*\.json$/, format: 'json-body', about: 'Amazon Alexa skill request envelopes' },
  // API clients' recordings (Ruby VCR, go-vcr, R vcr), one origin per project.
  { repo: 'fastly/go-fastly', commit: '514109767b3d178cd2ec65553f675d6980df9eb6', licence: 'Apache-2.0', files: /(?:^|\/)fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'Fastly API' },
  { repo: 'contentful/contentful-management.rb', commit: '8940acde56f8fd2f7e3de024d5c85e295a27ba99', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/(?!(?:delete|get|post|put)_request\.yml$).+\.ya?ml$/, format: 'cassette', origin: 'Contentful Management API', about: 'Contentful Management API' },
  { repo: 'contentful/contentful.rb', commit: 'ba141b5132849132adeec9bd0409ec6ced85cb23', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'Contentful Delivery API', about: 'Contentful Delivery and Preview APIs' },
  { repo: 'fastruby/harvesting', commit: '3af0950525702ab54dfebf4a688a67d994a2fbd0', licence: 'MIT', files: /^fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Harvest API v2' },
  { repo: 'EasyPost/easypost-ruby', commit: '146a8210fbf33857b7bbc8caec9500b3b03f00d0', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'EasyPost API' },
  { repo: 'Jesus/dropbox_api', commit: '11bd1cf5f9a3683f1956857f9187b68134a7eddd', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Dropbox API v2' },
  { repo: 'dashofcode/tracker_api', commit: 'ad3011b6f9fccae2df833cd65735b739b09d7b0f', licence: 'MIT', files: /^test\/vcr\/(?:x-)?cassettes\/.+\.(?:ya?ml|json)$/, format: 'cassette', about: 'Pivotal Tracker API v5' },
  { repo: 'jeremytregunna/ruby-trello', commit: 'ddea4c71606c29e7cf5f09268d5c1d82a0539398', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Trello API' },
  { repo: 'mailgun/mailgun-ruby', commit: '0cd4c77bc4211eaf6822d2c9462647dd76ea908a', licence: 'Apache-2.0', files: /^vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Mailgun API' },
  { repo: 'guilhermesad/rspotify', commit: 'd6a9198cb7def54391b0f824ec33e94fc89843d7', licence: 'MIT', files: /^spec\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'Spotify Web API', about: 'Spotify Web API' },
  { repo: 'dblock/strava-ruby-client', commit: 'ca6ae632df31891be3fc13036115ed72e61a5fb6', licence: 'MIT', files: /^spec\/fixtures\/strava\/.+\.ya?ml$/, format: 'cassette', about: 'Strava API v3' },
  { repo: 'dblock/iex-ruby-client', commit: '70985a77ae69d2818a2b262c39d7e50257ce2749', licence: 'MIT', files: /^spec\/fixtures\/iex\/.+\.ya?ml$/, format: 'cassette', about: 'IEX Cloud API' },
  { repo: 'dblock/open-weather-ruby-client', commit: '200540ca731548b343b7e1e714cf41eda1651884', licence: 'MIT', files: /^spec\/fixtures\/open_weather\/.+\.ya?ml$/, format: 'cassette', about: 'OpenWeatherMap API' },
  { repo: 'geokit/geokit', commit: '3e0a811affec2778871c6ddb61350fb1a5955375', licence: 'MIT', files: /^fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'geocoders (Google Maps, OpenCage, Bing, Mapbox, MapQuest, RIPE, ...)' },
  { repo: 'ropensci/rplos', commit: 'bcc1362e7922118ece074ddbbae2165131717816', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'PLOS search API' },
  { repo: 'ropensci/rnoaa', commit: 'b26b4c53821c73161852730b6fdb9eafe23220df', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'NOAA NCDC, NCEI, NDBC and CPC services' },
  { repo: 'ropensci/rebird', commit: '09be6fdd5906a7dd1f7228276106a0b2d4538e00', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'eBird API' },
  { repo: 'ropensci/bold', commit: '8bfd90ace59c3663d8478e46b22c5eed8499229e', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'BOLD Systems API' },
  { repo: 'contentful/contentful-management.py', commit: 'ab7f6079edb77f42e00ac8a1539c74f290dca97c', licence: 'MIT', files: /^fixtures\/.+\.ya?ml$/, format: 'cassette', origin: 'Contentful Management API', about: 'Contentful Management API' },
  { repo: 'contentful/contentful.py', commit: '25f50db67b47fac8a64f71d50a7cdf3f5b88902c', licence: 'MIT', files: /^fixtures\/.+\.ya?ml$/, format: 'cassette', origin: 'Contentful Delivery API', about: 'Contentful Delivery API' },
  { repo: 'spotDL/spotify-downloader', commit: '0b5158067982c8f840db9e7573991242a427c9ed', licence: 'MIT', files: /^tests\/.*cassettes\/(?!test_github).+\.ya?ml$/, format: 'cassette', origin: 'Spotify Web API', about: 'Spotify Web API, with some YouTube and Genius' },
  // vcrpy, betamax and Polly recordings of Python and JavaScript clients.
  { repo: 'dns-lexicon/dns-lexicon', commit: 'e23b58aa321770147d45cf7fdc7526920e021b29', licence: 'MIT', files: /^tests\/fixtures\/cassettes\/(?!linode\/|scaleway\/|infoblox\/|powerdns\/|directadmin\/)[^/]+\/.+\.ya?ml$/, format: 'cassette', about: 'about 75 DNS providers\' APIs (OVH, Hetzner, Cloudflare, DigitalOcean, Vultr, Gandi, Route53, GoDaddy, ...); one origin, one client' },
  { repo: 'Diaoul/subliminal', commit: '2f1b89539a7d65f66e53f56d3fcaa5b1e7ff1a6a', licence: 'MIT', files: /^tests\/cassettes\/(?!tvdb\/|tmdb\/|omdb\/|cli\/)[^/]+\/.+\.ya?ml$/, format: 'cassette', about: 'subtitle sites (OpenSubtitles REST and XML-RPC, Gestdown, Addic7ed, tvsubtitles, ...)' },
  { repo: 'browniebroke/deezer-python', commit: 'f6672de2fdfdedbd649c99572cff70b14ce95f2b', licence: 'MIT', files: /^tests\/(?:asyncio\/|resources\/)?cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Deezer API' },
  { repo: 'Flickr-Foundation/flickypedia', commit: 'd09b409fc5077091efd1724ce52846ccb2cd3d4e', licence: 'MIT', files: /^tests\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'Flickr-Foundation (Flickr API, Wikimedia APIs)', about: 'Wikimedia Commons, Wikidata API and SPARQL, Flickr API (Apache-2.0 OR MIT)' },
  { repo: 'Flickr-Foundation/flickr-photos-api', commit: '701693c2d395a673268238ca438c2d9fe4d9ddfe', licence: 'MIT', files: /^tests\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'Flickr-Foundation (Flickr API, Wikimedia APIs)', about: 'Flickr REST API (Apache-2.0 OR MIT)' },
  { repo: 'Unidata/siphon', commit: '96aa8f518c70c7b3a30bb4061ab26e11af28d70e', licence: 'BSD-3-Clause', files: /^tests\/fixtures\/(?!thredds-test-default-5-0$)[^/]+$/, format: 'cassette', about: 'UCAR THREDDS servers, NOAA NDBC, NHC and SPC, Iowa Mesonet' },
  { repo: 'frictionlessdata/frictionless-py', commit: '44661adf0c9ec593d48642ba380ce33bbad95e15', licence: 'MIT', files: /^data\/cassettes\/test_(?:ckan_adapter_(?!publish_|read_data)|zenodo_adapter_(?!read_record_data_remote))[^/]*\.yaml$/, format: 'cassette', about: 'Zenodo, dados.gov.br (CKAN)' },
  { repo: 'web3data/web3data-js', commit: '5b177803cb168dcaed0a8a6e2b2fbd835b82e0f9', licence: 'Apache-2.0', files: /^test\/recordings\/.+\.har$/, format: 'har', about: 'Amberdata web3api.io REST and JSON-RPC (Polly recordings)' },
  { repo: 'Stranger6667/postmarker', commit: 'a060d4955e8b41a322a90c8e261765aa5e57d028', licence: 'MIT', files: /^test\/cassettes\/.+\.json$/, format: 'cassette', about: 'Postmark API' },
  { repo: 'danielnsilva/semanticscholar', commit: '73c77266abcab52125941736d87c659ed4fa0e15', licence: 'MIT', files: /^tests\/data\/.+\.yaml$/, format: 'cassette', about: 'Semantic Scholar Graph API' },
  { repo: 'edgi-govdata-archiving/wayback', commit: 'db1061085f2044b90c0055c76061f7ce294b1b75', licence: 'BSD-3-Clause', files: /^src\/wayback\/tests\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Internet Archive Wayback Machine (CDX and mementos)' },
  { repo: 'abhinavk99/jikanpy', commit: 'eb2b4f14e01ca6a25b54c279216fd9f33b5753b2', licence: 'MIT', files: /^tests\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Jikan (MyAnimeList) API v4' },
  { repo: 'hydrosquall/tiingo-python', commit: '4d9a9776a811efb5b70b3238e31363f84fabab94', licence: 'MIT', files: /^tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'Tiingo market-data API' },
];

/** Parts kept per origin at most: no one API may be the set's verdict (calibration's lesson, extract.ts ORIGIN_CAP). */
export const ORIGIN_CAP = 400;
/** Whole requests kept per origin at most, as extract.ts. */
export const REQUEST_CAP = 300;

export interface HeldOutRow { text: string; label: 0; class: 'benign'; where: string; source: string; origin: string; licence: string }
export interface HeldOutRequest extends WholeRequest { origin: string }

export const HELD_OUT_FILE = path.join(REPO_ROOT, 'models/data/real/heldout.jsonl.gz');
export const HELD_OUT_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout_requests.jsonl.gz');

/** Suffixes under which each name is a site of its own (the public-suffix entries these captures meet). */
const SHARED_SUFFIXES = new Set(['github.io', 'herokuapp.com', 'co.uk', 'com.au', 'co.jp', 'blogspot.com']);

/** The site a HAR captured: the registrable domain of its first request's host (dossiers.lalibre.be: lalibre.be). */
export function siteOf(reqs: readonly { url: string }[]): string {
  for (const r of reqs) {
    const m = /^https?:\/\/([^/:?#]+)/i.exec(r.url);
    if (!m || !splitUrl(r.url)) continue;
    if (/^[\d.]+$|:/.test(m[1])) return m[1]; // an address is a site of its own
    const labels = m[1].toLowerCase().split('.');
    const keep = SHARED_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
    return labels.slice(-keep).join('.');
  }
  return '?';
}

/** The origin of a recording: its site for `bySite` browser recordings (HAR, DevTools log), else the source's API name or repository. */
export function heldOutOrigin(s: HeldOutSource, text: string): string {
  if (!s.bySite) return s.origin ?? s.repo;
  try {
    return `${s.repo} (${siteOf(urlsOf(s.format, text).map((url) => ({ url })))})`;
  } catch {
    return `${s.repo} (?)`;
  }
}

/** A source's `files`: `re`, less the files named in `files` (recordings of a local server, or of an API the pool records). */
export function except(re: RegExp, files: readonly string[]): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return files.length === 0 ? re : new RegExp(`^(?!(?:${files.map(esc).join('|')})$)[\\s\\S]*?(?:${re.source})`);
}

/**
 * The parts ../shared/datasets and `files` hold (rows of parts, or whole requests' parts), as partKey keys, and
 * their texts whatever their `where`: what a new set leaves out as known.
 */
export function knownParts(files: readonly string[]): { keys: Set<string>; texts: Set<string> } {
  const keys = sharedPartKeys();
  for (const file of files) {
    for (const line of readText(file).split('\n')) {
      if (!line) continue;
      const r = JSON.parse(line) as { where?: string; text?: string; parts?: Array<{ where: string; text: string }> };
      if (Array.isArray(r.parts)) for (const p of r.parts) keys.add(partKey(p.where, p.text));
      else if (typeof r.text === 'string') keys.add(partKey(r.where ?? '', r.text));
    }
  }
  return { keys, texts: new Set([...keys].map((k) => k.slice(k.indexOf('\u0000') + 1))) };
}

/**
 * Cuts `sources` into `partsFile` (one benign row per new part, at most ORIGIN_CAP per origin and no `where` kind over
 * `kindCap` of the set, both by a hash of the text) and `requestsFile` (whole requests, REQUEST_CAP per origin); parts
 * already in ../shared/datasets, fetched.jsonl.gz or the `alsoKnown` files (by any `where`) are not new. Returns the
 * report lines.
 */
export function cutSet(sources: readonly HeldOutSource[], partsFile: string, requestsFile: string, alsoKnown: readonly string[] = [], kindCap = KIND_CAP): string[] {
  // Any text the pool holds, whatever its `where`: a held-out part must be new text, not a known one moved.
  const { keys: known, texts: knownText } = knownParts([path.join(REPO_ROOT, 'models/data/real/fetched.jsonl.gz'), ...alsoKnown]);
  const seen = new Set<string>();
  const rows: HeldOutRow[] = [];
  const requests: HeldOutRequest[] = [];
  const report: string[] = [];
  for (const s of sources) {
    const { recordings, line } = newParts(s, known, seen, (text) => knownText.has(text));
    for (const { file: f, text: body, requests: reqs, parts } of recordings) {
      const origin = heldOutOrigin(s, body);
      const source = `${s.repo}:${f}`;
      for (const ps of reqs) requests.push({ source, origin, parts: ps });
      for (const p of parts) rows.push({ text: p.text, label: 0, class: 'benign', where: p.where, source, origin, licence: s.licence });
    }
    report.push(line);
  }
  const capped = capPerOrigin(rows, (r) => r.origin, ORIGIN_CAP, report);
  const { kept, dropped, perKind } = capKinds(rows.filter((r) => capped.has(r)), (r) => balanceKind(r.where), (r) => r.text, kindCap);
  const keep = new Set(kept);
  const out = rows.filter((r) => keep.has(r));
  writeFileSync(partsFile, gzipSync(out.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
  const { kept: keptRequests, origins: requestOrigins } = distinctRequestsPerOrigin(requests, (r) => r.origin, REQUEST_CAP);
  writeFileSync(requestsFile, gzipSync(keptRequests.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
  const kinds = new Map<string, number>();
  for (const r of out) kinds.set(r.where, (kinds.get(r.where) ?? 0) + 1);
  report.push(`kind cap ${kindCap}: ${dropped} parts over it dropped (${perKind} per kind at most)`);
  report.push(`kinds: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  report.push(`${keptRequests.length} whole requests from ${requestOrigins} origins to ${path.relative(REPO_ROOT, requestsFile)}`);
  report.push(`wrote ${out.length} parts from ${new Set(out.map((r) => r.origin)).size} origins to ${path.relative(REPO_ROOT, partsFile)}`);
  return report;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout.ts')) {
  console.log(cutSet(HELD_OUT, HELD_OUT_FILE, HELD_OUT_REQUESTS_FILE).join('\n'));
}

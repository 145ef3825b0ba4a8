// Cuts browser page loads into models/data/real/pageloads.jsonl.gz (one benign row per request part) and
// pageloads_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/pageloads.ts`.
//
// What a WAF in front of a site meets most is its users' browsers: a page load sends dozens of requests, most of them
// to ad, analytics and consent services whose queries and cookies look like nothing a form sends. These are HAR
// captures and Chrome DevTools network logs of news and shopping sites (cnn.com, theverge.com, engadget.com,
// amazon.com, ...), one origin per site and repository, cut as heldout.ts cuts its origins (cutSet: the same
// content-blind filters and cap per origin; parts the pool or the frozen held-out origins hold are left out). No cap
// per `where` kind: paths, queries and cookies are most of what a page load sends, and that is what this set measures.
//
// Not frozen: a helper session collected them on 2026-12-05 and scored them once with the shipped model before they
// were committed. Three of 7,753 parts were flagged, all unfilled Go-template ad macros (`gdpr={{.GDPR}}`), and ssti's
// lexer was changed after reading them (6a307ac). So they are reported apart from the frozen held-out origins, by
// origin and kind. Never trained or calibrated on.

import path from 'node:path';
import { REPO_ROOT } from '../load.ts';
import { cutSet, HELD_OUT_FILE, type HeldOutSource } from './heldout.ts';

/**
 * Licences checked in each repository's licence file at the pinned commit (SOURCES.md, "Page loads"). Left out:
 * cloudflare/har-sanitizer's `scrubbed.har`, committed and removed the day before the repository gained a licence.
 */
export const PAGE_LOADS: readonly HeldOutSource[] = [
  // WebPageTest's waterfall viewer's samples, captured with Chrome 146 in 2026: DevTools logs hold the headers as sent.
  { repo: 'pmeenan/waterfall-tools', commit: '123f6e4eb06feb8c4d5c94d6057562395c98b393', licence: 'Apache-2.0', files: /^Sample\/Data\/Chrome Devtools Protocol\/.*\.json\.gz$/, format: 'cdp', bySite: true, about: 'cnn.com, theverge.com, engadget.com, amazon.com, google.com (Chrome DevTools logs)' },
  { repo: 'pmeenan/waterfall-tools', commit: '123f6e4eb06feb8c4d5c94d6057562395c98b393', licence: 'Apache-2.0', files: /^(?:Sample\/Data\/HARs\/.*\.har(?:\.gz)?|tests\/fixtures\/.*\.har\.json)$/, format: 'har', bySite: true, about: 'the same sites (Chrome, Firefox and WebPageTest HARs)' },
  { repo: 'haralyzer/haralyzer', commit: '29ffe0d2e26dc97b2adaa329328beb228ba8c356', licence: 'MIT', files: /^tests\/data\/.*\.har$/, format: 'har', bySite: true, about: 'cnn.com (2017, Chrome and Firefox), humanssuck.net' },
  { repo: 'duckduckgo/duckduckgo-privacy-extension', commit: 'db39169c5a7aaa0528aa8468bdf23a5e25a2f488', licence: 'Apache-2.0', files: /^integration-test\/data\/har\/.*\.har$/, format: 'har', bySite: true, about: 'duckduckgo.com' },
  { repo: 'gatling/gatling', commit: '8bb193bdf5d0f54cf803dcbc3c6846306c38c202', licence: 'Apache-2.0', files: /^gatling-recorder\/src\/test\/resources\/har\/.*\.har$/, format: 'har', bySite: true, about: 'the recorder\'s Charles, Chrome and Firefox captures' },
  { repo: 'gatling/gatling', commit: '05839546b4fd0fc54f0e0cd5a6a7b512ef63b581', licence: 'Apache-2.0', files: /^gatling-recorder\/src\/test\/resources\/har\/[^/]*\.har$/, format: 'har', bySite: true, about: 'kernel.org and the recorder\'s older captures' },
  { repo: 'webrecorder/har2warc', commit: 'dd1e29a0af018113ffbd19795ee6bc390b8889c2', licence: 'Apache-2.0', files: /\.har$/, format: 'har', bySite: true, about: 'example.com, http2.github.io' },
  { repo: 'Blazemeter/taurus', commit: 'bb1245acac242fb6b5af4d47063a5e7321a66ad5', licence: 'MIT', files: /^tests\/har\/.*\.har$/, format: 'har', bySite: true, about: 'a demo page with Twitter widgets' },
];

export const PAGE_LOADS_FILE = path.join(REPO_ROOT, 'models/data/real/pageloads.jsonl.gz');
export const PAGE_LOADS_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/pageloads_requests.jsonl.gz');

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/pageloads.ts')) {
  console.log(cutSet(PAGE_LOADS, PAGE_LOADS_FILE, PAGE_LOADS_REQUESTS_FILE, [HELD_OUT_FILE], 1).join('\n'));
}

// Turns fetched public repositories (HAR captures, HTTP cassettes, webhook and telemetry payload examples) into
// models/data/real/fetched.jsonl.gz, one benign row per request part (gzipped: over 4 MiB as text), and requests.jsonl.gz. Run by hand: `npx tsx models/data/real/extract.ts`.
// The repositories are read with git from WAFSCORE_MIRROR (default /work/.mirror/<owner>+<name>/repo) at the
// commits pinned below; they are not committed. Every filter is content-blind: no row is chosen by a model's score.

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { type Source, newParts, capPerOrigin, distinctRequestsPerOrigin } from './formats.ts';
import { REPO_ROOT, sharedPartKeys, type WholeRequest } from '../load.ts';
import { originOf } from '../origins.ts';

/**
 * Licences checked in each repository's LICENSE file at the pinned commit (SOURCES.md says where).
 * Left out: Datadog tracers' test-agent snapshots (DataDog/dd-trace-py, dd-trace-php `tests/snapshots/`). They are
 * what a tracer sends to its own agent on the host, never through a proxy in front of an application, and they are
 * the test agent's normalised record of a msgpack stream, not bytes on a wire. They were in for one training run
 * (2026-12-04), where dd-trace-py's 800 parts of SQL statements landed on calibration and set the band edge.
 */
const SOURCES: readonly Source[] = [
  { repo: 'micmro/PerfCascade', commit: '141951297cfdb13b9692066ba4e6f1c7eebf1248', licence: 'MIT', files: /^src\/test-data\/.*\.har$/, format: 'har' },
  { repo: 'sitespeedio/coach-core', commit: 'a70c06aec83b6d45d14d594db4f2f4254d4f52ce', licence: 'MIT', files: /^test\/har\/files\/.*\.har$/, format: 'har' },
  { repo: 'praw-dev/praw', commit: '7b69758126d5a105ab7083ee49a3f6f400963ca9', licence: 'BSD-2-Clause', files: /^tests\/integration\/cassettes\/.*\.json$/, format: 'cassette' },
  { repo: 'tweepy/tweepy', commit: 'c05ba988177219f1591b3bf03b8896b427c8b233', licence: 'MIT', files: /^cassettes\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'linode/linodego', commit: '676b9dbeacf05d88a69ef25c2968be2497d363b4', licence: 'MIT', files: /^test\/integration\/fixtures\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'scaleway/scaleway-sdk-go', commit: '2c5cd81b052874a3bb1492a538cda3e701ed9502', licence: 'Apache-2.0', files: /\.cassette\.ya?ml$/, format: 'cassette' },
  { repo: 'stac-utils/pystac-client', commit: '85f29a66bb64463767de12052c88011b020a2374', licence: 'Apache-2.0', files: /^tests\/cassettes\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'ramnes/notion-sdk-py', commit: '9d715dd482293ef009db90079755247e36354a78', licence: 'MIT', files: /^tests\/cassettes\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'graphql-python/gql', commit: '0eb57fe92bc1c7df7d96f5104382ec65b816b522', licence: 'MIT', files: /^tests\/fixtures\/vcr_cassettes\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'slack-ruby/slack-ruby-client', commit: 'e0f841a1dd62d19ecc5186eebcbba206c14e393c', licence: 'MIT', files: /^spec\/fixtures\/slack\/web\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'pydantic/pydantic-ai', commit: '4fda38988f2939fa6ea9cdefcf120693e10ef491', licence: 'MIT', files: /^tests\/.*cassettes\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'okta/okta-sdk-python', commit: 'f68509793adefde945ab53ff38f83fab578e3966', licence: 'Apache-2.0', files: /^tests\/integration\/cassettes\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'DataDog/datadog-api-client-python', commit: '6d8f356e4a3fdf83307c9db00e7a081d56a47ea5', licence: 'Apache-2.0', files: /^tests\/.*cassettes\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'huggingface/huggingface_hub', commit: 'ee0a4510f4bc15e26cb722be2efc2bdb01383ca0', licence: 'Apache-2.0', files: /^tests\/cassettes\/.*\.ya?ml$/, format: 'cassette' },
  // Flexget's vcrpy cassettes have no extension: one per test, against trakt, TheTVDB, TVmaze, TMDb, IMDb, torrent sites.
  { repo: 'Flexget/Flexget', commit: '05b661f561b55147735538c0898abe966eb7525b', licence: 'MIT', files: /^tests\/cassettes\/[^/]+$/, format: 'cassette' },
  { repo: 'alexrudall/ruby-openai', commit: '62938e02bb83e9f243ad2447805bc461d5d126fe', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'nsidc/earthaccess', commit: '762467dedf7738709726e6ca30c8a36aa195c954', licence: 'MIT', files: /^tests\/.*vcr_cassettes\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'burnash/gspread', commit: '5e2b628da598151a5a4122d3cf7ba2704041643c', licence: 'MIT', files: /^tests\/cassettes\/.*\.json$/, format: 'cassette' },
  { repo: 'UpCloudLtd/upcloud-go-api', commit: 'f64673e83662d4d5a1ed2694b63732ad4cfe186b', licence: 'MIT', files: /^upcloud\/service\/fixtures\/.*\.ya?ml$/, format: 'cassette' },
  // R vcr cassettes (Ruby VCR's layout): GBIF's API, and taxize's many taxonomy services (NCBI, ITIS, Tropicos, ...).
  { repo: 'ropensci/rgbif', commit: 'c7a4f596a461eb023f6130b474a8e861803dd011', licence: 'MIT', files: /^tests\/fixtures\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'ropensci/taxize', commit: '4c3e4a1c67aa42f0b39be34e69fa6792c02dbe22', licence: 'MIT', files: /^tests\/fixtures\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'ropensci/rcrossref', commit: 'bf3fcfe0d7deede6c93847081f84e8ab45ba079e', licence: 'MIT', files: /^tests\/fixtures\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'ropensci/rorcid', commit: '0f56ec751994db8f8f83cc5a9073dc465588ef96', licence: 'MIT', files: /^tests\/fixtures\/.*\.ya?ml$/, format: 'cassette' },
  { repo: 'ropensci/rredlist', commit: 'b79f10f287b004cbfa765da170df7a3154efc08f', licence: 'MIT', files: /^tests\/fixtures\/.*\.ya?ml$/, format: 'cassette' },
  // GitHub's webhook payloads are left out: octokit/webhooks already brings GitHub's documented examples.
  { repo: 'go-playground/webhooks', commit: '02d182ac47693b5f7263de2ba7bd46607c80aed8', licence: 'MIT', files: /^testdata\/(?!github\/).*\.json$/, format: 'json-body' },
  // Lambda event payloads (API Gateway, SNS, S3, ...): documented invocation bodies; responses are not requests.
  { repo: 'aws/aws-lambda-go', commit: '815d21f4176907c97cc6a77465ece6a1d2bbbac4', licence: 'Apache-2.0', files: /^events\/testdata\/(?!.*response)[^/]*\.json$/, format: 'json-body' },
  // Elastic APM's RUM intake: NDJSON bodies as the browser agent sends them (v2 `*rum*` files and RUM v3's abbreviated
  // keys), outside x-pack (Apache-2.0 there). Backend agents' streams (the other intake-v2 examples, apmbench's recorded
  // opbeans-node stream) are left out like the Datadog tracers' (see SOURCES' comment): service-to-collector telemetry with SQL statements
  // in its spans, not traffic of a proxy in front of an application (in one training run apmbench's 277 parts calibrated
  // and set the band edge).
  { repo: 'elastic/apm-server', commit: '7c4e4d4e8f14de9fb75d2eecaed922ff9d858e33', licence: 'Apache-2.0', files: /^testdata\/intake-v(?:3\/[^/]*|2\/[^/]*rum[^/]*)\.ndjson$/, format: 'ndjson' },
  // Segment batch uploads (track, identify, page, screen, group, alias) as the Go client posts them.
  { repo: 'segmentio/analytics-go', commit: 'bc3a04e7d86419273593d2d493609b9ba4e1a8d5', licence: 'MIT', files: /^fixtures\/[^/]*\.json$/, format: 'json-body' },
];

/**
 * No one origin may bring more than this many parts; kept by a hash of the text, content-blind. Calibration holds
 * ~5,000 parts: at 1,500 one API's cassettes were 31% of it, the very concentration this data is meant to dilute.
 */
const ORIGIN_CAP = 800;

// ---------------------------------------------------------------- rows, de-duplicated and capped


/**
 * Whole requests kept per origin at most, by a hash of the request: recordings repeat the same calls, and the
 * figure is per request of an origin on the test side, which one busy recording should not decide alone.
 */
const REQUEST_CAP = 300;

interface Row { text: string; label: 0; class: 'benign'; kind: string; where: string; source: string; licence: string }

const seen = sharedPartKeys();
const before = seen.size;
const shared = new Set(seen);

const rows: Row[] = [];
const requests: WholeRequest[] = [];
const report: string[] = [];
for (const s of SOURCES) {
  const { recordings, line } = newParts(s, shared, seen);
  for (const { file: f, requests: reqs, parts } of recordings) {
    const source = `${s.repo}:${f}`;
    for (const ps of reqs) requests.push({ source, parts: ps });
    for (const p of parts) rows.push({ text: p.text, label: 0, class: 'benign', kind: p.where, where: p.where, source, licence: s.licence });
  }
  report.push(line);
}

// Cap each origin by a hash of the text alone, so no origin's rows are picked by what they say.
const kept = capPerOrigin(rows, (r) => originOf(r.source), ORIGIN_CAP, report);
const out = rows.filter((r) => kept.has(r)); // file order: sources as listed, files sorted, parts as recorded
writeFileSync(path.join(REPO_ROOT, 'models/data/real/fetched.jsonl.gz'), gzipSync(out.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
// Whole requests: those of the files used above, identical ones once per origin, capped per origin like the parts.
const { kept: keptRequests, origins: requestOrigins } = distinctRequestsPerOrigin(requests, (r) => originOf(r.source), REQUEST_CAP);
writeFileSync(path.join(REPO_ROOT, 'models/data/real/requests.jsonl.gz'), gzipSync(keptRequests.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
report.push(`${keptRequests.length} whole requests from ${requestOrigins} origins to models/data/real/requests.jsonl.gz`);
console.log(report.join('\n'));
console.log(`${before} known parts; wrote ${out.length} rows from ${new Set(out.map((r) => originOf(r.source))).size} origins to models/data/real/fetched.jsonl.gz`);

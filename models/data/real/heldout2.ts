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
// few browser page loads (twitter.com, en.wikipedia.org, ...). Cut by heldout.ts's cutSet: the same readers and content-blind filters, parts any earlier set
// holds left out, at most ORIGIN_CAP parts per origin and no `where` kind over KIND_CAP of the set.

import path from 'node:path';
import { REPO_ROOT } from '../load.ts';
import { cutSet, HELD_OUT_FILE, type HeldOutSource } from './heldout.ts';
import { PAGE_LOADS_FILE } from './pageloads.ts';

const MIQ = (name: string, commit: string, about: string): HeldOutSource => ({
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
];

export const HELD_OUT_2_FILE = path.join(REPO_ROOT, 'models/data/real/heldout2.jsonl.gz');
export const HELD_OUT_2_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout2_requests.jsonl.gz');

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout2.ts')) {
  console.log(cutSet(HELD_OUT_2, HELD_OUT_2_FILE, HELD_OUT_2_REQUESTS_FILE, [HELD_OUT_FILE, PAGE_LOADS_FILE]).join('\n'));
}

// Cuts a sixth frozen held-out set into models/data/real/heldout6.jsonl.gz (one benign row per request part) and
// heldout6_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/heldout6.ts`.
//
// Why: the earlier held-out sets (heldout.ts to heldout5.ts) are spent the day a rule or model change is made after
// reading what they flagged. These recordings were collected on 2026-12-06 by a helper session that never scored them:
// no model, core or rule saw a part of them before they were cut. They are read by `make eval` only
// (models/yardstick.ts HELD_OUT_SIXTH_DRAW): no training, calibration, threshold or rule may be chosen from them, and
// what they flag is reported by origin and kind, never as texts. A change made after reading their flagged parts
// spends them too.
//
// What they are: Polly.js recordings (HAR) of JupiterOne's open-source integrations (MPL-2.0), one repository per
// vendor, each calling that vendor's real API from Node.js: cloud platforms (Azure Resource Manager and Microsoft
// Graph, Google Cloud), identity providers (OneLogin, Auth0, PingOne, Duo, JumpCloud), security and device-management
// products (CrowdStrike, Cisco Secure Workload and Panoptica, WhiteHat, Checkmarx, Jamf, Kandji, Netskope, ...), CI and
// developer services (CircleCI, Azure DevOps, Bitbucket, GitLab, Semaphore, Terraform Cloud, Linear), HR and IT
// service desks (BambooHR, ServiceNow, Zendesk). None is an LLM API. One origin per repository.
// Left out by repository or by path, from the recorded URLs' hosts, not from content: recordings of local or
// private-address servers (Jira Data Center on localhost, Jenkins, SonarQube, Snipe-IT, Rapid7 on localhost,
// minikube, Wazuh and Cisco ISE on private addresses), placeholder hosts (example.com, `.test`, a dummy host, Alibaba
// Cloud's redacted URLs), APIs the pool records (graph-okta, graph-github, graph-slack, graph-datadog: SOURCES.md), and
// graph-tenable-io (cloud.tenable.com, the fifth draw's pyTenable origin: taken out before the draw was first scored,
// so that the frozen draws' origins stay disjoint).
// Cut by heldout.ts's cutSet: the same readers and content-blind filters, parts any earlier set or the staged LLM set
// holds (their parts files and whole-request files, by any `where`) left out, at most ORIGIN_CAP parts per origin and
// no `where` kind over KIND_CAP of the set.

import path from 'node:path';
import { REPO_ROOT } from '../load.ts';
import { cutSet, except, type HeldOutSource } from './heldout.ts';
import { HELD_OUT_5_KNOWN, HELD_OUT_5_FILE, HELD_OUT_5_REQUESTS_FILE } from './heldout5.ts';

// Every source's recordings: Polly.js HARs under `__recordings__/`.
const RECORDINGS = /__recordings__\/.+\.har$/;

/** One of JupiterOne's integrations (`JupiterOne/graph-<name>`, MPL-2.0), its recordings but the files in `leftOut`. */
const jupiterOne = (name: string, commit: string, about: string, leftOut?: readonly string[]): HeldOutSource => ({
  repo: `JupiterOne/graph-${name}`, commit, licence: 'MPL-2.0', files: leftOut ? except(RECORDINGS, leftOut) : RECORDINGS, format: 'har', about: `${about} (Polly.js)`,
});

/** graph-jira's recordings of a local Jira Data Center (localhost:8080) and of example.com (by recorded host). */
const LOCAL_JIRA = [
  'src/__recordings__/validateInvocationLocalInvalidPassword_3805798782/recording.har',
  'src/__recordings__/validateInvocationLocal_521996212/recording.har',
  'src/jira/__recordings__/detectVersion2_2558482980/recording.har',
  'src/jira/__recordings__/detectVersionNotJiraHost_2120872649/recording.har',
  'src/jira/__recordings__/withCustomPath_1423265377/recording.har',
  'src/jira/api-v2/__recordings__/addNewIssueWithDescription_2242578009/recording.har',
  'src/jira/api-v2/__recordings__/addNewIssue_4206205249/recording.har',
  'src/jira/api-v2/__recordings__/fetchIssuesPageNonExtantProject_2880818852/recording.har',
  'src/jira/api-v2/__recordings__/fetchIssuesPageSinceAtTimestamp_294917037/recording.har',
  'src/jira/api-v2/__recordings__/fetchIssuesPage_4267569120/recording.har',
  'src/jira/api-v2/__recordings__/fetchProjects_1262922569/recording.har',
  'src/jira/api-v2/__recordings__/fetchServerInfo_178425308/recording.har',
  'src/jira/api-v2/__recordings__/fetchUsersPage_3299628394/recording.har',
  'src/jira/api-v2/__recordings__/projectKeyToProjectIdNonExtantProject_880768912/recording.har',
  'src/jira/api-v2/__recordings__/projectKeyToProjectId_2447747052/recording.har',
  'src/jira/api-v2/__recordings__/transitionIssue_819865329/recording.har',
  'src/steps/__recordings__/stepsDataCenter_2376778805/recording.har',
];

/** Licences checked in each repository's licence file at the pinned commit (SOURCES.md, "Held-out origins, sixth set"). */
export const HELD_OUT_6: readonly HeldOutSource[] = [
  jupiterOne('azure', '401f5e1e8cca131d40b4cc947f689abcb5928ea8', 'Azure Resource Manager (management.azure.com), Microsoft Graph, Entra ID token endpoint (login.microsoftonline.com), Blob storage'),
  jupiterOne('google-cloud', '1260c68fbaddb7d1468a89778abebdab8ad167dc', 'Google Cloud APIs (Compute Engine, Cloud KMS, Storage, IAM, Dataproc, Resource Manager, Service Usage, BigQuery, ...)'),
  jupiterOne('azure-devops', '355891608ecd01a23ca3a7188bb5ec573e676d02', 'Azure DevOps REST API (dev.azure.com, advsec.dev.azure.com)'),
  jupiterOne('onelogin', 'c3192fa7e0066566d1fd650e61725adc379341a4', 'OneLogin API (api.us.onelogin.com)'),
  jupiterOne('cisco-secure-workload', '57f9a6cb376b63b187669e93f6094a24e52fad2b', 'Cisco Secure Workload (Tetration) API, a preview tenant'),
  jupiterOne('circleci', '0f6f3f133ac338c1443d3b3ddec1be3f95944f1b', 'CircleCI API (circleci.com)'),
  jupiterOne('whitehat', '843215a03d88d54e6b5f1b3d444a7fab5b7ae165', 'WhiteHat Sentinel API (sentinel.whitehatsec.com)'),
  jupiterOne('checkmarx', '1be75fe06999c23534c6a2dc2d1f46037359209e', 'Checkmarx SAST API, a partner server (partners9x.checkmarx.net)'),
  jupiterOne('servicenow', 'f4afdc3da96d06703a1f54332fb8f14733436c99', 'ServiceNow Table API, developer instances (*.service-now.com)'),
  jupiterOne('bamboohr', '3bae511c5383272db6cf871e32524e303a705bfb', 'BambooHR API (api.bamboohr.com)'),
  jupiterOne('device42', '25ae3ed2459721827ef677e66cc24533e7ca25eb', 'Device42 API, the vendor\'s public demo (swaggerdemo.device42.com)'),
  jupiterOne('jira', '4fbfb67433ee2d91022813424f931c5f23884ada', 'Jira Cloud REST API (jupiterone-dev.atlassian.net, id.atlassian.com); its Jira Data Center cassettes (localhost:8080) and one of example.com are not used', LOCAL_JIRA),
  jupiterOne('manageengine-endpoint-central', 'cd8a34ca215b9f76e833dc4c14ec49ec23522b6f', 'ManageEngine Endpoint Central cloud API and Zoho accounts (OAuth)'),
  jupiterOne('crowdstrike', '7510c6a41155d3a4d419ed46b0a87ccdee17d41b', 'CrowdStrike Falcon API (api.crowdstrike.com, api.us-2.crowdstrike.com)'),
  jupiterOne('vsphere', '7669aeac35074fee4da60e097f50cb90d8db0931', 'VMware vCenter REST API on VMware Cloud (vmwarevmc.com); one cassette of a dummy host is not used', ['src/__recordings__/invalid-cluster-query-distributed-switches_652353633/recording.har']),
  jupiterOne('salesforce', '8fcd660853ae15f2c0fd266db85a7f79dd3879b6', 'Salesforce REST API and login (OAuth), a developer org'),
  jupiterOne('bitbucket', '9e721058b7482f577e95c00dbd1b0b7dda390e88', 'Bitbucket Cloud API and OAuth (bitbucket.org)'),
  jupiterOne('microsoft-endpoint-defender', '150f728e848ce25b5374b53b8cf5371822b05ec3', 'Microsoft Defender for Endpoint API (api.securitycenter.microsoft.com), Microsoft Graph, Entra ID token endpoint'),
  jupiterOne('gitlab', '2bcf83fa0f78412bb59dc03f266230289912fb13', 'GitLab.com API v4; one cassette of example.com is not used', ['src/__recordings__/__recordings__/validateInvocationAuthenticationError_163166825/recording.har']),
  jupiterOne('microsoft-365', '336d6b2c748ae382f4d1106e76d468a8991496c8', 'Microsoft Graph (users, groups, devices, ...) and the Entra ID token endpoint'),
  jupiterOne('jamf', 'b3c6f800df6b22cb357fdd8c6e3a5385f185a2a3', 'Jamf Pro API, a Jamf Cloud instance (jamfcloud.com)'),
  jupiterOne('asana', 'd3ca32f5d87412cd9d89533cbe5a3012ec669d4c', 'Asana API (app.asana.com)'),
  jupiterOne('netskope', '338855cfa20096311d429b1e5d9ac7fb3c06f704', 'Netskope REST API (goskope.com tenants)'),
  jupiterOne('zoom', 'bc3b57d53f43dcfe7aa9ac35592c5642866fe15c', 'Zoom API (api.zoom.us) and OAuth (zoom.us)'),
  jupiterOne('panoptica', '83f9fd4e033f87d4616fe7b7f61fa3a593b7ab68', 'Cisco Panoptica (SecureCN) API (securecn.cisco.com)'),
  jupiterOne('artifactory', '9031452d424bda199be1585a8ccac5a2d4e53597', 'JFrog Artifactory cloud API (jfrog.io)'),
  jupiterOne('cycognito', '7a06187d183230ce91fcaa0c40fe05c6e8316520', 'CyCognito platform API (api.platform.cycognito.com)'),
  jupiterOne('mongodb', '056504a90aa1683e5572e35fb82224542edcf6db', 'MongoDB Atlas Admin API (cloud.mongodb.com)'),
  jupiterOne('bigid', '6497f343a78a787480501ebe944ffac9d9e82bf5', 'BigID API, the vendor\'s sandbox (sandbox.bigid.tools)'),
  jupiterOne('auth0', '634ca5d736082349ed9dc6ca9731866f5c17b59a', 'Auth0 Management API and token endpoint, a tenant (auth0.com)'),
  jupiterOne('linear', '1f3625c009ef50cfa2dc150f45a6969d5db7d36a', 'Linear GraphQL API (api.linear.app)'),
  jupiterOne('jumpcloud', 'f36df07e62ee61beaa70da14da6c34d90a946d06', 'JumpCloud API (console.jumpcloud.com)'),
  jupiterOne('google', '0aca97687141c3eb2a104f2a44e96f636289a624', 'Google Workspace Admin SDK, Cloud Identity and Chrome Management APIs, Google OAuth token endpoint'),
  jupiterOne('rapid7-insight', '9ba3ce2ec0e0443a7c7808e870efb7dfe73739ee', 'Rapid7 InsightVM cloud API (*.api.insight.rapid7.com)'),
  jupiterOne('microsoft-teams', '9572e1eca27a4313ee8fa4afe36f20762ceaeb79', 'Microsoft Graph (Teams) and the Entra ID token endpoint'),
  jupiterOne('fleetdm', 'f8f8ee14d80e94bb6bdaebfd48254cd8588e36a5', 'Fleet (osquery device management) API, a hosted instance'),
  jupiterOne('probely', 'b2420ce448639205758475fb0f3a624a0f4398a8', 'Probely web-scanner API (api.probely.com)'),
  jupiterOne('rumble', '402b6d72d8b5f7c37661171199ed8b4527f026a9', 'runZero (Rumble) API (console.runzero.com)'),
  jupiterOne('semaphore', '2609845d78d6b8838914a779721d00cf6bae40ac', 'Semaphore CI API (semaphoreci.com)'),
  jupiterOne('hexnode', '0b5ab0dec3ceef672d3667498e0fdf962f97b2bd', 'Hexnode MDM API (hexnodemdm.com)'),
  jupiterOne('kandji', 'b1f581b533f35b78c34ad286df756a440e4e27ea', 'Kandji API (kandji.io)'),
  jupiterOne('pingidentity', '0e0da114e8fda421fbc49beabb5a599dde71b26b', 'PingOne API (api.pingone.eu)'),
  jupiterOne('red-hat-quay', 'fe8e65b10439ea7280b8720716b5e88250c043e7', 'Red Hat Quay registry API on a public cloud address'),
  jupiterOne('zendesk', 'b1c0e62cd66445527828d115ac25f0b30c8bc520', 'Zendesk Support API (zendesk.com)'),
  jupiterOne('hashicorp-vault', '0c649353fe1a1e70e7c02fe7977d627dac1c9277', 'HashiCorp Vault API on HashiCorp Cloud Platform (hashicorp.cloud)'),
  jupiterOne('tanium', 'fd4b63b5832899face970e286b2b01a2433d2566', 'Tanium API (titankube.com)'),
  jupiterOne('simplemdm', 'eb77057bc8c336923931367d1654d2ad2b037142', 'SimpleMDM API (a.simplemdm.com)'),
  jupiterOne('terraform-cloud', 'adda7e50d6cf0c34864b7427a51d9b20d0b673ed', 'Terraform Cloud API (app.terraform.io)'),
  jupiterOne('veracode-v2', '0a59a6824030048ef7edff46f975d4b2821829c5', 'Veracode REST API (api.veracode.com)'),
  jupiterOne('hubspot', 'a52dec01893b7211d55555923081ff4dbb88ece9', 'HubSpot API (api.hubapi.com)'),
  jupiterOne('addigy', '1468e3c481849155424fc39786bea79b08d22a59', 'Addigy API (prod.addigy.com, app-prod.addigy.com)'),
  jupiterOne('google-firebase', '8037954e58fb174065e7a54f59ec5f6989a7d5e2', 'Firebase Management and Cloud Asset APIs, Google OAuth token endpoint'),
  jupiterOne('datastax', '9d88038d36620e7465fecfb3f9534ae6a1993018', 'DataStax Astra DB DevOps API (api.astra.datastax.com)'),
  jupiterOne('duo', '1248bec67f1eeb20e5c78a2af26bcb353297661c', 'Duo Admin API (duosecurity.com)'),
  jupiterOne('esper', '94f1d3647dd47d45d75cd46e8eefc5e1eee2e939', 'Esper device-management API (esper.cloud)'),
  jupiterOne('knowbe4', '24752826ddf858bebae0a6fcf4c8dd5d84ff03f3', 'KnowBe4 Reporting API (eu.api.knowbe4.com)'),
  jupiterOne('polymer', '164b247adbeb894af49be50aa6719e09c3794b19', 'Polymer DLP API (polymerhq.io)'),
  jupiterOne('wpengine', 'a4c639096b4b7349bdf6558bf6092b6e4d24e1f1', 'WP Engine API (api.wpengineapi.com)'),
  jupiterOne('trend-micro', '43bf7279889c8ec09787af2b4ee57f19cf112f9f', 'Trend Micro Deep Security API (app.deepsecurity.trendmicro.com)'),
  jupiterOne('databricks', 'a5efc1086549fd7dc1166736990d11ad4afdde03', 'Databricks REST API, a workspace (cloud.databricks.com)'),
  jupiterOne('sentry', '8b51db9e5945a75b9b6f9061507d486259b9bc2d', 'Sentry API (sentry.io)'),
  jupiterOne('cloudbees', '6ed26ee861637386ac4980350f4254cf7a0adfe5', 'CloudBees CI (Jenkins) API on a public cloud address'),
  jupiterOne('digicert', '8c438e0002471e5532744b42f803d62fd6d6e4d0', 'DigiCert CertCentral API (www.digicert.com)'),
  jupiterOne('airwatch', 'f8ed69a24a22c1b8339bd1f0b2cea5198af966a0', 'VMware Workspace ONE UEM (AirWatch) API (awmdm.com)'),
  jupiterOne('finch', '289cd58a1fffa229ac9323e15640899030fa54ed', 'Finch HR API (api.tryfinch.com)'),
  jupiterOne('atspoke', '711204d50f82589c4a4c8efd12e9c8a41a5b11e6', 'Spoke (askspoke) API'),
  jupiterOne('lastpass', '4434fd8654a2a31e07b712c56b7820cc6334dd81', 'LastPass Enterprise API (lastpass.com)'),
  jupiterOne('automox', 'f3cf12681a7ceedd5018f884df428cf49aa7cf58', 'Automox API (console.automox.com)'),
  jupiterOne('netbox', 'ed0e20e781576a496fed20e3e4ebc3920007f541', 'NetBox API, the project\'s public demo (demo.netbox.dev)'),
  jupiterOne('cisco-secure-endpoint', 'e206dc7f0321796726081da20f943f0da3fe76b4', 'Cisco Secure Endpoint (AMP) API (api.amp.cisco.com)'),
  jupiterOne('hackerone', '8d59cb4732c7d0d3bdb80dd76d82d3159e24ada4', 'HackerOne API (api.hackerone.com)'),
  jupiterOne('signal-sciences', 'ce5d6328a31c051de6159d0191d011a213d559e8', 'Signal Sciences (Fastly Next-Gen WAF) dashboard API'),
  jupiterOne('detectify', '0288628464789e5d25641e1ddc5f596007acda3d', 'Detectify API (api.detectify.com)'),
];

export const HELD_OUT_6_FILE = path.join(REPO_ROOT, 'models/data/real/heldout6.jsonl.gz');
export const HELD_OUT_6_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout6_requests.jsonl.gz');

/** Every file whose parts are known already: the fifth draw's known files and the fifth draw's own parts and whole requests. */
export const HELD_OUT_6_KNOWN: readonly string[] = [...HELD_OUT_5_KNOWN, HELD_OUT_5_FILE, HELD_OUT_5_REQUESTS_FILE];

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout6.ts')) {
  console.log(cutSet(HELD_OUT_6, HELD_OUT_6_FILE, HELD_OUT_6_REQUESTS_FILE, HELD_OUT_6_KNOWN).join('\n'));
}

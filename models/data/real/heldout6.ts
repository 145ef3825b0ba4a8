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
  { repo: 'JupiterOne/graph-azure', commit: '401f5e1e8cca131d40b4cc947f689abcb5928ea8', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Azure Resource Manager (management.azure.com), Microsoft Graph, Entra ID token endpoint (login.microsoftonline.com), Blob storage (Polly.js)' },
  { repo: 'JupiterOne/graph-google-cloud', commit: '1260c68fbaddb7d1468a89778abebdab8ad167dc', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Google Cloud APIs (Compute Engine, Cloud KMS, Storage, IAM, Dataproc, Resource Manager, Service Usage, BigQuery, ...) (Polly.js)' },
  { repo: 'JupiterOne/graph-azure-devops', commit: '355891608ecd01a23ca3a7188bb5ec573e676d02', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Azure DevOps REST API (dev.azure.com, advsec.dev.azure.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-onelogin', commit: 'c3192fa7e0066566d1fd650e61725adc379341a4', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'OneLogin API (api.us.onelogin.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-cisco-secure-workload', commit: '57f9a6cb376b63b187669e93f6094a24e52fad2b', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Cisco Secure Workload (Tetration) API, a preview tenant (Polly.js)' },
  { repo: 'JupiterOne/graph-circleci', commit: '0f6f3f133ac338c1443d3b3ddec1be3f95944f1b', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'CircleCI API (circleci.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-whitehat', commit: '843215a03d88d54e6b5f1b3d444a7fab5b7ae165', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'WhiteHat Sentinel API (sentinel.whitehatsec.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-checkmarx', commit: '1be75fe06999c23534c6a2dc2d1f46037359209e', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Checkmarx SAST API, a partner server (partners9x.checkmarx.net) (Polly.js)' },
  { repo: 'JupiterOne/graph-servicenow', commit: 'f4afdc3da96d06703a1f54332fb8f14733436c99', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'ServiceNow Table API, developer instances (*.service-now.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-bamboohr', commit: '3bae511c5383272db6cf871e32524e303a705bfb', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'BambooHR API (api.bamboohr.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-device42', commit: '25ae3ed2459721827ef677e66cc24533e7ca25eb', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Device42 API, the vendor\'s public demo (swaggerdemo.device42.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-jira', commit: '4fbfb67433ee2d91022813424f931c5f23884ada', licence: 'MPL-2.0', files: except(/__recordings__\/.+\.har$/, LOCAL_JIRA), format: 'har', about: 'Jira Cloud REST API (jupiterone-dev.atlassian.net, id.atlassian.com); its Jira Data Center cassettes (localhost:8080) and one of example.com are not used (Polly.js)' },
  { repo: 'JupiterOne/graph-manageengine-endpoint-central', commit: 'cd8a34ca215b9f76e833dc4c14ec49ec23522b6f', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'ManageEngine Endpoint Central cloud API and Zoho accounts (OAuth) (Polly.js)' },
  { repo: 'JupiterOne/graph-crowdstrike', commit: '7510c6a41155d3a4d419ed46b0a87ccdee17d41b', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'CrowdStrike Falcon API (api.crowdstrike.com, api.us-2.crowdstrike.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-vsphere', commit: '7669aeac35074fee4da60e097f50cb90d8db0931', licence: 'MPL-2.0', files: except(/__recordings__\/.+\.har$/, ['src/__recordings__/invalid-cluster-query-distributed-switches_652353633/recording.har']), format: 'har', about: 'VMware vCenter REST API on VMware Cloud (vmwarevmc.com); one cassette of a dummy host is not used (Polly.js)' },
  { repo: 'JupiterOne/graph-salesforce', commit: '8fcd660853ae15f2c0fd266db85a7f79dd3879b6', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Salesforce REST API and login (OAuth), a developer org (Polly.js)' },
  { repo: 'JupiterOne/graph-bitbucket', commit: '9e721058b7482f577e95c00dbd1b0b7dda390e88', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Bitbucket Cloud API and OAuth (bitbucket.org) (Polly.js)' },
  { repo: 'JupiterOne/graph-microsoft-endpoint-defender', commit: '150f728e848ce25b5374b53b8cf5371822b05ec3', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Microsoft Defender for Endpoint API (api.securitycenter.microsoft.com), Microsoft Graph, Entra ID token endpoint (Polly.js)' },
  { repo: 'JupiterOne/graph-gitlab', commit: '2bcf83fa0f78412bb59dc03f266230289912fb13', licence: 'MPL-2.0', files: except(/__recordings__\/.+\.har$/, ['src/__recordings__/__recordings__/validateInvocationAuthenticationError_163166825/recording.har']), format: 'har', about: 'GitLab.com API v4; one cassette of example.com is not used (Polly.js)' },
  { repo: 'JupiterOne/graph-microsoft-365', commit: '336d6b2c748ae382f4d1106e76d468a8991496c8', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Microsoft Graph (users, groups, devices, ...) and the Entra ID token endpoint (Polly.js)' },
  { repo: 'JupiterOne/graph-jamf', commit: 'b3c6f800df6b22cb357fdd8c6e3a5385f185a2a3', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Jamf Pro API, a Jamf Cloud instance (jamfcloud.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-asana', commit: 'd3ca32f5d87412cd9d89533cbe5a3012ec669d4c', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Asana API (app.asana.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-netskope', commit: '338855cfa20096311d429b1e5d9ac7fb3c06f704', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Netskope REST API (goskope.com tenants) (Polly.js)' },
  { repo: 'JupiterOne/graph-zoom', commit: 'bc3b57d53f43dcfe7aa9ac35592c5642866fe15c', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Zoom API (api.zoom.us) and OAuth (zoom.us) (Polly.js)' },
  { repo: 'JupiterOne/graph-panoptica', commit: '83f9fd4e033f87d4616fe7b7f61fa3a593b7ab68', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Cisco Panoptica (SecureCN) API (securecn.cisco.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-artifactory', commit: '9031452d424bda199be1585a8ccac5a2d4e53597', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'JFrog Artifactory cloud API (jfrog.io) (Polly.js)' },
  { repo: 'JupiterOne/graph-cycognito', commit: '7a06187d183230ce91fcaa0c40fe05c6e8316520', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'CyCognito platform API (api.platform.cycognito.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-mongodb', commit: '056504a90aa1683e5572e35fb82224542edcf6db', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'MongoDB Atlas Admin API (cloud.mongodb.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-bigid', commit: '6497f343a78a787480501ebe944ffac9d9e82bf5', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'BigID API, the vendor\'s sandbox (sandbox.bigid.tools) (Polly.js)' },
  { repo: 'JupiterOne/graph-auth0', commit: '634ca5d736082349ed9dc6ca9731866f5c17b59a', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Auth0 Management API and token endpoint, a tenant (auth0.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-linear', commit: '1f3625c009ef50cfa2dc150f45a6969d5db7d36a', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Linear GraphQL API (api.linear.app) (Polly.js)' },
  { repo: 'JupiterOne/graph-jumpcloud', commit: 'f36df07e62ee61beaa70da14da6c34d90a946d06', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'JumpCloud API (console.jumpcloud.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-google', commit: '0aca97687141c3eb2a104f2a44e96f636289a624', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Google Workspace Admin SDK, Cloud Identity and Chrome Management APIs, Google OAuth token endpoint (Polly.js)' },
  { repo: 'JupiterOne/graph-rapid7-insight', commit: '9ba3ce2ec0e0443a7c7808e870efb7dfe73739ee', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Rapid7 InsightVM cloud API (*.api.insight.rapid7.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-microsoft-teams', commit: '9572e1eca27a4313ee8fa4afe36f20762ceaeb79', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Microsoft Graph (Teams) and the Entra ID token endpoint (Polly.js)' },
  { repo: 'JupiterOne/graph-fleetdm', commit: 'f8f8ee14d80e94bb6bdaebfd48254cd8588e36a5', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Fleet (osquery device management) API, a hosted instance (Polly.js)' },
  { repo: 'JupiterOne/graph-probely', commit: 'b2420ce448639205758475fb0f3a624a0f4398a8', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Probely web-scanner API (api.probely.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-rumble', commit: '402b6d72d8b5f7c37661171199ed8b4527f026a9', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'runZero (Rumble) API (console.runzero.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-semaphore', commit: '2609845d78d6b8838914a779721d00cf6bae40ac', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Semaphore CI API (semaphoreci.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-hexnode', commit: '0b5ab0dec3ceef672d3667498e0fdf962f97b2bd', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Hexnode MDM API (hexnodemdm.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-kandji', commit: 'b1f581b533f35b78c34ad286df756a440e4e27ea', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Kandji API (kandji.io) (Polly.js)' },
  { repo: 'JupiterOne/graph-pingidentity', commit: '0e0da114e8fda421fbc49beabb5a599dde71b26b', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'PingOne API (api.pingone.eu) (Polly.js)' },
  { repo: 'JupiterOne/graph-red-hat-quay', commit: 'fe8e65b10439ea7280b8720716b5e88250c043e7', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Red Hat Quay registry API on a public cloud address (Polly.js)' },
  { repo: 'JupiterOne/graph-zendesk', commit: 'b1c0e62cd66445527828d115ac25f0b30c8bc520', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Zendesk Support API (zendesk.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-hashicorp-vault', commit: '0c649353fe1a1e70e7c02fe7977d627dac1c9277', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'HashiCorp Vault API on HashiCorp Cloud Platform (hashicorp.cloud) (Polly.js)' },
  { repo: 'JupiterOne/graph-tanium', commit: 'fd4b63b5832899face970e286b2b01a2433d2566', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Tanium API (titankube.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-simplemdm', commit: 'eb77057bc8c336923931367d1654d2ad2b037142', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'SimpleMDM API (a.simplemdm.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-terraform-cloud', commit: 'adda7e50d6cf0c34864b7427a51d9b20d0b673ed', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Terraform Cloud API (app.terraform.io) (Polly.js)' },
  { repo: 'JupiterOne/graph-veracode-v2', commit: '0a59a6824030048ef7edff46f975d4b2821829c5', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Veracode REST API (api.veracode.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-hubspot', commit: 'a52dec01893b7211d55555923081ff4dbb88ece9', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'HubSpot API (api.hubapi.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-addigy', commit: '1468e3c481849155424fc39786bea79b08d22a59', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Addigy API (prod.addigy.com, app-prod.addigy.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-google-firebase', commit: '8037954e58fb174065e7a54f59ec5f6989a7d5e2', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Firebase Management and Cloud Asset APIs, Google OAuth token endpoint (Polly.js)' },
  { repo: 'JupiterOne/graph-datastax', commit: '9d88038d36620e7465fecfb3f9534ae6a1993018', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'DataStax Astra DB DevOps API (api.astra.datastax.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-duo', commit: '1248bec67f1eeb20e5c78a2af26bcb353297661c', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Duo Admin API (duosecurity.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-esper', commit: '94f1d3647dd47d45d75cd46e8eefc5e1eee2e939', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Esper device-management API (esper.cloud) (Polly.js)' },
  { repo: 'JupiterOne/graph-knowbe4', commit: '24752826ddf858bebae0a6fcf4c8dd5d84ff03f3', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'KnowBe4 Reporting API (eu.api.knowbe4.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-polymer', commit: '164b247adbeb894af49be50aa6719e09c3794b19', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Polymer DLP API (polymerhq.io) (Polly.js)' },
  { repo: 'JupiterOne/graph-wpengine', commit: 'a4c639096b4b7349bdf6558bf6092b6e4d24e1f1', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'WP Engine API (api.wpengineapi.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-trend-micro', commit: '43bf7279889c8ec09787af2b4ee57f19cf112f9f', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Trend Micro Deep Security API (app.deepsecurity.trendmicro.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-databricks', commit: 'a5efc1086549fd7dc1166736990d11ad4afdde03', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Databricks REST API, a workspace (cloud.databricks.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-sentry', commit: '8b51db9e5945a75b9b6f9061507d486259b9bc2d', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Sentry API (sentry.io) (Polly.js)' },
  { repo: 'JupiterOne/graph-cloudbees', commit: '6ed26ee861637386ac4980350f4254cf7a0adfe5', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'CloudBees CI (Jenkins) API on a public cloud address (Polly.js)' },
  { repo: 'JupiterOne/graph-digicert', commit: '8c438e0002471e5532744b42f803d62fd6d6e4d0', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'DigiCert CertCentral API (www.digicert.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-airwatch', commit: 'f8ed69a24a22c1b8339bd1f0b2cea5198af966a0', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'VMware Workspace ONE UEM (AirWatch) API (awmdm.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-finch', commit: '289cd58a1fffa229ac9323e15640899030fa54ed', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Finch HR API (api.tryfinch.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-atspoke', commit: '711204d50f82589c4a4c8efd12e9c8a41a5b11e6', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Spoke (askspoke) API (Polly.js)' },
  { repo: 'JupiterOne/graph-lastpass', commit: '4434fd8654a2a31e07b712c56b7820cc6334dd81', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'LastPass Enterprise API (lastpass.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-automox', commit: 'f3cf12681a7ceedd5018f884df428cf49aa7cf58', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Automox API (console.automox.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-netbox', commit: 'ed0e20e781576a496fed20e3e4ebc3920007f541', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'NetBox API, the project\'s public demo (demo.netbox.dev) (Polly.js)' },
  { repo: 'JupiterOne/graph-cisco-secure-endpoint', commit: 'e206dc7f0321796726081da20f943f0da3fe76b4', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Cisco Secure Endpoint (AMP) API (api.amp.cisco.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-hackerone', commit: '8d59cb4732c7d0d3bdb80dd76d82d3159e24ada4', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'HackerOne API (api.hackerone.com) (Polly.js)' },
  { repo: 'JupiterOne/graph-signal-sciences', commit: 'ce5d6328a31c051de6159d0191d011a213d559e8', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Signal Sciences (Fastly Next-Gen WAF) dashboard API (Polly.js)' },
  { repo: 'JupiterOne/graph-detectify', commit: '0288628464789e5d25641e1ddc5f596007acda3d', licence: 'MPL-2.0', files: /__recordings__\/.+\.har$/, format: 'har', about: 'Detectify API (api.detectify.com) (Polly.js)' },
];

export const HELD_OUT_6_FILE = path.join(REPO_ROOT, 'models/data/real/heldout6.jsonl.gz');
export const HELD_OUT_6_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout6_requests.jsonl.gz');

/** Every file whose parts are known already: the fifth draw's known files and the fifth draw's own parts and whole requests. */
export const HELD_OUT_6_KNOWN: readonly string[] = [...HELD_OUT_5_KNOWN, HELD_OUT_5_FILE, HELD_OUT_5_REQUESTS_FILE];

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout6.ts')) {
  console.log(cutSet(HELD_OUT_6, HELD_OUT_6_FILE, HELD_OUT_6_REQUESTS_FILE, HELD_OUT_6_KNOWN).join('\n'));
}

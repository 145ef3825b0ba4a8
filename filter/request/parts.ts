// The split stage's output: every part of one request (where, name span, value span) in a table
// preallocated once per VM. Filled by request/request.ts and the splitters, read by decode/texts.ts.

import { Where } from "./where";
import { MAX_MAX_BODY_BYTES, MAX_MAX_PARTS } from "../config/schema";

// Envoy's largest request head (max_request_headers_kb at its 96 KiB maximum), and so the
// largest request the filter inspects: that head and a body at the largest max_body_bytes.
export const MAX_HEAD_BYTES = 96 * 1024;
export const MAX_REQUEST_BYTES = MAX_MAX_BODY_BYTES + MAX_HEAD_BYTES;

// Parts inspected per request at most (max_parts lowers it); a request with more is inspected up
// to here and marked partial (a body of a million three-byte parameters would otherwise cost a
// million scorings).
export const MAX_PARTS = MAX_MAX_PARTS;
// Bytes the splitters may write (JSON strings without their escapes, multipart filenames): no
// more than the request's own size, since unescaping never grows a string.
export const SCRATCH_BYTES = MAX_REQUEST_BYTES;
const STRIDE = 5; // u32 per part: where | formEncoded << 8 | containerKey << 9 | unescaped << 10 | filename << 11 | fileContent << 12 | binaryRun << 13, namePtr, nameLen, valPtr, valLen
const FORM_ENCODED: u32 = 0x100;
export const CONTAINER_KEY: u32 = 0x200;
export const UNESCAPED: u32 = 0x400;
export const FILENAME: u32 = 0x800;
export const FILE_CONTENT: u32 = 0x1000;
// A binary body's head or one of its runs of text (request/body.ts): read by the verdicts, not the
// model (decode/texts.ts keepFromModel).
export const BINARY_RUN: u32 = 0x2000;

// Part i of the table at rows (PartList.rows): where it is, whether '+' means space, its name.
// @ts-ignore: decorator
@inline function rowAt(rows: usize, i: i32): usize { return rows + (<usize>(i * STRIDE) << 2); }
// @ts-ignore: decorator
@inline export function partWhere(rows: usize, i: i32): i32 { return <i32>(load<u32>(rowAt(rows, i)) & 0xFF); }
// @ts-ignore: decorator
@inline export function partFormEncoded(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i)) & FORM_ENCODED) != 0; }
// A JSON key whose value is an object or an array (set by request/jsonbody.ts): only such a key
// can write through `__proto__` (core/signatures.ts); `{"__proto__":12}` sets nothing.
// @ts-ignore: decorator
@inline export function partIsContainerKey(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i)) & CONTAINER_KEY) != 0; }
// A JSON string that had escapes, read without them (set by request/jsonbody.ts): one without
// can hold no control character, such as a line break (JSON parsers refuse them raw).
// @ts-ignore: decorator
@inline export function partWasUnescaped(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i)) & UNESCAPED) != 0; }
// A multipart file's filename (set by request/multipart.ts): the name it is stored under.
// @ts-ignore: decorator
@inline export function partIsFilename(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i)) & FILENAME) != 0; }
// A multipart file's content (set by request/multipart.ts), or a body sent under a type of its own
// (request/body.ts): stored as a file, not read as a field.
// @ts-ignore: decorator
@inline export function partIsFileContent(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i)) & FILE_CONTENT) != 0; }
// @ts-ignore: decorator
@inline export function partIsBinaryRun(rows: usize, i: i32): bool { return (load<u32>(rowAt(rows, i)) & BINARY_RUN) != 0; }
// Adds marks to part i's row (request/jsonbody.ts: UNESCAPED on a nested document's parts).
// @ts-ignore: decorator
@inline export function markPart(rows: usize, i: i32, marks: u32): void { store<u32>(rowAt(rows, i), load<u32>(rowAt(rows, i)) | marks); }
// Sets part i's where (request/jsonbody.ts: a JSON value's strings take the where of the value they came from).
// @ts-ignore: decorator
@inline export function setPartWhere(rows: usize, i: i32, where: i32): void { store<u8>(rowAt(rows, i), <u8>where); }
// @ts-ignore: decorator
@inline export function partNamePtr(rows: usize, i: i32): usize { return <usize>load<u32>(rowAt(rows, i), 4); }
// @ts-ignore: decorator
@inline export function partNameLen(rows: usize, i: i32): i32 { return <i32>load<u32>(rowAt(rows, i), 8); }
// @ts-ignore: decorator
@inline export function partValPtr(rows: usize, i: i32): usize { return <usize>load<u32>(rowAt(rows, i), 12); }
// @ts-ignore: decorator
@inline export function partValLen(rows: usize, i: i32): i32 { return <i32>load<u32>(rowAt(rows, i), 16); }

// Writes part i of the table at rows: PartList.add's row, for a splitter that keeps the row count in
// a local (request/jsonbody.ts, request/pairs.ts) and hands it back with PartList.endOffers.
// marks: CONTAINER_KEY and UNESCAPED, the JSON splitter's (partIsContainerKey, partWasUnescaped),
// and FILENAME and FILE_CONTENT, the multipart splitter's (partIsFilename, partIsFileContent).
// @ts-ignore: decorator
@inline export function putPart(rows: usize, i: i32, where: i32, namePtr: usize, nameLen: i32, valPtr: usize, valLen: i32, formEncoded: bool, marks: u32 = 0): void {
  let row = rowAt(rows, i);
  store<u32>(row, <u32>where | (formEncoded ? FORM_ENCODED : 0) | marks);
  store<u32>(row, <u32>namePtr, 4);
  store<u32>(row, <u32>nameLen, 8);
  store<u32>(row, <u32>valPtr, 12);
  store<u32>(row, <u32>valLen, 16);
}

export class PartList {
  count: i32 = 0;
  // The end of the JSON body split (request/jsonbody.ts; 0: none), which a JSON key's raw bytes
  // lie before: core/signatures.ts reads on from a `constructor` key to its object's end.
  jsonEnd: usize = 0;
  // Parts were dropped: the table or the scratch space ran out.
  overflow: bool = false;
  // Some part is a binary body's run of text (BINARY_RUN) or a file's content (FILE_CONTENT), whose
  // texts the model reads in part or not at all (decode/texts.ts keepFromModel).
  filesOrRuns: bool = false;
  private table: StaticArray<u32> = new StaticArray<u32>(MAX_PARTS * STRIDE);
  private scratch: StaticArray<u8> = new StaticArray<u8>(SCRATCH_BYTES);
  private scratchUsed: i32 = 0;
  // exclude_params: names whose values are never inspected (UTF-8, compared byte for byte).
  private excluded: Array<ArrayBuffer> = [];
  // excluded.length, read once per request: Array#length stayed a call per part (make profile).
  private excludedCount: i32 = 0;
  private limit: i32 = MAX_PARTS;

  reset(excluded: Array<ArrayBuffer>, limit: i32): void {
    this.jsonEnd = 0;
    this.count = 0;
    this.limit = min(limit, MAX_PARTS);
    this.overflow = false;
    this.filesOrRuns = false;
    this.scratchUsed = 0;
    this.excluded = excluded;
    this.excludedCount = excluded.length;
  }

  // formEncoded: '+' means space (query strings and urlencoded forms). Inlined: as a call, its
  // call to isExcluded gave every part a frame on the runtime's shadow stack and stores of `this`
  // to it, about half of its instructions (make profile); its callers have that frame already.
  // @ts-ignore: decorator
  @inline add(where: i32, namePtr: usize, nameLen: i32, valPtr: usize, valLen: i32, formEncoded: bool, marks: u32 = 0): void {
    if (valLen <= 0) return;
    if (nameLen > 0 && where != Where.HEADER && this.excludedCount > 0 && this.isExcluded(namePtr, nameLen)) return;
    let i = this.count;
    if (i >= this.limit) { this.overflow = true; return; }
    putPart(this.rows, i, where, namePtr, nameLen, valPtr, valLen, formEncoded, marks);
    this.count = i + 1;
  }

  // n bytes of scratch that stay valid until the next reset, or 0 when there is no room left.
  alloc(n: i32): usize {
    if (n < 0 || this.scratchUsed + n > SCRATCH_BYTES) { this.overflow = true; return 0; }
    let p = changetype<usize>(this.scratch) + <usize>this.scratchUsed;
    this.scratchUsed += n;
    return p;
  }

  // Where the JSON text that p lies in ends, for a reader that walks on from a key: the body's end
  // (jsonEnd), or, for a key of a document nested in a string (request/jsonbody.ts), the end of the
  // scratch it was unescaped into (the document's own brackets end the walk before).
  jsonEndOf(p: usize): usize {
    let s = changetype<usize>(this.scratch);
    return p >= s && p < s + <usize>this.scratchUsed ? s + <usize>this.scratchUsed : this.jsonEnd;
  }

  // Gives back the unused end of the last alloc (a string came out shorter than reserved).
  shrinkLast(p: usize, reserved: i32, used: i32): void {
    if (p + <usize>reserved == changetype<usize>(this.scratch) + <usize>this.scratchUsed) this.scratchUsed -= reserved - used;
  }

  // The table's address, for a hot loop that reads it with partWhere … partNameLen (see
  // TextList.rows).
  // @ts-ignore: decorator
  @inline get rows(): usize { return changetype<usize>(this.table); }
  // @ts-ignore: decorator
  @inline where(i: i32): i32 { return partWhere(this.rows, i); }
  // @ts-ignore: decorator
  @inline formEncoded(i: i32): bool { return partFormEncoded(this.rows, i); }
  // @ts-ignore: decorator
  @inline namePtr(i: i32): usize { return partNamePtr(this.rows, i); }
  // @ts-ignore: decorator
  @inline nameLen(i: i32): i32 { return partNameLen(this.rows, i); }
  // @ts-ignore: decorator
  @inline valPtr(i: i32): usize { return partValPtr(this.rows, i); }
  // @ts-ignore: decorator
  @inline valLen(i: i32): i32 { return partValLen(this.rows, i); }

  // A splitter's loop may count the parts it offers in a local, `offered`, starting at count and
  // writing (putPart) only while it is below partLimit: add's outcome, since past the limit every
  // part is dropped. This hands the count back, and the overflow when a part was dropped.
  endOffers(offered: i32): void {
    if (offered > this.limit) { this.overflow = true; offered = this.limit; }
    this.count = offered;
  }

  // What add checks, for a splitter that writes rows itself (putPart): the most parts the table
  // takes for this request, and whether any name is excluded (then ask isExcluded).
  // @ts-ignore: decorator
  @inline get partLimit(): i32 { return this.limit; }
  // @ts-ignore: decorator
  @inline get excludesNames(): bool { return this.excludedCount > 0; }

  isExcluded(namePtr: usize, nameLen: i32): bool {
    let names = this.excluded;
    for (let i = 0, k = names.length; i < k; i++) {
      let b = unchecked(names[i]);
      if (b.byteLength == nameLen && memory.compare(changetype<usize>(b), namePtr, nameLen) == 0) return true;
    }
    return false;
  }
}

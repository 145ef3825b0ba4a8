// Walks a request head in the host's serialized header map form without copying it: u32 count,
// count x (u32 name length, u32 value length), then each name and value followed by a NUL byte.
// Called by request/request.ts; Node (node/core.ts) writes the same form. Total: a blob that
// lies about its sizes yields no headers.

import { equalsCI } from "../lib/bytes";

export class HeaderMap {
  ptr: usize = 0;
  len: i32 = 0;
  count: i32 = 0;

  // Points the walker at a blob; returns false (and walks nothing) if the blob is malformed.
  reset(ptr: usize, len: i32): bool {
    this.ptr = ptr; this.len = len; this.count = 0;
    if (len < 4) return false;
    let count = load<u32>(ptr);
    if (<u64>count * 10 + 4 > <u64>len) return false;
    let off: u64 = 4 + <u64>count * 8;
    for (let i: u32 = 0; i < count; i++) {
      off += <u64>load<u32>(ptr + 4 + <usize>i * 8) + <u64>load<u32>(ptr + 8 + <usize>i * 8) + 2;
      if (off > <u64>len) return false;
    }
    this.count = <i32>count;
    return true;
  }

  // Offsets of the i-th pair are found by walking from the start; callers walk in order with
  // a cursor instead (first(), then next()) to keep the whole walk linear.
  nameOff: i32 = 0; nameLen: i32 = 0; valueOff: i32 = 0; valueLen: i32 = 0;
  private index: i32 = -1;
  private dataOff: i32 = 0;

  first(): bool {
    this.index = -1;
    this.dataOff = 4 + this.count * 8;
    return this.next();
  }

  next(): bool {
    let i = this.index + 1;
    if (i >= this.count) return false;
    if (this.index >= 0) this.dataOff = this.valueOff + this.valueLen + 1;
    this.index = i;
    this.nameLen = <i32>load<u32>(this.ptr + 4 + <usize>i * 8);
    this.valueLen = <i32>load<u32>(this.ptr + 8 + <usize>i * 8);
    this.nameOff = this.dataOff;
    this.valueOff = this.dataOff + this.nameLen + 1;
    return true;
  }

  nameIs(name: ArrayBuffer): bool {
    return name.byteLength == this.nameLen && memory.compare(this.ptr + this.nameOff, changetype<usize>(name), this.nameLen) == 0;
  }

  // Envoy hands names lower-cased; Node's callers might not, so known names match without case.
  // @ts-ignore: decorator
  @inline nameIsCI(name: string): bool {
    return equalsCI(this.ptr + this.nameOff, this.nameLen, name);
  }
}

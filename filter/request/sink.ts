// The receiver of split request parts; core/scorer.ts implements it.
// Splitters in request/*.ts call onPart once per part, synchronously, in request order.

export abstract class PartSink {
  // name: the parameter, key, field or cookie name (may be empty); value: the raw bytes.
  // formEncoded: '+' means space (query strings and urlencoded forms).
  abstract onPart(where: i32, namePtr: usize, nameLen: i32, valPtr: usize, valLen: i32, formEncoded: bool): void;
}

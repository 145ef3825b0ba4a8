// The frozen feature hash: FNV-1a over bytes, then a murmur3 finaliser for the low bits.
// Called by core/features.ts; the golden feature vectors (test/unit/golden.test.ts) pin it.

export const FNV_OFFSET: u32 = 0x811C9DC5;
export const FNV_PRIME: u32 = 0x01000193;

// @ts-ignore: decorator
@inline export function fnvByte(h: u32, b: u32): u32 {
  return (h ^ b) * FNV_PRIME;
}

// FNV-1a alone mixes its low bits poorly; the buckets are the low bits.
// @ts-ignore: decorator
@inline export function finalize(h: u32): u32 {
  h ^= h >> 16;
  h *= 0x85EBCA6B;
  h ^= h >> 13;
  h *= 0xC2B2AE35;
  h ^= h >> 16;
  return h;
}

// @ts-ignore: decorator
@inline export function mix2(a: u32, b: u32): u32 {
  return finalize(a ^ (b * 0x9E3779B1 + 0x7F4A7C15));
}

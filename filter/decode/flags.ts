// Anomaly flags set by the decoders; each flag also becomes a feature token.
// Written by decode/*.ts, read by core/features.ts; the bit order is part of the feature spec.

export const enum DecodeFlag {
  PERCENT = 1,        // at least one %HH decoded
  PERCENT_MULTI = 2,  // decoding needed two or more rounds (double encoding)
  PERCENT_U = 4,      // %uXXXX (IIS-style) seen
  PERCENT_BAD = 8,    // a '%' not followed by two hex digits, kept as-is
  ENTITY = 16,        // HTML entity decoded
  ESCAPE = 32,        // \uXXXX or \xHH decoded
  NUL = 64,           // NUL byte removed
  OVERLONG = 128,     // overlong UTF-8 (C0/C1 lead) folded to ASCII
  BASE64 = 256,       // the part is the base64-decoding of another
  // Not a feature (past FLAG_COUNT): for core/lenient.ts, which reads the text where it is set.
  LENIENT = 512,      // C0 or C1 before a byte that is no continuation byte, or a % kept before more a lenient decoder reads
}

// The flags that are features (core/features.ts): the bits below 1 << FLAG_COUNT.
export const FLAG_COUNT: i32 = 9;

// Names in bit order, for core.wasm's self-description (core/describe.ts) and logs.
export const FLAG_NAMES: StaticArray<string> = [
  "percent", "percent_multi", "percent_u", "percent_bad", "entity", "escape", "nul", "overlong", "base64",
];

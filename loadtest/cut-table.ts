// A model blob with its embedding cut to its first 2^bits rows: wrong scores, the same instructions
// per window, and a table of 2^bits × 32 bytes. For `make bench-models`, to time what the embedding
// table's size alone costs (make profile counts the same instructions for any table). Not a model
// to ship: nothing was trained on the cut table.
// Usage: npx tsx loadtest/cut-table.ts <model.bin> <bits> <out.bin>   (bits 8..the model's own)

import { readFileSync, writeFileSync } from "node:fs";

const [input, bitsArg, output] = process.argv.slice(2);
if (!input || !bitsArg || !output) throw new Error("usage: tsx loadtest/cut-table.ts <model.bin> <bits> <out.bin>");
const blob = readFileSync(input);
// Header (filter/core/model.ts): u16 bucket bits at 8, u16 dim at 10, u32 total bytes at 24,
// u32 FNV-1a of [64, total) at 28; the embedding is the first section, at 64, padded to 16 bytes.
const bits = Number(bitsArg), ownBits = blob.readUInt16LE(8), dim = blob.readUInt16LE(10);
if (!(bits >= 8 && bits <= ownBits)) throw new Error(`bits: 8 to ${ownBits} (the model's own)`);
const pad16 = (x: number) => (x + 15) & ~15;
const out = Buffer.concat([blob.subarray(0, pad16(64 + (1 << bits) * dim)), blob.subarray(pad16(64 + (1 << ownBits) * dim))]);
out.writeUInt16LE(bits, 8);
out.writeUInt32LE(out.length, 24);
let h = 0x811c9dc5;
for (let i = 64; i < out.length; i++) h = Math.imul(h ^ out[i], 0x01000193) >>> 0;
out.writeUInt32LE(h, 28);
writeFileSync(output, out);
console.log(`${output}: ${out.length} bytes, ${1 << bits} embedding rows (${((1 << bits) * dim) / 1024} KiB)`);

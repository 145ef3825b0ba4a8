// Word lists grouped by a key (a first letter, a length), built at start-up, so that a hot loop
// compares a text only with the words of its key. Read by core/confirm.ts (tool names by first
// letter) and request/grammar.ts (header names by length).

// Writes list's words to out grouped by key (0..keys-1) and returns, per key, the range of out
// that holds its words: first << 8 | end (at most 255 words). Plain arrays, not an object: the
// hot loops read them as a global's data, with no field to load first.
export function groupWords(list: StaticArray<string>, keys: i32, key: (w: string) => i32, out: StaticArray<string>): StaticArray<u16> {
  let ranges = new StaticArray<u16>(keys);
  let w = 0;
  for (let k = 0; k < keys; k++) {
    let first = w;
    for (let j = 0; j < list.length; j++) if (key(list[j]) == k) out[w++] = list[j];
    ranges[k] = <u16>((first << 8) | w);
  }
  return ranges;
}

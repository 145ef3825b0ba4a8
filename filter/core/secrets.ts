// Whether a part's name names a secret its user chose: a password. Such a value is whatever the
// user typed, and a password manager's is a random string of every printable symbol as often as it
// is a word (`aXvL"bC&_D}H)PcW(|C4`), which the model reads as an attack's punctuation more often
// than any other benign value. core/score.ts asks this only for a window over the gate.

import { matchesLowerAt, isLetter } from "../lib/bytes";

// Names that hold a password anywhere in them (`password`, `user[password]`, `new_passwd`, `pwd`),
// in the languages of this project's data.
const SECRET_WORDS: StaticArray<string> = [
  "password", "passwd", "passwort", "passphrase", "passcode", "pwd", "contrasena", "motdepasse", "mot_de_passe",
];

export function namesSecret(p: usize, n: i32): bool {
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < SECRET_WORDS.length; k++) if (matchesLowerAt(p, n, i, unchecked(SECRET_WORDS[k]))) return true;
  }
  // `pass` and `pw` only as the whole name or its last key (`pass`, `user[pass]`), not in `passenger`.
  return endsWithKey(p, n, "pass") || endsWithKey(p, n, "pw");
}

function endsWithKey(p: usize, n: i32, s: string): bool {
  let k = s.length;
  if (n >= k && matchesLowerAt(p, n, n - k, s) && (n == k || !isNameByte(load<u8>(p + <usize>(n - k - 1))))) return true;
  return n >= k + 1 && load<u8>(p + <usize>(n - 1)) == 0x5D && matchesLowerAt(p, n, n - k - 1, s) &&
    (n == k + 1 || load<u8>(p + <usize>(n - k - 2)) == 0x5B);
}

// A letter or a digit: `_`, `-` and brackets part a name's words (`user_pass`, `user[pass]`).
// @ts-ignore: decorator
@inline function isNameByte(c: u32): bool { return isLetter(c) || c - 0x30 < 10; }

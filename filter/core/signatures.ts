// Verdicts that need no model: an attack tool that names itself in the User-Agent (sqlmap, Nuclei,
// gobuster …) scores 1 in the scanner class and overall, as CRS's scanner rule blocks it by name.
// Called by core/inspect.ts after the windows are scored; total and allocation-free.
//
// The model saw too few banners to learn them (a few hundred generated ones): `gobuster/3.6` looks
// like `curl/8.4.0` to it and scored 99. A listed name as a whole word matched none of the 6,667
// real benign User-Agents in the training, calibration and test sides (`make dataset`).

import { PartList } from "../request/parts";
import { Where } from "../request/where";
import { TextList } from "../decode/texts";
import { RequestScores } from "./score";
import { toolName } from "./confirm";

const SCANNER_HEAD = 13; // lib/classes.ts CLASS_NAMES

export function applySignatures(parts: PartList, texts: TextList, scores: RequestScores): void {
  for (let t = 0, k = texts.count; t < k; t++) {
    let part = texts.part(t);
    if (parts.where(part) != Where.HEADER || !isUserAgent(parts.namePtr(part), parts.nameLen(part))) continue;
    let p = texts.ptr(t), n = texts.len(t);
    if (toolName(p, n)) scores.raiseToTop(SCANNER_HEAD, t, p, n, texts.flags(t));
  }
}

// "user-agent" without case (Envoy hands HTTP/1 names as they came).
function isUserAgent(p: usize, n: i32): bool {
  if (n != 10) return false;
  let s = "user-agent";
  for (let i = 0; i < 10; i++) {
    let c = <u32>load<u8>(p + i);
    if ((c - 0x41 < 26 ? c | 0x20 : c) != <u32>s.charCodeAt(i)) return false;
  }
  return true;
}

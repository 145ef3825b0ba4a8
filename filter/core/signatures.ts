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
import { HEAD_SCANNER } from "./classes";
import { equalsCI } from "../lib/bytes";

export function applySignatures(parts: PartList, texts: TextList, scores: RequestScores): void {
  for (let t = 0, k = texts.count; t < k; t++) {
    let part = texts.part(t);
    if (parts.where(part) != Where.HEADER || !equalsCI(parts.namePtr(part), parts.nameLen(part), "user-agent")) continue;
    let p = texts.ptr(t), n = texts.len(t);
    if (toolName(p, n)) scores.raiseToTop(HEAD_SCANNER, t, p, n, texts.flags(t));
  }
}

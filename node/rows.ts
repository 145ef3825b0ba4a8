// Reads labelled request parts in the eval format, {"text", "label", "class"?, "where"?, "source"?},
// naming the line and field that is wrong. Used by the CLI, node/compare/ and models/ (train, evaluate).

import { readFileSync } from "node:fs";

export interface EvalRow {
  text: string;
  label: 0 | 1;
  class: string;      // "benign" for label 0; may be "" when an attack row gives no class
  where: string[];    // wire contexts; "query" when the row gives none
  source: string;
}

export function readRows(file: string): EvalRow[] {
  const rows: EvalRow[] = [];
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const at = `${file}:${i + 1}`;
    let o: Record<string, unknown>;
    try { o = JSON.parse(line); } catch (e) { throw new Error(`${at}: invalid JSON: ${(e as Error).message}`, { cause: e }); }
    if (typeof o.text !== "string") throw new Error(`${at}: text: must be a string`);
    if (o.label !== 0 && o.label !== 1) throw new Error(`${at}: label: must be 0 or 1, got ${JSON.stringify(o.label)}`);
    if (o.class !== undefined && typeof o.class !== "string") throw new Error(`${at}: class: must be a string`);
    let where: string[];
    if (o.where === undefined) where = ["query"];
    else if (typeof o.where === "string") where = [o.where];
    else if (Array.isArray(o.where) && o.where.length > 0 && o.where.every((w) => typeof w === "string")) where = o.where as string[];
    else throw new Error(`${at}: where: must be a string or a non-empty array of strings`);
    rows.push({
      text: o.text,
      label: o.label,
      class: o.label === 0 ? "benign" : ((o.class as string | undefined) ?? ""),
      where,
      source: typeof o.source === "string" ? o.source : "",
    });
  }
  return rows;
}

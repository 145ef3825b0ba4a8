// core.wasm's description of itself as JSON: wheres, decode flags, heads, the feature spec and
// window sizes, and the configuration schema. Called by core/index.ts (describe); the Node side
// (node/core.ts) reads it instead of mirroring the core's constants.

import { WHERE_NAMES } from "../request/where";
import { FLAG_NAMES } from "../decode/flags";
import { CLASS_NAMES, HEADER_CLASSES } from "./classes";
import { FEATURE_SPEC_VERSION, WINDOW_BYTES, WINDOW_STEP } from "./features";
import { MAX_PARTS } from "../request/parts";
import { PIECE_FLAG } from "./collect";
import { GRAMMAR_HEADERS } from "../request/grammar";
import { FIELDS, Field, FieldType, REQUIRED } from "../config/schema";

export function describeCore(): string {
  return "{\"wheres\":" + names(WHERE_NAMES) +
    ",\"decode_flags\":" + names(FLAG_NAMES) +
    ",\"heads\":" + names(CLASS_NAMES) +
    ",\"header_classes\":" + HEADER_CLASSES.toString() +
    ",\"feature_spec_version\":" + FEATURE_SPEC_VERSION.toString() +
    ",\"window_bytes\":" + WINDOW_BYTES.toString() +
    ",\"window_step\":" + WINDOW_STEP.toString() +
    ",\"max_parts\":" + MAX_PARTS.toString() +
    ",\"piece_flag\":" + PIECE_FLAG.toString() +
    ",\"grammar_headers\":" + names(GRAMMAR_HEADERS).slice(0, -1) + ",\"content-type\"]" +
    ",\"config\":" + fields(FIELDS) + "}";
}

const TYPE_NAMES: StaticArray<string> = ["enum", "integer", "string", "string_list", "object", "boolean", "object_list"];

function fields(list: StaticArray<Field>): string {
  let out = "[";
  for (let i = 0; i < list.length; i++) {
    let f = list[i];
    if (i > 0) out += ",";
    // An OPTIONAL field's default is null (not set); a REQUIRED one has none.
    let def = f.defaultJson == REQUIRED ? "null,\"required\":true" : f.defaultJson;
    out += "{\"name\":\"" + f.name + "\",\"type\":\"" + TYPE_NAMES[<i32>f.type] + "\",\"default\":" + def;
    if (f.type == FieldType.INT) out += ",\"min\":" + f.min.toString() + ",\"max\":" + f.max.toString();
    if (f.type == FieldType.OBJECT_LIST) out += ",\"max_items\":" + f.max.toString();
    if (f.choices != null) out += ",\"enum\":" + names(f.choices!);
    if (f.fields != null) out += ",\"fields\":" + fields(f.fields!);
    out += "}";
  }
  return out + "]";
}

// The core's names are ASCII identifiers: no escaping needed.
function names(list: StaticArray<string>): string {
  let out = "[";
  for (let i = 0; i < list.length; i++) out += (i > 0 ? ",\"" : "\"") + list[i] + "\"";
  return out + "]";
}

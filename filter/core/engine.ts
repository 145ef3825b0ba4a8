// The immutable pair the filter scores with: a parsed Config and the loaded Model.
// Built by glue/root.ts in onConfigure and by core/index.ts; shared by every request.

import { Config } from "../config/config";
import { Model } from "./model";
import { MODEL_PTR, MODEL_LEN } from "./model.gen";

export class Engine {
  constructor(public config: Config, public model: Model) {}
}

// The embedded model, validated once per VM.
let embedded: Model | null = null;
export function embeddedModel(): Model {
  if (embedded == null) embedded = Model.load(MODEL_PTR, MODEL_LEN);
  return embedded!;
}

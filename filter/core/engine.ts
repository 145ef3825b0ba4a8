// The model embedded in the wasm (core/model.gen.ts), validated once per VM.
// Called by glue/root.ts in onConfigure and by core/index.ts at start-up.

import { Model } from "./model";
import { MODEL_PTR, MODEL_LEN } from "./model.gen";

// Loaded on first use; the blob is a data segment, so the model's views stay valid.
let embedded: Model | null = null;
export function embeddedModel(): Model {
  if (embedded == null) embedded = Model.load(MODEL_PTR, MODEL_LEN);
  return embedded!;
}

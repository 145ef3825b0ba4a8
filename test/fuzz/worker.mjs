// Worker bootstrap: registers tsx's loader in this thread, then runs worker.ts (started by run.ts).
import { register } from "tsx/esm/api";
register();
await import("./worker.ts");

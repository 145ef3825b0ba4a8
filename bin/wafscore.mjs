#!/usr/bin/env node
// The `wafscore` command: loads the TypeScript CLI (node/cli.ts) through tsx's loader.
import { register } from "tsx/esm/api";

register();
// `wafscore … | head` closes the pipe early; that is not an error.
process.stdout.on("error", (e) => { if (e.code === "EPIPE") process.exit(0); throw e; });
const { main } = await import("../node/cli.ts");
process.exitCode = await main(process.argv.slice(2));

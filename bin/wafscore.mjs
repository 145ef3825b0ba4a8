#!/usr/bin/env node
// The `wafscore` command: loads the TypeScript CLI (models/cli.ts) through tsx's loader.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../models/cli.ts");
process.exitCode = await main(process.argv.slice(2));

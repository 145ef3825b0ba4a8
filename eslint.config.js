// Lint of the Node side (`make check`, after the typecheck): node/, models/, loadtest/, test/, bin/
// and envoy/*.mjs, with ESLint's and typescript-eslint's recommended rules. filter/ is AssemblyScript.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["filter/", "loadtest/nullfilter/", "loadtest/k6/", "build/", "patches/", ".venv/"]),
  {
    files: ["**/*.{ts,mts,js,mjs}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      // Request and dataset code matches control bytes on purpose, to escape or encode them.
      "no-control-regex": "off",
    },
  },
);

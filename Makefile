# Heads Up — every command a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: ## Install what a fresh Debian machine needs (idempotent)
	./scripts/setup.sh

wasm: ## Build the core as WebAssembly into extension/pkg
	./scripts/build-wasm.sh

cli: ## Build the headsup CLI
	cargo build --release -p headsup --bin headsup

test-core: ## Rust tests (normalisation, signals, scoring, verdict cases, corpus eval)
	cargo test --workspace

extension: ## Build dist/chrome, dist/firefox and their zips (builds the wasm first)
	node scripts/build-extension.mjs

demo: setup ## Build, open Chromium with Heads Up on a demo chat, save screenshots to tests/artifacts/
	node scripts/demo.mjs

test-unit: ## Node unit tests for the extension's pure logic
	node --test --test-reporter=spec tests/unit/

test-e2e: extension ## Real-browser tests: Chromium (playwright-core) and Firefox ESR (puppeteer-core, BiDi)
	node --test --test-concurrency=1 --test-reporter=spec tests/e2e/

test-policy: extension ## Managed-browser e2e: Chromium (/etc/chromium/policies) and Firefox (distribution/policies.json); needs root
	node --test --test-concurrency=1 --test-reporter=spec tests/e2e/policy-chromium.test.mjs tests/e2e/firefox-policy.test.mjs

lint-firefox: extension ## web-ext lint of the Firefox build (0 errors required)
	npx --no-install web-ext lint --source-dir dist/firefox --no-input

test-accessibility: extension ## axe-core audits: the warning at each level (inside its closed shadow root), popup, options, help, learn-more
	node --test --test-concurrency=1 --test-reporter=spec tests/e2e/a11y.test.mjs

test-help: extension ## Help that acts: identifier extraction, locales, evidence pack, advice paths, help lines (unit + e2e)
	cargo test -p headsup --test extract
	node --test tests/unit/i18n.test.mjs tests/unit/i18n-helplines.test.mjs tests/unit/evidence.test.mjs
	node --test --test-concurrency=1 --test-reporter=spec tests/e2e/help.test.mjs tests/e2e/evidence.test.mjs tests/e2e/evidence-sites.test.mjs tests/e2e/locale.test.mjs

fuzz-smoke: ## Each cargo-fuzz target for 20 s (skipped where nightly or cargo-fuzz is missing)
	./scripts/fuzz-smoke.sh 20

test: setup test-core wasm test-unit lint-firefox test-e2e bench-smoke fuzz-smoke ## Run every test
	@echo "all tests passed"

bench: extension ## Every benchmark (native, wasm in Node vs obscenity, size, Chromium) -> BENCHMARKS.md (10–25 min on 2 shared cores)
	node scripts/bench.mjs

bench-smoke: ## The benchmark harness on a tiny corpus, times not asserted (for CI; < 2 min once built)
	node scripts/bench.mjs --smoke

.PHONY: help setup wasm cli test-core test fuzz-smoke extension demo test-unit test-e2e lint-firefox test-policy bench bench-smoke test-accessibility test-help

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

test: setup test-core wasm ## Run every test
	@echo "all tests passed"

.PHONY: help setup wasm cli test-core test

#!/usr/bin/env bash
# Builds the core as WebAssembly (the exact module the extension ships) into extension/pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -p headsup --lib --target wasm32-unknown-unknown --profile wasm-release \
  --no-default-features --features wasm
rm -rf extension/pkg
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir extension/pkg --out-name headsup target/wasm32-unknown-unknown/wasm-release/headsup.wasm
raw=$(stat -c %s extension/pkg/headsup_bg.wasm)
gz=$(gzip -9 -c extension/pkg/headsup_bg.wasm | wc -c)
echo "wasm: ${raw} bytes raw, ${gz} bytes gzip -9 (budget 256000 gz, module and learned model together)"

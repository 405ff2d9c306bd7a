#!/usr/bin/env bash
# Installs what the build and tests need on a fresh Debian machine. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_BINDGEN_VERSION=0.2.130

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium chromium-driver)
command -v firefox-esr >/dev/null || need_apt+=(firefox-esr)
command -v zip >/dev/null || need_apt+=(zip)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}"
fi

rustup target add wasm32-unknown-unknown
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # No --locked: the registry here lacks one pinned transitive version (see the toolchain notes).
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

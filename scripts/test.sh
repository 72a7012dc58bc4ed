#!/usr/bin/env bash
# Installs what is missing, then runs every test of MQ Lab, in this order:
#   1. native tests of the whole workspace        (cargo test --workspace)
#   2. the `mqlab` CLI in release mode             (cargo build --release -p mqlab-cli)
#   3. wasm tests in headless Chromium             (cargo test --target wasm32-unknown-unknown -p mqlab-web)
#   4. the page in release mode                    (trunk build --release → dist/)
#   5. browser end-to-end tests of dist/           (node --test tests/e2e/, playwright-core + Chromium)
# Stops at the first failure with a non-zero exit. docs/testing.md explains each layer.
set -euo pipefail
cd "$(dirname "$0")/.."
started_s=$SECONDS

source scripts/setup.sh

summary=()
current=""
step() {
    current="$1"
    step_started_s=$SECONDS
    printf '\n=== %s ===\n' "$current"
}
done_step() {
    summary+=("$(printf '%-56s %4ss' "$current" $((SECONDS - step_started_s)))")
}
trap 'echo; echo "FAILED during: ${current:-setup}" >&2' ERR

step "native tests (cargo test --workspace)"
cargo test --workspace
done_step

if cargo pkgid mqlab-cli >/dev/null 2>&1; then
    step "mqlab CLI, release (cargo build --release -p mqlab-cli)"
    cargo build --release -p mqlab-cli
    done_step
else
    echo; echo "=== mqlab CLI: no crate yet; the end-to-end test compares with the native snapshots ==="
fi

step "wasm tests in headless Chromium (mqlab-web)"
cargo test --target wasm32-unknown-unknown -p mqlab-web
done_step

step "page, release (trunk build --release)"
trunk build --release --skip-version-check
# The page and its simulation worker: each file, then the total the size budget is about.
raw_bytes=0
gzip_bytes=0
for wasm_file in dist/*.wasm; do
    file_raw_bytes=$(stat -c %s "$wasm_file")
    file_gzip_bytes=$(gzip -9 -c "$wasm_file" | wc -c)
    echo "release wasm: $file_raw_bytes bytes raw, $file_gzip_bytes bytes gzip -9 ($wasm_file)"
    raw_bytes=$((raw_bytes + file_raw_bytes))
    gzip_bytes=$((gzip_bytes + file_gzip_bytes))
done
echo "release wasm, all files: $raw_bytes bytes raw, $gzip_bytes bytes gzip -9"
done_step

step "browser end-to-end (node --test tests/e2e/)"
rm -rf tests/artifacts
node --test tests/e2e/
done_step

echo
echo "=== all test steps passed ==="
printf '  %s\n' "${summary[@]}"
echo "  release wasm (all files): $raw_bytes bytes raw, $gzip_bytes bytes gzip; total time $((SECONDS - started_s))s"
echo "  screenshots: tests/artifacts/"

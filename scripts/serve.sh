#!/usr/bin/env bash
# Installs what is missing, then builds MQ Lab in release mode and serves it at
# http://127.0.0.1:8080 (rebuilding on change). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
echo "[serve] http://127.0.0.1:8080"
exec trunk serve --release --address 127.0.0.1 --port 8080 --skip-version-check

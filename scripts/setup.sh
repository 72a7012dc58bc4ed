#!/usr/bin/env bash
# Installs what building, serving and testing MQ Lab needs, and skips what is already there at
# the right version, so it is cheap to run every time. Sourced by serve.sh and test.sh (it then
# also sets PATH and the environment they use); can be run alone: `bash scripts/setup.sh`.
#
# Installs, when missing or at another version:
#   - Debian's chromium and chromium-driver (apt-get), for the browser tests, and a Chinese font
#     (fonts-wqy-microhei) for the zh screenshots;
#   - the Rust target wasm32-unknown-unknown (rustup);
#   - trunk 0.21.14 (cargo install --locked);
#   - wasm-bindgen-cli at the wasm-bindgen version in Cargo.lock (cargo install, not --locked);
#   - node_modules from package-lock.json (npm ci): binaryen 132 (wasm-opt) and playwright-core.
# Nothing else is downloaded: no browser builds, no prebuilt tool binaries.

mqlab_setup() {
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    local trunk_version="0.21.14"
    local wasm_opt_version="version_132"
    local say="[setup]"

    # CI may start with a bare environment; cargo and rustup need HOME.
    if [ -z "${HOME:-}" ]; then
        HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"
        export HOME
    fi
    export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$root/node_modules/.bin:$PATH"

    # Root on these machines; elsewhere apt-get needs sudo.
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    local apt_updated=""
    apt_install() {
        if [ -z "$apt_updated" ]; then
            echo "$say apt-get update"
            $sudo apt-get update -qq
            apt_updated=yes
        fi
        echo "$say apt-get install $*"
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    }

    # 1. Chromium and its WebDriver, from Debian (never a downloaded browser).
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        apt_install chromium chromium-driver
    fi
    # A Chinese font, so the zh page renders in headless screenshots (users' systems have one).
    if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
        apt_install fonts-wqy-microhei
    fi
    echo "$say $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
    echo "$say $(/usr/bin/chromedriver --version | head -n1)"

    # Node.js runs wasm-opt (binaryen is compiled to JS+wasm) and the end-to-end tests.
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        apt_install nodejs npm
    fi

    # 2. The wasm target.
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        echo "$say rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi

    # 3. Trunk, which builds and serves the page.
    if [ "$(trunk --version 2>/dev/null)" != "trunk $trunk_version" ]; then
        echo "$say cargo install trunk $trunk_version (about 6 minutes on 2 cores)"
        cargo install trunk --version "$trunk_version" --locked --force
    fi
    echo "$say $(trunk --version)"

    # 4. wasm-bindgen-cli must match the wasm-bindgen crate exactly; it brings
    #    wasm-bindgen-test-runner too. Not --locked: the registry lacks one of its locked deps.
    local wb_version
    if [ ! -f "$root/Cargo.lock" ]; then
        echo "$say cargo generate-lockfile (no Cargo.lock yet)"
        (cd "$root" && cargo generate-lockfile)
    fi
    wb_version="$(cd "$root" && cargo pkgid wasm-bindgen)"
    wb_version="${wb_version##*[@#]}"
    if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ] \
        || ! command -v wasm-bindgen-test-runner >/dev/null; then
        echo "$say cargo install wasm-bindgen-cli $wb_version (about 2 minutes)"
        cargo install wasm-bindgen-cli --version "$wb_version" --force
    fi
    echo "$say $(wasm-bindgen --version)"
    if ! grep -q "wasm_bindgen = \"$wb_version\"" "$root/Trunk.toml"; then
        echo "$say Trunk.toml's [tools] wasm_bindgen is not $wb_version (Cargo.lock's); make them agree" >&2
        return 1
    fi

    # 5. npm tools, exactly as package-lock.json pins them.
    local want_playwright have_playwright have_wasm_opt
    want_playwright="$(cd "$root" && node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")"
    have_playwright="$(cd "$root" && node -p "require('playwright-core/package.json').version" 2>/dev/null || true)"
    have_wasm_opt="$(wasm-opt --version 2>/dev/null || true)"
    if [ "$have_playwright" != "$want_playwright" ] || [[ "$have_wasm_opt" != *"($wasm_opt_version)"* ]]; then
        echo "$say npm ci (binaryen, playwright-core $want_playwright)"
        (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    echo "$say $(wasm-opt --version), playwright-core $(cd "$root" && node -p "require('playwright-core/package.json').version")"

    # The environment the later steps use.
    export CHROMEDRIVER=/usr/bin/chromedriver
    export TRUNK_SKIP_VERSION_CHECK=true
    export TRUNK_OFFLINE=true
    export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$root/tests/webdriver.json"
    # The default of 20 s is short for running every preset in an unoptimised wasm build.
    export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"
    echo "$say ready"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
fi
mqlab_setup

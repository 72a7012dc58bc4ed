//! The `app` binary that Trunk builds into the page: it mounts the app from the library, or, when
//! the page has started it in its simulation worker, registers the worker.
//!
//! Page and worker share this one wasm module, so what both need (the scenario crate, serde_json,
//! the engine's config) is downloaded once; `mqlab_web::sim_worker::spawn` starts the worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A dedicated worker has no `window`.
    if web_sys::window().is_some() {
        mqlab_web::start();
    } else {
        mqlab_web::sim_worker::worker::register();
    }
}

/// Natively there is nothing to show; the page is built with `trunk build --release`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The MQ Lab page is a WebAssembly app: run `bash scripts/serve.sh` and open http://127.0.0.1:8080");
    eprintln!("For the command line, use the `mqlab` binary (`cargo run --release -p mqlab-cli -- presets`).");
    std::process::exit(2);
}

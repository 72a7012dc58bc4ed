//! The `app` binary that Trunk builds into the page: it only mounts the app from the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    mqlab_web::start();
}

/// Natively there is nothing to show; the page is built with `trunk build --release`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The MQ Lab page is a WebAssembly app: run `bash scripts/serve.sh` and open http://127.0.0.1:8080");
    eprintln!("For the command line, use the `mqlab` binary (`cargo run --release -p mqlab-cli -- presets`).");
    std::process::exit(2);
}

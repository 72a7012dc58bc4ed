//! The `worker` binary that Trunk builds into `worker.js`: it only registers the simulation
//! worker from the library (`mqlab_web::sim_worker`). It links the engine and the scenario
//! crate, not the Yew page: nothing here reaches `mqlab_web::app`, so the linker drops it.

#[cfg(target_arch = "wasm32")]
fn main() {
    mqlab_web::sim_worker::worker::register();
}

/// Natively there is no worker to run: the page spawns it in the browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The simulation worker is a WebAssembly web worker: Trunk builds it into dist/worker.js."
    );
    std::process::exit(2);
}

//! MQ Lab's web app: a thin Yew layer over the engine: the canvas editor, the
//! inspector, runs in a simulation worker with live charts, faults, message lives and compare
//! mode, share links. `ARCHITECTURE.md` maps the modules.
//!
//! The browser parts (`app`, `hooks`, `lab`, `panic`, `state`) exist only on wasm32; the rest
//! (the editor's model, charts' data, i18n, the worker's protocol and driver, the live model) is
//! plain Rust and is tested natively.

pub mod charts;
pub mod editor;
pub mod i18n;
pub mod live;
pub mod message_life;
pub mod report_view;
pub mod sim_worker;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod lab;
#[cfg(target_arch = "wasm32")]
pub mod panic;
#[cfg(target_arch = "wasm32")]
pub mod state;

/// Installs the panic panel and mounts the app on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    panic::install();
    yew::Renderer::<app::App>::new().render();
}

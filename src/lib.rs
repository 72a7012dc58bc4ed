//! MQ Lab's web app: a thin Yew layer over the engine (DESIGN §5).
//!
//! For now the page is small and honest: pick a preset, run it in the engine inside the browser,
//! and read its report totals. The browser parts (`app`, `panic`) exist only on wasm32; the rest
//! is plain Rust and is tested natively.

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

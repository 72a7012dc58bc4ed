//! The runs on the page: which run ([`run_id`]: A, or B of compare mode), what the simulation
//! workers said ([`model`], plain Rust) and the hub that talks to them and redraws the views that
//! show the run (`hub`, in the browser only).

#[cfg(target_arch = "wasm32")]
pub mod hub;
pub mod model;
pub mod run_id;

#[cfg(target_arch = "wasm32")]
pub use hub::{now_ms, use_live, HubEvent, HubHandle};
pub use model::{Effect, FlowRates, LiveModel, RunLive};
pub use run_id::RunId;

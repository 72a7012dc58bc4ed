//! The simulation web worker: runs the engine off the page's thread and sends it frames to draw.
//!
//! Three parts, so that all the logic is plain Rust and tested natively:
//! - [`protocol`]: the [`Command`]s the page sends and the [`Update`]s it gets back, as serde
//!   data (the engine's own types stay serde-free);
//! - [`driver`]: the state machine that applies commands to a `Simulation` and advances it in
//!   time-boxed slices (no clock of its own: wall time is passed in);
//! - `worker` (wasm32 only): the gloo-worker [`Worker`](gloo_worker::Worker) that owns a
//!   `Driver`, feeds it commands, and ticks it from a timer while the run is playing. The worker runs
//!   the page's own wasm module: the `app` binary's `main` registers it when it starts in a
//!   worker (no `window`), and mounts the page otherwise.
//!
//! # Using it from the page
//!
//! ```text
//! use mqlab_web::sim_worker::{self, Command, Speed, Update};
//!
//! // The worker loads the page's own module (Trunk's app-<hash>.js and its wasm).
//! let bridge = sim_worker::spawn(move |update: Update| {
//!     // Keep the latest Frame; draw it on the next animation frame.
//! });
//! bridge.send(Command::Load { scenario_json });
//! bridge.send(Command::Play { speed: Speed::Scaled(1.0) });
//! // Keep `bridge` alive: dropping the last bridge ends the worker.
//! ```
//!
//! ([`spawn`] gives the worker a loader that imports the page's ES module glue; gloo-worker
//! 0.5's own `spawn(path)` expects a separate `--target no-modules` script.)
//!
//! # Rules
//!
//! - Time runs inside the worker: while playing, it ticks itself about every 16 ms (scaled
//!   speed) or back to back (top speed, steps and seeks), computing at most ~8 ms per tick, so
//!   a `Pause` or any other command is handled within a tick.
//! - Every command is answered at once: by a `Frame` (state after the command), by `Loaded` and
//!   a `Frame` (`Load`), by `Trace`, or by `Error`. While running, a `Frame` goes out at most
//!   every 16 ms; at the horizon, a last `Frame` (state `finished`) then `Finished`.
//! - Frames carry only the buckets closed since the previous frame; `buckets_from` says where
//!   they go, so the page's series is always a prefix of the run's (see [`Frame`]).
//! - `Step` advances one time bucket (one new point on every chart); `StepEvent` one engine
//!   event. Both run at top speed and end paused.
//! - Scrubbing is `Seek`: backwards it re-runs from 0 (deterministic), forwards it runs on.
//! - The simulation's content never depends on wall time: the final report is byte-identical to
//!   `mqlab_scenario::run`'s however the run was played, paused, stepped or sought.

pub mod driver;
pub mod protocol;
#[cfg(target_arch = "wasm32")]
pub mod worker;

pub use driver::{Driver, NextTick};
pub use protocol::{Command, Frame, Loaded, RunState, Speed, Update};
#[cfg(target_arch = "wasm32")]
pub use worker::{spawn, SimWorker};

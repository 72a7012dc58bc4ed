//! MQ Lab's simulation engine: a deterministic discrete-event model of message queues.
//!
//! Pure computation: no IO, no clock, no web and no serde. One seed drives every random choice
//! through per-entity streams, so the same configuration always gives the same report.

pub mod checker;
pub mod config;
mod events;
mod link;
mod message;
mod metrics;
pub mod report;
pub mod rng;
mod routing;
mod sim;
mod slab;
pub mod snapshot;
pub mod time;
pub mod trace;
pub mod wires;

pub use routing::topic_matches;
pub use sim::{trace_message, Simulation};

//! MQ Lab's serde boundary: the scenario format, its validation into engine config, share links
//! and the report as JSON.
//!
//! The flow: JSON text → [`parse`] → [`Scenario`] (raw, as written) → [`validate`] → the engine's
//! [`Config`](mqlab_engine::config::Config) → a run → [`report_to_json`]. [`encode`] and
//! [`decode`] carry a scenario in a URL fragment. Every failure is a value (`Errors`,
//! `LinkError`) naming what is wrong and where; no input makes this crate panic.

pub mod error;
pub mod json;
pub mod limits;
pub mod link;
pub mod presets;
pub mod report_json;
pub mod schema;
pub mod validate;

pub use error::{Errors, IdKind, Problem, ScenarioError};
pub use json::{parse, to_json, to_json_compact};
pub use link::{decode, decode_compare, encode, encode_compare, LinkError, COMPARE_SEPARATOR};
pub use report_json::{report_to_json, report_to_pretty_string, report_to_string};
pub use schema::*;
pub use validate::validate;

use mqlab_engine::report::Report;
use mqlab_engine::trace::Trace;

/// Validates the scenario and runs it to its horizon; `seed_override` replaces its seed.
pub fn run(scenario: &Scenario, seed_override: Option<u64>) -> Result<Report, Errors> {
    let mut config = validate(scenario)?;
    if let Some(seed) = seed_override {
        config.seed = seed;
    }
    Ok(mqlab_engine::Simulation::new(config).run())
}

/// Validates the scenario and re-runs it, recording the life of message `message_id`.
pub fn trace(scenario: &Scenario, message_id: u64, seed_override: Option<u64>) -> Result<Trace, Errors> {
    let mut config = validate(scenario)?;
    if let Some(seed) = seed_override {
        config.seed = seed;
    }
    Ok(mqlab_engine::trace_message(config, message_id))
}

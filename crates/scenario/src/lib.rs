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
pub mod report_json;
pub mod schema;
pub mod validate;

pub use error::{Errors, ScenarioError};
pub use json::{parse, to_json, to_json_compact};
pub use link::{decode, encode, LinkError};
pub use report_json::{report_to_json, report_to_string};
pub use schema::*;
pub use validate::validate;

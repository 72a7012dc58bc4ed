//! The scenario crate's integration tests, one binary: each module below is one kind of test.

/// Shared fixtures: a minimal scenario and one that uses every switch of the format.
mod common;
/// docs/scenario.md stays true: its examples parse, run, and travel in short links.
mod docs;
/// Error paths read back from serde_json's line and column agree with serde_path_to_error.
mod error_paths;
/// Garbage in, errors out: random bytes, mutated JSON, absurd numbers, broken links.
mod garbage;
/// The lesson presets: each parses, validates, runs clean, shows its claim; report snapshots.
mod presets;
/// The report as JSON: its layout on a hand-made report and on real runs.
mod report_json;
/// Round trips through JSON and share links, defaults, conversion into the engine's config.
mod round_trip;
/// Every validation rule, with its exact path and message.
mod validation;

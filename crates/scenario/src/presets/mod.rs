//! The lesson presets: one starting scenario per lesson of the curriculum (`docs/curriculum.md`) that the
//! engine can express, as scenario JSON files compiled into the crate.
//!
//! Each preset is a plain scenario file beside this one (`<id>.json`), so a teacher edits data,
//! not code. Ids are stable: lowercase letters, digits and hyphens, the lesson number first
//! (`09-loss-no-confirms`). A lesson that needs a contrast has several presets that differ in as
//! few switches as possible (lesson 9: no confirms, confirms, transactions, ...).
//!
//! Nothing here panics: a preset that does not parse is `None` from [`get`] and left out of
//! [`all`], and [`try_get`] hands back the parse errors, which the crate's tests turn into a
//! failure naming the preset. `docs/presets.md` lists what each preset shows.

use crate::{parse, Errors, Scenario};

/// `(id, JSON source)` in lesson order; within a lesson, the problem before its fixes.
const PRESETS: &[(&str, &str)] = &[
    ("01-decoupling", include_str!("01-decoupling.json")),
    ("02-peak-shaving", include_str!("02-peak-shaving.json")),
    ("03-async-speed-up", include_str!("03-async-speed-up.json")),
    ("04-broker-crash-stops-everything", include_str!("04-broker-crash-stops-everything.json")),
    ("04-one-of-four-fails", include_str!("04-one-of-four-fails.json")),
    ("06-single-node", include_str!("06-single-node.json")),
    ("06-classic-cluster", include_str!("06-classic-cluster.json")),
    ("06-mirrored-queue", include_str!("06-mirrored-queue.json")),
    ("06-mirrored-capacity-cost", include_str!("06-mirrored-capacity-cost.json")),
    ("08-duplicates-no-idempotency", include_str!("08-duplicates-no-idempotency.json")),
    ("08-idempotent-upsert-by-key", include_str!("08-idempotent-upsert-by-key.json")),
    ("08-idempotent-dedupe-ids", include_str!("08-idempotent-dedupe-ids.json")),
    ("08-idempotent-unique-constraint", include_str!("08-idempotent-unique-constraint.json")),
    ("09-loss-no-confirms", include_str!("09-loss-no-confirms.json")),
    ("09-confirms-no-loss-duplicates", include_str!("09-confirms-no-loss-duplicates.json")),
    ("09-transactions-no-loss-slow", include_str!("09-transactions-no-loss-slow.json")),
    ("09-loss-broker-crash-transient", include_str!("09-loss-broker-crash-transient.json")),
    ("09-durable-persistent-confirms-no-loss", include_str!("09-durable-persistent-confirms-no-loss.json")),
    ("09-loss-auto-ack", include_str!("09-loss-auto-ack.json")),
    ("09-manual-ack-no-loss", include_str!("09-manual-ack-no-loss.json")),
    ("11-one-queue-many-consumers", include_str!("11-one-queue-many-consumers.json")),
    ("11-one-consumer-many-threads", include_str!("11-one-consumer-many-threads.json")),
    ("11-queue-per-key", include_str!("11-queue-per-key.json")),
    ("12-backlog-scale-out", include_str!("12-backlog-scale-out.json")),
    ("13-ttl-expires", include_str!("13-ttl-expires.json")),
    ("13-ttl-dead-letter", include_str!("13-ttl-dead-letter.json")),
    ("13-overflow-drop-head", include_str!("13-overflow-drop-head.json")),
    ("13-overflow-reject-publish", include_str!("13-overflow-reject-publish.json")),
    ("13-overflow-reject-publish-dlx", include_str!("13-overflow-reject-publish-dlx.json")),
];

/// Every preset id, in lesson order. The first is the one a fresh page opens with.
pub fn names() -> Vec<&'static str> {
    PRESETS.iter().map(|(name, _)| *name).collect()
}

/// The preset's scenario JSON exactly as compiled in, or `None` for an unknown id.
pub fn source(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(id, _)| *id == name).map(|(_, json)| *json)
}

/// The preset parsed, or its parse errors; `None` for an unknown id.
pub fn try_get(name: &str) -> Option<Result<Scenario, Errors>> {
    source(name).map(parse)
}

/// The preset's scenario, or `None` if there is no such preset (or, which the tests rule out, it
/// does not parse).
pub fn get(name: &str) -> Option<Scenario> {
    try_get(name).and_then(Result::ok)
}

/// Every preset that parses, in lesson order, with its id.
pub fn all() -> Vec<(&'static str, Scenario)> {
    PRESETS.iter().filter_map(|(name, json)| parse(json).ok().map(|s| (*name, s))).collect()
}

/// The lesson (`docs/curriculum.md`) a preset belongs to, read from its id's leading number.
pub fn lesson(name: &str) -> Option<u32> {
    source(name)?;
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

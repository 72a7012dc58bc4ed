//! Checks of the scenario as a whole: every list's length before anything inside it, the
//! messages the run would make, and the faults in all.

use mqlab_engine::config::limits;
use mqlab_engine::time::{TimeUs, US_PER_S};

use super::numbers::{num, round_significant};
use super::path::FieldPath;
use super::Validator;
use crate::error::Problem;
use crate::limits::LAYOUT_ENTRIES_MAX;
use crate::schema::Scenario;

impl Validator {
    /// Checks the length of every list before looking inside any; false if one is too long.
    pub(super) fn list_sizes(&mut self, s: &Scenario) -> bool {
        let sizes = [
            ("nodes", s.nodes.len(), limits::NODES_MAX),
            ("producers", s.producers.len(), limits::PRODUCERS_MAX),
            ("exchanges", s.exchanges.len(), limits::EXCHANGES_MAX),
            ("queues", s.queues.len(), limits::QUEUES_MAX),
            ("bindings", s.bindings.len(), limits::BINDINGS_MAX),
            ("consumers", s.consumers.len(), limits::CONSUMERS_MAX),
            ("faults", s.faults.len(), limits::FAULTS_MAX),
            ("random_faults", s.random_faults.len(), limits::FAULTS_MAX),
            ("layout", s.layout.len(), LAYOUT_ENTRIES_MAX),
        ];
        let mut fits = true;
        for (list, len, max) in sizes {
            if len > max {
                self.problem(&FieldPath::top(list), Problem::TooManyEntries { entries: len, limit: max });
                fits = false;
            }
        }
        fits
    }

    /// The messages every producer would make at its highest rate while it is active.
    pub(super) fn messages_estimate(&mut self, estimate: f64) {
        if estimate > limits::MESSAGES_MAX as f64 {
            let estimate = num(round_significant(estimate, 3));
            let limit = num(limits::MESSAGES_MAX as f64);
            self.problem(&FieldPath::top("producers"), Problem::TooManyMessages { estimate, limit });
        }
    }

    /// Scheduled faults (with the links' partitions) and random ones together.
    pub(super) fn faults_total(&mut self, total: usize) {
        if total > limits::FAULTS_MAX {
            self.problem(&FieldPath::top("faults"), Problem::TooManyFaults { total, limit: limits::FAULTS_MAX });
        }
    }
}

/// Seconds of activity within the run, for a client active from `start_us` to `stop_us`.
pub(super) fn active_s(start_us: TimeUs, stop_us: Option<TimeUs>, horizon_us: TimeUs) -> f64 {
    let end_us = stop_us.unwrap_or(horizon_us).min(horizon_us);
    end_us.saturating_sub(start_us) as f64 / US_PER_S as f64
}

//! Duration fields: a time in the unit its name ends in (`_s`, `_ms`), checked against its
//! limit and turned into whole microseconds. One helper per kind of field, so each call says
//! what it reads.

use mqlab_engine::config::limits;
use mqlab_engine::time::{TimeUs, US_PER_MS, US_PER_S};

use super::numbers::num;
use super::path::FieldPath;
use super::Validator;
use crate::error::Problem;
use crate::limits::LATENCY_MS_MAX;

/// The longest latency a link, a disk or the way between nodes may have: a minute.
const LATENCY_US_MAX: TimeUs = (LATENCY_MS_MAX * US_PER_MS as f64) as TimeUs;

/// How a duration field is read.
#[derive(Clone, Copy)]
struct Rule {
    us_per_unit: TimeUs,
    max_us: TimeUs,
    /// Whether zero (or a value that rounds to zero microseconds) is refused.
    positive: bool,
}

const TIME_S: Rule = Rule { us_per_unit: US_PER_S, max_us: limits::HORIZON_US_MAX, positive: false };
const TIME_MS: Rule = Rule { us_per_unit: US_PER_MS, max_us: limits::HORIZON_US_MAX, positive: false };
const LATENCY_MS: Rule = Rule { us_per_unit: US_PER_MS, max_us: LATENCY_US_MAX, positive: false };

impl Validator {
    /// A moment or span in seconds within the longest run, zero allowed (`start_s`, `at_s`).
    pub(super) fn time_s(&mut self, path: &FieldPath, value: f64) -> Option<TimeUs> {
        self.duration_us(path, value, TIME_S)
    }

    /// A span in seconds that must last (`horizon_s`, `for_s`, `burst_s`, `mtbf_s`).
    pub(super) fn time_s_positive(&mut self, path: &FieldPath, value: f64) -> Option<TimeUs> {
        self.duration_us(path, value, Rule { positive: true, ..TIME_S })
    }

    /// A span in milliseconds within the longest run, zero allowed (TTLs, back-off, service).
    pub(super) fn time_ms(&mut self, path: &FieldPath, value: f64) -> Option<TimeUs> {
        self.duration_us(path, value, TIME_MS)
    }

    /// A span in milliseconds that must last (`timeout_ms`, `bucket_ms`, `median_ms`).
    pub(super) fn time_ms_positive(&mut self, path: &FieldPath, value: f64) -> Option<TimeUs> {
        self.duration_us(path, value, Rule { positive: true, ..TIME_MS })
    }

    /// A latency in milliseconds, up to a minute, zero allowed (links, fsync, between nodes).
    pub(super) fn latency_ms(&mut self, path: &FieldPath, value: f64) -> Option<TimeUs> {
        self.duration_us(path, value, LATENCY_MS)
    }

    fn duration_us(&mut self, path: &FieldPath, value: f64, rule: Rule) -> Option<TimeUs> {
        let value = self.non_negative(path, value)?;
        let us_per_unit = rule.us_per_unit as f64;
        let max = rule.max_us as f64 / us_per_unit;
        if value > max {
            let limit = format!("{}{}", num(max), readable_duration(rule.max_us));
            self.problem(path, Problem::AboveLimit { value: num(value), limit });
            return None;
        }
        let us = (value * us_per_unit).round() as TimeUs;
        if rule.positive && us == 0 {
            if value == 0.0 {
                self.problem(path, Problem::MustBeAboveZero);
            } else {
                self.problem(path, Problem::RoundsToZero { value: num(value) });
            }
            return None;
        }
        Some(us)
    }
}

/// " (24 h)" or " (1 min)" after a limit, when the limit is a round human duration.
fn readable_duration(us: TimeUs) -> String {
    const HOUR_US: TimeUs = 3_600 * US_PER_S;
    const MINUTE_US: TimeUs = 60 * US_PER_S;
    if us.is_multiple_of(HOUR_US) {
        format!(" ({} h)", us / HOUR_US)
    } else if us.is_multiple_of(MINUTE_US) {
        format!(" ({} min)", us / MINUTE_US)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_durations() {
        assert_eq!(readable_duration(limits::HORIZON_US_MAX), " (24 h)");
        assert_eq!(readable_duration(LATENCY_US_MAX), " (1 min)");
        assert_eq!(readable_duration(1_500), "");
    }
}

//! The scenario's own settings: version, name, description, horizon, bucket width and the
//! latency between nodes.

use mqlab_engine::config::limits;
use mqlab_engine::time::{TimeUs, US_PER_MS, US_PER_S};

use super::numbers::num;
use super::path::FieldPath;
use super::Validator;
use crate::error::Problem;
use crate::limits::{DESCRIPTION_CHARS_MAX, NAME_CHARS_MAX};
use crate::schema::{Scenario, VERSION};

/// The settings as the engine takes them; the horizon goes to [`Validator::horizon_us`].
pub(super) struct Settings {
    pub(super) bucket_us: TimeUs,
    pub(super) inter_node_latency_us: TimeUs,
}

impl Validator {
    pub(super) fn settings(&mut self, s: &Scenario) -> Settings {
        if s.version != VERSION {
            let version = s.version.to_string();
            self.problem(&FieldPath::top("version"), Problem::UnsupportedVersion { version });
        }
        let name = FieldPath::top("name");
        if s.name.trim().is_empty() {
            self.problem(&name, Problem::MustNotBeEmpty);
        }
        self.text_length(&name, &s.name, NAME_CHARS_MAX);
        if let Some(description) = &s.description {
            self.text_length(&FieldPath::top("description"), description, DESCRIPTION_CHARS_MAX);
        }

        let horizon_us = self.time_s_positive(&FieldPath::top("horizon_s"), s.horizon_s);
        // With a broken horizon the other checks still run, against the longest allowed one.
        self.horizon_us = horizon_us.unwrap_or(limits::HORIZON_US_MAX);
        let bucket_us = self.bucket_us(s.bucket_ms, horizon_us);
        let inter_node_latency_us =
            self.latency_ms(&FieldPath::top("inter_node_latency_ms"), s.inter_node_latency_ms).unwrap_or(0);
        Settings { bucket_us, inter_node_latency_us }
    }

    fn bucket_us(&mut self, bucket_ms: Option<f64>, horizon_us: Option<TimeUs>) -> TimeUs {
        let horizon_us = horizon_us.unwrap_or(limits::HORIZON_US_MAX);
        let Some(bucket_ms) = bucket_ms else {
            // A hundred buckets over the run, each a whole number of milliseconds.
            let ms = (horizon_us as f64 / 100.0 / US_PER_MS as f64).round().max(1.0);
            return ms as TimeUs * US_PER_MS;
        };
        let path = FieldPath::top("bucket_ms");
        let Some(bucket_us) = self.time_ms_positive(&path, bucket_ms) else {
            return US_PER_MS;
        };
        let buckets = horizon_us.div_ceil(bucket_us);
        if buckets > limits::BUCKETS_MAX {
            let problem = Problem::TooManyBuckets {
                bucket: num(bucket_ms),
                horizon: num(horizon_us as f64 / US_PER_S as f64),
                buckets,
                limit: limits::BUCKETS_MAX,
            };
            self.problem(&path, problem);
        }
        bucket_us
    }
}

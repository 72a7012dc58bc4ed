//! Counting as the run goes: totals, losses by cause, latency histograms, time buckets and the
//! two sides of Little's law. The model calls in; nothing here changes the model.

use hdrhistogram::Histogram;

use crate::report::{Bucket, Examples, LatencySummary, LittlesLaw, LossCause, Outcome, Totals, EXAMPLES_MAX};
use crate::time::{TimeUs, US_PER_S};

/// A latency distribution: an HDR histogram (3 significant digits) plus an exact sum for the mean.
pub struct Latency {
    histogram: Histogram<u64>,
    sum_us: u128,
}

impl Default for Latency {
    fn default() -> Self {
        // Three significant digits: percentiles within 0.1 %, a few kilobytes of memory.
        Latency::with_precision(3)
    }
}

impl Latency {
    /// `significant_digits` from 1 to 5 (HDR histogram precision).
    fn with_precision(significant_digits: u8) -> Latency {
        Latency {
            histogram: Histogram::new(significant_digits).expect("1 to 5 significant digits is a valid precision"),
            sum_us: 0,
        }
    }

    pub fn record(&mut self, latency_us: TimeUs) {
        // `record` grows the auto-resizing histogram; it fails only beyond u64 range.
        if self.histogram.record(latency_us).is_err() {
            self.histogram.saturating_record(latency_us);
        }
        self.sum_us += latency_us as u128;
    }

    pub fn count(&self) -> u64 {
        self.histogram.len()
    }

    pub fn quantile_us(&self, q: f64) -> u64 {
        if self.histogram.is_empty() {
            0
        } else {
            self.histogram.highest_equivalent(self.histogram.value_at_quantile(q))
        }
    }

    pub fn summary(&self) -> LatencySummary {
        let count = self.count();
        LatencySummary {
            count,
            mean_us: if count == 0 { 0.0 } else { self.sum_us as f64 / count as f64 },
            p50_us: self.quantile_us(0.5),
            p99_us: self.quantile_us(0.99),
            max_us: if count == 0 { 0 } else { self.histogram.max() },
        }
    }

    pub fn reset(&mut self) {
        self.histogram.reset();
        self.sum_us = 0;
    }
}

pub struct Metrics {
    pub totals: Totals,
    pub lost_by_cause: [u64; LossCause::COUNT],
    pub latency: Latency,
    pub publish_latency: Latency,
    bucket_latency: Latency,
    pub bucket_us: TimeUs,
    pub buckets: Vec<Bucket>,
    current: Bucket,
    /// Messages made and not yet given an outcome.
    pub in_system: u64,
    /// Integral of `in_system` over virtual time, in message-microseconds.
    in_system_area: u128,
    last_change_us: TimeUs,
    /// Sum of (outcome time − birth) over messages with an outcome.
    pub time_in_system_sum_us: u128,
    /// Sum of birth times of messages still in the system.
    pub birth_sum_in_system_us: u128,
    pub examples: Examples,
}

fn keep_example<T>(list: &mut Vec<T>, item: T) {
    if list.len() < EXAMPLES_MAX {
        list.push(item);
    }
}

impl Metrics {
    pub fn new(bucket_us: TimeUs, n_queues: usize) -> Metrics {
        Metrics {
            totals: Totals::default(),
            lost_by_cause: [0; LossCause::COUNT],
            latency: Latency::default(),
            publish_latency: Latency::default(),
            // Per-bucket percentiles are drawn on a chart: two digits (1 %) are plenty, and a
            // smaller histogram is cheaper to record into and to reset every bucket.
            bucket_latency: Latency::with_precision(2),
            bucket_us,
            buckets: Vec::new(),
            current: Bucket { backlog: vec![0; n_queues], ..Bucket::default() },
            in_system: 0,
            in_system_area: 0,
            last_change_us: 0,
            time_in_system_sum_us: 0,
            birth_sum_in_system_us: 0,
            examples: Examples::default(),
        }
    }

    /// The bucket events at `now_us` count into; closes earlier buckets, taking the backlog they
    /// end with from `backlog`.
    pub fn bucket_at(&mut self, now_us: TimeUs, backlog: impl Fn(&mut Vec<u64>)) -> &mut Bucket {
        while now_us >= self.current.start_us + self.bucket_us {
            self.close_bucket(&backlog);
        }
        &mut self.current
    }

    fn close_bucket(&mut self, backlog: &impl Fn(&mut Vec<u64>)) {
        backlog(&mut self.current.backlog);
        self.current.latency_p50_us = self.bucket_latency.quantile_us(0.5);
        self.current.latency_p99_us = self.bucket_latency.quantile_us(0.99);
        self.bucket_latency.reset();
        let next = Bucket {
            start_us: self.current.start_us + self.bucket_us,
            backlog: vec![0; self.current.backlog.len()],
            ..Bucket::default()
        };
        self.buckets.push(std::mem::replace(&mut self.current, next));
    }

    fn advance_area(&mut self, now_us: TimeUs) {
        if now_us > self.last_change_us {
            self.in_system_area += self.in_system as u128 * (now_us - self.last_change_us) as u128;
            self.last_change_us = now_us;
        }
    }

    pub fn message_born(&mut self, now_us: TimeUs) {
        self.advance_area(now_us);
        self.in_system += 1;
        self.birth_sum_in_system_us += now_us as u128;
        self.totals.produced += 1;
        self.current.produced += 1;
    }

    /// Counts a message's outcome (never `InFlight`: that is what is left at the end).
    pub fn message_ended(&mut self, id: u64, now_us: TimeUs, birth_us: TimeUs, outcome: Outcome) {
        self.advance_area(now_us);
        self.in_system -= 1;
        self.birth_sum_in_system_us -= birth_us as u128;
        self.time_in_system_sum_us += (now_us - birth_us) as u128;
        let t = &mut self.totals;
        let b = &mut self.current;
        match outcome {
            Outcome::Processed => {
                t.processed += 1;
                self.latency.record(now_us - birth_us);
                self.bucket_latency.record(now_us - birth_us);
            }
            Outcome::Lost(cause) => {
                t.lost += 1;
                keep_example(&mut self.examples.lost, (id, cause));
                self.lost_by_cause[cause.index()] += 1;
                b.lost_by_cause[cause.index()] += 1;
            }
            Outcome::Expired => {
                t.expired += 1;
                b.expired += 1;
                keep_example(&mut self.examples.expired, id);
            }
            Outcome::DeadLettered => {
                t.dead_lettered += 1;
                b.dead_lettered += 1;
                keep_example(&mut self.examples.dead_lettered, id);
            }
            Outcome::Rejected => {
                t.rejected += 1;
                b.rejected += 1;
                keep_example(&mut self.examples.rejected, id);
            }
            Outcome::InFlight => {}
        }
    }

    pub fn duplicate(&mut self, id: u64) {
        if !self.examples.duplicated.contains(&id) {
            keep_example(&mut self.examples.duplicated, id);
        }
        self.totals.duplicates += 1;
        self.current.duplicates += 1;
    }

    pub fn out_of_order(&mut self, id: u64) {
        keep_example(&mut self.examples.out_of_order, id);
        self.totals.out_of_order += 1;
        self.current.out_of_order += 1;
    }

    pub fn bucket(&mut self) -> &mut Bucket {
        &mut self.current
    }

    /// The bucket still being filled, with its latency percentiles so far.
    pub fn open_bucket(&self) -> Bucket {
        Bucket {
            latency_p50_us: self.bucket_latency.quantile_us(0.5),
            latency_p99_us: self.bucket_latency.quantile_us(0.99),
            ..self.current.clone()
        }
    }

    /// Totals at `now_us`, with what is still in the system counted as in flight.
    pub fn totals_at(&self) -> Totals {
        Totals { in_flight: self.in_system, ..self.totals }
    }

    pub fn littles_law(&self, now_us: TimeUs) -> LittlesLaw {
        let area = self.in_system_area + self.in_system as u128 * now_us.saturating_sub(self.last_change_us) as u128;
        let waiting = self.in_system as u128 * now_us as u128 - self.birth_sum_in_system_us;
        let produced = self.totals.produced;
        if now_us == 0 || produced == 0 {
            return LittlesLaw::default();
        }
        LittlesLaw {
            mean_in_system: area as f64 / now_us as f64,
            arrival_rate_per_s: produced as f64 * US_PER_S as f64 / now_us as f64,
            mean_time_in_system_us: (self.time_in_system_sum_us + waiting) as f64 / produced as f64,
        }
    }
}

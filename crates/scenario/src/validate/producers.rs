//! Producers: exchange and node, the rate and its shape (constant, Poisson, bursts, a
//! schedule of steps), keys and headers, and the reliability switches (confirms, time-out,
//! retries, window, outbox).

use mqlab_engine::config::{
    limits, Arrivals, Burst, ConfirmMode, ExchangeId, LinkRef, NodeId, ProducerConfig, ProducerId, RateProfile,
};
use mqlab_engine::time::{TimeUs, US_PER_MS};

use super::faults::PlacedFault;
use super::ids::exchange_id;
use super::numbers::num;
use super::path::FieldPath;
use super::Validator;
use crate::error::{IdKind as Kind, Problem};
use crate::limits::RATE_STEPS_MAX;
use crate::schema::{Confirm, Producer, RateShape, Scenario};

impl Validator {
    /// The producer's config, and its highest rate (for the message estimate).
    pub(super) fn producer(
        &mut self,
        i: usize,
        producer: &Producer,
        s: &Scenario,
        link_faults: &mut Vec<PlacedFault>,
    ) -> (ProducerConfig, f64) {
        let path = FieldPath::entry("producers", i);
        let exchange = self.resolve(&path.field("exchange"), &producer.exchange, Kind::Exchange);
        let node = self.node_or_first(&path.field("node"), producer.node.as_deref(), s);
        let (rate, arrivals, max_rate_per_s) = self.rate(&path, producer);
        let n_keys = self.count(&path.field("n_keys"), producer.n_keys, 0, limits::KEYS_MAX).unwrap_or(1);
        self.key_length(&path.field("routing_key"), &producer.routing_key);
        self.headers(&path.field("headers"), &producer.headers);
        let ttl_us = producer.ttl_ms.and_then(|ttl| self.time_ms(&path.field("ttl_ms"), ttl));
        let confirm = match producer.confirm {
            Confirm::None => ConfirmMode::None,
            Confirm::Transaction => ConfirmMode::Transaction,
            Confirm::PublisherConfirms => ConfirmMode::PublisherConfirms,
        };
        let timeout_us = self.timeout_us(&path.field("timeout_ms"), producer.timeout_ms);
        let retries = self.count(&path.field("retries"), producer.retries, 0, limits::RETRIES_MAX).unwrap_or(0);
        let retry_backoff_us = self.time_ms(&path.field("retry_backoff_ms"), producer.retry_backoff_ms).unwrap_or(0);
        let max_in_flight =
            self.count(&path.field("max_in_flight"), producer.max_in_flight, 1, limits::IN_FLIGHT_MAX).unwrap_or(1);
        let outbox_limit =
            self.count(&path.field("outbox_limit"), producer.outbox_limit, 0, limits::OUTBOX_MAX).unwrap_or(0);
        let (start_us, stop_us) = self.start_stop(&path, producer.start_s, producer.stop_s);
        let link_ref = LinkRef::Producer(ProducerId(i as u16));
        let link = self.link(&path.field("link"), &producer.link, link_ref, link_faults);
        let config = ProducerConfig {
            name: producer.id.clone(),
            rate,
            arrivals,
            start_us,
            stop_us,
            n_keys,
            exchange: exchange.map(exchange_id).unwrap_or(ExchangeId(0)),
            routing_key: producer.routing_key.clone(),
            headers: producer.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            persistent: producer.persistent,
            ttl_us,
            confirm,
            timeout_us,
            retries,
            retry_backoff_us,
            max_in_flight,
            outbox_limit,
            node: node.unwrap_or(NodeId(0)),
            link,
        };
        (config, max_rate_per_s)
    }

    /// A timeout shorter than a millisecond would resend in a storm before any confirm could
    /// come back over a link.
    fn timeout_us(&mut self, path: &FieldPath, timeout_ms: f64) -> TimeUs {
        match self.time_ms_positive(path, timeout_ms) {
            Some(us) if us < US_PER_MS => {
                let (value, minimum) = (num(timeout_ms), "1".to_string());
                self.problem(path, Problem::BelowMinimum { value, minimum });
                US_PER_MS
            }
            Some(us) => us,
            None => US_PER_MS,
        }
    }

    /// The producer's rate profile, arrivals and highest rate, from its shape and rate fields.
    fn rate(&mut self, path: &FieldPath, producer: &Producer) -> (RateProfile, Arrivals, f64) {
        let shape = producer.shape;
        let shape_word = rate_shape_word(shape);
        let is_bursts = shape == RateShape::Bursts;
        let is_schedule = shape == RateShape::Schedule;
        // Fields the shape does not use are refused: they were surely meant to do something.
        let burst_fields = [
            ("burst_rate_per_s", producer.burst_rate_per_s.is_some()),
            ("first_s", producer.first_s.is_some()),
            ("every_s", producer.every_s.is_some()),
            ("burst_s", producer.burst_s.is_some()),
        ];
        if !is_bursts {
            for (field, present) in burst_fields {
                if present {
                    let shape = shape_word.to_string();
                    self.problem(&path.field(field), Problem::OnlyWithBursts { shape });
                }
            }
        }
        if !is_schedule && producer.steps.is_some() {
            let shape = shape_word.to_string();
            self.problem(&path.field("steps"), Problem::OnlyWithSchedule { shape });
        }
        if !is_bursts && !is_schedule && producer.poisson.is_some() {
            let shape = shape_word.to_string();
            self.problem(&path.field("poisson"), Problem::PoissonOnlyWithBurstsOrSchedule { shape });
        }
        let rate_path = path.field("rate_per_s");
        if is_schedule && producer.rate_per_s.is_some() {
            self.problem(&rate_path, Problem::RateNotWithSchedule);
        }
        let base_rate = if is_schedule {
            0.0
        } else {
            match producer.rate_per_s {
                Some(rate) => self.rate_per_s(&rate_path, rate).unwrap_or(0.0),
                None => {
                    let shape = shape_word.to_string();
                    self.problem(&rate_path, Problem::RateMissing { shape });
                    0.0
                }
            }
        };
        let arrivals = match shape {
            RateShape::Constant => Arrivals::Constant,
            RateShape::Poisson => Arrivals::Poisson,
            RateShape::Bursts | RateShape::Schedule => {
                if producer.poisson == Some(true) {
                    Arrivals::Poisson
                } else {
                    Arrivals::Constant
                }
            }
        };
        match shape {
            RateShape::Constant | RateShape::Poisson => {
                (RateProfile { steps: vec![(0, base_rate)], burst: None }, arrivals, base_rate)
            }
            RateShape::Bursts => {
                let burst = self.burst(path, producer);
                let max_rate = burst.map_or(base_rate, |b| b.rate_per_s.max(base_rate));
                (RateProfile { steps: vec![(0, base_rate)], burst }, arrivals, max_rate)
            }
            RateShape::Schedule => {
                let (steps, max_rate) = self.schedule(path, producer);
                (RateProfile { steps, burst: None }, arrivals, max_rate)
            }
        }
    }

    fn burst(&mut self, path: &FieldPath, producer: &Producer) -> Option<Burst> {
        let rate_path = path.field("burst_rate_per_s");
        let rate_per_s = match producer.burst_rate_per_s {
            Some(rate) => self.rate_per_s(&rate_path, rate),
            None => {
                self.problem(&rate_path, Problem::BurstRateMissing);
                None
            }
        };
        let first_us = self.time_s(&path.field("first_s"), producer.first_s.unwrap_or(0.0));
        let burst_path = path.field("burst_s");
        let for_us = match producer.burst_s {
            Some(burst_s) => self.time_s_positive(&burst_path, burst_s),
            None => {
                self.problem(&burst_path, Problem::BurstLengthMissing);
                None
            }
        };
        let every_us = match producer.every_s {
            Some(every_s) => {
                let every_path = path.field("every_s");
                let every_us = self.time_s_positive(&every_path, every_s);
                if let (Some(every_us), Some(for_us), Some(burst_s)) = (every_us, for_us, producer.burst_s) {
                    if every_us < for_us {
                        let (every, burst) = (num(every_s), num(burst_s));
                        self.problem(&every_path, Problem::BurstsOverlap { every, burst });
                    }
                }
                every_us
            }
            // One burst only: the next would start after the run has ended.
            None => for_us.map(|for_us| self.horizon_us.max(for_us).max(1)),
        };
        Some(Burst { first_us: first_us?, every_us: every_us?, for_us: for_us?, rate_per_s: rate_per_s? })
    }

    fn schedule(&mut self, path: &FieldPath, producer: &Producer) -> (Vec<(TimeUs, f64)>, f64) {
        let steps_path = path.field("steps");
        let Some(steps) = &producer.steps else {
            self.problem(&steps_path, Problem::StepsMissing);
            return (vec![(0, 0.0)], 0.0);
        };
        if steps.is_empty() {
            self.problem(&steps_path, Problem::NoSteps);
            return (vec![(0, 0.0)], 0.0);
        }
        if steps.len() > RATE_STEPS_MAX {
            self.problem(&steps_path, Problem::TooManyEntries { entries: steps.len(), limit: RATE_STEPS_MAX });
            return (vec![(0, 0.0)], 0.0);
        }
        let mut profile: Vec<(TimeUs, f64)> = Vec::with_capacity(steps.len() + 1);
        let mut max_rate = 0.0_f64;
        let mut previous: Option<(usize, f64, TimeUs)> = None;
        for (j, step) in steps.iter().enumerate() {
            let step_path = steps_path.index(j);
            let at_path = step_path.field("at_s");
            let at_us = self.time_s(&at_path, step.at_s);
            let rate = self.rate_per_s(&step_path.field("rate_per_s"), step.rate_per_s);
            if let Some(rate) = rate {
                max_rate = max_rate.max(rate);
            }
            let Some(at_us) = at_us else { continue };
            if let Some((k, previous_at_s, previous_at_us)) = previous {
                if at_us <= previous_at_us {
                    let (at, previous) = (num(step.at_s), num(previous_at_s));
                    self.problem(&at_path, Problem::StepsOutOfOrder { at, previous_index: k, previous });
                    continue;
                }
            }
            previous = Some((j, step.at_s, at_us));
            if profile.is_empty() && at_us > 0 {
                // Before the first step the producer is quiet.
                profile.push((0, 0.0));
            }
            profile.push((at_us, rate.unwrap_or(0.0)));
        }
        if profile.is_empty() {
            profile.push((0, 0.0));
        }
        (profile, max_rate)
    }
}

fn rate_shape_word(shape: RateShape) -> &'static str {
    match shape {
        RateShape::Constant => "constant",
        RateShape::Poisson => "poisson",
        RateShape::Bursts => "bursts",
        RateShape::Schedule => "schedule",
    }
}

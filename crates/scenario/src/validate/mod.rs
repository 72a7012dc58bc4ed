//! Validation: a parsed [`Scenario`] checked against every rule and limit, and turned into the
//! engine's [`Config`] (ids resolved to indices, human units to integer microseconds).
//!
//! Every problem is collected, not just the first, each with the path of the field and what is
//! wrong with it, e.g. `producers[1].rate_per_s: 1e12 is above the limit of 1e6`. The engine
//! trusts a `Config` and does not re-check it, so every limit it relies on is checked here.
//!
//! The checks live beside this file, one file per part of the scenario; this one holds the
//! order they run in, which is the order their errors are listed in.

mod clients;
mod consumers;
mod durations;
mod exchanges;
mod faults;
mod ids;
mod layout;
mod nodes;
mod numbers;
mod path;
mod producers;
mod queues;
mod settings;
mod totals;

use std::collections::BTreeMap;

use mqlab_engine::config::Config;
use mqlab_engine::time::TimeUs;

use crate::error::{Errors, Problem, ScenarioError};
use crate::limits::ERRORS_MAX;
use crate::schema::Scenario;

use faults::PlacedFault;
use ids::Declared;
use path::FieldPath;

/// Checks a scenario and builds the engine's configuration from it, or returns every problem.
pub fn validate(scenario: &Scenario) -> Result<Config, Errors> {
    let mut validator = Validator::default();
    let config = validator.scenario(scenario);
    validator.finish(config)
}

/// What the checks share: the problems found so far, the declared ids, the run's length.
#[derive(Default)]
struct Validator {
    errors: Vec<ScenarioError>,
    /// Errors past [`ERRORS_MAX`], counted but not kept.
    errors_dropped: usize,
    ids: BTreeMap<String, Declared>,
    horizon_us: TimeUs,
}

impl Validator {
    /// Notes a problem at `path`; every check names its problem, so the page can word it in
    /// the learner's language.
    fn problem(&mut self, path: &FieldPath, problem: Problem) {
        self.push(ScenarioError::of(path.as_str(), problem));
    }

    fn push(&mut self, error: ScenarioError) {
        if self.errors.len() < ERRORS_MAX {
            self.errors.push(error);
        } else {
            self.errors_dropped += 1;
        }
    }

    fn finish(mut self, config: Config) -> Result<Config, Errors> {
        if self.errors.is_empty() {
            return Ok(config);
        }
        if self.errors_dropped > 0 {
            let more = self.errors_dropped;
            self.errors.push(ScenarioError::of("", Problem::MoreErrors { count: more }));
        }
        Err(Errors(self.errors))
    }

    fn scenario(&mut self, s: &Scenario) -> Config {
        let settings = self.settings(s);
        let mut config = Config {
            seed: s.seed,
            horizon_us: self.horizon_us,
            bucket_us: settings.bucket_us,
            inter_node_latency_us: settings.inter_node_latency_us,
            nodes: Vec::new(),
            producers: Vec::new(),
            exchanges: Vec::new(),
            queues: Vec::new(),
            bindings: Vec::new(),
            consumers: Vec::new(),
            faults: Vec::new(),
            random_faults: Vec::new(),
        };

        // An absurd list (a million producers) gets one error, not one per entry.
        if !self.list_sizes(s) {
            return config;
        }
        self.declare_ids(s);

        config.nodes = s.nodes.iter().enumerate().map(|(i, n)| self.node(i, n)).collect();
        // The faults a link's partitions schedule, in the order their clients come.
        let mut link_faults = Vec::new();
        let mut messages_estimate = 0.0;
        for (i, producer) in s.producers.iter().enumerate() {
            let (producer_config, max_rate_per_s) = self.producer(i, producer, s, &mut link_faults);
            messages_estimate +=
                max_rate_per_s * totals::active_s(producer_config.start_us, producer_config.stop_us, self.horizon_us);
            config.producers.push(producer_config);
        }
        self.messages_estimate(messages_estimate);
        config.exchanges = s.exchanges.iter().enumerate().map(|(i, e)| self.exchange(i, e)).collect();
        let mut home_nodes = Vec::with_capacity(s.queues.len());
        for (i, queue) in s.queues.iter().enumerate() {
            let (queue_config, home) = self.queue(i, queue, s);
            config.queues.push(queue_config);
            home_nodes.push(home);
        }
        config.bindings = self.bindings(s);
        for (i, consumer) in s.consumers.iter().enumerate() {
            let consumer_config = self.consumer(i, consumer, &home_nodes, &mut link_faults);
            config.consumers.push(consumer_config);
        }

        let mut scheduled: Vec<PlacedFault> =
            s.faults.iter().enumerate().filter_map(|(i, f)| self.fault(i, f)).collect();
        scheduled.append(&mut link_faults);
        self.fault_overlaps(&scheduled);
        config.faults = scheduled.into_iter().map(|placed| placed.fault).collect();
        config.random_faults =
            s.random_faults.iter().enumerate().filter_map(|(i, fault)| self.random_fault(i, fault)).collect();
        self.faults_total(config.faults.len() + config.random_faults.len());

        self.layout(s);
        config
    }
}

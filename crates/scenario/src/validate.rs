//! Validation: a parsed [`Scenario`] checked against every rule and limit, and turned into the
//! engine's [`Config`] (ids resolved to indices, human units to integer microseconds).
//!
//! Every problem is collected, not just the first, each with the path of the field and what is
//! wrong with it, e.g. `producers[1].rate_per_s: 1e12 is above the limit of 1e6`. The engine
//! trusts a `Config` and does not re-check it, so every limit it relies on is checked here.

use std::collections::BTreeMap;

use mqlab_engine::config::{
    self, limits, AckMode, Arrivals, BindingConfig, Burst, Config, ConfirmMode, ConsumerConfig, ConsumerId,
    ExchangeConfig, ExchangeId, FaultAction, LinkConfig, LinkRef, NodeConfig, NodeId, ProducerConfig, ProducerId,
    QueueConfig, QueueId, RateProfile, ScheduledFault, ServiceTime,
};
use mqlab_engine::time::{TimeUs, US_PER_MS, US_PER_S};

use crate::error::{Errors, IdKind as Kind, Problem, ScenarioError};
use crate::limits::*;
use crate::schema::{
    Ack, Binding, Confirm, Consumer, Exchange, ExchangeKind, Fault, FaultKind, HeadersMatch, Idempotency, Link, Node,
    Overflow, Placement, Producer, Queue, RandomFault, RateShape, Scenario, Service, VERSION,
};

/// Checks a scenario and builds the engine's configuration from it, or returns every problem.
pub fn validate(scenario: &Scenario) -> Result<Config, Errors> {
    let mut validator = Validator::default();
    let config = validator.scenario(scenario);
    validator.finish(config)
}

/// Where an id was declared.
#[derive(Clone, Debug)]
struct Declared {
    kind: Kind,
    index: usize,
    path: String,
}

/// The unit of a time field, as its name ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    S,
    Ms,
}

impl Unit {
    fn us(self) -> f64 {
        match self {
            Unit::S => US_PER_S as f64,
            Unit::Ms => US_PER_MS as f64,
        }
    }
}

/// Whether a duration may be zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Zero {
    Allowed,
    Refused,
}

/// A scheduled fault with where it came from, for the overlap check.
struct PlacedFault {
    path: String,
    fault: ScheduledFault,
}

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
    fn problem(&mut self, path: impl Into<String>, problem: Problem) {
        self.push(ScenarioError::of(path, problem));
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
        if s.version != VERSION {
            let version = s.version.to_string();
            self.problem("version", Problem::UnsupportedVersion { version });
        }
        if s.name.trim().is_empty() {
            self.problem("name", Problem::MustNotBeEmpty);
        }
        self.text_length("name", &s.name, NAME_CHARS_MAX);
        if let Some(description) = &s.description {
            self.text_length("description", description, DESCRIPTION_CHARS_MAX);
        }

        let horizon_us = self.duration_us("horizon_s", s.horizon_s, Unit::S, limits::HORIZON_US_MAX, Zero::Refused);
        // With a broken horizon the other checks still run, against the longest allowed one.
        self.horizon_us = horizon_us.unwrap_or(limits::HORIZON_US_MAX);
        let bucket_us = self.bucket_us(s.bucket_ms, horizon_us);
        let inter_node_latency_us = self
            .duration_us("inter_node_latency_ms", s.inter_node_latency_ms, Unit::Ms, latency_us_max(), Zero::Allowed)
            .unwrap_or(0);

        let mut config = Config {
            seed: s.seed,
            horizon_us: self.horizon_us,
            bucket_us,
            inter_node_latency_us,
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
        let mut faults = Vec::new();
        let mut messages_estimate = 0.0;
        for (i, producer) in s.producers.iter().enumerate() {
            let (producer_config, max_rate_per_s) = self.producer(i, producer, s, &mut faults);
            messages_estimate +=
                max_rate_per_s * active_s(producer_config.start_us, producer_config.stop_us, self.horizon_us);
            config.producers.push(producer_config);
        }
        if messages_estimate > limits::MESSAGES_MAX as f64 {
            let estimate = num(round_significant(messages_estimate, 3));
            let limit = num(limits::MESSAGES_MAX as f64);
            self.problem("producers", Problem::TooManyMessages { estimate, limit });
        }
        config.exchanges = s.exchanges.iter().enumerate().map(|(i, e)| self.exchange(i, e)).collect();
        let mut home_nodes = Vec::with_capacity(s.queues.len());
        for (i, queue) in s.queues.iter().enumerate() {
            let (queue_config, home) = self.queue(i, queue, s);
            config.queues.push(queue_config);
            home_nodes.push(home);
        }
        config.bindings = self.bindings(s);

        for (i, consumer) in s.consumers.iter().enumerate() {
            let consumer_config = self.consumer(i, consumer, &home_nodes, &mut faults);
            config.consumers.push(consumer_config);
        }

        let mut scheduled: Vec<PlacedFault> = Vec::new();
        for (i, fault) in s.faults.iter().enumerate() {
            if let Some(placed) = self.fault(i, fault) {
                scheduled.push(placed);
            }
        }
        scheduled.append(&mut faults);
        self.fault_overlaps(&scheduled);
        config.faults = scheduled.into_iter().map(|placed| placed.fault).collect();
        config.random_faults =
            s.random_faults.iter().enumerate().filter_map(|(i, fault)| self.random_fault(i, fault)).collect();
        let faults_total = config.faults.len() + config.random_faults.len();
        if faults_total > limits::FAULTS_MAX {
            self.problem("faults", Problem::TooManyFaults { total: faults_total, limit: limits::FAULTS_MAX });
        }

        self.layout(s);
        config
    }

    /// Checks the length of every list before looking inside any; false if one is too long.
    fn list_sizes(&mut self, s: &Scenario) -> bool {
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
        for (path, len, max) in sizes {
            if len > max {
                self.problem(path, Problem::TooManyEntries { entries: len, limit: max });
                fits = false;
            }
        }
        fits
    }

    fn declare_ids(&mut self, s: &Scenario) {
        let lists: [(&str, Kind, Vec<&str>); 5] = [
            ("nodes", Kind::Node, s.nodes.iter().map(|n| n.id.as_str()).collect()),
            ("producers", Kind::Producer, s.producers.iter().map(|p| p.id.as_str()).collect()),
            ("exchanges", Kind::Exchange, s.exchanges.iter().map(|e| e.id.as_str()).collect()),
            ("queues", Kind::Queue, s.queues.iter().map(|q| q.id.as_str()).collect()),
            ("consumers", Kind::Consumer, s.consumers.iter().map(|c| c.id.as_str()).collect()),
        ];
        for (list, kind, ids) in lists {
            for (index, id) in ids.into_iter().enumerate() {
                let path = format!("{list}[{index}]");
                if !self.id_format(&format!("{path}.id"), id) {
                    continue;
                }
                if let Some(first) = self.ids.get(id) {
                    let first_path = first.path.clone();
                    self.problem(format!("{path}.id"), Problem::IdTaken { id: id.to_string(), first_path });
                    continue;
                }
                self.ids.insert(id.to_string(), Declared { kind, index, path });
            }
        }
    }

    fn id_format(&mut self, path: &str, id: &str) -> bool {
        if id.is_empty() {
            self.problem(path, Problem::IdEmpty);
            return false;
        }
        let chars = id.chars().count();
        if chars > ID_CHARS_MAX {
            self.problem(path, Problem::TooManyChars { chars, limit: ID_CHARS_MAX });
            return false;
        }
        if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.problem(path, Problem::IdHasSpace { id: id.escape_debug().to_string() });
            return false;
        }
        true
    }

    /// The index of the component of `kind` with this id, or an error saying why there is none.
    fn resolve(&mut self, path: &str, id: &str, kind: Kind) -> Option<usize> {
        match self.ids.get(id) {
            Some(declared) if declared.kind == kind => Some(declared.index),
            Some(declared) => {
                let other = declared.kind;
                let id = id.escape_debug().to_string();
                self.problem(path, Problem::IdOfOtherKind { kind, id, other });
                None
            }
            None => {
                let id = id.escape_debug().to_string();
                self.problem(path, Problem::NoSuchId { kind, id });
                None
            }
        }
    }

    /// A node given by id, or by default the first node.
    fn node_or_first(&mut self, path: &str, id: Option<&str>, s: &Scenario) -> Option<NodeId> {
        match id {
            Some(id) => self.resolve(path, id, Kind::Node).map(node_id),
            None if s.nodes.is_empty() => {
                self.problem(path, Problem::NoNodes);
                None
            }
            None => Some(NodeId(0)),
        }
    }

    fn link_target(&mut self, path: &str, id: &str) -> Option<LinkRef> {
        match self.ids.get(id).map(|d| (d.kind, d.index)) {
            Some((Kind::Producer, index)) => Some(LinkRef::Producer(ProducerId(index as u16))),
            Some((Kind::Consumer, index)) => Some(LinkRef::Consumer(ConsumerId(index as u16))),
            Some((other, _)) => {
                let id = id.escape_debug().to_string();
                self.problem(path, Problem::ClientOfOtherKind { id, other });
                None
            }
            None => {
                let id = id.escape_debug().to_string();
                self.problem(path, Problem::NoSuchClient { id });
                None
            }
        }
    }

    fn node(&mut self, i: usize, node: &Node) -> NodeConfig {
        let path = format!("nodes[{i}]");
        let capacity_per_s = self
            .positive_number(&format!("{path}.capacity_per_s"), node.capacity_per_s, CAPACITY_PER_S_MAX)
            .unwrap_or(1.0);
        let fsync_us = self
            .duration_us(&format!("{path}.fsync_ms"), node.fsync_ms, Unit::Ms, latency_us_max(), Zero::Allowed)
            .unwrap_or(0);
        NodeConfig { name: node.id.clone(), capacity_per_s, fsync_us }
    }

    fn exchange(&mut self, i: usize, exchange: &Exchange) -> ExchangeConfig {
        let kind = match exchange.kind {
            ExchangeKind::Direct => config::ExchangeKind::Direct,
            ExchangeKind::Fanout => config::ExchangeKind::Fanout,
            ExchangeKind::Topic => config::ExchangeKind::Topic,
            ExchangeKind::Headers => {
                config::ExchangeKind::Headers { match_all: exchange.x_match != Some(HeadersMatch::Any) }
            }
        };
        if exchange.x_match.is_some() && exchange.kind != ExchangeKind::Headers {
            let kind = exchange_kind_word(exchange.kind).to_string();
            self.problem(format!("exchanges[{i}].x_match"), Problem::XMatchOnlyForHeaders { kind });
        }
        ExchangeConfig { name: exchange.id.clone(), kind }
    }

    /// The queue's config and its home node (the leader, for a replicated queue).
    fn queue(&mut self, i: usize, queue: &Queue, s: &Scenario) -> (QueueConfig, NodeId) {
        let path = format!("queues[{i}]");
        let (placement, home) = self.placement(&format!("{path}.placement"), &queue.placement, s);
        let is_quorum = matches!(queue.placement, Placement::Quorum { .. });
        if is_quorum && queue.durable == Some(false) {
            self.problem(format!("{path}.durable"), Problem::QuorumAlwaysDurable);
        }
        let durable = queue.durable.unwrap_or(is_quorum);
        let max_length = queue
            .max_length
            .and_then(|max_length| self.count(&format!("{path}.max_length"), max_length, 0, limits::QUEUE_LENGTH_MAX));
        let message_ttl_us = queue.message_ttl_ms.and_then(|ttl| {
            self.duration_us(&format!("{path}.message_ttl_ms"), ttl, Unit::Ms, limits::HORIZON_US_MAX, Zero::Allowed)
        });
        let dead_letter_exchange = queue
            .dead_letter_exchange
            .as_deref()
            .and_then(|id| self.resolve(&format!("{path}.dead_letter_exchange"), id, Kind::Exchange).map(exchange_id));
        if queue.dead_letter_exchange.is_none() {
            if queue.overflow == Overflow::RejectPublishDlx {
                self.problem(format!("{path}.overflow"), Problem::DlxOverflowNeedsDlx);
            }
            if queue.dead_letter_routing_key.is_some() {
                self.problem(format!("{path}.dead_letter_routing_key"), Problem::OnlyWithDeadLetterExchange);
            }
        }
        if let Some(key) = &queue.dead_letter_routing_key {
            self.key_length(&format!("{path}.dead_letter_routing_key"), key);
        }
        let overflow = match queue.overflow {
            Overflow::DropHead => config::Overflow::DropHead,
            Overflow::RejectPublish => config::Overflow::RejectPublish,
            Overflow::RejectPublishDlx => config::Overflow::RejectPublishDlx,
        };
        let queue_config = QueueConfig {
            name: queue.id.clone(),
            durable,
            max_length,
            overflow,
            message_ttl_us,
            dead_letter_exchange,
            dead_letter_routing_key: queue.dead_letter_routing_key.clone(),
            placement,
        };
        (queue_config, home)
    }

    fn placement(&mut self, path: &str, placement: &Placement, s: &Scenario) -> (config::Placement, NodeId) {
        match placement {
            Placement::Single { node } | Placement::Classic { node } => {
                let home = self.node_or_first(&format!("{path}.node"), node.as_deref(), s).unwrap_or(NodeId(0));
                (config::Placement::Home(home), home)
            }
            Placement::Mirrored { nodes } | Placement::Quorum { nodes } => {
                let mode = if matches!(placement, Placement::Mirrored { .. }) { "mirrored" } else { "quorum" };
                let nodes_path = format!("{path}.nodes");
                let mut resolved: Vec<NodeId> = Vec::new();
                if nodes.len() < 2 {
                    let mode = mode.to_string();
                    self.problem(&nodes_path, Problem::NeedsTwoNodes { mode });
                } else if nodes.len() > limits::NODES_MAX {
                    self.problem(
                        &nodes_path,
                        Problem::TooManyEntries { entries: nodes.len(), limit: limits::NODES_MAX },
                    );
                } else {
                    for (j, id) in nodes.iter().enumerate() {
                        let node_path = format!("{nodes_path}[{j}]");
                        if nodes[..j].contains(id) {
                            let id = id.escape_debug().to_string();
                            self.problem(node_path, Problem::ListedTwice { id });
                            continue;
                        }
                        if let Some(index) = self.resolve(&node_path, id, Kind::Node) {
                            resolved.push(node_id(index));
                        }
                    }
                }
                let home = resolved.first().copied().unwrap_or(NodeId(0));
                let placement = if mode == "mirrored" {
                    config::Placement::Mirrored(resolved)
                } else {
                    config::Placement::Quorum(resolved)
                };
                (placement, home)
            }
        }
    }

    fn bindings(&mut self, s: &Scenario) -> Vec<BindingConfig> {
        let mut bindings = Vec::with_capacity(s.bindings.len());
        for (i, binding) in s.bindings.iter().enumerate() {
            let path = format!("bindings[{i}]");
            if let Some(first) = s.bindings[..i].iter().position(|earlier| earlier == binding) {
                self.problem(&path, Problem::SameBinding { first });
            }
            let exchange = self.resolve(&format!("{path}.exchange"), &binding.exchange, Kind::Exchange);
            let queue = self.resolve(&format!("{path}.queue"), &binding.queue, Kind::Queue);
            self.key_length(&format!("{path}.key"), &binding.key);
            self.binding_headers(&path, binding, exchange, s);
            bindings.push(BindingConfig {
                exchange: exchange.map(exchange_id).unwrap_or(ExchangeId(0)),
                queue: queue.map(queue_id).unwrap_or(QueueId(0)),
                key: binding.key.clone(),
                headers: binding.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            });
        }
        bindings
    }

    fn binding_headers(&mut self, path: &str, binding: &Binding, exchange: Option<usize>, s: &Scenario) {
        let headers_path = format!("{path}.headers");
        if binding.headers.is_empty() {
            return;
        }
        if let Some(kind) = exchange.and_then(|index| s.exchanges.get(index)).map(|e| e.kind) {
            if kind != ExchangeKind::Headers {
                let exchange = binding.exchange.escape_debug().to_string();
                let kind = exchange_kind_word(kind).to_string();
                self.problem(&headers_path, Problem::HeadersOnlyForHeaders { exchange, kind });
            }
        }
        self.headers(&headers_path, &binding.headers);
    }

    fn headers(&mut self, path: &str, headers: &BTreeMap<String, String>) {
        if headers.len() > HEADERS_MAX {
            self.problem(path, Problem::TooManyEntries { entries: headers.len(), limit: HEADERS_MAX });
            return;
        }
        for (name, value) in headers {
            let header_path = format!("{path}.{name}");
            if name.is_empty() {
                self.problem(&header_path, Problem::HeaderNameEmpty);
            }
            self.key_length(&header_path, name);
            self.key_length(&header_path, value);
        }
    }

    /// The producer's config, and its highest rate (for the message estimate).
    fn producer(
        &mut self,
        i: usize,
        producer: &Producer,
        s: &Scenario,
        faults: &mut Vec<PlacedFault>,
    ) -> (ProducerConfig, f64) {
        let path = format!("producers[{i}]");
        let p = |field: &str| format!("{path}.{field}");
        let exchange = self.resolve(&p("exchange"), &producer.exchange, Kind::Exchange);
        let node = self.node_or_first(&p("node"), producer.node.as_deref(), s);
        let (rate, arrivals, max_rate_per_s) = self.rate(&path, producer);
        let n_keys = self.count(&p("n_keys"), producer.n_keys, 0, limits::KEYS_MAX).unwrap_or(1);
        self.key_length(&p("routing_key"), &producer.routing_key);
        self.headers(&p("headers"), &producer.headers);
        let ttl_us = producer
            .ttl_ms
            .and_then(|ttl| self.duration_us(&p("ttl_ms"), ttl, Unit::Ms, limits::HORIZON_US_MAX, Zero::Allowed));
        let confirm = match producer.confirm {
            Confirm::None => ConfirmMode::None,
            Confirm::Transaction => ConfirmMode::Transaction,
            Confirm::PublisherConfirms => ConfirmMode::PublisherConfirms,
        };
        // A timeout shorter than a millisecond would resend in a storm before any confirm
        // could come back over a link.
        let timeout_us = match self.duration_us(
            &p("timeout_ms"),
            producer.timeout_ms,
            Unit::Ms,
            limits::HORIZON_US_MAX,
            Zero::Refused,
        ) {
            Some(us) if us < US_PER_MS => {
                let (value, minimum) = (num(producer.timeout_ms), "1".to_string());
                self.problem(p("timeout_ms"), Problem::BelowMinimum { value, minimum });
                US_PER_MS
            }
            Some(us) => us,
            None => US_PER_MS,
        };
        let retries = self.count(&p("retries"), producer.retries, 0, limits::RETRIES_MAX).unwrap_or(0);
        let retry_backoff_us = self
            .duration_us(
                &p("retry_backoff_ms"),
                producer.retry_backoff_ms,
                Unit::Ms,
                limits::HORIZON_US_MAX,
                Zero::Allowed,
            )
            .unwrap_or(0);
        let max_in_flight =
            self.count(&p("max_in_flight"), producer.max_in_flight, 1, limits::IN_FLIGHT_MAX).unwrap_or(1);
        let outbox_limit = self.count(&p("outbox_limit"), producer.outbox_limit, 0, limits::OUTBOX_MAX).unwrap_or(0);
        let (start_us, stop_us) = self.start_stop(&path, producer.start_s, producer.stop_s);
        let link_ref = LinkRef::Producer(ProducerId(i as u16));
        let link = self.link(&p("link"), &producer.link, link_ref, faults);
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

    /// The producer's rate profile, arrivals and highest rate, from its shape and rate fields.
    fn rate(&mut self, path: &str, producer: &Producer) -> (RateProfile, Arrivals, f64) {
        let p = |field: &str| format!("{path}.{field}");
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
                    self.problem(p(field), Problem::OnlyWithBursts { shape });
                }
            }
        }
        if !is_schedule && producer.steps.is_some() {
            let shape = shape_word.to_string();
            self.problem(p("steps"), Problem::OnlyWithSchedule { shape });
        }
        if !is_bursts && !is_schedule && producer.poisson.is_some() {
            let shape = shape_word.to_string();
            self.problem(p("poisson"), Problem::PoissonOnlyWithBurstsOrSchedule { shape });
        }
        if is_schedule && producer.rate_per_s.is_some() {
            self.problem(p("rate_per_s"), Problem::RateNotWithSchedule);
        }
        let base_rate = if is_schedule {
            0.0
        } else {
            match producer.rate_per_s {
                Some(rate) => self.rate_per_s(&p("rate_per_s"), rate).unwrap_or(0.0),
                None => {
                    let shape = shape_word.to_string();
                    self.problem(p("rate_per_s"), Problem::RateMissing { shape });
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

    fn burst(&mut self, path: &str, producer: &Producer) -> Option<Burst> {
        let p = |field: &str| format!("{path}.{field}");
        let rate_per_s = match producer.burst_rate_per_s {
            Some(rate) => self.rate_per_s(&p("burst_rate_per_s"), rate),
            None => {
                self.problem(p("burst_rate_per_s"), Problem::BurstRateMissing);
                None
            }
        };
        let first_us = self.duration_us(
            &p("first_s"),
            producer.first_s.unwrap_or(0.0),
            Unit::S,
            limits::HORIZON_US_MAX,
            Zero::Allowed,
        );
        let for_us = match producer.burst_s {
            Some(burst_s) => self.duration_us(&p("burst_s"), burst_s, Unit::S, limits::HORIZON_US_MAX, Zero::Refused),
            None => {
                self.problem(p("burst_s"), Problem::BurstLengthMissing);
                None
            }
        };
        let every_us = match producer.every_s {
            Some(every_s) => {
                let every_us = self.duration_us(&p("every_s"), every_s, Unit::S, limits::HORIZON_US_MAX, Zero::Refused);
                if let (Some(every_us), Some(for_us), Some(burst_s)) = (every_us, for_us, producer.burst_s) {
                    if every_us < for_us {
                        let (every, burst) = (num(every_s), num(burst_s));
                        self.problem(p("every_s"), Problem::BurstsOverlap { every, burst });
                    }
                }
                every_us
            }
            // One burst only: the next would start after the run has ended.
            None => for_us.map(|for_us| self.horizon_us.max(for_us).max(1)),
        };
        Some(Burst { first_us: first_us?, every_us: every_us?, for_us: for_us?, rate_per_s: rate_per_s? })
    }

    fn schedule(&mut self, path: &str, producer: &Producer) -> (Vec<(TimeUs, f64)>, f64) {
        let steps_path = format!("{path}.steps");
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
            let step_path = format!("{steps_path}[{j}]");
            let at_us = self.duration_us(
                &format!("{step_path}.at_s"),
                step.at_s,
                Unit::S,
                limits::HORIZON_US_MAX,
                Zero::Allowed,
            );
            let rate = self.rate_per_s(&format!("{step_path}.rate_per_s"), step.rate_per_s);
            if let Some(rate) = rate {
                max_rate = max_rate.max(rate);
            }
            let Some(at_us) = at_us else { continue };
            if let Some((k, previous_at_s, previous_at_us)) = previous {
                if at_us <= previous_at_us {
                    let (at, previous) = (num(step.at_s), num(previous_at_s));
                    self.problem(
                        format!("{step_path}.at_s"),
                        Problem::StepsOutOfOrder { at, previous_index: k, previous },
                    );
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

    fn consumer(
        &mut self,
        i: usize,
        consumer: &Consumer,
        home_nodes: &[NodeId],
        faults: &mut Vec<PlacedFault>,
    ) -> ConsumerConfig {
        let path = format!("consumers[{i}]");
        let p = |field: &str| format!("{path}.{field}");
        let queue = self.resolve(&p("queue"), &consumer.queue, Kind::Queue);
        let node = match consumer.node.as_deref() {
            Some(id) => self.resolve(&p("node"), id, Kind::Node).map(node_id),
            None => queue.and_then(|q| home_nodes.get(q).copied()),
        };
        let link_ref = LinkRef::Consumer(ConsumerId(i as u16));
        let link = self.link(&p("link"), &consumer.link, link_ref, faults);
        let threads = self.count(&p("threads"), consumer.threads, 1, limits::THREADS_MAX).unwrap_or(1);
        let service = self.service(&p("service"), &consumer.service);
        let prefetch = self.count(&p("prefetch"), consumer.prefetch, 1, limits::PREFETCH_MAX).unwrap_or(1);
        let ack = match consumer.ack {
            Ack::Auto => AckMode::Auto,
            Ack::Manual => AckMode::Manual,
        };
        let failure_probability =
            self.probability(&p("failure_probability"), consumer.failure_probability).unwrap_or(0.0);
        let idempotency = match consumer.idempotency {
            Idempotency::None => config::Idempotency::None,
            Idempotency::UpsertByKey => config::Idempotency::UpsertByKey,
            Idempotency::DedupeIds => config::Idempotency::DedupeIds,
            Idempotency::UniqueConstraint => config::Idempotency::UniqueConstraint,
        };
        let (start_us, stop_us) = self.start_stop(&path, consumer.start_s, consumer.stop_s);
        ConsumerConfig {
            name: consumer.id.clone(),
            queue: queue.map(queue_id).unwrap_or(QueueId(0)),
            node: node.unwrap_or(NodeId(0)),
            link,
            threads,
            service,
            prefetch,
            ack,
            failure_probability,
            requeue_on_failure: consumer.requeue_on_failure,
            idempotency,
            start_us,
            stop_us,
        }
    }

    fn service(&mut self, path: &str, service: &Service) -> ServiceTime {
        let max = limits::HORIZON_US_MAX;
        let ms = |v: &mut Self, field: &str, value: f64| {
            v.duration_us(&format!("{path}.{field}"), value, Unit::Ms, max, Zero::Allowed).unwrap_or(0)
        };
        match *service {
            Service::Constant { ms: value } => ServiceTime::Constant { us: ms(self, "ms", value) },
            Service::Exponential { mean_ms } => ServiceTime::Exponential { mean_us: ms(self, "mean_ms", mean_ms) },
            Service::Uniform { min_ms, max_ms } => {
                let min_us = ms(self, "min_ms", min_ms);
                let max_us = ms(self, "max_ms", max_ms);
                if min_ms.is_finite() && max_ms.is_finite() && max_ms < min_ms {
                    let (max, min) = (num(max_ms), num(min_ms));
                    self.problem(format!("{path}.max_ms"), Problem::MaxBelowMin { max, min });
                }
                ServiceTime::Uniform { min_us, max_us: max_us.max(min_us) }
            }
            Service::Lognormal { median_ms, sigma } => {
                let median_us = self
                    .duration_us(&format!("{path}.median_ms"), median_ms, Unit::Ms, max, Zero::Refused)
                    .unwrap_or(1);
                let sigma = self.number_in(&format!("{path}.sigma"), sigma, LOGNORMAL_SIGMA_MAX).unwrap_or(0.0);
                ServiceTime::LogNormal { median_us, sigma }
            }
        }
    }

    fn link(&mut self, path: &str, link: &Link, link_ref: LinkRef, faults: &mut Vec<PlacedFault>) -> LinkConfig {
        let latency_us = self
            .duration_us(&format!("{path}.latency_ms"), link.latency_ms, Unit::Ms, latency_us_max(), Zero::Allowed)
            .unwrap_or(0);
        let jitter_us = self
            .duration_us(&format!("{path}.jitter_ms"), link.jitter_ms, Unit::Ms, latency_us_max(), Zero::Allowed)
            .unwrap_or(0);
        let loss_probability =
            self.probability(&format!("{path}.loss_probability"), link.loss_probability).unwrap_or(0.0);
        if link.partitions.len() > limits::FAULTS_MAX {
            self.problem(
                format!("{path}.partitions"),
                Problem::TooManyEntries { entries: link.partitions.len(), limit: limits::FAULTS_MAX },
            );
        } else {
            for (j, partition) in link.partitions.iter().enumerate() {
                let partition_path = format!("{path}.partitions[{j}]");
                let at_us = self.duration_us(
                    &format!("{partition_path}.at_s"),
                    partition.at_s,
                    Unit::S,
                    limits::HORIZON_US_MAX,
                    Zero::Allowed,
                );
                let duration_us = match partition.for_s {
                    Some(for_s) => {
                        let for_path = format!("{partition_path}.for_s");
                        match self.duration_us(&for_path, for_s, Unit::S, limits::HORIZON_US_MAX, Zero::Refused) {
                            Some(duration_us) => Some(duration_us),
                            None => continue,
                        }
                    }
                    None => None,
                };
                if let Some(at_us) = at_us {
                    let action = FaultAction::PartitionLink(link_ref);
                    faults.push(PlacedFault {
                        path: partition_path,
                        fault: ScheduledFault { at_us, duration_us, action },
                    });
                }
            }
        }
        LinkConfig { latency_us, jitter_us, loss_probability }
    }

    fn start_stop(&mut self, path: &str, start_s: f64, stop_s: Option<f64>) -> (TimeUs, Option<TimeUs>) {
        let start_us = self
            .duration_us(&format!("{path}.start_s"), start_s, Unit::S, limits::HORIZON_US_MAX, Zero::Allowed)
            .unwrap_or(0);
        let stop_us = stop_s.and_then(|stop| {
            let stop_us =
                self.duration_us(&format!("{path}.stop_s"), stop, Unit::S, limits::HORIZON_US_MAX, Zero::Allowed)?;
            if stop_us <= start_us {
                let (stop, start) = (num(stop), num(start_s));
                self.problem(format!("{path}.stop_s"), Problem::StopNotAfterStart { stop, start });
                return None;
            }
            Some(stop_us)
        });
        (start_us, stop_us)
    }

    /// The fault's action from its kind, target and parameter.
    fn fault_action(
        &mut self,
        path: &str,
        kind: FaultKind,
        target: &str,
        probability: Option<f64>,
        factor: Option<f64>,
    ) -> Option<FaultAction> {
        let p = |field: &str| format!("{path}.{field}");
        if probability.is_some() && kind != FaultKind::LinkLoss {
            let kind = kind.name().to_string();
            self.problem(p("probability"), Problem::ProbabilityOnlyForLinkLoss { kind });
        }
        if factor.is_some() && kind != FaultKind::SlowDisk {
            let kind = kind.name().to_string();
            self.problem(p("factor"), Problem::FactorOnlyForSlowDisk { kind });
        }
        let target_path = p("target");
        match kind {
            FaultKind::CrashNode => {
                self.resolve(&target_path, target, Kind::Node).map(|i| FaultAction::CrashNode(node_id(i)))
            }
            FaultKind::CrashConsumer => self
                .resolve(&target_path, target, Kind::Consumer)
                .map(|i| FaultAction::CrashConsumer(ConsumerId(i as u16))),
            FaultKind::PartitionLink => self.link_target(&target_path, target).map(FaultAction::PartitionLink),
            FaultKind::LinkLoss => {
                let link = self.link_target(&target_path, target);
                let probability = match probability {
                    Some(probability) => self.probability(&p("probability"), probability),
                    None => {
                        self.problem(p("probability"), Problem::LinkLossNeedsProbability);
                        None
                    }
                };
                Some(FaultAction::LinkLoss(link?, probability?))
            }
            FaultKind::SlowDisk => {
                let node = self.resolve(&target_path, target, Kind::Node);
                let factor = match factor {
                    Some(factor) => self.factor(&p("factor"), factor),
                    None => {
                        self.problem(p("factor"), Problem::SlowDiskNeedsFactor);
                        None
                    }
                };
                Some(FaultAction::SlowDisk(node_id(node?), factor?))
            }
        }
    }

    fn factor(&mut self, path: &str, factor: f64) -> Option<f64> {
        let factor = self.number_in(path, factor, SLOW_DISK_FACTOR_MAX)?;
        if factor < 1.0 {
            let (value, minimum) = (num(factor), "1".to_string());
            self.problem(path, Problem::BelowMinimum { value, minimum });
            return None;
        }
        Some(factor)
    }

    fn fault(&mut self, i: usize, fault: &Fault) -> Option<PlacedFault> {
        let path = format!("faults[{i}]");
        let at_us =
            self.duration_us(&format!("{path}.at_s"), fault.at_s, Unit::S, limits::HORIZON_US_MAX, Zero::Allowed);
        // Every field is checked before any refusal, so that all errors are reported.
        let duration_us = fault.for_s.map(|for_s| {
            self.duration_us(&format!("{path}.for_s"), for_s, Unit::S, limits::HORIZON_US_MAX, Zero::Refused)
        });
        let action = self.fault_action(&path, fault.kind, &fault.target, fault.probability, fault.factor);
        let duration_us = match duration_us {
            Some(checked) => Some(checked?),
            None => None,
        };
        Some(PlacedFault { path, fault: ScheduledFault { at_us: at_us?, duration_us, action: action? } })
    }

    fn random_fault(&mut self, i: usize, fault: &RandomFault) -> Option<config::RandomFault> {
        let path = format!("random_faults[{i}]");
        let mtbf_us =
            self.duration_us(&format!("{path}.mtbf_s"), fault.mtbf_s, Unit::S, limits::HORIZON_US_MAX, Zero::Refused);
        if let Some(mtbf_us) = mtbf_us {
            let strikes = self.horizon_us as f64 / mtbf_us as f64;
            if strikes > RANDOM_FAULT_STRIKES_MAX {
                let problem = Problem::TooManyStrikes {
                    mtbf: num(fault.mtbf_s),
                    horizon: num(self.horizon_us as f64 / US_PER_S as f64),
                    strikes: num(round_significant(strikes, 3)),
                    limit: num(RANDOM_FAULT_STRIKES_MAX),
                };
                self.problem(format!("{path}.mtbf_s"), problem);
            }
        }
        let mttr_us =
            self.duration_us(&format!("{path}.mttr_s"), fault.mttr_s, Unit::S, limits::HORIZON_US_MAX, Zero::Allowed);
        let action = self.fault_action(&path, fault.kind, &fault.target, fault.probability, fault.factor)?;
        Some(config::RandomFault { action, mean_time_between_us: mtbf_us?, mean_duration_us: mttr_us? })
    }

    /// Two scheduled faults of one kind on one target must not overlap in time: a node cannot
    /// crash while it is already down, and the engine would not know which end restarts it.
    fn fault_overlaps(&mut self, faults: &[PlacedFault]) {
        for (i, later) in faults.iter().enumerate() {
            for earlier in &faults[..i] {
                if same_kind_and_target(&earlier.fault.action, &later.fault.action)
                    && overlap(&earlier.fault, &later.fault)
                {
                    let earlier = earlier.path.clone();
                    self.problem(&later.path, Problem::FaultsOverlap { earlier });
                    break;
                }
            }
        }
    }

    fn layout(&mut self, s: &Scenario) {
        for (id, position) in &s.layout {
            let path = format!("layout.{id}");
            if id.is_empty() || id.chars().count() > ID_CHARS_MAX {
                self.problem(&path, Problem::LayoutKey { limit: ID_CHARS_MAX });
            }
            for (axis, value) in [("x", position.x), ("y", position.y)] {
                let axis_path = format!("{path}.{axis}");
                if !value.is_finite() {
                    self.problem(axis_path, Problem::NotFinite { value: num(value) });
                } else if value.abs() > LAYOUT_COORDINATE_MAX {
                    let (value, limit) = (num(value), num(LAYOUT_COORDINATE_MAX));
                    self.problem(axis_path, Problem::OutsideCanvas { value, limit });
                }
            }
        }
    }

    fn bucket_us(&mut self, bucket_ms: Option<f64>, horizon_us: Option<TimeUs>) -> TimeUs {
        let horizon_us = horizon_us.unwrap_or(limits::HORIZON_US_MAX);
        let Some(bucket_ms) = bucket_ms else {
            // A hundred buckets over the run, each a whole number of milliseconds.
            let ms = (horizon_us as f64 / 100.0 / US_PER_MS as f64).round().max(1.0);
            return ms as TimeUs * US_PER_MS;
        };
        let Some(bucket_us) = self.duration_us("bucket_ms", bucket_ms, Unit::Ms, limits::HORIZON_US_MAX, Zero::Refused)
        else {
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
            self.problem("bucket_ms", problem);
        }
        bucket_us
    }

    // ---- value checks: each reports its own error and returns None when the value is refused.

    /// A finite number, not negative: the common ground of every measured quantity.
    fn non_negative(&mut self, path: &str, value: f64) -> Option<f64> {
        if value.is_nan() {
            self.problem(path, Problem::NotANumber);
            None
        } else if value.is_infinite() {
            self.problem(path, Problem::NotFinite { value: num(value) });
            None
        } else if value < 0.0 {
            self.problem(path, Problem::Negative { value: num(value) });
            None
        } else {
            Some(value)
        }
    }

    fn number_in(&mut self, path: &str, value: f64, max: f64) -> Option<f64> {
        let value = self.non_negative(path, value)?;
        if value > max {
            let (value, limit) = (num(value), num(max));
            self.problem(path, Problem::AboveLimit { value, limit });
            return None;
        }
        Some(value)
    }

    fn positive_number(&mut self, path: &str, value: f64, max: f64) -> Option<f64> {
        let value = self.number_in(path, value, max)?;
        if value == 0.0 {
            self.problem(path, Problem::MustBeAboveZero);
            return None;
        }
        Some(value)
    }

    fn rate_per_s(&mut self, path: &str, value: f64) -> Option<f64> {
        self.number_in(path, value, limits::RATE_PER_S_MAX)
    }

    fn probability(&mut self, path: &str, value: f64) -> Option<f64> {
        if value.is_nan() {
            self.problem(path, Problem::NotANumber);
            return None;
        }
        if !(0.0..=1.0).contains(&value) {
            self.problem(path, Problem::NotAProbability { value: num(value) });
            return None;
        }
        Some(value)
    }

    /// A time in the field's unit, converted to whole microseconds and checked against `max_us`.
    fn duration_us(&mut self, path: &str, value: f64, unit: Unit, max_us: TimeUs, zero: Zero) -> Option<TimeUs> {
        let value = self.non_negative(path, value)?;
        let max = max_us as f64 / unit.us();
        if value > max {
            let limit = format!("{}{}", num(max), readable_duration(max_us));
            self.problem(path, Problem::AboveLimit { value: num(value), limit });
            return None;
        }
        let us = (value * unit.us()).round() as TimeUs;
        if zero == Zero::Refused && us == 0 {
            if value == 0.0 {
                self.problem(path, Problem::MustBeAboveZero);
            } else {
                self.problem(path, Problem::RoundsToZero { value: num(value) });
            }
            return None;
        }
        Some(us)
    }

    fn count(&mut self, path: &str, value: u32, min: u32, max: u32) -> Option<u32> {
        if value < min {
            let (value, minimum) = (value.to_string(), min.to_string());
            self.problem(path, Problem::BelowMinimum { value, minimum });
            None
        } else if value > max {
            let (value, limit) = (value.to_string(), max.to_string());
            self.problem(path, Problem::AboveLimit { value, limit });
            None
        } else {
            Some(value)
        }
    }

    fn key_length(&mut self, path: &str, key: &str) {
        if key.len() > KEY_BYTES_MAX {
            self.problem(path, Problem::TooManyBytes { bytes: key.len(), limit: KEY_BYTES_MAX });
        }
    }

    fn text_length(&mut self, path: &str, text: &str, max: usize) {
        let chars = text.chars().count();
        if chars > max {
            self.problem(path, Problem::TooManyChars { chars, limit: max });
        }
    }
}

fn node_id(index: usize) -> NodeId {
    NodeId(index as u16)
}

fn exchange_id(index: usize) -> ExchangeId {
    ExchangeId(index as u16)
}

fn queue_id(index: usize) -> QueueId {
    QueueId(index as u16)
}

fn latency_us_max() -> TimeUs {
    (LATENCY_MS_MAX * US_PER_MS as f64) as TimeUs
}

/// Seconds of activity within the run, for a client active from `start_us` to `stop_us`.
fn active_s(start_us: TimeUs, stop_us: Option<TimeUs>, horizon_us: TimeUs) -> f64 {
    let end_us = stop_us.unwrap_or(horizon_us).min(horizon_us);
    end_us.saturating_sub(start_us) as f64 / US_PER_S as f64
}

fn same_kind_and_target(a: &FaultAction, b: &FaultAction) -> bool {
    match (a, b) {
        (FaultAction::CrashNode(x), FaultAction::CrashNode(y)) => x == y,
        (FaultAction::CrashConsumer(x), FaultAction::CrashConsumer(y)) => x == y,
        (FaultAction::PartitionLink(x), FaultAction::PartitionLink(y)) => x == y,
        (FaultAction::LinkLoss(x, _), FaultAction::LinkLoss(y, _)) => x == y,
        (FaultAction::SlowDisk(x, _), FaultAction::SlowDisk(y, _)) => x == y,
        _ => false,
    }
}

fn overlap(a: &ScheduledFault, b: &ScheduledFault) -> bool {
    let end = |f: &ScheduledFault| f.duration_us.map_or(TimeUs::MAX, |d| f.at_us.saturating_add(d));
    a.at_us < end(b) && b.at_us < end(a)
}

fn rate_shape_word(shape: RateShape) -> &'static str {
    match shape {
        RateShape::Constant => "constant",
        RateShape::Poisson => "poisson",
        RateShape::Bursts => "bursts",
        RateShape::Schedule => "schedule",
    }
}

fn exchange_kind_word(kind: ExchangeKind) -> &'static str {
    match kind {
        ExchangeKind::Direct => "direct",
        ExchangeKind::Fanout => "fanout",
        ExchangeKind::Topic => "topic",
        ExchangeKind::Headers => "headers",
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

/// A number as a learner would write it: `5`, `0.25`, `86400`, `1e12`, `1.5e6` (the exponent
/// form for large whole numbers, when it is the shorter one).
pub(crate) fn num(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let plain = format!("{value}");
    if value.abs() >= 1e6 && value == value.trunc() {
        let exponent = format!("{value:e}");
        if exponent.len() < plain.len() {
            return exponent;
        }
    }
    plain
}

fn round_significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(digits - 1 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(num(1e12), "1e12");
        assert_eq!(num(1e6), "1e6");
        assert_eq!(num(1.5e6), "1.5e6");
        assert_eq!(num(5.0), "5");
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(-3.0), "-3");
        assert_eq!(num(86_400.0), "86400");
        assert_eq!(num(100_000.0), "100000");
        assert_eq!(num(31_536_000.0), "31536000");
        assert_eq!(num(86_400_000.0), "8.64e7");
        assert_eq!(num(f64::NAN), "NaN");
        assert_eq!(num(f64::NEG_INFINITY), "-inf");
        assert_eq!(round_significant(123_456_789.0, 3), 123_000_000.0);
    }

    #[test]
    fn readable_durations() {
        assert_eq!(readable_duration(limits::HORIZON_US_MAX), " (24 h)");
        assert_eq!(readable_duration(latency_us_max()), " (1 min)");
        assert_eq!(readable_duration(1_500), "");
    }
}

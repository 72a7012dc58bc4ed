//! The scenario format v1 as serde types: what a learner drew, in human units, before validation.
//!
//! These types mirror the JSON one to one. They hold whatever the input said, within JSON's
//! types: a rate of 1e12 or a reference to a queue that does not exist parses fine here and is
//! refused by [`crate::validate`], which names the path and the problem. Every struct denies
//! unknown fields so that a typo (`"rate_per_sec"`) is an error instead of a silent default.
//!
//! Units are in the field names: `_s` seconds, `_ms` milliseconds, `_per_s` per second,
//! `probability` 0..=1. Optional fields are left out of the JSON when they hold their default, so
//! a written scenario (and its share link) stays short.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The only scenario version this crate reads and writes.
pub const VERSION: u32 = 1;

/// A whole scenario: the pipeline, its switches, the workload, faults, seed and horizon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; always [`VERSION`].
    pub version: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default = "defaults::seed")]
    pub seed: u64,
    /// Virtual time the run lasts.
    #[serde(default = "defaults::horizon_s")]
    pub horizon_s: f64,
    /// Width of one time-series bucket; `None` means horizon / 100, rounded to a whole ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket_ms: Option<f64>,
    /// One-way latency between two broker nodes (replication, classic-cluster forwarding).
    #[serde(default = "defaults::inter_node_latency_ms", skip_serializing_if = "defaults::is_inter_node_latency_ms")]
    pub inter_node_latency_ms: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub producers: Vec<Producer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<Exchange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queues: Vec<Queue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bindings: Vec<Binding>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consumers: Vec<Consumer>,
    /// Faults at fixed times.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<Fault>,
    /// Faults that strike at random (mean time between failures, mean time to repair).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub random_faults: Vec<RandomFault>,
    /// Canvas positions by component id; kept as is, never used by the simulation.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub layout: BTreeMap<String, Position>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            version: VERSION,
            name: String::new(),
            description: None,
            seed: defaults::seed(),
            horizon_s: defaults::horizon_s(),
            bucket_ms: None,
            inter_node_latency_ms: defaults::inter_node_latency_ms(),
            nodes: Vec::new(),
            producers: Vec::new(),
            exchanges: Vec::new(),
            queues: Vec::new(),
            bindings: Vec::new(),
            consumers: Vec::new(),
            faults: Vec::new(),
            random_faults: Vec::new(),
            layout: BTreeMap::new(),
        }
    }
}

/// A point on the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// A broker node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    /// Broker operations per second: accepting a publish, storing a replica, forwarding.
    #[serde(default = "defaults::capacity_per_s", skip_serializing_if = "defaults::is_capacity_per_s")]
    pub capacity_per_s: f64,
    /// Time for one fsync; writes arriving during one share the next (group commit).
    #[serde(default = "defaults::fsync_ms", skip_serializing_if = "defaults::is_fsync_ms")]
    pub fsync_ms: f64,
}

impl Default for Node {
    fn default() -> Self {
        Node { id: String::new(), capacity_per_s: defaults::capacity_per_s(), fsync_ms: defaults::fsync_ms() }
    }
}

/// How a producer's send rate varies over time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateShape {
    /// Evenly spaced at `rate_per_s`.
    #[default]
    Constant,
    /// A Poisson process at `rate_per_s`.
    Poisson,
    /// `rate_per_s`, with periodic bursts at `burst_rate_per_s`.
    Bursts,
    /// A piecewise-constant rate from `steps`.
    Schedule,
}

/// One step of a rate schedule: from `at_s` on, the rate is `rate_per_s`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateStep {
    pub at_s: f64,
    pub rate_per_s: f64,
}

/// How a producer learns that the broker took a message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirm {
    #[default]
    None,
    Transaction,
    PublisherConfirms,
}

/// A time interval on a link during which nothing crosses it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkPartition {
    pub at_s: f64,
    /// `None`: to the end of the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_s: Option<f64>,
}

/// A client's network link to its broker node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    #[serde(default = "defaults::link_latency_ms", skip_serializing_if = "defaults::is_link_latency_ms")]
    pub latency_ms: f64,
    /// Extra delay drawn uniformly from 0..=jitter_ms; delivery stays in order.
    #[serde(default, skip_serializing_if = "defaults::is_zero")]
    pub jitter_ms: f64,
    /// Probability that one transfer (publish, confirm, delivery) is dropped.
    #[serde(default, skip_serializing_if = "defaults::is_zero")]
    pub loss_probability: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<LinkPartition>,
}

impl Default for Link {
    fn default() -> Self {
        Link { latency_ms: defaults::link_latency_ms(), jitter_ms: 0.0, loss_probability: 0.0, partitions: Vec::new() }
    }
}

impl Link {
    fn is_default(&self) -> bool {
        *self == Link::default()
    }
}

/// A producer. The rate fields are flat on the producer; which ones apply depends on `shape`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Producer {
    pub id: String,
    /// The exchange it publishes to.
    pub exchange: String,
    /// The broker node it is connected to; `None`: the first node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    #[serde(default, skip_serializing_if = "defaults::is_default")]
    pub shape: RateShape,
    /// The rate for shapes constant, poisson and bursts (between bursts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_per_s: Option<f64>,
    /// Bursts: the rate while a burst is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst_rate_per_s: Option<f64>,
    /// Bursts: when the first one starts (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_s: Option<f64>,
    /// Bursts: time from one burst's start to the next; `None`: only one burst.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_s: Option<f64>,
    /// Bursts: how long each lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst_s: Option<f64>,
    /// Schedule: the rate steps, by time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<RateStep>>,
    /// Bursts and schedule: Poisson arrivals at the current rate instead of evenly spaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poisson: Option<bool>,
    /// Keys are drawn uniformly from 0..n_keys.
    #[serde(default = "defaults::n_keys", skip_serializing_if = "defaults::is_n_keys")]
    pub n_keys: u32,
    /// Routing key; `{key}` is replaced by the message's key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub routing_key: String,
    /// Message headers (for a headers exchange).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// AMQP delivery mode 2: written to disk by durable queues.
    #[serde(default, skip_serializing_if = "defaults::is_false")]
    pub persistent: bool,
    /// Per-message TTL (`expiration`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "defaults::is_default")]
    pub confirm: Confirm,
    /// Time without a confirm after which the producer resends.
    #[serde(default = "defaults::timeout_ms", skip_serializing_if = "defaults::is_timeout_ms")]
    pub timeout_ms: f64,
    /// Resends after the first attempt before the producer gives up.
    #[serde(default = "defaults::retries", skip_serializing_if = "defaults::is_retries")]
    pub retries: u32,
    #[serde(default = "defaults::retry_backoff_ms", skip_serializing_if = "defaults::is_retry_backoff_ms")]
    pub retry_backoff_ms: f64,
    /// Unconfirmed messages allowed at once (1 under transactions).
    #[serde(default = "defaults::max_in_flight", skip_serializing_if = "defaults::is_max_in_flight")]
    pub max_in_flight: u32,
    /// Messages waiting locally for a send window; beyond it new ones are refused.
    #[serde(default = "defaults::outbox_limit", skip_serializing_if = "defaults::is_outbox_limit")]
    pub outbox_limit: u32,
    #[serde(default, skip_serializing_if = "defaults::is_zero")]
    pub start_s: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_s: Option<f64>,
    #[serde(default, skip_serializing_if = "Link::is_default")]
    pub link: Link,
}

impl Default for Producer {
    fn default() -> Self {
        Producer {
            id: String::new(),
            exchange: String::new(),
            node: None,
            shape: RateShape::Constant,
            rate_per_s: None,
            burst_rate_per_s: None,
            first_s: None,
            every_s: None,
            burst_s: None,
            steps: None,
            poisson: None,
            n_keys: defaults::n_keys(),
            routing_key: String::new(),
            headers: BTreeMap::new(),
            persistent: false,
            ttl_ms: None,
            confirm: Confirm::None,
            timeout_ms: defaults::timeout_ms(),
            retries: defaults::retries(),
            retry_backoff_ms: defaults::retry_backoff_ms(),
            max_in_flight: defaults::max_in_flight(),
            outbox_limit: defaults::outbox_limit(),
            start_s: 0.0,
            stop_s: None,
            link: Link::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExchangeKind {
    #[default]
    Direct,
    Fanout,
    Topic,
    Headers,
}

/// A headers exchange's `x-match`: every binding header must match, or any one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadersMatch {
    #[default]
    All,
    Any,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    pub id: String,
    #[serde(default, skip_serializing_if = "defaults::is_default")]
    pub kind: ExchangeKind,
    /// Headers exchanges only; `None` means all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_match: Option<HeadersMatch>,
}

/// What a full queue does with one more message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overflow {
    #[default]
    DropHead,
    RejectPublish,
    RejectPublishDlx,
}

/// Where a queue's data lives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Placement {
    /// One broker on its own; `node: None` means the first node.
    Single {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        node: Option<String>,
    },
    /// A classic cluster: the queue lives on one node, the others forward to it.
    Classic {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        node: Option<String>,
    },
    /// Classic mirrored queue: the first node leads, every mirror holds a copy.
    Mirrored { nodes: Vec<String> },
    /// Quorum queue: Raft over the nodes, a majority on disk confirms; always durable.
    Quorum { nodes: Vec<String> },
}

impl Default for Placement {
    fn default() -> Self {
        Placement::Single { node: None }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Queue {
    pub id: String,
    /// Survives a broker restart with its persistent messages. `None`: false, except for quorum
    /// queues, which are always durable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub durable: Option<bool>,
    /// Ready messages the queue holds at most; `None`: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    #[serde(default, skip_serializing_if = "defaults::is_default")]
    pub overflow: Overflow,
    /// Per-queue TTL (`x-message-ttl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_ttl_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter_exchange: Option<String>,
    /// `None`: dead-lettered messages keep their own routing key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter_routing_key: Option<String>,
    #[serde(default, skip_serializing_if = "defaults::is_default")]
    pub placement: Placement,
}

/// A binding from an exchange to a queue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    pub exchange: String,
    pub queue: String,
    /// Binding key (direct) or pattern with `*` and `#` (topic); unused by fanout and headers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// Headers to match (headers exchanges only).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
}

/// Service time of one message on one consumer thread.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "snake_case", deny_unknown_fields)]
pub enum Service {
    Constant {
        ms: f64,
    },
    Exponential {
        mean_ms: f64,
    },
    Uniform {
        min_ms: f64,
        max_ms: f64,
    },
    /// Log-normal with this median and σ of the underlying normal.
    Lognormal {
        median_ms: f64,
        sigma: f64,
    },
}

impl Default for Service {
    fn default() -> Self {
        Service::Constant { ms: defaults::service_ms() }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ack {
    /// `autoAck=true`: the broker forgets a message the moment it sends it.
    Auto,
    /// The consumer acks after processing.
    #[default]
    Manual,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Idempotency {
    #[default]
    None,
    UpsertByKey,
    DedupeIds,
    UniqueConstraint,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consumer {
    pub id: String,
    pub queue: String,
    /// The broker node it is connected to; `None`: the queue's home (or leader) node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    #[serde(default, skip_serializing_if = "Link::is_default")]
    pub link: Link,
    /// Messages processed at once.
    #[serde(default = "defaults::threads", skip_serializing_if = "defaults::is_threads")]
    pub threads: u32,
    #[serde(default, skip_serializing_if = "defaults::is_default")]
    pub service: Service,
    /// Unacked deliveries allowed at once (`basic.qos`).
    #[serde(default = "defaults::prefetch", skip_serializing_if = "defaults::is_prefetch")]
    pub prefetch: u32,
    #[serde(default, skip_serializing_if = "defaults::is_default")]
    pub ack: Ack,
    /// Probability that processing one message fails (the consumer nacks it).
    #[serde(default, skip_serializing_if = "defaults::is_zero")]
    pub failure_probability: f64,
    /// On failure: nack with requeue (true) or without (dead-letter or discard).
    #[serde(default = "defaults::yes", skip_serializing_if = "defaults::is_true")]
    pub requeue_on_failure: bool,
    #[serde(default, skip_serializing_if = "defaults::is_default")]
    pub idempotency: Idempotency,
    #[serde(default, skip_serializing_if = "defaults::is_zero")]
    pub start_s: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_s: Option<f64>,
}

impl Default for Consumer {
    fn default() -> Self {
        Consumer {
            id: String::new(),
            queue: String::new(),
            node: None,
            link: Link::default(),
            threads: defaults::threads(),
            service: Service::default(),
            prefetch: defaults::prefetch(),
            ack: Ack::Manual,
            failure_probability: 0.0,
            requeue_on_failure: true,
            idempotency: Idempotency::None,
            start_s: 0.0,
            stop_s: None,
        }
    }
}

/// What a fault does. The target is a node id (crash_node, slow_disk), a consumer id
/// (crash_consumer), or a producer or consumer id, meaning its link (partition_link, link_loss).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    #[default]
    CrashNode,
    CrashConsumer,
    PartitionLink,
    /// Needs `probability`.
    LinkLoss,
    /// Needs `factor`.
    SlowDisk,
}

impl FaultKind {
    /// The kind's name as the scenario format writes it (`"crash_node"`).
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::CrashNode => "crash_node",
            FaultKind::CrashConsumer => "crash_consumer",
            FaultKind::PartitionLink => "partition_link",
            FaultKind::LinkLoss => "link_loss",
            FaultKind::SlowDisk => "slow_disk",
        }
    }
}

/// A fault at a fixed time.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    pub at_s: f64,
    /// `None`: to the end of the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_s: Option<f64>,
    pub kind: FaultKind,
    pub target: String,
    /// link_loss: the drop probability while the fault lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// slow_disk: how many times longer an fsync takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
}

/// A fault that strikes at random: exponential times between failures and to repair.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RandomFault {
    pub kind: FaultKind,
    pub target: String,
    /// Mean time between failures.
    pub mtbf_s: f64,
    /// Mean time to repair.
    pub mttr_s: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
}

/// Default values of optional fields; the one place that owns them (docs/scenario.md lists them).
pub mod defaults {
    pub fn seed() -> u64 {
        1
    }
    pub fn horizon_s() -> f64 {
        60.0
    }
    pub fn inter_node_latency_ms() -> f64 {
        0.5
    }
    pub fn capacity_per_s() -> f64 {
        20_000.0
    }
    pub fn fsync_ms() -> f64 {
        1.0
    }
    pub fn link_latency_ms() -> f64 {
        0.5
    }
    pub fn n_keys() -> u32 {
        1
    }
    pub fn timeout_ms() -> f64 {
        1_000.0
    }
    pub fn retries() -> u32 {
        3
    }
    pub fn retry_backoff_ms() -> f64 {
        100.0
    }
    pub fn max_in_flight() -> u32 {
        1_000
    }
    pub fn outbox_limit() -> u32 {
        100_000
    }
    pub fn threads() -> u32 {
        1
    }
    pub fn prefetch() -> u32 {
        10
    }
    pub fn service_ms() -> f64 {
        1.0
    }
    pub fn yes() -> bool {
        true
    }

    pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
        *value == T::default()
    }
    pub(crate) fn is_zero(value: &f64) -> bool {
        *value == 0.0
    }
    pub(crate) fn is_false(value: &bool) -> bool {
        !*value
    }
    pub(crate) fn is_true(value: &bool) -> bool {
        *value
    }
    pub(crate) fn is_inter_node_latency_ms(value: &f64) -> bool {
        *value == inter_node_latency_ms()
    }
    pub(crate) fn is_capacity_per_s(value: &f64) -> bool {
        *value == capacity_per_s()
    }
    pub(crate) fn is_fsync_ms(value: &f64) -> bool {
        *value == fsync_ms()
    }
    pub(crate) fn is_link_latency_ms(value: &f64) -> bool {
        *value == link_latency_ms()
    }
    pub(crate) fn is_n_keys(value: &u32) -> bool {
        *value == n_keys()
    }
    pub(crate) fn is_timeout_ms(value: &f64) -> bool {
        *value == timeout_ms()
    }
    pub(crate) fn is_retries(value: &u32) -> bool {
        *value == retries()
    }
    pub(crate) fn is_retry_backoff_ms(value: &f64) -> bool {
        *value == retry_backoff_ms()
    }
    pub(crate) fn is_max_in_flight(value: &u32) -> bool {
        *value == max_in_flight()
    }
    pub(crate) fn is_outbox_limit(value: &u32) -> bool {
        *value == outbox_limit()
    }
    pub(crate) fn is_threads(value: &u32) -> bool {
        *value == threads()
    }
    pub(crate) fn is_prefetch(value: &u32) -> bool {
        *value == prefetch()
    }
}

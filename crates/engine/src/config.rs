//! The engine's validated configuration: plain typed data, built by `mqlab-scenario`'s validator.
//!
//! Every id here is an index into the matching `Vec` of [`Config`]; the validator guarantees they
//! are in range and that every limit in [`limits`] holds. The engine trusts this data and does not
//! re-check it, so nothing outside the validator should build a `Config` from user input.

use crate::time::TimeUs;

/// Index of a broker node in [`Config::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u16);
/// Index of a producer in [`Config::producers`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProducerId(pub u16);
/// Index of an exchange in [`Config::exchanges`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExchangeId(pub u16);
/// Index of a queue in [`Config::queues`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QueueId(pub u16);
/// Index of a consumer in [`Config::consumers`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConsumerId(pub u16);

/// Hard limits the engine relies on (bit masks, table sizes, a responsive browser tab).
pub mod limits {
    /// Broker nodes per scenario (replica sets are 16-bit masks).
    pub const NODES_MAX: usize = 16;
    /// Queues per scenario (a message's per-queue progress is a 64-bit mask).
    pub const QUEUES_MAX: usize = 64;
    pub const PRODUCERS_MAX: usize = 64;
    pub const CONSUMERS_MAX: usize = 256;
    pub const EXCHANGES_MAX: usize = 64;
    pub const BINDINGS_MAX: usize = 1024;
    pub const FAULTS_MAX: usize = 256;
    /// Distinct message keys one producer draws from.
    pub const KEYS_MAX: u32 = 10_000;
    pub const THREADS_MAX: u32 = 256;
    pub const PREFETCH_MAX: u32 = 10_000;
    pub const IN_FLIGHT_MAX: u32 = 100_000;
    /// Resends per message (a producer's attempt number is 16 bits).
    pub const RETRIES_MAX: u32 = 65_535;
    /// Per-producer local buffer of messages waiting for a send window.
    pub const OUTBOX_MAX: u32 = 1_000_000;
    pub const QUEUE_LENGTH_MAX: u32 = 10_000_000;
    pub const RATE_PER_S_MAX: f64 = 1_000_000.0;
    pub const HORIZON_US_MAX: u64 = 24 * 3_600 * 1_000_000;
    /// Time-series buckets in a report.
    pub const BUCKETS_MAX: u64 = 2_000;
    /// Messages one run may create: keeps a browser tab responsive and memory bounded.
    pub const MESSAGES_MAX: u64 = 50_000_000;
}

/// Everything one run needs: the pipeline, its switches, the workload, faults, seed and horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The one seed every per-entity random stream is derived from.
    pub seed: u64,
    /// Virtual time at which the run stops.
    pub horizon_us: TimeUs,
    /// Width of one time-series bucket in the report.
    pub bucket_us: TimeUs,
    /// One-way latency between two broker nodes (replication, classic-cluster forwarding).
    pub inter_node_latency_us: TimeUs,
    pub nodes: Vec<NodeConfig>,
    pub producers: Vec<ProducerConfig>,
    pub exchanges: Vec<ExchangeConfig>,
    pub queues: Vec<QueueConfig>,
    pub bindings: Vec<BindingConfig>,
    pub consumers: Vec<ConsumerConfig>,
    pub faults: Vec<ScheduledFault>,
    pub random_faults: Vec<RandomFault>,
}

/// A broker node: one FIFO server for publish and replication work, and one disk.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeConfig {
    pub name: String,
    /// Broker operations per second: accepting a publish, storing a replica, forwarding.
    pub capacity_per_s: f64,
    /// Time for one fsync; writes that arrive during an fsync share the next one (group commit).
    pub fsync_us: TimeUs,
}

/// A network link between a client and its broker node. Delivery is in order (TCP-like):
/// jitter delays a message but never lets it overtake an earlier one.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LinkConfig {
    pub latency_us: TimeUs,
    /// Extra delay drawn uniformly from `0..=jitter_us`.
    pub jitter_us: TimeUs,
    /// Probability that one transfer (a publish, a confirm, a delivery) is dropped.
    pub loss_probability: f64,
}

/// How arrivals are spaced at the current rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrivals {
    /// Evenly spaced, `1/rate` apart.
    Constant,
    /// A Poisson process: exponential gaps with mean `1/rate`.
    Poisson,
}

/// A piecewise-constant send rate, optionally with periodic bursts on top.
#[derive(Clone, Debug, PartialEq)]
pub struct RateProfile {
    /// `(from_us, rate_per_s)` steps, sorted by time, the first at 0.
    pub steps: Vec<(TimeUs, f64)>,
    /// While a burst is on, the rate is the burst's rate instead of the step's.
    pub burst: Option<Burst>,
}

/// A burst that repeats every `every_us`, starting at `first_us`, lasting `for_us`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Burst {
    pub first_us: TimeUs,
    pub every_us: TimeUs,
    pub for_us: TimeUs,
    pub rate_per_s: f64,
}

/// How a producer learns that the broker took a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmMode {
    /// Fire and forget: the producer counts the message as sent the moment it leaves.
    None,
    /// AMQP transactions: publish then commit, one at a time, blocking until commit-ok.
    Transaction,
    /// Publisher confirms: asynchronous acks, up to `max_in_flight` unconfirmed.
    PublisherConfirms,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProducerConfig {
    pub name: String,
    pub rate: RateProfile,
    pub arrivals: Arrivals,
    pub start_us: TimeUs,
    /// The producer makes no new messages from this time on.
    pub stop_us: Option<TimeUs>,
    /// Keys are drawn uniformly from `0..n_keys`; 0 means every message has key 0.
    pub n_keys: u32,
    pub exchange: ExchangeId,
    /// Routing key; `{key}` is replaced by the message's key.
    pub routing_key: String,
    /// Headers for a headers exchange.
    pub headers: Vec<(String, String)>,
    /// AMQP delivery mode 2: written to disk by durable queues.
    pub persistent: bool,
    /// Per-message TTL (the `expiration` property).
    pub ttl_us: Option<TimeUs>,
    pub confirm: ConfirmMode,
    /// Time without a confirm after which the producer resends.
    pub timeout_us: TimeUs,
    /// Resends after the first attempt; then the producer gives up and knows it failed.
    pub retries: u32,
    pub retry_backoff_us: TimeUs,
    /// Unconfirmed messages allowed at once (forced to 1 for transactions).
    pub max_in_flight: u32,
    /// Messages waiting locally for a send window; beyond it new messages are refused.
    pub outbox_limit: u32,
    /// The broker node this producer is connected to.
    pub node: NodeId,
    pub link: LinkConfig,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExchangeKind {
    Direct,
    Fanout,
    Topic,
    /// `match_all`: `x-match=all` (every binding header must match) or `any`.
    Headers {
        match_all: bool,
    },
}

/// Exchanges are cluster-wide metadata in RabbitMQ: routing happens on the producer's node.
#[derive(Clone, Debug, PartialEq)]
pub struct ExchangeConfig {
    pub name: String,
    pub kind: ExchangeKind,
}

/// What a full queue (`max_length` ready messages) does with one more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overflow {
    /// Drop (or dead-letter) the oldest ready message.
    DropHead,
    /// Refuse the new one: a nack under confirms, silently dropped otherwise.
    RejectPublish,
    /// Refuse the new one and dead-letter it.
    RejectPublishDlx,
}

/// Where a queue's data lives.
#[derive(Clone, Debug, PartialEq)]
pub enum Placement {
    /// On one node (a single broker, or a classic cluster where other nodes hold only metadata).
    Home(NodeId),
    /// Classic mirrored queue: the first node leads; a publish is confirmed once every live
    /// mirror holds it.
    Mirrored(Vec<NodeId>),
    /// Quorum queue: Raft over the nodes; confirmed once a majority has it on disk; always durable.
    Quorum(Vec<NodeId>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct QueueConfig {
    pub name: String,
    /// A durable queue survives a broker restart (its persistent messages with it).
    pub durable: bool,
    pub max_length: Option<u32>,
    pub overflow: Overflow,
    /// Per-queue TTL (`x-message-ttl`).
    pub message_ttl_us: Option<TimeUs>,
    pub dead_letter_exchange: Option<ExchangeId>,
    /// Routing key for dead-lettered messages; `None` keeps the message's own.
    pub dead_letter_routing_key: Option<String>,
    pub placement: Placement,
}

/// A binding from an exchange to a queue.
#[derive(Clone, Debug, PartialEq)]
pub struct BindingConfig {
    pub exchange: ExchangeId,
    pub queue: QueueId,
    /// Binding key (direct), pattern with `*` and `#` (topic); unused by fanout and headers.
    pub key: String,
    /// Headers to match (headers exchange).
    pub headers: Vec<(String, String)>,
}

/// Service time of one message on one consumer thread.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ServiceTime {
    Constant {
        us: TimeUs,
    },
    Exponential {
        mean_us: TimeUs,
    },
    Uniform {
        min_us: TimeUs,
        max_us: TimeUs,
    },
    /// Log-normal with the given median and shape (σ of the underlying normal).
    LogNormal {
        median_us: TimeUs,
        sigma: f64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AckMode {
    /// `autoAck=true`: the broker forgets a message the moment it sends it.
    Auto,
    /// The consumer acks after processing; unacked messages are requeued if it goes away.
    Manual,
}

/// How a consumer keeps a redelivered message from changing the store twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idempotency {
    /// Every processing applies its effect.
    None,
    /// The effect is `set key = value`: applying it again changes nothing.
    UpsertByKey,
    /// Check an id store before processing, record the id after (not atomic: two concurrent
    /// deliveries of one id can both pass the check).
    DedupeIds,
    /// The store refuses a second insert of the same id, atomically.
    UniqueConstraint,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConsumerConfig {
    pub name: String,
    pub queue: QueueId,
    /// The broker node this consumer is connected to.
    pub node: NodeId,
    pub link: LinkConfig,
    /// Messages processed at once.
    pub threads: u32,
    pub service: ServiceTime,
    /// Unacked deliveries allowed at once (`basic.qos`); also the local buffer under auto-ack.
    pub prefetch: u32,
    pub ack: AckMode,
    /// Probability that processing one message fails (the consumer nacks it).
    pub failure_probability: f64,
    /// On failure, nack with requeue (true) or without (dead-letter or discard).
    pub requeue_on_failure: bool,
    pub idempotency: Idempotency,
    /// The consumer joins at this time.
    pub start_us: TimeUs,
    /// The consumer leaves (cancels, its unacked messages requeued) at this time.
    pub stop_us: Option<TimeUs>,
}

/// What a fault does while it lasts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FaultAction {
    /// The node stops; everything not on its disk is gone. It restarts when the fault ends.
    CrashNode(NodeId),
    /// The consumer process dies; it restarts when the fault ends.
    CrashConsumer(ConsumerId),
    /// Nothing crosses the link while the fault lasts.
    PartitionLink(LinkRef),
    /// The link drops each transfer with this probability while the fault lasts.
    LinkLoss(LinkRef, f64),
    /// The node's fsync takes this many times longer while the fault lasts.
    SlowDisk(NodeId, f64),
}

/// A client's link: producers and consumers each have one to their broker node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkRef {
    Producer(ProducerId),
    Consumer(ConsumerId),
}

/// A fault at a fixed time; `duration_us: None` means it lasts to the end of the run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScheduledFault {
    pub at_us: TimeUs,
    pub duration_us: Option<TimeUs>,
    pub action: FaultAction,
}

/// A fault that strikes at random: exponential times between failures and to repair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RandomFault {
    pub action: FaultAction,
    pub mean_time_between_us: TimeUs,
    pub mean_duration_us: TimeUs,
}

//! The result of a run: totals, losses by cause, latency, time series and per-component counts.
//!
//! Plain data without serde; `mqlab-scenario` turns it into the report JSON.

use crate::time::TimeUs;

/// Why a message was lost. A loss is a message whose producer was told success, or did not wait
/// to be told, and that will never be processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LossCause {
    /// Dropped by the producer's network link (no confirm to catch it).
    Network,
    /// Arrived at a broker node that was down.
    BrokerDown,
    /// Routed by its exchange to no queue.
    Unroutable,
    /// Refused or pushed out by a full queue (`max_length`) without a dead-letter exchange.
    Overflow,
    /// In a broker's memory (or not yet fsynced) when the node crashed.
    BrokerCrash,
    /// Its queue's node was down, so the queue could not take it.
    QueueUnavailable,
    /// Handed to a consumer under auto-ack, which died before processing it.
    ConsumerCrash,
    /// Dropped on the consumer's link under auto-ack.
    ConsumerLink,
    /// Processing failed and the message was dropped: a nack without requeue and without a
    /// dead-letter exchange, or a failure under auto-ack.
    Discarded,
}

impl LossCause {
    pub const ALL: [LossCause; 9] = [
        LossCause::Network,
        LossCause::BrokerDown,
        LossCause::Unroutable,
        LossCause::Overflow,
        LossCause::BrokerCrash,
        LossCause::QueueUnavailable,
        LossCause::ConsumerCrash,
        LossCause::ConsumerLink,
        LossCause::Discarded,
    ];
    pub const COUNT: usize = Self::ALL.len();

    /// The name used in reports and traces.
    pub fn name(self) -> &'static str {
        match self {
            LossCause::Network => "network",
            LossCause::BrokerDown => "broker_down",
            LossCause::Unroutable => "unroutable",
            LossCause::Overflow => "overflow",
            LossCause::BrokerCrash => "broker_crash",
            LossCause::QueueUnavailable => "queue_unavailable",
            LossCause::ConsumerCrash => "consumer_crash",
            LossCause::ConsumerLink => "consumer_link",
            LossCause::Discarded => "discarded",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// How one message ended. Exactly one per message; `in_flight` for those the run ended inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Processed at least once in every queue it was routed to.
    Processed,
    Lost(LossCause),
    Expired,
    DeadLettered,
    /// The producer was told it failed (nack, timeout after the last retry, full outbox).
    Rejected,
    InFlight,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Processed => "processed",
            Outcome::Lost(_) => "lost",
            Outcome::Expired => "expired",
            Outcome::DeadLettered => "dead_lettered",
            Outcome::Rejected => "rejected",
            Outcome::InFlight => "in_flight",
        }
    }
}

/// The report's headline numbers. `produced` equals the sum of the six outcomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub produced: u64,
    /// Distinct messages processed (at least once in every queue they were routed to).
    pub processed: u64,
    /// Effects applied to the store beyond the first, per message and queue.
    pub duplicates: u64,
    pub lost: u64,
    pub expired: u64,
    pub dead_lettered: u64,
    pub rejected: u64,
    pub in_flight: u64,
    /// First processings of a message after a later message of the same producer and key, in
    /// the same queue.
    pub out_of_order: u64,
}

/// Summary of a latency distribution, in microseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LatencySummary {
    pub count: u64,
    pub mean_us: f64,
    pub p50_us: u64,
    pub p99_us: u64,
    pub max_us: u64,
}

/// Counts within one time bucket `[start_us, start_us + bucket_us)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bucket {
    pub start_us: TimeUs,
    /// Messages created.
    pub produced: u64,
    /// Confirms (or transaction commits) received by producers.
    pub confirmed: u64,
    /// Deliveries from queues to consumers, redeliveries included.
    pub delivered: u64,
    /// Processings completed by consumers, duplicates included.
    pub processed: u64,
    /// Messages whose outcome became each of these in the bucket.
    pub lost_by_cause: [u64; LossCause::COUNT],
    pub expired: u64,
    pub dead_lettered: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub out_of_order: u64,
    /// End-to-end latency of messages processed in the bucket (0 when none).
    pub latency_p50_us: u64,
    pub latency_p99_us: u64,
    /// Per queue: ready plus unacked messages at the end of the bucket.
    pub backlog: Vec<u64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueueStats {
    pub name: String,
    pub enqueued: u64,
    pub depth_max: u64,
    /// Ready plus unacked at the end of the run.
    pub depth_end: u64,
    /// Dead letters routed into this queue (consumable like any message).
    pub dead_letters_parked: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProducerStats {
    pub name: String,
    pub created: u64,
    /// Transfers put on the link, resends included.
    pub sends: u64,
    pub resends: u64,
    pub confirmed: u64,
    pub nacked: u64,
    pub timeouts: u64,
    pub gave_up: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConsumerStats {
    pub name: String,
    pub delivered: u64,
    pub redelivered: u64,
    pub processed: u64,
    pub failed: u64,
    pub crashes: u64,
    /// Fraction of thread time spent processing, over the whole run.
    pub utilisation: f64,
}

/// The downstream store's view: every effect the consumers applied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoreStats {
    pub effects_applied: u64,
    /// Effects applied more than once for the same message and queue.
    pub duplicate_effects: u64,
    /// Redeliveries an idempotency strategy absorbed (upsert, dedupe hit, unique violation).
    pub duplicates_absorbed: u64,
    /// Effects applied by consuming dead letters (compensation; part of `effects_applied`).
    pub dead_letters_applied: u64,
}

/// How many example message ids a report keeps per kind of ending.
pub const EXAMPLES_MAX: usize = 20;

/// The first few message ids of each kind, so a learner can pick one and trace its life.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Examples {
    pub lost: Vec<(u64, LossCause)>,
    pub expired: Vec<u64>,
    pub dead_lettered: Vec<u64>,
    pub rejected: Vec<u64>,
    /// Messages whose effect reached the store more than once.
    pub duplicated: Vec<u64>,
    pub out_of_order: Vec<u64>,
}

/// Little's law, L = λW, measured two independent ways over the run.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LittlesLaw {
    /// Time-average number of messages in the system (integrated over virtual time).
    pub mean_in_system: f64,
    /// Messages created per second.
    pub arrival_rate_per_s: f64,
    /// Mean time a message spends in the system, counting to the end of the run for those still in it.
    pub mean_time_in_system_us: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub end_us: TimeUs,
    pub bucket_us: TimeUs,
    pub totals: Totals,
    pub lost_by_cause: [u64; LossCause::COUNT],
    /// Creation to processing (the last queue's first processing, for a fanned-out message).
    pub latency: LatencySummary,
    /// Creation to the producer being told success (or sending, without confirms).
    pub publish_latency: LatencySummary,
    pub series: Vec<Bucket>,
    pub queues: Vec<QueueStats>,
    pub producers: Vec<ProducerStats>,
    pub consumers: Vec<ConsumerStats>,
    pub store: StoreStats,
    pub littles_law: LittlesLaw,
    pub examples: Examples,
    /// Events the engine handled.
    pub events: u64,
}

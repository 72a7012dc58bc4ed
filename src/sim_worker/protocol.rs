//! The messages between the page and the simulation worker: plain serde data, converted here
//! from the engine's serde-free types.
//!
//! The page sends [`Command`]s; the worker answers with [`Update`]s. gloo-worker encodes both
//! with bincode (its default codec), so every type here is plain data: numbers, strings, vectors,
//! options and enums. Times are integer microseconds of virtual time, as in the engine.
//!
//! A typical session: `Load` → `Loaded` and an idle `Frame`; `Play` → a `Frame` about every
//! 16 ms of wall time while running; at the horizon a last `Frame` (state `finished`) and
//! `Finished` with the report JSON. See [`crate::sim_worker`] for the rules of each command.

use serde::{Deserialize, Serialize};

use mqlab_engine::report::{Bucket, LossCause};
use mqlab_engine::snapshot::Snapshot;
use mqlab_engine::trace::{Trace, What};

/// How fast a playing simulation advances.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Speed {
    /// Virtual seconds per wall-clock second: `1.0` is real time, `0.1` slow motion, `100.0`
    /// a hundred times faster. Must lie in [`Speed::SCALED_MIN`, `Speed::SCALED_MAX`].
    Scaled(f64),
    /// As fast as the worker can compute, in slices of about 8 ms so it stays responsive.
    Max,
}

impl Speed {
    /// The slowest scaled speed: one virtual millisecond per wall second.
    pub const SCALED_MIN: f64 = 0.001;
    /// The fastest scaled speed; beyond it, use [`Speed::Max`].
    pub const SCALED_MAX: f64 = 1_000_000.0;
}

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Parses and validates a scenario and builds its simulation at time 0 (state `idle`).
    /// Answered by `Loaded` and a `Frame`, or by `Error` with the validator's messages, in which
    /// case the scenario loaded before (if any) stays loaded.
    Load { scenario_json: String },
    /// Runs at `speed` (also changes the speed while running). No effect once finished.
    Play { speed: Speed },
    /// Stops advancing. A `Step` or `Seek` under way still completes, then stays paused.
    Pause,
    /// Advances to the end of the current time bucket (the charts gain one point), then pauses.
    Step,
    /// Handles exactly one engine event, then pauses: the finest step, to watch one message move.
    StepEvent,
    /// Moves the run to virtual time `t_us` (capped at the horizon). Backwards it rebuilds the
    /// simulation and re-runs it from 0 (deterministic, so the same state as before); forwards
    /// it runs on. Both run at top speed; a run that was playing keeps playing afterwards.
    Seek { t_us: u64 },
    /// Runs to the horizon at top speed (same as `Play { speed: Max }`).
    RunToEnd,
    /// Rebuilds the simulation at time 0 (state `idle`).
    Reset,
    /// The life of message `message_id` in the loaded scenario. Re-runs the whole scenario with
    /// a filter on that id, in one go: it costs one full run at top speed.
    Trace { message_id: u64 },
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Update {
    Loaded(Loaded),
    Frame(Frame),
    /// The run reached its horizon. `report_json` is exactly
    /// `mqlab_scenario::report_to_string` of the final report: what `mqlab run` prints.
    Finished {
        report_json: String,
    },
    Trace(TraceView),
    /// A command failed. `message` is one sentence per line; `errors` holds each validation
    /// error with its path (empty for other failures).
    Error {
        message: String,
        errors: Vec<FieldError>,
    },
    /// The worker panicked and is gone: the page must spawn a new one (and `Load` again).
    Crashed {
        message: String,
    },
}

/// A scenario is loaded: what the page needs to label everything the frames carry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    /// The scenario's `name`.
    pub title: String,
    pub seed: u64,
    pub horizon_us: u64,
    /// Width of one time bucket; bucket `i` starts at `i * bucket_us`.
    pub bucket_us: u64,
    /// Component ids in the engine's order: a frame's vectors and a bucket's `backlog` follow it.
    pub nodes: Vec<String>,
    pub producers: Vec<String>,
    pub exchanges: Vec<String>,
    pub queues: Vec<String>,
    pub consumers: Vec<String>,
    /// Loss-cause names in the order of [`BucketView::lost_by_cause`] (as in the report JSON).
    pub loss_causes: Vec<String>,
}

/// The run's state, as the page's `run-state` element shows it in `data-state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunState {
    /// Loaded (or reset) and not yet advanced.
    Idle,
    /// Playing, stepping or seeking.
    Running,
    /// Stopped before the horizon.
    Paused,
    /// At the horizon; the report has been sent.
    Finished,
}

impl RunState {
    /// The `data-state` value: `idle`, `running`, `paused` or `finished`.
    pub fn name(self) -> &'static str {
        match self {
            RunState::Idle => "idle",
            RunState::Running => "running",
            RunState::Paused => "paused",
            RunState::Finished => "finished",
        }
    }
}

/// One picture of the run, sent at most about every 16 ms of wall time while running and once
/// after every command.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub now_us: u64,
    pub state: RunState,
    /// Where a `Step` or `Seek` under way is heading; `None` otherwise.
    pub target_us: Option<u64>,
    pub snapshot: SnapshotView,
    /// Index in the run's series of `new_buckets[0]`. The page keeps its series with
    /// `series.truncate(buckets_from); series.extend(new_buckets)`: after a seek back or a reset
    /// it is smaller than what the page holds.
    pub buckets_from: u32,
    /// Time buckets closed since the previous frame, oldest first. Across frames they add up to
    /// exactly the final report's `series`.
    pub new_buckets: Vec<BucketView>,
}

/// Live state for drawing: [`mqlab_engine::snapshot::Snapshot`] as plain data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapshotView {
    pub totals: TotalsView,
    /// Per node, in [`Loaded::nodes`] order: is it up.
    pub nodes_up: Vec<bool>,
    pub producers: Vec<ProducerView>,
    pub queues: Vec<QueueView>,
    pub consumers: Vec<ConsumerView>,
    /// Messages the engine is tracking right now.
    pub live_messages: u64,
    /// Messages on the clients' links now (the most recent few hundred transfers), or dropped
    /// by a link a moment ago: the dots the canvas draws.
    pub on_wires: Vec<TransferView>,
}

/// One transfer on a client's link: [`mqlab_engine::wires::Transfer`] as plain data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferView {
    pub message_id: u64,
    pub carries: Carries,
    pub client: WireClient,
    pub sent_us: u64,
    /// `None`: the link dropped it.
    pub arrives_us: Option<u64>,
}

/// What a transfer carries (see [`mqlab_engine::wires::Carries`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Carries {
    Publish,
    Confirm,
    Delivery,
    Redelivery,
    Ack,
}

/// Whose link: a producer's or a consumer's, by index in [`Loaded`]'s lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WireClient {
    Producer(u16),
    Consumer(u16),
}

impl From<&mqlab_engine::wires::Transfer> for TransferView {
    fn from(t: &mqlab_engine::wires::Transfer) -> TransferView {
        use mqlab_engine::wires::{Carries as C, Client};
        TransferView {
            message_id: t.message_id,
            carries: match t.carries {
                C::Publish => Carries::Publish,
                C::Confirm => Carries::Confirm,
                C::Delivery => Carries::Delivery,
                C::Redelivery => Carries::Redelivery,
                C::Ack => Carries::Ack,
            },
            client: match t.client {
                Client::Producer(i) => WireClient::Producer(i),
                Client::Consumer(i) => WireClient::Consumer(i),
            },
            sent_us: t.sent_us,
            arrives_us: t.arrives_us,
        }
    }
}

/// Running totals, as the report's `totals` (`in_flight` counts every message not yet ended).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalsView {
    pub produced: u64,
    pub processed: u64,
    pub duplicates: u64,
    pub lost: u64,
    pub expired: u64,
    pub dead_lettered: u64,
    pub rejected: u64,
    pub in_flight: u64,
    pub out_of_order: u64,
}

impl TotalsView {
    /// Each total with its name in the report's `totals`, in the page's order
    /// (`report_view::TOTAL_NAMES`).
    pub fn by_name(&self) -> [(&'static str, u64); 9] {
        [
            ("produced", self.produced),
            ("processed", self.processed),
            ("duplicates", self.duplicates),
            ("lost", self.lost),
            ("expired", self.expired),
            ("dead_lettered", self.dead_lettered),
            ("rejected", self.rejected),
            ("in_flight", self.in_flight),
            ("out_of_order", self.out_of_order),
        ]
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerView {
    /// Made but not yet sent (waiting for the confirm window).
    pub outbox: u64,
    /// Sent and not yet confirmed.
    pub in_flight: u64,
    /// Publishes on the wire to the broker.
    pub on_link_to_broker: u64,
    pub partitioned: bool,
    /// Transfers put on the link so far, resends included.
    pub sends: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub ready: u64,
    pub unacked: u64,
    pub available: bool,
    /// Index (in [`Loaded::nodes`]) of the node serving the queue now.
    pub leader: Option<u16>,
    pub dead_letters_parked: u64,
    /// Copies routed into the queue so far.
    pub enqueued: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsumerView {
    pub up: bool,
    pub connected: bool,
    pub busy_threads: u32,
    pub buffered: u64,
    /// Deliveries on the wire to this consumer.
    pub on_link_to_consumer: u64,
    /// Deliveries and processings so far.
    pub delivered: u64,
    pub processed: u64,
}

/// Counts within one time bucket `[start_us, start_us + bucket_us)`: one point of each chart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketView {
    pub start_us: u64,
    pub produced: u64,
    pub confirmed: u64,
    pub delivered: u64,
    pub processed: u64,
    /// In [`Loaded::loss_causes`] order.
    pub lost_by_cause: Vec<u64>,
    pub expired: u64,
    pub dead_lettered: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub out_of_order: u64,
    pub latency_p50_us: u64,
    pub latency_p99_us: u64,
    /// Per queue, in [`Loaded::queues`] order: ready plus unacked at the end of the bucket.
    pub backlog: Vec<u64>,
}

/// The life of one message, from the engine's trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceView {
    pub message_id: u64,
    /// Whether the run made a message with this id at all.
    pub found: bool,
    pub events: Vec<TraceEventView>,
    /// `processed`, `lost`, `expired`, `dead_lettered`, `rejected`; `None` while in flight at
    /// the end of the run.
    pub outcome: Option<String>,
    /// The virtual time the outcome was decided; `None` while in flight at the end of the run.
    /// It may come before later events (a redelivery processed again) and is the only time a
    /// loss that leaves no event of its own has.
    pub outcome_us: Option<u64>,
    /// The loss cause (as in the report's `lost_by_cause`) when the message was lost.
    pub loss_cause: Option<String>,
    /// The outcome as one line, as `mqlab trace` prints it.
    pub outcome_line: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceEventView {
    pub t_us: u64,
    /// The component's id in the scenario.
    pub place: String,
    pub what: WhatView,
}

/// What happened at one step of a message's life: [`mqlab_engine::trace::What`] as plain data
/// (see there for each step).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WhatView {
    Produced { key: u32, seq: u64 },
    OutboxFull,
    Sent { attempt: u32 },
    DroppedOnProducerLink,
    Confirmed,
    NackedByBroker,
    ConfirmTimedOut,
    GaveUp,
    NodeDown,
    Unroutable,
    QueueUnavailable,
    PushedOutDropHead,
    QueueFullRejectPublish,
    QueueFullRejectPublishDlx,
    Expired,
    Stored,
    Replicated,
    WrittenToDisk,
    DeadLettered,
    LostInBrokerCrash,
    Delivered { redelivery: bool },
    DroppedOnConsumerLink,
    SkippedDuplicate,
    ProcessingStarted,
    ProcessingFailed,
    ProcessedFromDeadLetterQueue,
    Processed { first: bool },
    OutOfOrder,
    Acked,
    NackedRequeued,
    NackedWithoutRequeue,
    ConsumerCrashed,
}

impl From<What> for WhatView {
    fn from(what: What) -> WhatView {
        match what {
            What::Produced { key, seq } => WhatView::Produced { key, seq },
            What::OutboxFull => WhatView::OutboxFull,
            What::Sent { attempt } => WhatView::Sent { attempt },
            What::DroppedOnProducerLink => WhatView::DroppedOnProducerLink,
            What::Confirmed => WhatView::Confirmed,
            What::NackedByBroker => WhatView::NackedByBroker,
            What::ConfirmTimedOut => WhatView::ConfirmTimedOut,
            What::GaveUp => WhatView::GaveUp,
            What::NodeDown => WhatView::NodeDown,
            What::Unroutable => WhatView::Unroutable,
            What::QueueUnavailable => WhatView::QueueUnavailable,
            What::PushedOutDropHead => WhatView::PushedOutDropHead,
            What::QueueFullRejectPublish => WhatView::QueueFullRejectPublish,
            What::QueueFullRejectPublishDlx => WhatView::QueueFullRejectPublishDlx,
            What::Expired => WhatView::Expired,
            What::Stored => WhatView::Stored,
            What::Replicated => WhatView::Replicated,
            What::WrittenToDisk => WhatView::WrittenToDisk,
            What::DeadLettered => WhatView::DeadLettered,
            What::LostInBrokerCrash => WhatView::LostInBrokerCrash,
            What::Delivered { redelivery } => WhatView::Delivered { redelivery },
            What::DroppedOnConsumerLink => WhatView::DroppedOnConsumerLink,
            What::SkippedDuplicate => WhatView::SkippedDuplicate,
            What::ProcessingStarted => WhatView::ProcessingStarted,
            What::ProcessingFailed => WhatView::ProcessingFailed,
            What::ProcessedFromDeadLetterQueue => WhatView::ProcessedFromDeadLetterQueue,
            What::Processed { first } => WhatView::Processed { first },
            What::OutOfOrder => WhatView::OutOfOrder,
            What::Acked => WhatView::Acked,
            What::NackedRequeued => WhatView::NackedRequeued,
            What::NackedWithoutRequeue => WhatView::NackedWithoutRequeue,
            What::ConsumerCrashed => WhatView::ConsumerCrashed,
        }
    }
}

/// One validation error: where (`producers[0].rate_per_s`) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

/// Every loss-cause name, in the engine's order.
pub fn loss_cause_names() -> Vec<String> {
    LossCause::ALL.iter().map(|c| c.name().to_string()).collect()
}

impl From<&Snapshot> for SnapshotView {
    fn from(s: &Snapshot) -> SnapshotView {
        let t = &s.totals;
        SnapshotView {
            totals: TotalsView {
                produced: t.produced,
                processed: t.processed,
                duplicates: t.duplicates,
                lost: t.lost,
                expired: t.expired,
                dead_lettered: t.dead_lettered,
                rejected: t.rejected,
                in_flight: t.in_flight,
                out_of_order: t.out_of_order,
            },
            nodes_up: s.nodes.iter().map(|n| n.up).collect(),
            producers: s
                .producers
                .iter()
                .map(|p| ProducerView {
                    outbox: p.outbox,
                    in_flight: p.in_flight,
                    on_link_to_broker: p.on_link_to_broker,
                    partitioned: p.partitioned,
                    sends: p.sends,
                })
                .collect(),
            queues: s
                .queues
                .iter()
                .map(|q| QueueView {
                    ready: q.ready,
                    unacked: q.unacked,
                    available: q.available,
                    leader: q.leader,
                    dead_letters_parked: q.dead_letters_parked,
                    enqueued: q.enqueued,
                })
                .collect(),
            consumers: s
                .consumers
                .iter()
                .map(|c| ConsumerView {
                    up: c.up,
                    connected: c.connected,
                    busy_threads: c.busy_threads,
                    buffered: c.buffered,
                    on_link_to_consumer: c.on_link_to_consumer,
                    delivered: c.delivered,
                    processed: c.processed,
                })
                .collect(),
            live_messages: s.live_messages,
            on_wires: s.on_wires.iter().map(TransferView::from).collect(),
        }
    }
}

impl From<&Bucket> for BucketView {
    fn from(b: &Bucket) -> BucketView {
        BucketView {
            start_us: b.start_us,
            produced: b.produced,
            confirmed: b.confirmed,
            delivered: b.delivered,
            processed: b.processed,
            lost_by_cause: b.lost_by_cause.to_vec(),
            expired: b.expired,
            dead_lettered: b.dead_lettered,
            rejected: b.rejected,
            duplicates: b.duplicates,
            out_of_order: b.out_of_order,
            latency_p50_us: b.latency_p50_us,
            latency_p99_us: b.latency_p99_us,
            backlog: b.backlog.clone(),
        }
    }
}

/// Back to the engine's bucket on the page, where the charts read buckets (`RunSeries`). A
/// cause beyond the engine's list (never sent by this worker) is dropped.
impl From<&BucketView> for Bucket {
    fn from(b: &BucketView) -> Bucket {
        let mut lost_by_cause = [0; LossCause::COUNT];
        for (slot, count) in lost_by_cause.iter_mut().zip(&b.lost_by_cause) {
            *slot = *count;
        }
        Bucket {
            start_us: b.start_us,
            produced: b.produced,
            confirmed: b.confirmed,
            delivered: b.delivered,
            processed: b.processed,
            lost_by_cause,
            expired: b.expired,
            dead_lettered: b.dead_lettered,
            rejected: b.rejected,
            duplicates: b.duplicates,
            out_of_order: b.out_of_order,
            latency_p50_us: b.latency_p50_us,
            latency_p99_us: b.latency_p99_us,
            backlog: b.backlog.clone(),
        }
    }
}

impl From<&Trace> for TraceView {
    fn from(t: &Trace) -> TraceView {
        use mqlab_engine::report::Outcome;
        TraceView {
            message_id: t.message_id,
            found: t.found,
            events: t
                .events
                .iter()
                .map(|e| TraceEventView { t_us: e.t_us, place: e.place.clone(), what: e.what.into() })
                .collect(),
            outcome: t.outcome.map(|o| o.name().to_string()),
            outcome_us: t.outcome_us,
            loss_cause: match t.outcome {
                Some(Outcome::Lost(cause)) => Some(cause.name().to_string()),
                _ => None,
            },
            outcome_line: t.outcome_line(),
        }
    }
}

impl From<&mqlab_scenario::Errors> for Update {
    fn from(errors: &mqlab_scenario::Errors) -> Update {
        Update::Error {
            message: errors.to_string(),
            errors: errors.iter().map(|e| FieldError { path: e.path.clone(), message: e.message.clone() }).collect(),
        }
    }
}

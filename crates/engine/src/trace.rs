//! The life of one message: every step with its virtual time and place, ending in its outcome.
//!
//! Tracing re-runs the scenario with a filter on one message id, so ordinary runs pay only a
//! branch per step.

use crate::report::Outcome;
use crate::time::TimeUs;

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceEvent {
    pub t_us: TimeUs,
    /// The component where it happened (its id in the scenario).
    pub place: String,
    pub what: What,
}

/// What happened to the traced message at one step of its life. `Display` gives the English
/// sentence `mqlab trace` prints; the page words each step in the learner's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    // At the producer.
    /// The producer made it.
    Produced {
        key: u32,
        seq: u64,
    },
    /// The producer's outbox was full, so it was refused at once.
    OutboxFull,
    /// Put on the producer's link; `attempt` counts from 1.
    Sent {
        attempt: u32,
    },
    DroppedOnProducerLink,
    Confirmed,
    NackedByBroker,
    ConfirmTimedOut,
    GaveUp,
    // At the broker.
    NodeDown,
    Unroutable,
    QueueUnavailable,
    /// A full queue with overflow `drop-head` pushed it out to make room.
    PushedOutDropHead,
    /// A full queue with overflow `reject-publish` refused it.
    QueueFullRejectPublish,
    /// A full queue with overflow `reject-publish-dlx` refused it (and dead-letters it).
    QueueFullRejectPublishDlx,
    /// Its time to live ran out in the queue.
    Expired,
    Stored,
    Replicated,
    WrittenToDisk,
    DeadLettered,
    LostInBrokerCrash,
    // At the consumer.
    Delivered {
        redelivery: bool,
    },
    DroppedOnConsumerLink,
    /// The consumer's dedupe store already held its id.
    SkippedDuplicate,
    ProcessingStarted,
    ProcessingFailed,
    ProcessedFromDeadLetterQueue,
    /// Its effect reached the store: the first time in its queue, or again (a duplicate).
    Processed {
        first: bool,
    },
    /// Processed after a later message of the same key (at the store).
    OutOfOrder,
    Acked,
    NackedRequeued,
    NackedWithoutRequeue,
    ConsumerCrashed,
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match *self {
            What::Produced { key, seq } => return write!(f, "produced (key {key}, seq {seq})"),
            What::Sent { attempt } => return write!(f, "sent (attempt {attempt})"),
            What::OutboxFull => "refused: the producer's outbox is full",
            What::DroppedOnProducerLink => "dropped on the producer's link",
            What::Confirmed => "confirmed",
            What::NackedByBroker => "nacked by the broker",
            What::ConfirmTimedOut => "no confirm in time",
            What::GaveUp => "gave up: out of retries",
            What::NodeDown => "refused: node is down",
            What::Unroutable => "unroutable: no binding matched",
            What::QueueUnavailable => "refused: queue unavailable",
            What::PushedOutDropHead => "pushed out: queue full (drop-head)",
            What::QueueFullRejectPublish => "refused: queue full (reject-publish)",
            What::QueueFullRejectPublishDlx => "refused: queue full (reject-publish-dlx)",
            What::Expired => "expired (TTL)",
            What::Stored => "stored",
            What::Replicated => "replicated",
            What::WrittenToDisk => "written to disk (fsync)",
            What::DeadLettered => "dead-lettered",
            What::LostInBrokerCrash => "lost in a broker crash",
            What::Delivered { redelivery: false } => "delivered",
            What::Delivered { redelivery: true } => "delivered (redelivery)",
            What::DroppedOnConsumerLink => "delivery dropped on the consumer's link",
            What::SkippedDuplicate => "skipped: id already in the dedupe store",
            What::ProcessingStarted => "processing started",
            What::ProcessingFailed => "processing failed",
            What::ProcessedFromDeadLetterQueue => "processed from the dead-letter queue",
            What::Processed { first: true } => "processed: effect applied to the store",
            What::Processed { first: false } => "processed again",
            What::OutOfOrder => "out of order: a later message of its key was processed first",
            What::Acked => "acked",
            What::NackedRequeued => "nacked: requeued",
            What::NackedWithoutRequeue => "nacked without requeue",
            What::ConsumerCrashed => "consumer crashed holding it",
        };
        f.write_str(text)
    }
}

pub(crate) struct TraceRecorder {
    pub message_id: u64,
    pub events: Vec<TraceEvent>,
    pub outcome: Option<crate::report::Outcome>,
    pub outcome_us: Option<TimeUs>,
}

impl TraceRecorder {
    pub fn new(message_id: u64) -> TraceRecorder {
        TraceRecorder { message_id, events: Vec::new(), outcome: None, outcome_us: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub message_id: u64,
    /// Whether the run made a message with this id at all.
    pub found: bool,
    pub events: Vec<TraceEvent>,
    /// `None` when the run ended with the message still in flight.
    pub outcome: Option<Outcome>,
    /// When the outcome was decided. Not always the last event's time: a message counts as
    /// processed at its first processing in every queue, and a redelivery may follow; some
    /// losses (a copy held in a crashed node's memory) leave no event of their own.
    pub outcome_us: Option<TimeUs>,
}

impl Trace {
    /// The outcome as one line, with the loss cause where there is one.
    pub fn outcome_line(&self) -> String {
        match self.outcome {
            None => "outcome: in flight at the end of the run".to_string(),
            Some(Outcome::Lost(cause)) => format!("outcome: lost ({})", cause.name()),
            Some(o) => format!("outcome: {}", o.name()),
        }
    }
}

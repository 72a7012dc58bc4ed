//! A message and its copies: the units the engine tracks one by one.
//!
//! A *message* is what a producer made; its outcome is counted once. A *copy* is one instance of
//! it inside the system: a publish routed into a queue, a requeued delivery, a redelivery after a
//! producer's resend. Each copy is in exactly one place and ends exactly once; a message is done
//! when its producer has settled it and no copy of it is left.

use crate::config::{ConsumerId, ProducerId, QueueId};
use crate::report::{LossCause, Outcome};
use crate::routing::QueueMask;
use crate::slab::Key;
use crate::time::TimeUs;

/// A producer's attempt number for one message (0 for the first send); retries are capped at
/// `limits::RETRIES_MAX`, which fits.
pub type Attempt = u16;

/// A generation counter (a node's crashes, a consumer's channels and lives): events carry the
/// epoch they were scheduled in and are ignored once it has moved on. Only equality matters, so
/// it wraps.
pub type Epoch = u16;

/// What the producer knows about a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProducerView {
    /// Waiting in the outbox or for a confirm: the producer may still resend it.
    Waiting,
    /// Confirmed, or sent without waiting for a confirm.
    Settled,
    /// Told it failed: out of retries, nacked for good, or refused by a full outbox.
    GaveUp,
}

/// The worst thing that happened to a copy that did not get processed; the message's outcome
/// when no copy got through. Ordered by precedence: a loss outranks a dead-letter outranks an
/// expiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    None,
    Expired,
    DeadLettered,
    Lost(LossCause),
}

impl Fate {
    fn rank(self) -> u8 {
        match self {
            Fate::None => 0,
            Fate::Expired => 1,
            Fate::DeadLettered => 2,
            Fate::Lost(_) => 3,
        }
    }

    /// Keeps the worse of two fates; between two losses, the first cause stands.
    pub fn worst(self, other: Fate) -> Fate {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

pub struct Message {
    pub id: u64,
    pub producer: ProducerId,
    pub key: u32,
    /// The producer's sequence number.
    pub seq: u64,
    pub birth_us: TimeUs,
    pub view: ProducerView,
    /// The producer's current attempt (0 for the first send).
    pub attempt: Attempt,
    /// Queues still to accept the current attempt before the producer is confirmed.
    pub confirm_wait: u16,
    /// Some queue refused the current attempt (the confirm will be a nack).
    pub confirm_refused: bool,
    /// Holds one of its producer's in-flight slots.
    pub holds_window: bool,
    pub live_copies: u32,
    /// Queues a copy of it has been routed to.
    pub routed: QueueMask,
    /// Queues in which it has been processed at least once.
    pub processed: QueueMask,
    /// Queues whose consumers recorded its id in a dedupe store.
    pub dedupe_marked: QueueMask,
    pub fate: Fate,
    /// Its outcome has been counted (it may still have copies that can make duplicates).
    pub counted: bool,
}

impl Message {
    /// Processed in every queue it was routed to.
    pub fn fully_processed(&self) -> bool {
        self.routed != 0 && self.processed & self.routed == self.routed
    }

    /// The outcome once no copy is left and the producer has settled it.
    pub fn final_outcome(&self) -> Outcome {
        if self.fully_processed() {
            return Outcome::Processed;
        }
        if self.view == ProducerView::GaveUp {
            return Outcome::Rejected;
        }
        match self.fate {
            Fate::Lost(cause) => Outcome::Lost(cause),
            Fate::DeadLettered => Outcome::DeadLettered,
            Fate::Expired => Outcome::Expired,
            // Every copy that ends unprocessed records a fate, so this means a copy was processed
            // in some queue but never routed to the others: the checker flags it.
            Fate::None => Outcome::InFlight,
        }
    }
}

/// Where a copy is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Travelling between broker nodes towards its queue's leader.
    Forwarding,
    /// In its queue, ready to deliver (or kept on disk while the queue's node is down).
    Ready,
    /// Delivered under manual ack; the broker keeps it until the ack.
    Unacked(ConsumerId),
    /// Handed to a consumer under auto-ack: the broker has forgotten it.
    AtConsumer(ConsumerId),
    /// The broker gave up on this delivery (its channel closed); the consumer may still process
    /// it, but its ack will not count.
    Orphaned(ConsumerId),
}

#[derive(Clone)]
pub struct MessageCopy {
    pub msg: Key,
    pub msg_id: u64,
    /// The producer and key of its message (for a dead-letter copy's own routing key).
    pub producer: ProducerId,
    pub key: u32,
    /// A dead letter: a copy the dead-letter exchange put into another queue. Its message's
    /// outcome was counted when it was dead-lettered; consuming it later is compensation
    /// (re-publishing, fixing by hand) and changes the store, not the outcome.
    pub dead_letter: bool,
    pub queue: QueueId,
    /// The producer attempt that made it (or that its original was made by).
    pub attempt: Attempt,
    /// Written to disk on the queue's nodes (durable queue and persistent message, or quorum).
    pub persistent: bool,
    /// Nodes holding it in memory (bit per node).
    pub held_by: u16,
    /// Nodes holding it on disk.
    pub on_disk: u16,
    /// Acknowledgements (fsync, replicas) still needed before the queue has accepted it.
    pub acks_needed: u8,
    pub accepted: bool,
    pub expires_us: TimeUs,
    pub redelivered: bool,
    pub place: Place,
    /// Channel epoch of the consumer it was delivered on.
    pub channel_epoch: Epoch,
    /// Process epoch of the consumer it was delivered to.
    pub process_epoch: Epoch,
    /// What it means for the message if this copy ends without being processed.
    pub fate_if_dropped: Fate,
}

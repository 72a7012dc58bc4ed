//! Messages on the clients' network links, recorded for drawing when asked
//! ([`Simulation::watch_wires`](crate::Simulation::watch_wires)): each transfer's message, what it
//! carries, which client's link it is on, when it left and when it arrives, or that the link
//! dropped it. Off by default, so an ordinary run pays one branch per transfer.

use std::collections::VecDeque;

use crate::time::TimeUs;

/// What a transfer on a client's link carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carries {
    /// Producer → broker.
    Publish,
    /// Broker → producer: a publisher confirm, nack or transaction commit.
    Confirm,
    /// Broker → consumer.
    Delivery,
    /// Broker → consumer, a message delivered before.
    Redelivery,
    /// Consumer → broker: an ack or nack.
    Ack,
}

/// Whose link a transfer is on, by the client's index in the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Client {
    Producer(u16),
    Consumer(u16),
}

/// One transfer on a client's link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transfer {
    pub message_id: u64,
    pub carries: Carries,
    pub client: Client,
    pub sent_us: TimeUs,
    /// `None`: the link dropped it (a loss on the wire, or a partition).
    pub arrives_us: Option<TimeUs>,
}

/// The most recent transfers kept: at high rates only these are drawn (the wire's thickness
/// shows the rate).
pub const WATCHED_MAX: usize = 512;
/// How long a dropped transfer stays on the wire, as a mark of where the message vanished.
pub const DROPPED_SHOWN_US: TimeUs = 20_000;

/// The recent transfers, oldest first, at most [`WATCHED_MAX`].
#[derive(Debug, Default)]
pub(crate) struct WireWatch {
    recent: VecDeque<Transfer>,
}

impl WireWatch {
    pub(crate) fn record(&mut self, transfer: Transfer) {
        if self.recent.len() == WATCHED_MAX {
            self.recent.pop_front();
        }
        self.recent.push_back(transfer);
    }

    /// Transfers on a wire at `now_us`: sent and not yet arrived, or dropped within
    /// [`DROPPED_SHOWN_US`].
    pub(crate) fn on_wires(&self, now_us: TimeUs) -> Vec<Transfer> {
        self.recent
            .iter()
            .filter(|t| {
                t.sent_us <= now_us
                    && match t.arrives_us {
                        Some(at) => at > now_us,
                        None => now_us - t.sent_us <= DROPPED_SHOWN_US,
                    }
            })
            .copied()
            .collect()
    }
}

//! Live state for drawing: queue depths, messages on wires, component states, running totals.

use crate::report::Totals;
use crate::time::TimeUs;

#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub now_us: TimeUs,
    pub totals: Totals,
    pub nodes: Vec<NodeView>,
    pub producers: Vec<ProducerViewSnap>,
    pub queues: Vec<QueueView>,
    pub consumers: Vec<ConsumerView>,
    /// Messages the engine is tracking right now.
    pub live_messages: u64,
    /// Transfers on the clients' links now, if the wires are watched
    /// ([`Simulation::watch_wires`](crate::Simulation::watch_wires)); empty otherwise.
    pub on_wires: Vec<crate::wires::Transfer>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub up: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProducerViewSnap {
    /// Made but not yet sent (waiting for the confirm window).
    pub outbox: u64,
    /// Sent and not yet confirmed.
    pub in_flight: u64,
    /// Publishes on the wire to the broker.
    pub on_link_to_broker: u64,
    pub partitioned: bool,
    /// Transfers put on the link so far, resends included: the page's rate on the publish wire.
    pub sends: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QueueView {
    pub ready: u64,
    pub unacked: u64,
    pub available: bool,
    /// The node serving the queue now.
    pub leader: Option<u16>,
    pub dead_letters_parked: u64,
    /// Copies routed into the queue so far: the rate on the wires into it.
    pub enqueued: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConsumerView {
    pub up: bool,
    pub connected: bool,
    pub busy_threads: u32,
    pub buffered: u64,
    /// Deliveries on the wire to this consumer.
    pub on_link_to_consumer: u64,
    /// Deliveries and processings so far: the rates on the consume wire and to the store.
    pub delivered: u64,
    pub processed: u64,
}

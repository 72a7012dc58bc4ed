//! The simulation: world state, the event loop, and stepping controls for whoever drives it.
//!
//! The engine has no clock: `step`, `run_until` and `run` advance virtual time as fast as the
//! caller asks. Handlers live beside this file, one file per part of the pipeline.

mod broker;
mod consumer;
mod faults;
mod outcomes;
mod producer;

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

use crate::config::{Config, ConfirmMode, ConsumerId, NodeId, Placement, ProducerId, QueueId};
use crate::events::EventQueue;
use crate::link::{Direction, LinkState};
use crate::message::{Attempt, Epoch, Message, MessageCopy};
use crate::metrics::Metrics;
use crate::report::{ConsumerStats, ProducerStats, QueueStats, Report};
use crate::rng::{Stream, StreamKind};
use crate::routing::{producer_routes, QueueMask};
use crate::slab::{Key, Slab};
use crate::snapshot::{ConsumerView, NodeView, ProducerViewSnap, QueueView, Snapshot};
use crate::time::{interval_us, TimeUs};
use crate::trace::{TraceEvent, TraceRecorder, What};

/// Something that happens at a moment of virtual time.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Event {
    /// A producer makes its next message.
    Arrival(ProducerId),
    /// A publish reaches the producer's node.
    PublishAtNode {
        producer: ProducerId,
        msg: Key,
        attempt: Attempt,
    },
    /// The producer's node has done the work of taking a publish: route it.
    PublishTaken {
        producer: ProducerId,
        msg: Key,
        attempt: Attempt,
        node_epoch: Epoch,
    },
    /// A copy forwarded between nodes reaches its queue's leader.
    CopyAtLeader {
        copy: Key,
        node: NodeId,
    },
    /// The leader has done the work of storing a copy: enqueue it.
    CopyTaken {
        copy: Key,
        node: NodeId,
        node_epoch: Epoch,
    },
    /// A replica of a copy reaches a mirror.
    ReplicaAtNode {
        copy: Key,
        node: NodeId,
    },
    /// A mirror has stored (and, if persistent, will fsync) a replica.
    ReplicaTaken {
        copy: Key,
        node: NodeId,
        node_epoch: Epoch,
    },
    /// A mirror's acknowledgement of a replica reaches the queue's leader.
    ReplicaAckAtLeader {
        copy: Key,
    },
    /// A node's fsync finished.
    FsyncDone {
        node: NodeId,
        node_epoch: Epoch,
    },
    /// A confirm (ok) or nack reaches the producer.
    ConfirmAtProducer {
        producer: ProducerId,
        msg: Key,
        attempt: Attempt,
        ok: bool,
    },
    /// The earliest pending confirm deadline of a producer is due.
    ConfirmDeadline(ProducerId),
    /// The producer sends a message again after a back-off.
    Resend {
        producer: ProducerId,
        msg: Key,
    },
    DeliveryAtConsumer {
        consumer: ConsumerId,
        copy: Key,
    },
    ProcessDone {
        consumer: ConsumerId,
        copy: Key,
        process_epoch: Epoch,
        ok: bool,
    },
    /// An ack (or nack) reaches the broker.
    AckAtBroker {
        consumer: ConsumerId,
        copy: Key,
        channel_epoch: Epoch,
        ack: AckKind,
    },
    /// The head of a queue may have expired.
    ExpiryCheck(QueueId),
    ConsumerJoins(ConsumerId),
    ConsumerLeaves(ConsumerId),
    FaultStarts(usize),
    FaultEnds(usize),
    RandomFaultStarts(usize),
    RandomFaultEnds(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AckKind {
    Ack,
    NackRequeue,
    NackDiscard,
}

pub(crate) struct NodeState {
    pub up: bool,
    /// Bumped at each crash, so work scheduled before it is ignored.
    pub epoch: Epoch,
    pub busy_until_us: TimeUs,
    pub service_us: TimeUs,
    pub fsync_us: TimeUs,
    pub slow_disk_factor: f64,
    pub fsync_running: bool,
    /// Copies in the running fsync, with the attempt they were written for.
    pub fsync_batch: Vec<Key>,
    pub fsync_waiting: Vec<Key>,
    /// Active crash faults on this node.
    pub crashes_active: u32,
}

pub(crate) struct ProducerState {
    pub outbox: VecDeque<Key>,
    pub in_flight: u32,
    pub window: u32,
    pub next_seq: u64,
    pub arrivals: Stream,
    pub keys: Stream,
    pub link: LinkState,
    pub stats: ProducerStats,
    /// Per key: the queues its messages reach.
    pub routes: Vec<QueueMask>,
    /// Confirm deadlines `(due_us, msg, attempt)` in the order sent. One producer's time-out is
    /// fixed, so they are due in that order: one armed event per producer instead of one per send,
    /// and a confirmed message's deadline is simply skipped.
    pub deadlines: VecDeque<(TimeUs, Key, Attempt)>,
    pub deadline_armed: bool,
}

pub(crate) struct QueueState {
    /// The node that serves the queue now; `None` while it is unavailable.
    pub leader: Option<NodeId>,
    /// Nodes that hold the queue's data (one for a home queue).
    pub replicas: Vec<NodeId>,
    pub ready: VecDeque<Key>,
    pub consumers: Vec<ConsumerId>,
    pub next_consumer: usize,
    pub expiry_check_at_us: Option<TimeUs>,
    /// A TTL can apply to its messages (its own, or a producer's per-message TTL).
    pub may_expire: bool,
    pub unacked: u64,
    pub stats: QueueStats,
    /// A dead-letter copy of each producer key's routing key, resolved on first use.
    pub dead_letter_routes: FxHashMap<(ProducerId, u32), QueueMask>,
}

pub(crate) struct ConsumerState {
    pub subscribed: bool,
    pub up: bool,
    /// The channel to the broker is open.
    pub connected: bool,
    pub channel_epoch: Epoch,
    pub process_epoch: Epoch,
    /// Deliveries the broker has not had an ack for, oldest first (manual ack).
    pub unacked: VecDeque<Key>,
    /// Deliveries made and not yet finished (counts against prefetch under auto-ack).
    pub outstanding: u32,
    /// Received, waiting for a free thread.
    pub buffer: VecDeque<Key>,
    /// Being processed now, one per busy thread.
    pub processing: Vec<Key>,
    pub busy_threads: u32,
    pub service: Stream,
    pub failures: Stream,
    pub link: LinkState,
    pub stats: ConsumerStats,
    pub busy_time_us: u128,
    pub crashes_active: u32,
}

/// A running simulation of one scenario.
pub struct Simulation {
    pub(crate) config: Config,
    pub(crate) now_us: TimeUs,
    pub(crate) events: EventQueue<Event>,
    pub(crate) events_handled: u64,
    pub(crate) messages: Slab<Message>,
    pub(crate) copies: Slab<MessageCopy>,
    pub(crate) next_message_id: u64,
    pub(crate) nodes: Vec<NodeState>,
    pub(crate) producers: Vec<ProducerState>,
    pub(crate) queues: Vec<QueueState>,
    pub(crate) consumers: Vec<ConsumerState>,
    pub(crate) random_faults: Vec<Stream>,
    /// Highest sequence number processed per (queue, producer, key), for out-of-order counting.
    pub(crate) last_seq: FxHashMap<(QueueId, ProducerId, u32), u64>,
    pub(crate) metrics: Metrics,
    pub(crate) store: crate::report::StoreStats,
    pub(crate) trace: Option<TraceRecorder>,
    /// Recent transfers on the clients' links, when the page asked to see them.
    pub(crate) watch: Option<crate::wires::WireWatch>,
}

impl Simulation {
    /// Builds the world at time 0 and schedules each producer's first message and every fault.
    pub fn new(config: Config) -> Simulation {
        let seed = config.seed;
        let routes = producer_routes(&config);
        let nodes = config
            .nodes
            .iter()
            .map(|n| NodeState {
                up: true,
                epoch: 0,
                busy_until_us: 0,
                service_us: interval_us(n.capacity_per_s),
                fsync_us: n.fsync_us,
                slow_disk_factor: 1.0,
                fsync_running: false,
                fsync_batch: Vec::new(),
                fsync_waiting: Vec::new(),
                crashes_active: 0,
            })
            .collect();
        let producers = config
            .producers
            .iter()
            .zip(routes)
            .enumerate()
            .map(|(i, (p, routes))| ProducerState {
                outbox: VecDeque::new(),
                in_flight: 0,
                window: match p.confirm {
                    ConfirmMode::None => u32::MAX,
                    ConfirmMode::Transaction => 1,
                    ConfirmMode::PublisherConfirms => p.max_in_flight.max(1),
                },
                next_seq: 0,
                arrivals: Stream::new(seed, StreamKind::ProducerArrivals, i),
                keys: Stream::new(seed, StreamKind::ProducerKeys, i),
                link: LinkState::new(p.link.clone(), Stream::new(seed, StreamKind::ProducerLink, i)),
                stats: ProducerStats { name: p.name.clone(), ..ProducerStats::default() },
                routes,
                deadlines: VecDeque::new(),
                deadline_armed: false,
            })
            .collect();
        let queues = config
            .queues
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let replicas = match &q.placement {
                    Placement::Home(n) => vec![*n],
                    Placement::Mirrored(ns) | Placement::Quorum(ns) => ns.clone(),
                };
                QueueState {
                    leader: Some(replicas[0]),
                    replicas,
                    ready: VecDeque::new(),
                    consumers: config
                        .consumers
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.queue == QueueId(i as u16))
                        .map(|(ci, _)| ConsumerId(ci as u16))
                        .collect(),
                    next_consumer: 0,
                    expiry_check_at_us: None,
                    may_expire: q.message_ttl_us.is_some() || config.producers.iter().any(|p| p.ttl_us.is_some()),
                    unacked: 0,
                    stats: QueueStats { name: q.name.clone(), ..QueueStats::default() },
                    dead_letter_routes: FxHashMap::default(),
                }
            })
            .collect();
        let consumers = config
            .consumers
            .iter()
            .enumerate()
            .map(|(i, c)| ConsumerState {
                subscribed: false,
                up: true,
                connected: true,
                channel_epoch: 0,
                process_epoch: 0,
                unacked: VecDeque::new(),
                outstanding: 0,
                buffer: VecDeque::new(),
                processing: Vec::new(),
                busy_threads: 0,
                service: Stream::new(seed, StreamKind::ConsumerService, i),
                failures: Stream::new(seed, StreamKind::ConsumerFailures, i),
                link: LinkState::new(c.link.clone(), Stream::new(seed, StreamKind::ConsumerLink, i)),
                stats: ConsumerStats { name: c.name.clone(), ..ConsumerStats::default() },
                busy_time_us: 0,
                crashes_active: 0,
            })
            .collect();
        let random_faults =
            (0..config.random_faults.len()).map(|i| Stream::new(seed, StreamKind::RandomFault, i)).collect();
        let metrics = Metrics::new(config.bucket_us.max(1), config.queues.len());
        let mut sim = Simulation {
            now_us: 0,
            events: EventQueue::default(),
            events_handled: 0,
            messages: Slab::default(),
            copies: Slab::default(),
            next_message_id: 0,
            nodes,
            producers,
            queues,
            consumers,
            random_faults,
            last_seq: FxHashMap::default(),
            metrics,
            store: Default::default(),
            trace: None,
            watch: None,
            config,
        };
        sim.schedule_start();
        sim
    }

    /// Like [`Simulation::new`], recording every event in the life of message `message_id`.
    pub fn with_trace(config: Config, message_id: u64) -> Simulation {
        let mut sim = Simulation::new(config);
        sim.trace = Some(TraceRecorder::new(message_id));
        sim
    }

    fn schedule_start(&mut self) {
        for i in 0..self.config.producers.len() {
            let start_us = self.config.producers[i].start_us;
            let first = self.first_arrival_us(ProducerId(i as u16), start_us);
            if let Some(t) = first {
                self.events.push(t, Event::Arrival(ProducerId(i as u16)));
            }
        }
        for (i, c) in self.config.consumers.iter().enumerate() {
            self.events.push(c.start_us, Event::ConsumerJoins(ConsumerId(i as u16)));
            if let Some(stop) = c.stop_us {
                self.events.push(stop, Event::ConsumerLeaves(ConsumerId(i as u16)));
            }
        }
        for (i, f) in self.config.faults.iter().enumerate() {
            self.events.push(f.at_us, Event::FaultStarts(i));
            if let Some(d) = f.duration_us {
                self.events.push(f.at_us.saturating_add(d), Event::FaultEnds(i));
            }
        }
        for i in 0..self.config.random_faults.len() {
            let mean = self.config.random_faults[i].mean_time_between_us as f64;
            let gap = self.random_faults[i].exponential(mean) as TimeUs;
            self.events.push(gap, Event::RandomFaultStarts(i));
        }
    }

    /// Current virtual time.
    pub fn now_us(&self) -> TimeUs {
        self.now_us
    }

    pub fn horizon_us(&self) -> TimeUs {
        self.config.horizon_us
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The run has reached its horizon (or nothing is left to happen).
    pub fn is_finished(&self) -> bool {
        match self.events.peek_time() {
            None => true,
            Some(t) => t > self.config.horizon_us,
        }
    }

    /// Handles the next event. Returns false, doing nothing, once the run is finished.
    pub fn step(&mut self) -> bool {
        match self.events.peek_time() {
            Some(t) if t <= self.config.horizon_us => {}
            _ => return false,
        }
        let Some((at_us, event)) = self.events.pop() else { return false };
        self.now_us = at_us;
        self.events_handled += 1;
        self.roll_buckets();
        self.handle(event);
        true
    }

    /// Handles every event up to and including virtual time `t_us` (capped at the horizon), and
    /// leaves the clock at that time.
    pub fn run_until(&mut self, t_us: TimeUs) {
        let until = t_us.min(self.config.horizon_us);
        while matches!(self.events.peek_time(), Some(t) if t <= until) {
            self.step();
        }
        self.now_us = self.now_us.max(until);
        // Close the buckets that ended by now, so a live chart gets them without waiting for the
        // next event (their content cannot change any more).
        self.roll_buckets();
    }

    /// Runs to the horizon and returns the report.
    pub fn run(&mut self) -> Report {
        self.run_until(self.config.horizon_us);
        self.now_us = self.config.horizon_us;
        self.report()
    }

    fn roll_buckets(&mut self) {
        let queues = &self.queues;
        // Events at the horizon itself count in the last bucket.
        let t = self.now_us.min(self.config.horizon_us.saturating_sub(1));
        self.metrics.bucket_at(t, |backlog| {
            for (b, q) in backlog.iter_mut().zip(queues) {
                *b = q.ready.len() as u64 + q.unacked;
            }
        });
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::Arrival(p) => self.on_arrival(p),
            Event::PublishAtNode { producer, msg, attempt } => self.on_publish_at_node(producer, msg, attempt),
            Event::PublishTaken { producer, msg, attempt, node_epoch } => {
                self.on_publish_taken(producer, msg, attempt, node_epoch)
            }
            Event::CopyAtLeader { copy, node } => self.on_copy_at_leader(copy, node),
            Event::CopyTaken { copy, node, node_epoch } => self.on_copy_taken(copy, node, node_epoch),
            Event::ReplicaAtNode { copy, node } => self.on_replica_at_node(copy, node),
            Event::ReplicaTaken { copy, node, node_epoch } => self.on_replica_taken(copy, node, node_epoch),
            Event::ReplicaAckAtLeader { copy } => self.on_replica_ack_at_leader(copy),
            Event::FsyncDone { node, node_epoch } => self.on_fsync_done(node, node_epoch),
            Event::ConfirmAtProducer { producer, msg, attempt, ok } => self.on_confirm(producer, msg, attempt, ok),
            Event::ConfirmDeadline(producer) => self.on_confirm_deadline(producer),
            Event::Resend { producer, msg } => self.on_resend(producer, msg),
            Event::DeliveryAtConsumer { consumer, copy } => self.on_delivery(consumer, copy),
            Event::ProcessDone { consumer, copy, process_epoch, ok } => {
                self.on_process_done(consumer, copy, process_epoch, ok)
            }
            Event::AckAtBroker { consumer, copy, channel_epoch, ack } => {
                self.on_ack(consumer, copy, channel_epoch, ack)
            }
            Event::ExpiryCheck(q) => self.on_expiry_check(q),
            Event::ConsumerJoins(c) => self.on_consumer_joins(c),
            Event::ConsumerLeaves(c) => self.on_consumer_leaves(c),
            Event::FaultStarts(i) => {
                let action = self.config.faults[i].action;
                self.fault_starts(action)
            }
            Event::FaultEnds(i) => {
                let action = self.config.faults[i].action;
                self.fault_ends(action)
            }
            Event::RandomFaultStarts(i) => self.on_random_fault_starts(i),
            Event::RandomFaultEnds(i) => self.on_random_fault_ends(i),
        }
    }

    /// Records a step in the life of message `msg_id` when it is the one being traced.
    #[inline]
    pub(crate) fn note(&mut self, msg_id: u64, place: impl FnOnce(&Config) -> String, what: What) {
        if let Some(trace) = &mut self.trace {
            if trace.message_id == msg_id {
                let place = place(&self.config);
                trace.events.push(TraceEvent { t_us: self.now_us, place, what });
            }
        }
    }

    /// The life of the traced message so far (empty when not tracing).
    pub fn trace_events(&self) -> &[TraceEvent] {
        self.trace.as_ref().map(|t| t.events.as_slice()).unwrap_or(&[])
    }

    /// Live state for drawing.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            now_us: self.now_us,
            totals: self.metrics.totals_at(),
            nodes: self.nodes.iter().map(|n| NodeView { up: n.up }).collect(),
            producers: self
                .producers
                .iter()
                .map(|p| ProducerViewSnap {
                    outbox: p.outbox.len() as u64,
                    in_flight: p.in_flight as u64,
                    on_link_to_broker: p.link.in_transit[Direction::ToBroker as usize] as u64,
                    partitioned: p.link.is_partitioned(),
                    sends: p.stats.sends,
                })
                .collect(),
            queues: self
                .queues
                .iter()
                .map(|q| QueueView {
                    ready: q.ready.len() as u64,
                    unacked: q.unacked,
                    available: q.leader.is_some(),
                    leader: q.leader.map(|n| n.0),
                    dead_letters_parked: q.stats.dead_letters_parked,
                    enqueued: q.stats.enqueued,
                })
                .collect(),
            consumers: self
                .consumers
                .iter()
                .map(|c| ConsumerView {
                    up: c.up,
                    connected: c.connected && c.subscribed,
                    busy_threads: c.busy_threads,
                    buffered: c.buffer.len() as u64,
                    on_link_to_consumer: c.link.in_transit[Direction::ToClient as usize] as u64,
                    delivered: c.stats.delivered,
                    processed: c.stats.processed,
                })
                .collect(),
            live_messages: self.messages.len() as u64,
            on_wires: self.watch.as_ref().map(|w| w.on_wires(self.now_us)).unwrap_or_default(),
        }
    }

    /// Starts (or stops) recording the transfers on the clients' links, so that snapshots list
    /// the messages on the wires. Recording changes nothing the simulation computes.
    pub fn watch_wires(&mut self, on: bool) {
        self.watch = if on { Some(crate::wires::WireWatch::default()) } else { None };
    }

    /// Records a transfer if the wires are watched.
    pub(crate) fn sight(&mut self, transfer: impl FnOnce() -> crate::wires::Transfer) {
        if let Some(watch) = self.watch.as_mut() {
            watch.record(transfer());
        }
    }

    /// Time buckets closed so far, oldest first: a live chart appends the new ones each frame
    /// instead of asking for a whole report.
    pub fn closed_buckets(&self) -> &[crate::report::Bucket] {
        &self.metrics.buckets
    }

    /// The report at the current time; messages not yet ended count as in flight.
    pub fn report(&self) -> Report {
        let mut metrics_series = self.metrics.buckets.clone();
        // Close the open bucket in a copy, so a mid-run report does not disturb the run.
        let bucket_us = self.metrics.bucket_us;
        let mut start = metrics_series.last().map(|b| b.start_us + bucket_us).unwrap_or(0);
        if start < self.now_us {
            let mut pending = self.metrics.open_bucket();
            pending.start_us = start;
            for (b, q) in pending.backlog.iter_mut().zip(&self.queues) {
                *b = q.ready.len() as u64 + q.unacked;
            }
            metrics_series.push(pending);
            start += bucket_us;
            while start < self.now_us {
                metrics_series.push(crate::report::Bucket {
                    start_us: start,
                    backlog: self.queues.iter().map(|q| q.ready.len() as u64 + q.unacked).collect(),
                    ..Default::default()
                });
                start += bucket_us;
            }
        }
        let horizon_s = self.now_us as f64 / crate::time::US_PER_S as f64;
        Report {
            end_us: self.now_us,
            bucket_us,
            totals: self.metrics.totals_at(),
            lost_by_cause: self.metrics.lost_by_cause,
            latency: self.metrics.latency.summary(),
            publish_latency: self.metrics.publish_latency.summary(),
            series: metrics_series,
            queues: self
                .queues
                .iter()
                .map(|q| QueueStats { depth_end: q.ready.len() as u64 + q.unacked, ..q.stats.clone() })
                .collect(),
            producers: self.producers.iter().map(|p| p.stats.clone()).collect(),
            consumers: self
                .consumers
                .iter()
                .zip(&self.config.consumers)
                .map(|(c, cfg)| {
                    let capacity = horizon_s * cfg.threads as f64 * crate::time::US_PER_S as f64;
                    ConsumerStats {
                        utilisation: if capacity > 0.0 { c.busy_time_us as f64 / capacity } else { 0.0 },
                        ..c.stats.clone()
                    }
                })
                .collect(),
            store: self.store,
            littles_law: self.metrics.littles_law(self.now_us),
            examples: self.metrics.examples.clone(),
            events: self.events_handled,
        }
    }

    /// Slots ever allocated for messages and for copies: the high-water marks of live ones,
    /// which stay bounded on long runs because finished messages give their slots back.
    pub fn tracking_slots(&self) -> (usize, usize) {
        (self.messages.capacity_used(), self.copies.capacity_used())
    }
}

/// Runs `config` again, recording the life of message `message_id`, and returns it.
pub fn trace_message(config: Config, message_id: u64) -> crate::trace::Trace {
    let mut sim = Simulation::with_trace(config, message_id);
    sim.run();
    let recorder = sim.trace.take().unwrap_or_else(|| TraceRecorder::new(message_id));
    let (outcome, outcome_us) = (recorder.outcome, recorder.outcome_us);
    crate::trace::Trace {
        message_id,
        events: recorder.events,
        outcome,
        outcome_us,
        found: message_id < sim.next_message_id,
    }
}

#[cfg(test)]
mod tests {
    /// Events are moved on every heap operation: keep them small.
    #[test]
    fn an_event_fits_in_16_bytes() {
        assert!(std::mem::size_of::<super::Event>() <= 16, "{}", std::mem::size_of::<super::Event>());
    }
}

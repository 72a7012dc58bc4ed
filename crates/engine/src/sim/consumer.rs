//! Consumers: delivery within prefetch, worker threads, auto and manual ack, nack and requeue,
//! channels closing and reopening, and the effect each processing has on the downstream store.

use super::{AckKind, Event, Simulation};
use crate::config::{AckMode, ConsumerId, Idempotency, QueueId};
use crate::link::Direction;
use crate::message::{Epoch, Fate, MessageCopy, Place};
use crate::report::LossCause;
use crate::slab::Key;
use crate::time::TimeUs;
use crate::trace::What;
use crate::wires::{Carries, Client, Transfer};

impl Simulation {
    /// Can the broker send this consumer another message now?
    fn has_credit(&self, c: ConsumerId) -> bool {
        let state = &self.consumers[c.0 as usize];
        let cfg = &self.config.consumers[c.0 as usize];
        let in_use = match cfg.ack {
            AckMode::Manual => state.unacked.len() as u32,
            AckMode::Auto => state.outstanding,
        };
        state.subscribed && state.up && state.connected && !state.link.is_partitioned() && in_use < cfg.prefetch
    }

    /// Delivers ready messages, round-robin over the consumers that have credit.
    pub(crate) fn dispatch(&mut self, q: QueueId) {
        let qi = q.0 as usize;
        if self.queues[qi].leader.is_none() || self.queues[qi].consumers.is_empty() {
            return;
        }
        loop {
            self.expire_head(q);
            if self.queues[qi].ready.is_empty() {
                break;
            }
            let n = self.queues[qi].consumers.len();
            let start = self.queues[qi].next_consumer;
            let wrap = |i: usize| if i >= n { i - n } else { i };
            let Some(pick) = (0..n).map(|i| wrap(start + i)).find(|&i| self.has_credit(self.queues[qi].consumers[i]))
            else {
                break;
            };
            self.queues[qi].next_consumer = wrap(pick + 1);
            let consumer = self.queues[qi].consumers[pick];
            let Some(copy) = self.queues[qi].ready.pop_front() else { break };
            self.deliver(consumer, copy);
        }
        self.schedule_expiry_check(q);
    }

    fn deliver(&mut self, c: ConsumerId, copy: Key) {
        let ci = c.0 as usize;
        let ack = self.config.consumers[ci].ack;
        let consumer_node = self.config.consumers[ci].node;
        let pulled_across = self.queues[self.config.consumers[ci].queue.0 as usize].leader != Some(consumer_node);
        // In a classic cluster a consumer on another node has that node pull the message across:
        // one inter-node hop and one operation of the consumer's node.
        let hop_us = if pulled_across {
            self.node_work_done_us(consumer_node) - self.now_us + self.config.inter_node_latency_us
        } else {
            0
        };
        let state = &mut self.consumers[ci];
        let (channel_epoch, process_epoch) = (state.channel_epoch, state.process_epoch);
        let Some(cp) = self.copies.get_mut(copy) else { return };
        let (q, id, redelivered) = (cp.queue, cp.msg_id, cp.redelivered);
        cp.channel_epoch = channel_epoch;
        cp.process_epoch = process_epoch;
        match ack {
            AckMode::Manual => {
                cp.place = Place::Unacked(c);
                state.unacked.push_back(copy);
                self.queues[q.0 as usize].unacked += 1;
            }
            AckMode::Auto => {
                // The broker forgets it now: from here only the consumer has it.
                cp.place = Place::AtConsumer(c);
                cp.fate_if_dropped = Fate::Lost(LossCause::ConsumerCrash);
                state.outstanding += 1;
            }
        }
        state.stats.delivered += 1;
        if redelivered {
            state.stats.redelivered += 1;
        }
        self.metrics.bucket().delivered += 1;
        self.note(id, |cfg| cfg.consumers[ci].name.clone(), What::Delivered { redelivery: redelivered });
        let sent_us = self.now_us + hop_us;
        let arrives = self.consumers[ci].link.transfer(sent_us, Direction::ToClient);
        let carries = if redelivered { Carries::Redelivery } else { Carries::Delivery };
        self.sight(|| Transfer {
            message_id: id,
            carries,
            client: Client::Consumer(c.0),
            sent_us,
            arrives_us: arrives,
        });
        match arrives {
            // A link without delay hands the delivery over at once: no event needed.
            Some(at) if at == self.now_us => self.on_delivery(c, copy),
            Some(at) => self.events.push(at, Event::DeliveryAtConsumer { consumer: c, copy }),
            None => self.delivery_dropped(c, copy),
        }
    }

    /// The consumer's link dropped a delivery: under manual ack the broker still has it and
    /// requeues it; under auto-ack it is gone.
    fn delivery_dropped(&mut self, c: ConsumerId, copy: Key) {
        let ci = c.0 as usize;
        let Some(cp) = self.copies.get(copy) else { return };
        let (q, id) = (cp.queue, cp.msg_id);
        self.note(id, |cfg| cfg.consumers[ci].name.clone(), What::DroppedOnConsumerLink);
        match self.config.consumers[ci].ack {
            AckMode::Manual => {
                let state = &mut self.consumers[ci];
                if let Some(pos) = state.unacked.iter().position(|&k| k == copy) {
                    state.unacked.remove(pos);
                }
                self.queues[q.0 as usize].unacked -= 1;
                self.requeue_front(copy);
            }
            AckMode::Auto => {
                self.consumers[ci].outstanding -= 1;
                self.end_copy(copy, Fate::Lost(LossCause::ConsumerLink));
            }
        }
    }

    fn requeue_front(&mut self, copy: Key) {
        let Some(cp) = self.copies.get_mut(copy) else { return };
        cp.place = Place::Ready;
        cp.redelivered = true;
        let q = cp.queue;
        self.queues[q.0 as usize].ready.push_front(copy);
    }

    pub(crate) fn on_delivery(&mut self, c: ConsumerId, copy: Key) {
        let ci = c.0 as usize;
        self.consumers[ci].link.arrived(Direction::ToClient);
        let Some(cp) = self.copies.get(copy) else { return };
        let state = &self.consumers[ci];
        let auto = matches!(cp.place, Place::AtConsumer(_));
        // Auto-ack deliveries belong to the process; manual ones also to the channel.
        let stale = cp.process_epoch != state.process_epoch || (!auto && cp.channel_epoch != state.channel_epoch);
        if !state.up || stale {
            // The consumer died, or the channel closed, while this was on the wire.
            let fate = cp.fate_if_dropped;
            if auto && cp.process_epoch == state.process_epoch {
                self.consumers[ci].outstanding -= 1;
            }
            self.end_copy(copy, fate);
            return;
        }
        self.consumers[ci].buffer.push_back(copy);
        self.start_work(c);
    }

    /// Starts processing on free threads.
    fn start_work(&mut self, c: ConsumerId) {
        let ci = c.0 as usize;
        let threads = self.config.consumers[ci].threads;
        while self.consumers[ci].busy_threads < threads {
            let Some(copy) = self.consumers[ci].buffer.pop_front() else { break };
            let Some(cp) = self.copies.get(copy) else { continue };
            let (msg, q) = (cp.msg, cp.queue);
            let id = cp.msg_id;
            let (idempotency, failure_probability) =
                (self.config.consumers[ci].idempotency, self.config.consumers[ci].failure_probability);
            // The seed's dedupe: look the id up before processing (it is recorded only after).
            if idempotency == Idempotency::DedupeIds
                && !cp.dead_letter
                && self.messages.get(msg).is_some_and(|m| m.dedupe_marked & (1 << q.0) != 0)
            {
                self.store.duplicates_absorbed += 1;
                self.note(id, |cfg| cfg.consumers[ci].name.clone(), What::SkippedDuplicate);
                self.finish_processing(c, copy, true);
                continue;
            }
            let service_us = self.draw_service_us(c);
            let fails = self.consumers[ci].failures.chance(failure_probability);
            let state = &mut self.consumers[ci];
            state.busy_threads += 1;
            state.busy_time_us += service_us as u128;
            state.processing.push(copy);
            let process_epoch = state.process_epoch;
            self.note(id, |cfg| cfg.consumers[ci].name.clone(), What::ProcessingStarted);
            self.events
                .push(self.now_us + service_us, Event::ProcessDone { consumer: c, copy, process_epoch, ok: !fails });
        }
    }

    fn draw_service_us(&mut self, c: ConsumerId) -> TimeUs {
        use crate::config::ServiceTime;
        let rng = &mut self.consumers[c.0 as usize].service;
        let us = match self.config.consumers[c.0 as usize].service {
            ServiceTime::Constant { us } => return us,
            ServiceTime::Exponential { mean_us } => rng.exponential(mean_us as f64),
            ServiceTime::Uniform { min_us, max_us } => return rng.between(min_us, max_us),
            ServiceTime::LogNormal { median_us, sigma } => median_us as f64 * libm::exp(sigma * rng.standard_normal()),
        };
        crate::time::round_us(us)
    }

    pub(crate) fn on_process_done(&mut self, c: ConsumerId, copy: Key, process_epoch: Epoch, ok: bool) {
        let ci = c.0 as usize;
        if self.consumers[ci].process_epoch != process_epoch {
            return;
        }
        let state = &mut self.consumers[ci];
        state.busy_threads -= 1;
        if let Some(pos) = state.processing.iter().position(|&k| k == copy) {
            state.processing.swap_remove(pos);
        }
        if ok {
            self.apply_effect(c, copy);
        } else {
            self.consumers[ci].stats.failed += 1;
            if let Some(id) = self.copies.get(copy).map(|cp| cp.msg_id) {
                self.note(id, |cfg| cfg.consumers[ci].name.clone(), What::ProcessingFailed);
            }
        }
        self.finish_processing(c, copy, ok);
        self.start_work(c);
    }

    /// After processing (or skipping) a copy: ack or nack it, or under auto-ack just let it go.
    fn finish_processing(&mut self, c: ConsumerId, copy: Key, ok: bool) {
        let ci = c.0 as usize;
        let Some(cp) = self.copies.get(copy) else { return };
        let q = cp.queue;
        match cp.place {
            Place::AtConsumer(_) => {
                self.consumers[ci].outstanding -= 1;
                if ok {
                    self.consumed(copy);
                }
                let fate = if ok { Fate::None } else { Fate::Lost(LossCause::Discarded) };
                self.end_copy(copy, fate);
                self.dispatch(q);
            }
            _ => {
                let ack = if ok {
                    AckKind::Ack
                } else if self.config.consumers[ci].requeue_on_failure {
                    AckKind::NackRequeue
                } else {
                    AckKind::NackDiscard
                };
                let (channel_epoch, message_id) = (cp.channel_epoch, cp.msg_id);
                let arrives = self.consumers[ci].link.transfer(self.now_us, Direction::ToBroker);
                let sent_us = self.now_us;
                self.sight(|| Transfer {
                    message_id,
                    carries: Carries::Ack,
                    client: Client::Consumer(c.0),
                    sent_us,
                    arrives_us: arrives,
                });
                match arrives {
                    Some(at) => self.events.push(at, Event::AckAtBroker { consumer: c, copy, channel_epoch, ack }),
                    None => {
                        // A lost ack breaks the connection: the broker requeues what it had
                        // unacked, and the consumer opens a new channel.
                        self.close_channel(c, |_| true);
                        let fate = self.copies.get(copy).map_or(Fate::None, |cp| cp.fate_if_dropped);
                        self.end_copy(copy, fate);
                        self.reconnect(c);
                    }
                }
            }
        }
    }

    /// The consumer's processing changes the downstream store, subject to its idempotency.
    fn apply_effect(&mut self, c: ConsumerId, copy: Key) {
        let ci = c.0 as usize;
        let Some(cp) = self.copies.get(copy) else { return };
        let (msg, q, id) = (cp.msg, cp.queue, cp.msg_id);
        if cp.dead_letter {
            // Compensation from a dead-letter queue: the store changes, the outcome does not.
            self.consumers[ci].stats.processed += 1;
            self.metrics.bucket().processed += 1;
            self.store.effects_applied += 1;
            self.store.dead_letters_applied += 1;
            self.note(id, |cfg| cfg.consumers[ci].name.clone(), What::ProcessedFromDeadLetterQueue);
            return;
        }
        let queue_bit = 1u64 << q.0;
        let Some(m) = self.messages.get_mut(msg) else { return };
        let first = m.processed & queue_bit == 0;
        m.processed |= queue_bit;
        let (producer, key, seq) = (m.producer, m.key, m.seq);
        let idempotency = self.config.consumers[ci].idempotency;
        if idempotency == Idempotency::DedupeIds {
            m.dedupe_marked |= queue_bit;
        }
        self.consumers[ci].stats.processed += 1;
        self.metrics.bucket().processed += 1;
        match (first, idempotency) {
            (true, _) => self.store.effects_applied += 1,
            (false, Idempotency::None | Idempotency::DedupeIds) => {
                self.store.effects_applied += 1;
                self.store.duplicate_effects += 1;
                self.metrics.duplicate(id);
            }
            (false, Idempotency::UpsertByKey | Idempotency::UniqueConstraint) => {
                self.store.duplicates_absorbed += 1;
            }
        }
        self.note(id, |cfg| cfg.consumers[ci].name.clone(), What::Processed { first });
        if first {
            let last = self.last_seq.entry((q, producer, key)).or_insert(0);
            if seq < *last {
                self.metrics.out_of_order(id);
                self.note(id, |_| "store".into(), What::OutOfOrder);
            } else {
                *last = seq;
            }
            self.count_if_fully_processed(msg);
        }
    }

    pub(crate) fn on_ack(&mut self, c: ConsumerId, copy: Key, channel_epoch: Epoch, ack: AckKind) {
        let ci = c.0 as usize;
        self.consumers[ci].link.arrived(Direction::ToBroker);
        let Some(cp) = self.copies.get(copy) else { return };
        if channel_epoch != self.consumers[ci].channel_epoch || cp.place != Place::Unacked(c) {
            // The channel this delivery came on has closed: the ack counts for nothing.
            let fate = cp.fate_if_dropped;
            self.end_copy(copy, fate);
            return;
        }
        let (q, id) = (cp.queue, cp.msg_id);
        let state = &mut self.consumers[ci];
        if let Some(pos) = state.unacked.iter().position(|&k| k == copy) {
            state.unacked.remove(pos);
        }
        self.queues[q.0 as usize].unacked -= 1;
        match ack {
            AckKind::Ack => {
                self.note(id, |cfg| cfg.queues[q.0 as usize].name.clone(), What::Acked);
                self.consumed(copy);
                self.end_copy(copy, Fate::None);
            }
            AckKind::NackRequeue => {
                self.note(id, |cfg| cfg.queues[q.0 as usize].name.clone(), What::NackedRequeued);
                self.requeue_front(copy);
            }
            AckKind::NackDiscard => {
                self.dead_letter_or_drop(copy, Fate::Lost(LossCause::Discarded), What::NackedWithoutRequeue);
            }
        }
        self.dispatch(q);
    }

    /// The broker closes the consumer's channel: every unacked delivery for which `keep` says
    /// yes goes back to the front of the queue as a redelivery; the consumer may still hold and
    /// process the old one, but its ack will not count. The caller dispatches the queue once the
    /// consumer's new state is set.
    pub(crate) fn close_channel(&mut self, c: ConsumerId, mut keep: impl FnMut(Key) -> bool) {
        let ci = c.0 as usize;
        self.consumers[ci].channel_epoch = self.consumers[ci].channel_epoch.wrapping_add(1);
        let unacked = std::mem::take(&mut self.consumers[ci].unacked);
        let mut requeued = Vec::new();
        for original in unacked {
            let kept = keep(original);
            let Some(cp) = self.copies.get_mut(original) else { continue };
            let q = cp.queue;
            self.queues[q.0 as usize].unacked -= 1;
            cp.place = Place::Orphaned(c);
            cp.fate_if_dropped = if kept { Fate::None } else { Fate::Lost(LossCause::BrokerCrash) };
            if kept {
                let clone = MessageCopy {
                    place: Place::Ready,
                    redelivered: true,
                    accepted: true,
                    acks_needed: 0,
                    ..cp.clone()
                };
                let (msg, dead_letter) = (clone.msg, clone.dead_letter);
                requeued.push(self.copies.insert(clone));
                if !dead_letter {
                    if let Some(m) = self.messages.get_mut(msg) {
                        m.live_copies += 1;
                    }
                }
            }
        }
        // Oldest at the very front, as RabbitMQ requeues to the original positions.
        for copy in requeued.into_iter().rev() {
            let Some(q) = self.copies.get(copy).map(|cp| cp.queue) else { continue };
            self.queues[q.0 as usize].ready.push_front(copy);
        }
    }

    /// The consumer opens a new channel if it can reach its node.
    pub(crate) fn reconnect(&mut self, c: ConsumerId) {
        let ci = c.0 as usize;
        let node = self.config.consumers[ci].node;
        let state = &mut self.consumers[ci];
        state.connected = self.nodes[node.0 as usize].up && !state.link.is_partitioned();
        let q = self.config.consumers[ci].queue;
        self.dispatch(q);
    }

    pub(crate) fn consumer_crash(&mut self, c: ConsumerId) {
        let ci = c.0 as usize;
        self.consumers[ci].stats.crashes += 1;
        self.consumers[ci].up = false;
        self.consumers[ci].connected = false;
        self.close_channel(c, |_| true);
        let state = &mut self.consumers[ci];
        state.process_epoch = state.process_epoch.wrapping_add(1);
        state.busy_threads = 0;
        state.outstanding = 0;
        let mut held: Vec<Key> = state.buffer.drain(..).collect();
        held.append(&mut state.processing);
        for copy in held {
            if let Some(cp) = self.copies.get(copy) {
                let (fate, id) = (cp.fate_if_dropped, cp.msg_id);
                self.note(id, |cfg| cfg.consumers[ci].name.clone(), What::ConsumerCrashed);
                self.end_copy(copy, fate);
            }
        }
        self.dispatch(self.config.consumers[ci].queue);
    }

    pub(crate) fn consumer_restart(&mut self, c: ConsumerId) {
        self.consumers[c.0 as usize].up = true;
        self.reconnect(c);
    }

    pub(crate) fn on_consumer_joins(&mut self, c: ConsumerId) {
        self.consumers[c.0 as usize].subscribed = true;
        self.reconnect(c);
    }

    /// The consumer cancels: no new deliveries; what it holds it finishes and acks as usual.
    pub(crate) fn on_consumer_leaves(&mut self, c: ConsumerId) {
        self.consumers[c.0 as usize].subscribed = false;
    }

    /// A partition of the consumer's link: the broker sees the connection die.
    pub(crate) fn consumer_link_cut(&mut self, c: ConsumerId) {
        self.consumers[c.0 as usize].connected = false;
        self.close_channel(c, |_| true);
        self.dispatch(self.config.consumers[c.0 as usize].queue);
    }
}

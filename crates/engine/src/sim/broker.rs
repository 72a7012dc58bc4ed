//! Broker nodes and queues: taking publishes, routing, forwarding to a queue's leader, overflow,
//! persistence with group-commit fsync, mirroring and quorum replication, confirms, TTL expiry,
//! dead-lettering, and what a node crash and restart do to all of it.

use super::{Event, Simulation};
use crate::config::{NodeId, Overflow, Placement, ProducerId, QueueId};
use crate::link::Direction;
use crate::message::{Attempt, Epoch, Fate, MessageCopy, Place};
use crate::report::LossCause;
use crate::routing::{route, routing_key_for};
use crate::slab::Key;
use crate::time::TimeUs;
use crate::trace::What;

fn bit(node: NodeId) -> u16 {
    1 << node.0
}

impl Simulation {
    /// Queues the node's work for one operation and returns when it is done (a FIFO server).
    pub(crate) fn node_work_done_us(&mut self, node: NodeId) -> TimeUs {
        let n = &mut self.nodes[node.0 as usize];
        let done = self.now_us.max(n.busy_until_us) + n.service_us;
        n.busy_until_us = done;
        done
    }

    pub(crate) fn on_publish_at_node(&mut self, producer: ProducerId, msg: Key, attempt: Attempt) {
        let pi = producer.0 as usize;
        self.producers[pi].link.arrived(Direction::ToBroker);
        let node = self.config.producers[pi].node;
        let Some(id) = self.messages.get(msg).map(|m| m.id) else { return };
        if !self.nodes[node.0 as usize].up {
            self.note(id, |c| c.nodes[node.0 as usize].name.clone(), What::NodeDown);
            self.end_transfer(msg, Fate::Lost(LossCause::BrokerDown));
            return;
        }
        let done = self.node_work_done_us(node);
        let node_epoch = self.nodes[node.0 as usize].epoch;
        self.events.push(done, Event::PublishTaken { producer, msg, attempt, node_epoch });
    }

    pub(crate) fn on_publish_taken(&mut self, producer: ProducerId, msg: Key, attempt: Attempt, node_epoch: Epoch) {
        let pi = producer.0 as usize;
        let node = self.config.producers[pi].node;
        let Some(m) = self.messages.get(msg) else { return };
        let id = m.id;
        let n = &self.nodes[node.0 as usize];
        if !n.up || n.epoch != node_epoch {
            self.end_transfer(msg, Fate::Lost(LossCause::BrokerCrash));
            return;
        }
        let m_key = m.key;
        let mask = self.producers[pi].routes[m.key as usize];
        let current = m.attempt == attempt;
        let persistent_msg = self.config.producers[pi].persistent;
        let ttl_us = self.config.producers[pi].ttl_us;
        if mask == 0 {
            self.note(id, |c| c.nodes[node.0 as usize].name.clone(), What::Unroutable);
            self.end_transfer(msg, Fate::Lost(LossCause::Unroutable));
            // RabbitMQ confirms an unroutable message that was not published as mandatory.
            if current {
                self.send_confirm(producer, msg, attempt, true);
            }
            return;
        }
        if let Some(m) = self.messages.get_mut(msg) {
            m.routed |= mask;
            m.live_copies += mask.count_ones();
            if current {
                m.confirm_wait = mask.count_ones() as u16;
                m.confirm_refused = false;
            }
        }
        // The publish in transit became the copies.
        self.end_transfer(msg, Fate::None);
        let mut rest = mask;
        while rest != 0 {
            let q = QueueId(rest.trailing_zeros() as u16);
            rest &= rest - 1;
            let qc = &self.config.queues[q.0 as usize];
            let persistent = matches!(qc.placement, Placement::Quorum(_)) || (qc.durable && persistent_msg);
            let copy = self.copies.insert(MessageCopy {
                msg,
                msg_id: id,
                producer,
                key: m_key,
                dead_letter: false,
                queue: q,
                attempt,
                persistent,
                held_by: 0,
                on_disk: 0,
                acks_needed: 0,
                accepted: false,
                expires_us: TimeUs::MAX,
                redelivered: false,
                place: Place::Forwarding,
                channel_epoch: 0,
                process_epoch: 0,
                fate_if_dropped: Fate::None,
            });
            let ttl = match (qc.message_ttl_us, ttl_us) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if let Some(ttl) = ttl {
                if let Some(c) = self.copies.get_mut(copy) {
                    c.expires_us = self.now_us.saturating_add(ttl);
                }
            }
            self.send_to_queue_leader(copy, node);
        }
    }

    /// Sends a new copy from the node that routed it to its queue's leader.
    fn send_to_queue_leader(&mut self, copy: Key, from: NodeId) {
        let Some(c) = self.copies.get(copy) else { return };
        let q = c.queue;
        match self.queues[q.0 as usize].leader {
            None => self.refuse_copy(copy, Fate::Lost(LossCause::QueueUnavailable), What::QueueUnavailable),
            Some(leader) if leader == from => self.enqueue(copy),
            Some(leader) => {
                let at = self.now_us + self.config.inter_node_latency_us;
                self.events.push(at, Event::CopyAtLeader { copy, node: leader });
            }
        }
    }

    pub(crate) fn on_copy_at_leader(&mut self, copy: Key, node: NodeId) {
        let Some(c) = self.copies.get(copy) else { return };
        if self.queues[c.queue.0 as usize].leader != Some(node) || !self.nodes[node.0 as usize].up {
            self.refuse_copy(copy, Fate::Lost(LossCause::QueueUnavailable), What::QueueUnavailable);
            return;
        }
        let done = self.node_work_done_us(node);
        let node_epoch = self.nodes[node.0 as usize].epoch;
        self.events.push(done, Event::CopyTaken { copy, node, node_epoch });
    }

    pub(crate) fn on_copy_taken(&mut self, copy: Key, node: NodeId, node_epoch: Epoch) {
        let n = &self.nodes[node.0 as usize];
        if !n.up || n.epoch != node_epoch {
            self.end_copy(copy, Fate::Lost(LossCause::BrokerCrash));
            return;
        }
        self.enqueue(copy);
    }

    /// The queue refused a copy: the producer gets a nack (under confirms), the copy ends.
    fn refuse_copy(&mut self, copy: Key, fate: Fate, why: What) {
        let Some(c) = self.copies.get(copy) else { return };
        let (msg, attempt, q, id, dead_letter) = (c.msg, c.attempt, c.queue, c.msg_id, c.dead_letter);
        self.note(id, |cfg| cfg.queues[q.0 as usize].name.clone(), why);
        if !dead_letter {
            self.answer_producer(msg, attempt, false);
        }
        self.end_copy(copy, fate);
    }

    /// One queue has accepted (or refused) the attempt; when all have, the producer hears back.
    fn answer_producer(&mut self, msg: Key, attempt: Attempt, accepted: bool) {
        let Some(m) = self.messages.get_mut(msg) else { return };
        if m.attempt != attempt || m.confirm_wait == 0 {
            return;
        }
        if !accepted {
            m.confirm_refused = true;
        }
        m.confirm_wait -= 1;
        if m.confirm_wait == 0 {
            let (producer, ok) = (m.producer, !m.confirm_refused);
            self.send_confirm(producer, msg, attempt, ok);
        }
    }

    /// Puts a copy at the tail of its queue on the leader, starting its disk write and replicas.
    fn enqueue(&mut self, copy: Key) {
        let Some(c) = self.copies.get(copy) else { return };
        let q = c.queue;
        let qi = q.0 as usize;
        let Some(leader) = self.queues[qi].leader else {
            self.refuse_copy(copy, Fate::Lost(LossCause::QueueUnavailable), What::QueueUnavailable);
            return;
        };
        let qc = &self.config.queues[qi];
        if let Some(max) = qc.max_length {
            if self.queues[qi].ready.len() >= max as usize {
                match qc.overflow {
                    Overflow::DropHead => {
                        if let Some(head) = self.queues[qi].ready.pop_front() {
                            self.dead_letter_or_drop(head, Fate::Lost(LossCause::Overflow), What::PushedOutDropHead);
                        }
                    }
                    Overflow::RejectPublish => {
                        self.refuse_copy(copy, Fate::Lost(LossCause::Overflow), What::QueueFullRejectPublish);
                        return;
                    }
                    Overflow::RejectPublishDlx => {
                        let (msg, attempt, dead_letter) = (c.msg, c.attempt, c.dead_letter);
                        if !dead_letter {
                            self.answer_producer(msg, attempt, false);
                        }
                        self.dead_letter_or_drop(
                            copy,
                            Fate::Lost(LossCause::Overflow),
                            What::QueueFullRejectPublishDlx,
                        );
                        return;
                    }
                }
            }
        }
        let n_replicas = self.queues[qi].replicas.len();
        let quorum = matches!(self.config.queues[qi].placement, Placement::Quorum(_));
        let Some(c) = self.copies.get_mut(copy) else { return };
        c.place = Place::Ready;
        c.held_by = bit(leader);
        let persistent = c.persistent;
        let id = c.msg_id;
        let mut acks_needed = 0u8;
        let mut sent_to = 0u8;
        if persistent {
            acks_needed += 1;
        }
        for i in 0..n_replicas {
            let node = self.queues[qi].replicas[i];
            if node != leader && self.nodes[node.0 as usize].up {
                sent_to += 1;
                let at = self.now_us + self.config.inter_node_latency_us;
                self.events.push(at, Event::ReplicaAtNode { copy, node });
            }
        }
        if quorum {
            // A majority of the replica set, the leader's own disk write counted as one.
            let majority = (n_replicas / 2 + 1) as u8;
            acks_needed = majority.max(1);
        } else {
            acks_needed += sent_to;
        }
        if let Some(c) = self.copies.get_mut(copy) {
            c.acks_needed = acks_needed;
        }
        let queue = &mut self.queues[qi];
        queue.ready.push_back(copy);
        queue.stats.enqueued += 1;
        let depth = queue.ready.len() as u64 + queue.unacked;
        queue.stats.depth_max = queue.stats.depth_max.max(depth);
        self.note(id, |cfg| cfg.queues[qi].name.clone(), What::Stored);
        if persistent {
            self.disk_write(leader, copy);
        }
        if acks_needed == 0 {
            self.accept(copy);
        }
        self.schedule_expiry_check(q);
        self.dispatch(q);
    }

    /// The queue has the copy as safely as it promises: tell the producer.
    fn accept(&mut self, copy: Key) {
        let Some(c) = self.copies.get_mut(copy) else { return };
        if c.accepted {
            return;
        }
        c.accepted = true;
        let (msg, attempt, dead_letter) = (c.msg, c.attempt, c.dead_letter);
        if !dead_letter {
            self.answer_producer(msg, attempt, true);
        }
    }

    /// A copy consumed before its disk write or replicas finished no longer needs them: RabbitMQ
    /// confirms a message once every queue has either persisted it or had it consumed.
    pub(crate) fn consumed(&mut self, copy: Key) {
        self.accept(copy);
    }

    fn ack_copy(&mut self, copy: Key) {
        let Some(c) = self.copies.get_mut(copy) else { return };
        c.acks_needed = c.acks_needed.saturating_sub(1);
        if c.acks_needed == 0 {
            self.accept(copy);
        }
    }

    /// A replica still counts only while its copy is in the queue: once the leader that sent it
    /// has died and dropped the copy, a late replica must not confirm it.
    fn replica_still_wanted(&self, copy: Key) -> bool {
        self.copies.get(copy).is_some_and(|c| !matches!(c.place, Place::Orphaned(_)))
    }

    pub(crate) fn on_replica_at_node(&mut self, copy: Key, node: NodeId) {
        if !self.nodes[node.0 as usize].up || !self.replica_still_wanted(copy) {
            return;
        }
        let done = self.node_work_done_us(node);
        let node_epoch = self.nodes[node.0 as usize].epoch;
        self.events.push(done, Event::ReplicaTaken { copy, node, node_epoch });
    }

    pub(crate) fn on_replica_taken(&mut self, copy: Key, node: NodeId, node_epoch: Epoch) {
        let n = &self.nodes[node.0 as usize];
        if !n.up || n.epoch != node_epoch || !self.replica_still_wanted(copy) {
            return;
        }
        let Some(c) = self.copies.get_mut(copy) else { return };
        c.held_by |= bit(node);
        let (persistent, id) = (c.persistent, c.msg_id);
        self.note(id, |cfg| cfg.nodes[node.0 as usize].name.clone(), What::Replicated);
        if persistent {
            self.disk_write(node, copy);
        } else {
            self.replica_acks(copy, node);
        }
    }

    /// A node has stored its part of a copy: the leader's own write counts at once, a mirror's
    /// answer travels back to the leader first.
    fn replica_acks(&mut self, copy: Key, node: NodeId) {
        let Some(q) = self.copies.get(copy).map(|c| c.queue) else { return };
        if self.queues[q.0 as usize].leader == Some(node) {
            self.ack_copy(copy);
        } else {
            let at = self.now_us + self.config.inter_node_latency_us;
            self.events.push(at, Event::ReplicaAckAtLeader { copy });
        }
    }

    pub(crate) fn on_replica_ack_at_leader(&mut self, copy: Key) {
        if self.replica_still_wanted(copy) {
            self.ack_copy(copy);
        }
    }

    /// Queues a write for the node's next fsync; writes that arrive during one share the next.
    fn disk_write(&mut self, node: NodeId, copy: Key) {
        let n = &mut self.nodes[node.0 as usize];
        if n.fsync_running {
            n.fsync_waiting.push(copy);
        } else {
            n.fsync_running = true;
            n.fsync_batch.push(copy);
            let at = self.now_us + crate::time::round_us(n.fsync_us as f64 * n.slow_disk_factor);
            let node_epoch = n.epoch;
            self.events.push(at, Event::FsyncDone { node, node_epoch });
        }
    }

    pub(crate) fn on_fsync_done(&mut self, node: NodeId, node_epoch: Epoch) {
        let ni = node.0 as usize;
        if self.nodes[ni].epoch != node_epoch || !self.nodes[ni].up {
            return;
        }
        let batch = std::mem::take(&mut self.nodes[ni].fsync_batch);
        for &copy in &batch {
            if let Some(c) = self.copies.get_mut(copy) {
                c.on_disk |= bit(node);
                let id = c.msg_id;
                self.note(id, |cfg| cfg.nodes[ni].name.clone(), What::WrittenToDisk);
                self.replica_acks(copy, node);
            }
        }
        let n = &mut self.nodes[ni];
        n.fsync_batch = std::mem::take(&mut n.fsync_waiting);
        // Keep the old allocation for the next round.
        n.fsync_waiting = batch;
        n.fsync_waiting.clear();
        if n.fsync_batch.is_empty() {
            n.fsync_running = false;
        } else {
            let at = self.now_us + crate::time::round_us(n.fsync_us as f64 * n.slow_disk_factor);
            self.events.push(at, Event::FsyncDone { node, node_epoch });
        }
    }

    /// Sends a copy to its queue's dead-letter exchange, or drops it with `fate` if there is none
    /// or it routes nowhere. A dead-lettered message's outcome is counted now; the dead letters
    /// are new copies in the target queues, consumable like any message.
    pub(crate) fn dead_letter_or_drop(&mut self, copy: Key, fate: Fate, why: What) {
        let Some(template) = self.copies.get(copy).cloned() else { return };
        let (q, id, producer, key) = (template.queue, template.msg_id, template.producer, template.key);
        let qi = q.0 as usize;
        self.note(id, |cfg| cfg.queues[qi].name.clone(), why);
        let Some(dlx) = self.config.queues[qi].dead_letter_exchange else {
            self.end_copy(copy, fate);
            return;
        };
        // A dead letter that expires or overflows again is routed again, but never back into
        // the queue it came from (RabbitMQ drops such cycles).
        let mask = self.dead_letter_route(q, dlx, producer, key) & !(1u64 << q.0);
        if mask == 0 {
            self.end_copy(copy, fate);
            return;
        }
        self.note(id, |cfg| cfg.exchanges[dlx.0 as usize].name.clone(), What::DeadLettered);
        self.end_copy(copy, Fate::DeadLettered);
        let leader = self.queues[qi].leader;
        let mut rest = mask;
        while rest != 0 {
            let target = QueueId(rest.trailing_zeros() as u16);
            rest &= rest - 1;
            self.queues[target.0 as usize].stats.dead_letters_parked += 1;
            let qc = &self.config.queues[target.0 as usize];
            let persistent = matches!(qc.placement, Placement::Quorum(_)) || (qc.durable && template.persistent);
            let letter = self.copies.insert(MessageCopy {
                queue: target,
                dead_letter: true,
                persistent,
                held_by: 0,
                on_disk: 0,
                acks_needed: 0,
                accepted: false,
                expires_us: qc.message_ttl_us.map_or(TimeUs::MAX, |ttl| self.now_us.saturating_add(ttl)),
                redelivered: false,
                place: Place::Forwarding,
                fate_if_dropped: Fate::None,
                ..template.clone()
            });
            match leader {
                Some(from_node) => self.send_to_queue_leader(letter, from_node),
                None => self.end_copy(letter, Fate::None),
            }
        }
    }

    fn dead_letter_route(&mut self, q: QueueId, dlx: crate::config::ExchangeId, producer: ProducerId, key: u32) -> u64 {
        if let Some(&mask) = self.queues[q.0 as usize].dead_letter_routes.get(&(producer, key)) {
            return mask;
        }
        let pc = &self.config.producers[producer.0 as usize];
        let routing_key = match &self.config.queues[q.0 as usize].dead_letter_routing_key {
            Some(k) => k.clone(),
            None => routing_key_for(pc, key),
        };
        let mask = route(&self.config, dlx, &routing_key, &pc.headers);
        self.queues[q.0 as usize].dead_letter_routes.insert((producer, key), mask);
        mask
    }

    /// Expires copies at the head of the queue whose time is up (RabbitMQ expires from the head).
    pub(crate) fn expire_head(&mut self, q: QueueId) {
        let qi = q.0 as usize;
        if self.queues[qi].leader.is_none() || !self.queues[qi].may_expire {
            return;
        }
        while let Some(&head) = self.queues[qi].ready.front() {
            let expired = self.copies.get(head).is_none_or(|c| c.expires_us <= self.now_us);
            if !expired {
                break;
            }
            self.queues[qi].ready.pop_front();
            self.dead_letter_or_drop(head, Fate::Expired, What::Expired);
        }
    }

    /// Plans an expiry check for the head's expiry time. None while the queue is unavailable:
    /// nothing expires on a node that is down, and the restart plans the next check.
    pub(crate) fn schedule_expiry_check(&mut self, q: QueueId) {
        let qi = q.0 as usize;
        if self.queues[qi].leader.is_none() || !self.queues[qi].may_expire {
            return;
        }
        let Some(&head) = self.queues[qi].ready.front() else { return };
        let Some(expires_us) = self.copies.get(head).map(|c| c.expires_us) else { return };
        if expires_us == TimeUs::MAX {
            return;
        }
        let queue = &mut self.queues[qi];
        if queue.expiry_check_at_us.is_none_or(|t| t > expires_us) {
            queue.expiry_check_at_us = Some(expires_us);
            self.events.push(expires_us.max(self.now_us), Event::ExpiryCheck(q));
        }
    }

    pub(crate) fn on_expiry_check(&mut self, q: QueueId) {
        let queue = &mut self.queues[q.0 as usize];
        if queue.expiry_check_at_us.is_some_and(|t| t > self.now_us) {
            // A stale check: a later one is planned for the current head.
            return;
        }
        queue.expiry_check_at_us = None;
        self.expire_head(q);
        self.schedule_expiry_check(q);
        self.dispatch(q);
    }

    /// A node crashes: its memory, its unsynced writes and its queues' leadership are gone.
    pub(crate) fn node_crash(&mut self, node: NodeId) {
        let ni = node.0 as usize;
        let n = &mut self.nodes[ni];
        n.up = false;
        n.epoch = n.epoch.wrapping_add(1);
        n.busy_until_us = self.now_us;
        n.fsync_running = false;
        n.fsync_batch.clear();
        n.fsync_waiting.clear();
        // Clients connected to this node lose their connection first, so no failover delivers
        // to them.
        let cut: Vec<usize> = (0..self.consumers.len()).filter(|&ci| self.config.consumers[ci].node == node).collect();
        for &ci in &cut {
            self.consumers[ci].connected = false;
        }
        for qi in 0..self.queues.len() {
            if !self.queues[qi].replicas.contains(&node) {
                continue;
            }
            if self.queues[qi].leader == Some(node) {
                self.queue_loses_leader(QueueId(qi as u16), node);
            } else {
                // A mirror lost its in-memory replicas.
                for &copy in &self.queues[qi].ready {
                    if let Some(c) = self.copies.get_mut(copy) {
                        c.held_by &= !bit(node);
                    }
                }
            }
        }
        for ci in cut {
            self.close_channel(crate::config::ConsumerId(ci as u16), |_| true);
            self.dispatch(self.config.consumers[ci].queue);
        }
    }

    /// The queue's leader died: fail over to a live replica or become unavailable; copies the
    /// new leader (or the restarted node's disk) does not have are lost.
    fn queue_loses_leader(&mut self, q: QueueId, node: NodeId) {
        let qi = q.0 as usize;
        let placement = self.config.queues[qi].placement.clone();
        let durable = self.config.queues[qi].durable;
        let up: Vec<NodeId> =
            self.queues[qi].replicas.iter().copied().filter(|&n| n != node && self.nodes[n.0 as usize].up).collect();
        let new_leader = match placement {
            Placement::Home(_) => None,
            Placement::Mirrored(_) => up.first().copied(),
            Placement::Quorum(ref all) => (up.len() > all.len() / 2).then(|| up[0]),
        };
        let survives = |c: &MessageCopy| match new_leader {
            Some(l) => c.held_by & bit(l) != 0,
            None => match placement {
                Placement::Home(_) => durable && c.persistent && c.on_disk & bit(node) != 0,
                // Unavailable but nothing on disk is lost: it comes back with the majority.
                _ => c.persistent && c.on_disk & bit(node) != 0,
            },
        };
        let consumers = self.queues[qi].consumers.clone();
        for c in consumers {
            let keep: Vec<bool> = self.consumers[c.0 as usize]
                .unacked
                .iter()
                .map(|&k| self.copies.get(k).is_some_and(survives))
                .collect();
            let mut i = 0;
            self.close_channel(c, |_| {
                let k = keep[i];
                i += 1;
                k
            });
        }
        let ready = std::mem::take(&mut self.queues[qi].ready);
        let mut kept = std::collections::VecDeque::with_capacity(ready.len());
        for copy in ready {
            match self.copies.get(copy) {
                Some(c) if survives(c) => kept.push_back(copy),
                Some(c) => {
                    let id = c.msg_id;
                    self.note(id, |cfg| cfg.nodes[node.0 as usize].name.clone(), What::LostInBrokerCrash);
                    self.end_copy(copy, Fate::Lost(LossCause::BrokerCrash));
                }
                None => {}
            }
        }
        let queue = &mut self.queues[qi];
        // Copies requeued by the closed channels went to the front; keep that order.
        kept.extend(queue.ready.drain(..));
        queue.ready = kept;
        queue.leader = new_leader;
        queue.expiry_check_at_us = None;
        if let Some(l) = new_leader {
            for &copy in &self.queues[qi].ready {
                if let Some(c) = self.copies.get_mut(copy) {
                    c.held_by = bit(l) | (c.held_by & !bit(node));
                }
            }
            self.schedule_expiry_check(q);
            self.dispatch(q);
        }
    }

    /// A node restarts: its queues come back from disk where no other leader took over.
    pub(crate) fn node_restart(&mut self, node: NodeId) {
        let ni = node.0 as usize;
        self.nodes[ni].up = true;
        self.nodes[ni].busy_until_us = self.now_us;
        for qi in 0..self.queues.len() {
            if !self.queues[qi].replicas.contains(&node) || self.queues[qi].leader.is_some() {
                continue;
            }
            let ready_again = match &self.config.queues[qi].placement {
                Placement::Home(_) | Placement::Mirrored(_) => true,
                Placement::Quorum(all) => {
                    let up = all.iter().filter(|n| self.nodes[n.0 as usize].up).count();
                    up > all.len() / 2
                }
            };
            if ready_again {
                self.queues[qi].leader = Some(node);
                for &copy in &self.queues[qi].ready {
                    if let Some(c) = self.copies.get_mut(copy) {
                        c.held_by |= bit(node);
                    }
                }
                self.expire_head(QueueId(qi as u16));
                self.schedule_expiry_check(QueueId(qi as u16));
            }
        }
        for ci in 0..self.consumers.len() {
            if self.config.consumers[ci].node == node {
                self.reconnect(crate::config::ConsumerId(ci as u16));
            }
        }
        for qi in 0..self.queues.len() {
            self.dispatch(QueueId(qi as u16));
        }
    }
}

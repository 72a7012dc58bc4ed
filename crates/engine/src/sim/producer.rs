//! Producers: making messages at the configured rate, sending them within the confirm window,
//! and handling confirms, nacks, time-outs, resends and giving up.

use super::{Event, Simulation};
use crate::config::{Arrivals, ConfirmMode, ProducerId, RateProfile};
use crate::link::Direction;
use crate::message::{Attempt, Fate, Message, ProducerView};
use crate::report::LossCause;
use crate::slab::Key;
use crate::time::{TimeUs, US_PER_S};
use crate::trace::What;
use crate::wires::{Carries, Client, Transfer};

/// The rate in force at `t_us` and when it next changes (a step or a burst edge).
pub(crate) fn rate_at(profile: &RateProfile, t_us: TimeUs) -> (f64, Option<TimeUs>) {
    let step = profile.steps.iter().rposition(|(at, _)| *at <= t_us);
    let mut rate = step.map(|i| profile.steps[i].1).unwrap_or(0.0);
    let mut change = profile.steps.iter().map(|(at, _)| *at).find(|at| *at > t_us);
    if let Some(burst) = profile.burst {
        let edge = if t_us < burst.first_us {
            burst.first_us
        } else {
            let phase = (t_us - burst.first_us) % burst.every_us.max(1);
            if phase < burst.for_us {
                rate = burst.rate_per_s;
                t_us - phase + burst.for_us
            } else {
                t_us - phase + burst.every_us.max(1)
            }
        };
        change = Some(change.map_or(edge, |c| c.min(edge)));
    }
    (rate, change)
}

impl Simulation {
    /// When producer `p` makes its next message after `from_us`, or `None` if it makes no more
    /// before the horizon. A gap that would cross a rate change is drawn again from the change
    /// (exact for Poisson arrivals, which are memoryless).
    pub(crate) fn first_arrival_us(&mut self, p: ProducerId, from_us: TimeUs) -> Option<TimeUs> {
        let cfg = &self.config.producers[p.0 as usize];
        let end = cfg.stop_us.unwrap_or(TimeUs::MAX).min(self.config.horizon_us);
        let mut t = from_us;
        loop {
            if t > end {
                return None;
            }
            let (rate, change) = rate_at(&cfg.rate, t);
            if rate <= 0.0 {
                t = change?;
                continue;
            }
            let gap = match cfg.arrivals {
                Arrivals::Constant => crate::time::interval_us(rate),
                Arrivals::Poisson => {
                    let mean_us = US_PER_S as f64 / rate;
                    crate::time::round_us(self.producers[p.0 as usize].arrivals.exponential(mean_us)).max(1)
                }
            };
            match change {
                Some(c) if t + gap > c => t = c,
                _ => return if t + gap > end { None } else { Some(t + gap) },
            }
        }
    }

    pub(crate) fn on_arrival(&mut self, p: ProducerId) {
        let pi = p.0 as usize;
        let cfg = &self.config.producers[pi];
        let key = if cfg.n_keys > 1 { self.producers[pi].keys.below(cfg.n_keys as u64) as u32 } else { 0 };
        let outbox_limit = cfg.outbox_limit as usize;
        let state = &mut self.producers[pi];
        let seq = state.next_seq;
        state.next_seq += 1;
        state.stats.created += 1;
        let id = self.next_message_id;
        self.next_message_id += 1;
        let msg = self.messages.insert(Message {
            id,
            producer: p,
            key,
            seq,
            birth_us: self.now_us,
            view: ProducerView::Waiting,
            attempt: 0,
            confirm_wait: 0,
            confirm_refused: false,
            holds_window: false,
            live_copies: 0,
            routed: 0,
            processed: 0,
            dedupe_marked: 0,
            fate: Fate::None,
            counted: false,
        });
        self.metrics.message_born(self.now_us);
        self.note(id, |c| c.producers[pi].name.clone(), What::Produced { key, seq });
        if self.producers[pi].outbox.len() >= outbox_limit {
            self.note(id, |c| c.producers[pi].name.clone(), What::OutboxFull);
            self.give_up(p, msg);
        } else {
            self.producers[pi].outbox.push_back(msg);
            self.pump(p);
        }
        if let Some(next) = self.first_arrival_us(p, self.now_us) {
            self.events.push(next, Event::Arrival(p));
        }
    }

    /// Sends from the outbox while the confirm window has room.
    pub(crate) fn pump(&mut self, p: ProducerId) {
        let pi = p.0 as usize;
        while self.producers[pi].in_flight < self.producers[pi].window {
            let Some(msg) = self.producers[pi].outbox.pop_front() else { break };
            if self.config.producers[pi].confirm != ConfirmMode::None {
                self.producers[pi].in_flight += 1;
                if let Some(m) = self.messages.get_mut(msg) {
                    m.holds_window = true;
                }
            }
            self.send(p, msg);
        }
    }

    /// Puts the current attempt of `msg` on the producer's link.
    fn send(&mut self, p: ProducerId, msg: Key) {
        let pi = p.0 as usize;
        let confirm = self.config.producers[pi].confirm;
        let timeout_us = self.config.producers[pi].timeout_us;
        let now = self.now_us;
        let Some(m) = self.messages.get_mut(msg) else { return };
        let (id, attempt, birth_us) = (m.id, m.attempt, m.birth_us);
        m.fate = Fate::None;
        m.live_copies += 1;
        if confirm == ConfirmMode::None {
            m.view = ProducerView::Settled;
            self.metrics.publish_latency.record(now - birth_us);
        }
        self.producers[pi].stats.sends += 1;
        let arrives = self.producers[pi].link.transfer(now, Direction::ToBroker);
        self.sight(|| Transfer {
            message_id: id,
            carries: Carries::Publish,
            client: Client::Producer(p.0),
            sent_us: now,
            arrives_us: arrives,
        });
        match arrives {
            Some(at) => {
                self.note(id, |c| c.producers[pi].name.clone(), What::Sent { attempt: u32::from(attempt) + 1 });
                if at == now {
                    // A link without delay hands the publish over at once: no event needed.
                    self.on_publish_at_node(p, msg, attempt);
                } else {
                    self.events.push(at, Event::PublishAtNode { producer: p, msg, attempt });
                }
            }
            None => {
                self.note(id, |c| c.producers[pi].name.clone(), What::DroppedOnProducerLink);
                self.end_transfer(msg, Fate::Lost(LossCause::Network));
            }
        }
        if confirm != ConfirmMode::None {
            let state = &mut self.producers[pi];
            state.deadlines.push_back((now + timeout_us, msg, attempt));
            if !state.deadline_armed {
                state.deadline_armed = true;
                self.events.push(now + timeout_us, Event::ConfirmDeadline(p));
            }
        }
    }

    /// A publish in transit ended without making a copy.
    pub(crate) fn end_transfer(&mut self, msg: Key, fate: Fate) {
        if let Some(m) = self.messages.get_mut(msg) {
            m.live_copies -= 1;
            m.fate = m.fate.worst(fate);
        }
        self.settle_if_done(msg);
    }

    /// Sends the broker's answer for the current attempt back over the producer's link.
    pub(crate) fn send_confirm(&mut self, p: ProducerId, msg: Key, attempt: Attempt, ok: bool) {
        let pi = p.0 as usize;
        let confirm = self.config.producers[pi].confirm;
        if confirm == ConfirmMode::None {
            return;
        }
        let link = &mut self.producers[pi].link;
        // A transaction's commit is one more round trip (tx.commit → commit-ok).
        let extra_us = if confirm == ConfirmMode::Transaction { 2 * link.latency_us() } else { 0 };
        let arrives = link.transfer(self.now_us, Direction::ToClient);
        if let Some(at) = arrives {
            self.events.push(at + extra_us, Event::ConfirmAtProducer { producer: p, msg, attempt, ok });
        }
        if self.watch.is_some() {
            let message_id = self.messages.get(msg).map_or(0, |m| m.id);
            let sent_us = self.now_us;
            self.sight(|| Transfer {
                message_id,
                carries: Carries::Confirm,
                client: Client::Producer(p.0),
                sent_us,
                arrives_us: arrives,
            });
        }
    }

    pub(crate) fn on_confirm(&mut self, p: ProducerId, msg: Key, attempt: Attempt, ok: bool) {
        let pi = p.0 as usize;
        self.producers[pi].link.arrived(Direction::ToClient);
        let Some(m) = self.messages.get_mut(msg) else { return };
        if m.view != ProducerView::Waiting || m.attempt != attempt {
            return;
        }
        let (id, birth_us) = (m.id, m.birth_us);
        if ok {
            m.view = ProducerView::Settled;
            self.producers[pi].stats.confirmed += 1;
            self.metrics.bucket().confirmed += 1;
            self.metrics.publish_latency.record(self.now_us - birth_us);
            self.note(id, |c| c.producers[pi].name.clone(), What::Confirmed);
            self.release_window(p, msg);
            self.settle_if_done(msg);
            self.pump(p);
        } else {
            self.producers[pi].stats.nacked += 1;
            self.note(id, |c| c.producers[pi].name.clone(), What::NackedByBroker);
            self.retry_or_give_up(p, msg);
        }
    }

    /// Handles every deadline that is due, then arms the next.
    pub(crate) fn on_confirm_deadline(&mut self, p: ProducerId) {
        let pi = p.0 as usize;
        self.producers[pi].deadline_armed = false;
        while let Some(&(due_us, msg, attempt)) = self.producers[pi].deadlines.front() {
            if due_us > self.now_us {
                self.producers[pi].deadline_armed = true;
                self.events.push(due_us, Event::ConfirmDeadline(p));
                break;
            }
            self.producers[pi].deadlines.pop_front();
            self.on_confirm_timeout(p, msg, attempt);
        }
    }

    fn on_confirm_timeout(&mut self, p: ProducerId, msg: Key, attempt: Attempt) {
        let Some(m) = self.messages.get(msg) else { return };
        if m.view != ProducerView::Waiting || m.attempt != attempt {
            return;
        }
        let id = m.id;
        self.producers[p.0 as usize].stats.timeouts += 1;
        self.note(id, |c| c.producers[p.0 as usize].name.clone(), What::ConfirmTimedOut);
        self.retry_or_give_up(p, msg);
    }

    fn retry_or_give_up(&mut self, p: ProducerId, msg: Key) {
        let cfg = &self.config.producers[p.0 as usize];
        let (retries, backoff_us) = (cfg.retries, cfg.retry_backoff_us);
        let Some(m) = self.messages.get_mut(msg) else { return };
        if u32::from(m.attempt) < retries {
            // A new attempt number makes a late answer to the old one count for nothing.
            m.attempt += 1;
            self.events.push(self.now_us + backoff_us, Event::Resend { producer: p, msg });
        } else {
            let id = m.id;
            self.note(id, |c| c.producers[p.0 as usize].name.clone(), What::GaveUp);
            self.give_up(p, msg);
        }
    }

    pub(crate) fn on_resend(&mut self, p: ProducerId, msg: Key) {
        let Some(m) = self.messages.get(msg) else { return };
        if m.view != ProducerView::Waiting {
            return;
        }
        self.producers[p.0 as usize].stats.resends += 1;
        self.send(p, msg);
    }

    /// The producer is told the message failed; it will not send it again.
    fn give_up(&mut self, p: ProducerId, msg: Key) {
        if let Some(m) = self.messages.get_mut(msg) {
            m.view = ProducerView::GaveUp;
        }
        self.producers[p.0 as usize].stats.gave_up += 1;
        self.release_window(p, msg);
        self.settle_if_done(msg);
        self.pump(p);
    }

    fn release_window(&mut self, p: ProducerId, msg: Key) {
        if let Some(m) = self.messages.get_mut(msg) {
            if m.holds_window {
                m.holds_window = false;
                self.producers[p.0 as usize].in_flight -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Burst;

    #[test]
    fn bursts_switch_rate_and_report_edges() {
        let profile = RateProfile {
            steps: vec![(0, 100.0)],
            burst: Some(Burst { first_us: 1_000, every_us: 10_000, for_us: 2_000, rate_per_s: 1_000.0 }),
        };
        assert_eq!(rate_at(&profile, 0), (100.0, Some(1_000)));
        assert_eq!(rate_at(&profile, 1_500), (1_000.0, Some(3_000)));
        assert_eq!(rate_at(&profile, 3_000), (100.0, Some(11_000)));
    }

    #[test]
    fn steps_change_rate() {
        let profile = RateProfile { steps: vec![(0, 5.0), (10, 0.0), (20, 7.0)], burst: None };
        assert_eq!(rate_at(&profile, 9), (5.0, Some(10)));
        assert_eq!(rate_at(&profile, 10), (0.0, Some(20)));
        assert_eq!(rate_at(&profile, 25), (7.0, None));
    }
}

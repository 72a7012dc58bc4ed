//! Ending copies and messages: where each message's one outcome is decided and counted.

use super::Simulation;
use crate::message::{Fate, ProducerView};
use crate::report::Outcome;
use crate::slab::Key;

impl Simulation {
    /// Removes a copy that ended; `fate` says what its end means if the message is not processed.
    pub(crate) fn end_copy(&mut self, copy: Key, fate: Fate) {
        let Some(c) = self.copies.remove(copy) else { return };
        if c.dead_letter {
            return;
        }
        if let Some(m) = self.messages.get_mut(c.msg) {
            m.live_copies -= 1;
            m.fate = m.fate.worst(fate);
        }
        self.settle_if_done(c.msg);
    }

    /// Counts the message's outcome once nothing can change it, and frees it once nothing refers
    /// to it any more.
    pub(crate) fn settle_if_done(&mut self, msg: Key) {
        let Some(m) = self.messages.get(msg) else { return };
        if m.live_copies > 0 || m.view == ProducerView::Waiting {
            return;
        }
        if !m.counted {
            let (id, birth_us, outcome) = (m.id, m.birth_us, m.final_outcome());
            self.count_outcome(id, birth_us, outcome);
        }
        self.messages.remove(msg);
    }

    /// Counts a message as processed the moment it has been processed in every queue it reached.
    pub(crate) fn count_if_fully_processed(&mut self, msg: Key) {
        let Some(m) = self.messages.get_mut(msg) else { return };
        if !m.counted && m.fully_processed() {
            m.counted = true;
            let (id, birth_us) = (m.id, m.birth_us);
            self.count_outcome(id, birth_us, Outcome::Processed);
        }
    }

    fn count_outcome(&mut self, id: u64, birth_us: u64, outcome: Outcome) {
        self.metrics.message_ended(id, self.now_us, birth_us, outcome);
        if let Some(trace) = &mut self.trace {
            if trace.message_id == id {
                trace.outcome = Some(outcome);
                trace.outcome_us = Some(self.now_us);
            }
        }
    }
}

//! Undo and redo: a bounded stack of whole-scenario snapshots.
//!
//! Snapshots rather than inverse edits: a scenario is a few kilobytes, so 200 of them cost
//! little, and an undo can never disagree with the edit it undoes. Consecutive steps with the
//! same coalescing key (every `move_to` of one component during one drag) share one snapshot,
//! the state before the first of them, so one undo puts the component back where the drag began.

use std::collections::VecDeque;

use mqlab_scenario::Scenario;

use super::ComponentRef;

/// What makes consecutive steps one undo step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Coalesce {
    /// Moves of this component during one drag.
    Drag(ComponentRef),
}

#[derive(Clone, Debug)]
struct Step {
    /// The scenario before the step.
    before: Scenario,
}

/// The undo and redo stacks.
#[derive(Clone, Debug)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Scenario>,
    limit: usize,
    /// The key of the newest undo step while more steps may join it.
    open: Option<Coalesce>,
}

impl Default for History {
    fn default() -> Self {
        History::new(History::DEFAULT_LIMIT)
    }
}

impl History {
    /// Undo steps kept; older ones are forgotten.
    pub const DEFAULT_LIMIT: usize = 200;

    /// A history that keeps at most `limit` undo steps (at least one).
    pub fn new(limit: usize) -> Self {
        History { undo: VecDeque::new(), redo: Vec::new(), limit: limit.max(1), open: None }
    }

    /// Records an edit that changed the scenario from `before`. With the same coalescing key as
    /// the open step, it joins that step. Any new edit clears the redo stack.
    pub fn record(&mut self, before: Scenario, coalesce: Option<Coalesce>) {
        self.redo.clear();
        if coalesce.is_some() && coalesce == self.open && !self.undo.is_empty() {
            return;
        }
        self.undo.push_back(Step { before });
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
        self.open = coalesce;
    }

    /// Ends coalescing: the next edit starts a new undo step whatever its key.
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// Puts `current` back to before the newest step; false if there is nothing to undo.
    pub fn undo(&mut self, current: &mut Scenario) -> bool {
        self.open = None;
        let Some(step) = self.undo.pop_back() else {
            return false;
        };
        self.redo.push(std::mem::replace(current, step.before));
        true
    }

    /// Re-applies the newest undone step; false if there is nothing to redo.
    pub fn redo(&mut self, current: &mut Scenario) -> bool {
        self.open = None;
        let Some(next) = self.redo.pop() else {
            return false;
        };
        let before = std::mem::replace(current, next);
        self.undo.push_back(Step { before });
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undo steps held.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Forgets every step (a new document was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.open = None;
    }
}

//! The document the canvas edits: the scenario, its undo history and the drag in progress,
//! changed only through [`Edit`]s, like a reducer's actions.
//!
//! Each edit runs on a copy and is committed only if it succeeds, so a refused edit leaves the
//! document untouched; an edit that changes nothing (a refused duplicate, a field set to the
//! value it had) leaves no undo step.

use std::collections::BTreeMap;

use mqlab_scenario::{Fault, FaultKind, Scenario};
use serde_json::Value;

use super::history::{Coalesce, History};
use super::wires::{self, Wire};
use super::{components, faults, layout, values, ComponentKind, ComponentRef, EditError};

/// One change a learner can make.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Add {
        kind: ComponentKind,
        at: (f64, f64),
    },
    /// During a drag ([`Document::begin_drag`]) the moves of the dragged component coalesce
    /// into one undo step.
    Move {
        target: ComponentRef,
        at: (f64, f64),
    },
    Rename {
        target: ComponentRef,
        new_id: String,
    },
    Delete {
        target: ComponentRef,
    },
    Connect {
        from: ComponentRef,
        to: ComponentRef,
    },
    Disconnect {
        wire: Wire,
    },
    SetField {
        target: ComponentRef,
        key: String,
        value: Value,
    },
    SetScenarioField {
        key: String,
        value: Value,
    },
    SetBindingKey {
        wire: Wire,
        key: String,
    },
    /// A binding's key and headers at once (the binding inspector of a headers exchange).
    Rebind {
        wire: Wire,
        key: String,
        headers: BTreeMap<String, String>,
    },
    AutoLayout,
    /// A scheduled fault, put in time order ([`faults::add_fault`]).
    AddFault(Fault),
    /// The fault at `index` replaced, then put in time order ([`faults::set_fault`]).
    SetFault {
        index: usize,
        fault: Fault,
    },
    RemoveFault {
        index: usize,
    },
    /// Crash or restart `target` at `now_s` from the canvas while a run plays: ends the fault
    /// of `kind` in effect then, or starts one ([`faults::toggle_fault`]).
    ToggleFault {
        kind: FaultKind,
        target: String,
        now_s: f64,
    },
    /// A whole new scenario (an import, a preset) as one undoable step.
    Replace(Box<Scenario>),
}

/// What an edit produced, for the view to select or highlight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    Added(ComponentRef),
    Renamed(ComponentRef),
    Connected(Wire),
    /// A binding with its new key.
    Rebound(Wire),
    Done,
}

/// The scenario being edited, with undo and redo.
#[derive(Clone, Debug, Default)]
pub struct Document {
    scenario: Scenario,
    history: History,
    drag: Option<ComponentRef>,
}

impl Document {
    pub fn new(scenario: Scenario) -> Self {
        Document { scenario, history: History::default(), drag: None }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn into_scenario(self) -> Scenario {
        self.scenario
    }

    /// Applies the edit, or refuses it and changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        let coalesce = match (&edit, &self.drag) {
            (Edit::Move { target, .. }, Some(dragged)) if target == dragged => Some(Coalesce::Drag(target.clone())),
            _ => None,
        };
        let mut next = self.scenario.clone();
        let applied = run(&mut next, edit)?;
        if next != self.scenario {
            let before = std::mem::replace(&mut self.scenario, next);
            self.history.record(before, coalesce);
        }
        Ok(applied)
    }

    /// Starts dragging `target`: its moves from now until [`Document::end_drag`] are one undo step.
    pub fn begin_drag(&mut self, target: ComponentRef) {
        self.history.seal();
        self.drag = Some(target);
    }

    pub fn end_drag(&mut self) {
        self.drag = None;
        self.history.seal();
    }

    pub fn undo(&mut self) -> bool {
        self.drag = None;
        self.history.undo(&mut self.scenario)
    }

    pub fn redo(&mut self) -> bool {
        self.drag = None;
        self.history.redo(&mut self.scenario)
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    pub fn history(&self) -> &History {
        &self.history
    }
}

/// Runs one edit on `s` through the editor's plain functions.
fn run(s: &mut Scenario, edit: Edit) -> Result<Applied, EditError> {
    Ok(match edit {
        Edit::Add { kind, at } => Applied::Added(components::add(s, kind, at)?),
        Edit::Move { target, at } => {
            components::move_to(s, &target, at)?;
            Applied::Done
        }
        Edit::Rename { target, new_id } => Applied::Renamed(components::rename(s, &target, &new_id)?),
        Edit::Delete { target } => {
            components::delete(s, &target)?;
            Applied::Done
        }
        Edit::Connect { from, to } => Applied::Connected(wires::connect(s, &from, &to)?),
        Edit::Disconnect { wire } => {
            wires::disconnect(s, &wire)?;
            Applied::Done
        }
        Edit::SetField { target, key, value } if key == "id" => {
            let id = match value {
                Value::String(text) => text,
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            Applied::Renamed(components::rename(s, &target, &id)?)
        }
        Edit::SetField { target, key, value } => {
            values::set_field(s, &target, &key, value)?;
            Applied::Done
        }
        Edit::SetScenarioField { key, value } => {
            values::set_scenario_field(s, &key, value)?;
            Applied::Done
        }
        Edit::SetBindingKey { wire, key } => Applied::Rebound(wires::set_binding_key(s, &wire, &key)?),
        Edit::Rebind { wire, key, headers } => Applied::Rebound(wires::rebind(s, &wire, &key, headers)?),
        Edit::AutoLayout => {
            layout::auto_layout(s);
            Applied::Done
        }
        Edit::AddFault(fault) => {
            faults::add_fault(s, fault)?;
            Applied::Done
        }
        Edit::SetFault { index, fault } => {
            faults::set_fault(s, index, fault)?;
            Applied::Done
        }
        Edit::RemoveFault { index } => {
            faults::remove_fault(s, index)?;
            Applied::Done
        }
        Edit::ToggleFault { kind, target, now_s } => {
            faults::toggle_fault(s, kind, &target, now_s)?;
            Applied::Done
        }
        Edit::Replace(scenario) => {
            *s = *scenario;
            Applied::Done
        }
    })
}

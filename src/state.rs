//! The app's one state, a Yew `Reducible` with an [`Action`] enum (Yew's `function_todomvc`).
//!
//! The reducer is pure: it edits the document through `editor`, moves the run along and keeps
//! what the page says to the learner. Storage, the URL and the engine are side effects of the top
//! component and the hooks, which watch [`AppState::revision`] to save after every edit.

use std::rc::Rc;

use mqlab_scenario::Scenario;
use yew::prelude::*;

use crate::editor::{self, Applied, ComponentRef, Document, Edit, Wire};
use crate::i18n::Lang;
use crate::live::RunId;
use crate::message_life::TraceState;
use crate::sim_worker::RunState;

/// What is selected on the canvas: a component, a wire, or nothing (the scenario's settings).
#[derive(Clone, Debug, PartialEq)]
pub enum Selection {
    None,
    Component(ComponentRef),
    Wire(Wire),
    /// A scheduled fault, by its index in the scenario's `faults`.
    Fault(usize),
}

/// A value the inspector refused, shown at its field until the next edit.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// `None` for a scenario setting.
    pub component: Option<ComponentRef>,
    pub key: String,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct AppState {
    /// Scenario A: the one on the canvas, in the link and the autosave.
    doc: Document,
    /// Compare mode: scenario B, forked from A, and which of the two the canvas edits.
    pub compare: Option<Compare>,
    pub selection: Selection,
    pub lang: Lang,
    /// Where the runs stand, as the simulation workers last said (the run bar shows it).
    pub phase: RunState,
    /// The preset the scenario came from, if the picker should show it.
    pub preset: Option<String>,
    /// The error panel: a bad link or file, named by what is wrong with it.
    pub problem: Option<String>,
    /// A short message that goes away by itself (a refused wire, "link copied").
    pub notice: Option<String>,
    pub refusal: Option<Refusal>,
    /// Counts edits of the scenario: the hooks save and re-encode the link when it changes.
    /// 0 until the learner changes something, so opening the page never writes the autosave.
    pub revision: u64,
    /// Connect mode: the source picked by the first click, waiting for the target.
    pub connecting: Option<Option<ComponentRef>>,
    /// The canvas's zoom and pan (screen = world × zoom + pan).
    pub view: View,
    /// Bumped when the canvas should fit the diagram in view (opening, auto layout, the fit button).
    pub fit: u64,
    /// The revision whose edit changed only the fault schedule while a run was under way: the
    /// run goes on (re-run to the same moment) instead of going back to idle.
    pub keep_run: Option<u64>,
    /// The life of the message the learner picked, from run A's worker.
    pub trace: TraceState,
    /// Whether the lists of lost, duplicated and out-of-order messages are open.
    pub messages_open: bool,
}

/// Compare mode: B starts as a copy of A; the canvas edits one of them.
#[derive(Clone, Debug)]
pub struct Compare {
    pub doc_b: Document,
    pub editing: RunId,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub zoom: f64,
    pub x: f64,
    pub y: f64,
}

impl Default for View {
    fn default() -> Self {
        View { zoom: 1.0, x: 0.0, y: 0.0 }
    }
}

impl View {
    pub const ZOOM_MIN: f64 = 0.25;
    pub const ZOOM_MAX: f64 = 3.0;

    /// Zooms by `factor` keeping the screen point `(cx, cy)` still.
    pub fn zoomed(self, factor: f64, cx: f64, cy: f64) -> View {
        let zoom = (self.zoom * factor).clamp(Self::ZOOM_MIN, Self::ZOOM_MAX);
        let k = zoom / self.zoom;
        View { zoom, x: cx - (cx - self.x) * k, y: cy - (cy - self.y) * k }
    }
}

impl AppState {
    pub fn new(scenario: Scenario, lang: Lang, preset: Option<String>, problem: Option<String>) -> Self {
        AppState {
            doc: Document::new(scenario),
            compare: None,
            selection: Selection::None,
            lang,
            phase: RunState::Idle,
            preset,
            problem,
            notice: None,
            refusal: None,
            revision: 0,
            connecting: None,
            view: View::default(),
            fit: 1,
            keep_run: None,
            trace: TraceState::None,
            messages_open: true,
        }
    }

    /// Compare mode with `b` as scenario B (a compare link), the canvas on A.
    pub fn comparing(mut self, b: Scenario) -> AppState {
        self.compare = Some(Compare { doc_b: Document::new(b), editing: RunId::A });
        self
    }

    /// The scenario the canvas edits: A, or B in compare mode when B is picked.
    pub fn scenario(&self) -> &Scenario {
        self.doc().scenario()
    }

    /// Scenario A: what the link and the autosave hold.
    pub fn scenario_a(&self) -> &Scenario {
        self.doc.scenario()
    }

    /// Scenario B in compare mode.
    pub fn scenario_b(&self) -> Option<&Scenario> {
        self.compare.as_ref().map(|c| c.doc_b.scenario())
    }

    /// Which scenario the canvas edits.
    pub fn editing(&self) -> RunId {
        self.compare.as_ref().map_or(RunId::A, |c| c.editing)
    }

    /// The document the canvas edits, with its own undo history.
    pub fn doc(&self) -> &Document {
        match &self.compare {
            Some(Compare { doc_b, editing: RunId::B }) => doc_b,
            _ => &self.doc,
        }
    }

    fn doc_mut(&mut self) -> &mut Document {
        match &mut self.compare {
            Some(Compare { doc_b, editing: RunId::B }) => doc_b,
            _ => &mut self.doc,
        }
    }
}

pub enum Action {
    /// One edit of the document (undoable).
    Edit(Edit),
    /// An inspector field: like `Edit`, but a refusal is shown at the field.
    SetField {
        component: Option<ComponentRef>,
        key: String,
        value: serde_json::Value,
    },
    /// Opens a whole scenario (preset, file); undoable, so no work is ever lost.
    Open {
        scenario: Box<Scenario>,
        preset: Option<String>,
    },
    BeginDrag(ComponentRef),
    EndDrag,
    Undo,
    Redo,
    Select(Selection),
    DeleteSelected,
    /// Connect mode on or off.
    ToggleConnect,
    /// A click on a component while connecting.
    ConnectClick(ComponentRef),
    SetLang(Lang),
    SetView(View),
    /// Zoom by a factor about the canvas's middle.
    Zoom(f64),
    /// Fit the diagram in view.
    Fit,
    /// The workers' runs changed state.
    Phase(RunState),
    /// A trace was asked for, arrived, or failed.
    Trace(TraceState),
    /// Opens or closes the lists of notable messages.
    SetMessagesOpen(bool),
    /// Compare mode on: B is a copy of A, and the canvas edits B.
    Fork,
    /// The canvas edits A or B.
    EditRun(RunId),
    /// Compare mode off, keeping A; or keeping B as the scenario (undoable, like opening a file).
    EndCompare {
        keep_b: bool,
    },
    Problem(String),
    DismissProblem,
    Notice(String),
    DismissNotice,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        // Both scenarios as they were: an edit of either changes the revision.
        let before_a = self.scenario_a().clone();
        let before_b = self.scenario_b().cloned();
        let opened = matches!(action, Action::Open { .. });
        match action {
            Action::Edit(edit) => {
                if edit == Edit::AutoLayout {
                    next.fit += 1;
                }
                next.apply(edit, None)
            }
            Action::SetField { component, key, value } => {
                let edit = match &component {
                    Some(target) => Edit::SetField { target: target.clone(), key: key.clone(), value },
                    None => Edit::SetScenarioField { key: key.clone(), value },
                };
                next.apply(edit, Some((component, key)));
            }
            Action::Open { scenario, preset } => {
                next.apply(Edit::Replace(scenario), None);
                next.preset = preset;
                next.selection = Selection::None;
                next.fit += 1;
            }
            Action::BeginDrag(target) => next.doc_mut().begin_drag(target),
            Action::EndDrag => next.doc_mut().end_drag(),
            Action::Undo => {
                next.doc_mut().undo();
                next.refusal = None;
            }
            Action::Redo => {
                next.doc_mut().redo();
                next.refusal = None;
            }
            Action::Select(selection) => {
                next.selection = selection;
                next.refusal = None;
            }
            Action::DeleteSelected => match next.selection.clone() {
                Selection::Component(target) => {
                    next.apply(Edit::Delete { target }, None);
                    next.selection = Selection::None;
                }
                Selection::Wire(wire) => {
                    next.apply(Edit::Disconnect { wire }, None);
                    next.selection = Selection::None;
                }
                Selection::Fault(index) => {
                    next.apply(Edit::RemoveFault { index }, None);
                    next.selection = Selection::None;
                }
                Selection::None => return self,
            },
            Action::ToggleConnect => {
                next.connecting = if next.connecting.is_some() { None } else { Some(None) };
            }
            Action::ConnectClick(target) => match next.connecting.clone() {
                Some(None) => {
                    next.connecting = Some(Some(target.clone()));
                    next.selection = Selection::Component(target);
                }
                Some(Some(from)) => {
                    next.apply(Edit::Connect { from, to: target }, None);
                    next.connecting = Some(None);
                }
                None => return self,
            },
            Action::SetLang(lang) => next.lang = lang,
            Action::SetView(view) => next.view = view,
            Action::Fit => next.fit += 1,
            Action::Zoom(factor) => next.view = next.view.zoomed(factor, 400.0, 280.0),
            Action::Phase(phase) => next.phase = phase,
            Action::Trace(trace) => {
                next.trace = trace;
                next.messages_open = true;
            }
            Action::SetMessagesOpen(open) => next.messages_open = open,
            Action::Fork => {
                let doc_b = Document::new(self.scenario_a().clone());
                next.compare = Some(Compare { doc_b, editing: RunId::B });
                next.selection = Selection::None;
            }
            Action::EditRun(run) => {
                if let Some(compare) = next.compare.as_mut() {
                    compare.editing = run;
                    next.selection = Selection::None;
                    next.fit += 1;
                }
            }
            Action::EndCompare { keep_b } => {
                let Some(compare) = next.compare.take() else { return self };
                next.selection = Selection::None;
                if keep_b {
                    next.doc.apply(Edit::Replace(Box::new(compare.doc_b.scenario().clone()))).ok();
                    next.preset = None;
                }
                next.fit += 1;
            }
            Action::Problem(message) => next.problem = Some(message),
            Action::DismissProblem => next.problem = None,
            Action::Notice(message) => next.notice = Some(message),
            Action::DismissNotice => next.notice = None,
        }
        let a_changed = next.scenario_a() != &before_a;
        let b_changed = next.scenario_b() != before_b.as_ref();
        if a_changed || b_changed {
            next.revision += 1;
            // A change of the fault schedule alone keeps a run going (the top component re-runs
            // it to the same moment); any other change means the run described the old scenario.
            let faults_only = |before: &Scenario, after: &Scenario| {
                let mut same_faults = before.clone();
                same_faults.faults = after.faults.clone();
                &same_faults == after
            };
            let faults_only = match (a_changed, b_changed, &before_b, next.scenario_b()) {
                (true, false, _, _) => faults_only(&before_a, next.scenario_a()),
                (false, true, Some(before), Some(after)) => faults_only(before, after),
                _ => false,
            };
            if faults_only && self.phase != RunState::Idle {
                next.keep_run = Some(next.revision);
            } else {
                next.keep_run = None;
                next.phase = RunState::Idle;
            }
            next.trace = TraceState::None;
            if !opened {
                next.preset = None;
            }
            // A selection whose component is gone selects nothing.
            if let Selection::Component(component) = &next.selection {
                if !editor::components::exists(next.scenario(), component) {
                    next.selection = Selection::None;
                }
            }
            if let Selection::Wire(wire) = &next.selection {
                if !editor::wires(next.scenario()).contains(wire) {
                    next.selection = Selection::None;
                }
            }
            if let Selection::Fault(index) = next.selection {
                if index >= next.scenario().faults.len() {
                    next.selection = Selection::None;
                }
            }
        }
        Rc::new(next)
    }
}

impl AppState {
    /// Applies an edit; a refusal becomes a toast, or a message at its field.
    fn apply(&mut self, edit: Edit, field: Option<(Option<ComponentRef>, String)>) {
        match self.doc_mut().apply(edit) {
            Ok(applied) => {
                self.refusal = None;
                match applied {
                    Applied::Added(component) => {
                        self.selection = Selection::Component(component);
                        // Keep the new component in view.
                        self.fit += 1;
                    }
                    Applied::Renamed(component) => {
                        self.selection = Selection::Component(component);
                    }
                    Applied::Connected(wire) | Applied::Rebound(wire) => {
                        self.selection = Selection::Wire(wire);
                        self.notice = None;
                    }
                    Applied::Done => {}
                }
            }
            Err(error) => {
                let message = error.message(self.lang);
                match field {
                    Some((component, key)) => self.refusal = Some(Refusal { component, key, message }),
                    None => self.notice = Some(message),
                }
            }
        }
    }
}

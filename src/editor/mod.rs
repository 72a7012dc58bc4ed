//! The canvas editor's pure core: the scenario as the one document, and every edit as a plain
//! function over it, so that the Yew view only draws and forwards clicks.
//!
//! One place owns each fact: the [`Scenario`](mqlab_scenario::Scenario) is the whole document.
//! Wires are derived from its references ([`wires::wires`]), positions live in its `layout`, and
//! what is wrong with it is what `mqlab_scenario::validate` says ([`errors::errors_at`] puts
//! each error at its field). Edits never leave it unparseable: a value the parser refuses is
//! refused at the field, and what the parser accepts but the validator questions stays visible
//! as that validator error.
//!
//! - [`components`]: add, move, rename, delete, fresh ids, look-ups.
//! - [`wires`]: the wires to draw, connect (only valid wires, with a reason for a refusal),
//!   disconnect, binding keys.
//! - [`fields`]: the inspector's catalogue of every switch; [`values`]: reading and writing one.
//! - [`errors`]: validator paths mapped to components and fields.
//! - [`faults`]: scheduled faults added, changed, removed, and toggled "now" from the canvas.
//! - [`timeline_geometry`]: the timeline's time ↔ x mapping, ticks and lanes.
//! - [`layout`]: automatic layout.
//! - [`history`] and [`document`]: undo/redo over whole-scenario snapshots, drag coalescing.

pub mod compare;
pub mod components;
pub mod document;
pub mod errors;
pub mod faults;
pub mod fields;
pub mod history;
pub mod layout;
pub mod timeline_geometry;
pub mod values;
pub mod wires;

use std::fmt;

use mqlab_engine::config::limits;
use mqlab_scenario::{FaultKind, ScenarioError};

use crate::i18n::{t, tf, Key, Lang};

pub use components::{add, blank, delete, move_to, rename};
pub use document::{Applied, Document, Edit};
pub use errors::{errors_at, locate, ErrorPlace, FieldError};
pub use faults::{add_fault, fault_in_effect, fault_kinds_for, remove_fault, set_fault, toggle_fault};
pub use fields::{field, fields, scenario_fields, FieldSpec, Group, Input};
pub use history::History;
pub use layout::{auto_layout, ensure_layout};
pub use values::{get_field, get_scenario_field, set_field, set_scenario_field};
pub use wires::{connect, disconnect, rebind, set_binding_key, wires, Wire, WireKind, WireRefusal};

/// The kinds of component a learner places on the canvas. Ids are unique across all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ComponentKind {
    Node,
    Producer,
    Exchange,
    Queue,
    Consumer,
}

impl ComponentKind {
    /// Every kind, in the palette's order (the flow of a message, then the nodes under it).
    pub const ALL: [ComponentKind; 5] = [
        ComponentKind::Producer,
        ComponentKind::Exchange,
        ComponentKind::Queue,
        ComponentKind::Consumer,
        ComponentKind::Node,
    ];

    /// The scenario's list that holds this kind (`"producers"`), as validator paths name it.
    pub fn list(self) -> &'static str {
        match self {
            ComponentKind::Node => "nodes",
            ComponentKind::Producer => "producers",
            ComponentKind::Exchange => "exchanges",
            ComponentKind::Queue => "queues",
            ComponentKind::Consumer => "consumers",
        }
    }

    /// The kind whose list is called `list`.
    pub fn from_list(list: &str) -> Option<ComponentKind> {
        ComponentKind::ALL.into_iter().find(|kind| kind.list() == list)
    }

    /// The first letter of fresh ids (`p1`, `x1`, `q1`, `c1`, `n1`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            ComponentKind::Node => "n",
            ComponentKind::Producer => "p",
            ComponentKind::Exchange => "x",
            ComponentKind::Queue => "q",
            ComponentKind::Consumer => "c",
        }
    }

    /// The kind's name on the palette.
    pub fn label(self) -> Key {
        match self {
            ComponentKind::Node => Key::KindNode,
            ComponentKind::Producer => Key::KindProducer,
            ComponentKind::Exchange => Key::KindExchange,
            ComponentKind::Queue => Key::KindQueue,
            ComponentKind::Consumer => Key::KindConsumer,
        }
    }

    /// The palette's one-line hint for the kind.
    pub fn hint(self) -> Key {
        match self {
            ComponentKind::Node => Key::PaletteNodeHint,
            ComponentKind::Producer => Key::PaletteProducerHint,
            ComponentKind::Exchange => Key::PaletteExchangeHint,
            ComponentKind::Queue => Key::PaletteQueueHint,
            ComponentKind::Consumer => Key::PaletteConsumerHint,
        }
    }

    /// How many of this kind one scenario may hold (the engine's limit).
    pub fn limit(self) -> usize {
        match self {
            ComponentKind::Node => limits::NODES_MAX,
            ComponentKind::Producer => limits::PRODUCERS_MAX,
            ComponentKind::Exchange => limits::EXCHANGES_MAX,
            ComponentKind::Queue => limits::QUEUES_MAX,
            ComponentKind::Consumer => limits::CONSUMERS_MAX,
        }
    }
}

/// One component on the canvas, named by its kind and id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ComponentRef {
    pub kind: ComponentKind,
    pub id: String,
}

impl ComponentRef {
    pub fn new(kind: ComponentKind, id: impl Into<String>) -> Self {
        ComponentRef { kind, id: id.into() }
    }
}

/// Why an edit was refused. The scenario is left exactly as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    NoSuchComponent(ComponentRef),
    /// Another component already has this id.
    IdTaken {
        id: String,
        by: ComponentKind,
    },
    IdEmpty,
    IdTooLong,
    /// Ids hold no spaces or control characters.
    IdSpaces,
    /// The scenario already holds as many of this kind as the engine allows.
    TooMany(ComponentKind),
    UnknownField(String),
    /// A number field was given text that is not a number.
    NotANumber(String),
    Wire(WireRefusal),
    /// A binding key was asked of a wire that is not a binding.
    NotABinding,
    /// The scenario crate refused the value: the parser's or the validator's own error (worded
    /// in the learner's language when the validator names its problem, else in English).
    Invalid(ScenarioError),
    /// No scheduled fault has this index.
    NoSuchFault(usize),
    /// A fault's target is missing (`found: None`) or of a kind this fault cannot strike.
    FaultTarget {
        kind: FaultKind,
        target: String,
        found: Option<ComponentKind>,
    },
    /// A scheduled fault starts before 0 or after the run's end (microseconds, so that the
    /// error stays comparable).
    FaultOutsideRun {
        at_us: i64,
        horizon_us: i64,
    },
}

impl EditError {
    /// What to tell the learner, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            EditError::NoSuchComponent(component) => tf(lang, Key::EditNoSuchComponent, &[&component.id]),
            EditError::IdTaken { id, by } => tf(lang, Key::EditIdTaken, &[id, t(lang, by.label())]),
            EditError::IdEmpty => t(lang, Key::EditIdEmpty).to_string(),
            EditError::IdTooLong => tf(lang, Key::EditIdTooLong, &[&mqlab_scenario::limits::ID_CHARS_MAX.to_string()]),
            EditError::IdSpaces => t(lang, Key::EditIdSpaces).to_string(),
            EditError::TooMany(kind) => tf(lang, Key::EditTooMany, &[t(lang, kind.label()), &kind.limit().to_string()]),
            EditError::UnknownField(key) => tf(lang, Key::EditUnknownField, &[key]),
            EditError::NotANumber(text) => tf(lang, Key::EditNotANumber, &[text]),
            EditError::Wire(refusal) => t(lang, refusal.key()).to_string(),
            EditError::NotABinding => t(lang, Key::EditNotBinding).to_string(),
            EditError::Invalid(error) => crate::i18n::scenario_error(lang, error),
            EditError::NoSuchFault(index) => tf(lang, Key::EditNoSuchFault, &[&(index + 1).to_string()]),
            EditError::FaultTarget { kind, target, found: None } => {
                tf(lang, Key::EditFaultNoTarget, &[t(lang, faults::kind_label(*kind)), target])
            }
            EditError::FaultTarget { kind, target, found: Some(found) } => tf(
                lang,
                Key::EditFaultWrongTarget,
                &[
                    t(lang, faults::kind_label(*kind)),
                    t(lang, faults::targets_label(*kind)),
                    target,
                    t(lang, found.label()),
                ],
            ),
            EditError::FaultOutsideRun { at_us, horizon_us } => {
                tf(lang, Key::EditFaultOutsideRun, &[&seconds(*at_us), &seconds(*horizon_us)])
            }
        }
    }
}

/// Microseconds as seconds, without trailing zeros (`12.5`, `60`).
fn seconds(us: i64) -> String {
    (us as f64 / 1_000_000.0).to_string()
}

/// In English.
impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for EditError {}

impl From<WireRefusal> for EditError {
    fn from(refusal: WireRefusal) -> Self {
        EditError::Wire(refusal)
    }
}

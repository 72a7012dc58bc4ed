//! Scenario errors put where the learner looks: each error's path (`producers[1].rate_per_s`)
//! mapped to the component it is about and the inspector field that shows it, or to a binding,
//! a fault, a layout entry or a scenario setting.

use mqlab_scenario::{Errors, Scenario};

use super::components::ids_of;
use super::fields::{field_for_path, fields, scenario_fields};
use super::wires::{Wire, WireKind};
use super::{ComponentKind, ComponentRef};
use crate::i18n::{t, Key, Lang};

/// What an error is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorPlace {
    /// A component; `field` is the catalogue key of the inspector field that shows it, `None`
    /// when no field covers the path (an unknown field in a hand-written file).
    Component { component: ComponentRef, field: Option<&'static str> },
    /// `bindings[index]`, with its wire when both ends exist; `field` is the rest of the path
    /// (`"key"`, `"queue"`, `""` for the binding as a whole).
    Binding { index: usize, wire: Option<Wire>, field: String },
    /// `faults[index]` or `random_faults[index]`.
    Fault { index: usize, random: bool, field: String },
    /// A canvas position, by its layout key.
    Layout { key: String },
    /// The scenario as a whole or one of its settings (`horizon_s`); `field` is the scenario
    /// field's key when the path names one.
    Scenario { field: Option<&'static str> },
}

/// One error at one inspector field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The catalogue key; `None` for an error about the component with no field of its own.
    pub field: Option<&'static str>,
    pub message: String,
}

/// Where the error at `path` belongs in this scenario.
pub fn locate(s: &Scenario, path: &str) -> ErrorPlace {
    if let Some(rest) = path.strip_prefix("layout.") {
        let key = rest.strip_suffix(".x").or_else(|| rest.strip_suffix(".y")).unwrap_or(rest);
        return ErrorPlace::Layout { key: key.to_string() };
    }
    let whole = || ErrorPlace::Scenario { field: field_for_path(scenario_fields(), path).map(|spec| spec.key) };
    let Some((list, index, rest)) = split_indexed(path) else {
        return whole();
    };
    if let Some(kind) = ComponentKind::from_list(list) {
        return match ids_of(s, kind).get(index) {
            Some(id) => ErrorPlace::Component {
                component: ComponentRef::new(kind, *id),
                field: field_for_path(fields(kind), rest).map(|spec| spec.key),
            },
            None => whole(),
        };
    }
    match list {
        "bindings" => ErrorPlace::Binding { index, wire: binding_wire(s, index), field: rest.to_string() },
        "faults" | "random_faults" => {
            ErrorPlace::Fault { index, random: list == "random_faults", field: rest.to_string() }
        }
        _ => whole(),
    }
}

/// `producers[12].link.latency_ms` → `("producers", 12, "link.latency_ms")`.
fn split_indexed(path: &str) -> Option<(&str, usize, &str)> {
    let open = path.find('[')?;
    let close = open + path[open..].find(']')?;
    let list = &path[..open];
    if list.contains('.') {
        return None;
    }
    let index = path[open + 1..close].parse().ok()?;
    let rest = &path[close + 1..];
    Some((list, index, rest.strip_prefix('.').unwrap_or(rest)))
}

fn binding_wire(s: &Scenario, index: usize) -> Option<Wire> {
    let binding = s.bindings.get(index)?;
    let exists = |kind, id: &str| ids_of(s, kind).contains(&id);
    if !exists(ComponentKind::Exchange, &binding.exchange) || !exists(ComponentKind::Queue, &binding.queue) {
        return None;
    }
    Some(Wire {
        from: ComponentRef::new(ComponentKind::Exchange, &binding.exchange),
        to: ComponentRef::new(ComponentKind::Queue, &binding.queue),
        kind: WireKind::Binding { key: binding.key.clone(), headers: binding.headers.clone() },
    })
}

/// The errors about `component`, each at its inspector field, in the errors' order. An unwired
/// producer or consumer (its exchange or queue is `""`) gets "not connected" with what to drag,
/// in the learner's language, instead of the validator's `no exchange with id ""`.
pub fn errors_at(s: &Scenario, errors: &Errors, component: &ComponentRef, lang: Lang) -> Vec<FieldError> {
    errors
        .iter()
        .filter_map(|error| match locate(s, &error.path) {
            ErrorPlace::Component { component: at, field } if at == *component => Some(FieldError {
                field,
                message: not_connected(s, component, field)
                    .map(|key| t(lang, key).to_string())
                    .unwrap_or_else(|| crate::i18n::scenario_error(lang, error)),
            }),
            _ => None,
        })
        .collect()
}

/// The "not connected" sentence for an unwired required reference.
fn not_connected(s: &Scenario, component: &ComponentRef, field: Option<&str>) -> Option<Key> {
    match (component.kind, field) {
        (ComponentKind::Producer, Some("exchange")) => s
            .producers
            .iter()
            .find(|p| p.id == component.id && p.exchange.is_empty())
            .map(|_| Key::NotConnectedExchange),
        (ComponentKind::Consumer, Some("queue")) => {
            s.consumers.iter().find(|c| c.id == component.id && c.queue.is_empty()).map(|_| Key::NotConnectedQueue)
        }
        _ => None,
    }
}

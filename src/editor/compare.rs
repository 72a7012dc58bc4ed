//! What scenario B changes from A in compare mode: every setting that differs, by path, so the
//! learner sees the one switch the comparison is about.
//!
//! Components are matched by id (`producers[order_service].confirm`), so B may add, remove or
//! reorder them; positions on the canvas, the title and the description are not settings.

use mqlab_scenario::json::to_value;
use mqlab_scenario::Scenario;
use serde_json::Value;

/// One setting that differs: where, and its value in A and in B (`None`: not there).
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub path: String,
    pub a: Option<String>,
    pub b: Option<String>,
}

/// The most differences listed; a fork edited beyond recognition is summed up by the count.
pub const DIFFERENCES_MAX: usize = 200;

/// Top-level fields that are not settings of the run.
const NOT_SETTINGS: [&str; 3] = ["layout", "name", "description"];

/// Every setting that differs between `a` and `b`, in the scenario's own order.
pub fn differences(a: &Scenario, b: &Scenario) -> Vec<Difference> {
    let (a, b) = (to_value(a), to_value(b));
    let mut out = Vec::new();
    if let (Value::Object(a), Value::Object(b)) = (&a, &b) {
        for (key, va) in a {
            if NOT_SETTINGS.contains(&key.as_str()) {
                continue;
            }
            walk(key.clone(), Some(va), b.get(key), &mut out);
        }
        for (key, vb) in b {
            if !a.contains_key(key) && !NOT_SETTINGS.contains(&key.as_str()) {
                walk(key.clone(), None, Some(vb), &mut out);
            }
        }
    }
    out.truncate(DIFFERENCES_MAX);
    out
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn id_of(value: &Value) -> Option<&str> {
    value.get("id").and_then(Value::as_str)
}

fn walk(path: String, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Difference>) {
    if out.len() >= DIFFERENCES_MAX || a == b {
        return;
    }
    match (a, b) {
        (Some(Value::Object(ma)), Some(Value::Object(mb))) => {
            for (key, va) in ma {
                walk(format!("{path}.{key}"), Some(va), mb.get(key), out);
            }
            for (key, vb) in mb {
                if !ma.contains_key(key) {
                    walk(format!("{path}.{key}"), None, Some(vb), out);
                }
            }
        }
        (Some(Value::Array(la)), Some(Value::Array(lb))) if la.iter().chain(lb).all(|v| id_of(v).is_some()) => {
            // Components: matched by id.
            for va in la {
                let id = id_of(va).unwrap_or_default();
                let vb = lb.iter().find(|v| id_of(v) == Some(id));
                walk(format!("{path}[{id}]"), Some(va), vb, out);
            }
            for vb in lb {
                let id = id_of(vb).unwrap_or_default();
                if !la.iter().any(|v| id_of(v) == Some(id)) {
                    walk(format!("{path}[{id}]"), None, Some(vb), out);
                }
            }
        }
        (Some(Value::Array(la)), Some(Value::Array(lb))) if la.len() == lb.len() => {
            for (i, (va, vb)) in la.iter().zip(lb).enumerate() {
                walk(format!("{path}[{i}]"), Some(va), Some(vb), out);
            }
        }
        _ => out.push(Difference { path, a: a.map(text), b: b.map(text) }),
    }
}

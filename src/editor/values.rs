//! Reading and writing one inspector field through the scenario's JSON, so that the scenario
//! crate's own parser and validator judge every value.
//!
//! [`set_field`] edits the field in the scenario's JSON, re-reads the whole scenario with
//! `mqlab_scenario::parse` (a value that does not parse is refused with the parser's message),
//! then validates it and refuses the value if the validator now finds a problem at that very
//! field (with the validator's message). Problems the value causes elsewhere (a burst length
//! now longer than the burst period) are accepted and shown at their own fields, since the
//! learner may be half-way through changing several switches. Either way a refused value leaves
//! the scenario as it was.
//!
//! Switching a field that decides which other fields exist keeps the component readable:
//! a producer's `shape` brings the rate fields the new shape needs (with values from the old
//! ones) and drops those it refuses; a consumer's `service.dist` carries the typical service
//! time over to the new distribution; a queue's `placement.mode` carries its nodes over (a
//! mirrored queue on every node, a quorum queue on three, home node first); an exchange that
//! stops being a headers exchange drops its `x_match`; a queue whose dead-letter exchange is
//! emptied drops its dead-letter routing key, as disconnecting that wire does.

use mqlab_scenario::json::to_value;
use mqlab_scenario::{parse, validate, Scenario, ScenarioError};
use serde_json::{json, Map, Value};

use super::components::{index_of, rename, NEW_PRODUCER_RATE_PER_S};
use super::fields::{field, scenario_fields, FieldSpec, Input};
use super::{ComponentKind, ComponentRef, EditError};

/// The field's value on the component: as written, or its default when left out. `Null` when
/// the component or the field does not exist, or the field is empty and has no default.
pub fn get_field(s: &Scenario, component: &ComponentRef, key: &str) -> Value {
    let Some(spec) = field(component.kind, key) else {
        return Value::Null;
    };
    let Some(json) = component_json(s, component) else {
        return Value::Null;
    };
    lookup(&json, key).cloned().unwrap_or_else(|| (spec.default)(&json))
}

/// A scenario setting's value (`seed`, `horizon_s`, …), or its default when left out.
pub fn get_scenario_field(s: &Scenario, key: &str) -> Value {
    let Some(spec) = scenario_fields().iter().find(|spec| spec.key == key) else {
        return Value::Null;
    };
    let json = to_value(s);
    lookup(&json, key).cloned().unwrap_or_else(|| (spec.default)(&json))
}

/// Whether the inspector shows the field now (a burst rate only for a bursts producer).
pub fn visible(s: &Scenario, component: &ComponentRef, spec: &FieldSpec) -> bool {
    match spec.when {
        None => true,
        Some(when) => {
            let value = get_field(s, component, when.key);
            value.as_str().is_some_and(|text| when.any_of.contains(&text))
        }
    }
}

/// Sets one field of a component (module docs). `value` is what the input holds: a number, or
/// a number's text, for numbers; `null` or `""` empties an optional field; `"id"` renames the
/// component, updating every reference to it.
pub fn set_field(s: &mut Scenario, component: &ComponentRef, key: &str, value: Value) -> Result<(), EditError> {
    let spec = field(component.kind, key).ok_or_else(|| EditError::UnknownField(key.to_string()))?;
    if key == "id" {
        let id = match &value {
            Value::String(text) => text.clone(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        return rename(s, component, &id).map(|_| ());
    }
    let index = index_of(s, component).ok_or_else(|| EditError::NoSuchComponent(component.clone()))?;
    let mut root = scenario_json(s)?;
    let object = root
        .get_mut(component.kind.list())
        .and_then(|list| list.get_mut(index))
        .and_then(Value::as_object_mut)
        .ok_or_else(|| EditError::NoSuchComponent(component.clone()))?;
    let before = Value::Object(object.clone());
    let value = normalize(spec, value, &before)?;
    let unwiring = matches!(spec.input, Input::Reference(_)) && (value.is_null() || value.as_str() == Some(""));
    write(object, key, value)?;
    switch(component.kind, key, object, &before, s);
    let path = format!("{}[{index}].{key}", component.kind.list());
    // Unwiring a required reference ("not connected") is a state the editor allows on purpose.
    *s = judge(&root, (!unwiring).then_some(path.as_str()))?;
    Ok(())
}

/// Sets one of the scenario's own settings, judged like [`set_field`].
pub fn set_scenario_field(s: &mut Scenario, key: &str, value: Value) -> Result<(), EditError> {
    let spec = scenario_fields()
        .iter()
        .find(|spec| spec.key == key)
        .ok_or_else(|| EditError::UnknownField(key.to_string()))?;
    let mut root = scenario_json(s)?;
    let before = root.clone();
    let value = normalize(spec, value, &before)?;
    let object = root
        .as_object_mut()
        .ok_or_else(|| EditError::Invalid(ScenarioError::new("", "the scenario is not an object")))?;
    write(object, key, value)?;
    *s = judge(&root, Some(key))?;
    Ok(())
}

fn scenario_json(s: &Scenario) -> Result<Value, EditError> {
    Ok(to_value(s))
}

fn component_json(s: &Scenario, component: &ComponentRef) -> Option<Value> {
    let index = index_of(s, component)?;
    Some(match component.kind {
        ComponentKind::Node => to_value(&s.nodes[index]),
        ComponentKind::Producer => to_value(&s.producers[index]),
        ComponentKind::Exchange => to_value(&s.exchanges[index]),
        ComponentKind::Queue => to_value(&s.queues[index]),
        ComponentKind::Consumer => to_value(&s.consumers[index]),
    })
}

/// Parses the edited scenario and, if `path` is given, refuses it when the validator finds a
/// problem at that field.
fn judge(root: &Value, path: Option<&str>) -> Result<Scenario, EditError> {
    let text =
        serde_json::to_string(root).map_err(|error| EditError::Invalid(ScenarioError::new("", error.to_string())))?;
    let scenario = parse(&text).map_err(|errors| {
        let (path, message) = errors
            .iter()
            .next()
            .map(|error| (error.path.clone(), without_position(&error.message)))
            .unwrap_or_default();
        EditError::Invalid(ScenarioError::new(path, message))
    })?;
    if let (Some(path), Err(errors)) = (path, validate(&scenario)) {
        if let Some(error) = errors.iter().find(|error| covers(path, &error.path)) {
            return Err(EditError::Invalid(error.clone()));
        }
    }
    Ok(scenario)
}

/// Whether an error at `path` is about the field at `field_path` (or inside it).
pub(crate) fn covers(field_path: &str, path: &str) -> bool {
    path == field_path
        || path.strip_prefix(field_path).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The parser's message without the " (line 1, column 312)" it adds: a position in the JSON
/// text means nothing to someone typing into a field.
fn without_position(message: &str) -> String {
    match message.rfind(" (line ") {
        Some(at) if message.ends_with(')') => message[..at].to_string(),
        _ => message.to_string(),
    }
}

/// The input's value as the schema wants it: numbers from their text, whole numbers as
/// integers, ids from numbers, an emptied optional field as `null`, and an optional field set
/// to its default as `null` too (so it is left out, as `to_json` leaves defaults out).
fn normalize(spec: &FieldSpec, value: Value, component: &Value) -> Result<Value, EditError> {
    let value = match (spec.input, value) {
        (Input::Number { .. }, Value::String(text)) => {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                Value::Null
            } else {
                match serde_json::from_str::<Value>(trimmed) {
                    Ok(Value::Number(n)) => Value::Number(n),
                    _ => return Err(EditError::NotANumber(text)),
                }
            }
        }
        (Input::Toggle, Value::String(text)) => match text.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text),
        },
        (Input::Text { .. } | Input::Reference(_), Value::Number(n)) => Value::String(n.to_string()),
        (_, value) => value,
    };
    let value = match (spec.input, value) {
        (Input::Number { step: 1.0, .. }, Value::Number(n)) => whole(n),
        // A required reference left empty is unwired (`""`), which parses; an empty optional
        // field is left out.
        (Input::Reference(_), Value::Null) if !spec.optional => Value::String(String::new()),
        (Input::Text { .. } | Input::Reference(_), Value::String(text)) if text.is_empty() && spec.optional => {
            Value::Null
        }
        (_, value) => value,
    };
    if spec.optional && same_value(&value, &(spec.default)(component)) {
        return Ok(Value::Null);
    }
    Ok(value)
}

/// `3.0` as `3`, so that a count field reads it (serde will not read a float as a `u32`).
fn whole(n: serde_json::Number) -> Value {
    match n.as_f64() {
        Some(f) if n.as_u64().is_none() && f.fract() == 0.0 && f >= 0.0 && f <= u64::MAX as f64 => {
            json!(f as u64)
        }
        _ => Value::Number(n),
    }
}

/// JSON equality with numbers compared by value (`0` equals `0.0`).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// The value at a dotted path.
fn lookup<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(value, |value, part| value.get(part))
}

/// Writes `value` at the dotted path (`null` removes it), creating a missing parent object
/// with its defaults (a consumer's `service` is left out of the JSON while it is the default).
fn write(object: &mut Map<String, Value>, key: &str, value: Value) -> Result<(), EditError> {
    let mut parts: Vec<&str> = key.split('.').collect();
    let Some(leaf) = parts.pop() else {
        return Ok(());
    };
    let mut here = object;
    for part in parts {
        let entry = here.entry(part.to_string()).or_insert_with(|| parent_default(part));
        here = entry
            .as_object_mut()
            .ok_or_else(|| EditError::Invalid(ScenarioError::new("", format!("{part} is not an object"))))?;
    }
    if value.is_null() {
        here.remove(leaf);
    } else {
        here.insert(leaf.to_string(), value);
    }
    Ok(())
}

/// A nested object's default, as its type serializes it.
fn parent_default(part: &str) -> Value {
    let value = match part {
        "service" => Some(to_value(&mqlab_scenario::Service::default())),
        "placement" => Some(to_value(&mqlab_scenario::Placement::default())),
        _ => None,
    };
    value.unwrap_or_else(|| json!({}))
}

/// Keeps the component readable when a field that decides which others exist changes (module
/// docs). `before` is the component as it was.
fn switch(kind: ComponentKind, key: &str, object: &mut Map<String, Value>, before: &Value, s: &Scenario) {
    match (kind, key) {
        (ComponentKind::Producer, "shape") => switch_shape(object),
        (ComponentKind::Consumer, "service.dist") => switch_dist(object, before),
        (ComponentKind::Queue, "placement.mode") => switch_placement(object, before, s),
        // The dead-letter routing key belongs to the dead-letter exchange, as on the wire.
        (ComponentKind::Queue, "dead_letter_exchange") if !object.contains_key(key) => {
            object.remove("dead_letter_routing_key");
        }
        (ComponentKind::Exchange, "kind") if object.get("kind").and_then(Value::as_str) != Some("headers") => {
            object.remove("x_match");
        }
        _ => {}
    }
}

fn switch_shape(object: &mut Map<String, Value>) {
    let shape = object.get("shape").and_then(Value::as_str).unwrap_or("constant").to_string();
    let first_step_rate = object
        .get("steps")
        .and_then(|steps| steps.get(0))
        .and_then(|step| step.get("rate_per_s"))
        .and_then(Value::as_f64);
    let rate = object.get("rate_per_s").and_then(Value::as_f64).or(first_step_rate).unwrap_or(NEW_PRODUCER_RATE_PER_S);
    let bursts_only = ["burst_rate_per_s", "first_s", "every_s", "burst_s"];
    if shape != "bursts" {
        for key in bursts_only {
            object.remove(key);
        }
    }
    if shape != "schedule" {
        object.remove("steps");
    }
    match shape.as_str() {
        "schedule" => {
            object.remove("rate_per_s");
            object.entry("steps").or_insert_with(|| json!([{"at_s": 0.0, "rate_per_s": rate}]));
        }
        "bursts" => {
            object.entry("rate_per_s").or_insert_with(|| json!(rate));
            object.entry("burst_rate_per_s").or_insert_with(|| json!(rate * 10.0));
            object.entry("burst_s").or_insert_with(|| json!(5.0));
        }
        _ => {
            object.remove("poisson");
            object.entry("rate_per_s").or_insert_with(|| json!(rate));
        }
    }
}

fn switch_dist(object: &mut Map<String, Value>, before: &Value) {
    let old = before.get("service").cloned().unwrap_or_else(|| to_value(&mqlab_scenario::Service::default()));
    let number = |key: &str| old.get(key).and_then(Value::as_f64);
    let old_dist = old.get("dist").and_then(Value::as_str).unwrap_or("constant");
    let typical_ms = match old_dist {
        "exponential" => number("mean_ms"),
        "uniform" => number("min_ms").zip(number("max_ms")).map(|(a, b)| (a + b) / 2.0),
        "lognormal" => number("median_ms"),
        _ => number("ms"),
    }
    .unwrap_or(1.0);
    let Some(service) = object.get_mut("service") else {
        return;
    };
    let new_dist = service.get("dist").and_then(Value::as_str).unwrap_or("constant").to_string();
    if new_dist == old_dist {
        *service = old;
        return;
    }
    *service = match new_dist.as_str() {
        "exponential" => json!({"dist": "exponential", "mean_ms": typical_ms}),
        "uniform" => {
            json!({"dist": "uniform", "min_ms": typical_ms / 2.0, "max_ms": typical_ms * 1.5})
        }
        "lognormal" => json!({"dist": "lognormal", "median_ms": typical_ms, "sigma": 0.5}),
        "constant" => json!({"dist": "constant", "ms": typical_ms}),
        // An unknown distribution is left as written, for the parser to refuse by name.
        _ => return,
    };
}

fn switch_placement(object: &mut Map<String, Value>, before: &Value, s: &Scenario) {
    let old = before.get("placement");
    let old_mode = old.and_then(|p| p.get("mode")).and_then(Value::as_str).unwrap_or("single");
    let mut nodes: Vec<String> = match old {
        Some(p) => match (p.get("node"), p.get("nodes")) {
            (Some(Value::String(node)), _) => vec![node.clone()],
            (_, Some(Value::Array(list))) => list.iter().filter_map(|n| n.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    let Some(placement) = object.get_mut("placement") else {
        return;
    };
    let mode = placement.get("mode").and_then(Value::as_str).unwrap_or("single").to_string();
    if mode == old_mode {
        return;
    }
    let replicated = |m: &str| m == "mirrored" || m == "quorum";
    if replicated(&mode) && !(replicated(old_mode) && nodes.len() >= 2) {
        // A mirrored queue copies to every node; a quorum queue is usually three.
        let wanted = if mode == "quorum" { 3 } else { usize::MAX };
        if nodes.is_empty() {
            if let Some(first) = s.nodes.first() {
                nodes.push(first.id.clone());
            }
        }
        for node in &s.nodes {
            if nodes.len() >= wanted {
                break;
            }
            if !nodes.contains(&node.id) {
                nodes.push(node.id.clone());
            }
        }
    }
    *placement = if replicated(&mode) {
        json!({"mode": mode, "nodes": nodes})
    } else {
        match nodes.first() {
            Some(node) => json!({"mode": mode, "node": node}),
            None => json!({"mode": mode}),
        }
    };
    if mode == "quorum" && object.get("durable") == Some(&Value::Bool(false)) {
        object.remove("durable");
    }
}

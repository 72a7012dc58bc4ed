//! Scenario JSON text in and out: syntax and shape errors with line, column and path.

use serde_json::Value;

use crate::error::{Errors, ScenarioError};
use crate::limits::SCENARIO_BYTES_MAX;
use crate::schema::{Scenario, VERSION};

/// Reads a scenario from JSON text. Refuses text that is too large, not JSON (with line and
/// column), of another version, or not shaped like a scenario (unknown field, wrong type, missing
/// field; with the field's path). The values themselves are checked by [`crate::validate`].
pub fn parse(json: &str) -> Result<Scenario, Errors> {
    if json.len() > SCENARIO_BYTES_MAX {
        return Err(Errors::one(
            "",
            format!("the scenario is {} bytes long; the limit is {} bytes (1 MiB)", json.len(), SCENARIO_BYTES_MAX),
        ));
    }
    // Untyped first: a syntax error gets its own message, and the version is checked before the
    // shape, so that a newer file gets "version 2 is not supported" rather than a list of
    // fields this version does not know.
    let value: Value = serde_json::from_str(json).map_err(|error| {
        let (message, position) = split_serde_json_error(&error);
        let at = position.map(|(line, column)| format!(" at line {line}, column {column}"));
        Errors::one("", format!("JSON syntax error{}: {message}", at.unwrap_or_default()))
    })?;
    let Value::Object(fields) = &value else {
        return Err(Errors::one("", format!("a scenario is a JSON object ({{ ... }}), not {}", describe_kind(&value))));
    };
    match fields.get("version") {
        None => {
            return Err(Errors::one(
                "version",
                format!("missing; this lab reads version {VERSION} (add \"version\": {VERSION})"),
            ))
        }
        Some(Value::Number(n)) if n.as_u64() == Some(u64::from(VERSION)) => {}
        Some(other) => {
            return Err(Errors::one(
                "version",
                format!("{} is not supported; this lab reads version {VERSION}", compact(other)),
            ))
        }
    }
    // Typed second, from the text again, so that shape errors keep their line and column. The
    // path of a shape error is read back from the text at that line and column (`path_at`),
    // rather than tracked while deserializing: tracking (serde_path_to_error) doubled the
    // deserializer's code in the page's wasm for the rare failing case.
    serde_json::from_str::<Scenario>(json).map_err(|error| {
        let (message, position) = split_serde_json_error(&error);
        let path = position
            .and_then(|(line, column)| offset_of(json, line, column))
            .map(|offset| path_at(json, offset, &message, error_is_inside))
            .unwrap_or_default();
        let at = position.map(|(line, column)| format!(" (line {line}, column {column})"));
        Errors(vec![ScenarioError::new(path, format!("{message}{}", at.unwrap_or_default()))])
    })
}

/// The byte offset of serde_json's (line, column): `column` bytes after the start of `line`
/// (both as serde_json counts them: lines from 1, the column is the bytes consumed on it).
fn offset_of(json: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 { 0 } else { json.match_indices('\n').nth(line - 2)?.0 + 1 };
    let offset = line_start + column;
    (offset <= json.len()).then_some(offset)
}

/// Whether a shape error that serde_json placed at the end of an object came from the object's
/// last member, `key`, whose value is `value`, rather than from the object itself (a missing
/// field). Only values that serde reads whole before checking them raise their errors that
/// late: the internally tagged `placement` and `service`. Re-reading one alone says whether it
/// is the one at fault.
fn error_is_inside(key: &str, value: &str) -> bool {
    match key {
        "placement" => serde_json::from_str::<crate::schema::Placement>(value).is_err(),
        "service" => serde_json::from_str::<crate::schema::Service>(value).is_err(),
        _ => false,
    }
}

/// The path, as `producers[0].link.latency_ms`, of the value that the first `offset` bytes of
/// `json` (well-formed JSON) end inside or at the end of: the value serde_json was reading when
/// it stopped there. An object's key counts from when it has been read, an array's element from
/// its first byte; both until the next `,`. The root is the empty path.
///
/// When the bytes end by closing an object, the error is the object's own (a missing field)
/// unless `inside(last key, last value)` says it came from that last member. When they end
/// just after a key, the key is in the path, as for an unknown field, unless it was read as an
/// enum's variant (`{"variant": ...}`) and `message` says that variant is unknown.
fn path_at(json: &str, offset: usize, message: &str, inside: impl Fn(&str, &str) -> bool) -> String {
    enum Frame {
        /// `value_at`: where the current member's value starts, once it has.
        Object {
            key: Option<String>,
            value_at: Option<usize>,
        },
        Array {
            index: usize,
            in_element: bool,
        },
    }
    let bytes = &json.as_bytes()[..offset];
    let mut stack: Vec<Frame> = Vec::new();
    // The last object closed, its last member's key and value, while nothing else followed.
    let mut closed: Option<(Option<String>, usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
            closed = None;
        }
        // Whether this byte starts a value (a key is not a value).
        let mut starts_value = false;
        match byte {
            b'{' | b'[' => starts_value = true,
            b'}' | b']' => {
                if let Some(Frame::Object { key, value_at: Some(value_at) }) = stack.pop() {
                    closed = Some((key, value_at, i));
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, value_at }) => {
                    *key = None;
                    *value_at = None;
                }
                Some(Frame::Array { index, in_element }) => {
                    *index += 1;
                    *in_element = false;
                }
                None => {}
            },
            b'"' => {
                let mut end = i + 1;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                match stack.last_mut() {
                    // A key counts once it has been read whole.
                    Some(Frame::Object { key, .. }) if key.is_none() => {
                        if end < bytes.len() {
                            let raw = &json[i..=end];
                            *key =
                                Some(serde_json::from_str(raw).unwrap_or_else(|_| raw.trim_matches('"').to_string()));
                        }
                    }
                    _ => starts_value = true,
                }
                i = end;
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            _ => {
                // A number, `true`, `false` or `null`: one value up to the next delimiter.
                starts_value = true;
                while i + 1 < bytes.len() && !matches!(bytes[i + 1], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                {
                    i += 1;
                }
            }
        }
        if starts_value {
            match stack.last_mut() {
                Some(Frame::Array { in_element, .. }) => *in_element = true,
                Some(Frame::Object { value_at, .. }) => *value_at = Some(i),
                None => {}
            }
            match byte {
                b'{' => stack.push(Frame::Object { key: None, value_at: None }),
                b'[' => stack.push(Frame::Array { index: 0, in_element: false }),
                _ => {}
            }
        }
        i += 1;
    }
    if let Some((Some(key), value_at, end)) = closed {
        if inside(&key, &json[value_at..end]) {
            // Back inside the closed object, at its last member.
            stack.push(Frame::Object { key: Some(key), value_at: Some(value_at) });
        }
    }
    // serde_json refuses a `[` or `{` where it wants something else before taking it: the value
    // has begun all the same.
    let next = json.as_bytes()[offset..].iter().find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    let refused_container = message.starts_with("invalid type: sequence") || message.starts_with("invalid type: map");
    if refused_container && matches!(next, Some(b'[' | b'{')) {
        if let Some(Frame::Array { in_element, .. }) = stack.last_mut() {
            *in_element = true;
        }
    }
    if message.starts_with("unknown variant ") {
        if let Some(Frame::Object { key, value_at: None }) = stack.last_mut() {
            *key = None;
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index, in_element: true } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            _ => {}
        }
    }
    path
}

/// The scenario as pretty JSON, fields in a fixed order, optional fields left out when they hold
/// their default.
pub fn to_json(scenario: &Scenario) -> String {
    // Serializing these types cannot fail: every map key is a string and no impl errors.
    serde_json::to_string_pretty(scenario).expect("a scenario always serializes")
}

/// Any schema value (a scenario, a producer, a default `Service`) as an untyped JSON value,
/// made from its compact text: the page's wasm then carries the schema's `Serialize` code for
/// serde_json's text serializer only, not also for its `Value` serializer. Its objects' keys are
/// sorted (serde_json's `Value` keeps no order), as `serde_json::to_value` gives.
pub fn to_value<T: serde::Serialize>(value: &T) -> Value {
    // Serializing these types cannot fail: every map key is a string and no impl errors; and
    // the text serde_json writes, it reads back.
    let text = serde_json::to_string(value).expect("a schema value always serializes");
    serde_json::from_str(&text).expect("serde_json reads back what it writes")
}

/// The scenario as compact JSON (one line), as it goes into a share link.
pub fn to_json_compact(scenario: &Scenario) -> String {
    serde_json::to_string(scenario).expect("a scenario always serializes")
}

/// serde_json's message without the position it appends, and that position (line, column).
fn split_serde_json_error(error: &serde_json::Error) -> (String, Option<(usize, usize)>) {
    let full = error.to_string();
    if error.line() == 0 {
        return (full, None);
    }
    // serde_json appends " at line L column C" when it knows the position.
    let message = match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full,
    };
    (message, Some((error.line(), error.column())))
}

fn describe_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A short rendering of a JSON value for a message, cut to a readable length.
fn compact(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(40).collect();
        format!("{cut}…")
    } else {
        text
    }
}

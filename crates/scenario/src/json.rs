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
            format!(
                "the scenario is {} bytes long; the limit is {} bytes (1 MiB)",
                json.len(),
                SCENARIO_BYTES_MAX
            ),
        ));
    }
    // Untyped first: a syntax error gets its own message, and the version is checked before the
    // shape, so that a newer file gets "version 2 is not supported" rather than a list of
    // fields this version does not know.
    let value: Value = serde_json::from_str(json).map_err(|error| {
        let (message, position) = split_serde_json_error(&error);
        let at = position.map(|(line, column)| format!(" at line {line}, column {column}"));
        Errors::one(
            "",
            format!("JSON syntax error{}: {message}", at.unwrap_or_default()),
        )
    })?;
    let Value::Object(fields) = &value else {
        return Err(Errors::one(
            "",
            format!(
                "a scenario is a JSON object ({{ ... }}), not {}",
                describe_kind(&value)
            ),
        ));
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
                format!(
                    "{} is not supported; this lab reads version {VERSION}",
                    compact(other)
                ),
            ))
        }
    }
    // Typed second, from the text again, so that shape errors keep their line and column.
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let scenario: Scenario =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let (message, position) = split_serde_json_error(error.inner());
            let at = position.map(|(line, column)| format!(" (line {line}, column {column})"));
            Errors(vec![ScenarioError::new(
                path,
                format!("{message}{}", at.unwrap_or_default()),
            )])
        })?;
    Ok(scenario)
}

/// The scenario as pretty JSON, fields in a fixed order, optional fields left out when they hold
/// their default.
pub fn to_json(scenario: &Scenario) -> String {
    // Serializing these types cannot fail: every map key is a string and no impl errors.
    serde_json::to_string_pretty(scenario).expect("a scenario always serializes")
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

//! The parser reads a shape error's path back from the text at serde_json's line and column
//! (`json::path_at`), instead of tracking it while deserializing. Here it must agree with the
//! tracking it replaced, `serde_path_to_error`, on random edits of scenarios: values replaced by
//! random JSON (printed compact and pretty), keys renamed, members removed.

use crate::common::{at_path, paths, value, FULL, MINIMAL};
use mqlab_scenario::{parse, presets, Scenario};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// What the parser said before: the path tracked by serde_path_to_error, serde_json's message
/// and position. `None` when the text gets past the shape check or fails before it.
fn tracked_error(text: &str) -> Option<(String, String)> {
    let untyped: Value = serde_json::from_str(text).ok()?;
    if untyped.get("version") != Some(&json!(1)) {
        return None;
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = serde_path_to_error::deserialize::<_, Scenario>(&mut deserializer).err()?;
    let path = error.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let inner = error.inner();
    let full = inner.to_string();
    let message = if inner.line() == 0 {
        full
    } else {
        let cut = full.rfind(" at line ").map_or(full.as_str(), |at| &full[..at]);
        format!("{cut} (line {}, column {})", inner.line(), inner.column())
    };
    Some((path, message))
}

/// Checks the parser against the tracked path on `text`.
fn agrees(text: &str) -> Result<(), TestCaseError> {
    let Some(expected) = tracked_error(text) else {
        return Ok(());
    };
    let errors = parse(text).expect_err("the tracked parse failed");
    prop_assert_eq!(errors.0.len(), 1);
    let got = (errors.0[0].path.clone(), errors.0[0].message.clone());
    prop_assert_eq!(got, expected, "in {}", text);
    Ok(())
}

/// Random JSON values, including the shapes the scenario's tagged values take.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop_oneof![Just(0.5), Just(-1.0), Just(1e30)].prop_map(|x| json!(x)),
        prop_oneof![
            Just("n1".to_string()),
            Just("mirrored".to_string()),
            Just("exponential".to_string()),
            "[a-z_]{0,8}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("mode".to_string()),
                    Just("dist".to_string()),
                    Just("nodes".to_string()),
                    Just("node".to_string()),
                    Just("mean_ms".to_string()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The scenarios edited: the test files' two and every preset.
fn bases() -> Vec<Value> {
    let mut bases = vec![value(MINIMAL), value(FULL)];
    bases.extend(presets::all().iter().map(|(_, scenario)| serde_json::to_value(scenario).expect("serializes")));
    bases
}

/// Both printings: serde_json's compact one and its pretty one (positions differ).
fn both_ways(value: &Value) -> [String; 2] {
    [value.to_string(), serde_json::to_string_pretty(value).expect("prints")]
}

#[test]
fn hand_picked_edits_agree() {
    let texts = [
        MINIMAL.replacen("{\"id\": \"q1\"}", "{\"id\": \"q1\", \"placement\": {\"mode\": \"mirrored\"}}", 1),
        MINIMAL.replacen("{\"id\": \"q1\"}", "{\"placement\": {\"mode\": \"mirrored\", \"nodes\": [\"n1\"]}}", 1),
        MINIMAL.replacen(
            "{\"id\": \"q1\"}",
            "{\"placement\": {\"mode\": \"quorum\", \"nodes\": [\"n1\"]}, \"id\": 3}",
            1,
        ),
        MINIMAL.replacen(
            "{\"id\": \"q1\"}",
            "{\"id\": \"q1\", \"placement\": {\"nodes\": [1], \"mode\": \"quorum\"} }",
            1,
        ),
        MINIMAL.replacen("{\"id\": \"q1\"}", "{\"id\": \"q1\", \"placement\": \"single\"}", 1),
    ];
    for text in &texts {
        agrees(text).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn replaced_values_agree(
        base in any::<prop::sample::Index>(),
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let mut scenario = base.get(&bases()).clone();
        let mut all = Vec::new();
        paths(&scenario, &mut Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        *at_path(&mut scenario, &path) = replacement;
        for text in both_ways(&scenario) {
            agrees(&text)?;
        }
    }

    #[test]
    fn renamed_and_removed_members_agree(
        base in any::<prop::sample::Index>(),
        pick in any::<prop::sample::Index>(),
        rename in prop::option::of("[a-z_]{1,10}"),
    ) {
        let mut scenario = base.get(&bases()).clone();
        let mut all = Vec::new();
        paths(&scenario, &mut Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        let Some((Value::String(key), parent)) = path.split_last() else {
            return Ok(());
        };
        if let Value::Object(members) = at_path(&mut scenario, parent) {
            let old: Map<String, Value> = std::mem::take(members);
            for (k, v) in old {
                match (&k == key, &rename) {
                    (false, _) => {
                        members.insert(k, v);
                    }
                    (true, Some(new_key)) => {
                        members.insert(new_key.clone(), v);
                    }
                    (true, None) => {}
                }
            }
        }
        for text in both_ways(&scenario) {
            agrees(&text)?;
        }
    }
}

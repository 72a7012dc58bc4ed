//! The same preset gives a byte-identical report natively and compiled to wasm.
//!
//! Runs in headless Chromium: `cargo test --target wasm32-unknown-unknown -p mqlab-web` (see
//! docs/testing.md). Every preset is run here, in wasm, and its `report_to_pretty_string` is compared
//! byte for byte with `crates/scenario/tests/snapshots/<preset>.json`, which the native test suite
//! writes and checks. Both sides checking the same file proves native and wasm agree.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

// `SNAPSHOTS`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/snapshots.rs"));

const HOW_TO_UPDATE: &str = "the native snapshots are written by `UPDATE_EXPECT=1 cargo test --workspace`";

#[wasm_bindgen_test]
fn every_preset_has_a_native_snapshot() {
    let names = mqlab_scenario::presets::names();
    assert!(!names.is_empty(), "the scenario crate lists no presets");
    for name in &names {
        assert!(
            SNAPSHOTS.iter().any(|(preset, _)| preset == name),
            "preset {name:?} has no crates/scenario/tests/snapshots/{name}.json; {HOW_TO_UPDATE}"
        );
    }
    for (preset, _) in SNAPSHOTS {
        assert!(
            names.contains(preset),
            "crates/scenario/tests/snapshots/{preset}.json belongs to no preset; delete it"
        );
    }
}

#[wasm_bindgen_test]
fn every_preset_report_is_byte_identical_to_native() {
    let mut differing = Vec::new();
    for (preset, native) in SNAPSHOTS {
        let Some(scenario) = mqlab_scenario::presets::get(preset) else {
            continue; // Reported by `every_preset_has_a_native_snapshot`.
        };
        let report = mqlab_scenario::run(&scenario, None)
            .unwrap_or_else(|errors| panic!("preset {preset:?} did not run in wasm: {errors}"));
        let wasm = mqlab_scenario::report_to_pretty_string(&report);
        let native = native.replace("\r\n", "\n");
        if wasm != native {
            differing.push(first_difference(preset, &native, &wasm));
        }
    }
    assert!(
        differing.is_empty(),
        "wasm and native reports differ:\n{}\n(if the native side changed on purpose, {HOW_TO_UPDATE})",
        differing.join("\n")
    );
    wasm_bindgen_test::console_log!("{} presets: wasm reports identical to native", SNAPSHOTS.len());
}

/// The first line that differs, so a failure says where to look (snapshots hold one value a line).
fn first_difference(preset: &str, native: &str, wasm: &str) -> String {
    let mut native_lines = native.lines();
    let mut wasm_lines = wasm.lines();
    let mut line = 1;
    loop {
        match (native_lines.next(), wasm_lines.next()) {
            (Some(n), Some(w)) if n == w => line += 1,
            (n, w) => {
                return format!(
                    "  {preset}: first difference at line {line}\n    native: {}\n    wasm:   {}",
                    n.unwrap_or("(end of the report)"),
                    w.unwrap_or("(end of the report)")
                )
            }
        }
    }
}

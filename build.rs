//! Lists the native report snapshots (`crates/scenario/tests/snapshots/<preset>.json`) for the
//! wasm identity test, `tests/wasm_identical.rs`.
//!
//! The wasm test cannot read files at run time (it runs inside a browser), so each snapshot is
//! compiled in with `include_str!`; listing them here means a new preset's snapshot is picked up
//! without anyone editing a list. The app itself does not use the generated file.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let snapshots_dir = Path::new(&manifest_dir).join("crates/scenario/tests/snapshots");
    println!("cargo:rerun-if-changed={}", snapshots_dir.display());

    let mut snapshots: Vec<(String, String)> = fs::read_dir(&snapshots_dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter_map(|path| {
            let preset = path.file_stem()?.to_str()?.to_string();
            Some((preset, path.to_str()?.to_string()))
        })
        .collect();
    // Sorted, so the generated file (and the test order) does not depend on the file system.
    snapshots.sort();

    let mut code = String::from("/// `(preset name, native report snapshot)`, sorted by name.\n");
    code.push_str("pub const SNAPSHOTS: &[(&str, &str)] = &[\n");
    for (preset, path) in &snapshots {
        writeln!(code, "    ({preset:?}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\n");

    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("snapshots.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

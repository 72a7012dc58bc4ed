//! Runs a preset through the scenario crate and returns the report JSON: the page's one call
//! into the engine. No browser dependency, so it runs natively in tests too.

use serde_json::Value;

/// The preset names, in the scenario crate's order; the first is the page's default.
pub fn preset_names() -> Vec<&'static str> {
    mqlab_scenario::presets::names()
}

/// Runs the named preset to its horizon and returns its report as JSON, the same object that
/// `mqlab run` prints for that preset. Errors are sentences for the page's error panel.
pub fn run_preset(name: &str) -> Result<Value, String> {
    let scenario = mqlab_scenario::presets::get(name)
        .ok_or_else(|| format!("there is no preset called \"{name}\""))?;
    let report = mqlab_scenario::run(&scenario, None)
        .map_err(|errors| format!("the preset \"{name}\" did not run: {errors}"))?;
    Ok(mqlab_scenario::report_to_json(&report))
}

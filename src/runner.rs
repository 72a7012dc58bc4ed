//! Runs a preset through the scenario crate and returns the report JSON: the page's one call
//! into the engine. No browser dependency, so it runs natively in tests too.

use serde_json::Value;

/// The preset names, in the scenario crate's order; the first is the page's default.
pub fn preset_names() -> Vec<&'static str> {
    mqlab_scenario::presets::names()
}

/// What the page says about a preset before it runs.
#[derive(Clone, Debug, PartialEq)]
pub struct PresetInfo {
    /// The scenario's own `name` (the preset's title).
    pub title: String,
    pub description: Option<String>,
    pub seed: u64,
    pub horizon_s: f64,
}

/// The title, description, seed and horizon of the named preset.
pub fn describe(name: &str) -> Option<PresetInfo> {
    let scenario = mqlab_scenario::presets::get(name)?;
    Some(PresetInfo {
        title: scenario.name,
        description: scenario.description,
        seed: scenario.seed,
        horizon_s: scenario.horizon_s,
    })
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

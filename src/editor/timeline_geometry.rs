//! The timeline's geometry, apart from the browser: virtual time ↔ a fraction of the strip's
//! width, tick marks at round seconds, one lane per fault target, and where a key press seeks.
//!
//! The strip draws in fractions of its width (SVG percentages), so none of this needs to know
//! how many pixels wide the page made it; only a pointer's position is turned into a fraction
//! by the view.

use mqlab_scenario::{Fault, FaultKind, RandomFault};

use super::faults::end_s;

/// At most this many labelled ticks, so that labels of up to six characters never touch on a
/// strip as narrow as the canvas gets.
pub const TICKS_MAX: usize = 10;

/// The arrow keys move the playhead by this share of the run (about one chart bucket: runs
/// have a hundred buckets unless the scenario says otherwise).
pub const KEY_STEP_FRACTION: f64 = 0.01;

/// Where virtual time `t_s` sits on a strip of `horizon_s`, from 0 (left) to 1 (right); times
/// outside the run are pinned to its ends.
pub fn fraction_of(t_s: f64, horizon_s: f64) -> f64 {
    if !positive(horizon_s) || !t_s.is_finite() {
        return 0.0;
    }
    (t_s / horizon_s).clamp(0.0, 1.0)
}

/// The virtual time at `fraction` of the strip's width, within [0, horizon].
pub fn time_at(fraction: f64, horizon_s: f64) -> f64 {
    if !positive(horizon_s) || !fraction.is_finite() {
        return 0.0;
    }
    (fraction.clamp(0.0, 1.0) * horizon_s).clamp(0.0, horizon_s)
}

/// A fraction as an SVG percentage (`"12.5%"`).
pub fn percent(fraction: f64) -> String {
    format!("{}%", (fraction * 100_000.0).round() / 1_000.0)
}

/// One labelled tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub at_s: f64,
    pub label: String,
}

/// The step between ticks: the smallest of 1, 2 or 5 times a power of ten that puts at most
/// `ticks_max` intervals on the run.
pub fn tick_step_s(horizon_s: f64, ticks_max: usize) -> f64 {
    if !positive(horizon_s) || ticks_max == 0 {
        return 1.0;
    }
    let rough = horizon_s / ticks_max as f64;
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| horizon_s / step <= ticks_max as f64 + 1e-9)
        .unwrap_or(10.0 * power)
}

/// Ticks at every multiple of [`tick_step_s`] from 0 to the horizon, labelled in seconds with
/// as many decimals as the step needs (`0`, `0.5`, `1`, …).
pub fn ticks(horizon_s: f64, ticks_max: usize) -> Vec<Tick> {
    if !positive(horizon_s) {
        return Vec::new();
    }
    let step = tick_step_s(horizon_s, ticks_max);
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    let count = (horizon_s / step + 1e-9).floor() as usize;
    (0..=count)
        .map(|i| {
            let at_s = i as f64 * step;
            Tick { at_s, label: format!("{at_s:.decimals$}") }
        })
        .collect()
}

/// Where the playhead's "now" label goes: right of the line, or left of it near the end.
pub fn now_label_left(now: f64) -> bool {
    now > 0.85
}

/// About how much of the strip the "now" label covers (on a strip of 1 000 px, 60 px).
pub const NOW_LABEL_FRACTION: f64 = 0.06;

/// Whether the tick label at `tick` would sit under the "now" label of the playhead at `now`
/// (both fractions of the strip): that tick's label is left out while it would.
pub fn tick_label_under_now(tick: f64, now: f64) -> bool {
    // A tick's label is centred on it; about 0.015 of the strip reaches the other side.
    let (from, to) = if now_label_left(now) {
        (now - NOW_LABEL_FRACTION, now + 0.015)
    } else {
        (now - 0.015, now + NOW_LABEL_FRACTION)
    };
    (from..=to).contains(&tick)
}

/// Seconds for a read-out: to the millisecond, without trailing zeros (`12.5`, `3`, `0.125`).
pub fn seconds_text(t_s: f64) -> String {
    let ms = (t_s * 1_000.0).round() / 1_000.0;
    let text = format!("{ms:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// One scheduled fault's bar, from its start to its end (the end of the run when it has none).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The fault's index in the scenario's `faults`.
    pub index: usize,
    pub kind: FaultKind,
    pub start: f64,
    pub end: f64,
}

/// The faults of one target, on one row.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub target: String,
    pub bars: Vec<Bar>,
    /// Indices in the scenario's `random_faults` aimed at this target.
    pub random: Vec<usize>,
}

/// One lane per target, in the order targets first appear (scheduled faults first, which are
/// in time order, then random ones). Bars are fractions of the strip; a fault that starts
/// after the run ends sits at the right edge with no width.
pub fn lanes(faults: &[Fault], random_faults: &[RandomFault], horizon_s: f64) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = Vec::new();
    for (index, fault) in faults.iter().enumerate() {
        let at = lane_of(&fault.target, &mut lanes);
        lanes[at].bars.push(Bar {
            index,
            kind: fault.kind,
            start: fraction_of(fault.at_s, horizon_s),
            end: fraction_of(end_s(fault, horizon_s), horizon_s),
        });
    }
    for (index, fault) in random_faults.iter().enumerate() {
        let at = lane_of(&fault.target, &mut lanes);
        lanes[at].random.push(index);
    }
    lanes
}

/// The index of `target`'s lane, added at the bottom if it has none yet.
fn lane_of(target: &str, lanes: &mut Vec<Lane>) -> usize {
    match lanes.iter().position(|lane| lane.target == target) {
        Some(at) => at,
        None => {
            lanes.push(Lane { target: target.to_string(), bars: Vec::new(), random: Vec::new() });
            lanes.len() - 1
        }
    }
}

/// Where a key pressed on the focused strip seeks: ← and → by [`KEY_STEP_FRACTION`] of the run
/// from `from_s`, Home to 0, End to the horizon; `None` for any other key.
pub fn seek_for_key(key: &str, from_s: f64, horizon_s: f64) -> Option<f64> {
    let step_s = horizon_s * KEY_STEP_FRACTION;
    let to_s = match key {
        "ArrowLeft" => from_s - step_s,
        "ArrowRight" => from_s + step_s,
        "Home" => 0.0,
        "End" => horizon_s,
        _ => return None,
    };
    Some(if positive(horizon_s) { to_s.clamp(0.0, horizon_s) } else { 0.0 })
}

/// A run length the strip can divide: finite and above 0.
fn positive(horizon_s: f64) -> bool {
    horizon_s.is_finite() && horizon_s > 0.0
}

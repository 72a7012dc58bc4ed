//! Chart axes: a y axis from 0 to a round number, an x axis over a time range, their ticks at
//! 1, 2, 2.5 or 5 × 10ⁿ, and the ticks' labels.

/// An axis from `min` to `max` with a tick every `step`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

impl Axis {
    /// A y axis from 0 to a round number at or above `max_value`, with about five steps of 1,
    /// 2, 2.5 or 5 × 10ⁿ; whole-number axes step by whole numbers. Never of zero height: with
    /// nothing above 0 it goes to 1.
    pub fn nice(max_value: f64, whole: bool) -> Axis {
        let max_value = if max_value.is_finite() && max_value > 0.0 { max_value } else { 1.0 };
        let mut step = nice_step(max_value / 5.0);
        if whole {
            if step < 1.0 {
                step = 1.0;
            } else if step == 2.5 {
                step = 2.0;
            }
        }
        // A hair under, so 0.3 / 0.1 = 2.9999… does not round up to a fourth step.
        let steps = (max_value / step * (1.0 - 1e-9)).ceil().max(1.0);
        Axis { min: 0.0, max: steps * step, step }
    }

    /// An x axis over exactly `min..max` with round ticks inside it, about `target` of them.
    pub fn over(min: f64, max: f64, target: usize) -> Axis {
        let (min, max) = if max > min { (min, max) } else { (min, min + 1.0) };
        let step = nice_step((max - min) / target.max(1) as f64);
        Axis { min, max, step }
    }

    /// The tick positions: multiples of `step` from `min` to `max`.
    pub fn ticks(&self) -> Vec<f64> {
        let first = (self.min / self.step * (1.0 - 1e-9)).ceil() as i64;
        let last = (self.max / self.step * (1.0 + 1e-9)).floor() as i64;
        // A limit on ticks, whatever the numbers.
        (first..=last.min(first + 100)).map(|i| i as f64 * self.step).collect()
    }

    /// A tick label: as many decimals as the step needs, and k or M for thousands and millions.
    pub fn label(&self, value: f64) -> String {
        if value == 0.0 {
            return "0".to_string();
        }
        let (scaled, step, suffix) = if self.max >= 1e6 {
            (value / 1e6, self.step / 1e6, "M")
        } else if self.max >= 1e4 {
            (value / 1e3, self.step / 1e3, "k")
        } else {
            (value, self.step, "")
        };
        // The fewest decimals that write the step exactly: 0.25 → 2, 2.5 → 1, 0.2 → 1.
        let decimals = (0..6)
            .find(|&d| {
                let scaled_step = step * 10f64.powi(d as i32);
                (scaled_step - scaled_step.round()).abs() < 1e-6 * scaled_step.max(1.0)
            })
            .unwrap_or(6);
        format!("{scaled:.decimals$}{suffix}")
    }
}

/// 1, 2, 2.5 or 5 × 10ⁿ, the smallest at or above `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let base = 10f64.powi(raw.log10().floor() as i32);
    let f = raw / base;
    let m = if f <= 1.0 + 1e-9 {
        1.0
    } else if f <= 2.0 + 1e-9 {
        2.0
    } else if f <= 2.5 + 1e-9 {
        2.5
    } else if f <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    m * base
}

//! What the five charts show: run A, and run B in compare mode, side by side, with the series
//! toggles, the axis ranges and the hover read-outs.
//!
//! Order and colour are stable: a chart's series are A's in [`RunSeries`] order, then any only B
//! has, and a series has the same colour in A and in B.

use std::collections::BTreeSet;

use mqlab_engine::config::Config;
use mqlab_engine::report::Bucket;
use serde_json::Value;

use super::axis::Axis;
use super::catalogue::{Chart, SeriesInfo, SeriesKey};
use super::palette::PALETTE;
use super::series::RunSeries;
use crate::live::RunId;

/// The y axis reaches at least this much above the highest value.
const Y_HEADROOM: f64 = 1.04;

/// One line of a hover read-out.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub run: RunId,
    pub series: SeriesInfo,
    /// The time of the point read (its bucket's end), in seconds.
    pub t_s: f64,
    /// `None` where the series has no value (latency in a bucket that processed nothing).
    pub value: Option<f64>,
}

/// Everything the charts show: run A, and run B in compare mode, with the series toggles.
#[derive(Clone, Debug)]
pub struct ChartData {
    runs: [Option<RunSeries>; 2],
    run_visible: [bool; 2],
    /// Hidden series, by chart and [`SeriesKey::id`]; the same toggle applies to A and B.
    hidden: BTreeSet<(Chart, String)>,
    horizon_s: Option<f64>,
}

impl Default for ChartData {
    fn default() -> Self {
        ChartData { runs: [None, None], run_visible: [true, true], hidden: BTreeSet::new(), horizon_s: None }
    }
}

impl ChartData {
    /// No runs yet.
    pub fn new() -> ChartData {
        ChartData::default()
    }

    /// Run A from a finished report JSON.
    pub fn from_report_json(report: &Value) -> Result<ChartData, String> {
        let mut data = ChartData::new();
        data.set_run(RunId::A, RunSeries::from_report_json(report)?);
        Ok(data)
    }

    /// Puts (or replaces) a run; toggles are kept.
    pub fn set_run(&mut self, run: RunId, series: RunSeries) {
        self.runs[run.index()] = Some(series);
    }

    /// Starts a run afresh for a validated scenario, ready for its buckets.
    pub fn start_run(&mut self, run: RunId, config: &Config) {
        self.set_run(run, RunSeries::for_config(config));
    }

    /// Leaves compare mode (or forgets A).
    pub fn remove_run(&mut self, run: RunId) {
        self.runs[run.index()] = None;
    }

    pub fn run(&self, run: RunId) -> Option<&RunSeries> {
        self.runs[run.index()].as_ref()
    }

    pub fn run_mut(&mut self, run: RunId) -> Option<&mut RunSeries> {
        self.runs[run.index()].as_mut()
    }

    /// Appends buckets to a run; does nothing if the run was not started.
    pub fn push_buckets(&mut self, run: RunId, buckets: &[Bucket]) {
        if let Some(series) = self.run_mut(run) {
            series.push_buckets(buckets);
        }
    }

    /// Whether run B is there (compare mode).
    pub fn is_compare(&self) -> bool {
        self.run(RunId::B).is_some()
    }

    /// The x axis runs to the horizon from the start, so a live chart does not rescale as it
    /// grows; `None` fits it to the data.
    pub fn set_horizon_s(&mut self, horizon_s: Option<f64>) {
        self.horizon_s = horizon_s.filter(|h| h.is_finite() && *h > 0.0);
    }

    /// Runs that are there and shown, A first.
    pub fn shown_runs(&self) -> impl Iterator<Item = (RunId, &RunSeries)> {
        RunId::ALL.into_iter().filter(|r| self.run_visible[r.index()]).filter_map(|r| self.run(r).map(|s| (r, s)))
    }

    pub fn set_run_visible(&mut self, run: RunId, visible: bool) {
        self.run_visible[run.index()] = visible;
    }

    pub fn is_run_visible(&self, run: RunId) -> bool {
        self.run_visible[run.index()]
    }

    /// A chart's series, in display order: A's, then any only B has; each with its colour.
    pub fn series(&self, chart: Chart) -> Vec<SeriesInfo> {
        let mut keys: Vec<&SeriesKey> = Vec::new();
        for series in self.runs.iter().flatten() {
            for key in series.keys(chart) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys.into_iter()
            .enumerate()
            .map(|(i, key)| SeriesInfo {
                key: key.clone(),
                unit: chart.unit(),
                colour: PALETTE[i % PALETTE.len()],
                has_data: self
                    .runs
                    .iter()
                    .flatten()
                    .any(|s| s.values(key).is_some_and(|v| v.iter().any(|&x| x.is_finite() && x != 0.0))),
            })
            .collect()
    }

    /// Shows or hides a series (in A and B alike).
    pub fn set_visible(&mut self, chart: Chart, key: &SeriesKey, visible: bool) {
        let entry = (chart, key.id());
        if visible {
            self.hidden.remove(&entry);
        } else {
            self.hidden.insert(entry);
        }
    }

    pub fn is_visible(&self, chart: Chart, key: &SeriesKey) -> bool {
        !self.hidden.contains(&(chart, key.id()))
    }

    /// Flips a series on or off; returns whether it is now shown.
    pub fn toggle(&mut self, chart: Chart, key: &SeriesKey) -> bool {
        let visible = !self.is_visible(chart, key);
        self.set_visible(chart, key, visible);
        visible
    }

    /// The x range in seconds: from 0 to the horizon (if set) or the last bucket's end.
    pub fn x_range(&self) -> (f64, f64) {
        let end = self.runs.iter().flatten().map(RunSeries::end_s).fold(0.0, f64::max);
        let end = self.horizon_s.map_or(end, |h| h.max(end));
        (0.0, if end > 0.0 { end } else { 1.0 })
    }

    /// The x axis: [`x_range`](Self::x_range) with about `target` round ticks.
    pub fn x_axis(&self, target: usize) -> Axis {
        let (min, max) = self.x_range();
        Axis::over(min, max, target)
    }

    /// The highest value of the chart's shown series in the shown runs (0 if none).
    pub fn y_max(&self, chart: Chart) -> f64 {
        let mut max = 0.0f64;
        for (_, series) in self.shown_runs() {
            for key in series.keys(chart).filter(|k| self.is_visible(chart, k)) {
                for &v in series.values(key).unwrap_or(&[]) {
                    if v.is_finite() {
                        max = max.max(v);
                    }
                }
            }
        }
        max
    }

    /// The y axis: 0 to a round number above the shown data, never of zero height. A little
    /// headroom (4 %) keeps a line at a round maximum (1,000/s) off the plot's top edge.
    pub fn y_axis(&self, chart: Chart) -> Axis {
        Axis::nice(self.y_max(chart) * Y_HEADROOM, chart.unit().is_whole())
    }

    /// `(min, max)` of [`y_axis`](Self::y_axis).
    pub fn y_range(&self, chart: Chart) -> (f64, f64) {
        let axis = self.y_axis(chart);
        (axis.min, axis.max)
    }

    /// The values at the point nearest `t_s` of each shown run, for each shown series: the
    /// hover read-out, A's lines first.
    pub fn value_at(&self, chart: Chart, t_s: f64) -> Vec<Reading> {
        let infos = self.series(chart);
        let mut readings = Vec::new();
        for (run, series) in self.shown_runs() {
            let Some(i) = series.nearest_index(t_s) else {
                continue;
            };
            for info in infos.iter().filter(|info| self.is_visible(chart, &info.key)) {
                let Some(values) = series.values(&info.key) else {
                    continue;
                };
                readings.push(Reading {
                    run,
                    series: info.clone(),
                    t_s: series.x_s()[i],
                    value: Some(values[i]).filter(|v| v.is_finite()),
                });
            }
        }
        readings
    }
}

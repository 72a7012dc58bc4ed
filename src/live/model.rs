//! What the page knows of the runs its simulation workers are making, built only from their
//! [`Update`]s: the latest frame of run A (and of run B in compare mode), their chart series and
//! their reports.
//!
//! Plain Rust, tested natively by feeding it a [`Driver`](crate::sim_worker::Driver)'s updates.
//! The page draws from it and never computes what the engine knows: totals, series and reports
//! are the workers'.

use std::collections::VecDeque;
use std::rc::Rc;

use mqlab_engine::report::Bucket;
use serde_json::Value;

use super::RunId;
use crate::charts::{ChartData, RunSeries};
use crate::report_view::ReportView;
use crate::sim_worker::protocol::{BucketView, Loaded, SnapshotView};
use crate::sim_worker::{RunState, Update};

/// One run as its worker last described it.
#[derive(Clone, Debug, Default)]
pub struct RunLive {
    pub loaded: Option<Rc<Loaded>>,
    /// `None` until the worker has loaded a scenario.
    pub state: Option<RunState>,
    pub now_us: u64,
    /// Where a step or seek under way is heading.
    pub target_us: Option<u64>,
    pub snapshot: SnapshotView,
    /// The last closed bucket: the rates the canvas draws on its wires.
    pub last_bucket: Option<BucketView>,
    /// Messages per second along the canvas's wires, from the counters of the last frames.
    pub rates: FlowRates,
    /// At the horizon: the report JSON (what `mqlab run` prints) and the rows the page shows.
    pub report: Option<Rc<Value>>,
    pub view: Option<ReportView>,
}

impl RunLive {
    pub fn is_finished(&self) -> bool {
        self.state == Some(RunState::Finished) && self.report.is_some()
    }

    pub fn horizon_us(&self) -> u64 {
        self.loaded.as_ref().map_or(0, |l| l.horizon_us)
    }
}

/// Messages per virtual second through each component, in the order of [`Loaded`]'s lists:
/// the thickness of the canvas's wires. Averaged over the last chart bucket of virtual time from
/// the snapshots' counters, so a wire neither flickers nor spikes in slow motion.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlowRates {
    /// Producer → exchange: transfers put on the link, resends included.
    pub producer_sends_per_s: Vec<f64>,
    /// Exchange → queue: copies routed into the queue.
    pub queue_enqueued_per_s: Vec<f64>,
    /// Queue → consumer: deliveries.
    pub consumer_delivered_per_s: Vec<f64>,
    /// Consumer → store: processings.
    pub consumer_processed_per_s: Vec<f64>,
    /// Counters of recent frames, oldest first: the first is the last one a window back.
    samples: VecDeque<(u64, Counters)>,
}

/// The snapshot's cumulative counters the rates come from.
#[derive(Clone, Debug, Default, PartialEq)]
struct Counters {
    sends: Vec<u64>,
    enqueued: Vec<u64>,
    delivered: Vec<u64>,
    processed: Vec<u64>,
}

impl Counters {
    fn of(s: &SnapshotView) -> Counters {
        Counters {
            sends: s.producers.iter().map(|p| p.sends).collect(),
            enqueued: s.queues.iter().map(|q| q.enqueued).collect(),
            delivered: s.consumers.iter().map(|c| c.delivered).collect(),
            processed: s.consumers.iter().map(|c| c.processed).collect(),
        }
    }
}

/// Frames kept for the rates at most (a window of many minutes of wall time in slow motion).
const RATE_SAMPLES_MAX: usize = 600;

impl FlowRates {
    /// Adds the counters of a frame at `now_us` and averages over the last `window_us`.
    fn update(&mut self, now_us: u64, snapshot: &SnapshotView, window_us: u64) {
        self.samples.push_back((now_us, Counters::of(snapshot)));
        while self.samples.len() > 2 && self.samples[1].0 + window_us <= now_us || self.samples.len() > RATE_SAMPLES_MAX
        {
            self.samples.pop_front();
        }
        let (Some((t0, first)), Some((t1, last))) = (self.samples.front(), self.samples.back()) else {
            return;
        };
        if t1 <= t0 {
            return;
        }
        let dt_s = (t1 - t0) as f64 / 1e6;
        let rate = |a: &[u64], b: &[u64]| -> Vec<f64> {
            a.iter().zip(b).map(|(a, b)| b.saturating_sub(*a) as f64 / dt_s).collect()
        };
        self.producer_sends_per_s = rate(&first.sends, &last.sends);
        self.queue_enqueued_per_s = rate(&first.enqueued, &last.enqueued);
        self.consumer_delivered_per_s = rate(&first.delivered, &last.delivered);
        self.consumer_processed_per_s = rate(&first.processed, &last.processed);
    }
}

/// What the page must do after an update, besides drawing.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// A command failed (a scenario the validator refused, a bad speed): show the message.
    Problem { run: RunId, message: String },
    /// The worker is gone: show the message and start a new one.
    Crashed { run: RunId, message: String },
    /// A trace the page asked for (see [`crate::sim_worker::Command::Trace`]).
    Trace(crate::sim_worker::protocol::TraceView),
}

/// Both runs, their series, and a counter that says when anything changed.
#[derive(Debug, Default)]
pub struct LiveModel {
    runs: [RunLive; 2],
    compare: bool,
    pub charts: ChartData,
    version: u64,
}

impl LiveModel {
    pub fn new() -> LiveModel {
        LiveModel::default()
    }

    pub fn run(&self, run: RunId) -> &RunLive {
        &self.runs[run.index()]
    }

    /// Bumped by every change; views redraw when it moves.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn is_compare(&self) -> bool {
        self.compare
    }

    /// Turns compare mode on or off. Off forgets run B and its series.
    pub fn set_compare(&mut self, compare: bool) {
        self.compare = compare;
        if !compare {
            self.runs[RunId::B.index()] = RunLive::default();
            self.charts.remove_run(RunId::B);
        }
        self.version += 1;
    }

    /// The runs that take part: A, and B in compare mode.
    pub fn active_runs(&self) -> Vec<RunId> {
        if self.compare {
            vec![RunId::A, RunId::B]
        } else {
            vec![RunId::A]
        }
    }

    /// The state the run bar shows: running while any run runs; finished when every run is;
    /// idle when none has started; otherwise paused.
    pub fn phase(&self) -> RunState {
        let states: Vec<RunState> =
            self.active_runs().into_iter().map(|r| self.run(r).state.unwrap_or(RunState::Idle)).collect();
        if states.contains(&RunState::Running) {
            RunState::Running
        } else if states.iter().all(|s| *s == RunState::Finished) {
            // A finished run counts once its report is in.
            if self.active_runs().iter().all(|r| self.run(*r).is_finished()) {
                RunState::Finished
            } else {
                RunState::Running
            }
        } else if states.iter().all(|s| *s == RunState::Idle) {
            RunState::Idle
        } else {
            RunState::Paused
        }
    }

    /// Virtual time of the run bar: run A's.
    pub fn now_us(&self) -> u64 {
        self.run(RunId::A).now_us
    }

    /// Forgets what a run showed (the scenario changed): it is idle and unloaded again.
    pub fn forget(&mut self, run: RunId) {
        self.runs[run.index()] = RunLive::default();
        self.charts.remove_run(run);
        self.version += 1;
    }

    /// Applies one update from `run`'s worker.
    pub fn apply(&mut self, run: RunId, update: Update) -> Vec<Effect> {
        self.version += 1;
        let slot = &mut self.runs[run.index()];
        match update {
            Update::Loaded(loaded) => {
                let series = RunSeries::new(loaded.bucket_us as f64 / 1e6, &loaded.queues);
                self.charts.set_run(run, series);
                if run == RunId::A {
                    self.charts.set_horizon_s(Some(loaded.horizon_us as f64 / 1e6));
                }
                *slot = RunLive { loaded: Some(Rc::new(loaded)), ..RunLive::default() };
                Vec::new()
            }
            Update::Frame(frame) => {
                if frame.now_us < slot.now_us || frame.now_us == 0 {
                    // Back in time (a scrub or a reset): nothing is flowing yet.
                    slot.rates = FlowRates::default();
                }
                let window_us = slot.loaded.as_ref().map_or(1_000_000, |l| l.bucket_us);
                slot.rates.update(frame.now_us, &frame.snapshot, window_us);
                slot.state = Some(frame.state);
                slot.now_us = frame.now_us;
                slot.target_us = frame.target_us;
                slot.snapshot = frame.snapshot;
                if frame.state != RunState::Finished {
                    slot.report = None;
                    slot.view = None;
                }
                if let Some(series) = self.charts.run_mut(run) {
                    series.truncate(frame.buckets_from as usize);
                    for bucket in &frame.new_buckets {
                        series.push_bucket(&Bucket::from(bucket));
                    }
                }
                if frame.buckets_from == 0 && frame.new_buckets.is_empty() {
                    slot.last_bucket = None;
                }
                if let Some(last) = frame.new_buckets.last() {
                    slot.last_bucket = Some(last.clone());
                }
                Vec::new()
            }
            Update::Finished { report_json } => {
                let parsed = serde_json::from_str::<Value>(&report_json)
                    .map_err(|e| format!("the worker's report is not JSON: {e}"))
                    .and_then(|json| ReportView::from_json(&json).map(|view| (json, view)));
                match parsed {
                    Ok((json, view)) => {
                        slot.report = Some(Rc::new(json));
                        slot.view = Some(view);
                        Vec::new()
                    }
                    Err(message) => vec![Effect::Problem { run, message }],
                }
            }
            Update::Trace(trace) => vec![Effect::Trace(trace)],
            Update::Error { message, .. } => vec![Effect::Problem { run, message }],
            Update::Crashed { message } => {
                *slot = RunLive::default();
                self.charts.remove_run(run);
                vec![Effect::Crashed { run, message }]
            }
        }
    }
}

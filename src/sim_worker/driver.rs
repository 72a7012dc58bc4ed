//! The worker's state machine: applies the page's commands to a [`Simulation`] and advances it
//! in small, time-boxed slices, turning each into a [`Frame`].
//!
//! Pure Rust with no clock of its own, so it is tested natively: whoever drives it passes the
//! wall time in milliseconds (`performance.now()` in the worker, a fake clock in tests). The
//! simulation's content never depends on the wall clock: how the run is sliced changes only
//! *when* frames are taken, never what the engine computes, so the final report is the one
//! `mqlab_scenario::run` gives.
//!
//! Limits: one tick computes for about [`TICK_BUDGET_MS`] of wall time and at most
//! [`SLICES_PER_TICK_MAX`] engine calls; a playing run jumps at most [`WALL_GAP_MAX_MS`] of wall
//! time after a stall (a throttled background tab); frames go out at most every
//! [`FRAME_INTERVAL_MS`] while running.

use mqlab_engine::config::Config;
use mqlab_engine::time::TimeUs;
use mqlab_engine::Simulation;

use super::protocol::{
    loss_cause_names, BucketView, Command, Frame, Loaded, RunState, SnapshotView, Speed, TraceView, Update,
};

/// Wall time one tick may spend computing; the rest of each 16.7 ms frame is left for
/// receiving commands (a Pause acts within a tick) and for posting the frame.
pub const TICK_BUDGET_MS: f64 = 8.0;
/// Engine calls (`run_until` of one slice) per tick at most, whatever the clock says: a frozen
/// or coarse clock cannot make a tick run away.
pub const SLICES_PER_TICK_MAX: u32 = 64;
/// The fastest scaled speed at which frames list the messages on the wires (real time).
pub const WIRES_SHOWN_SPEED_MAX: f64 = 1.0;
/// Frames are sent at most this often while running (one per display frame at 60 Hz).
pub const FRAME_INTERVAL_MS: f64 = 16.0;
/// A playing run advances by at most this much wall time per tick, so a long stall of the
/// worker (a background tab's throttled timers) does not turn into a leap of virtual time.
pub const WALL_GAP_MAX_MS: f64 = 100.0;
/// The first guess of how much virtual time one wall millisecond computes; the driver learns
/// the real figure within a few ticks.
const RATE_INITIAL_US_PER_MS: f64 = 1_000.0;
/// Bounds of that estimate: at least one virtual microsecond per wall millisecond, and it moves
/// at most fourfold per tick either way (one slow tick, a garbage collection, says little).
const RATE_MIN_US_PER_MS: f64 = 1.0;
const RATE_CHANGE_MAX: f64 = 4.0;
/// Shortest wall time a tick is taken to have lasted, when estimating the rate (clocks in
/// browsers are coarse).
const ELAPSED_MIN_MS: f64 = 0.1;

/// When the driver wants its next tick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NextTick {
    /// Nothing to do until the next command.
    None,
    /// As soon as pending commands have been handled (top speed, stepping, seeking).
    Now,
    /// After this many milliseconds (a scaled speed: one tick per frame).
    AfterMs(f64),
}

/// What the run is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// Not advancing.
    Stopped,
    Playing(Speed),
    /// Running at top speed to `target_us` (a step or a seek), then playing at `then` or
    /// stopping.
    Catching {
        target_us: TimeUs,
        then: Option<Speed>,
    },
    Finished,
}

/// A loaded scenario and its running simulation.
struct Run {
    config: Config,
    sim: Simulation,
    /// Buckets already sent to the page (a prefix of the run's series).
    buckets_sent: usize,
    /// The page's series may be longer than what this run has sent (after a rebuild): the next
    /// frame tells it to truncate.
    buckets_reset: bool,
    /// Advanced at least once since load or reset (paused rather than idle).
    started: bool,
}

/// The worker's state machine. See the module documentation.
pub struct Driver {
    run: Option<Run>,
    mode: Mode,
    /// Wall time of the previous tick of a playing run, for the virtual time it owes.
    last_tick_ms: Option<f64>,
    /// Wall time of the last frame sent.
    last_frame_ms: f64,
    /// Virtual microseconds owed to a slow scaled run, below one microsecond.
    carry_us: f64,
    /// Learnt: virtual microseconds one wall millisecond computes in this scenario.
    rate_us_per_ms: f64,
}

impl Default for Driver {
    fn default() -> Self {
        Driver::new()
    }
}

impl Driver {
    pub fn new() -> Driver {
        Driver {
            run: None,
            mode: Mode::Stopped,
            last_tick_ms: None,
            last_frame_ms: f64::NEG_INFINITY,
            carry_us: 0.0,
            rate_us_per_ms: RATE_INITIAL_US_PER_MS,
        }
    }

    /// The run's state as the page shows it; `None` before a scenario is loaded.
    pub fn state(&self) -> Option<RunState> {
        let run = self.run.as_ref()?;
        Some(match self.mode {
            Mode::Playing(_) | Mode::Catching { .. } => RunState::Running,
            Mode::Finished => RunState::Finished,
            Mode::Stopped if run.started => RunState::Paused,
            Mode::Stopped => RunState::Idle,
        })
    }

    /// Current virtual time (0 before a scenario is loaded).
    pub fn now_us(&self) -> TimeUs {
        self.run.as_ref().map_or(0, |r| r.sim.now_us())
    }

    /// When the driver wants to be ticked next, given the wall time now.
    pub fn next_tick(&self, wall_ms: f64) -> NextTick {
        match self.mode {
            Mode::Playing(Speed::Max) | Mode::Catching { .. } => NextTick::Now,
            Mode::Playing(Speed::Scaled(_)) => {
                let last = self.last_tick_ms.unwrap_or(wall_ms);
                NextTick::AfterMs((last + FRAME_INTERVAL_MS - wall_ms).max(0.0))
            }
            Mode::Stopped | Mode::Finished => NextTick::None,
        }
    }

    /// Applies one command from the page and returns the updates to send back, in order.
    /// `clock` gives the wall time in milliseconds.
    pub fn command(&mut self, command: Command, clock: &mut dyn FnMut() -> f64) -> Vec<Update> {
        let wall_ms = clock();
        if let Command::Load { scenario_json } = command {
            return self.load(&scenario_json, wall_ms);
        }
        let Some(run) = self.run.as_mut() else {
            return vec![error("load a scenario first: there is nothing to run yet")];
        };
        let horizon_us = run.config.horizon_us;
        let finished = self.mode == Mode::Finished;
        match command {
            Command::Load { .. } => unreachable!("handled above"),
            Command::Play { speed } => {
                if let Err(message) = check_speed(speed) {
                    return vec![error(&message)];
                }
                match self.mode {
                    Mode::Finished => {}
                    Mode::Catching { target_us, .. } => self.mode = Mode::Catching { target_us, then: Some(speed) },
                    Mode::Stopped | Mode::Playing(_) => self.play(speed, wall_ms),
                }
            }
            Command::RunToEnd => {
                if !finished {
                    self.play(Speed::Max, wall_ms);
                }
            }
            Command::Pause => match self.mode {
                Mode::Playing(_) => self.mode = Mode::Stopped,
                Mode::Catching { target_us, .. } => self.mode = Mode::Catching { target_us, then: None },
                Mode::Stopped | Mode::Finished => {}
            },
            Command::Step => {
                if !finished {
                    let now_us = run.sim.now_us();
                    let bucket_us = run.config.bucket_us.max(1);
                    let target_us = (now_us / bucket_us + 1).saturating_mul(bucket_us).min(horizon_us);
                    run.started = true;
                    self.mode = Mode::Catching { target_us, then: None };
                }
            }
            Command::StepEvent => {
                if !finished {
                    run.started = true;
                    // With nothing left to happen before the horizon, the one step is to it.
                    if !run.sim.step() {
                        run.sim.run_until(horizon_us);
                    }
                    self.mode = Mode::Stopped;
                    if run.sim.now_us() >= horizon_us {
                        return self.finish();
                    }
                }
            }
            Command::Seek { t_us } => {
                let target_us = t_us.min(horizon_us);
                let then = match self.mode {
                    Mode::Playing(speed) => Some(speed),
                    Mode::Catching { then, .. } => then,
                    Mode::Stopped | Mode::Finished => None,
                };
                if target_us < run.sim.now_us() {
                    rebuild(run);
                } else if finished {
                    // Already at the horizon, where every forward seek ends.
                    return vec![self.frame(wall_ms)];
                }
                run.started = true;
                self.last_tick_ms = None;
                self.mode = Mode::Catching { target_us, then };
            }
            Command::Reset => {
                rebuild(run);
                run.started = false;
                self.mode = Mode::Stopped;
            }
            Command::Trace { message_id } => {
                let trace = mqlab_engine::trace_message(run.config.clone(), message_id);
                return vec![Update::Trace(TraceView::from(&trace))];
            }
        }
        vec![self.frame(wall_ms)]
    }

    /// Advances a running simulation by one time-boxed slice of work and returns what to send:
    /// a frame when one is due, and the report when the run reaches its horizon.
    pub fn tick(&mut self, clock: &mut dyn FnMut() -> f64) -> Vec<Update> {
        let started_ms = clock();
        let Some(run) = self.run.as_mut() else {
            return Vec::new();
        };
        let now_us = run.sim.now_us();
        let horizon_us = run.config.horizon_us;
        let target_us = match self.mode {
            Mode::Stopped | Mode::Finished => return Vec::new(),
            Mode::Playing(Speed::Max) => horizon_us,
            Mode::Catching { target_us, .. } => target_us,
            Mode::Playing(Speed::Scaled(speed)) => {
                let last_ms = self.last_tick_ms.unwrap_or(started_ms);
                let wall_gap_ms = (started_ms - last_ms).clamp(0.0, WALL_GAP_MAX_MS);
                let owed_us = wall_gap_ms * 1_000.0 * speed + self.carry_us;
                self.carry_us = owed_us.fract();
                now_us.saturating_add(owed_us as u64).min(horizon_us)
            }
        };
        self.last_tick_ms = Some(started_ms);

        // Slices sized so a tick makes about eight of them at the learnt rate (more if the rate
        // was underestimated, up to SLICES_PER_TICK_MAX): the clock is read between slices, so
        // the budget is overrun by one slice at most.
        let slice_us = ((self.rate_us_per_ms * TICK_BUDGET_MS / 8.0) as u64).max(1);
        let mut elapsed_ms = 0.0;
        for _ in 0..SLICES_PER_TICK_MAX {
            let now_us = run.sim.now_us();
            if now_us >= target_us {
                break;
            }
            run.sim.run_until(now_us.saturating_add(slice_us).min(target_us));
            elapsed_ms = clock() - started_ms;
            if elapsed_ms >= TICK_BUDGET_MS {
                break;
            }
        }
        let after_us = run.sim.now_us();
        self.learn_rate(after_us - now_us, elapsed_ms, target_us > after_us);

        let reached = after_us >= target_us;
        if after_us >= horizon_us {
            return self.finish();
        }
        let mut state_changed = false;
        if reached {
            if let Mode::Catching { then, .. } = self.mode {
                state_changed = true;
                match then {
                    Some(speed) => self.play(speed, clock()),
                    None => self.mode = Mode::Stopped,
                }
            }
        }
        let wall_ms = clock();
        if state_changed || wall_ms - self.last_frame_ms >= FRAME_INTERVAL_MS - 0.5 {
            vec![self.frame(wall_ms)]
        } else {
            Vec::new()
        }
    }

    fn load(&mut self, scenario_json: &str, wall_ms: f64) -> Vec<Update> {
        let scenario = match mqlab_scenario::parse(scenario_json) {
            Ok(scenario) => scenario,
            Err(errors) => return vec![Update::from(&errors)],
        };
        let config = match mqlab_scenario::validate(&scenario) {
            Ok(config) => config,
            Err(errors) => return vec![Update::from(&errors)],
        };
        let loaded = Loaded {
            title: scenario.name.clone(),
            seed: config.seed,
            horizon_us: config.horizon_us,
            bucket_us: config.bucket_us,
            nodes: config.nodes.iter().map(|n| n.name.clone()).collect(),
            producers: config.producers.iter().map(|p| p.name.clone()).collect(),
            exchanges: config.exchanges.iter().map(|e| e.name.clone()).collect(),
            queues: config.queues.iter().map(|q| q.name.clone()).collect(),
            consumers: config.consumers.iter().map(|c| c.name.clone()).collect(),
            loss_causes: loss_cause_names(),
        };
        let sim = watched(Simulation::new(config.clone()));
        self.run = Some(Run { config, sim, buckets_sent: 0, buckets_reset: true, started: false });
        self.mode = Mode::Stopped;
        self.last_tick_ms = None;
        self.carry_us = 0.0;
        self.rate_us_per_ms = RATE_INITIAL_US_PER_MS;
        vec![Update::Loaded(loaded), self.frame(wall_ms)]
    }

    fn play(&mut self, speed: Speed, wall_ms: f64) {
        if let Some(run) = self.run.as_mut() {
            run.started = true;
        }
        if !matches!(self.mode, Mode::Playing(_)) {
            self.last_tick_ms = Some(wall_ms);
            self.carry_us = 0.0;
        }
        self.mode = Mode::Playing(speed);
    }

    /// Learns how much virtual time a wall millisecond computes, from one tick.
    fn learn_rate(&mut self, advanced_us: TimeUs, elapsed_ms: f64, limited_by_budget: bool) {
        if advanced_us == 0 {
            return;
        }
        let measured = advanced_us as f64 / elapsed_ms.max(ELAPSED_MIN_MS);
        // A tick that reached its target early says little about the rate if it was fast;
        // only let it raise the estimate, never lower it.
        let next = if limited_by_budget { measured } else { measured.max(self.rate_us_per_ms) };
        let (low, high) = (self.rate_us_per_ms / RATE_CHANGE_MAX, self.rate_us_per_ms * RATE_CHANGE_MAX);
        self.rate_us_per_ms = next.clamp(low, high).max(RATE_MIN_US_PER_MS);
    }

    /// The run is at its horizon: the last frame (with the last buckets) and the report.
    fn finish(&mut self) -> Vec<Update> {
        let Some(run) = self.run.as_mut() else {
            return Vec::new();
        };
        self.mode = Mode::Finished;
        // Nothing is left to happen before the horizon; `run` only closes the clock there and
        // builds the report, exactly as `mqlab_scenario::run` does.
        let report = run.sim.run();
        let buckets_from = if run.buckets_reset { 0 } else { run.buckets_sent };
        let new_buckets = report.series[buckets_from..].iter().map(BucketView::from).collect();
        run.buckets_sent = report.series.len();
        run.buckets_reset = false;
        let frame = Frame {
            now_us: run.sim.now_us(),
            state: RunState::Finished,
            target_us: None,
            snapshot: SnapshotView::from(&run.sim.snapshot()),
            buckets_from: buckets_from as u32,
            new_buckets,
        };
        vec![Update::Frame(frame), Update::Finished { report_json: mqlab_scenario::report_to_string(&report) }]
    }

    /// A frame of the current state, with the buckets closed since the last one.
    fn frame(&mut self, wall_ms: f64) -> Update {
        self.last_frame_ms = wall_ms;
        let state = self.state().unwrap_or(RunState::Idle);
        let target_us = match self.mode {
            Mode::Catching { target_us, .. } => Some(target_us),
            _ => None,
        };
        let run = self.run.as_mut().expect("frames are made only with a run loaded");
        let closed = run.sim.closed_buckets();
        // At the horizon the page already has the report's whole series, one more than closed.
        let buckets_from = if run.buckets_reset { 0 } else { run.buckets_sent };
        let new_buckets = closed.get(buckets_from..).unwrap_or_default().iter().map(BucketView::from).collect();
        run.buckets_sent = buckets_from.max(closed.len());
        run.buckets_reset = false;
        let mut snapshot = SnapshotView::from(&run.sim.snapshot());
        // Faster than real time a message crosses a link within a display frame: its dot would
        // never be seen, and a few hundred of them per frame cost the page's thread.
        let dots_visible = match self.mode {
            Mode::Playing(Speed::Scaled(x)) => x <= WIRES_SHOWN_SPEED_MAX,
            Mode::Playing(Speed::Max) | Mode::Catching { .. } => false,
            Mode::Stopped | Mode::Finished => true,
        };
        if !dots_visible {
            snapshot.on_wires.clear();
        }
        Update::Frame(Frame {
            now_us: run.sim.now_us(),
            state,
            target_us,
            snapshot,
            buckets_from: buckets_from as u32,
            new_buckets,
        })
    }
}

/// The page draws the messages on the wires: every run it plays records them.
fn watched(mut sim: Simulation) -> Simulation {
    sim.watch_wires(true);
    sim
}

/// Rebuilds the run's simulation at time 0; the next frame tells the page to drop its series.
fn rebuild(run: &mut Run) {
    run.sim = watched(Simulation::new(run.config.clone()));
    run.buckets_sent = 0;
    run.buckets_reset = true;
}

fn check_speed(speed: Speed) -> Result<(), String> {
    match speed {
        Speed::Max => Ok(()),
        Speed::Scaled(x) if (Speed::SCALED_MIN..=Speed::SCALED_MAX).contains(&x) => Ok(()),
        Speed::Scaled(x) => Err(format!(
            "speed {x} is out of range: from {} to {} virtual seconds per second, or Max",
            Speed::SCALED_MIN,
            Speed::SCALED_MAX
        )),
    }
}

fn error(message: &str) -> Update {
    Update::Error { message: message.to_string(), errors: Vec::new() }
}

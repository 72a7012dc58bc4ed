//! The page's model of its runs (`mqlab_web::live::LiveModel`), natively: fed a real worker
//! driver's updates, it must end with exactly the report's series on its charts and the report's
//! totals, however the run was played, paused, stepped or scrubbed back.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;

use mqlab_web::charts::{Chart, RunSeries};
use mqlab_web::live::{Effect, LiveModel, RunId};
use mqlab_web::sim_worker::driver::{Driver, NextTick};
use mqlab_web::sim_worker::protocol::{Command, RunState, Speed, Update};

const LOSSY_PRESET: &str = "09-loss-broker-crash-transient";
const TICKS_MAX: usize = 1_000_000;

/// A wall clock that moves on a little each time it is read.
struct FakeClock(Cell<f64>);

impl FakeClock {
    fn read(&self) -> f64 {
        let t = self.0.get();
        self.0.set(t + 0.5);
        t
    }
}

/// One worker and the page's model of it, as the hub wires them.
struct Rig {
    driver: Driver,
    clock: FakeClock,
    effects: Vec<Effect>,
}

impl Rig {
    fn new() -> Rig {
        Rig { driver: Driver::new(), clock: FakeClock(Cell::new(1_000.0)), effects: Vec::new() }
    }

    /// Sends a command and ticks until the driver rests (or `ticks_max` ticks).
    fn send(&mut self, model: &mut LiveModel, run: RunId, command: Command, ticks_max: usize) {
        let clock = &self.clock;
        let updates = self.driver.command(command, &mut || clock.read());
        self.feed(model, run, updates);
        for _ in 0..ticks_max {
            match self.driver.next_tick(self.clock.0.get()) {
                NextTick::None => return,
                NextTick::Now => {}
                NextTick::AfterMs(ms) => self.clock.0.set(self.clock.0.get() + ms),
            }
            let clock = &self.clock;
            let updates = self.driver.tick(&mut || clock.read());
            self.feed(model, run, updates);
        }
    }

    fn feed(&mut self, model: &mut LiveModel, run: RunId, updates: Vec<Update>) {
        for update in updates {
            self.effects.extend(model.apply(run, update));
        }
    }
}

fn load(rig: &mut Rig, model: &mut LiveModel, run: RunId, preset: &str) {
    let scenario_json = mqlab_scenario::presets::source(preset).expect("preset").to_string();
    rig.send(model, run, Command::Load { scenario_json }, TICKS_MAX);
}

fn native_report(preset: &str) -> serde_json::Value {
    let scenario = mqlab_scenario::presets::get(preset).expect("preset parses");
    let report = mqlab_scenario::run(&scenario, None).expect("preset validates");
    mqlab_scenario::report_to_json(&report)
}

/// Every series of every chart is the same in both runs (NaN, "no value", equals NaN).
fn assert_same_series(shown: &RunSeries, expected: &RunSeries) {
    assert_eq!(shown.t_s(), expected.t_s(), "bucket starts");
    for chart in Chart::ALL {
        let keys: Vec<_> = expected.keys(chart).cloned().collect();
        assert!(!keys.is_empty() || chart == Chart::Backlog, "{chart:?} has series");
        for key in keys {
            let a = shown.values(&key).unwrap_or_else(|| panic!("the page has no {key:?}"));
            let b = expected.values(&key).expect("listed");
            assert_eq!(a.len(), b.len(), "{key:?}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert!(x == y || (x.is_nan() && y.is_nan()), "{key:?}[{i}]: page {x}, report {y}");
            }
        }
    }
}

#[test]
fn a_run_played_paused_and_scrubbed_back_ends_with_the_reports_series_and_totals() {
    let mut model = LiveModel::new();
    let mut rig = Rig::new();
    load(&mut rig, &mut model, RunId::A, LOSSY_PRESET);
    assert_eq!(model.phase(), RunState::Idle);
    let horizon_us = model.run(RunId::A).horizon_us();
    assert!(horizon_us > 0);

    // Play a few frames at a hundred times real time, pause, scrub to the middle, then back.
    rig.send(&mut model, RunId::A, Command::Play { speed: Speed::Scaled(100.0) }, 6);
    rig.send(&mut model, RunId::A, Command::Pause, TICKS_MAX);
    assert_eq!(model.phase(), RunState::Paused);
    let paused_at_us = model.now_us();
    assert!(paused_at_us > 0 && paused_at_us < horizon_us, "paused mid-run at {paused_at_us}");
    rig.send(&mut model, RunId::A, Command::Seek { t_us: horizon_us / 2 }, TICKS_MAX);
    assert_eq!(model.phase(), RunState::Paused, "a seek from a pause ends paused");
    let before = model.charts.run(RunId::A).expect("run A").len();
    rig.send(&mut model, RunId::A, Command::Seek { t_us: horizon_us / 10 }, TICKS_MAX);
    assert_eq!(model.now_us(), horizon_us / 10);
    let after = model.charts.run(RunId::A).expect("run A").len();
    assert!(after < before, "the scrub back took buckets away: {before} → {after}");

    rig.send(&mut model, RunId::A, Command::RunToEnd, TICKS_MAX);
    assert_eq!(model.phase(), RunState::Finished);
    assert!(rig.effects.is_empty(), "{:?}", rig.effects);

    let report = native_report(LOSSY_PRESET);
    let run = model.run(RunId::A);
    let shown = run.report.as_deref().expect("the worker's report");
    // Counts are compared exactly; floats went through text once more on the page.
    for part in ["totals", "lost_by_cause", "examples", "queues", "producers"] {
        if part == "queues" || part == "producers" {
            assert_eq!(shown[part].as_object().map(|o| o.len()), report[part].as_object().map(|o| o.len()), "{part}");
        } else {
            assert_eq!(shown[part], report[part], "the worker's report is mqlab run's: {part}");
        }
    }
    let view = run.view.as_ref().expect("the report's rows");
    assert!(view.total("lost").unwrap() > 0, "the preset loses messages");
    assert_eq!(view.total("produced").unwrap(), report["totals"]["produced"].as_u64().unwrap());
    assert_eq!(run.snapshot.totals.lost, view.total("lost").unwrap(), "the last frame agrees");
    assert_eq!(
        run.snapshot.totals.by_name().to_vec(),
        view.totals,
        "the live totals are named and ordered as the report's, and end equal"
    );

    let expected = RunSeries::from_report_json(&report).expect("report series");
    assert_same_series(model.charts.run(RunId::A).expect("run A"), &expected);
}

#[test]
fn a_step_adds_one_bucket_and_pauses() {
    let mut model = LiveModel::new();
    let mut rig = Rig::new();
    load(&mut rig, &mut model, RunId::A, "01-decoupling");
    rig.send(&mut model, RunId::A, Command::Step, TICKS_MAX);
    assert_eq!(model.phase(), RunState::Paused);
    assert_eq!(model.charts.run(RunId::A).unwrap().len(), 1);
    assert!(model.run(RunId::A).last_bucket.is_some(), "the canvas gets the bucket's rates");
    rig.send(&mut model, RunId::A, Command::Step, TICKS_MAX);
    // 01-decoupling: one producer at 200/s fanned out to three queues; two of its four
    // consumers start later. The wires carry about what the scenario says.
    let rates = &model.run(RunId::A).rates;
    assert_eq!(rates.producer_sends_per_s.len(), 1);
    assert!((rates.producer_sends_per_s[0] - 200.0).abs() < 20.0, "{rates:?}");
    assert!(rates.queue_enqueued_per_s.iter().all(|r| (r - 200.0).abs() < 20.0), "{rates:?}");
    assert_eq!(rates.consumer_delivered_per_s.iter().filter(|r| **r > 0.0).count(), 2, "{rates:?}");
    assert_eq!(model.charts.run(RunId::A).unwrap().len(), 2);
    rig.send(&mut model, RunId::A, Command::Reset, TICKS_MAX);
    assert_eq!(model.phase(), RunState::Idle);
    assert_eq!(model.charts.run(RunId::A).unwrap().len(), 0, "a reset empties the charts");
    assert!(model.run(RunId::A).last_bucket.is_none());
    let rates = &model.run(RunId::A).rates;
    assert!(
        rates.producer_sends_per_s.is_empty() && rates.consumer_processed_per_s.is_empty(),
        "nothing flows at time 0: {rates:?}"
    );
}

#[test]
fn compare_mode_is_finished_only_when_both_runs_are() {
    let mut model = LiveModel::new();
    model.set_compare(true);
    let (mut a, mut b) = (Rig::new(), Rig::new());
    load(&mut a, &mut model, RunId::A, "09-loss-broker-crash-transient");
    load(&mut b, &mut model, RunId::B, "09-durable-persistent-confirms-no-loss");
    a.send(&mut model, RunId::A, Command::RunToEnd, TICKS_MAX);
    assert_eq!(model.phase(), RunState::Paused, "A finished and B not started: paused");
    b.send(&mut model, RunId::B, Command::Step, TICKS_MAX);
    assert_eq!(model.phase(), RunState::Paused);
    b.send(&mut model, RunId::B, Command::RunToEnd, TICKS_MAX);
    assert_eq!(model.phase(), RunState::Finished);
    assert!(model.charts.is_compare(), "both runs on the charts");
    let lost = |run| model.run(run).view.as_ref().unwrap().total("lost").unwrap();
    assert!(lost(RunId::A) > 0 && lost(RunId::B) == 0, "A loses, B does not");

    model.set_compare(false);
    assert!(!model.charts.is_compare());
    assert_eq!(model.phase(), RunState::Finished, "A alone is finished");
    model.forget(RunId::A);
    assert_eq!(model.phase(), RunState::Idle, "an edited scenario has no run");
}

#[test]
fn a_refused_scenario_is_a_problem_and_loads_nothing() {
    let mut model = LiveModel::new();
    let mut rig = Rig::new();
    rig.send(&mut model, RunId::A, Command::Load { scenario_json: "{\"version\": 1, \"nodes\": 3}".into() }, TICKS_MAX);
    assert!(matches!(rig.effects.as_slice(), [Effect::Problem { run: RunId::A, .. }]), "{:?}", rig.effects);
    assert_eq!(model.phase(), RunState::Idle);
    assert!(model.charts.run(RunId::A).is_none());
}

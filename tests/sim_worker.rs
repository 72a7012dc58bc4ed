//! The simulation worker's state machine and protocol, natively: commands in, updates out,
//! driven by a fake wall clock (the browser side is `tests/sim_worker_wasm.rs`).
//!
//! What must hold whatever the tick timing: the final report is byte-identical to
//! `mqlab_scenario::run`'s, the buckets sent across frames add up to the report's series, and a
//! seek lands on exactly the state a straight run has at that time.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;

use mqlab_engine::Simulation;
use mqlab_web::sim_worker::driver::{Driver, NextTick, TICK_BUDGET_MS};
use mqlab_web::sim_worker::protocol::{
    BucketView, Command, FieldError, Frame, RunState, SnapshotView, Speed, TraceView, Update,
};

/// A preset without losses and one that loses messages on the network.
const PRESETS: [&str; 2] = ["01-decoupling", "09-loss-no-confirms"];
const LOSSY_PRESET: &str = "09-loss-no-confirms";
/// Ticks one test may take before it is declared stuck.
const TICKS_MAX: usize = 1_000_000;

/// A wall clock that moves on by `step_ms` each time it is read, and by whatever the test
/// waits: ticks see time pass without a real clock.
struct FakeClock {
    now_ms: Cell<f64>,
    step_ms: f64,
}

impl FakeClock {
    fn new(step_ms: f64) -> FakeClock {
        FakeClock { now_ms: Cell::new(1_000.0), step_ms }
    }
    fn read(&self) -> f64 {
        let t = self.now_ms.get();
        self.now_ms.set(t + self.step_ms);
        t
    }
    fn wait(&self, ms: f64) {
        self.now_ms.set(self.now_ms.get() + ms);
    }
}

fn source(preset: &str) -> String {
    mqlab_scenario::presets::source(preset).unwrap_or_else(|| panic!("no preset {preset}")).to_string()
}

fn native_report_json(preset: &str) -> String {
    let scenario = mqlab_scenario::presets::get(preset).expect("preset parses");
    let report = mqlab_scenario::run(&scenario, None).expect("preset validates");
    mqlab_scenario::report_to_string(&report)
}

fn native_series(preset: &str) -> Vec<BucketView> {
    let scenario = mqlab_scenario::presets::get(preset).expect("preset parses");
    let report = mqlab_scenario::run(&scenario, None).expect("preset validates");
    report.series.iter().map(BucketView::from).collect()
}

/// A straight engine run of the preset to `t_us`, watching the wires as the worker does.
fn native_sim_at(preset: &str, t_us: u64) -> Simulation {
    let scenario = mqlab_scenario::presets::get(preset).expect("preset parses");
    let mut sim = Simulation::new(mqlab_scenario::validate(&scenario).expect("preset validates"));
    sim.watch_wires(true);
    sim.run_until(t_us);
    sim
}

/// The page's side: everything received, and the series kept as the protocol says.
#[derive(Default)]
struct Page {
    updates: Vec<Update>,
    series: Vec<BucketView>,
}

impl Page {
    fn receive(&mut self, updates: Vec<Update>) {
        for update in updates {
            if let Update::Frame(frame) = &update {
                assert!(
                    frame.buckets_from as usize <= self.series.len(),
                    "a frame's buckets_from ({}) is past the end of the page's series ({})",
                    frame.buckets_from,
                    self.series.len()
                );
                self.series.truncate(frame.buckets_from as usize);
                self.series.extend(frame.new_buckets.iter().cloned());
            }
            self.updates.push(update);
        }
    }

    fn frames(&self) -> impl Iterator<Item = &Frame> {
        self.updates.iter().filter_map(|u| match u {
            Update::Frame(f) => Some(f),
            _ => None,
        })
    }

    fn last_frame(&self) -> &Frame {
        self.frames().last().expect("a frame arrived")
    }

    fn report_json(&self) -> Option<&str> {
        self.updates.iter().rev().find_map(|u| match u {
            Update::Finished { report_json } => Some(report_json.as_str()),
            _ => None,
        })
    }

    fn errors(&self) -> Vec<&Update> {
        self.updates.iter().filter(|u| matches!(u, Update::Error { .. })).collect()
    }
}

/// Sends one command, then ticks the driver as the worker's timer would until it wants no more
/// ticks, waiting out scaled-speed delays on the fake clock.
fn send(driver: &mut Driver, page: &mut Page, clock: &FakeClock, command: Command) {
    page.receive(driver.command(command, &mut || clock.read()));
    run_ticks(driver, page, clock, TICKS_MAX);
}

/// Ticks at most `ticks_max` times (fewer if the driver wants no more); returns the count.
fn run_ticks(driver: &mut Driver, page: &mut Page, clock: &FakeClock, ticks_max: usize) -> usize {
    for ticks in 0..ticks_max {
        match driver.next_tick(clock.now_ms.get()) {
            NextTick::None => return ticks,
            NextTick::Now => {}
            NextTick::AfterMs(ms) => clock.wait(ms),
        }
        page.receive(driver.tick(&mut || clock.read()));
    }
    if ticks_max == TICKS_MAX {
        panic!("still ticking after {TICKS_MAX} ticks: stuck");
    }
    ticks_max
}

fn loaded(preset: &str, clock: &FakeClock) -> (Driver, Page) {
    let mut driver = Driver::new();
    let mut page = Page::default();
    send(&mut driver, &mut page, clock, Command::Load { scenario_json: source(preset) });
    assert!(matches!(page.updates[0], Update::Loaded(_)), "{:?}", page.updates[0]);
    assert_eq!(page.last_frame().state, RunState::Idle);
    (driver, page)
}

#[test]
fn loaded_names_every_component_in_engine_order() {
    let clock = FakeClock::new(0.25);
    let (_, page) = loaded(LOSSY_PRESET, &clock);
    let Update::Loaded(loaded) = &page.updates[0] else { unreachable!() };
    let scenario = mqlab_scenario::presets::get(LOSSY_PRESET).unwrap();
    let config = mqlab_scenario::validate(&scenario).unwrap();
    assert_eq!(loaded.title, scenario.name);
    assert_eq!(loaded.horizon_us, config.horizon_us);
    assert_eq!(loaded.bucket_us, config.bucket_us);
    assert_eq!(loaded.queues, config.queues.iter().map(|q| q.name.clone()).collect::<Vec<_>>());
    assert_eq!(loaded.producers, vec!["producer".to_string()]);
    assert_eq!(loaded.consumers, vec!["consumer".to_string()]);
    assert_eq!(loaded.nodes, vec!["broker".to_string()]);
    assert_eq!(loaded.loss_causes[0], "network");
    assert_eq!(loaded.loss_causes.len(), mqlab_engine::report::LossCause::COUNT);
    let frame = page.last_frame();
    assert_eq!((frame.now_us, frame.buckets_from, frame.new_buckets.len()), (0, 0, 0));
}

#[test]
fn load_errors_are_the_validators_messages() {
    let clock = FakeClock::new(0.25);
    let mut driver = Driver::new();
    let mut page = Page::default();

    // Nothing loaded yet: every other command says so.
    send(&mut driver, &mut page, &clock, Command::Play { speed: Speed::Max });
    assert!(matches!(&page.updates[..], [Update::Error { errors, .. }] if errors.is_empty()), "{:?}", page.updates);

    // A scenario that parses but does not validate: the validator's own errors, with paths.
    let bad = source(LOSSY_PRESET).replace("\"rate_per_s\": 1000", "\"rate_per_s\": -5");
    assert_ne!(bad, source(LOSSY_PRESET), "the preset changed: pick another field to break");
    let expected = mqlab_scenario::validate(&mqlab_scenario::parse(&bad).unwrap()).unwrap_err();
    page.updates.clear();
    send(&mut driver, &mut page, &clock, Command::Load { scenario_json: bad });
    let [Update::Error { message, errors }] = &page.updates[..] else { panic!("{:?}", page.updates) };
    assert_eq!(message, &expected.to_string());
    let expected_fields: Vec<FieldError> =
        expected.iter().map(|e| FieldError { path: e.path.clone(), message: e.message.clone() }).collect();
    assert_eq!(errors, &expected_fields);
    assert!(errors.iter().any(|e| e.path == "producers[0].rate_per_s"), "{errors:?}");

    // Text that is not a scenario: the parser's errors.
    let expected = mqlab_scenario::parse("{\"version\": 1,").unwrap_err();
    page.updates.clear();
    send(&mut driver, &mut page, &clock, Command::Load { scenario_json: "{\"version\": 1,".into() });
    let [Update::Error { message, .. }] = &page.updates[..] else { panic!("{:?}", page.updates) };
    assert_eq!(message, &expected.to_string());
}

#[test]
fn a_failed_load_keeps_the_scenario_loaded_before() {
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(PRESETS[0], &clock);
    send(&mut driver, &mut page, &clock, Command::Load { scenario_json: "not json".into() });
    assert_eq!(page.errors().len(), 1);
    send(&mut driver, &mut page, &clock, Command::RunToEnd);
    assert_eq!(page.report_json(), Some(native_report_json(PRESETS[0]).as_str()));
}

#[test]
fn max_speed_ticks_reach_the_same_report_as_mqlab_run() {
    for preset in PRESETS {
        let clock = FakeClock::new(0.25);
        let (mut driver, mut page) = loaded(preset, &clock);
        send(&mut driver, &mut page, &clock, Command::Play { speed: Speed::Max });
        let ticks = page.frames().count();
        assert!(ticks > 3, "{preset}: the run should take several frames, took {ticks}");
        assert_eq!(page.last_frame().state, RunState::Finished, "{preset}");
        assert_eq!(page.report_json(), Some(native_report_json(preset).as_str()), "{preset}");
        assert!(matches!(page.updates.last(), Some(Update::Finished { .. })), "{preset}: Finished comes last");
        assert_eq!(driver.state(), Some(RunState::Finished));
        assert_eq!(driver.next_tick(0.0), NextTick::None);
    }
}

#[test]
fn scaled_speed_in_small_ticks_reaches_the_same_report() {
    let preset = LOSSY_PRESET;
    let clock = FakeClock::new(0.01);
    let (mut driver, mut page) = loaded(preset, &clock);
    // 30 virtual seconds at 20x: about 94 ticks of 16 ms.
    send(&mut driver, &mut page, &clock, Command::Play { speed: Speed::Scaled(20.0) });
    let frames = page.frames().count();
    assert!((80..200).contains(&frames), "{frames} frames");
    assert_eq!(page.report_json(), Some(native_report_json(preset).as_str()));
    // Virtual time advanced at the speed asked: each frame about 16 ms x 20 = 320 ms apart.
    let times: Vec<u64> = page.frames().map(|f| f.now_us).collect();
    let typical_gap_us = times.windows(2).map(|w| w[1] - w[0]).nth(10).unwrap();
    assert!((300_000..=340_000).contains(&typical_gap_us), "{typical_gap_us} us between frames");
}

#[test]
fn the_report_does_not_depend_on_how_the_run_was_played() {
    let preset = PRESETS[0];
    let expected = native_report_json(preset);
    // Fine and coarse clocks, pauses, steps, single events and speed changes.
    for step_ms in [0.01, 0.3, 1.0] {
        let clock = FakeClock::new(step_ms);
        let (mut driver, mut page) = loaded(preset, &clock);
        send(&mut driver, &mut page, &clock, Command::Step);
        send(&mut driver, &mut page, &clock, Command::StepEvent);
        send(&mut driver, &mut page, &clock, Command::StepEvent);
        page.receive(driver.command(Command::Play { speed: Speed::Scaled(5.0) }, &mut || clock.read()));
        run_ticks(&mut driver, &mut page, &clock, 7);
        page.receive(driver.command(Command::Pause, &mut || clock.read()));
        send(&mut driver, &mut page, &clock, Command::Step);
        page.receive(driver.command(Command::Play { speed: Speed::Max }, &mut || clock.read()));
        run_ticks(&mut driver, &mut page, &clock, 3);
        send(&mut driver, &mut page, &clock, Command::Play { speed: Speed::Scaled(1_000.0) });
        assert_eq!(page.report_json(), Some(expected.as_str()), "clock step {step_ms} ms");
        assert_eq!(page.series, native_series(preset), "clock step {step_ms} ms");
    }
}

#[test]
fn new_buckets_across_frames_concatenate_to_the_reports_series() {
    for preset in PRESETS {
        let clock = FakeClock::new(0.05);
        let (mut driver, mut page) = loaded(preset, &clock);
        send(&mut driver, &mut page, &clock, Command::RunToEnd);
        // Without seeks the series only grows: each frame appends where the last one ended.
        let mut len = 0;
        for frame in page.frames() {
            assert_eq!(frame.buckets_from as usize, len, "{preset}");
            len += frame.new_buckets.len();
        }
        let series = native_series(preset);
        assert_eq!(page.series.len(), series.len(), "{preset}");
        assert_eq!(page.series, series, "{preset}");
    }
}

#[test]
fn seek_back_then_forward_lands_on_the_straight_runs_state() {
    let preset = LOSSY_PRESET;
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(preset, &clock);
    let horizon_us = match &page.updates[0] {
        Update::Loaded(l) => l.horizon_us,
        _ => unreachable!(),
    };
    let (t1_us, t2_us) = (horizon_us / 3 + 123, 2 * horizon_us / 3 + 4_567);

    let expect_at = |page: &Page, t_us: u64| {
        let frame = page.last_frame();
        let sim = native_sim_at(preset, t_us);
        assert_eq!(frame.now_us, t_us);
        assert_eq!(frame.state, RunState::Paused);
        assert_eq!(frame.target_us, None);
        assert_eq!(frame.snapshot, SnapshotView::from(&sim.snapshot()), "snapshot at {t_us} us");
        let closed: Vec<BucketView> = sim.closed_buckets().iter().map(BucketView::from).collect();
        assert_eq!(page.series, closed, "series at {t_us} us");
    };

    send(&mut driver, &mut page, &clock, Command::Seek { t_us: t2_us });
    expect_at(&page, t2_us);
    let totals_at_t2 = page.last_frame().snapshot.totals;

    // Back: the frame right after the command tells the page to drop its series.
    page.receive(driver.command(Command::Seek { t_us: t1_us }, &mut || clock.read()));
    let frame = page.last_frame();
    assert_eq!((frame.buckets_from, frame.state, frame.target_us), (0, RunState::Running, Some(t1_us)));
    run_ticks(&mut driver, &mut page, &clock, TICKS_MAX);
    expect_at(&page, t1_us);
    assert!(page.last_frame().snapshot.totals.produced < totals_at_t2.produced);

    send(&mut driver, &mut page, &clock, Command::Seek { t_us: t2_us });
    expect_at(&page, t2_us);
    assert_eq!(page.last_frame().snapshot.totals, totals_at_t2);

    // From there to the end: still mqlab run's report and series.
    send(&mut driver, &mut page, &clock, Command::RunToEnd);
    assert_eq!(page.report_json(), Some(native_report_json(preset).as_str()));
    assert_eq!(page.series, native_series(preset));

    // Seeking back from the finished run re-runs it; a seek past the horizon stops there.
    send(&mut driver, &mut page, &clock, Command::Seek { t_us: t1_us });
    expect_at(&page, t1_us);
    page.updates.clear();
    send(&mut driver, &mut page, &clock, Command::Seek { t_us: u64::MAX });
    assert_eq!(page.last_frame().now_us, horizon_us);
    assert_eq!(page.report_json(), Some(native_report_json(preset).as_str()));
}

#[test]
fn seek_while_playing_keeps_playing() {
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(PRESETS[0], &clock);
    page.receive(driver.command(Command::Play { speed: Speed::Scaled(2.0) }, &mut || clock.read()));
    run_ticks(&mut driver, &mut page, &clock, 5);
    page.receive(driver.command(Command::Seek { t_us: 1_000 }, &mut || clock.read()));
    run_ticks(&mut driver, &mut page, &clock, 3);
    assert_eq!(driver.state(), Some(RunState::Running));
    assert!(matches!(driver.next_tick(clock.now_ms.get()), NextTick::AfterMs(_)));
    assert!(driver.now_us() > 1_000);
}

#[test]
fn pause_stops_advancing() {
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(PRESETS[0], &clock);
    page.receive(driver.command(Command::Play { speed: Speed::Max }, &mut || clock.read()));
    run_ticks(&mut driver, &mut page, &clock, 4);
    assert_eq!(driver.state(), Some(RunState::Running));
    page.receive(driver.command(Command::Pause, &mut || clock.read()));
    let paused = page.last_frame().clone();
    assert_eq!(paused.state, RunState::Paused);
    assert!(paused.now_us > 0);
    assert_eq!(driver.next_tick(clock.now_ms.get()), NextTick::None);

    // A timer tick already on its way finds nothing to do.
    page.updates.clear();
    for _ in 0..10 {
        clock.wait(16.0);
        page.receive(driver.tick(&mut || clock.read()));
    }
    assert!(page.updates.is_empty(), "{:?}", page.updates);
    assert_eq!(driver.now_us(), paused.now_us);

    // A pause during a seek lets the seek land, then stays paused.
    page.receive(driver.command(Command::Play { speed: Speed::Max }, &mut || clock.read()));
    page.receive(driver.command(Command::Seek { t_us: 7_000_000 }, &mut || clock.read()));
    page.receive(driver.command(Command::Pause, &mut || clock.read()));
    run_ticks(&mut driver, &mut page, &clock, TICKS_MAX);
    assert_eq!((driver.now_us(), driver.state()), (7_000_000, Some(RunState::Paused)));
}

#[test]
fn step_advances_one_bucket_and_step_event_one_event() {
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(PRESETS[0], &clock);
    let bucket_us = match &page.updates[0] {
        Update::Loaded(l) => l.bucket_us,
        _ => unreachable!(),
    };
    send(&mut driver, &mut page, &clock, Command::Step);
    assert_eq!((page.last_frame().now_us, page.last_frame().state), (bucket_us, RunState::Paused));
    send(&mut driver, &mut page, &clock, Command::Step);
    assert_eq!(page.last_frame().now_us, 2 * bucket_us);

    let before = page.last_frame().snapshot.clone();
    let mut sim = native_sim_at(PRESETS[0], 2 * bucket_us);
    for _ in 0..3 {
        send(&mut driver, &mut page, &clock, Command::StepEvent);
        assert!(sim.step());
        assert_eq!(page.last_frame().now_us, sim.now_us());
        assert_eq!(page.last_frame().snapshot, SnapshotView::from(&sim.snapshot()));
    }
    assert_ne!(page.last_frame().snapshot, before);
    assert_eq!(page.last_frame().state, RunState::Paused);

    // Reset: back to 0, idle, and the page drops its series.
    send(&mut driver, &mut page, &clock, Command::Reset);
    let frame = page.last_frame();
    assert_eq!((frame.now_us, frame.state, frame.buckets_from), (0, RunState::Idle, 0));
    assert!(page.series.is_empty());
}

#[test]
fn play_refuses_a_speed_out_of_range() {
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(PRESETS[0], &clock);
    for speed in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e9] {
        page.updates.clear();
        send(&mut driver, &mut page, &clock, Command::Play { speed: Speed::Scaled(speed) });
        assert!(matches!(&page.updates[..], [Update::Error { .. }]), "{speed}: {:?}", page.updates);
        assert_eq!(driver.state(), Some(RunState::Idle));
    }
}

#[test]
fn trace_returns_the_life_of_a_lost_message() {
    let preset = LOSSY_PRESET;
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(preset, &clock);
    send(&mut driver, &mut page, &clock, Command::RunToEnd);
    let report: serde_json::Value = serde_json::from_str(page.report_json().unwrap()).unwrap();
    let lost = &report["examples"]["lost"][0];
    let id = lost["id"].as_u64().expect("the preset loses messages and lists one");
    let cause = lost["cause"].as_str().unwrap();

    page.updates.clear();
    send(&mut driver, &mut page, &clock, Command::Trace { message_id: id });
    let [Update::Trace(trace)] = &page.updates[..] else { panic!("{:?}", page.updates) };
    assert!(trace.found);
    assert_eq!(trace.message_id, id);
    assert_eq!(trace.outcome.as_deref(), Some("lost"));
    assert_eq!(trace.loss_cause.as_deref(), Some(cause));
    assert_eq!(trace.outcome_line, format!("outcome: lost ({cause})"));
    assert!(!trace.events.is_empty());
    let scenario = mqlab_scenario::presets::get(preset).unwrap();
    let native = mqlab_scenario::trace(&scenario, id, None).unwrap();
    assert_eq!(trace, &TraceView::from(&native));
    // Tracing does not disturb the run.
    assert_eq!(driver.state(), Some(RunState::Finished));

    page.updates.clear();
    send(&mut driver, &mut page, &clock, Command::Trace { message_id: u64::MAX });
    let [Update::Trace(trace)] = &page.updates[..] else { panic!("{:?}", page.updates) };
    assert!(!trace.found);
}

#[test]
fn a_tick_keeps_to_its_budget() {
    // A clock that moves 1 ms per read: a tick stops once 8 ms have passed, whatever the rate.
    let clock = FakeClock::new(1.0);
    let (mut driver, mut page) = loaded(PRESETS[0], &clock);
    page.receive(driver.command(Command::Play { speed: Speed::Max }, &mut || clock.read()));
    for _ in 0..50 {
        let reads_before = clock.now_ms.get();
        page.receive(driver.tick(&mut || clock.read()));
        let spent_ms = clock.now_ms.get() - reads_before;
        // One read at the start, one per slice, and two at the end.
        assert!(spent_ms <= TICK_BUDGET_MS + 3.0, "a tick read the clock over {spent_ms} ms");
    }
    // A frozen clock cannot make a tick run away either: it is cut after a fixed number of slices.
    let frozen = FakeClock::new(0.0);
    let (mut driver, mut page) = loaded(PRESETS[0], &frozen);
    page.receive(driver.command(Command::Play { speed: Speed::Max }, &mut || frozen.read()));
    page.receive(driver.tick(&mut || frozen.read()));
    assert!(driver.now_us() < 1_000_000, "one tick ran to {} us", driver.now_us());
    send(&mut driver, &mut page, &frozen, Command::RunToEnd);
    assert_eq!(page.report_json(), Some(native_report_json(PRESETS[0]).as_str()));
}

#[test]
fn every_message_survives_gloo_workers_codec() {
    // gloo-worker 0.5 encodes with bincode 1: every update and command must round-trip.
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(LOSSY_PRESET, &clock);
    send(&mut driver, &mut page, &clock, Command::RunToEnd);
    send(&mut driver, &mut page, &clock, Command::Trace { message_id: 3 });
    send(&mut driver, &mut page, &clock, Command::Load { scenario_json: "{".into() });
    page.updates.push(Update::Crashed { message: "boom".into() });
    for update in &page.updates {
        let bytes = bincode::serialize(update).unwrap();
        assert_eq!(&bincode::deserialize::<Update>(&bytes).unwrap(), update);
    }
    let commands = [
        Command::Load { scenario_json: source(LOSSY_PRESET) },
        Command::Play { speed: Speed::Scaled(0.5) },
        Command::Play { speed: Speed::Max },
        Command::Pause,
        Command::Step,
        Command::StepEvent,
        Command::Seek { t_us: 12_345 },
        Command::RunToEnd,
        Command::Reset,
        Command::Trace { message_id: 42 },
    ];
    for command in &commands {
        let bytes = bincode::serialize(command).unwrap();
        assert_eq!(&bincode::deserialize::<Command>(&bytes).unwrap(), command);
    }
    // A frame is small: a few hundred bytes plus its new buckets, whatever the run's length.
    for frame in page.frames() {
        let bytes = bincode::serialize(frame).unwrap().len();
        assert!(bytes < 512 + 256 * frame.new_buckets.len(), "a frame took {bytes} bytes");
    }
}

#[test]
fn frames_list_the_messages_on_the_wires_only_at_speeds_a_dot_can_be_seen() {
    // At top speed a message crosses its link within a display frame: no dots are sent.
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(LOSSY_PRESET, &clock);
    send(&mut driver, &mut page, &clock, Command::RunToEnd);
    assert!(page.frames().any(|f| f.state == RunState::Running));
    assert!(
        page.frames().filter(|f| f.state == RunState::Running).all(|f| f.snapshot.on_wires.is_empty()),
        "no dots while running at top speed"
    );

    // In slow motion they are, and each is on its wire at the frame's time.
    let clock = FakeClock::new(0.25);
    let (mut driver, mut page) = loaded(LOSSY_PRESET, &clock);
    page.receive(driver.command(Command::Play { speed: Speed::Scaled(0.01) }, &mut || clock.read()));
    run_ticks(&mut driver, &mut page, &clock, 400);
    let with_dots: Vec<&Frame> = page.frames().filter(|f| !f.snapshot.on_wires.is_empty()).collect();
    assert!(!with_dots.is_empty(), "dots in slow motion");
    for frame in with_dots {
        for t in &frame.snapshot.on_wires {
            assert!(t.sent_us <= frame.now_us, "{t:?} at {}", frame.now_us);
        }
    }
}

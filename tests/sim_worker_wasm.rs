//! The simulation worker's driver in a real browser: compiled to wasm, ticked with the page's
//! `performance.now()`, encoded with gloo-worker's own codec.
//!
//! Runs in headless Chromium: `cargo test --target wasm32-unknown-unknown -p mqlab-web` (see
//! docs/testing.md). The `Worker` object itself needs the page built by Trunk, so these tests
//! drive the `Driver` directly, exactly as the worker's timer does; the native suite
//! (`tests/sim_worker.rs`) covers every command.
#![cfg(target_arch = "wasm32")]

use gloo_worker::{Bincode, Codec};
use mqlab_web::sim_worker::driver::{Driver, NextTick, TICK_BUDGET_MS};
use mqlab_web::sim_worker::protocol::{Command, RunState, Speed, Update};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

// `SNAPSHOTS`: every preset's native report, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/snapshots.rs"));

const PRESET: &str = "09-loss-no-confirms";
/// A tick may overrun its budget by one slice; the test build is slower than release, so allow
/// a generous margin while still catching a tick that runs away.
const TICK_WALL_MS_MAX: f64 = TICK_BUDGET_MS + 40.0;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).expect("performance.now() on the page").now()
}

fn native_snapshot(preset: &str) -> &'static str {
    SNAPSHOTS.iter().find(|(name, _)| *name == preset).map(|(_, json)| *json).expect("a native snapshot")
}

#[wasm_bindgen_test]
fn ticks_at_top_speed_give_the_native_report_and_keep_to_the_budget() {
    let mut driver = Driver::new();
    let source = mqlab_scenario::presets::source(PRESET).unwrap().to_string();
    let loaded = driver.command(Command::Load { scenario_json: source }, &mut now_ms);
    assert!(matches!(loaded[0], Update::Loaded(_)), "{loaded:?}");
    driver.command(Command::RunToEnd, &mut now_ms);

    let mut report_json = None;
    let mut ticks = 0;
    let mut slowest_ms: f64 = 0.0;
    while driver.next_tick(now_ms()) == NextTick::Now {
        let started = now_ms();
        for update in driver.tick(&mut now_ms) {
            // Every update crosses gloo-worker's codec intact.
            let decoded: Update = Bincode::decode(Bincode::encode(&update));
            assert_eq!(decoded, update);
            if let Update::Finished { report_json: json } = update {
                report_json = Some(json);
            }
        }
        slowest_ms = slowest_ms.max(now_ms() - started);
        ticks += 1;
        assert!(ticks < 100_000, "still running after {ticks} ticks");
    }
    assert_eq!(driver.state(), Some(RunState::Finished));
    assert!(ticks > 1, "the run took one tick: the budget did not cut it");
    assert!(slowest_ms <= TICK_WALL_MS_MAX, "a tick took {slowest_ms} ms (budget {TICK_BUDGET_MS} ms)");
    // The worker's report is the compact text of the report the native snapshot holds indented.
    let scenario = mqlab_scenario::presets::get(PRESET).expect("the preset exists");
    let direct = mqlab_scenario::run(&scenario, None).expect("the preset runs");
    assert_eq!(mqlab_scenario::report_to_pretty_string(&direct), native_snapshot(PRESET).trim_end());
    assert_eq!(report_json.as_deref(), Some(mqlab_scenario::report_to_string(&direct).as_str()));
}

#[wasm_bindgen_test]
fn pause_stops_a_run_at_top_speed() {
    let mut driver = Driver::new();
    let source = mqlab_scenario::presets::source(PRESET).unwrap().to_string();
    driver.command(Command::Load { scenario_json: source }, &mut now_ms);
    driver.command(Command::Play { speed: Speed::Max }, &mut now_ms);
    driver.tick(&mut now_ms);
    driver.tick(&mut now_ms);
    let updates = driver.command(Command::Pause, &mut now_ms);
    let [Update::Frame(frame)] = &updates[..] else { panic!("{updates:?}") };
    assert_eq!(frame.state, RunState::Paused);
    assert!(frame.now_us > 0);
    assert_eq!(driver.next_tick(now_ms()), NextTick::None);
    assert!(driver.tick(&mut now_ms).is_empty());
    assert_eq!(driver.now_us(), frame.now_us);
}

#[wasm_bindgen_test]
fn commands_cross_the_codec() {
    let commands = [
        Command::Load { scenario_json: "{\"version\": 1}".into() },
        Command::Play { speed: Speed::Scaled(2.5) },
        Command::Seek { t_us: 1_234_567 },
        Command::Trace { message_id: 42 },
    ];
    for command in commands {
        let decoded: Command = Bincode::decode(Bincode::encode(&command));
        assert_eq!(decoded, command);
    }
}

//! The lists of notable messages and the life of one, natively over real runs: presets run
//! through the simulation worker's driver, their report's examples listed, and those messages
//! traced and read as timelines.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;

use serde_json::{json, Value};

use mqlab_engine::trace::What;
use mqlab_web::i18n::{t, trace_what, Lang};
use mqlab_web::message_life::{
    gap_weight, ms_3, parse_message_id, thousands, IdProblem, LifeView, MessageLists, Notable, Step,
};
use mqlab_web::sim_worker::driver::{Driver, NextTick};
use mqlab_web::sim_worker::protocol::{Command, TraceView, Update, WhatView};

/// Ticks one run may take before it is declared stuck.
const TICKS_MAX: usize = 1_000_000;

/// A preset loaded into the worker's driver and run to its horizon, as the page would.
struct Run {
    driver: Driver,
    clock_ms: Cell<f64>,
    report: Value,
}

impl Run {
    fn of(preset: &str) -> Run {
        let source = mqlab_scenario::presets::source(preset).unwrap_or_else(|| panic!("no preset {preset}"));
        let mut run = Run { driver: Driver::new(), clock_ms: Cell::new(1_000.0), report: Value::Null };
        run.send(Command::Load { scenario_json: source.to_string() });
        let updates = run.send(Command::RunToEnd);
        let report_json = updates
            .iter()
            .find_map(|u| match u {
                Update::Finished { report_json } => Some(report_json.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{preset}: the run did not finish"));
        run.report = serde_json::from_str(&report_json).expect("the report is JSON");
        run
    }

    /// Sends one command and ticks until the driver wants no more ticks; returns every update.
    fn send(&mut self, command: Command) -> Vec<Update> {
        let clock = &self.clock_ms;
        let mut read = || {
            let now = clock.get();
            clock.set(now + 0.25);
            now
        };
        let mut updates = self.driver.command(command, &mut read);
        for _ in 0..TICKS_MAX {
            match self.driver.next_tick(clock.get()) {
                NextTick::None => return updates,
                NextTick::Now => {}
                NextTick::AfterMs(ms) => clock.set(clock.get() + ms),
            }
            updates.extend(self.driver.tick(&mut read));
        }
        panic!("still ticking after {TICKS_MAX} ticks");
    }

    fn trace(&mut self, message_id: u64) -> TraceView {
        let updates = self.send(Command::Trace { message_id });
        match &updates[..] {
            [Update::Trace(trace)] => trace.clone(),
            other => panic!("tracing #{message_id}: {other:?}"),
        }
    }

    fn life(&mut self, message_id: u64) -> LifeView {
        LifeView::from_trace(&self.trace(message_id))
    }

    fn lists(&self) -> MessageLists {
        MessageLists::from_report_json(&self.report).expect("a real report reads")
    }
}

fn steps(life: &LifeView) -> Vec<Step> {
    life.rows.iter().map(|r| r.step).collect()
}

#[test]
fn lists_come_in_a_fixed_order_with_the_reports_totals() {
    let run = Run::of("09-loss-broker-crash-transient");
    let lists = run.lists();
    let kinds: Vec<Notable> = lists.groups.iter().map(|g| g.kind).collect();
    assert_eq!(kinds, Notable::ALL.to_vec());
    let lost = lists.group(Notable::Lost).unwrap();
    let examples = run.report["examples"]["lost"].as_array().unwrap();
    assert_eq!(lost.messages.len(), examples.len());
    for (listed, example) in lost.messages.iter().zip(examples) {
        assert_eq!(Some(listed.id), example["id"].as_u64());
        assert_eq!(listed.cause.as_deref(), example["cause"].as_str());
    }
    assert_eq!(lost.total, run.report["totals"]["lost"].as_u64().unwrap());
    assert!(lost.total > lost.messages.len() as u64, "the panel shows a part of the losses");
    assert_eq!(lost.by_cause, vec![("broker_crash".to_string(), lost.total)]);
    let out_of_order = lists.group(Notable::OutOfOrder).unwrap();
    assert_eq!(out_of_order.total, 997);
    assert!(out_of_order.messages.iter().all(|m| m.cause.is_none()));
    assert!(lists.group(Notable::Expired).unwrap().messages.is_empty());
    assert!(!lists.is_empty());
    // Duplicates are counted by the report as extra effects.
    let run = Run::of("08-duplicates-no-idempotency");
    let duplicated = run.lists().group(Notable::Duplicated).unwrap().clone();
    assert_eq!(duplicated.total, run.report["totals"]["duplicates"].as_u64().unwrap());
    assert_eq!(duplicated.messages.len(), 20);
}

#[test]
fn an_id_listed_twice_in_the_report_is_listed_once() {
    // A fanned-out message can come out of order in several queues: the report names it each time.
    let run = Run::of("04-broker-crash-stops-everything");
    let raw: Vec<u64> =
        run.report["examples"]["out_of_order"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    let mut first_seen = Vec::new();
    for id in &raw {
        if !first_seen.contains(id) {
            first_seen.push(*id);
        }
    }
    assert!(first_seen.len() < raw.len(), "the report repeats ids: {raw:?}");
    let listed: Vec<u64> = run.lists().group(Notable::OutOfOrder).unwrap().messages.iter().map(|m| m.id).collect();
    assert_eq!(listed, first_seen);
}

fn minimal_report() -> Value {
    json!({
        "totals": {"lost": 3, "duplicates": 0, "out_of_order": 0, "expired": 0, "dead_lettered": 0, "rejected": 1},
        "lost_by_cause": {"network": 2, "overflow": 1, "broker_crash": 0},
        "examples": {
            "lost": [{"id": 4, "cause": "network"}, {"id": 9, "cause": "overflow"}],
            "duplicated": [], "out_of_order": [], "expired": [], "dead_lettered": [], "rejected": [7]
        }
    })
}

#[test]
fn a_minimal_report_reads_with_causes_in_the_engines_order() {
    let lists = MessageLists::from_report_json(&minimal_report()).unwrap();
    let lost = lists.group(Notable::Lost).unwrap();
    assert_eq!(lost.by_cause, vec![("network".to_string(), 2), ("overflow".to_string(), 1)]);
    assert_eq!(lost.messages[1].id, 9);
    assert_eq!(lost.messages[1].cause.as_deref(), Some("overflow"));
    let rejected = lists.group(Notable::Rejected).unwrap();
    assert_eq!((rejected.messages[0].id, rejected.total), (7, 1));
}

#[test]
fn a_malformed_report_is_an_error_naming_its_path() {
    let cases: [(&str, fn(&mut Value), &str); 12] = [
        ("not an object", |r| *r = json!([1, 2]), "examples: missing"),
        ("no examples", |r| drop(r.as_object_mut().unwrap().remove("examples")), "examples: missing"),
        ("examples a list", |r| r["examples"] = json!([]), "examples: expected an object"),
        (
            "a list missing",
            |r| drop(r["examples"].as_object_mut().unwrap().remove("expired")),
            "examples.expired: missing",
        ),
        ("a list a number", |r| r["examples"]["rejected"] = json!(7), "examples.rejected: expected a list"),
        ("a negative id", |r| r["examples"]["rejected"] = json!([-1]), "examples.rejected[0]: expected a whole number"),
        (
            "a fractional id",
            |r| r["examples"]["lost"][1]["id"] = json!(2.5),
            "examples.lost[1].id: expected a whole number",
        ),
        ("a lost id bare", |r| r["examples"]["lost"][0] = json!(4), "examples.lost[0].id: missing"),
        (
            "a cause a number",
            |r| r["examples"]["lost"][0]["cause"] = json!(3),
            "examples.lost[0].cause: expected a cause name",
        ),
        (
            "a total missing",
            |r| drop(r["totals"].as_object_mut().unwrap().remove("duplicates")),
            "totals.duplicates: missing",
        ),
        ("a total a string", |r| r["totals"]["lost"] = json!("3"), "totals.lost: expected a whole number"),
        (
            "a cause count null",
            |r| r["lost_by_cause"]["overflow"] = Value::Null,
            "lost_by_cause.overflow: expected a whole number",
        ),
    ];
    for (name, spoil, expected) in cases {
        let mut report = minimal_report();
        spoil(&mut report);
        match MessageLists::from_report_json(&report) {
            Ok(lists) => panic!("{name}: read as {lists:?}"),
            Err(error) => assert!(error.starts_with(expected), "{name}: {error}"),
        }
    }
}

#[test]
fn junk_anywhere_in_a_real_report_gives_an_error_or_lists_never_a_panic() {
    let run = Run::of("13-overflow-reject-publish");
    let junk =
        [Value::Null, json!(true), json!(-3), json!(1e300), json!("12"), json!([]), json!([{"id": "x"}]), json!({})];
    let mut spoiled = 0;
    for part in ["examples", "totals", "lost_by_cause"] {
        let keys: Vec<String> = run.report[part].as_object().unwrap().keys().cloned().collect();
        for key in keys {
            for value in &junk {
                let mut report = run.report.clone();
                report[part][key.as_str()] = value.clone();
                if let Err(error) = MessageLists::from_report_json(&report) {
                    assert!(error.contains(&key), "{part}.{key} = {value}: {error}");
                    spoiled += 1;
                }
            }
        }
    }
    assert!(spoiled > 50, "only {spoiled} spoiled reports were refused");
}

#[test]
fn a_message_lost_in_a_broker_crash_ends_lost_where_and_when_it_happened() {
    let mut run = Run::of("09-loss-broker-crash-transient");
    let first = run.lists().group(Notable::Lost).unwrap().messages[0].clone();
    let life = run.life(first.id);
    assert!(life.found);
    assert_eq!(life.message_id, first.id);
    assert_eq!(life.rows[0].step, Step::Created);
    assert_eq!(life.rows[0].since_birth_us, 0);
    assert_eq!(life.end.outcome, "lost");
    assert_eq!(life.end.cause, first.cause);
    let crash = life.rows.iter().find(|r| r.step == Step::Crashed).expect("the crash is in the trace");
    assert_eq!(life.end.place.as_deref(), Some(crash.place.as_str()));
    assert_eq!(life.end.t_us, Some(crash.t_us));
    assert_eq!(life.lifetime_us, Some(crash.t_us - life.rows[0].t_us));
    assert_eq!(steps(&life), [Step::Created, Step::Sent, Step::Queued, Step::Confirmed, Step::Crashed]);
    assert_eq!(life.path, ["producer", "orders_q", "broker"]);
}

#[test]
fn a_loss_without_an_event_of_its_own_is_placed_where_its_cause_strikes() {
    // The copy sat in the crashed node's memory: the trace has no line for the loss, so the end
    // names the queue that last held it, at the time the engine decided the outcome.
    let mut run = Run::of("06-classic-cluster");
    let lost = run.lists().group(Notable::Lost).unwrap().messages[0].clone();
    assert_eq!(lost.cause.as_deref(), Some("broker_crash"));
    let life = run.life(lost.id);
    assert!(!steps(&life).contains(&Step::Crashed), "{:?}", life.rows);
    let stored = life.rows.iter().rfind(|r| r.step == Step::Queued).unwrap();
    assert_eq!(life.end.place.as_deref(), Some(stored.place.as_str()));
    let end_us = life.end.t_us.expect("a lost message's outcome has a time");
    assert!(end_us >= life.rows.last().unwrap().t_us);
}

#[test]
fn a_processed_message_lives_from_created_to_processed() {
    let mut run = Run::of("01-decoupling");
    let life = run.life(5);
    assert_eq!(life.rows.first().map(|r| r.step), Some(Step::Created));
    assert_eq!(life.end.outcome, "processed");
    assert_eq!(life.end.cause, None);
    // Fanned out to three queues, it is processed when the last of them has processed it.
    let last_processing = life.rows.iter().rfind(|r| r.step == Step::Processed).unwrap();
    assert_eq!(life.end.t_us, Some(last_processing.t_us));
    assert_eq!(life.end.place.as_deref(), Some(last_processing.place.as_str()));
    assert_eq!(life.lifetime_us, Some(last_processing.since_birth_us));
    assert_eq!(life.processings(), 3);
    assert_eq!(&life.path[..2], ["order_service", "billing_q"]);
    let mut unique = life.path.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), life.path.len(), "each component once: {:?}", life.path);
    // Times add up: each row's gap is the difference to the row before.
    for pair in life.rows.windows(2) {
        assert_eq!(pair[1].since_previous_us, pair[1].t_us - pair[0].t_us);
        assert_eq!(pair[1].since_birth_us, pair[1].t_us - life.rows[0].t_us);
    }
    // The long wait for the analytics consumer is the tallest bar.
    let tallest = life.rows.iter().max_by(|a, b| a.gap_weight.total_cmp(&b.gap_weight)).unwrap();
    assert_eq!((tallest.step, tallest.gap_weight), (Step::Delivered, 1.0));
}

#[test]
fn a_duplicated_message_shows_two_processings() {
    let mut run = Run::of("08-duplicates-no-idempotency");
    let id = run.lists().group(Notable::Duplicated).unwrap().messages[0].id;
    let life = run.life(id);
    assert!(life.processings() >= 2, "{:?}", life.rows);
    assert!(steps(&life).contains(&Step::ProcessedAgain));
    assert!(steps(&life).contains(&Step::Redelivered));
    assert_eq!(life.end.outcome, "processed");
    // The outcome was decided at the first processing; the duplicate came after it.
    let first = life.rows.iter().find(|r| r.step == Step::Processed).unwrap();
    assert_eq!(life.end.t_us, Some(first.t_us));

    let mut run = Run::of("09-confirms-no-loss-duplicates");
    let id = run.lists().group(Notable::Duplicated).unwrap().messages[0].id;
    let life = run.life(id);
    assert!(steps(&life).contains(&Step::TimedOut));
    assert!(steps(&life).contains(&Step::Resent));
    assert!(life.processings() >= 2);
}

#[test]
fn expired_dead_lettered_and_rejected_lives_end_where_they_were_decided() {
    let mut run = Run::of("13-ttl-expires");
    let id = run.lists().group(Notable::Expired).unwrap().messages[0].id;
    let life = run.life(id);
    assert_eq!((life.end.outcome.as_str(), life.end.place.as_deref()), ("expired", Some("orders_q")));
    assert_eq!(life.rows.last().unwrap().step, Step::Expired);

    let mut run = Run::of("13-ttl-dead-letter");
    let id = run.lists().group(Notable::DeadLettered).unwrap().messages[0].id;
    let life = run.life(id);
    assert_eq!((life.end.outcome.as_str(), life.end.place.as_deref()), ("dead_lettered", Some("dead_x")));
    assert!(steps(&life).ends_with(&[Step::Expired, Step::DeadLettered, Step::Queued]));

    let mut run = Run::of("13-overflow-reject-publish");
    let id = run.lists().group(Notable::Rejected).unwrap().messages[0].id;
    let life = run.life(id);
    assert_eq!((life.end.outcome.as_str(), life.end.place.as_deref()), ("rejected", Some("producer")));
    assert_eq!(steps(&life).iter().filter(|s| **s == Step::Refused).count(), 4);
    assert_eq!(life.rows.last().unwrap().step, Step::GaveUp);
}

#[test]
fn an_unknown_id_and_a_message_still_in_flight_have_no_end_time() {
    let mut run = Run::of("06-mirrored-capacity-cost");
    let missing = run.life(u64::MAX);
    assert!(!missing.found);
    assert!(missing.rows.is_empty() && missing.path.is_empty());
    assert_eq!((missing.end.outcome.as_str(), missing.end.t_us, missing.end.place.clone()), ("in_flight", None, None));
    // Nothing in this run is ever processed: every message is still under way at the end.
    let in_flight = run.life(0);
    assert!(in_flight.found && !in_flight.rows.is_empty());
    assert_eq!(in_flight.end.outcome, "in_flight");
    assert_eq!((in_flight.end.t_us, in_flight.lifetime_us), (None, None));
}

#[test]
fn the_presets_traces_show_most_steps() {
    let mut seen = std::collections::BTreeSet::new();
    for (preset, scenario) in mqlab_scenario::presets::all() {
        let report = mqlab_scenario::report_to_json(&mqlab_scenario::run(&scenario, None).unwrap());
        let lists = MessageLists::from_report_json(&report).unwrap();
        let mut ids = vec![0, 1];
        for group in &lists.groups {
            ids.extend(group.messages.iter().take(2).map(|m| m.id));
        }
        for id in ids {
            let trace = TraceView::from(&mqlab_scenario::trace(&scenario, id, None).unwrap());
            let life = LifeView::from_trace(&trace);
            for row in &life.rows {
                seen.insert(row.step.name());
                assert!((0.0..=1.0).contains(&row.gap_weight), "{preset} #{id}");
            }
            if trace.outcome.as_deref() == Some("lost") {
                assert!(life.end.place.is_some(), "{preset} #{id}: a loss without a place");
            }
        }
    }
    // The presets exercise most steps; one the engine stops taking would show as missing here.
    for step in [
        "created",
        "sent",
        "resent",
        "queued",
        "delivered",
        "redelivered",
        "processed",
        "processed_again",
        "acked",
        "confirmed",
        "crashed",
        "dropped",
        "expired",
        "dead_lettered",
        "gave_up",
    ] {
        assert!(seen.contains(step), "no preset's trace had a {step} step: {seen:?}");
    }
}

/// One of each of the engine's steps (both values of each flag).
const EVERY_WHAT: [What; 34] = [
    What::Produced { key: 3, seq: 17 },
    What::OutboxFull,
    What::Sent { attempt: 1 },
    What::Sent { attempt: 12 },
    What::DroppedOnProducerLink,
    What::Confirmed,
    What::NackedByBroker,
    What::ConfirmTimedOut,
    What::GaveUp,
    What::NodeDown,
    What::Unroutable,
    What::QueueUnavailable,
    What::PushedOutDropHead,
    What::QueueFullRejectPublish,
    What::QueueFullRejectPublishDlx,
    What::Expired,
    What::Stored,
    What::Replicated,
    What::WrittenToDisk,
    What::DeadLettered,
    What::LostInBrokerCrash,
    What::Delivered { redelivery: false },
    What::Delivered { redelivery: true },
    What::DroppedOnConsumerLink,
    What::SkippedDuplicate,
    What::ProcessingStarted,
    What::ProcessingFailed,
    What::ProcessedFromDeadLetterQueue,
    What::Processed { first: true },
    What::Processed { first: false },
    What::OutOfOrder,
    What::Acked,
    What::NackedRequeued,
    What::NackedWithoutRequeue,
];

#[test]
fn every_engine_step_reads_in_english_as_mqlab_trace_prints_it_and_has_chinese() {
    // A new engine step fails to compile here until it is added to EVERY_WHAT.
    let _exhaustive = |what: What| match what {
        What::Produced { .. }
        | What::OutboxFull
        | What::Sent { .. }
        | What::DroppedOnProducerLink
        | What::Confirmed
        | What::NackedByBroker
        | What::ConfirmTimedOut
        | What::GaveUp
        | What::NodeDown
        | What::Unroutable
        | What::QueueUnavailable
        | What::PushedOutDropHead
        | What::QueueFullRejectPublish
        | What::QueueFullRejectPublishDlx
        | What::Expired
        | What::Stored
        | What::Replicated
        | What::WrittenToDisk
        | What::DeadLettered
        | What::LostInBrokerCrash
        | What::Delivered { .. }
        | What::DroppedOnConsumerLink
        | What::SkippedDuplicate
        | What::ProcessingStarted
        | What::ProcessingFailed
        | What::ProcessedFromDeadLetterQueue
        | What::Processed { .. }
        | What::OutOfOrder
        | What::Acked
        | What::NackedRequeued
        | What::NackedWithoutRequeue
        | What::ConsumerCrashed => (),
    };
    let mut chinese = std::collections::BTreeSet::new();
    for what in EVERY_WHAT.into_iter().chain([What::ConsumerCrashed]) {
        let view = WhatView::from(what);
        assert_eq!(trace_what(Lang::En, view), what.to_string());
        let zh = trace_what(Lang::Zh, view);
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{what:?}: {zh}");
        assert!(!zh.contains('{'), "{what:?}: {zh}");
        assert!(chinese.insert(zh.clone()), "{what:?}: {zh} twice");
    }
    // The numbers go into both languages.
    let produced = trace_what(Lang::Zh, WhatView::Produced { key: 3, seq: 17 });
    assert!(produced.contains('3') && produced.contains("17"), "{produced}");
}

#[test]
fn engine_steps_map_to_timeline_steps() {
    for (what, step) in [
        (What::Produced { key: 3, seq: 17 }, Step::Created),
        (What::Sent { attempt: 1 }, Step::Sent),
        (What::Sent { attempt: 12 }, Step::Resent),
        (What::NodeDown, Step::Refused),
        (What::Unroutable, Step::Refused),
        (What::OutboxFull, Step::Refused),
        (What::QueueUnavailable, Step::Refused),
        (What::QueueFullRejectPublish, Step::Refused),
        (What::QueueFullRejectPublishDlx, Step::Refused),
        (What::Stored, Step::Queued),
        (What::Replicated, Step::Replicated),
        (What::WrittenToDisk, Step::Persisted),
        (What::Delivered { redelivery: false }, Step::Delivered),
        (What::Delivered { redelivery: true }, Step::Redelivered),
        (What::DroppedOnConsumerLink, Step::Dropped),
        (What::DroppedOnProducerLink, Step::Dropped),
        (What::PushedOutDropHead, Step::Dropped),
        (What::NackedWithoutRequeue, Step::Dropped),
        (What::LostInBrokerCrash, Step::Crashed),
        (What::ConsumerCrashed, Step::Crashed),
        (What::SkippedDuplicate, Step::Skipped),
        (What::ProcessingStarted, Step::Processing),
        (What::ProcessingFailed, Step::Failed),
        (What::Processed { first: true }, Step::Processed),
        (What::ProcessedFromDeadLetterQueue, Step::Processed),
        (What::Processed { first: false }, Step::ProcessedAgain),
        (What::OutOfOrder, Step::OutOfOrder),
        (What::Acked, Step::Acked),
        (What::NackedRequeued, Step::Requeued),
        (What::Confirmed, Step::Confirmed),
        (What::NackedByBroker, Step::Nacked),
        (What::ConfirmTimedOut, Step::TimedOut),
        (What::GaveUp, Step::GaveUp),
        (What::Expired, Step::Expired),
        (What::DeadLettered, Step::DeadLettered),
    ] {
        assert_eq!(Step::of(WhatView::from(what)), step, "{what:?}");
    }
}

#[test]
fn every_step_and_list_has_a_chinese_label_and_a_distinct_name() {
    let mut names = std::collections::BTreeSet::new();
    for step in Step::ALL {
        assert!(names.insert(step.name()), "{} twice", step.name());
        let zh = t(Lang::Zh, step.label());
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}: {zh}", step.name());
        assert_ne!(zh, t(Lang::En, step.label()));
    }
    for kind in Notable::ALL {
        assert_ne!(t(Lang::Zh, kind.label()), t(Lang::En, kind.label()));
        assert_ne!(t(Lang::Zh, kind.title()), t(Lang::En, kind.title()));
    }
    assert_eq!(t(Lang::Zh, Notable::DeadLettered.label()), "死信");
    assert_eq!(t(Lang::Zh, Notable::Rejected.label()), "被拒绝");
}

#[test]
fn gaps_are_log_scaled_against_the_largest() {
    assert_eq!(gap_weight(0, 1_000_000), 0.0);
    assert_eq!(gap_weight(5, 0), 0.0);
    assert_eq!(gap_weight(1_000_000, 1_000_000), 1.0);
    // A thousandth of the largest gap still draws about half as tall, not a thousandth.
    let thousandth = gap_weight(1_000, 1_000_000);
    assert!((0.45..0.55).contains(&thousandth), "{thousandth}");
    assert!(gap_weight(10, 1_000_000) < thousandth);
}

#[test]
fn times_read_as_milliseconds_with_three_decimals() {
    assert_eq!(ms_3(0), "0.000");
    assert_eq!(ms_3(12_047_000), "12047.000");
    assert_eq!(ms_3(1_050), "1.050");
    assert_eq!(ms_3(7), "0.007");
}

#[test]
fn counts_read_with_thousands_separators() {
    for (n, text) in
        [(0, "0"), (999, "999"), (1_000, "1,000"), (3_512, "3,512"), (123_456, "123,456"), (1_234_567, "1,234,567")]
    {
        assert_eq!(thousands(n), text);
    }
    assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
}

#[test]
fn the_trace_field_takes_whole_numbers_only() {
    assert_eq!(parse_message_id("42"), Ok(42));
    assert_eq!(parse_message_id("  #42 "), Ok(42));
    assert_eq!(parse_message_id("0"), Ok(0));
    assert_eq!(parse_message_id("18446744073709551615"), Ok(u64::MAX));
    assert_eq!(parse_message_id(""), Err(IdProblem::Empty));
    assert_eq!(parse_message_id(" # "), Err(IdProblem::Empty));
    for bad in ["-1", "+1", "4.0", "1e3", "forty", "4 2", "٣"] {
        assert_eq!(parse_message_id(bad), Err(IdProblem::NotAWholeNumber), "{bad}");
    }
    assert_eq!(parse_message_id("18446744073709551616"), Err(IdProblem::TooLarge));
    for problem in [IdProblem::Empty, IdProblem::NotAWholeNumber, IdProblem::TooLarge] {
        assert_ne!(t(Lang::Zh, problem.key()), t(Lang::En, problem.key()));
    }
}

//! The lesson presets: every one parses, validates, travels in a short share link, runs clean
//! through the accounting checker, runs the same twice, matches its report snapshot, and shows
//! what its lesson claims; `docs/presets.md`'s table is generated from the same runs.
//!
//! Snapshots are `tests/snapshots/<preset>.json`, exactly `report_to_pretty_string` of the run
//! (the compact report JSON indented, one value a line, so a change diffs line by line; no
//! trailing newline); the wasm identity test (`tests/wasm_identical.rs` at the top level) compares
//! its own runs with the same files. After an intended engine change, regenerate them and the docs
//! table with `UPDATE_EXPECT=1 cargo test -p mqlab-scenario --test presets`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use expect_test::expect_file;
use mqlab_engine::checker::check_report;
use mqlab_engine::report::{Bucket, ConsumerStats, LossCause, ProducerStats, Report};
use mqlab_scenario::{
    decode, encode, presets, report_to_pretty_string, report_to_string, run, validate, Placement, Scenario,
};

/// Share links must survive chat tools and browsers, which cut or refuse longer URLs.
const LINK_CHARS_MAX: usize = 2_000;
/// Lessons of the curriculum (`docs/curriculum.md`) that queues can express; Kafka's (5, 7, 10) come with logs.
const LESSONS: [u32; 10] = [1, 2, 3, 4, 6, 8, 9, 11, 12, 13];

/// One preset run once, shared by every test in this file.
struct Run {
    name: &'static str,
    scenario: Scenario,
    report: Report,
    text: String,
}

fn runs() -> &'static [Run] {
    static RUNS: OnceLock<Vec<Run>> = OnceLock::new();
    RUNS.get_or_init(|| {
        presets::names()
            .into_iter()
            .map(|name| {
                let scenario = match presets::try_get(name) {
                    Some(Ok(scenario)) => scenario,
                    Some(Err(errors)) => panic!("preset {name} does not parse:\n{errors}"),
                    None => panic!("preset {name} is listed by names() but get() does not know it"),
                };
                let report = run(&scenario, None).unwrap_or_else(|errors| {
                    panic!("preset {name} (seed {}) does not validate:\n{errors}", scenario.seed)
                });
                let text = report_to_string(&report);
                Run { name, scenario, report, text }
            })
            .collect()
    })
}

fn failures_to_panic(what: &str, failures: Vec<String>) {
    assert!(failures.is_empty(), "{what}:\n{}", failures.join("\n"));
}

// ------------------------------------------------------------------------------------------------
// The catalogue itself.

#[test]
fn names_are_stable_ids_in_lesson_order_covering_every_queue_lesson() {
    let names = presets::names();
    let mut failures = Vec::new();
    let unique: BTreeSet<_> = names.iter().collect();
    if unique.len() != names.len() {
        failures.push(format!("duplicate preset ids in {names:?}"));
    }
    let mut last_lesson = 0;
    for name in &names {
        let well_formed = name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.starts_with('-')
            && !name.ends_with('-')
            && !name.contains("--");
        if !well_formed {
            failures.push(format!("{name}: ids are lowercase letters, digits and single hyphens"));
        }
        match presets::lesson(name) {
            Some(lesson) if name.starts_with(&format!("{lesson:02}-")) => {
                if lesson < last_lesson {
                    failures.push(format!("{name}: lesson {lesson} comes after lesson {last_lesson}"));
                }
                last_lesson = lesson;
                if !LESSONS.contains(&lesson) {
                    failures.push(format!("{name}: lesson {lesson} is not one this engine can express"));
                }
            }
            _ => failures.push(format!("{name}: the id must start with its two-digit lesson number and a hyphen")),
        }
    }
    for lesson in LESSONS {
        if !names.iter().any(|n| presets::lesson(n) == Some(lesson)) {
            failures.push(format!("lesson {lesson} has no preset"));
        }
    }
    failures_to_panic("the preset catalogue", failures);
}

#[test]
fn unknown_names_are_none_and_all_matches_names() {
    assert!(presets::get("no-such-preset").is_none());
    assert!(presets::try_get("").is_none());
    assert!(presets::source("01-decoupling ").is_none());
    assert_eq!(presets::lesson("99-nothing"), None);
    let all: Vec<_> = presets::all().into_iter().map(|(name, _)| name).collect();
    assert_eq!(all, presets::names(), "all() must list every preset, in order");
    for (name, scenario) in presets::all() {
        assert_eq!(Some(scenario), presets::get(name), "{name}: all() and get() disagree");
    }
}

#[test]
fn every_preset_parses_validates_and_is_described() {
    let mut failures = Vec::new();
    for name in presets::names() {
        let scenario = match presets::try_get(name) {
            Some(Ok(s)) => s,
            Some(Err(errors)) => {
                failures.push(format!("{name}: does not parse:\n{errors}"));
                continue;
            }
            None => {
                failures.push(format!("{name}: listed but unknown to get()"));
                continue;
            }
        };
        let seed = scenario.seed;
        if let Err(errors) = validate(&scenario) {
            failures.push(format!("{name} (seed {seed}): does not validate:\n{errors}"));
        }
        if scenario.name.trim().is_empty() {
            failures.push(format!("{name}: no human title"));
        }
        let description = scenario.description.clone().unwrap_or_default();
        let sentences = sentence_count(&description);
        if !(1..=3).contains(&sentences) {
            failures.push(format!("{name}: the description has {sentences} sentences; say what to look at in 1 to 3"));
        }
        if !(10.0..=60.0).contains(&scenario.horizon_s) {
            failures.push(format!("{name}: horizon {} s is outside 10–60 s", scenario.horizon_s));
        }
    }
    failures_to_panic("presets that are not valid, described scenarios", failures);
}

/// Sentences: a full stop, question or exclamation mark (perhaps inside a closing bracket or
/// quote) followed by the end, or by a space and a capital, so "0.5 s" and "e.g. Redis" do not count.
fn sentence_count(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut count = 0;
    for (i, c) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut next = i + 1;
        while chars.get(next).is_some_and(|c| matches!(c, ')' | '"' | '\'')) {
            next += 1;
        }
        let at_end = next == chars.len();
        let starts_sentence = chars.get(next) == Some(&' ') && chars.get(next + 1).is_some_and(|c| c.is_uppercase());
        let abbreviation = i >= 3 && chars[i - 3..i].iter().collect::<String>() == "e.g";
        if at_end || (starts_sentence && !abbreviation) {
            count += 1;
        }
    }
    count
}

#[test]
fn every_component_has_a_place_on_the_canvas_left_to_right() {
    let mut failures = Vec::new();
    for (name, s) in presets::all() {
        let columns: [(&str, Vec<&String>, f64); 4] = [
            ("producer", s.producers.iter().map(|p| &p.id).collect(), 80.0),
            ("exchange", s.exchanges.iter().map(|e| &e.id).collect(), 280.0),
            ("queue", s.queues.iter().map(|q| &q.id).collect(), 480.0),
            ("consumer", s.consumers.iter().map(|c| &c.id).collect(), 680.0),
        ];
        let mut lowest_y = f64::MIN;
        for (kind, ids, x) in &columns {
            for id in ids {
                match s.layout.get(id.as_str()) {
                    None => failures.push(format!("{name}: {kind} {id} has no layout position")),
                    Some(p) if p.x != *x => {
                        failures.push(format!("{name}: {kind} {id} is at x = {}, its column is x = {x}", p.x))
                    }
                    Some(p) => lowest_y = lowest_y.max(p.y),
                }
            }
        }
        for node in &s.nodes {
            match s.layout.get(&node.id) {
                None => failures.push(format!("{name}: node {} has no layout position", node.id)),
                Some(p) if p.y <= lowest_y => {
                    failures.push(format!("{name}: node {} should sit below the pipeline", node.id))
                }
                Some(_) => {}
            }
        }
        let mut seen = BTreeSet::new();
        for (id, p) in &s.layout {
            if !seen.insert((p.x.to_bits(), p.y.to_bits())) {
                failures.push(format!("{name}: {id} sits on top of another component at ({}, {})", p.x, p.y));
            }
        }
    }
    failures_to_panic("presets whose diagram would not read", failures);
}

#[test]
fn every_preset_travels_in_a_short_share_link() {
    let mut failures = Vec::new();
    for (name, scenario) in presets::all() {
        let link = encode(&scenario);
        if link.len() >= LINK_CHARS_MAX {
            failures.push(format!("{name}: its share link has {} characters (limit {LINK_CHARS_MAX})", link.len()));
        }
        match decode(&link) {
            Ok(back) if back == scenario => {}
            Ok(_) => failures.push(format!("{name}: the share link decodes to a different scenario")),
            Err(error) => failures.push(format!("{name}: its own share link does not decode: {error}")),
        }
    }
    failures_to_panic("presets whose share link is broken", failures);
}

// ------------------------------------------------------------------------------------------------
// Runs.

#[test]
fn every_preset_run_passes_the_accounting_checker() {
    let mut failures = Vec::new();
    for r in runs() {
        if let Err(broken) = check_report(&r.report) {
            failures.push(format!("{} (seed {}): {}", r.name, r.scenario.seed, broken.join("; ")));
        }
    }
    failures_to_panic("preset runs the accounting checker rejects", failures);
}

#[test]
fn every_preset_runs_the_same_twice() {
    let mut failures = Vec::new();
    for r in runs() {
        let again = report_to_string(&run(&r.scenario, None).expect("it ran once"));
        if again != r.text {
            failures.push(format!("{} (seed {}): two runs gave different reports", r.name, r.scenario.seed));
        }
    }
    failures_to_panic("non-deterministic presets", failures);
}

fn snapshots_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

#[test]
fn every_preset_report_matches_its_snapshot() {
    for r in runs() {
        expect_file![snapshots_dir().join(format!("{}.json", r.name))].assert_eq(&report_to_pretty_string(&r.report));
    }
    let names = presets::names();
    let stale: Vec<String> = std::fs::read_dir(snapshots_dir())
        .expect("tests/snapshots exists")
        .filter_map(Result::ok)
        .filter_map(|entry| entry.path().file_stem().and_then(|s| s.to_str()).map(String::from))
        .filter(|stem| !names.contains(&stem.as_str()))
        .collect();
    assert!(stale.is_empty(), "snapshots that belong to no preset (delete them): {stale:?}");
}

// ------------------------------------------------------------------------------------------------
// What each preset must show. Every check returns the figure that shows it (for docs/presets.md)
// or says what it saw instead.

type Claim = fn(&Report) -> Result<String, String>;

fn claims() -> Vec<(&'static str, Claim)> {
    vec![
        ("01-decoupling", |r| {
            let p = producer(r, "order_service");
            let produced = range(r, 1, 60, |b| b.produced);
            let confirmed = range(r, 1, 60, |b| b.confirmed);
            let analytics = r.queues[queue(r, "analytics_q")].depth_max;
            let shipping = r.queues[queue(r, "shipping_q")].depth_max;
            check(
                produced.1 - produced.0 <= 1
                    && confirmed.0 >= 195
                    && confirmed.1 <= 205
                    && p.timeouts == 0
                    && r.publish_latency.mean_us < 3_000.0
                    && analytics > 3_000
                    && shipping > 1_000
                    && r.totals.lost == 0,
                format!(
                    "the producer made {} and had {} confirmed per second, publish latency mean {} ms, \
                     timeouts {}, while the analytics backlog peaked at {} and shipping's at {}; lost {}",
                    span(produced),
                    span(confirmed),
                    ms(r.publish_latency.mean_us),
                    p.timeouts,
                    n(analytics),
                    n(shipping),
                    r.totals.lost
                ),
            )
        }),
        ("02-peak-shaving", |r| {
            let q = queue(r, "order_queue");
            let produced_peak = range(r, 0, 60, |b| b.produced).1;
            let processed = range(r, 10, 39, |b| b.processed);
            let before = r.series[9].backlog[q];
            let peak = r.queues[q].depth_max;
            check(
                produced_peak >= 1_000
                    && processed.0 >= 245
                    && processed.1 <= 250
                    && peak > 3_000
                    && peak > 10 * before.max(1)
                    && r.queues[q].depth_end <= 2
                    && r.totals.lost == 0,
                format!(
                    "produced peaks at {} per second; processed stays at {} per second from 10 s to 39 s; \
                     backlog {} → {} → {}; lost {}",
                    n(produced_peak),
                    span(processed),
                    before,
                    n(peak),
                    r.queues[q].depth_end,
                    r.totals.lost
                ),
            )
        }),
        ("03-async-speed-up", |r| {
            let (publish_p99, end_to_end_p50) = (r.publish_latency.p99_us, r.latency.p50_us);
            check(
                publish_p99 < 5_000
                    && end_to_end_p50 >= 150_000
                    && r.latency.p99_us < 300_000
                    && 20 * publish_p99 < end_to_end_p50,
                format!(
                    "publish latency p99 {} ms against {} ms (p50) until all three services are done; \
                     a synchronous chain would take 300 ms plus round trips",
                    ms(publish_p99 as f64),
                    ms(end_to_end_p50 as f64)
                ),
            )
        }),
        ("04-broker-crash-stops-everything", |r| {
            let processed = range(r, 21, 30, |b| b.processed);
            let confirmed = range(r, 21, 30, |b| b.confirmed);
            let after = range(r, 31, 35, |b| b.processed).0;
            check(
                processed.1 == 0 && confirmed.1 == 0 && after > 0 && r.totals.lost == 0,
                format!(
                    "processed {} and confirmed {} per second from 21 s to 30 s (outage 20–30 s), {} per second just after; lost {}",
                    processed.1, confirmed.1, n(after), r.totals.lost
                ),
            )
        }),
        ("04-one-of-four-fails", |r| {
            let confirmed = producer(r, "order_service").confirmed;
            let three = ["inventory", "payment", "shipping"].map(|c| consumer(r, c).processed);
            let points = consumer(r, "points").processed;
            let discarded = lost(r, LossCause::Discarded);
            check(
                three.iter().all(|&p| p + 2 >= confirmed) && points < confirmed * 4 / 5 && discarded > 0,
                format!(
                    "{} orders confirmed; inventory, payment, shipping processed {}, {}, {}; points {}; lost {} (discarded)",
                    n(confirmed), n(three[0]), n(three[1]), n(three[2]), n(points), n(discarded)
                ),
            )
        }),
        ("06-single-node", |r| {
            let during = range(r, 21, 30, |b| b.processed).1;
            check(
                during == 0 && r.totals.processed > 25_000,
                format!(
                    "processed {during} per second from 21 s to 30 s (n1 down 20–30 s); {} processed in all",
                    n(r.totals.processed)
                ),
            )
        }),
        ("06-classic-cluster", |r| {
            let during = range(r, 21, 30, |b| b.processed).1;
            let nacked = producer(r, "producer").nacked;
            check(
                during == 0 && nacked > 0,
                format!(
                    "processed {during} per second from 21 s to 30 s although n2 and n3 are up; {} publishes nacked (queue unavailable)",
                    n(nacked)
                ),
            )
        }),
        ("06-mirrored-queue", |r| {
            let during = range(r, 21, 30, |b| b.processed);
            check(
                during.0 > 400 && r.totals.lost == 0,
                format!("processed {} per second from 21 s to 30 s with n1 down; lost {}", span(during), r.totals.lost),
            )
        }),
        ("06-mirrored-capacity-cost", |r| {
            let confirmed = range(r, 2, 30, |b| b.confirmed);
            let p = producer(r, "producer");
            check(
                confirmed.1 <= 640 && p.created - p.confirmed > 4_000,
                format!(
                    "confirmed {} per second of 800 produced; {} of {} unconfirmed at the end",
                    span(confirmed),
                    n(p.created - p.confirmed),
                    n(p.created)
                ),
            )
        }),
        ("08-duplicates-no-idempotency", |r| {
            check(
                r.totals.duplicates > 20 && r.totals.lost == 0,
                format!(
                    "duplicates {} after {} redeliveries; lost {}",
                    r.totals.duplicates,
                    consumer(r, "payments").redelivered,
                    r.totals.lost
                ),
            )
        }),
        ("08-idempotent-upsert-by-key", idempotent),
        ("08-idempotent-dedupe-ids", idempotent),
        ("08-idempotent-unique-constraint", idempotent),
        ("09-loss-no-confirms", |r| {
            let network = lost(r, LossCause::Network);
            check(network > 100, format!("lost {} (network) of {}", n(network), n(r.totals.produced)))
        }),
        ("09-confirms-no-loss-duplicates", |r| {
            check(
                r.totals.lost == 0 && r.totals.duplicates > 0,
                format!(
                    "lost {}, duplicates {} ({} resends)",
                    r.totals.lost,
                    r.totals.duplicates,
                    n(producer(r, "producer").resends)
                ),
            )
        }),
        ("09-transactions-no-loss-slow", |r| {
            let p = producer(r, "producer");
            check(
                r.totals.lost == 0 && p.confirmed * 4 < p.created,
                format!(
                    "lost {}; only {} of {} confirmed ({} per second)",
                    r.totals.lost,
                    n(p.confirmed),
                    n(p.created),
                    p.confirmed * 1_000_000 / r.end_us.max(1)
                ),
            )
        }),
        ("09-loss-broker-crash-transient", |r| {
            let crash = lost(r, LossCause::BrokerCrash);
            check(crash > 1_000, format!("lost {} (broker_crash), all of them confirmed", n(crash)))
        }),
        ("09-durable-persistent-confirms-no-loss", |r| {
            check(
                r.totals.lost == 0 && r.totals.processed > 20_000,
                format!("lost {} through the same crash; {} processed", r.totals.lost, n(r.totals.processed)),
            )
        }),
        ("09-loss-auto-ack", |r| {
            let crash = lost(r, LossCause::ConsumerCrash);
            check(crash > 50, format!("lost {crash} (consumer_crash)"))
        }),
        ("09-manual-ack-no-loss", |r| {
            let redelivered = consumer(r, "consumer").redelivered;
            check(r.totals.lost == 0 && redelivered > 50, format!("lost {}; {redelivered} redelivered", r.totals.lost))
        }),
        ("11-one-queue-many-consumers", out_of_order),
        ("11-one-consumer-many-threads", out_of_order),
        ("11-queue-per-key", |r| {
            check(
                r.totals.out_of_order == 0 && r.totals.processed > 14_000,
                format!("out of order {} of {} processed", r.totals.out_of_order, n(r.totals.processed)),
            )
        }),
        ("12-backlog-scale-out", |r| {
            let q = queue(r, "orders_q");
            let at_20 = r.series[19].backlog[q];
            let drained_at = r.series.iter().position(|b| b.start_us >= 20_000_000 && b.backlog[q] < 50);
            check(
                at_20 > 10_000 && drained_at.is_some() && r.totals.lost == 0,
                format!(
                    "backlog {} at 20 s, under 50 by {} s; lost {}",
                    n(at_20),
                    drained_at.map_or("never".into(), |i| (i + 1).to_string()),
                    r.totals.lost
                ),
            )
        }),
        ("13-ttl-expires", |r| {
            check(
                r.totals.expired > 1_000 && r.totals.lost == 0,
                format!("expired {}; lost {}", n(r.totals.expired), r.totals.lost),
            )
        }),
        ("13-ttl-dead-letter", |r| {
            let parked = r.queues[queue(r, "parking_q")].dead_letters_parked;
            check(
                r.totals.dead_lettered > 1_000 && r.totals.expired == 0 && parked == r.totals.dead_lettered,
                format!(
                    "dead-lettered {} (parked in parking_q); expired {}",
                    n(r.totals.dead_lettered),
                    r.totals.expired
                ),
            )
        }),
        ("13-overflow-drop-head", |r| {
            let overflow = lost(r, LossCause::Overflow);
            check(overflow > 1_000, format!("lost {} (overflow)", n(overflow)))
        }),
        ("13-overflow-reject-publish", |r| {
            let p = producer(r, "producer");
            check(
                r.totals.rejected > 1_000 && r.totals.lost == 0,
                format!(
                    "rejected {} (the producer gave up knowingly after {} nacks); lost {}",
                    n(r.totals.rejected),
                    n(p.nacked),
                    r.totals.lost
                ),
            )
        }),
        ("13-overflow-reject-publish-dlx", |r| {
            check(
                r.totals.dead_lettered > 1_000 && r.totals.lost == 0,
                format!("dead-lettered {}; lost {}", n(r.totals.dead_lettered), r.totals.lost),
            )
        }),
    ]
}

fn idempotent(r: &Report) -> Result<String, String> {
    check(
        r.totals.duplicates == 0 && r.store.duplicates_absorbed > 20,
        format!(
            "duplicates {}; {} redeliveries absorbed by the store",
            r.totals.duplicates, r.store.duplicates_absorbed
        ),
    )
}

fn out_of_order(r: &Report) -> Result<String, String> {
    check(
        r.totals.out_of_order > 100,
        format!("out of order {} of {} processed", n(r.totals.out_of_order), n(r.totals.processed)),
    )
}

fn check(ok: bool, figure: String) -> Result<String, String> {
    if ok {
        Ok(figure)
    } else {
        Err(figure)
    }
}

#[test]
fn every_preset_shows_what_its_lesson_claims() {
    let claims = claims();
    let mut failures = Vec::new();
    for r in runs() {
        let Some((_, claim)) = claims.iter().find(|(name, _)| *name == r.name) else {
            failures.push(format!("{}: no claim checks what this preset shows; add one", r.name));
            continue;
        };
        if let Err(saw) = claim(&r.report) {
            failures
                .push(format!("{} (seed {}): the claim does not hold; the run shows: {saw}", r.name, r.scenario.seed));
        }
    }
    for (name, _) in &claims {
        if presets::get(name).is_none() {
            failures.push(format!("a claim names {name}, which is not a preset"));
        }
    }
    failures_to_panic("presets that do not show their lesson", failures);
}

/// The four lesson 8 presets differ in idempotency only: the same crashes make the same
/// redeliveries, and only the store's view of them changes.
#[test]
fn the_idempotency_presets_see_the_same_redeliveries() {
    let redelivered: Vec<(&str, u64)> = runs()
        .iter()
        .filter(|r| r.name.starts_with("08-"))
        .map(|r| (r.name, consumer(&r.report, "payments").redelivered))
        .collect();
    assert_eq!(redelivered.len(), 4);
    assert!(
        redelivered.iter().all(|(_, n)| *n == redelivered[0].1 && *n > 0),
        "every lesson 8 preset should redeliver the same messages: {redelivered:?}"
    );
}

/// 06-mirrored-capacity-cost's contrast: the same preset with the queue on one node (classic
/// cluster) keeps up with every message, so the ceiling is the mirroring's cost.
#[test]
fn the_mirrored_capacity_cost_goes_away_with_a_classic_queue() {
    let mut scenario = presets::get("06-mirrored-capacity-cost").expect("the preset exists");
    scenario.queues[0].placement = Placement::Classic { node: Some("n1".into()) };
    let report = run(&scenario, None).expect("the classic variant validates");
    let p = producer(&report, "producer");
    assert!(
        p.created - p.confirmed < 10,
        "06-mirrored-capacity-cost as a classic queue (seed {}): confirmed {} of {}",
        scenario.seed,
        p.confirmed,
        p.created
    );
}

// ------------------------------------------------------------------------------------------------
// docs/presets.md: its table is generated from the runs above.

const SEED_SECTIONS: [(u32, &str); 10] = [
    (1, "1.2 优势 · 应用解耦"),
    (2, "1.2 优势 · 削峰填谷"),
    (3, "1.2 优势 · 异步提速"),
    (4, "1.2 劣势 · 系统可用性降低, 一致性问题"),
    (6, "1.4 rabbitmq: 单体, 普通集群, 镜像集群"),
    (8, "1.5 重复消费, 幂等性 (1)–(4)"),
    (9, "1.6 1、rabbitmq 1) 生产者, 2) rabbitmq, 3) 消费者"),
    (11, "1.6 3、消息的错乱"),
    (12, "1.6 4、mq的消息挤压"),
    (13, "1.6 5、延时以及过期失效; 6、消息队列满了"),
];

const TABLE_BEGIN: &str = "<!-- presets table: generated by crates/scenario/tests/integration/presets.rs -->";
const TABLE_END: &str = "<!-- end of presets table -->";

#[test]
fn docs_presets_table_matches_the_runs() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/presets.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
    let (Some(begin), Some(end)) = (doc.find(TABLE_BEGIN), doc.find(TABLE_END)) else {
        panic!("docs/presets.md needs the lines {TABLE_BEGIN} and {TABLE_END} around its table");
    };
    let claims = claims();
    let mut table = String::from(
        "\n| preset | lesson | what it shows | the figure that shows it (seed, horizon) | seed notes |\n|---|---|---|---|---|\n",
    );
    for r in runs() {
        let lesson = presets::lesson(r.name).unwrap_or(0);
        let title = r.scenario.name.split_once(" · ").map_or(r.scenario.name.as_str(), |(_, t)| t);
        let figure = claims.iter().find(|(name, _)| *name == r.name).map_or_else(
            || "(no claim)".to_string(),
            |(_, claim)| claim(&r.report).unwrap_or_else(|saw| format!("CLAIM FAILS: {saw}")),
        );
        let section = SEED_SECTIONS.iter().find(|(l, _)| *l == lesson).map_or("", |(_, s)| s);
        table.push_str(&format!(
            "| `{}` | {lesson} | {title} | {figure} (seed {}, {} s) | {section} |\n",
            r.name, r.scenario.seed, r.scenario.horizon_s
        ));
    }
    let updated = format!("{}{TABLE_BEGIN}\n{table}\n{}", &doc[..begin], &doc[end..]);
    expect_file![path].assert_eq(&updated);
}

// ------------------------------------------------------------------------------------------------
// Reading reports.

/// The (smallest, largest) of a per-bucket measure over buckets lying wholly in [from_s, to_s).
fn range(r: &Report, from_s: u64, to_s: u64, measure: fn(&Bucket) -> u64) -> (u64, u64) {
    let inside = r
        .series
        .iter()
        .filter(|b| b.start_us >= from_s * 1_000_000 && b.start_us + r.bucket_us <= to_s * 1_000_000)
        .map(measure);
    inside.fold((u64::MAX, 0), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

fn queue(r: &Report, name: &str) -> usize {
    r.queues.iter().position(|q| q.name == name).unwrap_or_else(|| panic!("no queue {name} in the report"))
}

fn producer<'a>(r: &'a Report, name: &str) -> &'a ProducerStats {
    r.producers.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no producer {name} in the report"))
}

fn consumer<'a>(r: &'a Report, name: &str) -> &'a ConsumerStats {
    r.consumers.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no consumer {name} in the report"))
}

fn lost(r: &Report, cause: LossCause) -> u64 {
    r.lost_by_cause[cause.index()]
}

/// A (smallest, largest) pair as "200" or "198–203".
fn span((lo, hi): (u64, u64)) -> String {
    if lo == hi {
        n(lo)
    } else {
        format!("{}–{}", n(lo), n(hi))
    }
}

/// A count with thousands separators: 12,345.
fn n(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Microseconds as milliseconds with at most two decimals.
fn ms(us: f64) -> String {
    let text = format!("{:.2}", us / 1_000.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

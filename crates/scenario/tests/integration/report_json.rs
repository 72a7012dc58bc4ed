//! The report as JSON: its layout on a hand-made report, and real runs through `run`.

use crate::common::{FULL, MINIMAL};
use expect_test::expect;
use mqlab_engine::report::{
    Bucket, ConsumerStats, Examples, LatencySummary, LittlesLaw, LossCause, ProducerStats, QueueStats, Report,
    StoreStats, Totals,
};
use mqlab_scenario::{parse, report_to_json, report_to_string, run, trace};
use serde_json::Value;

fn hand_made_report() -> Report {
    let mut lost_by_cause = [0; LossCause::COUNT];
    lost_by_cause[LossCause::Network.index()] = 2;
    let bucket = |start_us: u64, produced: u64, backlog: Vec<u64>| Bucket {
        start_us,
        produced,
        confirmed: produced,
        delivered: produced + 1,
        processed: produced,
        lost_by_cause: if start_us == 0 { lost_by_cause } else { [0; LossCause::COUNT] },
        latency_p50_us: 1_500,
        latency_p99_us: 12_000,
        backlog,
        ..Bucket::default()
    };
    Report {
        end_us: 2_000_000,
        bucket_us: 1_000_000,
        totals: Totals { produced: 10, processed: 7, duplicates: 1, lost: 2, in_flight: 1, ..Totals::default() },
        lost_by_cause,
        latency: LatencySummary { count: 7, mean_us: 2_250.5, p50_us: 1_500, p99_us: 12_000, max_us: 12_000 },
        publish_latency: LatencySummary { count: 10, mean_us: 500.0, p50_us: 500, p99_us: 500, max_us: 500 },
        series: vec![bucket(0, 6, vec![3, 0]), bucket(1_000_000, 4, vec![1, 0])],
        queues: vec![
            QueueStats { name: "q1".into(), enqueued: 10, depth_max: 3, depth_end: 1, dead_letters_parked: 0 },
            QueueStats { name: "parking".into(), ..QueueStats::default() },
        ],
        producers: vec![ProducerStats {
            name: "p1".into(),
            created: 10,
            sends: 11,
            resends: 1,
            confirmed: 10,
            ..ProducerStats::default()
        }],
        consumers: vec![ConsumerStats {
            name: "c1".into(),
            delivered: 8,
            redelivered: 1,
            processed: 8,
            utilisation: 0.25,
            ..ConsumerStats::default()
        }],
        store: StoreStats { effects_applied: 8, duplicate_effects: 1, duplicates_absorbed: 0, dead_letters_applied: 0 },
        littles_law: LittlesLaw { mean_in_system: 0.01, arrival_rate_per_s: 5.0, mean_time_in_system_us: 2_000.0 },
        examples: Examples {
            lost: vec![(3, LossCause::Network), (8, LossCause::BrokerCrash)],
            duplicated: vec![5],
            ..Examples::default()
        },
        events: 123,
    }
}

#[test]
fn report_layout() {
    let json = report_to_json(&hand_made_report());
    expect![[r#"
        {
          "consumers": {
            "c1": {
              "crashes": 0,
              "delivered": 8,
              "failed": 0,
              "processed": 8,
              "redelivered": 1,
              "utilisation": 0.25
            }
          },
          "end_s": 2.0,
          "events": 123,
          "examples": {
            "dead_lettered": [],
            "duplicated": [
              5
            ],
            "expired": [],
            "lost": [
              {
                "cause": "network",
                "id": 3
              },
              {
                "cause": "broker_crash",
                "id": 8
              }
            ],
            "out_of_order": [],
            "rejected": []
          },
          "latency_ms": {
            "count": 7,
            "max": 12.0,
            "mean": 2.2505,
            "p50": 1.5,
            "p99": 12.0
          },
          "littles_law": {
            "arrival_rate_per_s": 5.0,
            "arrival_rate_times_time_in_system": 0.01,
            "mean_in_system": 0.01,
            "mean_time_in_system_ms": 2.0
          },
          "lost_by_cause": {
            "broker_crash": 0,
            "broker_down": 0,
            "consumer_crash": 0,
            "consumer_link": 0,
            "discarded": 0,
            "network": 2,
            "overflow": 0,
            "queue_unavailable": 0,
            "unroutable": 0
          },
          "producers": {
            "p1": {
              "confirmed": 10,
              "created": 10,
              "gave_up": 0,
              "nacked": 0,
              "resends": 1,
              "sends": 11,
              "timeouts": 0
            }
          },
          "publish_latency_ms": {
            "count": 10,
            "max": 0.5,
            "mean": 0.5,
            "p50": 0.5,
            "p99": 0.5
          },
          "queues": {
            "parking": {
              "dead_letters_parked": 0,
              "depth_end": 0,
              "depth_max": 0,
              "enqueued": 0
            },
            "q1": {
              "dead_letters_parked": 0,
              "depth_end": 1,
              "depth_max": 3,
              "enqueued": 10
            }
          },
          "series": {
            "backlog": {
              "parking": [
                0,
                0
              ],
              "q1": [
                3,
                1
              ]
            },
            "bucket_ms": 1000.0,
            "confirmed": [
              6,
              4
            ],
            "dead_lettered": [
              0,
              0
            ],
            "delivered": [
              7,
              5
            ],
            "duplicates": [
              0,
              0
            ],
            "expired": [
              0,
              0
            ],
            "latency_p50_ms": [
              1.5,
              1.5
            ],
            "latency_p99_ms": [
              12.0,
              12.0
            ],
            "lost": [
              2,
              0
            ],
            "lost_by_cause": {
              "broker_crash": [
                0,
                0
              ],
              "broker_down": [
                0,
                0
              ],
              "consumer_crash": [
                0,
                0
              ],
              "consumer_link": [
                0,
                0
              ],
              "discarded": [
                0,
                0
              ],
              "network": [
                2,
                0
              ],
              "overflow": [
                0,
                0
              ],
              "queue_unavailable": [
                0,
                0
              ],
              "unroutable": [
                0,
                0
              ]
            },
            "out_of_order": [
              0,
              0
            ],
            "processed": [
              6,
              4
            ],
            "produced": [
              6,
              4
            ],
            "rejected": [
              0,
              0
            ],
            "t_s": [
              0.0,
              1.0
            ]
          },
          "store": {
            "dead_letters_applied": 0,
            "duplicate_effects": 1,
            "duplicates_absorbed": 0,
            "effects_applied": 8
          },
          "totals": {
            "dead_lettered": 0,
            "duplicates": 1,
            "expired": 0,
            "in_flight": 1,
            "lost": 2,
            "out_of_order": 0,
            "processed": 7,
            "produced": 10,
            "rejected": 0
          }
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&json).expect("serializes"));
}

#[test]
fn report_string_is_the_compact_form() {
    let report = hand_made_report();
    let text = report_to_string(&report);
    assert!(!text.contains('\n'));
    assert_eq!(serde_json::from_str::<Value>(&text).expect("JSON"), report_to_json(&report));
}

#[test]
fn lost_by_cause_lists_every_cause() {
    let json = report_to_json(&Report::default());
    let causes = json["lost_by_cause"].as_object().expect("object");
    assert_eq!(causes.len(), LossCause::COUNT);
    assert!(causes.values().all(|count| count == 0));
}

#[test]
fn runs_are_reproducible_and_add_up() {
    let scenario = parse(MINIMAL).expect("parses");
    let first = report_to_string(&run(&scenario, None).expect("valid"));
    let second = report_to_string(&run(&scenario, None).expect("valid"));
    assert_eq!(first, second, "same scenario and seed, different reports");

    let report = run(&scenario, Some(7)).expect("valid");
    let t = report.totals;
    assert!(t.produced > 0);
    assert_eq!(t.produced, t.processed + t.lost + t.expired + t.dead_lettered + t.rejected + t.in_flight);
    let json = report_to_json(&report);
    assert_eq!(json["totals"]["produced"], t.produced);
    assert_eq!(json["series"]["t_s"].as_array().expect("array").len(), report.series.len());
    // Components appear under their scenario ids.
    assert!(json["queues"]["q1"].is_object());
    assert!(json["producers"]["p1"].is_object());
    assert!(json["consumers"]["c1"].is_object());
    assert!(json["series"]["backlog"]["q1"].is_array());
}

#[test]
fn full_scenario_runs() {
    let mut scenario = parse(FULL).expect("parses");
    // A shorter run keeps the test fast; every component still acts.
    scenario.horizon_s = 30.0;
    let report = run(&scenario, None).expect("valid");
    let t = report.totals;
    assert_eq!(t.produced, t.processed + t.lost + t.expired + t.dead_lettered + t.rejected + t.in_flight);
    assert_eq!(report.queues.len(), 5);
    assert_eq!(report.consumers[0].name, "worker1");
}

#[test]
fn invalid_scenarios_do_not_run() {
    let mut scenario = parse(MINIMAL).expect("parses");
    scenario.horizon_s = -1.0;
    let errors = run(&scenario, None).expect_err("refused");
    assert_eq!(errors.to_string(), "horizon_s: -1 is negative; it must be 0 or more");
    assert!(trace(&scenario, 0, None).is_err());
}

#[test]
fn trace_tells_one_message_life() {
    let scenario = parse(MINIMAL).expect("parses");
    let life = trace(&scenario, 3, None).expect("valid");
    assert_eq!(life.message_id, 3);
    assert!(life.found);
    assert!(!life.events.is_empty());
}

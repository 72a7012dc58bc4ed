//! The charts' data natively: series in display units from engine buckets and from report JSON,
//! toggles, axis ranges, hover read-outs, compare mode, downsampling and CSV export.
//!
//! `cargo test -p mqlab-web --test charts`; the CSV snapshots update with `UPDATE_EXPECT=1`.
#![cfg(not(target_arch = "wasm32"))]

use expect_test::expect;
use mqlab_engine::report::{Bucket, LossCause};
use mqlab_web::charts::downsample::min_max_per_column;
use mqlab_web::charts::{
    report_csv, totals_csv, totals_csv_compare, Axis, Chart, ChartData, RunSeries, SeriesKey, PALETTE,
};
use mqlab_web::live::RunId;
use serde_json::{json, Value};

const PRESET: &str = "02-peak-shaving";

fn preset_report(name: &str) -> mqlab_engine::report::Report {
    let scenario = mqlab_scenario::presets::get(name).expect("preset exists");
    mqlab_scenario::run(&scenario, None).expect("preset runs")
}

fn queue_ids(report: &mqlab_engine::report::Report) -> Vec<String> {
    report.queues.iter().map(|q| q.name.clone()).collect()
}

fn bucket(start_ms: u64) -> Bucket {
    Bucket { start_us: start_ms * 1000, backlog: vec![0, 0], ..Bucket::default() }
}

/// Two queues given in engine order "zeta", "alpha"; buckets of 500 ms.
fn small_run() -> RunSeries {
    let mut b0 = bucket(0);
    b0.produced = 10;
    b0.confirmed = 8;
    b0.delivered = 6;
    b0.processed = 4;
    b0.backlog = vec![7, 3];
    b0.lost_by_cause[LossCause::Overflow.index()] = 2;
    b0.duplicates = 1;
    b0.latency_p50_us = 1_500;
    b0.latency_p99_us = 9_000;
    let mut b1 = bucket(500);
    b1.produced = 5;
    b1.backlog = vec![9, 1];
    b1.lost_by_cause[LossCause::Overflow.index()] = 3;
    b1.lost_by_cause[LossCause::Network.index()] = 1;
    b1.expired = 2;
    let mut b2 = bucket(1000);
    b2.processed = 2;
    b2.latency_p50_us = 2_000;
    b2.latency_p99_us = 2_000;
    b2.dead_lettered = 4;
    b2.out_of_order = 1;
    RunSeries::from_buckets(0.5, &["zeta".to_string(), "alpha".to_string()], &[b0, b1, b2])
}

fn values(run: &RunSeries, key: SeriesKey) -> Vec<f64> {
    run.values(&key).unwrap_or_else(|| panic!("no series {key:?}")).to_vec()
}

#[test]
fn rates_are_per_second_and_points_sit_at_bucket_ends() {
    let run = small_run();
    assert_eq!(run.len(), 3);
    assert_eq!(run.t_s(), &[0.0, 0.5, 1.0]);
    assert_eq!(run.x_s(), &[0.5, 1.0, 1.5]);
    assert_eq!(values(&run, SeriesKey::Produced), vec![20.0, 10.0, 0.0]);
    assert_eq!(values(&run, SeriesKey::Confirmed), vec![16.0, 0.0, 0.0]);
    assert_eq!(values(&run, SeriesKey::Delivered), vec![12.0, 0.0, 0.0]);
    assert_eq!(values(&run, SeriesKey::Processed), vec![8.0, 0.0, 4.0]);
}

#[test]
fn backlog_is_per_queue_in_id_order_whatever_the_engine_order() {
    let run = small_run();
    let keys: Vec<SeriesKey> = run.keys(Chart::Backlog).cloned().collect();
    assert_eq!(keys, vec![SeriesKey::Backlog("alpha".into()), SeriesKey::Backlog("zeta".into())]);
    assert_eq!(values(&run, SeriesKey::Backlog("zeta".into())), vec![7.0, 9.0, 0.0]);
    assert_eq!(values(&run, SeriesKey::Backlog("alpha".into())), vec![3.0, 1.0, 0.0]);
}

#[test]
fn latency_is_in_ms_with_a_gap_where_nothing_was_processed() {
    let run = small_run();
    let p50 = values(&run, SeriesKey::LatencyP50);
    assert_eq!(p50[0], 1.5);
    assert!(p50[1].is_nan(), "bucket 1 processed nothing: no latency, not 0");
    assert_eq!(p50[2], 2.0);
    assert_eq!(values(&run, SeriesKey::LatencyP99)[0], 9.0);
}

#[test]
fn lost_and_anomalies_are_running_totals() {
    let run = small_run();
    assert_eq!(values(&run, SeriesKey::Lost("overflow".into())), vec![2.0, 5.0, 5.0]);
    assert_eq!(values(&run, SeriesKey::Lost("network".into())), vec![0.0, 1.0, 1.0]);
    let causes: Vec<SeriesKey> = run.keys(Chart::Lost).cloned().collect();
    let expected: Vec<SeriesKey> = LossCause::ALL.iter().map(|c| SeriesKey::Lost(c.name().into())).collect();
    assert_eq!(causes, expected, "every cause, in the engine's order");
    assert_eq!(values(&run, SeriesKey::Duplicates), vec![1.0, 1.0, 1.0]);
    assert_eq!(values(&run, SeriesKey::Expired), vec![0.0, 2.0, 2.0]);
    assert_eq!(values(&run, SeriesKey::DeadLettered), vec![0.0, 0.0, 4.0]);
    assert_eq!(values(&run, SeriesKey::OutOfOrder), vec![0.0, 0.0, 1.0]);
}

#[test]
fn buckets_and_report_json_give_the_same_series() {
    let report = preset_report(PRESET);
    let json = mqlab_scenario::report_to_json(&report);
    let from_json = RunSeries::from_report_json(&json).expect("the report's series parse");
    let from_buckets = RunSeries::from_buckets(report.bucket_us as f64 / 1e6, &queue_ids(&report), &report.series);
    assert_eq!(from_json.len(), report.series.len());
    assert_eq!(from_json.t_s(), from_buckets.t_s());
    assert_eq!(from_json.x_s(), from_buckets.x_s());
    for chart in Chart::ALL {
        let keys_json: Vec<&SeriesKey> = from_json.keys(chart).collect();
        let keys_buckets: Vec<&SeriesKey> = from_buckets.keys(chart).collect();
        assert_eq!(keys_json, keys_buckets, "{chart:?}");
        for key in keys_json {
            let a = from_json.values(key).unwrap();
            let b = from_buckets.values(key).unwrap();
            let same = a.iter().zip(b).all(|(x, y)| x == y || (x.is_nan() && y.is_nan()));
            assert!(same && a.len() == b.len(), "{key:?}: {a:?} vs {b:?}");
        }
    }
    // The preset's story: a burst the consumer shaves to 250/s while the backlog absorbs it.
    let processed = from_json.values(&SeriesKey::Processed).unwrap();
    let peak = processed.iter().cloned().fold(0.0, f64::max);
    assert!((240.0..=260.0).contains(&peak), "processed peaks at {peak}/s");
    let backlog = from_json.values(&SeriesKey::Backlog("order_queue".into())).unwrap();
    assert!(backlog.iter().cloned().fold(0.0, f64::max) > 3000.0);
}

#[test]
fn a_live_run_appends_new_buckets_and_starts_over_after_a_reset() {
    let report = preset_report(PRESET);
    let mut run = RunSeries::new(report.bucket_us as f64 / 1e6, &queue_ids(&report));
    run.sync_buckets(&report.series[..10]);
    assert_eq!(run.len(), 10);
    run.sync_buckets(&report.series[..25]);
    assert_eq!(run.len(), 25);
    let whole = RunSeries::from_buckets(report.bucket_us as f64 / 1e6, &queue_ids(&report), &report.series[..25]);
    assert_eq!(run.values(&SeriesKey::Processed), whole.values(&SeriesKey::Processed));
    // Scrubbing back re-runs: fewer closed buckets than seen.
    run.sync_buckets(&report.series[..5]);
    assert_eq!(run.len(), 5);
    assert_eq!(run.values(&SeriesKey::Produced).unwrap(), &whole.values(&SeriesKey::Produced).unwrap()[..5]);
}

#[test]
fn a_partial_series_json_appends_to_a_run() {
    let report = preset_report(PRESET);
    let json = mqlab_scenario::report_to_json(&report);
    let series = &json["series"];
    // Split the series object in two halves, as a worker might send it.
    let half = |range: std::ops::Range<usize>| -> Value {
        let mut out = serde_json::Map::new();
        for (key, value) in series.as_object().unwrap() {
            let cut = |v: &Value| -> Value {
                match v {
                    Value::Array(a) => Value::Array(a[range.clone()].to_vec()),
                    Value::Object(m) => Value::Object(
                        m.iter()
                            .map(|(k, v)| (k.clone(), Value::Array(v.as_array().unwrap()[range.clone()].to_vec())))
                            .collect(),
                    ),
                    other => other.clone(),
                }
            };
            out.insert(key.clone(), cut(value));
        }
        Value::Object(out)
    };
    let n = report.series.len();
    let mut run = RunSeries::from_report_json(&half(0..n / 2)).unwrap();
    run.extend_from_series_json(&half(n / 2..n)).unwrap();
    let whole = RunSeries::from_report_json(&json).unwrap();
    assert_eq!(run.len(), n);
    assert_eq!(run.values(&SeriesKey::Lost("overflow".into())), whole.values(&SeriesKey::Lost("overflow".into())));
    assert_eq!(run.values(&SeriesKey::Processed), whole.values(&SeriesKey::Processed));
}

#[test]
fn bad_series_json_says_what_is_wrong() {
    let mut json = mqlab_scenario::report_to_json(&preset_report(PRESET));
    assert_eq!(
        RunSeries::from_report_json(&json!({"totals": {}})).unwrap_err(),
        "series.bucket_ms is missing or not a positive number"
    );
    json["series"]["produced"].as_array_mut().unwrap().pop();
    let error = RunSeries::from_report_json(&json).unwrap_err();
    assert!(error.starts_with("series.produced has 59 entries; series.t_s has 60"), "{error}");
    json["series"]["delivered"][3] = json!("x");
    json["series"]["produced"] = json["series"]["confirmed"].clone();
    assert_eq!(RunSeries::from_report_json(&json).unwrap_err(), "series.delivered[3] is not a number");
}

#[test]
fn y_axis_is_a_round_number_above_the_data_and_never_flat() {
    assert_eq!(Axis::nice(0.0, false), Axis { min: 0.0, max: 1.0, step: 0.2 });
    assert_eq!(Axis::nice(0.0, true), Axis { min: 0.0, max: 1.0, step: 1.0 });
    assert_eq!(Axis::nice(3750.0, true), Axis { min: 0.0, max: 4000.0, step: 1000.0 });
    assert_eq!(Axis::nice(250.0, false), Axis { min: 0.0, max: 250.0, step: 50.0 });
    assert_eq!(Axis::nice(251.0, false), Axis { min: 0.0, max: 300.0, step: 100.0 });
    assert_eq!(Axis::nice(3.0, true), Axis { min: 0.0, max: 3.0, step: 1.0 });
    assert_eq!(Axis::nice(12.0, true), Axis { min: 0.0, max: 12.0, step: 2.0 });
    assert_eq!(Axis::nice(0.3, false).max, 0.30000000000000004);
    assert_eq!(Axis::nice(f64::NAN, false).max, 1.0);
    let axis = Axis::nice(12_000.0, false);
    assert_eq!(axis.ticks(), vec![0.0, 2500.0, 5000.0, 7500.0, 10000.0, 12500.0]);
    let labels: Vec<String> = axis.ticks().iter().map(|&v| axis.label(v)).collect();
    assert_eq!(labels, ["0", "2.5k", "5.0k", "7.5k", "10.0k", "12.5k"]);
    let ms = Axis::nice(0.9, false);
    assert_eq!(ms.ticks().iter().map(|&v| ms.label(v)).collect::<Vec<_>>(), ["0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
    let x = Axis::over(0.0, 60.0, 8);
    assert_eq!(x.step, 10.0);
    assert_eq!(x.ticks(), vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0]);
}

#[test]
fn hidden_series_leave_the_range_and_the_read_out() {
    let mut data = ChartData::new();
    data.set_run(RunId::A, small_run());
    assert_eq!(data.y_max(Chart::Throughput), 20.0);
    assert_eq!(data.y_range(Chart::Throughput), (0.0, 25.0), "20 and a little headroom");
    assert!(!data.toggle(Chart::Throughput, &SeriesKey::Produced));
    assert!(!data.is_visible(Chart::Throughput, &SeriesKey::Produced));
    assert_eq!(data.y_max(Chart::Throughput), 16.0);
    let readings = data.value_at(Chart::Throughput, 0.4);
    let keys: Vec<&SeriesKey> = readings.iter().map(|r| &r.series.key).collect();
    assert_eq!(keys, [&SeriesKey::Confirmed, &SeriesKey::Delivered, &SeriesKey::Processed]);
    data.set_visible(Chart::Throughput, &SeriesKey::Produced, true);
    assert_eq!(data.value_at(Chart::Throughput, 0.4).len(), 4);
    // A toggle is per chart and series.
    assert!(data.is_visible(Chart::Anomalies, &SeriesKey::Duplicates));
}

#[test]
fn value_at_reads_the_nearest_point_and_nothing_beyond_the_data() {
    let mut data = ChartData::new();
    data.set_run(RunId::A, small_run());
    let at = |t: f64| -> Vec<(String, Option<f64>, f64)> {
        data.value_at(Chart::Latency, t).iter().map(|r| (r.series.key.id(), r.value, r.t_s)).collect()
    };
    assert_eq!(at(0.6), vec![("latency_p50".into(), Some(1.5), 0.5), ("latency_p99".into(), Some(9.0), 0.5)]);
    assert_eq!(at(0.9)[0], ("latency_p50".into(), None, 1.0), "no value where nothing was processed");
    assert_eq!(at(1.7)[1], ("latency_p99".into(), Some(2.0), 1.5));
    assert!(at(1.8).is_empty(), "past the last point by more than half a bucket");
    assert!(at(0.2).is_empty());
    assert!(at(f64::NAN).is_empty());
}

#[test]
fn x_range_runs_to_the_horizon_or_the_data() {
    let mut data = ChartData::new();
    assert_eq!(data.x_range(), (0.0, 1.0), "empty: still some width");
    data.set_run(RunId::A, small_run());
    assert_eq!(data.x_range(), (0.0, 1.5));
    data.set_horizon_s(Some(60.0));
    assert_eq!(data.x_range(), (0.0, 60.0));
    assert_eq!(data.x_axis(8).ticks().len(), 7);
}

#[test]
fn compare_mode_overlays_b_beside_a_with_the_same_colours() {
    let mut data = ChartData::new();
    data.set_run(RunId::A, small_run());
    assert!(!data.is_compare());
    // B has a third queue and twice the traffic.
    let mut b = RunSeries::new(0.5, &["zeta".into(), "alpha".into(), "beta".into()]);
    let mut b0 = bucket(0);
    b0.produced = 40;
    b0.backlog = vec![1, 2, 30];
    b.push_bucket(&b0);
    data.set_run(RunId::B, b);
    assert!(data.is_compare());
    let backlog: Vec<String> = data.series(Chart::Backlog).iter().map(|s| s.key.id()).collect();
    assert_eq!(backlog, ["backlog:alpha", "backlog:zeta", "backlog:beta"], "A's first, then B's own");
    let throughput = data.series(Chart::Throughput);
    assert_eq!(throughput[0].colour, PALETTE[0]);
    assert_eq!(throughput[3].colour, PALETTE[3]);
    assert_eq!(data.y_max(Chart::Throughput), 80.0);
    assert_eq!(data.y_max(Chart::Backlog), 30.0);
    let readings = data.value_at(Chart::Throughput, 0.5);
    let produced: Vec<(RunId, Option<f64>)> =
        readings.iter().filter(|r| r.series.key == SeriesKey::Produced).map(|r| (r.run, r.value)).collect();
    assert_eq!(produced, [(RunId::A, Some(20.0)), (RunId::B, Some(80.0))]);
    data.set_run_visible(RunId::B, false);
    assert_eq!(data.y_max(Chart::Throughput), 20.0);
    data.remove_run(RunId::B);
    assert!(!data.is_compare());
}

#[test]
fn series_without_data_are_marked() {
    let mut data = ChartData::new();
    data.set_run(RunId::A, small_run());
    let lost = data.series(Chart::Lost);
    let with_data: Vec<String> = lost.iter().filter(|s| s.has_data).map(|s| s.key.id()).collect();
    assert_eq!(with_data, ["lost:network", "lost:overflow"]);
    assert_eq!(lost.len(), LossCause::COUNT);
}

#[test]
fn series_keys_have_stable_ids_and_names() {
    assert_eq!(SeriesKey::Backlog("q1".into()).id(), "backlog:q1");
    assert_eq!(SeriesKey::Lost("broker_crash".into()).english(), "broker crash");
    assert_eq!(SeriesKey::OutOfOrder.id(), "out_of_order");
    assert_eq!(SeriesKey::DeadLettered.english(), "dead lettered");
    for chart in Chart::ALL {
        assert!(!chart.key().is_empty());
    }
}

#[test]
fn downsampling_keeps_a_one_point_spike() {
    let n = 2000;
    let xs: Vec<f64> = (0..n).map(|i| i as f64 * 0.01).collect();
    let mut ys: Vec<f64> = (0..n).map(|i| 100.0 + (i % 7) as f64).collect();
    ys[1234] = 5000.0;
    ys[777] = 0.0;
    let columns = 300;
    let segments = min_max_per_column(&xs, &ys, 0.0, 20.0, columns);
    assert_eq!(segments.len(), 1);
    let points = &segments[0];
    assert!(points.len() <= 2 * columns, "{} points for {columns} columns", points.len());
    assert!(points.len() >= columns - 1);
    assert!(points.contains(&(xs[1234], 5000.0)), "the spike survives");
    assert!(points.contains(&(xs[777], 0.0)), "the dip survives");
    assert!(points.windows(2).all(|w| w[0].0 < w[1].0), "still in time order");
    // Per column, at most two points.
    let mut per_column = std::collections::BTreeMap::new();
    for (x, _) in points {
        *per_column.entry((x / 20.0 * columns as f64).floor() as i64).or_insert(0) += 1;
    }
    assert!(per_column.values().all(|&c| c <= 2));
}

#[test]
fn downsampling_splits_at_gaps_and_leaves_short_series_alone() {
    let xs = [1.0, 2.0, 3.0, 4.0, 5.0];
    let ys = [1.0, f64::NAN, 3.0, 4.0, f64::NAN];
    let segments = min_max_per_column(&xs, &ys, 0.0, 5.0, 100);
    assert_eq!(segments, vec![vec![(1.0, 1.0)], vec![(3.0, 3.0), (4.0, 4.0)]]);
    // Thinned, a gap still breaks the line.
    let xs: Vec<f64> = (0..100).map(|i| i as f64).collect();
    let mut ys: Vec<f64> = xs.clone();
    ys[50] = f64::NAN;
    let segments = min_max_per_column(&xs, &ys, 0.0, 100.0, 10);
    assert_eq!(segments.len(), 2);
    assert_eq!(segments[0].first(), Some(&(0.0, 0.0)));
    assert_eq!(segments[0].last(), Some(&(49.0, 49.0)));
    assert_eq!(segments[1].first(), Some(&(51.0, 51.0)));
    assert!(min_max_per_column(&[], &[], 0.0, 1.0, 10).is_empty());
}

/// A report as `report_to_json` writes it, three buckets of 500 ms and two queues (one with a
/// comma in its id, which CSV must quote).
fn small_report() -> Value {
    let zeros = json!([0, 0, 0]);
    let mut by_cause = serde_json::Map::new();
    for cause in LossCause::ALL {
        by_cause.insert(cause.name().into(), zeros.clone());
    }
    by_cause.insert("overflow".into(), json!([2, 3, 0]));
    by_cause.insert("network".into(), json!([0, 1, 0]));
    let mut totals_by_cause = serde_json::Map::new();
    for cause in LossCause::ALL {
        totals_by_cause.insert(cause.name().into(), json!(0));
    }
    totals_by_cause.insert("overflow".into(), json!(5));
    totals_by_cause.insert("network".into(), json!(1));
    json!({
        "totals": {"produced": 15, "processed": 6, "duplicates": 1, "lost": 6, "expired": 2,
                   "dead_lettered": 0, "rejected": 0, "in_flight": 1, "out_of_order": 1},
        "lost_by_cause": totals_by_cause,
        "latency_ms": {"count": 6, "mean": 1.25, "p50": 1.5, "p99": 9.0, "max": 9.001},
        "publish_latency_ms": {"count": 15, "mean": 0.1, "p50": 0.1, "p99": 0.3, "max": 0.35},
        "series": {
            "bucket_ms": 500.0,
            "t_s": [0.0, 0.5, 1.0],
            "produced": [10, 5, 0],
            "confirmed": [8, 0, 0],
            "delivered": [6, 0, 0],
            "processed": [4, 0, 2],
            "lost": [2, 4, 0],
            "lost_by_cause": by_cause,
            "expired": [0, 2, 0],
            "dead_lettered": [0, 0, 0],
            "rejected": [0, 0, 0],
            "duplicates": [1, 0, 0],
            "out_of_order": [0, 0, 1],
            "latency_p50_ms": [1.5, 0.0, 2.0],
            "latency_p99_ms": [9.0, 0.0, 0.123],
            "backlog": {"alpha": [3, 1, 0], "b,\"q\"": [7, 9, 12_345_678_901_234u64]},
        },
        "end_s": 1.5,
        "events": 321,
    })
}

#[test]
fn report_csv_has_one_row_per_bucket_and_exact_numbers() {
    expect![[r#"
        t_s,bucket_ms,produced_msgs,confirmed_msgs,delivered_msgs,processed_msgs,lost_msgs,lost_network_msgs,lost_broker_down_msgs,lost_unroutable_msgs,lost_overflow_msgs,lost_broker_crash_msgs,lost_queue_unavailable_msgs,lost_consumer_crash_msgs,lost_consumer_link_msgs,lost_discarded_msgs,expired_msgs,dead_lettered_msgs,rejected_msgs,duplicates_msgs,out_of_order_msgs,latency_p50_ms,latency_p99_ms,backlog_alpha_msgs,"backlog_b,""q""_msgs"
        0.0,500.0,10,8,6,4,2,0,0,0,2,0,0,0,0,0,0,0,0,1,0,1.5,9.0,3,7
        0.5,500.0,5,0,0,0,4,1,0,0,3,0,0,0,0,0,2,0,0,0,0,0.0,0.0,1,9
        1.0,500.0,0,0,0,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,2.0,0.123,0,12345678901234
    "#]]
    .assert_eq(&report_csv(&small_report()));
}

#[test]
fn totals_csv_lists_every_headline_number() {
    expect![[r#"
        name,value
        produced_msgs,15
        processed_msgs,6
        duplicates_msgs,1
        lost_msgs,6
        expired_msgs,2
        dead_lettered_msgs,0
        rejected_msgs,0
        in_flight_msgs,1
        out_of_order_msgs,1
        lost_network_msgs,1
        lost_broker_down_msgs,0
        lost_unroutable_msgs,0
        lost_overflow_msgs,5
        lost_broker_crash_msgs,0
        lost_queue_unavailable_msgs,0
        lost_consumer_crash_msgs,0
        lost_consumer_link_msgs,0
        lost_discarded_msgs,0
        latency_count_msgs,6
        latency_mean_ms,1.25
        latency_p50_ms,1.5
        latency_p99_ms,9.0
        latency_max_ms,9.001
        publish_latency_count_msgs,15
        publish_latency_mean_ms,0.1
        publish_latency_p50_ms,0.1
        publish_latency_p99_ms,0.3
        publish_latency_max_ms,0.35
        end_s,1.5
        events,321
    "#]]
    .assert_eq(&totals_csv(&small_report()));
}

#[test]
fn compare_totals_csv_puts_a_and_b_side_by_side() {
    let a = small_report();
    let mut b = small_report();
    b["totals"]["lost"] = json!(0);
    b["latency_ms"]["p99"] = json!(4.5);
    let csv = totals_csv_compare(&a, &b);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "name,a,b,b_minus_a");
    assert!(lines.contains(&"lost_msgs,6,0,-6"), "{csv}");
    assert!(lines.contains(&"latency_p99_ms,9.0,4.5,-4.5"), "{csv}");
    assert!(lines.contains(&"events,321,321,0"), "{csv}");
    assert!(csv.ends_with('\n') && !csv.contains('\r'));
}

#[test]
fn a_real_report_exports_every_bucket() {
    let json = mqlab_scenario::report_to_json(&preset_report(PRESET));
    let csv = report_csv(&json);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("t_s,bucket_ms,produced_msgs,"));
    assert!(header.ends_with(",latency_p99_ms,backlog_order_queue_msgs"));
    let columns = header.split(',').count();
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 60);
    assert!(rows.iter().all(|r| r.split(',').count() == columns));
    assert!(rows[10].starts_with("10.0,1000.0,1000,"), "{}", rows[10]);
    // Totals agree with the report's.
    let totals = totals_csv(&json);
    assert!(totals.contains(&format!("produced_msgs,{}\n", json["totals"]["produced"])));
}

#[test]
fn every_series_has_words_in_both_languages() {
    use mqlab_web::charts::labels::{chart_title, nothing_lost, series_label, x_axis_label, y_axis_label};
    use mqlab_web::i18n::Lang;
    let mut data = ChartData::new();
    data.set_run(RunId::A, small_run());
    for lang in Lang::ALL {
        assert!(!x_axis_label(lang).is_empty());
        assert!(nothing_lost(lang).ends_with(": 0"));
        for chart in Chart::ALL {
            assert!(!chart_title(lang, chart).is_empty());
            assert!(!y_axis_label(lang, chart).is_empty());
            for info in data.series(chart) {
                assert!(!series_label(lang, &info.key).is_empty(), "{lang:?} {:?}", info.key);
            }
        }
    }
    assert_eq!(series_label(Lang::En, &SeriesKey::Produced), "produced");
    assert_eq!(series_label(Lang::Zh, &SeriesKey::Produced), "生产");
    assert_eq!(series_label(Lang::Zh, &SeriesKey::Backlog("订单".into())), "订单");
    assert_eq!(series_label(Lang::En, &SeriesKey::Lost("broker_crash".into())), "broker crash");
    assert_eq!(series_label(Lang::En, &SeriesKey::Lost("meteor".into())), "meteor");
    assert_eq!(y_axis_label(Lang::En, Chart::Latency), "latency (ms)");
}

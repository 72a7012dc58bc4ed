//! The engine's report as JSON: fixed key order, times in milliseconds or seconds, component ids
//! as keys.
//!
//! Layout: `totals`, `lost_by_cause` (every cause, zeros included), `latency_ms` and
//! `publish_latency_ms` (`count`, `mean`, `p50`, `p99`, `max`), `series` (one array per measure,
//! one entry per bucket), `queues`, `producers`, `consumers` (keyed by id), `store`,
//! `littles_law`, `end_s`, `events`. docs/scenario.md describes every field.

use mqlab_engine::report::{Bucket, LatencySummary, LossCause, Report};
use serde_json::{json, Map, Value};

/// The report as a JSON value.
pub fn report_to_json(report: &Report) -> Value {
    json!({
        "totals": totals(report),
        "lost_by_cause": lost_by_cause(&report.lost_by_cause),
        "latency_ms": latency_ms(&report.latency),
        "publish_latency_ms": latency_ms(&report.publish_latency),
        "series": series(report),
        "queues": queues(report),
        "producers": producers(report),
        "consumers": consumers(report),
        "store": {
            "effects_applied": report.store.effects_applied,
            "duplicate_effects": report.store.duplicate_effects,
            "duplicates_absorbed": report.store.duplicates_absorbed,
            "dead_letters_applied": report.store.dead_letters_applied,
        },
        "littles_law": {
            "mean_in_system": report.littles_law.mean_in_system,
            "arrival_rate_per_s": report.littles_law.arrival_rate_per_s,
            "mean_time_in_system_ms": us_to_ms(report.littles_law.mean_time_in_system_us),
            // λW in the same unit as L, so the two sides of L = λW sit side by side.
            "arrival_rate_times_time_in_system": report.littles_law.arrival_rate_per_s
                * report.littles_law.mean_time_in_system_us / 1e6,
        },
        "examples": examples(report),
        "end_s": report.end_us as f64 / 1e6,
        "events": report.events,
    })
}

/// The first few message ids of each kind of ending, to pick one and trace it.
fn examples(report: &Report) -> Value {
    let e = &report.examples;
    let lost: Vec<Value> = e.lost.iter().map(|(id, cause)| json!({"id": id, "cause": cause.name()})).collect();
    json!({
        "lost": lost,
        "expired": e.expired,
        "dead_lettered": e.dead_lettered,
        "rejected": e.rejected,
        "duplicated": e.duplicated,
        "out_of_order": e.out_of_order,
    })
}

/// The report as compact JSON text (one line), keys in a fixed order.
pub fn report_to_string(report: &Report) -> String {
    report_to_json(report).to_string()
}

/// The same JSON indented, one value a line: the form the preset snapshots are kept in, so a
/// change to a report diffs line by line. It differs from [`report_to_string`] only in whitespace.
pub fn report_to_pretty_string(report: &Report) -> String {
    format!("{:#}", report_to_json(report))
}

fn us_to_ms(us: f64) -> f64 {
    us / 1_000.0
}

fn totals(report: &Report) -> Value {
    let t = &report.totals;
    json!({
        "produced": t.produced,
        "processed": t.processed,
        "duplicates": t.duplicates,
        "lost": t.lost,
        "expired": t.expired,
        "dead_lettered": t.dead_lettered,
        "rejected": t.rejected,
        "in_flight": t.in_flight,
        "out_of_order": t.out_of_order,
    })
}

fn lost_by_cause(counts: &[u64; LossCause::COUNT]) -> Value {
    let map: Map<String, Value> =
        LossCause::ALL.iter().map(|cause| (cause.name().to_string(), json!(counts[cause.index()]))).collect();
    Value::Object(map)
}

fn latency_ms(summary: &LatencySummary) -> Value {
    json!({
        "count": summary.count,
        "mean": us_to_ms(summary.mean_us),
        "p50": us_to_ms(summary.p50_us as f64),
        "p99": us_to_ms(summary.p99_us as f64),
        "max": us_to_ms(summary.max_us as f64),
    })
}

fn series(report: &Report) -> Value {
    let buckets = &report.series;
    let column = |measure: fn(&Bucket) -> u64| -> Value { buckets.iter().map(measure).collect() };
    let ms_column =
        |measure: fn(&Bucket) -> u64| -> Value { buckets.iter().map(|b| us_to_ms(measure(b) as f64)).collect() };
    let lost_by_cause: Map<String, Value> = LossCause::ALL
        .iter()
        .map(|cause| {
            let counts: Value = buckets.iter().map(|b| b.lost_by_cause[cause.index()]).collect();
            (cause.name().to_string(), counts)
        })
        .collect();
    // The engine keeps one backlog entry per queue, in the order of `report.queues`.
    let backlog: Map<String, Value> = report
        .queues
        .iter()
        .enumerate()
        .map(|(q, queue)| {
            let depths: Value = buckets.iter().map(|b| b.backlog.get(q).copied().unwrap_or(0)).collect();
            (queue.name.clone(), depths)
        })
        .collect();
    json!({
        "bucket_ms": us_to_ms(report.bucket_us as f64),
        "t_s": buckets.iter().map(|b| b.start_us as f64 / 1e6).collect::<Value>(),
        "produced": column(|b| b.produced),
        "confirmed": column(|b| b.confirmed),
        "delivered": column(|b| b.delivered),
        "processed": column(|b| b.processed),
        "lost": column(|b| b.lost_by_cause.iter().sum()),
        "lost_by_cause": lost_by_cause,
        "expired": column(|b| b.expired),
        "dead_lettered": column(|b| b.dead_lettered),
        "rejected": column(|b| b.rejected),
        "duplicates": column(|b| b.duplicates),
        "out_of_order": column(|b| b.out_of_order),
        "latency_p50_ms": ms_column(|b| b.latency_p50_us),
        "latency_p99_ms": ms_column(|b| b.latency_p99_us),
        "backlog": backlog,
    })
}

fn queues(report: &Report) -> Value {
    let map: Map<String, Value> = report
        .queues
        .iter()
        .map(|q| {
            let stats = json!({
                "enqueued": q.enqueued,
                "depth_max": q.depth_max,
                "depth_end": q.depth_end,
                "dead_letters_parked": q.dead_letters_parked,
            });
            (q.name.clone(), stats)
        })
        .collect();
    Value::Object(map)
}

fn producers(report: &Report) -> Value {
    let map: Map<String, Value> = report
        .producers
        .iter()
        .map(|p| {
            let stats = json!({
                "created": p.created,
                "sends": p.sends,
                "resends": p.resends,
                "confirmed": p.confirmed,
                "nacked": p.nacked,
                "timeouts": p.timeouts,
                "gave_up": p.gave_up,
            });
            (p.name.clone(), stats)
        })
        .collect();
    Value::Object(map)
}

fn consumers(report: &Report) -> Value {
    let map: Map<String, Value> = report
        .consumers
        .iter()
        .map(|c| {
            let stats = json!({
                "delivered": c.delivered,
                "redelivered": c.redelivered,
                "processed": c.processed,
                "failed": c.failed,
                "crashes": c.crashes,
                "utilisation": c.utilisation,
            });
            (c.name.clone(), stats)
        })
        .collect();
    Value::Object(map)
}

//! The accounting checker: invariants every report must satisfy, kept apart from the model it
//! checks. A report that fails any of them is an engine bug, never a property of the scenario.

use crate::report::Report;

/// Checks `report` and returns every broken invariant, one sentence each.
pub fn check_report(report: &Report) -> Result<(), Vec<String>> {
    let mut broken = Vec::new();
    let t = &report.totals;
    let ended = t.processed + t.lost + t.expired + t.dead_lettered + t.rejected + t.in_flight;
    if t.produced != ended {
        broken.push(format!(
            "conservation: produced {} != processed {} + lost {} + expired {} + dead_lettered {} + rejected {} + in_flight {} (= {ended})",
            t.produced, t.processed, t.lost, t.expired, t.dead_lettered, t.rejected, t.in_flight
        ));
    }
    let by_cause: u64 = report.lost_by_cause.iter().sum();
    if by_cause != t.lost {
        broken.push(format!("lost_by_cause adds up to {by_cause}, not lost = {}", t.lost));
    }
    if report.latency.count != t.processed {
        broken.push(format!("{} latencies recorded for {} processed messages", report.latency.count, t.processed));
    }
    let sum = |f: fn(&crate::report::Bucket) -> u64| report.series.iter().map(f).sum::<u64>();
    let series_checks: [(&str, u64, u64); 6] = [
        ("produced", sum(|b| b.produced), t.produced),
        ("expired", sum(|b| b.expired), t.expired),
        ("dead_lettered", sum(|b| b.dead_lettered), t.dead_lettered),
        ("rejected", sum(|b| b.rejected), t.rejected),
        ("duplicates", sum(|b| b.duplicates), t.duplicates),
        ("out_of_order", sum(|b| b.out_of_order), t.out_of_order),
    ];
    for (name, in_series, total) in series_checks {
        if in_series != total {
            broken.push(format!("series {name} adds up to {in_series}, the total is {total}"));
        }
    }
    let lost_in_series: u64 = report.series.iter().flat_map(|b| b.lost_by_cause.iter()).sum();
    if lost_in_series != t.lost {
        broken.push(format!("series lost adds up to {lost_in_series}, the total is {}", t.lost));
    }
    for pair in report.series.windows(2) {
        if pair[1].start_us != pair[0].start_us + report.bucket_us {
            broken
                .push(format!("bucket at {} us does not follow the one at {} us", pair[1].start_us, pair[0].start_us));
            break;
        }
    }
    if report.store.duplicate_effects != t.duplicates {
        broken.push(format!(
            "the store saw {} duplicate effects, the totals say {}",
            report.store.duplicate_effects, t.duplicates
        ));
    }
    let l = &report.littles_law;
    let lambda_w = l.arrival_rate_per_s * l.mean_time_in_system_us / 1e6;
    if (l.mean_in_system - lambda_w).abs() > 1e-6 * l.mean_in_system.max(1.0) {
        broken.push(format!("Little's law: L = {} but λW = {lambda_w}", l.mean_in_system));
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(broken)
    }
}

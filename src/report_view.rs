//! Turns the report JSON (`mqlab_scenario::report_to_json`) into the rows the page shows.
//!
//! Plain data with no browser dependency, so it is tested natively. The page reads the report
//! through its JSON form on purpose: it is the same object `mqlab run` prints, so the browser and
//! the CLI cannot drift apart in what they call a total.

use serde_json::Value;

/// The report's totals, in the order the page lists them. Each becomes a cell with
/// `data-testid="total-<name>"` whose text is the number alone.
pub const TOTAL_NAMES: [&str; 9] = [
    "produced",
    "processed",
    "duplicates",
    "lost",
    "expired",
    "dead_lettered",
    "rejected",
    "in_flight",
    "out_of_order",
];

/// What the page needs from one finished run.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportView {
    /// `(name, count)` for every name of [`TOTAL_NAMES`], in that order.
    pub totals: Vec<(&'static str, u64)>,
    /// `(cause, count)` for the causes that lost at least one message, in the report's order;
    /// their sum is the `lost` total.
    pub lost_by_cause: Vec<(String, u64)>,
    /// Latency from creation to processing, in milliseconds, written as the report writes it.
    pub latency_ms_p50: String,
    pub latency_ms_p99: String,
}

impl ReportView {
    /// Reads the fields the page shows; names the first one that is missing or not a number.
    pub fn from_json(report: &Value) -> Result<ReportView, String> {
        let totals_json = report.get("totals").ok_or_else(|| "the report has no \"totals\"".to_string())?;
        let mut totals = Vec::with_capacity(TOTAL_NAMES.len());
        for name in TOTAL_NAMES {
            let count = totals_json
                .get(name)
                .and_then(Value::as_u64)
                .ok_or_else(|| format!("the report's totals.{name} is missing or not a count"))?;
            totals.push((name, count));
        }

        let mut lost_by_cause = Vec::new();
        if let Some(causes) = report.get("lost_by_cause").and_then(Value::as_object) {
            for (cause, count) in causes {
                let count =
                    count.as_u64().ok_or_else(|| format!("the report's lost_by_cause.{cause} is not a count"))?;
                if count > 0 {
                    lost_by_cause.push((cause.clone(), count));
                }
            }
        }

        let latency = |key: &str| -> Result<String, String> {
            report
                .get("latency_ms")
                .and_then(|latency| latency.get(key))
                .filter(|value| value.is_number() || value.is_null())
                .map(|value| if value.is_null() { "–".to_string() } else { value.to_string() })
                .ok_or_else(|| format!("the report's latency_ms.{key} is missing"))
        };

        Ok(ReportView { totals, lost_by_cause, latency_ms_p50: latency("p50")?, latency_ms_p99: latency("p99")? })
    }

    /// The count of one total, if that name is one of [`TOTAL_NAMES`].
    pub fn total(&self, name: &str) -> Option<u64> {
        self.totals.iter().find(|(n, _)| *n == name).map(|(_, count)| *count)
    }

    /// Whether every produced message has exactly one ending (the conservation invariant in `ARCHITECTURE.md`). The engine's checker
    /// enforces this; the page shows it so a learner can see the books balance.
    pub fn balances(&self) -> bool {
        let get = |name| self.total(name).unwrap_or(0);
        get("produced")
            == get("processed")
                + get("lost")
                + get("expired")
                + get("dead_lettered")
                + get("rejected")
                + get("in_flight")
    }
}

/// A total's name as a person reads it: `dead_lettered` → `dead-lettered`.
pub fn label(name: &str) -> String {
    match name {
        "in_flight" => "in flight".to_string(),
        "out_of_order" => "out of order".to_string(),
        other => other.replace('_', "-"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "totals": {
                "produced": 10, "processed": 6, "duplicates": 1, "lost": 2, "expired": 1,
                "dead_lettered": 0, "rejected": 1, "in_flight": 0, "out_of_order": 3
            },
            "lost_by_cause": { "network": 2, "overflow": 0 },
            "latency_ms": { "mean": 1.5, "p50": 1.25, "p99": 4.0 }
        })
    }

    #[test]
    fn reads_every_total_in_order() {
        let view = ReportView::from_json(&sample()).unwrap();
        let names: Vec<_> = view.totals.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, TOTAL_NAMES);
        assert_eq!(view.total("lost"), Some(2));
        assert_eq!(view.lost_by_cause, vec![("network".to_string(), 2)]);
        assert_eq!(view.latency_ms_p50, "1.25");
        assert_eq!(view.latency_ms_p99, "4.0");
        assert!(view.balances());
    }

    #[test]
    fn names_the_missing_field() {
        let mut report = sample();
        report["totals"].as_object_mut().unwrap().remove("rejected");
        let error = ReportView::from_json(&report).unwrap_err();
        assert!(error.contains("totals.rejected"), "{error}");
    }

    #[test]
    fn unbalanced_books_are_seen() {
        let mut report = sample();
        report["totals"]["produced"] = json!(11);
        assert!(!ReportView::from_json(&report).unwrap().balances());
    }

    #[test]
    fn labels_read_as_words() {
        assert_eq!(label("dead_lettered"), "dead-lettered");
        assert_eq!(label("in_flight"), "in flight");
        assert_eq!(label("produced"), "produced");
    }
}

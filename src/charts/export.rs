//! The report as CSV for spreadsheets: one row per bucket ([`report_csv`]), and the totals
//! ([`totals_csv`], or A and B side by side with [`totals_csv_compare`]).
//!
//! Headers are stable snake_case with the unit last (`produced_msgs`, `latency_p99_ms`,
//! `backlog_<queue>_msgs`). Numbers are written exactly as the report JSON has them (no rounding,
//! no thousands separators, `.` as the decimal point, whatever the page's language); lines end
//! with `\n`. A field holding a comma, a quote or a line break is quoted (RFC 4180).

use mqlab_engine::report::LossCause;
use serde_json::Value;

/// The per-bucket counts of the report's `series`, in column order after `t_s` and `bucket_ms`.
const COUNT_COLUMNS_BEFORE_CAUSES: [&str; 5] = ["produced", "confirmed", "delivered", "processed", "lost"];
const COUNT_COLUMNS_AFTER_CAUSES: [&str; 5] = ["expired", "dead_lettered", "rejected", "duplicates", "out_of_order"];

// The report's totals, in the order docs/scenario.md lists them (one list for the page and
// the exports).
use crate::report_view::TOTAL_NAMES as TOTALS;

/// One row per bucket of the report JSON's `series`, one column per series:
/// `t_s` (bucket start), `bucket_ms`, the counts in each bucket (`produced_msgs`, `confirmed_msgs`,
/// `delivered_msgs`, `processed_msgs`, `lost_msgs`, `lost_<cause>_msgs` for every cause,
/// `expired_msgs`, `dead_lettered_msgs`, `rejected_msgs`, `duplicates_msgs`,
/// `out_of_order_msgs`), `latency_p50_ms`, `latency_p99_ms`, and `backlog_<queue>_msgs` per
/// queue (by id). A missing value is an empty field.
pub fn report_csv(report: &Value) -> String {
    let series = report.get("series").unwrap_or(&Value::Null);
    fn array(value: Option<&Value>) -> Column<'_> {
        Column::Values(value.and_then(Value::as_array))
    }
    let mut columns: Vec<(String, Column)> = Vec::new();
    columns.push(("t_s".into(), array(series.get("t_s"))));
    let bucket_ms = series.get("bucket_ms").map(number).unwrap_or_default();
    columns.push(("bucket_ms".into(), Column::Same(bucket_ms)));
    for name in COUNT_COLUMNS_BEFORE_CAUSES {
        columns.push((format!("{name}_msgs"), array(series.get(name))));
    }
    let by_cause = series.get("lost_by_cause");
    for cause in cause_names(by_cause) {
        columns.push((format!("lost_{cause}_msgs"), array(by_cause.and_then(|m| m.get(&cause)))));
    }
    for name in COUNT_COLUMNS_AFTER_CAUSES {
        columns.push((format!("{name}_msgs"), array(series.get(name))));
    }
    for name in ["latency_p50_ms", "latency_p99_ms"] {
        columns.push((name.into(), array(series.get(name))));
    }
    if let Some(Value::Object(backlog)) = series.get("backlog") {
        // serde_json keeps object keys sorted: queues come in id order.
        for (queue, depths) in backlog {
            columns.push((format!("backlog_{queue}_msgs"), Column::Values(depths.as_array())));
        }
    }
    let rows = columns
        .iter()
        .filter_map(|(_, column)| match column {
            Column::Values(values) => values.map(|v| v.len()),
            Column::Same(_) => None,
        })
        .max()
        .unwrap_or(0);

    let mut out = String::new();
    push_row(&mut out, columns.iter().map(|(name, _)| name.as_str()));
    for row in 0..rows {
        let cells = columns.iter().map(|(_, column)| match column {
            Column::Values(values) => values.and_then(|v| v.get(row)).map(number).unwrap_or_default(),
            Column::Same(value) => value.clone(),
        });
        push_row(&mut out, cells);
    }
    out
}

/// Where a CSV column's fields come from.
enum Column<'a> {
    /// One field per bucket (a missing array gives empty fields).
    Values(Option<&'a Vec<Value>>),
    /// The same field on every row.
    Same(String),
}

/// The report's headline numbers as `name,value` rows: the totals (`produced_msgs`, …,
/// `out_of_order_msgs`), lost by cause (`lost_<cause>_msgs`), end-to-end and publish latency
/// (`latency_count_msgs`, `latency_mean_ms`, `latency_p50_ms`, `latency_p99_ms`,
/// `latency_max_ms`, and the same with `publish_`), `end_s` and `events`.
pub fn totals_csv(report: &Value) -> String {
    let mut out = String::new();
    push_row(&mut out, ["name", "value"].iter());
    for (name, value) in totals_rows(report) {
        push_row(&mut out, [name, value.as_ref().map(number).unwrap_or_default()].iter());
    }
    out
}

/// One headline number of runs A and B, as compare mode's table and CSV show it.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    /// As in [`totals_csv`]: `lost_msgs`, `lost_network_msgs`, `latency_p99_ms`, …
    pub name: String,
    pub a: Option<Value>,
    pub b: Option<Value>,
    /// `b − a` as written in the CSV; empty when either is missing.
    pub b_minus_a: String,
}

/// The rows of [`totals_csv`] for runs A and B side by side, A's order first.
pub fn compare_rows(a: &Value, b: &Value) -> Vec<CompareRow> {
    let rows_a = totals_rows(a);
    let rows_b = totals_rows(b);
    let mut names: Vec<&String> = rows_a.iter().map(|(n, _)| n).collect();
    for (name, _) in &rows_b {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let find = |rows: &[(String, Option<Value>)], name: &str| -> Option<Value> {
        rows.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.clone())
    };
    names
        .into_iter()
        .map(|name| {
            let (va, vb) = (find(&rows_a, name), find(&rows_b, name));
            let b_minus_a = match (&va, &vb) {
                (Some(x), Some(y)) => difference(x, y),
                _ => String::new(),
            };
            CompareRow { name: name.clone(), a: va, b: vb, b_minus_a }
        })
        .collect()
}

/// Compare mode's totals: `name,a,b,b_minus_a`, the rows of [`totals_csv`].
pub fn totals_csv_compare(a: &Value, b: &Value) -> String {
    let mut out = String::new();
    push_row(&mut out, ["name", "a", "b", "b_minus_a"].iter());
    for row in compare_rows(a, b) {
        let cell = |v: &Option<Value>| v.as_ref().map(number).unwrap_or_default();
        push_row(&mut out, [row.name, cell(&row.a), cell(&row.b), row.b_minus_a].iter());
    }
    out
}

/// `(name, value)` of each headline number, in a fixed order.
fn totals_rows(report: &Value) -> Vec<(String, Option<Value>)> {
    let mut rows = Vec::new();
    let totals = report.get("totals");
    let mut names: Vec<String> = TOTALS.iter().map(|s| s.to_string()).collect();
    if let Some(Value::Object(map)) = totals {
        // A total this version does not know is kept, after the known ones.
        names.extend(map.keys().filter(|k| !TOTALS.contains(&k.as_str())).cloned());
    }
    for name in names {
        rows.push((format!("{name}_msgs"), totals.and_then(|t| t.get(&name)).cloned()));
    }
    let by_cause = report.get("lost_by_cause");
    for cause in cause_names(by_cause) {
        rows.push((format!("lost_{cause}_msgs"), by_cause.and_then(|m| m.get(&cause)).cloned()));
    }
    for (prefix, key) in [("latency", "latency_ms"), ("publish_latency", "publish_latency_ms")] {
        let summary = report.get(key);
        rows.push((format!("{prefix}_count_msgs"), summary.and_then(|s| s.get("count")).cloned()));
        for field in ["mean", "p50", "p99", "max"] {
            rows.push((format!("{prefix}_{field}_ms"), summary.and_then(|s| s.get(field)).cloned()));
        }
    }
    rows.push(("end_s".into(), report.get("end_s").cloned()));
    rows.push(("events".into(), report.get("events").cloned()));
    rows
}

/// Every engine cause in the engine's order, then any other the object holds (sorted).
fn cause_names(by_cause: Option<&Value>) -> Vec<String> {
    let mut names: Vec<String> = LossCause::ALL.iter().map(|c| c.name().to_string()).collect();
    if let Some(Value::Object(map)) = by_cause {
        let extra: Vec<String> = map.keys().filter(|k| !names.contains(k)).cloned().collect();
        names.extend(extra);
    }
    names
}

/// A number exactly as JSON writes it; anything else is an empty field.
fn number(value: &Value) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// `b - a`: exact for whole numbers, else in floating point.
fn difference(a: &Value, b: &Value) -> String {
    match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
        (Some(x), Some(y), _, _) => (y as i128 - x as i128).to_string(),
        (_, _, Some(x), Some(y)) => (y as i128 - x as i128).to_string(),
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => serde_json::Number::from_f64(y - x).map(|n| n.to_string()).unwrap_or_default(),
            _ => String::new(),
        },
    }
}

fn push_row<S: AsRef<str>>(out: &mut String, cells: impl Iterator<Item = S>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = cell.as_ref();
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
}

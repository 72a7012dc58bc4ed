//! One run's series in display units, built up a bucket at a time from the engine's [`Bucket`]s
//! as the worker sends them, or from a finished report's JSON `series` (docs/scenario.md,
//! "Report JSON"); both paths give the same numbers (a test checks it).
//!
//! Display units: rates in messages per second (a bucket's count ÷ the bucket's seconds), backlog
//! in messages, latency in milliseconds, lost and anomalies as running totals. Each point sits at
//! its bucket's *end*: backlog is measured there and a running total is complete there, and a
//! live chart's line then reaches the current-time marker. Latency in a bucket where nothing was
//! processed is no value (a gap in the line), not 0.
//!
//! Backlog series are in queue id order (as the report JSON sorts them, so a live run and its
//! finished report agree), loss causes in the engine's order.

use mqlab_engine::config::Config;
use mqlab_engine::report::{Bucket, LossCause};
use serde_json::Value;

use super::catalogue::{Chart, SeriesKey};

/// How a column turns a bucket's raw number into its display value.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// Count ÷ bucket seconds.
    Rate,
    /// As is (backlog).
    Level,
    /// Milliseconds; no value when the bucket processed nothing.
    Latency,
    /// Running total of the counts.
    Cumulative,
}

#[derive(Clone, Debug)]
struct Column {
    key: SeriesKey,
    kind: Kind,
    /// Where a backlog or loss count sits in an engine bucket (queue or cause index); `None` for
    /// a cause the engine does not know (it can only come from JSON).
    index: Option<usize>,
    values: Vec<f64>,
    total: f64,
}

/// The limit on buckets a run keeps (the engine makes at most 2,000; a JSON may claim more).
pub const BUCKETS_MAX: usize = 100_000;

/// One run's series in display units, one point per bucket.
#[derive(Clone, Debug)]
pub struct RunSeries {
    bucket_s: f64,
    /// Bucket starts, as the report's `t_s`.
    t_s: Vec<f64>,
    /// Point positions: bucket ends.
    x_s: Vec<f64>,
    /// Queue ids in the engine's order (the order of `Bucket::backlog`).
    queues: Vec<String>,
    columns: Vec<Column>,
}

impl RunSeries {
    /// An empty run whose buckets are `bucket_s` wide and whose queues, in the engine's order
    /// (the order of [`Bucket::backlog`]), are `queue_ids`.
    pub fn new(bucket_s: f64, queue_ids: &[String]) -> RunSeries {
        let causes: Vec<String> = LossCause::ALL.iter().map(|c| c.name().to_string()).collect();
        Self::with_columns(bucket_s, queue_ids.to_vec(), &causes)
    }

    /// An empty run for a validated scenario: its bucket width and its queues.
    pub fn for_config(config: &Config) -> RunSeries {
        let queues: Vec<String> = config.queues.iter().map(|q| q.name.clone()).collect();
        Self::new(config.bucket_us as f64 / 1e6, &queues)
    }

    /// A run built from engine buckets, all at once.
    pub fn from_buckets(bucket_s: f64, queue_ids: &[String], buckets: &[Bucket]) -> RunSeries {
        let mut run = Self::new(bucket_s, queue_ids);
        run.push_buckets(buckets);
        run
    }

    /// A run built from a report JSON (the whole report, or its `series` object alone).
    pub fn from_report_json(report: &Value) -> Result<RunSeries, String> {
        let series = report.get("series").unwrap_or(report);
        let object = series.as_object().ok_or_else(|| "the report has no \"series\" object".to_string())?;
        let bucket_s = match object.get("bucket_ms").and_then(Value::as_f64) {
            Some(ms) if ms > 0.0 => ms / 1000.0,
            _ => return Err("series.bucket_ms is missing or not a positive number".to_string()),
        };
        // serde_json sorts object keys, so queues arrive in id order; the engine order is lost,
        // and the display order is by id anyway.
        let queues: Vec<String> = match object.get("backlog") {
            Some(Value::Object(map)) => map.keys().cloned().collect(),
            Some(_) => return Err("series.backlog is not an object".to_string()),
            None => Vec::new(),
        };
        let mut causes: Vec<String> = LossCause::ALL.iter().map(|c| c.name().to_string()).collect();
        match object.get("lost_by_cause") {
            Some(Value::Object(map)) => {
                // A cause this version does not know is kept, after the known ones.
                causes.extend(map.keys().filter(|k| !causes.contains(k)).cloned().collect::<Vec<_>>())
            }
            Some(_) => return Err("series.lost_by_cause is not an object".to_string()),
            None => {}
        }
        let mut run = Self::with_columns(bucket_s, queues, &causes);
        run.extend_from_series_json(series)?;
        Ok(run)
    }

    fn with_columns(bucket_s: f64, queues: Vec<String>, causes: &[String]) -> RunSeries {
        let bucket_s = if bucket_s.is_finite() && bucket_s > 0.0 { bucket_s } else { 1.0 };
        let mut columns = Vec::new();
        let mut add = |key: SeriesKey, kind: Kind, index: Option<usize>| {
            columns.push(Column { key, kind, index, values: Vec::new(), total: 0.0 })
        };
        for key in [SeriesKey::Produced, SeriesKey::Confirmed, SeriesKey::Delivered, SeriesKey::Processed] {
            add(key, Kind::Rate, None);
        }
        let mut by_id: Vec<(usize, &String)> = queues.iter().enumerate().collect();
        by_id.sort_unstable_by(|a, b| a.1.cmp(b.1)); // Ids are unique.
        for (index, id) in by_id {
            add(SeriesKey::Backlog(id.clone()), Kind::Level, Some(index));
        }
        add(SeriesKey::LatencyP50, Kind::Latency, None);
        add(SeriesKey::LatencyP99, Kind::Latency, None);
        for cause in causes {
            let index = LossCause::ALL.iter().position(|c| c.name() == cause);
            add(SeriesKey::Lost(cause.clone()), Kind::Cumulative, index);
        }
        for key in [SeriesKey::Duplicates, SeriesKey::OutOfOrder, SeriesKey::Expired, SeriesKey::DeadLettered] {
            add(key, Kind::Cumulative, None);
        }
        RunSeries { bucket_s, t_s: Vec::new(), x_s: Vec::new(), queues, columns }
    }

    /// Appends one engine bucket. Buckets must come in order; one past [`BUCKETS_MAX`] is dropped.
    pub fn push_bucket(&mut self, bucket: &Bucket) {
        let raw = |column: &Column| -> f64 {
            let count = match &column.key {
                SeriesKey::Produced => bucket.produced,
                SeriesKey::Confirmed => bucket.confirmed,
                SeriesKey::Delivered => bucket.delivered,
                SeriesKey::Processed => bucket.processed,
                SeriesKey::Backlog(_) => column.index.and_then(|q| bucket.backlog.get(q).copied()).unwrap_or(0),
                SeriesKey::LatencyP50 => return bucket.latency_p50_us as f64 / 1000.0,
                SeriesKey::LatencyP99 => return bucket.latency_p99_us as f64 / 1000.0,
                SeriesKey::Lost(_) => column.index.map_or(0, |c| bucket.lost_by_cause[c]),
                SeriesKey::Duplicates => bucket.duplicates,
                SeriesKey::OutOfOrder => bucket.out_of_order,
                SeriesKey::Expired => bucket.expired,
                SeriesKey::DeadLettered => bucket.dead_lettered,
            };
            count as f64
        };
        let raws: Vec<f64> = self.columns.iter().map(raw).collect();
        self.push_raw(bucket.start_us as f64 / 1e6, &raws, bucket.processed as f64);
    }

    pub fn push_buckets(&mut self, buckets: &[Bucket]) {
        for bucket in buckets {
            self.push_bucket(bucket);
        }
    }

    /// Brings the run up to date with the engine's closed buckets so far
    /// (`Simulation::closed_buckets`): appends the ones it has not seen. Fewer buckets than it
    /// holds means the run went back (a reset or a scrub re-run): it starts over.
    pub fn sync_buckets(&mut self, closed: &[Bucket]) {
        if closed.len() < self.len() {
            self.clear();
        }
        let seen = self.len();
        self.push_buckets(&closed[seen..]);
    }

    /// Appends the buckets of a report JSON `series` object (a whole one, or one holding only
    /// the buckets that are new). Its queues and causes must be this run's.
    pub fn extend_from_series_json(&mut self, series: &Value) -> Result<(), String> {
        let t_s = number_array(series, "t_s", &["t_s"])?;
        let n = t_s.len();
        let processed = number_array(series, "processed", &["processed"])?;
        let mut arrays: Vec<Vec<f64>> = Vec::with_capacity(self.columns.len());
        for column in &self.columns {
            let (name, path): (String, Vec<&str>) = match &column.key {
                SeriesKey::Backlog(q) => (format!("backlog.{q}"), vec!["backlog", q]),
                SeriesKey::Lost(c) => (format!("lost_by_cause.{c}"), vec!["lost_by_cause", c]),
                SeriesKey::LatencyP50 => ("latency_p50_ms".into(), vec!["latency_p50_ms"]),
                SeriesKey::LatencyP99 => ("latency_p99_ms".into(), vec!["latency_p99_ms"]),
                other => (other.name_key().into(), vec![other.name_key()]),
            };
            let values = number_array(series, &name, &path)?;
            if values.len() != n {
                return Err(format!("series.{name} has {} entries; series.t_s has {n}", values.len()));
            }
            arrays.push(values);
        }
        if processed.len() != n {
            return Err(format!("series.processed has {} entries; series.t_s has {n}", processed.len()));
        }
        let mut raws = vec![0.0; self.columns.len()];
        for i in 0..n {
            for (raw, values) in raws.iter_mut().zip(&arrays) {
                *raw = values[i];
            }
            self.push_raw(t_s[i], &raws, processed[i]);
        }
        Ok(())
    }

    fn push_raw(&mut self, start_s: f64, raws: &[f64], processed: f64) {
        if self.t_s.len() >= BUCKETS_MAX {
            return;
        }
        self.t_s.push(start_s);
        self.x_s.push(start_s + self.bucket_s);
        for (column, &raw) in self.columns.iter_mut().zip(raws) {
            let value = match column.kind {
                Kind::Rate => raw / self.bucket_s,
                Kind::Level => raw,
                Kind::Latency if processed == 0.0 && raw == 0.0 => f64::NAN,
                Kind::Latency => raw,
                Kind::Cumulative => {
                    column.total += raw;
                    column.total
                }
            };
            column.values.push(value);
        }
    }

    /// Keeps the first `len` buckets (a worker's frame says where its new buckets go: after a
    /// seek back it re-sends from an earlier bucket). Running totals are taken back with them.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len() {
            return;
        }
        self.t_s.truncate(len);
        self.x_s.truncate(len);
        for column in &mut self.columns {
            column.values.truncate(len);
            if column.kind == Kind::Cumulative {
                column.total = column.values.last().copied().unwrap_or(0.0);
            }
        }
    }

    /// Forgets every bucket (the queues and causes stay).
    pub fn clear(&mut self) {
        self.t_s.clear();
        self.x_s.clear();
        for column in &mut self.columns {
            column.values.clear();
            column.total = 0.0;
        }
    }

    /// Number of buckets.
    pub fn len(&self) -> usize {
        self.t_s.len()
    }

    pub fn is_empty(&self) -> bool {
        self.t_s.is_empty()
    }

    pub fn bucket_s(&self) -> f64 {
        self.bucket_s
    }

    /// Bucket starts in seconds (the report's `t_s`).
    pub fn t_s(&self) -> &[f64] {
        &self.t_s
    }

    /// Where each point is drawn: its bucket's end, in seconds.
    pub fn x_s(&self) -> &[f64] {
        &self.x_s
    }

    /// The end of the last bucket (0 when there is none).
    pub fn end_s(&self) -> f64 {
        self.x_s.last().copied().unwrap_or(0.0)
    }

    /// Queue ids in the engine's order.
    pub fn queue_ids(&self) -> &[String] {
        &self.queues
    }

    /// The keys of a chart's series in this run, in display order.
    pub fn keys(&self, chart: Chart) -> impl Iterator<Item = &SeriesKey> {
        self.columns.iter().map(|c| &c.key).filter(move |k| k.chart() == chart)
    }

    /// A series' display values, one per bucket (NaN: no value), or `None` if the run has no
    /// such series.
    pub fn values(&self, key: &SeriesKey) -> Option<&[f64]> {
        self.columns.iter().find(|c| &c.key == key).map(|c| c.values.as_slice())
    }

    /// The index of the point nearest `t_s`, if `t_s` is within half a bucket of the data.
    pub fn nearest_index(&self, t_s: f64) -> Option<usize> {
        let first = *self.x_s.first()?;
        let last = *self.x_s.last()?;
        let half = self.bucket_s / 2.0;
        if !t_s.is_finite() || t_s < first - half || t_s > last + half {
            return None;
        }
        let i = ((t_s - first) / self.bucket_s).round().max(0.0) as usize;
        Some(i.min(self.x_s.len() - 1))
    }
}

/// The array at `path` as numbers; `name` is how an error names it (after `series.`).
fn number_array(series: &Value, name: &str, path: &[&str]) -> Result<Vec<f64>, String> {
    let mut value = series;
    for part in path {
        value = value.get(part).ok_or_else(|| format!("series.{name} is missing"))?;
    }
    let array = value.as_array().ok_or_else(|| format!("series.{name} is not an array"))?;
    if array.len() > BUCKETS_MAX {
        return Err(format!("series.{name} has {} entries; the limit is {BUCKETS_MAX}", array.len()));
    }
    array
        .iter()
        .enumerate()
        .map(|(i, v)| v.as_f64().ok_or_else(|| format!("series.{name}[{i}] is not a number")))
        .collect()
}

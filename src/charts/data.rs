//! What the five charts show: every series in display units, built up a bucket at a time, for
//! one run or for runs A and B side by side, with toggles, axis ranges and hover read-outs.
//!
//! A run's series come from the engine's [`Bucket`]s as the worker sends them, or from a finished
//! report's JSON `series` (docs/scenario.md, "Report JSON"); both paths give the same numbers (a
//! test checks it). Display units: rates in messages per second (a bucket's count ÷ the bucket's
//! seconds), backlog in messages, latency in milliseconds, lost and anomalies as running totals.
//!
//! Each point sits at its bucket's *end*: backlog is measured there and a running total is
//! complete there, and a live chart's line then reaches the current-time marker. Latency in a
//! bucket where nothing was processed is no value (a gap in the line), not 0.
//!
//! Order and colour are stable: backlog series by queue id (as the report JSON sorts them, so a
//! live run and its finished report agree), loss causes in the engine's order, and a series has
//! the same colour in A and in B.

use std::collections::BTreeSet;

use mqlab_engine::config::Config;
use mqlab_engine::report::{Bucket, LossCause};
use serde_json::Value;

/// A colour, as the canvas and the page's legend use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The colour mixed with white: `amount` 0 keeps it, 1 gives white.
    pub fn lighten(self, amount: f64) -> Rgb {
        let amount = amount.clamp(0.0, 1.0);
        let mix = |c: u8| (c as f64 + (255.0 - c as f64) * amount).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// Okabe and Ito's colour-blind-safe palette (blue, vermillion, bluish green, orange, reddish
/// purple, sky blue, black, yellow) and a grey: told apart under the common colour-vision
/// deficiencies. The first series of a chart gets the first colour; beyond nine it repeats.
pub const PALETTE: [Rgb; 9] = [
    Rgb(0x00, 0x72, 0xb2),
    Rgb(0xd5, 0x5e, 0x00),
    Rgb(0x00, 0x9e, 0x73),
    Rgb(0xe6, 0x9f, 0x00),
    Rgb(0xcc, 0x79, 0xa7),
    Rgb(0x56, 0xb4, 0xe9),
    Rgb(0x00, 0x00, 0x00),
    Rgb(0xf0, 0xe4, 0x42),
    Rgb(0x99, 0x99, 0x99),
];

/// One of the five live charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Chart {
    /// Produced, confirmed, delivered and processed per second.
    Throughput,
    /// Ready plus unacked messages per queue.
    Backlog,
    /// End-to-end latency p50 and p99 of the messages processed in each bucket.
    Latency,
    /// Lost messages so far, by cause.
    Lost,
    /// Duplicates, out of order, expired and dead-lettered so far.
    Anomalies,
}

impl Chart {
    pub const ALL: [Chart; 5] = [Chart::Throughput, Chart::Backlog, Chart::Latency, Chart::Lost, Chart::Anomalies];

    /// A stable snake_case name (for ids, test hooks and file names such as `throughput.png`).
    pub fn key(self) -> &'static str {
        match self {
            Chart::Throughput => "throughput",
            Chart::Backlog => "backlog",
            Chart::Latency => "latency",
            Chart::Lost => "lost",
            Chart::Anomalies => "anomalies",
        }
    }

    /// The unit of every series of the chart (one y axis per chart).
    pub fn unit(self) -> Unit {
        match self {
            Chart::Throughput => Unit::PerSecond,
            Chart::Backlog | Chart::Lost | Chart::Anomalies => Unit::Messages,
            Chart::Latency => Unit::Milliseconds,
        }
    }

    /// The chart's title in English; the page uses its own translated strings.
    pub fn english_title(self) -> &'static str {
        match self {
            Chart::Throughput => "Messages per second",
            Chart::Backlog => "Backlog per queue",
            Chart::Latency => "End-to-end latency",
            Chart::Lost => "Lost, cumulative, by cause",
            Chart::Anomalies => "Duplicates, out of order, expired and dead-lettered",
        }
    }
}

/// The unit of a chart's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    PerSecond,
    Messages,
    Milliseconds,
}

impl Unit {
    /// The short symbol shown after a value and in the y axis label.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::PerSecond => "msg/s",
            Unit::Messages => "msg",
            Unit::Milliseconds => "ms",
        }
    }

    /// The y axis label in English.
    pub fn english_axis(self) -> &'static str {
        match self {
            Unit::PerSecond => "messages/s",
            Unit::Messages => "messages",
            Unit::Milliseconds => "latency (ms)",
        }
    }

    /// Whether values are whole numbers (axis steps are then at least 1).
    pub fn is_whole(self) -> bool {
        matches!(self, Unit::Messages)
    }

    /// A value for a read-out: whole units as integers, others with enough digits to read.
    pub fn format(self, value: f64) -> String {
        if !value.is_finite() {
            return "–".to_string();
        }
        if value == 0.0 {
            return format!("0 {}", self.symbol());
        }
        let digits = if self.is_whole() || value.abs() >= 100.0 {
            0
        } else if value.abs() >= 10.0 {
            1
        } else {
            2
        };
        format!("{value:.digits$} {}", self.symbol())
    }
}

/// Which series: the same key names the series in run A and in run B.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SeriesKey {
    Produced,
    Confirmed,
    Delivered,
    Processed,
    /// Backlog of the queue with this id.
    Backlog(String),
    LatencyP50,
    LatencyP99,
    /// Lost by this cause (a `LossCause::name`, the report's `lost_by_cause` keys).
    Lost(String),
    Duplicates,
    OutOfOrder,
    Expired,
    DeadLettered,
}

impl SeriesKey {
    /// The chart the series belongs to.
    pub fn chart(&self) -> Chart {
        match self {
            SeriesKey::Produced | SeriesKey::Confirmed | SeriesKey::Delivered | SeriesKey::Processed => {
                Chart::Throughput
            }
            SeriesKey::Backlog(_) => Chart::Backlog,
            SeriesKey::LatencyP50 | SeriesKey::LatencyP99 => Chart::Latency,
            SeriesKey::Lost(_) => Chart::Lost,
            SeriesKey::Duplicates | SeriesKey::OutOfOrder | SeriesKey::Expired | SeriesKey::DeadLettered => {
                Chart::Anomalies
            }
        }
    }

    /// The name to translate (snake_case, stable): `produced`, `backlog`, `latency_p50`,
    /// `lost`, `out_of_order`, … For backlog and lost, [`detail`](Self::detail) adds the queue
    /// id or the cause.
    pub fn name_key(&self) -> &'static str {
        match self {
            SeriesKey::Produced => "produced",
            SeriesKey::Confirmed => "confirmed",
            SeriesKey::Delivered => "delivered",
            SeriesKey::Processed => "processed",
            SeriesKey::Backlog(_) => "backlog",
            SeriesKey::LatencyP50 => "latency_p50",
            SeriesKey::LatencyP99 => "latency_p99",
            SeriesKey::Lost(_) => "lost",
            SeriesKey::Duplicates => "duplicates",
            SeriesKey::OutOfOrder => "out_of_order",
            SeriesKey::Expired => "expired",
            SeriesKey::DeadLettered => "dead_lettered",
        }
    }

    /// The queue id of a backlog series, the cause of a lost series.
    pub fn detail(&self) -> Option<&str> {
        match self {
            SeriesKey::Backlog(detail) | SeriesKey::Lost(detail) => Some(detail),
            _ => None,
        }
    }

    /// A stable id, unique within all charts: `produced`, `backlog:orders`, `lost:network`.
    pub fn id(&self) -> String {
        match self.detail() {
            Some(detail) => format!("{}:{detail}", self.name_key()),
            None => self.name_key().to_string(),
        }
    }

    /// The legend text in English: a queue's id as it is, a cause in words.
    pub fn english(&self) -> String {
        match self {
            SeriesKey::Backlog(queue) => queue.clone(),
            SeriesKey::Lost(cause) => cause.replace('_', " "),
            SeriesKey::LatencyP50 => "p50".to_string(),
            SeriesKey::LatencyP99 => "p99".to_string(),
            other => other.name_key().replace('_', " "),
        }
    }
}

/// A series as a chart lists it: key, unit and colour.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesInfo {
    pub key: SeriesKey,
    pub unit: Unit,
    pub colour: Rgb,
    /// False while the series is 0 (or no value) everywhere in every run: a legend may leave it
    /// out (nine loss causes, most of them 0).
    pub has_data: bool,
}

/// Run A, or run B of compare mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunId {
    A,
    B,
}

impl RunId {
    pub const ALL: [RunId; 2] = [RunId::A, RunId::B];

    pub fn label(self) -> &'static str {
        match self {
            RunId::A => "A",
            RunId::B => "B",
        }
    }

    fn index(self) -> usize {
        match self {
            RunId::A => 0,
            RunId::B => 1,
        }
    }
}

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

/// The y axis reaches at least this much above the highest value.
const Y_HEADROOM: f64 = 1.04;

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

/// An axis from `min` to `max` with a tick every `step`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

impl Axis {
    /// A y axis from 0 to a round number at or above `max_value`, with about five steps of 1,
    /// 2, 2.5 or 5 × 10ⁿ; whole-number axes step by whole numbers. Never of zero height: with
    /// nothing above 0 it goes to 1.
    pub fn nice(max_value: f64, whole: bool) -> Axis {
        let max_value = if max_value.is_finite() && max_value > 0.0 { max_value } else { 1.0 };
        let mut step = nice_step(max_value / 5.0);
        if whole {
            if step < 1.0 {
                step = 1.0;
            } else if step == 2.5 {
                step = 2.0;
            }
        }
        // A hair under, so 0.3 / 0.1 = 2.9999… does not round up to a fourth step.
        let steps = (max_value / step * (1.0 - 1e-9)).ceil().max(1.0);
        Axis { min: 0.0, max: steps * step, step }
    }

    /// An x axis over exactly `min..max` with round ticks inside it, about `target` of them.
    pub fn over(min: f64, max: f64, target: usize) -> Axis {
        let (min, max) = if max > min { (min, max) } else { (min, min + 1.0) };
        let step = nice_step((max - min) / target.max(1) as f64);
        Axis { min, max, step }
    }

    /// The tick positions: multiples of `step` from `min` to `max`.
    pub fn ticks(&self) -> Vec<f64> {
        let first = (self.min / self.step * (1.0 - 1e-9)).ceil() as i64;
        let last = (self.max / self.step * (1.0 + 1e-9)).floor() as i64;
        // A limit on ticks, whatever the numbers.
        (first..=last.min(first + 100)).map(|i| i as f64 * self.step).collect()
    }

    /// A tick label: as many decimals as the step needs, and k or M for thousands and millions.
    pub fn label(&self, value: f64) -> String {
        if value == 0.0 {
            return "0".to_string();
        }
        let (scaled, step, suffix) = if self.max >= 1e6 {
            (value / 1e6, self.step / 1e6, "M")
        } else if self.max >= 1e4 {
            (value / 1e3, self.step / 1e3, "k")
        } else {
            (value, self.step, "")
        };
        // The fewest decimals that write the step exactly: 0.25 → 2, 2.5 → 1, 0.2 → 1.
        let decimals = (0..6)
            .find(|&d| {
                let scaled_step = step * 10f64.powi(d as i32);
                (scaled_step - scaled_step.round()).abs() < 1e-6 * scaled_step.max(1.0)
            })
            .unwrap_or(6);
        format!("{scaled:.decimals$}{suffix}")
    }
}

/// 1, 2, 2.5 or 5 × 10ⁿ, the smallest at or above `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let base = 10f64.powi(raw.log10().floor() as i32);
    let f = raw / base;
    let m = if f <= 1.0 + 1e-9 {
        1.0
    } else if f <= 2.0 + 1e-9 {
        2.0
    } else if f <= 2.5 + 1e-9 {
        2.5
    } else if f <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    m * base
}

/// One line of a hover read-out.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub run: RunId,
    pub series: SeriesInfo,
    /// The time of the point read (its bucket's end), in seconds.
    pub t_s: f64,
    /// `None` where the series has no value (latency in a bucket that processed nothing).
    pub value: Option<f64>,
}

/// Everything the charts show: run A, and run B in compare mode, with the series toggles.
#[derive(Clone, Debug)]
pub struct ChartData {
    runs: [Option<RunSeries>; 2],
    run_visible: [bool; 2],
    /// Hidden series, by chart and [`SeriesKey::id`]; the same toggle applies to A and B.
    hidden: BTreeSet<(Chart, String)>,
    horizon_s: Option<f64>,
}

impl Default for ChartData {
    fn default() -> Self {
        ChartData { runs: [None, None], run_visible: [true, true], hidden: BTreeSet::new(), horizon_s: None }
    }
}

impl ChartData {
    /// No runs yet.
    pub fn new() -> ChartData {
        ChartData::default()
    }

    /// Run A from a finished report JSON.
    pub fn from_report_json(report: &Value) -> Result<ChartData, String> {
        let mut data = ChartData::new();
        data.set_run(RunId::A, RunSeries::from_report_json(report)?);
        Ok(data)
    }

    /// Puts (or replaces) a run; toggles are kept.
    pub fn set_run(&mut self, run: RunId, series: RunSeries) {
        self.runs[run.index()] = Some(series);
    }

    /// Starts a run afresh for a validated scenario, ready for its buckets.
    pub fn start_run(&mut self, run: RunId, config: &Config) {
        self.set_run(run, RunSeries::for_config(config));
    }

    /// Leaves compare mode (or forgets A).
    pub fn remove_run(&mut self, run: RunId) {
        self.runs[run.index()] = None;
    }

    pub fn run(&self, run: RunId) -> Option<&RunSeries> {
        self.runs[run.index()].as_ref()
    }

    pub fn run_mut(&mut self, run: RunId) -> Option<&mut RunSeries> {
        self.runs[run.index()].as_mut()
    }

    /// Appends buckets to a run; does nothing if the run was not started.
    pub fn push_buckets(&mut self, run: RunId, buckets: &[Bucket]) {
        if let Some(series) = self.run_mut(run) {
            series.push_buckets(buckets);
        }
    }

    /// Whether run B is there (compare mode).
    pub fn is_compare(&self) -> bool {
        self.runs[1].is_some()
    }

    /// The x axis runs to the horizon from the start, so a live chart does not rescale as it
    /// grows; `None` fits it to the data.
    pub fn set_horizon_s(&mut self, horizon_s: Option<f64>) {
        self.horizon_s = horizon_s.filter(|h| h.is_finite() && *h > 0.0);
    }

    /// Runs that are there and shown, A first.
    pub fn shown_runs(&self) -> impl Iterator<Item = (RunId, &RunSeries)> {
        RunId::ALL.into_iter().filter(|r| self.run_visible[r.index()]).filter_map(|r| self.run(r).map(|s| (r, s)))
    }

    pub fn set_run_visible(&mut self, run: RunId, visible: bool) {
        self.run_visible[run.index()] = visible;
    }

    pub fn is_run_visible(&self, run: RunId) -> bool {
        self.run_visible[run.index()]
    }

    /// A chart's series, in display order: A's, then any only B has; each with its colour.
    pub fn series(&self, chart: Chart) -> Vec<SeriesInfo> {
        let mut keys: Vec<&SeriesKey> = Vec::new();
        for series in self.runs.iter().flatten() {
            for key in series.keys(chart) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys.into_iter()
            .enumerate()
            .map(|(i, key)| SeriesInfo {
                key: key.clone(),
                unit: chart.unit(),
                colour: PALETTE[i % PALETTE.len()],
                has_data: self
                    .runs
                    .iter()
                    .flatten()
                    .any(|s| s.values(key).is_some_and(|v| v.iter().any(|&x| x.is_finite() && x != 0.0))),
            })
            .collect()
    }

    /// Shows or hides a series (in A and B alike).
    pub fn set_visible(&mut self, chart: Chart, key: &SeriesKey, visible: bool) {
        let entry = (chart, key.id());
        if visible {
            self.hidden.remove(&entry);
        } else {
            self.hidden.insert(entry);
        }
    }

    pub fn is_visible(&self, chart: Chart, key: &SeriesKey) -> bool {
        !self.hidden.contains(&(chart, key.id()))
    }

    /// Flips a series on or off; returns whether it is now shown.
    pub fn toggle(&mut self, chart: Chart, key: &SeriesKey) -> bool {
        let visible = !self.is_visible(chart, key);
        self.set_visible(chart, key, visible);
        visible
    }

    /// The x range in seconds: from 0 to the horizon (if set) or the last bucket's end.
    pub fn x_range(&self) -> (f64, f64) {
        let end = self.runs.iter().flatten().map(RunSeries::end_s).fold(0.0, f64::max);
        let end = self.horizon_s.map_or(end, |h| h.max(end));
        (0.0, if end > 0.0 { end } else { 1.0 })
    }

    /// The x axis: [`x_range`](Self::x_range) with about `target` round ticks.
    pub fn x_axis(&self, target: usize) -> Axis {
        let (min, max) = self.x_range();
        Axis::over(min, max, target)
    }

    /// The highest value of the chart's shown series in the shown runs (0 if none).
    pub fn y_max(&self, chart: Chart) -> f64 {
        let mut max = 0.0f64;
        for (_, series) in self.shown_runs() {
            for key in series.keys(chart).filter(|k| self.is_visible(chart, k)) {
                for &v in series.values(key).unwrap_or(&[]) {
                    if v.is_finite() {
                        max = max.max(v);
                    }
                }
            }
        }
        max
    }

    /// The y axis: 0 to a round number above the shown data, never of zero height. A little
    /// headroom (4 %) keeps a line at a round maximum (1,000/s) off the plot's top edge.
    pub fn y_axis(&self, chart: Chart) -> Axis {
        Axis::nice(self.y_max(chart) * Y_HEADROOM, chart.unit().is_whole())
    }

    /// `(min, max)` of [`y_axis`](Self::y_axis).
    pub fn y_range(&self, chart: Chart) -> (f64, f64) {
        let axis = self.y_axis(chart);
        (axis.min, axis.max)
    }

    /// The values at the point nearest `t_s` of each shown run, for each shown series: the
    /// hover read-out, A's lines first.
    pub fn value_at(&self, chart: Chart, t_s: f64) -> Vec<Reading> {
        let infos = self.series(chart);
        let mut readings = Vec::new();
        for (run, series) in self.shown_runs() {
            let Some(i) = series.nearest_index(t_s) else {
                continue;
            };
            for info in infos.iter().filter(|info| self.is_visible(chart, &info.key)) {
                let Some(values) = series.values(&info.key) else {
                    continue;
                };
                readings.push(Reading {
                    run,
                    series: info.clone(),
                    t_s: series.x_s[i],
                    value: Some(values[i]).filter(|v| v.is_finite()),
                });
            }
        }
        readings
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

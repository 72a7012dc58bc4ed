//! The chart catalogue: the five charts, the unit of each, and the series each one shows, with
//! their stable names and their English words.

use super::palette::Rgb;

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

//! The charts' words in the page's language, from the i18n table: titles, axis titles, legend
//! names, and ready-made [`DrawOptions`](super::draw::DrawOptions) for a language.
//!
//! Queue ids are shown as written; loss causes and the anomaly series reuse the report's words
//! (the totals and causes the page already shows), so a chart and the totals beside it agree.

use crate::i18n::{loss_cause, t, Key, Lang};

use super::catalogue::{Chart, SeriesKey, Unit};

/// The chart's title.
pub fn chart_title(lang: Lang, chart: Chart) -> &'static str {
    t(
        lang,
        match chart {
            Chart::Throughput => Key::ChartRates,
            Chart::Backlog => Key::ChartBacklog,
            Chart::Latency => Key::ChartLatency,
            Chart::Lost => Key::ChartLost,
            Chart::Anomalies => Key::ChartAnomalies,
        },
    )
}

/// The y axis title, with its unit.
pub fn y_axis_label(lang: Lang, chart: Chart) -> &'static str {
    t(
        lang,
        match chart.unit() {
            Unit::PerSecond => Key::AxisPerSecond,
            Unit::Messages => Key::AxisMessages,
            Unit::Milliseconds => Key::AxisLatency,
        },
    )
}

/// The x axis title: time in seconds.
pub fn x_axis_label(lang: Lang) -> &'static str {
    t(lang, Key::AxisTime)
}

/// A series' legend name: a queue's id as it is, a cause or a measure in words.
pub fn series_label(lang: Lang, key: &SeriesKey) -> String {
    let key_of = |key: Key| t(lang, key).to_string();
    match key {
        SeriesKey::Produced => key_of(Key::SeriesProduced),
        SeriesKey::Confirmed => key_of(Key::SeriesConfirmed),
        SeriesKey::Delivered => key_of(Key::SeriesDelivered),
        SeriesKey::Processed => key_of(Key::SeriesProcessed),
        SeriesKey::Backlog(queue) => queue.clone(),
        SeriesKey::LatencyP50 => key_of(Key::SeriesLatencyP50),
        SeriesKey::LatencyP99 => key_of(Key::SeriesLatencyP99),
        // A cause this version has no words for is shown by its name.
        SeriesKey::Lost(cause) => loss_cause(cause).map_or_else(|| cause.clone(), key_of),
        SeriesKey::Duplicates => key_of(Key::TotalDuplicates),
        SeriesKey::OutOfOrder => key_of(Key::TotalOutOfOrder),
        SeriesKey::Expired => key_of(Key::TotalExpired),
        SeriesKey::DeadLettered => key_of(Key::TotalDeadLettered),
    }
}

/// What the lost chart says while nothing is lost: "lost: 0".
pub fn nothing_lost(lang: Lang) -> String {
    format!("{}: 0", t(lang, Key::TotalLost))
}

#[cfg(target_arch = "wasm32")]
mod options {
    use super::*;
    use crate::charts::draw::DrawOptions;

    fn zh(key: &SeriesKey) -> String {
        series_label(Lang::Zh, key)
    }

    fn en(key: &SeriesKey) -> String {
        series_label(Lang::En, key)
    }

    /// [`DrawOptions`] with every word in `lang`; `nothing_lost` is the caller's (it borrows,
    /// so pass [`nothing_lost`]'s text kept alive beside the options).
    pub fn draw_options(lang: Lang, chart: Chart, nothing_lost: &str) -> DrawOptions<'_> {
        let mut options = DrawOptions::english(chart);
        options.x_label = x_axis_label(lang);
        options.y_label = y_axis_label(lang, chart);
        options.series_label = match lang {
            Lang::Zh => &zh,
            Lang::En => &en,
        };
        options.nothing_lost = nothing_lost;
        options
    }
}

#[cfg(target_arch = "wasm32")]
pub use options::draw_options;

//! The live charts: what each chart shows ([`data`]), how a long series is
//! thinned to the canvas's pixel columns ([`downsample`]), the report as CSV ([`export`]), the
//! charts' words in both languages ([`labels`]) and, in the browser only, the drawing itself
//! with plotters on a canvas (`draw`).
//!
//! The split keeps everything but the pixels plain Rust, tested natively: the page hands
//! [`ChartData`] the buckets the worker sends (or the finished report's JSON), toggles series,
//! asks for hover read-outs, and calls `draw::draw_chart` once per chart per frame.

pub mod data;
pub mod downsample;
pub mod export;
pub mod labels;

#[cfg(target_arch = "wasm32")]
pub mod draw;

pub use data::{Axis, Chart, ChartData, Reading, Rgb, RunId, RunSeries, SeriesInfo, SeriesKey, Unit, PALETTE};
pub use export::{compare_rows, report_csv, totals_csv, totals_csv_compare, CompareRow};

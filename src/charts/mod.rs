//! The live charts: the five charts and their series ([`catalogue`]), their colours
//! ([`palette`]), one run's series in display units ([`series`]), the axes ([`axis`]), what the
//! charts show of runs A and B ([`data`]), how a long series is thinned to the canvas's pixel
//! columns ([`downsample`]), the report as CSV ([`export`]), the charts' words in both languages
//! ([`labels`]) and, in the browser only, the drawing itself with plotters on a canvas (`draw`).
//!
//! The split keeps everything but the pixels plain Rust, tested natively: the page hands
//! [`ChartData`] the buckets the worker sends (or the finished report's JSON), toggles series,
//! asks for hover read-outs, and calls `draw::draw_chart` once per chart per frame.

pub mod axis;
pub mod catalogue;
pub mod data;
pub mod downsample;
pub mod export;
pub mod labels;
pub mod palette;
pub mod series;

#[cfg(target_arch = "wasm32")]
pub mod draw;

pub use axis::Axis;
pub use catalogue::{Chart, SeriesInfo, SeriesKey, Unit};
pub use data::{ChartData, Reading};
pub use export::{compare_rows, report_csv, totals_csv, totals_csv_compare, CompareRow};
pub use palette::{Rgb, PALETTE};
pub use series::{RunSeries, BUCKETS_MAX};

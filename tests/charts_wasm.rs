//! The charts drawn in headless Chromium: every chart of a real preset run puts its lines on a
//! canvas, a series toggled off leaves it, compare mode and the cross-hair draw, PNG export
//! works, and the time to draw all five charts of 2,000 buckets is measured and printed.
//!
//! `cargo test --target wasm32-unknown-unknown -p mqlab-web --test charts_wasm` (add
//! `-- --nocapture` to see the frame times; `--release` for the page's optimisation).
#![cfg(target_arch = "wasm32")]

use mqlab_engine::report::Report;
use mqlab_web::charts::draw::{draw_chart, png_data_url, DrawOptions, LegendTarget, Theme};
use mqlab_web::charts::{Chart, ChartData, Rgb, RunSeries, SeriesKey};
use mqlab_web::live::RunId;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const PRESET: &str = "02-peak-shaving";
const WIDTH_CSS: f64 = 640.0;
const HEIGHT_CSS: f64 = 240.0;

fn run_preset(bucket_ms: Option<f64>) -> Report {
    let mut scenario = mqlab_scenario::presets::get(PRESET).expect("the preset exists");
    if bucket_ms.is_some() {
        scenario.bucket_ms = bucket_ms;
    }
    mqlab_scenario::run(&scenario, None).expect("the preset runs")
}

fn run_series(report: &Report) -> RunSeries {
    let queues: Vec<String> = report.queues.iter().map(|q| q.name.clone()).collect();
    RunSeries::from_buckets(report.bucket_us as f64 / 1e6, &queues, &report.series)
}

fn chart_data(report: &Report) -> ChartData {
    let mut data = ChartData::new();
    data.set_run(RunId::A, run_series(report));
    data.set_horizon_s(Some(report.end_us as f64 / 1e6));
    data
}

/// A canvas in the document, sized by CSS as the page would size it.
fn canvas() -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_attribute("style", &format!("display:block;width:{WIDTH_CSS}px;height:{HEIGHT_CSS}px")).unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// RGBA bytes of the whole canvas.
fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64).unwrap().data().0
}

/// Pixels inside the plot area (in device pixels) that are within `tolerance` of `colour` on
/// every channel.
fn count_in_plot(canvas: &HtmlCanvasElement, plot: (f64, f64, f64, f64), colour: Rgb, tolerance: i32) -> usize {
    let data = pixels(canvas);
    let width = canvas.width() as usize;
    let (left, top, w, h) = plot;
    let mut count = 0;
    for y in top.ceil() as usize..(top + h).floor() as usize {
        for x in left.ceil() as usize..(left + w).floor() as usize {
            let i = (y * width + x) * 4;
            let near = |c: u8, d: u8| (c as i32 - d as i32).abs() <= tolerance;
            if near(data[i], colour.0) && near(data[i + 1], colour.1) && near(data[i + 2], colour.2) {
                count += 1;
            }
        }
    }
    count
}

fn plot_px(info: &mqlab_web::charts::draw::DrawInfo) -> (f64, f64, f64, f64) {
    let r = info.device_pixel_ratio;
    // One pixel in from each edge, clear of the axis lines.
    (info.plot.left * r + 2.0, info.plot.top * r + 1.0, info.plot.width * r - 3.0, info.plot.height * r - 3.0)
}

fn non_background_in_plot(canvas: &HtmlCanvasElement, plot: (f64, f64, f64, f64)) -> usize {
    let (_, _, w, h) = plot;
    let all = (w.floor() as usize) * (h.floor() as usize);
    all - count_in_plot(canvas, plot, Theme::LIGHT.background, 0)
}

#[wasm_bindgen_test]
fn every_chart_of_a_preset_run_draws_its_lines() {
    let report = run_preset(None);
    let data = chart_data(&report);
    for chart in Chart::ALL {
        let canvas = canvas();
        let mut options = DrawOptions::english(chart);
        options.now_s = Some(30.0);
        let info = draw_chart(&canvas, &data, chart, &options).expect("draws");
        let ratio = info.device_pixel_ratio;
        assert_eq!(
            canvas.width(),
            (WIDTH_CSS * ratio).round() as u32,
            "{chart:?}: backing store follows the pixel ratio"
        );
        assert!(info.plot.width > 400.0 && info.plot.height > 120.0, "{chart:?}: plot area {:?}", info.plot);
        let plot = plot_px(&info);
        let inked = non_background_in_plot(&canvas, plot);
        assert!(inked > 500, "{chart:?}: only {inked} non-background pixels in the plot area");
        // Every drawn series leaves pixels of its own colour (the lost chart of this preset
        // has none: nothing is lost, and it says so instead).
        for info_series in data.series(chart) {
            if chart == Chart::Lost {
                assert!(!info_series.has_data, "the preset loses nothing");
                continue;
            }
            if chart == Chart::Anomalies {
                continue; // Four flat lines at 0 on top of one another: only the last shows.
            }
            let n = count_in_plot(&canvas, plot, info_series.colour, 24);
            assert!(n > 20, "{chart:?}: {:?} left {n} pixels of its colour", info_series.key);
        }
        canvas.remove();
    }
}

#[wasm_bindgen_test]
fn a_series_toggled_off_leaves_the_canvas() {
    let report = run_preset(None);
    let mut data = chart_data(&report);
    let canvas = canvas();
    let options = DrawOptions::english(Chart::Throughput);
    let info = draw_chart(&canvas, &data, Chart::Throughput, &options).unwrap();
    let plot = plot_px(&info);
    let produced = data.series(Chart::Throughput)[0].clone();
    assert_eq!(produced.key, SeriesKey::Produced);
    let before = pixels(&canvas);
    let produced_before = count_in_plot(&canvas, plot, produced.colour, 24);
    assert!(produced_before > 50, "produced drew {produced_before} pixels");

    data.toggle(Chart::Throughput, &SeriesKey::Produced);
    draw_chart(&canvas, &data, Chart::Throughput, &options).unwrap();
    let after = pixels(&canvas);
    assert_ne!(before, after, "toggling a series off changes the image");
    let produced_after = count_in_plot(&canvas, plot, produced.colour, 24);
    assert!(
        produced_after * 10 < produced_before,
        "produced still has {produced_after} of {produced_before} pixels after it was turned off"
    );
    // The legend still lists it, so it can be clicked back on.
    let produced_entry = LegendTarget::Series(SeriesKey::Produced);
    let (rect, _) =
        info.legend.iter().find(|(_, target)| target == &produced_entry).expect("produced has a legend entry");
    assert_eq!(info.legend_at(rect.left + 2.0, rect.top + 2.0), Some(&produced_entry));
    canvas.remove();
}

#[wasm_bindgen_test]
fn compare_mode_hover_and_png_export() {
    let report = run_preset(None);
    let mut data = chart_data(&report);
    // B: the same run with its processing rate halved, to tell the two apart.
    let mut b = run_series(&report);
    b.clear();
    let mut halved = report.series.clone();
    for bucket in &mut halved {
        bucket.processed /= 2;
    }
    b.push_buckets(&halved);
    data.set_run(RunId::B, b);
    let canvas = canvas();
    let mut options = DrawOptions::english(Chart::Throughput);
    let info = draw_chart(&canvas, &data, Chart::Throughput, &options).unwrap();
    let plain = pixels(&canvas);
    // Hover at the middle of the plot: the cross-hair and read-out change the image.
    let t = info.t_at(info.plot.left + info.plot.width / 2.0).expect("inside the plot");
    assert!((t - 30.0).abs() < 0.5, "the middle of a 60 s plot is {t} s");
    assert_eq!(info.t_at(info.plot.left - 5.0), None);
    options.hover_s = Some(t);
    draw_chart(&canvas, &data, Chart::Throughput, &options).unwrap();
    assert_ne!(plain, pixels(&canvas), "the cross-hair shows");
    let readings = data.value_at(Chart::Throughput, t);
    assert_eq!(readings.iter().filter(|r| r.run == RunId::B).count(), 4);
    // Compare mode's legend starts with A and B themselves.
    let targets: Vec<&LegendTarget> = info.legend.iter().map(|(_, t)| t).collect();
    assert_eq!(targets[..2], [&LegendTarget::Run(RunId::A), &LegendTarget::Run(RunId::B)]);

    let url = png_data_url(&canvas).unwrap();
    assert!(url.starts_with("data:image/png;base64,"), "{}", &url[..40.min(url.len())]);
    assert!(url.len() > 1000);

    // The dark theme draws too.
    options.theme = Theme::DARK;
    draw_chart(&canvas, &data, Chart::Backlog, &options).unwrap();
    canvas.remove();
}

#[wasm_bindgen_test]
fn a_canvas_without_size_is_left_alone_and_a_fixed_size_is_applied() {
    let data = chart_data(&run_preset(None));
    let document = web_sys::window().unwrap().document().unwrap();
    let hidden: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    hidden.set_attribute("style", "display:none").unwrap();
    document.body().unwrap().append_child(&hidden).unwrap();
    let info = draw_chart(&hidden, &data, Chart::Latency, &DrawOptions::english(Chart::Latency)).unwrap();
    assert_eq!(info.plot.width, 0.0);
    hidden.remove();

    let free: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&free).unwrap();
    let mut options = DrawOptions::english(Chart::Latency);
    options.size_css = Some((500.0, 200.0));
    for _ in 0..3 {
        // Drawn again and again, it keeps its size.
        let info = draw_chart(&free, &data, Chart::Latency, &options).unwrap();
        assert_eq!(free.client_width(), 500);
        assert_eq!(free.width(), (500.0 * info.device_pixel_ratio).round() as u32);
    }
    free.remove();
}

/// Five charts of 2,000 buckets each, in A and then in A and B: the time per frame, printed.
#[wasm_bindgen_test]
fn five_charts_of_2000_buckets_draw_within_a_frame() {
    let report = run_preset(Some(30.0));
    assert_eq!(report.series.len(), 2000, "60 s in 30 ms buckets");
    let mut data = chart_data(&report);
    let canvases: Vec<HtmlCanvasElement> = Chart::ALL.iter().map(|_| canvas()).collect();
    let performance = web_sys::window().unwrap().performance().unwrap();
    let frame = |data: &ChartData, hover: Option<f64>| -> (f64, usize) {
        let started = performance.now();
        let mut points = 0;
        for (chart, canvas) in Chart::ALL.iter().zip(&canvases) {
            let mut options = DrawOptions::english(*chart);
            options.now_s = Some(45.0);
            options.hover_s = hover;
            points += draw_chart(canvas, data, *chart, &options).unwrap().points_drawn;
        }
        (performance.now() - started, points)
    };
    let measure = |label: &str, data: &ChartData| {
        for _ in 0..10 {
            frame(data, None); // Warm-up: first-use allocations, font set-up, JIT tiers.
        }
        for hover in [false, true] {
            let mut times: Vec<f64> = (0..30).map(|i| frame(data, hover.then_some(10.0 + i as f64)).0).collect();
            let points = frame(data, None).1;
            times.sort_by(|a, b| a.partial_cmp(b).unwrap());
            let mean = times.iter().sum::<f64>() / times.len() as f64;
            let p95 = times[(times.len() * 95).div_ceil(100) - 1];
            console_log!(
                "charts frame ({label}{}): 5 charts x 2000 buckets, {points} points drawn after thinning: mean {mean:.2} ms, median {:.2} ms, p95 {p95:.2} ms, max {:.2} ms (30 frames)",
                if hover { ", with cross-hair" } else { "" },
                times[times.len() / 2],
                times[times.len() - 1],
            );
        }
    };
    measure("run A", &data);
    let mut b = run_series(&report);
    b.clear();
    b.push_buckets(&report.series);
    data.set_run(RunId::B, b);
    measure("runs A and B", &data);
    for canvas in canvases {
        canvas.remove();
    }
}

#[wasm_bindgen_test]
fn the_page_language_draws() {
    use mqlab_web::charts::labels::{draw_options, nothing_lost};
    use mqlab_web::i18n::Lang;
    let data = chart_data(&run_preset(None));
    let canvas = canvas();
    let mut images = Vec::new();
    for lang in Lang::ALL {
        let nothing = nothing_lost(lang);
        let options = draw_options(lang, Chart::Lost, &nothing);
        let info = draw_chart(&canvas, &data, Chart::Lost, &options).unwrap();
        assert!(info.plot.width > 0.0);
        images.push(pixels(&canvas));
    }
    assert_ne!(images[0], images[1], "Chinese and English words differ on the canvas");
    canvas.remove();
}

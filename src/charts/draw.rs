//! Draws one chart on an HTML canvas with plotters: grid, axes with units, legend, the lines of
//! run A (solid) and run B (dashed), a current-time marker and a hover cross-hair with values.
//!
//! Crisp on HiDPI screens: the canvas's backing store is its CSS size × `devicePixelRatio`, and
//! every length (fonts, line widths, margins) is scaled by the same ratio. Fast: each series is
//! thinned to the plot's pixel columns first ([`min_max_per_column`]), so 2,000 buckets cost no
//! more than the canvas is wide. Text goes straight through the canvas's own `fillText`
//! (plotters' text layout measures each label with a DOM element, which forces a page layout per
//! label); plotters draws everything else.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::downsample::min_max_per_column;
use super::{Axis, Chart, ChartData, Reading, Rgb, SeriesInfo, SeriesKey};
use crate::live::RunId;

/// Colours of everything that is not a series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: Rgb,
    pub text: Rgb,
    pub grid: Rgb,
    pub axis: Rgb,
    pub marker: Rgb,
    /// The hover read-out's box.
    pub tooltip: Rgb,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: Rgb(0xff, 0xff, 0xff),
        text: Rgb(0x22, 0x22, 0x22),
        grid: Rgb(0xe6, 0xe6, 0xe6),
        axis: Rgb(0x88, 0x88, 0x88),
        marker: Rgb(0x33, 0x33, 0x33),
        tooltip: Rgb(0xff, 0xff, 0xff),
    };
    pub const DARK: Theme = Theme {
        background: Rgb(0x1e, 0x1f, 0x24),
        text: Rgb(0xe8, 0xe8, 0xe8),
        grid: Rgb(0x34, 0x36, 0x3d),
        axis: Rgb(0x80, 0x80, 0x80),
        marker: Rgb(0xf0, 0xf0, 0xf0),
        tooltip: Rgb(0x2a, 0x2c, 0x33),
    };
}

/// What to draw besides the data, and the words to draw it with (the page passes its
/// translated strings; [`DrawOptions::english`] is the default).
#[derive(Clone, Copy)]
pub struct DrawOptions<'a> {
    /// The current time: a vertical marker.
    pub now_s: Option<f64>,
    /// The cross-hair: the read-out of the point nearest this time.
    pub hover_s: Option<f64>,
    /// The x axis title, such as "time (s)".
    pub x_label: &'a str,
    /// The y axis title with its unit, such as "messages/s".
    pub y_label: &'a str,
    /// A series' legend text.
    pub series_label: &'a dyn Fn(&SeriesKey) -> String,
    /// Words before the hover time, such as "t =".
    pub time_prefix: &'a str,
    /// Shown across the lost chart while no cause has lost anything (its nine flat lines at 0
    /// are not drawn).
    pub nothing_lost: &'a str,
    pub theme: Theme,
    /// A fixed CSS size for the canvas, in CSS pixels; `None` uses its laid-out size (then the
    /// page's CSS must size it, for example `width: 100%; height: 220px`, or it would grow
    /// with every frame on a HiDPI screen).
    pub size_css: Option<(f64, f64)>,
}

impl DrawOptions<'static> {
    /// English words, the light theme, no marker and no cross-hair.
    pub fn english(chart: Chart) -> DrawOptions<'static> {
        DrawOptions {
            now_s: None,
            hover_s: None,
            x_label: "time (s)",
            y_label: chart.unit().english_axis(),
            series_label: &SeriesKey::english,
            time_prefix: "t =",
            nothing_lost: "nothing lost",
            theme: Theme::LIGHT,
            size_css: None,
        }
    }
}

/// A rectangle in CSS pixels from the canvas's top-left corner.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RectCss {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl RectCss {
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.left && x <= self.left + self.width && y >= self.top && y <= self.top + self.height
    }
}

/// Where things landed, for the page's mouse handling (all in CSS pixels).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrawInfo {
    /// The plot area (inside the axes).
    pub plot: RectCss,
    /// The time at the plot's left and right edges.
    pub x_min_s: f64,
    pub x_max_s: f64,
    /// Each legend entry's box and what it stands for: a click there can toggle it.
    pub legend: Vec<(RectCss, LegendTarget)>,
    /// Points handed to the canvas after thinning (for the frame-time benchmark).
    pub points_drawn: usize,
    pub device_pixel_ratio: f64,
}

impl DrawInfo {
    /// The time under a mouse at `x_css` (an `offsetX`), or `None` outside the plot.
    pub fn t_at(&self, x_css: f64) -> Option<f64> {
        if self.plot.width <= 0.0 || x_css < self.plot.left || x_css > self.plot.left + self.plot.width {
            return None;
        }
        let fraction = (x_css - self.plot.left) / self.plot.width;
        Some(self.x_min_s + fraction * (self.x_max_s - self.x_min_s))
    }

    /// The legend entry under the mouse: a series, or run A or B in compare mode.
    pub fn legend_at(&self, x_css: f64, y_css: f64) -> Option<&LegendTarget> {
        self.legend.iter().find(|(rect, _)| rect.contains(x_css, y_css)).map(|(_, key)| key)
    }
}

/// Legend rows at most; further entries are summed up as "+N".
const LEGEND_ROWS_MAX: usize = 3;

/// Draws `chart` of `data` on `canvas`, resizing its backing store for the screen's pixel ratio
/// first. Returns where the plot and legend landed. A canvas with no size (not laid out) is left
/// alone.
pub fn draw_chart(
    canvas: &HtmlCanvasElement,
    data: &ChartData,
    chart: Chart,
    options: &DrawOptions<'_>,
) -> Result<DrawInfo, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let ratio = window.device_pixel_ratio();
    let ratio = if ratio.is_finite() && ratio > 0.0 { ratio.clamp(1.0, 4.0) } else { 1.0 };
    let (css_w, css_h) = match options.size_css {
        Some((w, h)) => {
            let style = canvas.style();
            style.set_property("width", &format!("{w}px"))?;
            style.set_property("height", &format!("{h}px"))?;
            (w, h)
        }
        None => (canvas.client_width() as f64, canvas.client_height() as f64),
    };
    let mut info = DrawInfo { device_pixel_ratio: ratio, ..DrawInfo::default() };
    if css_w < 1.0 || css_h < 1.0 {
        return Ok(info);
    }
    let (w_px, h_px) = ((css_w * ratio).round() as u32, (css_h * ratio).round() as u32);
    if canvas.width() != w_px || canvas.height() != h_px {
        canvas.set_width(w_px);
        canvas.set_height(h_px);
    }
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("the canvas has no 2d context")?.dyn_into()?;
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas has no 2d context")?;
    let root = backend.into_drawing_area();
    let theme = options.theme;
    root.fill(&rgb(theme.background)).map_err(js_error)?;

    // Lengths in device pixels: CSS pixels × ratio.
    let s = ratio;
    let font_px = 12.0 * s;
    let font = format!("{font_px}px system-ui, -apple-system, 'Segoe UI', sans-serif");
    ctx.set_font(&font);
    ctx.set_line_join("round");
    ctx.set_line_cap("round");
    // Context state outlives a frame: start from no dash and full opacity whatever happened last.
    ctx.set_line_dash(&JsValue::from(Vec::<f64>::new()))?;
    ctx.set_global_alpha(1.0);

    let series = data.series(chart);
    let compare = data.is_compare();
    let y_axis = data.y_axis(chart);
    let pad = 8.0 * s;

    // The legend, above the plot.
    let legend_entries: Vec<&SeriesInfo> = series
        .iter()
        .filter(|info| chart != Chart::Lost || info.has_data || !data.is_visible(chart, &info.key))
        .collect();
    let swatch = 18.0 * s;
    let row_h = 16.0 * s;
    let mut items: Vec<LegendItem> = Vec::new();
    if compare {
        for run in RunId::ALL {
            items.push(LegendItem {
                text: run.label().to_string(),
                colour: theme.text,
                dashed: run == RunId::B,
                hidden: !data.is_run_visible(run),
                target: LegendTarget::Run(run),
            });
        }
    }
    for info in &legend_entries {
        items.push(LegendItem {
            text: (options.series_label)(&info.key),
            colour: info.colour,
            dashed: false,
            hidden: !data.is_visible(chart, &info.key),
            target: LegendTarget::Series(info.key.clone()),
        });
    }
    let legend_left = pad;
    let legend_right = w_px as f64 - pad;
    let mut placed: Vec<(f64, f64, f64, &LegendItem)> = Vec::new(); // x, y, width, item
    let (mut x, mut row) = (legend_left, 0usize);
    let mut left_out = 0usize;
    for item in &items {
        let width = swatch + 4.0 * s + text_width(&ctx, &item.text) + 12.0 * s;
        if x + width > legend_right && x > legend_left {
            row += 1;
            x = legend_left;
        }
        if row >= LEGEND_ROWS_MAX {
            left_out += 1;
            continue;
        }
        placed.push((x, pad + row as f64 * row_h, width, item));
        x += width;
    }
    let rows = if items.is_empty() { 0 } else { (row + 1).min(LEGEND_ROWS_MAX) };
    let legend_h = rows as f64 * row_h;

    // The plot area: room for the legend above, tick labels and axis titles left and below.
    let y_labels: Vec<(f64, String)> = y_axis.ticks().into_iter().map(|v| (v, y_axis.label(v))).collect();
    let y_label_w = y_labels.iter().map(|(_, l)| text_width(&ctx, l)).fold(0.0, f64::max);
    let top = (pad + legend_h + 6.0 * s).round();
    let left = (pad + font_px + 6.0 * s + y_label_w + 6.0 * s).round();
    let bottom = (font_px * 2.0 + 14.0 * s).round();
    let right = (12.0 * s).round();
    let plot_w = w_px as f64 - left - right;
    let plot_h = h_px as f64 - top - bottom;
    if plot_w < 10.0 || plot_h < 10.0 {
        return Ok(info);
    }
    let (x_min, x_max) = data.x_range();
    let x_axis = Axis::over(x_min, x_max, ((plot_w / s) / 80.0).clamp(2.0, 12.0) as usize);
    let area = root.margin(top as i32, bottom as i32, left as i32, right as i32);
    let mut plot =
        ChartBuilder::on(&area).build_cartesian_2d(x_min..x_max, y_axis.min..y_axis.max).map_err(js_error)?;

    draw_grid(&mut plot, &x_axis, &y_axis, theme, s)?;

    // The lines: B first, so A's solid line stays on top where they overlap. A chart's series
    // often coincide (produced = confirmed, delivered = processed in a steady state), so each
    // is drawn a little wider than the next: one hidden under another still shows at its edges.
    let drawn: Vec<&SeriesInfo> = series
        .iter()
        .filter(|info| data.is_visible(chart, &info.key))
        .filter(|info| chart != Chart::Lost || info.has_data)
        .collect();
    let columns = plot_w.round().max(1.0) as usize;
    let mut points_drawn = 0;
    for run in [RunId::B, RunId::A] {
        let Some(values_run) = data.run(run).filter(|_| data.is_run_visible(run)) else {
            continue;
        };
        if run == RunId::B {
            ctx.set_line_dash(&JsValue::from(vec![7.0 * s, 5.0 * s]))?;
        }
        for (i, info) in drawn.iter().enumerate() {
            let Some(values) = values_run.values(&info.key) else {
                continue;
            };
            let style = rgb(info.colour).stroke_width(line_width_px(i, drawn.len(), s));
            for segment in min_max_per_column(values_run.x_s(), values, x_min, x_max, columns) {
                points_drawn += segment.len();
                if segment.len() == 1 {
                    // A lone point between gaps: a dot, or it would not show.
                    let dot = Circle::new(segment[0], (2.0 * s) as u32, rgb(info.colour).filled());
                    plot.draw_series(std::iter::once(dot)).map_err(js_error)?;
                } else {
                    plot.draw_series(LineSeries::new(segment, style)).map_err(js_error)?;
                }
            }
        }
        ctx.set_line_dash(&JsValue::from(Vec::<f64>::new()))?;
    }

    // The current time.
    if let Some(now) = options.now_s.filter(|t| *t >= x_min && *t <= x_max) {
        let style = rgb(theme.marker).mix(0.7).stroke_width((1.5 * s).round() as u32);
        plot.draw_series(std::iter::once(PathElement::new(vec![(now, y_axis.min), (now, y_axis.max)], style)))
            .map_err(js_error)?;
    }

    // Tick labels and axis titles, with the canvas's own text.
    let text = theme.text.css();
    ctx.set_fill_style_str(&text);
    if chart == Chart::Lost && series.iter().all(|info| !info.has_data) && data.shown_runs().any(|(_, r)| !r.is_empty())
    {
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        ctx.fill_text(options.nothing_lost, left + plot_w / 2.0, top + plot_h / 2.0)?;
    }
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for (v, label) in &y_labels {
        let (_, py) = plot.backend_coord(&(x_min, *v));
        ctx.fill_text(label, left - 6.0 * s, py as f64)?;
    }
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    let x_tick_y = top + plot_h + 5.0 * s;
    for v in x_axis.ticks() {
        let (px, _) = plot.backend_coord(&(v, y_axis.min));
        ctx.fill_text(&x_axis.label(v), px as f64, x_tick_y)?;
    }
    ctx.fill_text(options.x_label, left + plot_w / 2.0, x_tick_y + font_px + 3.0 * s)?;
    ctx.save();
    ctx.translate(pad, top + plot_h / 2.0)?;
    ctx.rotate(-std::f64::consts::FRAC_PI_2)?;
    ctx.fill_text(options.y_label, 0.0, 0.0)?;
    ctx.restore();

    // The legend.
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    for (lx, ly, width, item) in &placed {
        let alpha = if item.hidden { 0.3 } else { 1.0 };
        ctx.set_global_alpha(alpha);
        let mid = ly + row_h / 2.0;
        ctx.set_stroke_style_str(&item.colour.css());
        ctx.set_line_width((2.0 * s).round());
        if item.dashed {
            ctx.set_line_dash(&JsValue::from(vec![4.0 * s, 3.0 * s]))?;
        }
        ctx.begin_path();
        ctx.move_to(lx + 1.0 * s, mid);
        ctx.line_to(lx + swatch - 1.0 * s, mid);
        ctx.stroke();
        ctx.set_line_dash(&JsValue::from(Vec::<f64>::new()))?;
        ctx.fill_text(&item.text, lx + swatch + 4.0 * s, mid)?;
        if item.hidden {
            // Struck through as well as faded: off does not rely on colour alone.
            let tw = text_width(&ctx, &item.text);
            ctx.set_stroke_style_str(&text);
            ctx.set_line_width(s.round());
            ctx.begin_path();
            ctx.move_to(lx + swatch + 4.0 * s, mid);
            ctx.line_to(lx + swatch + 4.0 * s + tw, mid);
            ctx.stroke();
        }
        ctx.set_global_alpha(1.0);
        info.legend
            .push((RectCss { left: lx / s, top: ly / s, width: width / s, height: row_h / s }, item.target.clone()));
    }
    if left_out > 0 {
        let (lx, ly) = placed.last().map_or((legend_left, pad), |(x, y, w, _)| (x + w, *y));
        ctx.fill_text(&format!("+{left_out}"), lx, ly + row_h / 2.0)?;
    }

    // The cross-hair and its read-out.
    if let Some(hover) = options.hover_s.filter(|t| *t >= x_min && *t <= x_max) {
        let mut readings = data.value_at(chart, hover);
        if chart == Chart::Lost {
            // Only the causes drawn: nine lines of "0 msg" say nothing.
            readings.retain(|r| r.series.has_data);
        }
        let at = readings.first().map_or(hover, |r| r.t_s);
        let style = rgb(theme.axis).stroke_width(s.round() as u32);
        ctx.set_line_dash(&JsValue::from(vec![3.0 * s, 3.0 * s]))?;
        plot.draw_series(std::iter::once(PathElement::new(vec![(at, y_axis.min), (at, y_axis.max)], style)))
            .map_err(js_error)?;
        ctx.set_line_dash(&JsValue::from(Vec::<f64>::new()))?;
        for reading in &readings {
            if let Some(v) = reading.value {
                let dot = Circle::new(
                    (reading.t_s, v.min(y_axis.max)),
                    (3.0 * s) as u32,
                    rgb(reading.series.colour).filled(),
                );
                plot.draw_series(std::iter::once(dot)).map_err(js_error)?;
            }
        }
        draw_readout(&ctx, &plot, &readings, at, hover, options, compare, (left, top, plot_w, plot_h), s)?;
    }

    info.plot = RectCss { left: left / s, top: top / s, width: plot_w / s, height: plot_h / s };
    info.x_min_s = x_min;
    info.x_max_s = x_max;
    info.points_drawn = points_drawn;
    root.present().map_err(js_error)?;
    Ok(info)
}

/// The canvas as a PNG `data:` URL, for "export chart as PNG".
pub fn png_data_url(canvas: &HtmlCanvasElement) -> Result<String, JsValue> {
    canvas.to_data_url_with_type("image/png")
}

struct LegendItem {
    text: String,
    colour: Rgb,
    dashed: bool,
    hidden: bool,
    target: LegendTarget,
}

/// What a legend entry stands for: toggle it with [`ChartData::toggle`] or
/// [`ChartData::set_run_visible`].
#[derive(Clone, Debug, PartialEq)]
pub enum LegendTarget {
    Series(SeriesKey),
    Run(RunId),
}

type Plot<'a> = ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn draw_grid(plot: &mut Plot<'_>, x_axis: &Axis, y_axis: &Axis, theme: Theme, s: f64) -> Result<(), JsValue> {
    let thin = rgb(theme.grid).stroke_width(s.round().max(1.0) as u32);
    let (x0, x1) = (x_axis.min, x_axis.max);
    let (y0, y1) = (y_axis.min, y_axis.max);
    let horizontal = y_axis.ticks().into_iter().map(|y| PathElement::new(vec![(x0, y), (x1, y)], thin));
    plot.draw_series(horizontal).map_err(js_error)?;
    let vertical = x_axis.ticks().into_iter().map(|x| PathElement::new(vec![(x, y0), (x, y1)], thin));
    plot.draw_series(vertical).map_err(js_error)?;
    let axis = rgb(theme.axis).stroke_width(s.round().max(1.0) as u32);
    plot.draw_series([PathElement::new(vec![(x0, y1), (x0, y0), (x1, y0)], axis)]).map_err(js_error)?;
    Ok(())
}

/// The line width, in device pixels, of the `i`th of `n` series drawn: the last is the
/// thinnest, each earlier one two device pixels wider (one each side, a whole pixel even at a
/// ratio of 1), up to three steps.
fn line_width_px(i: usize, n: usize, s: f64) -> u32 {
    let base = (1.5 * s).round().max(2.0) as u32;
    let steps = (n.saturating_sub(1 + i)).min(3) as u32;
    base + 2 * steps
}

/// The hover box: the time, then one line per reading, beside the cross-hair (flipped to its
/// left near the right edge).
#[allow(clippy::too_many_arguments)]
fn draw_readout(
    ctx: &CanvasRenderingContext2d,
    plot: &Plot<'_>,
    readings: &[Reading],
    at: f64,
    hover: f64,
    options: &DrawOptions<'_>,
    compare: bool,
    (left, top, plot_w, plot_h): (f64, f64, f64, f64),
    s: f64,
) -> Result<(), JsValue> {
    let mut lines: Vec<(Option<Rgb>, String)> = vec![(None, format!("{} {} s", options.time_prefix, trim_time(at)))];
    let line_h = 15.0 * s;
    let inner = 6.0 * s;
    // As many lines as fit the plot's height; the rest summed up.
    let room = (((plot_h - 8.0 * s - inner * 2.0) / line_h).floor() as usize).max(2);
    for (i, reading) in readings.iter().enumerate() {
        if lines.len() + 1 == room && i + 1 < readings.len() {
            lines.push((None, format!("+{}", readings.len() - i)));
            break;
        }
        let name = (options.series_label)(&reading.series.key);
        let run = if compare { format!(" ({})", reading.run.label()) } else { String::new() };
        let value = reading.value.map_or("–".to_string(), |v| reading.series.unit.format(v));
        lines.push((Some(reading.series.colour), format!("{name}{run}: {value}")));
    }
    let dot = 10.0 * s;
    let width = lines.iter().map(|(_, t)| text_width(ctx, t)).fold(0.0, f64::max) + dot + inner * 2.0;
    let height = lines.len() as f64 * line_h + inner * 2.0 - 2.0 * s;
    let (cx, _) = plot.backend_coord(&(if readings.is_empty() { hover } else { at }, 0.0));
    let mut bx = cx as f64 + 10.0 * s;
    if bx + width > left + plot_w {
        bx = cx as f64 - 10.0 * s - width;
    }
    let bx = bx.max(left);
    let by = top + 4.0 * s;
    let theme = options.theme;
    ctx.set_global_alpha(0.94);
    ctx.set_fill_style_str(&theme.tooltip.css());
    ctx.fill_rect(bx, by, width, height);
    ctx.set_global_alpha(1.0);
    ctx.set_stroke_style_str(&theme.axis.css());
    ctx.set_line_width(s.round().max(1.0));
    ctx.stroke_rect(bx, by, width, height);
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    for (i, (colour, text)) in lines.iter().enumerate() {
        let y = by + inner + line_h * i as f64 + line_h / 2.0 - 1.0 * s;
        if let Some(colour) = colour {
            ctx.set_fill_style_str(&colour.css());
            ctx.fill_rect(bx + inner, y - 3.5 * s, 7.0 * s, 7.0 * s);
        }
        ctx.set_fill_style_str(&theme.text.css());
        ctx.fill_text(text, bx + inner + dot, y)?;
    }
    Ok(())
}

/// A time for the read-out: as few decimals as it needs, at most three.
fn trim_time(t: f64) -> String {
    let text = format!("{t:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn text_width(ctx: &CanvasRenderingContext2d, text: &str) -> f64 {
    ctx.measure_text(text).map(|m| m.width()).unwrap_or(text.chars().count() as f64 * 7.0)
}

fn rgb(colour: Rgb) -> RGBColor {
    RGBColor(colour.0, colour.1, colour.2)
}

fn js_error(error: impl std::fmt::Debug) -> JsValue {
    JsValue::from_str(&format!("chart drawing failed: {error:?}"))
}

//! The live charts: the five charts drawn from the series the simulation
//! workers send, frame by frame, each on its own canvas, under the lab's canvas. A click on a legend entry shows or hides its
//! series; the mouse over a plot shows the cross-hair read-out on every chart at that time.
//! Export buttons offer the report as JSON, its buckets as CSV, and each chart as PNG.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::draw::{self, DrawInfo, LegendTarget};
use crate::charts::{export, labels, Chart};
use crate::hooks;
use crate::i18n::{t, Key, Lang};
use crate::live::RunId;
use crate::live::{use_live, HubHandle};
use crate::sim_worker::RunState;

#[derive(Properties, PartialEq)]
pub struct ChartsPanelProps {
    pub lang: Lang,
    /// The runs: their series, and run A's report once it has finished.
    pub hub: HubHandle,
    /// Called when the panel appears, opens, closes or goes: the lab's canvas changed size.
    pub on_layout: Callback<()>,
}

/// How often the charts redraw for new buckets alone while a run plays (10 times a second).
const CHART_FRAME_MS: f64 = 100.0;

/// Where each chart's legend and plot were drawn, for clicks and hovering.
type DrawInfos = [Option<DrawInfo>; 5];

fn chart_index(chart: Chart) -> usize {
    Chart::ALL.iter().position(|c| *c == chart).unwrap_or(0)
}

#[component]
pub fn ChartsPanel(props: &ChartsPanelProps) -> Html {
    let lang = props.lang;
    let version = use_live(&props.hub);
    let infos = use_mut_ref(DrawInfos::default);
    let canvases = use_memo((), |_| Chart::ALL.map(|_| NodeRef::default()));
    // Bumped by every toggle and window resize: each bump redraws.
    let frame = use_state(|| 0u32);
    let hover_s = use_state(|| None::<f64>);
    let open = use_state(|| true);

    // The lab's canvas above shrinks or grows with the panel: fit the diagram in it again.
    {
        let on_layout = props.on_layout.clone();
        use_effect_with(*open, move |_| {
            on_layout.emit(());
            move || on_layout.emit(())
        });
    }

    // Redraw when the window's size changes.
    {
        let frame = frame.clone();
        use_effect_with((), move |_| {
            let counter = Rc::new(RefCell::new(0u32));
            let closure = Closure::<dyn FnMut()>::new(move || {
                *counter.borrow_mut() += 1;
                frame.set(*counter.borrow() + 1_000_000);
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback("resize", closure.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = &window {
                    let _ = window.remove_event_listener_with_callback("resize", closure.as_ref().unchecked_ref());
                }
                drop(closure);
            }
        });
    }

    // Draw every chart after each render that changed what they show. While a run plays, new
    // buckets alone redraw them at most every CHART_FRAME_MS: five plotters charts at every
    // display frame would take the page's thread from the canvas and the run bar; a skipped
    // frame is caught up by the next one, and the run's end is always drawn.
    let last_draw = use_mut_ref(|| (f64::NEG_INFINITY, None::<(Lang, u32, Option<f64>, bool)>));
    {
        let infos = infos.clone();
        let canvases = canvases.clone();
        let hub = props.hub.clone();
        let last_draw = last_draw.clone();
        use_effect_with((lang, *frame, *hover_s, version, *open), move |(lang, frame, hover_s, _, open)| {
            let inputs = (*lang, *frame, *hover_s, *open);
            let now_ms = crate::live::now_ms();
            let playing = hub.model().phase() == RunState::Running;
            let (last_ms, last_inputs) = *last_draw.borrow();
            let only_new_buckets = last_inputs == Some(inputs);
            let skip = playing && only_new_buckets && now_ms - last_ms < CHART_FRAME_MS;
            if !skip {
                *last_draw.borrow_mut() = (now_ms, Some(inputs));
            }
            if *open && !skip {
                let lang = *lang;
                let nothing_lost = labels::nothing_lost(lang);
                let model = hub.model();
                let mut infos = infos.borrow_mut();
                for (i, chart) in Chart::ALL.iter().enumerate() {
                    let Some(canvas) = canvases[i].cast::<HtmlCanvasElement>() else {
                        continue;
                    };
                    let mut options = labels::draw_options(lang, *chart, &nothing_lost);
                    options.hover_s = *hover_s;
                    match draw::draw_chart(&canvas, &model.charts, *chart, &options) {
                        Ok(info) => {
                            // Where the legend entries are, for tests and tools: "x,y;x,y" (CSS px).
                            let legend: Vec<String> = info
                                .legend
                                .iter()
                                .map(|(rect, _)| {
                                    format!("{:.0},{:.0}", rect.left + rect.width / 2.0, rect.top + rect.height / 2.0)
                                })
                                .collect();
                            let _ = canvas.set_attribute("data-legend", &legend.join(";"));
                            infos[i] = Some(info);
                        }
                        Err(error) => web_sys::console::warn_2(&"chart not drawn:".into(), &error),
                    }
                }
            }
            || ()
        });
    }

    let on_toggle_open = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let report = props.hub.model().run(RunId::A).report.clone();
    let on_report = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(report) = &report {
                let text = serde_json::to_string_pretty(&**report).unwrap_or_default();
                hooks::download("report.json", "application/json", &text);
            }
        })
    };
    let on_csv = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(report) = &report {
                hooks::download("report.csv", "text/csv", &export::report_csv(report));
            }
        })
    };

    let chart_view = |chart: Chart| {
        let i = chart_index(chart);
        let node = canvases[i].clone();
        let on_png = {
            let node = node.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                    if let Ok(url) = draw::png_data_url(&canvas) {
                        hooks::download_url(&format!("{}.png", chart.key()), &url);
                    }
                }
            })
        };
        let on_click = {
            let infos = infos.clone();
            let hub = props.hub.clone();
            let frame = frame.clone();
            Callback::from(move |event: MouseEvent| {
                let (x, y) = (event.offset_x() as f64, event.offset_y() as f64);
                let target = infos.borrow()[i].as_ref().and_then(|info| info.legend_at(x, y)).cloned();
                let Some(target) = target else { return };
                hub.update_charts(|charts| match target {
                    LegendTarget::Series(key) => {
                        charts.toggle(chart, &key);
                    }
                    LegendTarget::Run(run) => {
                        let visible = charts.is_run_visible(run);
                        charts.set_run_visible(run, !visible);
                    }
                });
                frame.set(*frame + 1);
            })
        };
        let on_move = {
            let infos = infos.clone();
            let hover_s = hover_s.clone();
            Callback::from(move |event: MouseEvent| {
                let t_s = infos.borrow()[i].as_ref().and_then(|info| info.t_at(event.offset_x() as f64));
                if t_s != *hover_s {
                    hover_s.set(t_s);
                }
            })
        };
        let on_leave = {
            let hover_s = hover_s.clone();
            Callback::from(move |_: MouseEvent| hover_s.set(None))
        };
        html! {
            <figure class="chart">
                <figcaption>
                    <span class="chart-title">{ labels::chart_title(lang, chart) }</span>
                    <button type="button" class="ghost small" data-testid={format!("export-png-{}", chart.key())}
                            onclick={on_png} title={t(lang, Key::ExportPng)}>{ "PNG" }</button>
                </figcaption>
                <canvas ref={node} class="chart-canvas" data-testid={format!("chart-{}", chart.key())}
                        title={t(lang, Key::SeriesToggle)}
                        onclick={on_click} onmousemove={on_move} onmouseleave={on_leave} />
            </figure>
        }
    };

    html! {
        <section class={classes!("charts-panel", (!*open).then_some("closed"))} data-testid="charts" aria-label={t(lang, Key::ChartsTitle)}>
            <header class="charts-head">
                <button type="button" class="ghost small charts-toggle" data-testid="charts-toggle"
                        aria-expanded={open.to_string()} onclick={on_toggle_open}>
                    { if *open { "▾ " } else { "▸ " } }{ t(lang, Key::ChartsTitle) }
                </button>
                <span class="muted small">{ t(lang, Key::SeriesToggle) }</span>
                <span class="spacer"></span>
                <button type="button" class="ghost small" data-testid="export-report" onclick={on_report} disabled={report.is_none()}>{ t(lang, Key::ExportReport) }</button>
                <button type="button" class="ghost small" data-testid="export-csv" onclick={on_csv} disabled={report.is_none()}>{ t(lang, Key::ExportCsv) }</button>
            </header>
            if *open {
                <div class="charts-grid">
                    { for Chart::ALL.iter().map(|chart| chart_view(*chart)) }
                </div>
            }
        </section>
    }
}

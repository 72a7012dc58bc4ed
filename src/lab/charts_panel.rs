//! The charts of a finished run (issue 4, item 5): the five charts drawn from the report's JSON,
//! each on its own canvas, under the lab's canvas. A click on a legend entry shows or hides its
//! series; the mouse over a plot shows the cross-hair read-out on every chart at that time.
//! Export buttons offer the report as JSON, its buckets as CSV, and each chart as PNG.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::draw::{self, DrawInfo, LegendTarget};
use crate::charts::{export, labels, Chart, ChartData};
use crate::hooks;
use crate::i18n::{t, Key, Lang};

#[derive(Properties, PartialEq)]
pub struct ChartsPanelProps {
    pub lang: Lang,
    /// The finished run's report JSON (`mqlab_scenario::report_to_json`).
    pub report: Rc<Value>,
    /// Called when the panel appears, opens, closes or goes: the lab's canvas changed size.
    pub on_layout: Callback<()>,
}

/// The report's data for the charts, kept with the report it was read from (toggles live here).
struct Charts {
    report: Option<Rc<Value>>,
    data: ChartData,
    infos: [Option<DrawInfo>; 5],
}

fn chart_index(chart: Chart) -> usize {
    Chart::ALL.iter().position(|c| *c == chart).unwrap_or(0)
}

#[component]
pub fn ChartsPanel(props: &ChartsPanelProps) -> Html {
    let lang = props.lang;
    let charts = use_mut_ref(|| Charts { report: None, data: ChartData::new(), infos: Default::default() });
    let canvases = use_memo((), |_| Chart::ALL.map(|_| NodeRef::default()));
    // Bumped by every toggle and window resize: each bump redraws.
    let frame = use_state(|| 0u32);
    let hover_s = use_state(|| None::<f64>);
    let open = use_state(|| true);

    // A new report: read it afresh (a report the charts cannot read shows empty charts).
    {
        let mut charts = charts.borrow_mut();
        let fresh = charts.report.as_ref().map_or(true, |old| !Rc::ptr_eq(old, &props.report));
        if fresh {
            charts.data = ChartData::from_report_json(&props.report).unwrap_or_else(|error| {
                web_sys::console::warn_1(&format!("charts: {error}").into());
                ChartData::new()
            });
            charts.report = Some(props.report.clone());
        }
    }

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

    // Draw every chart after each render that changed what they show.
    {
        let charts = charts.clone();
        let canvases = canvases.clone();
        let report = props.report.clone();
        use_effect_with((lang, *frame, *hover_s, report, *open), move |(lang, _, hover_s, _, open)| {
            if *open {
                let lang = *lang;
                let nothing_lost = labels::nothing_lost(lang);
                let mut charts = charts.borrow_mut();
                let Charts { data, infos, .. } = &mut *charts;
                for (i, chart) in Chart::ALL.iter().enumerate() {
                    let Some(canvas) = canvases[i].cast::<HtmlCanvasElement>() else { continue };
                    let mut options = labels::draw_options(lang, *chart, &nothing_lost);
                    options.hover_s = *hover_s;
                    match draw::draw_chart(&canvas, data, *chart, &options) {
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
    let on_report = {
        let report = props.report.clone();
        Callback::from(move |_: MouseEvent| {
            let text = serde_json::to_string_pretty(&*report).unwrap_or_default();
            hooks::download("report.json", "application/json", &text);
        })
    };
    let on_csv = {
        let report = props.report.clone();
        Callback::from(move |_: MouseEvent| {
            hooks::download("report.csv", "text/csv", &export::report_csv(&report));
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
            let charts = charts.clone();
            let frame = frame.clone();
            Callback::from(move |event: MouseEvent| {
                let (x, y) = (event.offset_x() as f64, event.offset_y() as f64);
                let mut charts = charts.borrow_mut();
                let target = charts.infos[i].as_ref().and_then(|info| info.legend_at(x, y)).cloned();
                match target {
                    Some(LegendTarget::Series(key)) => {
                        charts.data.toggle(chart, &key);
                    }
                    Some(LegendTarget::Run(run)) => {
                        let visible = charts.data.is_run_visible(run);
                        charts.data.set_run_visible(run, !visible);
                    }
                    None => return,
                }
                frame.set(*frame + 1);
            })
        };
        let on_move = {
            let charts = charts.clone();
            let hover_s = hover_s.clone();
            Callback::from(move |event: MouseEvent| {
                let t_s = charts.borrow().infos[i].as_ref().and_then(|info| info.t_at(event.offset_x() as f64));
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
                <button type="button" class="ghost small" data-testid="export-report" onclick={on_report}>{ t(lang, Key::ExportReport) }</button>
                <button type="button" class="ghost small" data-testid="export-csv" onclick={on_csv}>{ t(lang, Key::ExportCsv) }</button>
            </header>
            if *open {
                <div class="charts-grid">
                    { for Chart::ALL.iter().map(|chart| chart_view(*chart)) }
                </div>
            }
        </section>
    }
}

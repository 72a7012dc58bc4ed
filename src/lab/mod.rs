//! The lab's components, each a view over props and callbacks: the canvas, the inspector, and
//! the small bars around them (palette, tool bar, run bar, totals, error panel, toast).

pub mod canvas;
pub mod charts_panel;
pub mod faults_panel;
pub mod inspector;
pub mod timeline;

use yew::prelude::*;

use crate::editor::{layout, ComponentKind, Edit};
use crate::i18n::{self, t, Key, Lang};
use crate::report_view::ReportView;
use crate::state::{Action, RunState};

/// Where a new component of `kind` goes: its column, below what is already there.
pub fn free_spot(s: &mqlab_scenario::Scenario, kind: ComponentKind) -> (f64, f64) {
    let ids = crate::editor::components::ids_of(s, kind);
    let ys = ids.iter().filter_map(|id| s.layout.get(*id)).map(|p| p.y);
    let below = ys.fold(None, |acc: Option<f64>, y| Some(acc.map_or(y, |a| a.max(y))));
    match layout::column(kind) {
        Some(column) => (
            layout::LEFT_X + layout::COLUMN_GAP * column as f64,
            below.map_or(layout::TOP_Y, |y| y + layout::ROW_GAP),
        ),
        None => {
            let xs = ids.iter().filter_map(|id| s.layout.get(*id)).map(|p| p.x);
            let right = xs.fold(None, |acc: Option<f64>, x| Some(acc.map_or(x, |a| a.max(x))));
            let pipeline_bottom = s
                .layout
                .values()
                .map(|p| p.y)
                .fold(layout::TOP_Y, f64::max);
            match right {
                Some(x) => (x + layout::COLUMN_GAP, s.layout.get(ids[0]).map_or(pipeline_bottom, |p| p.y)),
                None => (layout::LEFT_X + layout::COLUMN_GAP, pipeline_bottom + layout::NODE_ROW_GAP),
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub lang: Lang,
    pub scenario: std::rc::Rc<mqlab_scenario::Scenario>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Palette(props: &PaletteProps) -> Html {
    let lang = props.lang;
    html! {
        <nav class="palette" aria-label={t(lang, Key::PaletteTitle)}>
            <h2>{ t(lang, Key::PaletteTitle) }</h2>
            { for ComponentKind::ALL.iter().map(|kind| {
                let kind = *kind;
                let (class, glyph) = canvas::kind_style(kind);
                let onclick = {
                    let dispatch = props.dispatch.clone();
                    let scenario = props.scenario.clone();
                    Callback::from(move |_: MouseEvent| {
                        let at = free_spot(&scenario, kind);
                        dispatch.emit(Action::Edit(Edit::Add { kind, at }));
                    })
                };
                let name = match kind {
                    ComponentKind::Node => "node",
                    ComponentKind::Producer => "producer",
                    ComponentKind::Exchange => "exchange",
                    ComponentKind::Queue => "queue",
                    ComponentKind::Consumer => "consumer",
                };
                html! {
                    <button type="button" class={classes!("palette-item", class)}
                            data-testid={format!("palette-{name}")} onclick={onclick}
                            title={t(lang, kind.hint())}>
                        <span class="badge">{ glyph }</span>
                        <span class="palette-text">
                            <span class="palette-name">{ t(lang, kind.label()) }</span>
                            <span class="palette-hint">{ t(lang, kind.hint()) }</span>
                        </span>
                    </button>
                }
            }) }
            <p class="palette-foot muted small">{ t(lang, Key::ShortcutsHelp) }</p>
        </nav>
    }
}

/// The totals of a finished run, with losses by cause and latency.
pub fn totals(lang: Lang, run: &RunState) -> Html {
    let (view, wall_ms): (Option<&ReportView>, f64) = match run {
        RunState::Finished { view, wall_ms, .. } => (Some(view), *wall_ms),
        _ => (None, 0.0),
    };
    let Some(view) = view else {
        let hint = match run {
            RunState::Running => t(lang, Key::StateRunning),
            _ => t(lang, Key::TotalsTitle),
        };
        return html! { <section class="totals empty" aria-label={t(lang, Key::TotalsTitle)}><p class="muted">{ hint }{ " · —" }</p></section> };
    };
    let label = |name: &str| i18n::total(name).map(|key| t(lang, key).to_string()).unwrap_or_else(|| name.to_string());
    let balanced = view.balances();
    html! {
        <section class="totals" aria-label={t(lang, Key::TotalsTitle)}>
            <div class="total-grid">
                { for view.totals.iter().map(|(name, count)| html! {
                    <div class={classes!("total", *name, (*count > 0).then_some("nonzero"))}>
                        <span class="total-label">{ label(name) }</span>
                        <span class="total-value" data-testid={format!("total-{name}")}>{ *count }</span>
                    </div>
                }) }
                <div class="total latency">
                    <span class="total-label">{ "p50 / p99 (ms)" }</span>
                    <span class="total-value small">
                        <span data-testid="latency-p50">{ view.latency_ms_p50.clone() }</span>
                        { " / " }
                        <span data-testid="latency-p99">{ view.latency_ms_p99.clone() }</span>
                    </span>
                </div>
            </div>
            <div class="totals-foot">
                if !view.lost_by_cause.is_empty() {
                    <span class="causes">
                        { t(lang, Key::TotalLost) }{ ": " }
                        { for view.lost_by_cause.iter().map(|(cause, count)| html! {
                            <span class="cause">
                                { i18n::loss_cause(cause).map(|key| t(lang, key).to_string()).unwrap_or_else(|| cause.clone()) }
                                { " " }<b data-testid={format!("lost-{cause}")}>{ *count }</b>
                            </span>
                        }) }
                    </span>
                }
                <span class={classes!("balance", if balanced { "ok" } else { "bad" })} data-testid="balance"
                      title={t(lang, Key::TotalsExplained)}>
                    { if balanced { "✓ produced = processed + lost + expired + dead-lettered + rejected + in flight" } else { "✗ produced ≠ sum of endings" } }
                </span>
                <span class="muted small" data-testid="wall-ms">{ format!("{wall_ms:.0} ms") }</span>
            </div>
        </section>
    }
}

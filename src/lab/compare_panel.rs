//! Compare mode's panel: what B changes from A, and every total of runs A and B side by side
//! with their difference — live while they run, the reports' full rows once both have finished.

use std::rc::Rc;

use mqlab_scenario::Scenario;
use serde_json::{json, Value};
use yew::prelude::*;

use crate::charts::{compare_rows, totals_csv_compare, CompareRow};
use crate::editor::compare::differences;
use crate::hooks;
use crate::i18n::{self, t, tf, Key, Lang};
use crate::live::RunId;
use crate::live::{use_live, HubHandle, RunLive};
use crate::report_view::TOTAL_NAMES;

#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    pub lang: Lang,
    pub hub: HubHandle,
    pub scenario_a: Rc<Scenario>,
    pub scenario_b: Rc<Scenario>,
}

/// A run's totals as a report's `totals` object: the report's once finished, else the last
/// frame's.
fn totals_json(run: &RunLive) -> Value {
    if let Some(report) = &run.report {
        return (**report).clone();
    }
    let totals: serde_json::Map<String, Value> =
        run.snapshot.totals.by_name().iter().map(|(name, count)| (name.to_string(), json!(count))).collect();
    json!({ "totals": totals })
}

/// A row's name as a person reads it: totals and causes in the page's language.
fn row_label(lang: Lang, name: &str) -> String {
    let bare = name.strip_suffix("_msgs").unwrap_or(name);
    if let Some(key) = i18n::total(bare).filter(|_| TOTAL_NAMES.contains(&bare)) {
        return t(lang, key).to_string();
    }
    if let Some(cause) = bare.strip_prefix("lost_") {
        if let Some(key) = i18n::loss_cause(cause) {
            return format!("{} · {}", t(lang, Key::TotalLost), t(lang, key));
        }
    }
    name.to_string()
}

/// A number as the table shows it: whole numbers as they are, others to three decimals.
fn shown(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value:.3}")
    }
}

/// Whether a bigger number is worse (losses, duplicates, latency) or better (processed).
fn better_if_lower(name: &str) -> Option<bool> {
    if name.starts_with("processed") || name.starts_with("produced") {
        return Some(false);
    }
    let worse =
        ["lost", "duplicates", "expired", "dead_lettered", "rejected", "out_of_order", "latency", "publish_latency"];
    worse.iter().any(|w| name.starts_with(w)).then_some(true)
}

#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    use_live(&props.hub);
    let lang = props.lang;
    let model = props.hub.model();
    let (a, b) = (model.run(RunId::A), model.run(RunId::B));
    let both_finished = a.is_finished() && b.is_finished();
    let rows: Vec<CompareRow> = compare_rows(&totals_json(a), &totals_json(b))
        .into_iter()
        .filter(|row| both_finished || !row.name.contains("latency"))
        .filter(|row| {
            // Causes that lost nothing in either run are left out.
            !row.name.starts_with("lost_")
                || row.a.as_ref().and_then(Value::as_f64).unwrap_or(0.0) > 0.0
                || row.b.as_ref().and_then(Value::as_f64).unwrap_or(0.0) > 0.0
        })
        .collect();
    let changes = differences(&props.scenario_a, &props.scenario_b);
    let started = a.state.is_some() || b.state.is_some();

    let on_csv = {
        let (ra, rb) = (a.report.clone(), b.report.clone());
        Callback::from(move |_: MouseEvent| {
            if let (Some(ra), Some(rb)) = (&ra, &rb) {
                hooks::download("compare.csv", "text/csv", &totals_csv_compare(ra, rb));
            }
        })
    };

    html! {
        <section class="compare-panel" data-testid="compare-panel" aria-label={t(lang, Key::CompareTitle)}>
            <header class="compare-head">
                <h2>{ t(lang, Key::CompareTitle) }</h2>
                <span class="muted small">{ t(lang, Key::CompareSameWorkload) }</span>
                <span class="spacer"></span>
                <button type="button" class="ghost small" data-testid="export-compare-csv" onclick={on_csv}
                        disabled={!both_finished}>{ t(lang, Key::ExportCsv) }</button>
            </header>
            <div class="compare-body">
                <div class="compare-changes" data-testid="compare-differences">
                    <h3>{ tf(lang, Key::CompareChanges, &[&changes.len().to_string()]) }</h3>
                    if changes.is_empty() {
                        <p class="muted small">{ t(lang, Key::CompareNoChanges) }</p>
                    } else {
                        <ul>
                            { for changes.iter().map(|d| html! {
                                <li class="difference" data-path={d.path.clone()}>
                                    <code>{ d.path.clone() }</code>
                                    <span class="diff-a">{ d.a.clone().unwrap_or_else(|| "—".into()) }</span>
                                    { " → " }
                                    <span class="diff-b">{ d.b.clone().unwrap_or_else(|| "—".into()) }</span>
                                </li>
                            }) }
                        </ul>
                    }
                </div>
                if started {
                    <table class="compare-table" data-testid="compare-table">
                        <thead><tr>
                            <th></th><th class="run-a">{ "A" }</th><th class="run-b">{ "B" }</th><th>{ "B − A" }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|row| {
                                let cell = |v: &Option<Value>| v.as_ref().and_then(Value::as_f64).map(shown).unwrap_or_else(|| "–".into());
                                let delta = row.b_minus_a.parse::<f64>().unwrap_or(0.0);
                                let delta_text = if row.b_minus_a.is_empty() { "–".to_string() } else if delta > 0.0 { format!("+{}", shown(delta)) } else { shown(delta) };
                                let verdict = match better_if_lower(&row.name) {
                                    Some(_) if delta == 0.0 => None,
                                    Some(lower) => Some(if (delta < 0.0) == lower { "better" } else { "worse" }),
                                    None => None,
                                };
                                let name = row.name.trim_end_matches("_msgs");
                                html! {
                                    <tr data-testid={format!("compare-row-{name}")}>
                                        <th>{ row_label(lang, &row.name) }</th>
                                        <td data-testid={format!("compare-a-{name}")}>{ cell(&row.a) }</td>
                                        <td data-testid={format!("compare-b-{name}")}>{ cell(&row.b) }</td>
                                        <td class={classes!("delta", verdict)} data-testid={format!("compare-delta-{name}")}>{ delta_text }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                } else {
                    <p class="muted">{ t(lang, Key::CompareRunHint) }</p>
                }
            </div>
        </section>
    }
}

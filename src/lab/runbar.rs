//! The run bar: play, pause, step, run to the end, reset, the speed, the run's state and virtual
//! time, and the totals — live from the worker's frames while running, from the report at the end.

use std::rc::Rc;

use mqlab_scenario::Scenario;
use yew::prelude::*;

use crate::i18n::{self, t, Key, Lang};
use crate::lab::timeline::Timeline;
use crate::live::RunId;
use crate::live::{use_live, HubHandle, RunLive};
use crate::report_view::ReportView;
use crate::sim_worker::{RunState, Speed};

/// The speeds the picker offers, slowest first: virtual seconds per wall second, or top speed.
pub const SPEEDS: [Speed; 7] = [
    Speed::Scaled(0.01),
    Speed::Scaled(0.1),
    Speed::Scaled(1.0),
    Speed::Scaled(10.0),
    Speed::Scaled(100.0),
    Speed::Scaled(1000.0),
    Speed::Max,
];

/// A new page plays at ten times real time: a one-minute scenario takes six seconds.
pub const SPEED_DEFAULT: usize = 3;

fn speed_label(lang: Lang, speed: Speed) -> String {
    match speed {
        Speed::Max => t(lang, Key::SpeedMax).to_string(),
        Speed::Scaled(x) if x == 1.0 => format!("1× · {}", t(lang, Key::SpeedRealTime)),
        Speed::Scaled(x) if x < 1.0 => format!("{x}× · {}", t(lang, Key::SpeedSlow)),
        Speed::Scaled(x) => format!("{x}×"),
    }
}

#[derive(Properties, PartialEq)]
pub struct RunBarProps {
    pub lang: Lang,
    pub hub: HubHandle,
    /// Run A's scenario, and run B's in compare mode.
    pub scenario: Rc<Scenario>,
    pub scenario_b: Option<Rc<Scenario>>,
    /// Index into [`SPEEDS`]; the top component keeps it, so a reload of the worker keeps it too.
    pub speed: usize,
    pub on_speed: Callback<usize>,
    /// The fault picked on the timeline or in the inspector.
    pub selected_fault: Option<usize>,
    pub on_select_fault: Callback<Option<usize>>,
}

#[component]
pub fn RunBar(props: &RunBarProps) -> Html {
    use_live(&props.hub);
    let lang = props.lang;
    let hub = props.hub.clone();
    let model = hub.model();
    let phase = model.phase();
    let speed = SPEEDS[props.speed.min(SPEEDS.len() - 1)];

    let scenarios = {
        let a = props.scenario.clone();
        let b = props.scenario_b.clone();
        move || {
            let mut list = vec![(RunId::A, a.clone())];
            if let Some(b) = &b {
                list.push((RunId::B, b.clone()));
            }
            list
        }
    };
    let with_scenarios = |act: fn(&HubHandle, &[(RunId, &Scenario)], Speed)| {
        let hub = hub.clone();
        let scenarios = scenarios.clone();
        Callback::from(move |_: MouseEvent| {
            let owned = scenarios();
            let list: Vec<(RunId, &Scenario)> = owned.iter().map(|(r, s)| (*r, s.as_ref())).collect();
            act(&hub, &list, speed);
        })
    };
    let on_play = with_scenarios(|hub, list, speed| hub.play(list, speed));
    let on_step = with_scenarios(|hub, list, _| hub.step(list));
    let on_to_end = with_scenarios(|hub, list, _| hub.run_to_end(list));
    let on_pause = {
        let hub = hub.clone();
        Callback::from(move |_: MouseEvent| hub.pause())
    };
    let on_reset = {
        let hub = hub.clone();
        Callback::from(move |_: MouseEvent| hub.reset())
    };
    let on_speed = {
        let hub = hub.clone();
        let on_speed = props.on_speed.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                if let Some(speed) = SPEEDS.get(i) {
                    hub.set_speed(*speed);
                    on_speed.emit(i);
                }
            }
        })
    };

    let running = phase == RunState::Running;
    let finished = phase == RunState::Finished;
    let run_name = phase.name();
    let state_label = match phase {
        RunState::Idle => t(lang, Key::StateIdle),
        RunState::Running => t(lang, Key::StateRunning),
        RunState::Paused => t(lang, Key::StatePaused),
        RunState::Finished => t(lang, Key::StateFinished),
    };
    let a = model.run(RunId::A);
    let horizon_s = props.scenario.horizon_s;
    let now_s = a.now_us as f64 / 1e6;
    let on_seek = {
        let hub = hub.clone();
        let scenarios = scenarios.clone();
        Callback::from(move |t_s: f64| {
            let owned = scenarios();
            let list: Vec<(RunId, &Scenario)> = owned.iter().map(|(r, s)| (*r, s.as_ref())).collect();
            hub.seek(&list, (t_s.max(0.0) * 1e6).round() as u64);
        })
    };
    let target_s = a.target_us.map(|t| t as f64 / 1e6);
    let play_label = if phase == RunState::Paused { t(lang, Key::Continue) } else { t(lang, Key::Run) };

    html! {
        <footer class="runbar">
            <Timeline lang={lang} horizon_s={horizon_s} now_s={now_s} target_s={target_s}
                      faults={Rc::new(props.scenario.faults.clone())} random_faults={Rc::new(props.scenario.random_faults.clone())}
                      selected_fault={props.selected_fault} on_seek={on_seek} on_select_fault={props.on_select_fault.clone()} />
            <div class="run-controls">
                <button type="button" class="primary" data-testid="run" onclick={on_play} disabled={running || finished}>
                    { "▶ " }{ play_label }
                </button>
                <button type="button" class="ghost" data-testid="pause" onclick={on_pause} disabled={!running}>{ "❚❚ " }{ t(lang, Key::Pause) }</button>
                <button type="button" class="ghost" data-testid="step" onclick={on_step} disabled={running || finished}
                        title={t(lang, Key::StepHint)}>{ "▸| " }{ t(lang, Key::Step) }</button>
                <button type="button" class="ghost" data-testid="run-to-end" onclick={on_to_end} disabled={finished}>{ "» " }{ t(lang, Key::RunToEnd) }</button>
                <button type="button" class="ghost" data-testid="reset" onclick={on_reset} disabled={phase == RunState::Idle}>{ "↺ " }{ t(lang, Key::Reset) }</button>
                <label class="speed-pick">
                    <span class="muted small">{ t(lang, Key::Speed) }</span>
                    <select data-testid="speed" onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={i == props.speed}>{ speed_label(lang, *s) }</option>
                        }) }
                    </select>
                </label>
                <span class={classes!("run-state", run_name)} data-testid="run-state" data-state={run_name} role="status">
                    <span class="dot"></span>{ state_label }
                </span>
                <span class="clock" data-testid="clock" title={t(lang, Key::VirtualTime)}>
                    { format!("{now_s:.2} s / {horizon_s} s") }
                </span>
                <span class="run-meta muted small">
                    { format!("{} {}", t(lang, Key::Seed), props.scenario.seed) }
                </span>
            </div>
            { totals(lang, a, hub.wall_ms(), props.scenario_b.is_some()) }
        </footer>
    }
}

/// What the totals show for a run: the report's figures once it has finished, the live
/// snapshot's before (no latency figures or causes yet: those are the report's).
fn shown_view(run: &RunLive) -> Option<ReportView> {
    if let Some(view) = &run.view {
        return Some(view.clone());
    }
    run.state?;
    Some(ReportView {
        totals: run.snapshot.totals.by_name().to_vec(),
        lost_by_cause: Vec::new(),
        latency_ms_p50: "–".to_string(),
        latency_ms_p99: "–".to_string(),
    })
}

/// The totals of run A, with losses by cause and latency at the end. In compare mode they say
/// they are A's (B's are in the compare panel).
fn totals(lang: Lang, run: &RunLive, wall_ms: f64, compare: bool) -> Html {
    let Some(view) = shown_view(run) else {
        return html! { <section class="totals empty" aria-label={t(lang, Key::TotalsTitle)}><p class="muted">{ t(lang, Key::TotalsTitle) }{ " · —" }</p></section> };
    };
    let finished = run.view.is_some();
    let label = |name: &str| i18n::total(name).map(|key| t(lang, key).to_string()).unwrap_or_else(|| name.to_string());
    let balanced = view.balances();
    html! {
        <section class={classes!("totals", (!finished).then_some("live"))} aria-label={t(lang, Key::TotalsTitle)}>
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
                if compare {
                    <span class="totals-run run-a" data-testid="totals-run">{ t(lang, Key::TotalsOfA) }</span>
                }
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
                    { if balanced { t(lang, Key::BalanceOk) } else { t(lang, Key::BalanceBad) } }
                </span>
                if finished {
                    <span class="muted small" data-testid="wall-ms">{ format!("{wall_ms:.0} ms") }</span>
                }
            </div>
        </section>
    }
}

//! The page: a preset picker, a Run button, the run's state and the report's totals.
//!
//! State is one `Reducible` with an `Action` enum (Yew's `function_todomvc` style); the only side
//! effect, running the engine, happens in the Run button's callback, outside the reducer.

use std::rc::Rc;
use std::time::Duration;

use yew::prelude::*;

use crate::report_view::{label, ReportView};
use crate::runner;

/// Where the one run on the page stands. `data-state` on `run-state` is [`RunState::name`].
#[derive(Clone, Debug, PartialEq)]
pub enum RunState {
    Idle,
    Running,
    Finished { view: ReportView, wall_ms: f64 },
    Failed(String),
}

impl RunState {
    /// The value of the `data-state` attribute. A failed run has finished too; its message is in
    /// the `error` panel.
    pub fn name(&self) -> &'static str {
        match self {
            RunState::Idle => "idle",
            RunState::Running => "running",
            RunState::Finished { .. } | RunState::Failed(_) => "finished",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub preset: String,
    pub run: RunState,
}

pub enum Action {
    /// The learner picked another preset; the old report no longer describes it.
    Select(String),
    Start,
    Finished { result: Result<ReportView, String>, wall_ms: f64 },
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::Select(preset) => State { preset, run: RunState::Idle },
            Action::Start => State { run: RunState::Running, ..(*self).clone() },
            // A result that arrives when no run is going (it cannot happen today: runs are
            // synchronous) is dropped rather than shown under the wrong preset.
            Action::Finished { .. } if self.run != RunState::Running => return self,
            Action::Finished { result, wall_ms } => State {
                run: match result {
                    Ok(view) => RunState::Finished { view, wall_ms },
                    Err(message) => RunState::Failed(message),
                },
                ..(*self).clone()
            },
        };
        Rc::new(next)
    }
}

/// Milliseconds from the page's time origin, for the "ran in" line.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or(0.0)
}

#[component]
pub fn App() -> Html {
    let names = use_memo((), |_| runner::preset_names());
    let state = use_reducer({
        let first = names.first().map(|name| name.to_string()).unwrap_or_default();
        move || State { preset: first, run: RunState::Idle }
    });
    let running = state.run == RunState::Running;
    let info = use_memo(state.preset.clone(), |preset| runner::describe(preset));

    let on_select = {
        let state = state.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            state.dispatch(Action::Select(select.value()));
        })
    };

    let on_run = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if state.run == RunState::Running {
                return;
            }
            let preset = state.preset.clone();
            let dispatcher = state.dispatcher();
            state.dispatch(Action::Start);
            yew::platform::spawn_local(async move {
                // Yield once so the page shows "running" before the engine takes the thread.
                yew::platform::time::sleep(Duration::from_millis(0)).await;
                let started_ms = now_ms();
                let result =
                    runner::run_preset(&preset).and_then(|report| ReportView::from_json(&report));
                let wall_ms = now_ms() - started_ms;
                dispatcher.dispatch(Action::Finished { result, wall_ms });
            });
        })
    };

    html! {
        <>
            <header class="masthead">
                <h1>{ "MQ Lab" }</h1>
                <p class="tagline">
                    { "A message-queue laboratory that runs entirely in your browser. \
                       Pick a preset, run it, and read what happened to every message." }
                </p>
            </header>
            <main>
                <section class="card controls" aria-label="Run a preset">
                    <label for="preset">{ "Preset" }</label>
                    <select id="preset" data-testid="preset" onchange={on_select} disabled={running}>
                        { for names.iter().map(|name| html! {
                            <option value={*name} selected={*name == state.preset}>{ *name }</option>
                        }) }
                    </select>
                    <button type="button" class="primary" data-testid="run" onclick={on_run}
                            disabled={running || names.is_empty()}>
                        { if running { "Running…" } else { "Run" } }
                    </button>
                    <span class={classes!("run-state", state.run.name())} data-testid="run-state"
                          data-state={state.run.name()} role="status">
                        { state.run.name() }
                    </span>
                    { about(info.as_ref().as_ref()) }
                </section>
                { results(&state.run) }
            </main>
            <footer>
                { "Deterministic: the same preset gives the same numbers here as " }
                <code>{ "mqlab run" }</code>{ " on the command line." }
            </footer>
        </>
    }
}

/// The preset's title and description, and the seed and horizon that make its run repeatable.
fn about(info: Option<&runner::PresetInfo>) -> Html {
    let Some(info) = info else {
        return html! {};
    };
    html! {
        <div class="about" data-testid="preset-about">
            <p class="about-title">{ info.title.clone() }</p>
            if let Some(description) = &info.description {
                <p class="about-text">{ description.clone() }</p>
            }
            <p class="muted">
                { format!("seed {} · {} s of virtual time", info.seed, info.horizon_s) }
            </p>
        </div>
    }
}

fn results(run: &RunState) -> Html {
    match run {
        RunState::Idle => html! {
            <section class="card hint"><p>{ "Press Run to simulate the chosen preset." }</p></section>
        },
        RunState::Running => html! {
            <section class="card hint"><p>{ "Simulating…" }</p></section>
        },
        RunState::Failed(message) => html! {
            <section class="card error" role="alert" data-testid="error">
                <h2>{ "The run failed" }</h2>
                <p>{ message.clone() }</p>
            </section>
        },
        RunState::Finished { view, wall_ms } => report(view, *wall_ms),
    }
}

fn report(view: &ReportView, wall_ms: f64) -> Html {
    html! {
        <section class="card report" aria-label="Report">
            <div class="report-grid">
                <div>
                    <h2>{ "Totals" }</h2>
                    <table class="numbers">
                        <tbody>
                            { for view.totals.iter().map(|(name, count)| html! {
                                <tr>
                                    <th scope="row">{ label(name) }</th>
                                    <td data-testid={format!("total-{name}")}>{ *count }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <p class={classes!("balance", if view.balances() { "ok" } else { "bad" })}
                       data-testid="balance">
                        { if view.balances() {
                            "✓ produced = processed + lost + expired + dead\u{2011}lettered + rejected + in\u{a0}flight"
                        } else {
                            "✗ the totals do not add up to produced: this is a bug in the engine"
                        } }
                    </p>
                </div>
                <div>
                    <h2>{ "Lost, by cause" }</h2>
                    if view.lost_by_cause.is_empty() {
                        <p class="muted">{ "Nothing was lost." }</p>
                    } else {
                        <table class="numbers">
                            <tbody>
                                { for view.lost_by_cause.iter().map(|(cause, count)| html! {
                                    <tr>
                                        <th scope="row">{ label(cause) }</th>
                                        <td data-testid={format!("lost-{cause}")}>{ *count }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    }
                    <h2>{ "Latency, creation to processing" }</h2>
                    <table class="numbers">
                        <tbody>
                            <tr>
                                <th scope="row">{ "p50 (ms)" }</th>
                                <td data-testid="latency-p50">{ view.latency_ms_p50.clone() }</td>
                            </tr>
                            <tr>
                                <th scope="row">{ "p99 (ms)" }</th>
                                <td data-testid="latency-p99">{ view.latency_ms_p99.clone() }</td>
                            </tr>
                        </tbody>
                    </table>
                </div>
            </div>
            <p class="muted" data-testid="wall-ms">
                { format!("Simulated in {wall_ms:.0} ms of wall-clock time, in this tab.") }
            </p>
        </section>
    }
}

//! The top component: it owns the state ([`crate::state`]) and every side effect — opening the
//! link or the autosave, saving after each edit, the URL, the clipboard, files, running the engine.
//!
//! Layout: a tool bar on top, the palette on the left, the canvas in the centre, the inspector
//! on the right, and the run bar with the totals at the bottom. Once a run has finished, its
//! charts (`lab::charts_panel`) open under the canvas.

use std::collections::BTreeMap;
use std::time::Duration;

use mqlab_scenario::Scenario;
use yew::prelude::*;

use crate::editor::{self, Edit};
use crate::hooks::{self, Shortcut};
use crate::i18n::{self, t, Key, Lang};
use crate::lab::canvas::Canvas;
use crate::lab::charts_panel::ChartsPanel;
use crate::lab::inspector::Inspector;
use crate::lab::{totals, Palette};
use crate::report_view::ReportView;
use crate::runner;
use crate::state::{Action, AppState, RunState, Selection};

/// Opens a preset, laid out for the canvas.
fn preset_scenario(name: &str) -> Option<Scenario> {
    let mut scenario = mqlab_scenario::presets::get(name)?;
    editor::ensure_layout(&mut scenario);
    Some(scenario)
}

/// The state the page opens with: the link's scenario; else the autosave; else the first preset.
/// A bad link is named in the error panel and the autosave is opened, untouched.
fn initial_state() -> AppState {
    let lang = hooks::initial_lang();
    let fragment = hooks::url_fragment();
    let fallback = || match hooks::load_autosave() {
        Some(scenario) => (scenario, None),
        None => {
            let name = runner::preset_names().first().map(|n| n.to_string()).unwrap_or_default();
            (preset_scenario(&name).unwrap_or_else(|| editor::blank(lang)), Some(name))
        }
    };
    let (scenario, preset, problem) = if fragment.trim_start_matches('#').is_empty() {
        let (scenario, preset) = fallback();
        (scenario, preset, None)
    } else {
        match mqlab_scenario::decode(&fragment) {
            Ok(mut scenario) => {
                editor::ensure_layout(&mut scenario);
                (scenario, None, None)
            }
            Err(error) => {
                let (scenario, preset) = fallback();
                let message = format!(
                    "{} {}\n{}",
                    t(lang, Key::ErrorBadLink),
                    t(lang, Key::ErrorWorkKept),
                    i18n::link_error(lang, &error)
                );
                (scenario, preset, Some(message))
            }
        }
    };
    AppState::new(scenario, lang, preset, problem)
}

/// Milliseconds from the page's time origin, for the "ran in" figure.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or(0.0)
}

/// Runs the scenario to its end in the page; the report as the page shows it and as JSON.
fn run_scenario(scenario: &Scenario) -> Result<(ReportView, serde_json::Value), String> {
    let report = mqlab_scenario::run(scenario, None).map_err(|errors| errors.to_string())?;
    let json = mqlab_scenario::report_to_json(&report);
    let view = ReportView::from_json(&json)?;
    Ok((view, json))
}

/// Queue depths from a finished run's report, by queue id.
fn depths(run: &RunState) -> BTreeMap<String, (u64, u64)> {
    let RunState::Finished { report, .. } = run else {
        return BTreeMap::new();
    };
    report
        .get("queues")
        .and_then(|queues| queues.as_object())
        .map(|queues| {
            queues
                .iter()
                .map(|(id, q)| {
                    let get = |key: &str| q.get(key).and_then(|v| v.as_u64()).unwrap_or(0);
                    (id.clone(), (get("depth_end"), get("depth_max")))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| Callback::from(move |action: Action| dispatcher.dispatch(action)))
    };
    let dispatch: Callback<Action> = (*dispatch).clone();
    let lang = state.lang;
    let link = use_state(String::new);

    // The URL always holds the scenario; every edit is saved in this browser. Revision 0 is the
    // scenario as opened: it is written to the URL but never over the autosave.
    {
        let link = link.clone();
        let scenario = state.scenario().clone();
        use_effect_with(state.revision, move |revision| {
            link.set(hooks::write_link(&scenario));
            if *revision > 0 {
                hooks::autosave(&scenario);
            }
        });
    }
    use_effect_with(lang, |lang| hooks::remember_lang(*lang));
    // A notice goes away by itself.
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.notice.clone(), move |notice| {
            let timer = notice.as_ref().map(|_| {
                let dispatch = dispatch.clone();
                gloo_timeout(4000, move || dispatch.emit(Action::DismissNotice))
            });
            move || drop(timer)
        });
    }
    {
        let dispatch = dispatch.clone();
        hooks::use_shortcuts(Callback::from(move |shortcut: Shortcut| {
            dispatch.emit(match shortcut {
                Shortcut::Undo => Action::Undo,
                Shortcut::Redo => Action::Redo,
                Shortcut::Delete => Action::DeleteSelected,
                Shortcut::Escape => Action::Select(Selection::None),
                Shortcut::ZoomIn => Action::Zoom(1.2),
                Shortcut::ZoomOut => Action::Zoom(1.0 / 1.2),
            })
        }));
    }

    let scenario = use_memo(state.revision, {
        let scenario = state.scenario().clone();
        move |_| scenario
    });
    let errors = use_memo(state.revision, {
        let scenario = scenario.clone();
        move |_| mqlab_scenario::validate(&scenario).err()
    });
    let invalid = use_memo(state.revision, {
        let scenario = scenario.clone();
        let errors = errors.clone();
        move |_| {
            let mut ids = Vec::new();
            if let Some(errors) = errors.as_ref() {
                for error in &errors.0 {
                    if let editor::ErrorPlace::Component { component, .. } = editor::locate(&scenario, &error.path) {
                        ids.push(component.id);
                    }
                }
            }
            ids
        }
    });
    let depths = use_memo(state.run.clone(), depths);
    let running = state.run == RunState::Running;

    let on_run = {
        let dispatch = dispatch.clone();
        let scenario = scenario.clone();
        Callback::from(move |_: MouseEvent| {
            if running {
                return;
            }
            let scenario = scenario.clone();
            let dispatch = dispatch.clone();
            dispatch.emit(Action::RunStarted);
            yew::platform::spawn_local(async move {
                // Yield once so the page shows "running" before the engine takes the thread.
                yew::platform::time::sleep(Duration::from_millis(0)).await;
                let started_ms = now_ms();
                let result = run_scenario(&scenario);
                let wall_ms = now_ms() - started_ms;
                dispatch.emit(Action::RunFinished { result, wall_ms });
            });
        })
    };
    let emit = |action: fn() -> Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action()))
    };

    let on_preset = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            let name = select.value();
            let scenario = if name.is_empty() { Some(editor::blank(lang)) } else { preset_scenario(&name) };
            if let Some(scenario) = scenario {
                dispatch.emit(Action::Open { scenario: Box::new(scenario), preset: Some(name).filter(|n| !n.is_empty()) });
            }
        })
    };
    let on_blank = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Open { scenario: Box::new(editor::blank(lang)), preset: None });
        })
    };
    let on_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            if let Some(lang) = Lang::from_code(&select.value()) {
                dispatch.emit(Action::SetLang(lang));
            }
        })
    };
    let on_copy = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let url = hooks::current_url();
            hooks::copy_to_clipboard(&url);
            dispatch.emit(Action::Notice(t(lang, Key::Copied).to_string()));
        })
    };
    let on_export = {
        let scenario = scenario.clone();
        Callback::from(move |_: MouseEvent| {
            let name = if scenario.name.is_empty() { "scenario".to_string() } else { scenario.name.replace(|c: char| !c.is_alphanumeric() && c != '-', "-") };
            hooks::download(&format!("{name}.json"), "application/json", &mqlab_scenario::to_json(&scenario));
        })
    };
    let on_import = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let dispatch = dispatch.clone();
            hooks::read_file(&input, move |text, name| {
                let bad = |detail: String| {
                    format!("{} {}\n{name}: {detail}", t(lang, Key::ErrorBadFile), t(lang, Key::ErrorWorkKept))
                };
                let Some(text) = text else {
                    dispatch.emit(Action::Problem(bad(String::new())));
                    return;
                };
                match mqlab_scenario::parse(&text) {
                    Err(errors) => dispatch.emit(Action::Problem(bad(errors.to_string()))),
                    Ok(mut scenario) => match mqlab_scenario::validate(&scenario) {
                        Err(errors) => dispatch.emit(Action::Problem(bad(errors.to_string()))),
                        Ok(_) => {
                            editor::ensure_layout(&mut scenario);
                            dispatch.emit(Action::DismissProblem);
                            dispatch.emit(Action::Open { scenario: Box::new(scenario), preset: None });
                        }
                    },
                }
            });
        })
    };
    let emit_fit = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: ()| dispatch.emit(Action::Fit))
    };
    let zoom = |factor: f64| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Zoom(factor)))
    };

    let names = runner::preset_names();
    let preset_value = state.preset.clone().unwrap_or_default();
    let run_name = state.run.name();
    let state_label = match &state.run {
        RunState::Idle => t(lang, Key::StateIdle),
        RunState::Running => t(lang, Key::StateRunning),
        _ => t(lang, Key::StateFinished),
    };

    html! {
        <div class="lab" lang={lang.html_tag()}>
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">{ "MQ" }</span>
                    <span class="brand-name">{ "MQ Lab" }</span>
                </div>
                <label class="preset-pick">
                    <span class="sr-only">{ t(lang, Key::Preset) }</span>
                    <select data-testid="preset" onchange={on_preset} disabled={running} title={t(lang, Key::Preset)}>
                        if state.preset.is_none() {
                            <option value="" selected=true disabled=true>{ format!("{} — {}", t(lang, Key::Preset), scenario.name) }</option>
                        }
                        { for names.iter().map(|name| html! {
                            <option value={*name} selected={*name == preset_value}>{ *name }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="ghost" data-testid="new-blank" onclick={on_blank}>{ t(lang, Key::PresetBlank) }</button>
                <div class="tool-group">
                    <button type="button" class="icon" data-testid="undo" onclick={emit(|| Action::Undo)}
                            disabled={!state.doc.can_undo()} title={t(lang, Key::Undo)}>{ "↶" }<span class="label">{ t(lang, Key::Undo) }</span></button>
                    <button type="button" class="icon" data-testid="redo" onclick={emit(|| Action::Redo)}
                            disabled={!state.doc.can_redo()} title={t(lang, Key::Redo)}>{ "↷" }<span class="label">{ t(lang, Key::Redo) }</span></button>
                </div>
                <div class="tool-group">
                    <button type="button" class={classes!("icon", state.connecting.is_some().then_some("active"))}
                            data-testid="connect-mode" aria-pressed={state.connecting.is_some().to_string()}
                            onclick={emit(|| Action::ToggleConnect)} title={t(lang, Key::CanvasHint)}>
                        { "⤳" }
                    </button>
                    <button type="button" class="icon" data-testid="auto-layout"
                            onclick={emit(|| Action::Edit(Edit::AutoLayout))} title={t(lang, Key::AutoLayout)}>{ "⊞" }<span class="label">{ t(lang, Key::AutoLayout) }</span></button>
                    <button type="button" class="icon" data-testid="zoom-out" onclick={zoom(1.0 / 1.2)} title={t(lang, Key::ZoomOut)}>{ "−" }</button>
                    <span class="zoom-level" data-testid="zoom">{ format!("{:.0}%", state.view.zoom * 100.0) }</span>
                    <button type="button" class="icon" data-testid="zoom-in" onclick={zoom(1.2)} title={t(lang, Key::ZoomIn)}>{ "+" }</button>
                    <button type="button" class="icon" data-testid="zoom-fit" onclick={emit(|| Action::Fit)} title={t(lang, Key::ZoomFit)}>{ "⛶" }</button>
                </div>
                <div class="spacer"></div>
                <div class="tool-group share">
                    <label class="button ghost" title={t(lang, Key::ImportHint)}>
                        { t(lang, Key::Import) }
                        <input type="file" accept=".json,application/json" data-testid="import" class="sr-only" onchange={on_import} />
                    </label>
                    <button type="button" class="ghost" data-testid="export" onclick={on_export}>{ t(lang, Key::ExportJson) }</button>
                    <input class="link-field" type="text" readonly=true data-testid="link" value={(*link).clone()}
                           aria-label={t(lang, Key::Share)} />
                    <button type="button" class="primary-outline" data-testid="copy-link" onclick={on_copy}>{ t(lang, Key::CopyLink) }</button>
                </div>
                <label class="lang-pick">
                    <span class="sr-only">{ t(lang, Key::LanguageSwitch) }</span>
                    <select data-testid="lang" onchange={on_lang} title={t(lang, Key::LanguageSwitch)}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.code()} selected={*l == lang}>{ l.endonym() }</option>
                        }) }
                    </select>
                </label>
            </header>
            if let Some(problem) = &state.problem {
                <section class="error-panel" role="alert" data-testid="error">
                    <div>
                        <h2>{ t(lang, Key::ErrorTitle) }</h2>
                        <pre>{ problem.clone() }</pre>
                    </div>
                    <button type="button" class="ghost" data-testid="dismiss-error" onclick={emit(|| Action::DismissProblem)}>{ t(lang, Key::Dismiss) }</button>
                </section>
            }
            <div class="workspace">
                <Palette lang={lang} scenario={scenario.clone()} dispatch={dispatch.clone()} />
                <div class="center">
                <main class="stage">
                    <Canvas scenario={scenario.clone()} selection={state.selection.clone()}
                            connecting={state.connecting.clone()} view={state.view} lang={lang}
                            invalid={invalid.clone()} depths={depths.clone()} dispatch={dispatch.clone()} fit={state.fit} />
                    if let Some(notice) = &state.notice {
                        <div class="toast" role="status" data-testid="toast">
                            <span>{ notice.clone() }</span>
                            <button type="button" class="ghost small" onclick={emit(|| Action::DismissNotice)} aria-label={t(lang, Key::Dismiss)}>{ "×" }</button>
                        </div>
                    }
                </main>
                if let RunState::Finished { report, .. } = &state.run {
                    <ChartsPanel lang={lang} report={report.clone()} on_layout={emit_fit.clone()} />
                }
                </div>
                <Inspector scenario={scenario.clone()} selection={state.selection.clone()} errors={errors.clone()}
                           refusal={state.refusal.clone()} lang={lang} dispatch={dispatch.clone()} />
            </div>
            <footer class="runbar">
                <div class="run-controls">
                    <button type="button" class="primary" data-testid="run" onclick={on_run.clone()} disabled={running}>
                        { "▶ " }{ t(lang, Key::Run) }
                    </button>
                    <button type="button" class="ghost" data-testid="pause" disabled=true >{ t(lang, Key::Pause) }</button>
                    <button type="button" class="ghost" data-testid="step" onclick={on_run.clone()} disabled={running} >{ t(lang, Key::Step) }</button>
                    <button type="button" class="ghost" data-testid="run-to-end" onclick={on_run} disabled={running} >{ t(lang, Key::RunToEnd) }</button>
                    <button type="button" class="ghost" data-testid="reset" onclick={emit(|| Action::ResetRun)} disabled={running} >{ t(lang, Key::Reset) }</button>
                    <span class={classes!("run-state", run_name)} data-testid="run-state" data-state={run_name} role="status">
                        <span class="dot"></span>{ state_label }
                    </span>
                    <span class="run-meta muted small">
                        { format!("{} {} · {} {} s", t(lang, Key::Seed), scenario.seed, t(lang, Key::Horizon), scenario.horizon_s) }
                    </span>
                </div>
                { totals(lang, &state.run) }
            </footer>
        </div>
    }
}

/// Calls `then` once after `ms`; dropping the handle cancels it.
fn gloo_timeout(ms: u32, then: impl FnOnce() + 'static) -> Timeout {
    Timeout::new(ms, then)
}

/// A one-shot browser timer, cancelled when dropped.
pub struct Timeout {
    id: Option<i32>,
    _closure: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Timeout {
    fn new(ms: u32, then: impl FnOnce() + 'static) -> Timeout {
        use wasm_bindgen::JsCast;
        let mut then = Some(then);
        let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if let Some(then) = then.take() {
                then();
            }
        });
        let id = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(closure.as_ref().unchecked_ref(), ms as i32)
                .ok()
        });
        Timeout { id, _closure: closure }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let (Some(id), Some(window)) = (self.id, web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }
}


//! The top component: it owns the state ([`crate::state`]) and every side effect — opening the
//! link or the autosave, saving after each edit, the URL, the clipboard, files, running the engine.
//!
//! Layout: a tool bar on top, the palette on the left, the canvas in the centre, the inspector
//! on the right, and the run bar with the totals at the bottom. Once a run has finished, its
//! charts (`lab::charts_panel`) open under the canvas.

use mqlab_scenario::Scenario;
use yew::prelude::*;

use crate::editor::{self, Edit};
use crate::hooks::{self, Shortcut};
use crate::i18n::{self, t, tf, Key, Lang};
use crate::lab::canvas::Canvas;
use crate::lab::charts_panel::ChartsPanel;
use crate::lab::compare_panel::ComparePanel;
use crate::lab::inspector::Inspector;
use crate::lab::messages_panel::MessagesPanel;
use crate::lab::runbar::{RunBar, SPEEDS, SPEED_DEFAULT};
use crate::lab::Palette;
use crate::live::RunId;
use crate::live::{Effect, HubEvent, HubHandle};
use crate::message_life::TraceState;
use crate::sim_worker::{RunState, Speed};
use crate::state::{Action, AppState, Selection};

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
            let name = mqlab_scenario::presets::names().first().map(|n| n.to_string()).unwrap_or_default();
            (preset_scenario(&name).unwrap_or_else(|| editor::blank(lang)), Some(name))
        }
    };
    let (scenario, compared, preset, problem) = if fragment.trim_start_matches('#').is_empty() {
        let (scenario, preset) = fallback();
        (scenario, None, preset, None)
    } else {
        match mqlab_scenario::decode_compare(&fragment) {
            Ok((mut scenario, mut compared)) => {
                editor::ensure_layout(&mut scenario);
                if let Some(b) = compared.as_mut() {
                    editor::ensure_layout(b);
                }
                (scenario, compared, None, None)
            }
            Err(error) => {
                let (scenario, preset) = fallback();
                let message = format!(
                    "{} {}\n{}",
                    t(lang, Key::ErrorBadLink),
                    t(lang, Key::ErrorWorkKept),
                    i18n::link_error(lang, &error)
                );
                (scenario, None, preset, Some(message))
            }
        }
    };
    let state = AppState::new(scenario, lang, preset, problem);
    // A compare link opens compare mode, the canvas on A.
    match compared {
        Some(b) => state.comparing(b),
        None => state,
    }
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
    let speed = use_state(|| SPEED_DEFAULT);

    // The simulation workers: their updates go to the views that show the run; errors and the
    // run's state come here.
    let hub = use_memo((), |_| HubHandle::new());
    let hub: HubHandle = (*hub).clone();
    {
        let dispatch = dispatch.clone();
        hub.set_on_event(Callback::from(move |event: HubEvent| match event {
            HubEvent::Phase(phase) => dispatch.emit(Action::Phase(phase)),
            HubEvent::Effect(Effect::Problem { message, .. }) => dispatch.emit(Action::Problem(message)),
            HubEvent::Effect(Effect::Crashed { message, .. }) => dispatch.emit(Action::Problem(message)),
            HubEvent::Effect(Effect::Trace(trace)) => {
                dispatch.emit(Action::Trace(TraceState::Ready(std::rc::Rc::new(trace))))
            }
        }));
    }
    // An edit makes the run describe a scenario that is no longer there; a change of the fault
    // schedule alone (a crash switched from the inspector) re-runs it to the same moment.
    {
        let hub = hub.clone();
        let keep_run = state.keep_run;
        let scenario = state.scenario().clone();
        let editing = state.editing();
        let speed = SPEEDS[*speed];
        use_effect_with(state.revision, move |revision| {
            if keep_run == Some(*revision) {
                hub.reload_at(editing, &scenario, Some(speed));
            } else {
                hub.forget(RunId::A);
                hub.forget(RunId::B);
            }
        });
    }
    // Compare mode brings in run B (its own worker) and takes it away.
    {
        let hub = hub.clone();
        use_effect_with(state.compare.is_some(), move |compare| hub.set_compare(*compare));
    }

    // The URL always holds the scenario, and B too in compare mode; every edit of A is saved in
    // this browser. Revision 0 is the scenario as opened: it is written to the URL but never over
    // the autosave.
    {
        let link = link.clone();
        let scenario = state.scenario_a().clone();
        let compared = state.scenario_b().cloned();
        use_effect_with(state.revision, move |revision| {
            link.set(hooks::write_link(&scenario, compared.as_ref()));
            if *revision > 0 {
                hooks::autosave(&scenario);
            }
        });
    }
    use_effect_with(lang, |lang| hooks::remember_lang(*lang));
    // A message picked (on the canvas or in a list): bring its life into view.
    use_effect_with(matches!(state.trace, TraceState::Loading(_)), |loading| {
        if *loading {
            if let Some(panel) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("[data-testid=\"messages\"]").ok().flatten())
            {
                panel.scroll_into_view();
            }
        }
    });
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
    // What the run shortcuts act on: the shortcut listener is made once, so it reads the
    // scenarios and the speed as they are when a key is pressed.
    let run_inputs = use_mut_ref(|| (Vec::<(RunId, Scenario)>::new(), SPEEDS[SPEED_DEFAULT]));
    {
        let mut scenarios = vec![(RunId::A, state.scenario_a().clone())];
        if let Some(b) = state.scenario_b() {
            scenarios.push((RunId::B, b.clone()));
        }
        *run_inputs.borrow_mut() = (scenarios, SPEEDS[*speed]);
    }
    {
        let dispatch = dispatch.clone();
        let hub = hub.clone();
        let run_inputs = run_inputs.clone();
        hooks::use_shortcuts(Callback::from(move |shortcut: Shortcut| {
            let run = |act: &dyn Fn(&[(RunId, &Scenario)], Speed)| {
                let (scenarios, speed) = &*run_inputs.borrow();
                let list: Vec<(RunId, &Scenario)> = scenarios.iter().map(|(r, s)| (*r, s)).collect();
                act(&list, *speed);
            };
            let action = match shortcut {
                Shortcut::Undo => Action::Undo,
                Shortcut::Redo => Action::Redo,
                Shortcut::Delete => Action::DeleteSelected,
                Shortcut::Escape => Action::Select(Selection::None),
                Shortcut::ZoomIn => Action::Zoom(1.2),
                Shortcut::ZoomOut => Action::Zoom(1.0 / 1.2),
                Shortcut::PlayPause => {
                    let phase = hub.model().phase();
                    match phase {
                        RunState::Running => hub.pause(),
                        RunState::Finished => {}
                        _ => run(&|list, speed| hub.play(list, speed)),
                    }
                    return;
                }
                Shortcut::Step => {
                    let phase = hub.model().phase();
                    if !matches!(phase, RunState::Running | RunState::Finished) {
                        run(&|list, _| hub.step(list));
                    }
                    return;
                }
            };
            dispatch.emit(action);
        }));
    }

    let editing = state.editing();
    let scenario_a = use_memo(state.revision, {
        let scenario = state.scenario_a().clone();
        move |_| scenario
    });
    let scenario_b = use_memo(state.revision, {
        let scenario = state.scenario_b().cloned();
        move |_| scenario.map(std::rc::Rc::new)
    });
    let scenario = use_memo((state.revision, editing), {
        let scenario = state.scenario().clone();
        move |_| scenario
    });
    let errors = use_memo((state.revision, editing), {
        let scenario = scenario.clone();
        move |_| mqlab_scenario::validate(&scenario).err()
    });
    let invalid = use_memo((state.revision, editing), {
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
    let running = state.phase == RunState::Running;

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
                dispatch
                    .emit(Action::Open { scenario: Box::new(scenario), preset: Some(name).filter(|n| !n.is_empty()) });
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
            let name = if scenario.name.is_empty() {
                "scenario".to_string()
            } else {
                scenario.name.replace(|c: char| !c.is_alphanumeric() && c != '-', "-")
            };
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
                    Err(errors) => dispatch.emit(Action::Problem(bad(i18n::scenario_errors(lang, &errors)))),
                    Ok(mut scenario) => match mqlab_scenario::validate(&scenario) {
                        Err(errors) => dispatch.emit(Action::Problem(bad(i18n::scenario_errors(lang, &errors)))),
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
    // The finished run's report, for the lists of notable messages; a pick asks for its life.
    let report_a = if state.phase == RunState::Finished { hub.model().run(RunId::A).report.clone() } else { None };
    // A message picked in the lists is run A's (the lists are A's report); one clicked on the
    // canvas belongs to the run the canvas shows.
    let trace_in = |run: RunId, scenario: std::rc::Rc<Scenario>| {
        let dispatch = dispatch.clone();
        let hub = hub.clone();
        Callback::from(move |message_id: u64| {
            dispatch.emit(Action::Trace(TraceState::Loading(message_id)));
            hub.trace(run, &scenario, message_id);
        })
    };
    let on_trace = trace_in(RunId::A, scenario_a.clone());
    let on_trace_canvas = trace_in(editing, scenario.clone());
    let on_close_messages = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: ()| dispatch.emit(Action::SetMessagesOpen(false)))
    };
    let selected_fault = match state.selection {
        Selection::Fault(index) => Some(index),
        _ => None,
    };
    let on_select_fault = {
        let dispatch = dispatch.clone();
        Callback::from(move |index: Option<usize>| {
            dispatch.emit(Action::Select(index.map_or(Selection::None, Selection::Fault)))
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

    let names = mqlab_scenario::presets::names();
    let preset_value = state.preset.clone().unwrap_or_default();
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
                            disabled={!state.doc().can_undo()} title={t(lang, Key::Undo)}>{ "↶" }<span class="label">{ t(lang, Key::Undo) }</span></button>
                    <button type="button" class="icon" data-testid="redo" onclick={emit(|| Action::Redo)}
                            disabled={!state.doc().can_redo()} title={t(lang, Key::Redo)}>{ "↷" }<span class="label">{ t(lang, Key::Redo) }</span></button>
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
                    <button type="button" class="icon" data-testid="zoom-fit" onclick={emit(|| Action::Fit)} title={t(lang, Key::ZoomFit)}>
                        // Drawn, not a glyph: "⛶" is missing from common fonts.
                        <svg class="icon-svg" viewBox="0 0 16 16" aria-hidden="true">
                            <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" />
                        </svg>
                    </button>
                </div>
                <div class="tool-group compare">
                    if state.compare.is_some() {
                        <div class="segmented" role="group" aria-label={t(lang, Key::Compare)}>
                            <button type="button" data-testid="edit-a" class={classes!("run-a", (editing == RunId::A).then_some("active"))}
                                    aria-pressed={(editing == RunId::A).to_string()} onclick={emit(|| Action::EditRun(RunId::A))}>{ t(lang, Key::EditRunA) }</button>
                            <button type="button" data-testid="edit-b" class={classes!("run-b", (editing == RunId::B).then_some("active"))}
                                    aria-pressed={(editing == RunId::B).to_string()} onclick={emit(|| Action::EditRun(RunId::B))}>{ t(lang, Key::EditRunB) }</button>
                        </div>
                        <button type="button" class="ghost" data-testid="compare-keep-b" disabled={running}
                                onclick={emit(|| Action::EndCompare { keep_b: true })} title={t(lang, Key::CompareKeepBHint)}>{ t(lang, Key::CompareKeepB) }</button>
                        <button type="button" class="ghost" data-testid="compare-end" disabled={running}
                                onclick={emit(|| Action::EndCompare { keep_b: false })}>{ t(lang, Key::CompareExit) }</button>
                    } else {
                        <button type="button" class="ghost" data-testid="compare" disabled={running}
                                onclick={emit(|| Action::Fork)} title={t(lang, Key::CompareFork)}>{ "⇄ " }{ t(lang, Key::Compare) }</button>
                    }
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
                            invalid={invalid.clone()} dispatch={dispatch.clone()} fit={state.fit} hub={hub.clone()} live_run={editing} on_pick={on_trace_canvas} />
                    if state.compare.is_some() {
                        <div class={classes!("editing-badge", if editing == RunId::A { "run-a" } else { "run-b" })} data-testid="editing">
                            { tf(lang, Key::CompareEditing, &[if editing == RunId::A { "A" } else { "B" }]) }
                        </div>
                    }
                    if let Some(notice) = &state.notice {
                        <div class="toast" role="status" data-testid="toast">
                            <span>{ notice.clone() }</span>
                            <button type="button" class="ghost small" onclick={emit(|| Action::DismissNotice)} aria-label={t(lang, Key::Dismiss)}>{ "×" }</button>
                        </div>
                    }
                </main>
                if state.phase != RunState::Idle {
                    <ChartsPanel lang={lang} hub={hub.clone()} on_layout={emit_fit.clone()} />
                }
                if let Some(b) = (*scenario_b).clone() {
                    <ComparePanel lang={lang} hub={hub.clone()} scenario_a={scenario_a.clone()} scenario_b={b} />
                }
                if (report_a.is_some() || state.trace != TraceState::None) && state.messages_open {
                    <MessagesPanel lang={lang} report={report_a.clone()} trace={state.trace.clone()}
                                   on_pick={on_trace.clone()} on_close={on_close_messages} />
                }
                </div>
                <Inspector scenario={scenario.clone()} selection={state.selection.clone()} errors={errors.clone()}
                           refusal={state.refusal.clone()} lang={lang} dispatch={dispatch.clone()} hub={hub.clone()} />
            </div>
            <RunBar lang={lang} hub={hub.clone()} scenario={scenario_a.clone()} scenario_b={(*scenario_b).clone()}
                    speed={*speed} on_speed={{ let speed = speed.clone(); Callback::from(move |i| speed.set(i)) }}
                    selected_fault={selected_fault} on_select_fault={on_select_fault} />
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

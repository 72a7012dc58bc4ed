//! The fault editor: the scenario's scheduled faults as a compact list with an "Add fault" form,
//! or, when a fault is selected (on the timeline or in the list), that fault's settings in the
//! inspector's place.
//!
//! A view over props and callbacks: every change goes out as an `editor::Edit` through
//! `on_edit`. Each change is first tried on a copy of the scenario with the editor's own
//! functions; a change they refuse is shown at its field with the reason and does not go out,
//! so the learner reads why right where they typed. The validator's errors about a fault
//! (`faults[i].…`) are shown at their fields too. Because the list is kept in time order, a
//! change of start time can move the selected fault; the selection follows it.

use std::cell::RefCell;
use std::rc::Rc;

use mqlab_scenario::{Errors, Fault, FaultKind, Scenario};
use yew::prelude::*;

use crate::editor::faults::{
    add_fault, end_s, fault_errors, kind_help, kind_label, kind_name, new_fault, set_fault, targets_for, targets_label,
    with_field, FaultError, FAULT_KINDS,
};
use crate::editor::timeline_geometry::seconds_text;
use crate::editor::Edit;
use crate::i18n::{self, t, tf, Key, Lang};

#[derive(Properties, PartialEq)]
pub struct FaultsPanelProps {
    pub lang: Lang,
    pub scenario: Rc<Scenario>,
    pub selected_fault: Option<usize>,
    pub errors: Rc<Option<Errors>>,
    pub on_edit: Callback<Edit>,
    pub on_select_fault: Callback<Option<usize>>,
}

/// A change the editor refused, shown at its field until the next accepted change.
#[derive(Clone, Debug, PartialEq)]
struct Refusal {
    /// The fault's index; `None` for the add form.
    fault: Option<usize>,
    /// The field (`"at_s"`), or `""` for the fault as a whole.
    field: &'static str,
    message: String,
}

/// What every part of the panel needs: the props it reads and the local state it sets.
#[derive(Clone)]
struct Panel {
    lang: Lang,
    scenario: Rc<Scenario>,
    selected: Option<usize>,
    refusal: UseStateHandle<Option<Refusal>>,
    /// The add form's fault while the learner fills it in; read when an input changes, not
    /// as it was when the panel was drawn, so that two quick changes both count.
    draft: Rc<RefCell<Option<Fault>>>,
    redraw: UseForceUpdateHandle,
    on_edit: Callback<Edit>,
    on_select_fault: Callback<Option<usize>>,
}

impl Panel {
    /// What a field's input calls with its new text: for a fault in the list, the edit (if the
    /// editor takes it); for the add form, the draft.
    fn on_change(&self, index: Option<usize>, fault: &Fault, field: &'static str) -> Callback<String> {
        let panel = self.clone();
        let fault = fault.clone();
        Callback::from(move |text: String| {
            let refuse = |message: String| {
                panel.refusal.set(Some(Refusal { fault: index, field, message }));
            };
            let current = match index {
                Some(_) => fault.clone(),
                None => draft_of(&panel),
            };
            let changed = match with_field(&panel.scenario, &current, field, &text) {
                Ok(changed) => changed,
                Err(error) => return refuse(error.message(panel.lang)),
            };
            let Some(index) = index else {
                *panel.draft.borrow_mut() = Some(changed);
                panel.refusal.set(None);
                panel.redraw.force_update();
                return;
            };
            let mut tried = (*panel.scenario).clone();
            match set_fault(&mut tried, index, changed.clone()) {
                Ok(moved_to) => {
                    panel.refusal.set(None);
                    panel.on_edit.emit(Edit::SetFault { index, fault: changed });
                    if panel.selected == Some(index) && moved_to != index {
                        panel.on_select_fault.emit(Some(moved_to));
                    }
                }
                Err(error) => refuse(error.message(panel.lang)),
            }
        })
    }

    /// Removes the fault at `index`; the selection stays on the fault it was on, or goes.
    fn on_remove(&self, index: usize) -> Callback<MouseEvent> {
        let panel = self.clone();
        Callback::from(move |_: MouseEvent| {
            panel.refusal.set(None);
            panel.on_edit.emit(Edit::RemoveFault { index });
            match panel.selected {
                Some(selected) if selected == index => panel.on_select_fault.emit(None),
                Some(selected) if selected > index => panel.on_select_fault.emit(Some(selected - 1)),
                _ => {}
            }
        })
    }

    /// The message to show at `field` of the fault at `index`: a refusal, else the validator's.
    fn error_at(&self, index: Option<usize>, field: &str, errors: &[FaultError]) -> Option<String> {
        let refused =
            (*self.refusal).as_ref().filter(|r| r.fault == index && r.field == field).map(|r| r.message.clone());
        refused.or_else(|| errors.iter().find(|e| e.field == field).map(|e| i18n::scenario_error(self.lang, &e.error)))
    }
}

#[component]
pub fn FaultsPanel(props: &FaultsPanelProps) -> Html {
    let panel = Panel {
        lang: props.lang,
        scenario: props.scenario.clone(),
        selected: props.selected_fault,
        refusal: use_state(|| None::<Refusal>),
        draft: use_mut_ref(|| None::<Fault>),
        redraw: use_force_update(),
        on_edit: props.on_edit.clone(),
        on_select_fault: props.on_select_fault.clone(),
    };
    let s = &props.scenario;
    let errors_of = |index: usize| match props.errors.as_ref() {
        Some(errors) => fault_errors(s, errors, index),
        None => Vec::new(),
    };
    let body = match props.selected_fault.and_then(|index| Some((index, s.faults.get(index)?))) {
        Some((index, fault)) => detail(&panel, index, fault, &errors_of(index)),
        None => list(&panel, &errors_of),
    };
    html! {
        <section class="faults-panel" data-testid="faults-panel" aria-label={t(props.lang, Key::Faults)}>
            { body }
        </section>
    }
}

/// The selected fault's settings, in the inspector's place.
fn detail(panel: &Panel, index: usize, fault: &Fault, errors: &[FaultError]) -> Html {
    let lang = panel.lang;
    let back = {
        let on_select_fault = panel.on_select_fault.clone();
        Callback::from(move |_: MouseEvent| on_select_fault.emit(None))
    };
    html! {
        <div class="fault-detail" data-testid="fault-detail">
            <div class="inspector-head">
                <span class={classes!("kind-chip", "fault-chip", kind_name(fault.kind))}>{ t(lang, kind_label(fault.kind)) }</span>
                <h2>{ tf(lang, Key::FaultNumber, &[&(index + 1).to_string()]) }</h2>
                <button type="button" class="ghost" data-testid="fault-back" onclick={back}>{ t(lang, Key::FaultBackToList) }</button>
            </div>
            <p class="help">{ t(lang, kind_help(fault.kind)) }</p>
            { fields(panel, Some(index), fault, errors, true) }
            { general_errors(panel, Some(index), errors) }
            <button type="button" class="danger" data-testid={format!("fault-remove-{index}")}
                    onclick={panel.on_remove(index)}>{ t(lang, Key::FaultRemove) }</button>
        </div>
    }
}

/// Every scheduled fault as an editable row, the add form, and the random faults.
fn list(panel: &Panel, errors_of: &dyn Fn(usize) -> Vec<FaultError>) -> Html {
    let lang = panel.lang;
    let s = &panel.scenario;
    let horizon_s = s.horizon_s;
    let rows = s.faults.iter().enumerate().map(|(index, fault)| {
        let errors = errors_of(index);
        let pick = {
            let on_select_fault = panel.on_select_fault.clone();
            Callback::from(move |_: MouseEvent| on_select_fault.emit(Some(index)))
        };
        let span = match fault.for_s {
            Some(_) => tf(lang, Key::FaultSpan, &[&seconds_text(fault.at_s), &seconds_text(end_s(fault, horizon_s))]),
            None => tf(lang, Key::FaultSpanToEnd, &[&seconds_text(fault.at_s)]),
        };
        let invalid = !errors.is_empty();
        html! {
            <li class={classes!("fault-row", invalid.then_some("invalid"))} data-testid={format!("fault-row-{index}")}>
                <div class="fault-row-head">
                    <button type="button" class="ghost fault-pick" onclick={pick} title={t(lang, kind_help(fault.kind))}>
                        <span class={classes!("fault-swatch", kind_name(fault.kind))}></span>
                        { format!("#{} · {span}", index + 1) }
                    </button>
                    <button type="button" class="ghost danger" data-testid={format!("fault-remove-{index}")}
                            title={t(lang, Key::FaultRemove)} aria-label={t(lang, Key::FaultRemove)}
                            onclick={panel.on_remove(index)}>{ "×" }</button>
                </div>
                { fields(panel, Some(index), fault, &errors, false) }
                { general_errors(panel, Some(index), &errors) }
            </li>
        }
    });
    let random = s.random_faults.iter().map(|fault| {
        let note = tf(
            lang,
            Key::FaultRandomNote,
            &[t(lang, kind_label(fault.kind)), &seconds_text(fault.mtbf_s), &seconds_text(fault.mttr_s)],
        );
        html! { <li><b>{ fault.target.clone() }</b>{ " " }{ note }</li> }
    });
    html! {
        <>
            <div class="inspector-head">
                <h2>{ t(lang, Key::FaultsScheduled) }</h2>
            </div>
            if s.faults.is_empty() {
                <p class="muted small">{ t(lang, Key::FaultsNone) }</p>
            } else {
                <ol class="fault-list">{ for rows }</ol>
            }
            { add_form(panel) }
            if !s.random_faults.is_empty() {
                <h3 class="fault-subhead">{ t(lang, Key::FaultRandom) }</h3>
                <ul class="random-fault-list small">{ for random }</ul>
            }
        </>
    }
}

/// The draft the add form shows: the learner's, with a target that still exists, or a fresh
/// one of the first kind that has something to strike, a third into the run.
fn draft_of(panel: &Panel) -> Fault {
    let s = &panel.scenario;
    let fresh = || {
        let kind =
            FAULT_KINDS.into_iter().find(|kind| !targets_for(s, *kind).is_empty()).unwrap_or(FaultKind::CrashNode);
        let target = targets_for(s, kind).into_iter().next().unwrap_or_default();
        new_fault(kind, &target, (s.horizon_s / 3.0).round())
    };
    let draft = panel.draft.borrow().clone();
    match draft {
        Some(mut draft) => {
            let targets = targets_for(s, draft.kind);
            if !targets.contains(&draft.target) {
                draft.target = targets.into_iter().next().unwrap_or_default();
            }
            draft
        }
        None => fresh(),
    }
}

fn add_form(panel: &Panel) -> Html {
    let lang = panel.lang;
    let draft = draft_of(panel);
    let no_target = draft.target.is_empty();
    let on_add = {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| {
            let draft = draft_of(&panel);
            let mut tried = (*panel.scenario).clone();
            match add_fault(&mut tried, draft.clone()) {
                Ok(_) => {
                    panel.refusal.set(None);
                    panel.on_edit.emit(Edit::AddFault(draft.clone()));
                }
                Err(error) => {
                    panel.refusal.set(Some(Refusal { fault: None, field: "", message: error.message(panel.lang) }))
                }
            }
        })
    };
    html! {
        <fieldset class="group fault-add">
            <legend>{ t(lang, Key::FaultAdd) }</legend>
            { fields(panel, None, &draft, &[], false) }
            if no_target {
                <p class="help">{ tf(lang, Key::FaultNoTargets, &[t(lang, targets_label(draft.kind))]) }</p>
            }
            { general_errors(panel, None, &[]) }
            <button type="button" class="primary-outline" data-testid="fault-add" disabled={no_target}
                    onclick={on_add}>{ t(lang, Key::FaultAdd) }</button>
        </fieldset>
    }
}

/// Errors about the fault as a whole (an overlap, a refused addition), and validator errors at
/// fields the editor does not show (a probability on a kind that takes none).
fn general_errors(panel: &Panel, index: Option<usize>, errors: &[FaultError]) -> Html {
    let shown = |field: &str, kind: Option<FaultKind>| match field {
        "kind" | "target" | "at_s" | "for_s" => true,
        "probability" => kind == Some(FaultKind::LinkLoss),
        "factor" => kind == Some(FaultKind::SlowDisk),
        _ => false,
    };
    let kind = index.and_then(|i| panel.scenario.faults.get(i)).map(|f| f.kind);
    let mut messages: Vec<String> = errors
        .iter()
        .filter(|e| !shown(&e.field, kind))
        .map(|e| {
            let message = i18n::scenario_error(panel.lang, &e.error);
            if e.field.is_empty() {
                message
            } else {
                format!("{}: {message}", e.field)
            }
        })
        .collect();
    if let Some(refusal) = (*panel.refusal).as_ref().filter(|r| r.fault == index && r.field.is_empty()) {
        messages.push(refusal.message.clone());
    }
    html! {
        { for messages.into_iter().map(|message| html! { <p class="field-error" role="alert">{ message }</p> }) }
    }
}

/// The fault's inputs: kind, target, start, length, and the drop probability or slow-down
/// factor when the kind takes one. `labelled` shows each field's label (the detail view);
/// the compact rows show placeholders and titles instead.
fn fields(panel: &Panel, index: Option<usize>, fault: &Fault, errors: &[FaultError], labelled: bool) -> Html {
    let lang = panel.lang;
    let s = &panel.scenario;
    let testid = |name: &str| match index {
        Some(i) => format!("fault-{name}-{i}"),
        None => format!("fault-{name}"),
    };
    let field = |key: &'static str, label: Key, unit: Option<Key>, input: Html| {
        let error = panel.error_at(index, key, errors);
        html! {
            <div class={classes!("field", "fault-field", format!("fault-field-{key}"), error.is_some().then_some("has-error"))}>
                if labelled {
                    <label class="field-label">
                        <span>{ t(lang, label) }</span>
                        if let Some(unit) = unit {
                            <span class="unit">{ t(lang, unit) }</span>
                        }
                    </label>
                }
                { input }
                if let Some(message) = error {
                    <p class="field-error" role="alert" data-testid={format!("{}-error", testid(key.trim_end_matches("_s")))}>{ message }</p>
                }
            </div>
        }
    };
    let on_select = |key: &'static str| {
        let change = panel.on_change(index, fault, key);
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            change.emit(select.value());
        })
    };
    let on_text = |key: &'static str| {
        let change = panel.on_change(index, fault, key);
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            change.emit(input.value());
        })
    };
    let title = |label: Key, unit: Option<Key>| match unit {
        Some(unit) => format!("{} ({})", t(lang, label), t(lang, unit)),
        None => t(lang, label).to_string(),
    };

    let kind = html! {
        <select data-testid={testid("kind")} onchange={on_select("kind")} title={title(Key::FaultKindLabel, None)}>
            { for FAULT_KINDS.iter().map(|kind| html! {
                <option value={kind_name(*kind)} selected={*kind == fault.kind}>{ t(lang, kind_label(*kind)) }</option>
            }) }
        </select>
    };
    let mut targets = targets_for(s, fault.kind);
    // A target that is not offered (a hand-written file, a deleted component) is still shown,
    // with the validator's error at the field.
    if !fault.target.is_empty() && !targets.contains(&fault.target) {
        targets.insert(0, fault.target.clone());
    }
    let target = html! {
        <select data-testid={testid("target")} onchange={on_select("target")} title={title(Key::FaultTarget, None)}>
            if targets.is_empty() {
                <option value="" selected=true>{ "—" }</option>
            }
            { for targets.iter().map(|id| html! {
                <option value={id.clone()} selected={*id == fault.target}>{ id.clone() }</option>
            }) }
        </select>
    };
    let horizon = s.horizon_s.to_string();
    let at = html! {
        <input type="number" data-testid={testid("at")} value={fault.at_s.to_string()} min="0" max={horizon.clone()}
               step="any" title={title(Key::FaultAt, Some(Key::UnitSeconds))}
               placeholder={if labelled { String::new() } else { t(lang, Key::FaultAt).to_string() }}
               onchange={on_text("at_s")} />
    };
    let for_s = html! {
        <input type="number" data-testid={testid("for")} value={fault.for_s.map(|v| v.to_string()).unwrap_or_default()}
               min="0" step="any" title={format!("{} · {}", title(Key::FaultFor, Some(Key::UnitSeconds)), t(lang, Key::FaultForHelp))}
               placeholder={t(lang, Key::FaultUntilEnd)} onchange={on_text("for_s")} />
    };
    let parameter = match fault.kind {
        FaultKind::LinkLoss => Some(field(
            "probability",
            Key::FaultProbability,
            None,
            html! {
                <input type="number" data-testid={testid("probability")} min="0" max="1" step="0.05"
                       value={fault.probability.map(|v| v.to_string()).unwrap_or_default()}
                       title={title(Key::FaultProbability, None)}
                       placeholder={if labelled { String::new() } else { t(lang, Key::FaultProbability).to_string() }}
                       onchange={on_text("probability")} />
            },
        )),
        FaultKind::SlowDisk => Some(field(
            "factor",
            Key::FaultFactor,
            Some(Key::UnitTimes),
            html! {
                <input type="number" data-testid={testid("factor")} min="1" max="1000" step="any"
                       value={fault.factor.map(|v| v.to_string()).unwrap_or_default()}
                       title={title(Key::FaultFactor, Some(Key::UnitTimes))}
                       placeholder={if labelled { String::new() } else { t(lang, Key::FaultFactor).to_string() }}
                       onchange={on_text("factor")} />
            },
        )),
        _ => None,
    };
    html! {
        <div class={classes!("fault-fields", (!labelled).then_some("compact"))}>
            { field("kind", Key::FaultKindLabel, None, kind) }
            { field("target", Key::FaultTarget, None, target) }
            { field("at_s", Key::FaultAt, Some(Key::UnitSeconds), at) }
            { field("for_s", Key::FaultFor, Some(Key::UnitSeconds), for_s) }
            { for parameter }
            if labelled {
                <p class="help">{ t(lang, Key::FaultForHelp) }</p>
            }
        </div>
    }
}

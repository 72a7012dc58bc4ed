//! The inspector: every switch of the selected component (or the scenario's settings), grouped,
//! each with its label, unit, one-line help and lesson, and the validator's error at the field.
//!
//! Inputs hand `editor::set_field` what they hold; a value it refuses is shown at the field with
//! its reason and the scenario keeps its last valid value.

use std::rc::Rc;

use mqlab_scenario::{Errors, Scenario};
use serde_json::Value;
use yew::prelude::*;

use crate::editor::{self, fields::Group, ComponentKind, ComponentRef, Edit, FieldSpec, Input, WireKind};
use crate::i18n::{self, t, tf, Key, Lang};
use crate::lab::canvas::kind_style;
use crate::lab::fault_buttons::FaultButtons;
use crate::lab::faults_panel::FaultsPanel;
use crate::live::HubHandle;
use crate::state::{Action, Refusal, Selection};

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub scenario: Rc<Scenario>,
    pub selection: Selection,
    pub errors: Rc<Option<Errors>>,
    pub refusal: Option<Refusal>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// The run: its time is when a fault switched from here strikes.
    pub hub: HubHandle,
}

#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let lang = props.lang;
    let s = &props.scenario;
    let body = match &props.selection {
        Selection::Component(component) if editor::components::exists(s, component) => {
            component_fields(props, component)
        }
        Selection::Wire(wire) => {
            let binding = match &wire.kind {
                WireKind::Binding { key, .. } => {
                    let wire = wire.clone();
                    let dispatch = props.dispatch.clone();
                    let onchange = Callback::from(move |event: Event| {
                        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
                        dispatch.emit(Action::Edit(Edit::SetBindingKey { wire: wire.clone(), key: input.value() }));
                    });
                    html! {
                        <label class="field">
                            <span class="field-label">{ t(lang, Key::BindingKey) }</span>
                            <input type="text" value={key.clone()} onchange={onchange} data-testid="field-binding-key" />
                            <span class="help">{ t(lang, Key::BindingKeyHelp) }</span>
                        </label>
                    }
                }
                _ => html! {},
            };
            let delete = {
                let dispatch = props.dispatch.clone();
                Callback::from(move |_: MouseEvent| dispatch.emit(Action::DeleteSelected))
            };
            html! {
                <>
                    <div class="inspector-head">
                        <span class="kind-chip wire-chip">{ t(lang, wire.kind.label()) }</span>
                        <h2>{ format!("{} → {}", wire.from.id, wire.to.id) }</h2>
                    </div>
                    { binding }
                    <button type="button" class="danger" data-testid="delete" onclick={delete}>{ t(lang, Key::Delete) }</button>
                </>
            }
        }
        Selection::Fault(index) => faults_panel(props, Some(*index)),
        _ => html! {
            <>
                { scenario_settings(props) }
                { faults_panel(props, None) }
            </>
        },
    };
    html! {
        <aside class="inspector" data-testid="inspector" aria-label={t(lang, Key::InspectorTitle)}>
            { body }
        </aside>
    }
}

fn scenario_settings(props: &InspectorProps) -> Html {
    let lang = props.lang;
    let s = &props.scenario;
    let scenario_errors: Vec<String> = props
        .errors
        .as_ref()
        .as_ref()
        .map(|errors| {
            errors
                .0
                .iter()
                .filter(|e| matches!(editor::locate(s, &e.path), editor::ErrorPlace::Scenario { .. }))
                .map(|e| {
                    let message = i18n::scenario_error(lang, e);
                    if e.path.is_empty() {
                        message
                    } else {
                        format!("{}: {message}", e.path)
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let count = props.errors.as_ref().as_ref().map_or(0, |e| e.0.len());
    html! {
        <>
            <div class="inspector-head">
                <h2>{ t(lang, Key::ScenarioSettings) }</h2>
            </div>
            <p class="muted small">{ t(lang, Key::InspectorEmpty) }</p>
            { for editor::scenario_fields().iter().map(|spec| {
                let value = editor::get_scenario_field(s, spec.key);
                let error = scenario_errors.iter().find(|m| m.starts_with(&format!("{}:", spec.key))).cloned();
                field_view(props, None, spec, value, error)
            }) }
            if count > 0 {
                <div class="problems" data-testid="problems">
                    <h3>{ tf(lang, Key::ErrorsHere, &[&count.to_string()]) }</h3>
                    <ul>
                        { for props.errors.as_ref().as_ref().into_iter().flat_map(|e| e.0.iter()).take(12).map(|e| html! {
                            <li><code>{ e.path.clone() }</code>{ " " }{ i18n::scenario_error(lang, e) }</li>
                        }) }
                    </ul>
                </div>
            }
        </>
    }
}

fn component_fields(props: &InspectorProps, component: &ComponentRef) -> Html {
    let lang = props.lang;
    let s = &props.scenario;
    let errors = match props.errors.as_ref() {
        Some(errors) => editor::errors_at(s, errors, component, lang),
        None => Vec::new(),
    };
    let specs: Vec<&'static FieldSpec> =
        editor::fields(component.kind).iter().filter(|spec| editor::values::visible(s, component, spec)).collect();
    let (class, glyph) = kind_style(component.kind);
    let delete = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::DeleteSelected))
    };
    let general: Vec<_> = errors.iter().filter(|e| e.field.is_none()).collect();
    html! {
        <>
            <div class="inspector-head">
                <span class={classes!("kind-chip", class)}>{ glyph }{ " " }{ t(lang, component.kind.label()) }</span>
                <h2>{ component.id.clone() }</h2>
                <button type="button" class="ghost danger" data-testid="delete" onclick={delete}
                        title={t(lang, Key::Delete)}>{ t(lang, Key::Delete) }</button>
            </div>
            <FaultButtons lang={lang} hub={props.hub.clone()} scenario={props.scenario.clone()}
                          component={component.clone()} dispatch={props.dispatch.clone()} />
            { for general.iter().map(|e| html! { <p class="field-error">{ e.message.clone() }</p> }) }
            { for Group::ALL.iter().filter_map(|group| {
                let in_group: Vec<_> = specs.iter().filter(|spec| spec.group == *group).collect();
                if in_group.is_empty() {
                    return None;
                }
                Some(html! {
                    <fieldset class="group">
                        <legend>{ t(lang, group.label()) }</legend>
                        { for in_group.iter().map(|spec| {
                            let value = editor::get_field(s, component, spec.key);
                            let error = errors.iter().find(|e| e.field == Some(spec.key)).map(|e| e.message.clone());
                            field_view(props, Some(component), spec, value, error)
                        }) }
                    </fieldset>
                })
            }) }
        </>
    }
}

/// The fault schedule: the list with its add form, or one fault's settings.
fn faults_panel(props: &InspectorProps, selected: Option<usize>) -> Html {
    let on_edit = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |edit: Edit| dispatch.emit(Action::Edit(edit)))
    };
    let on_select_fault = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |index: Option<usize>| {
            dispatch.emit(Action::Select(index.map_or(Selection::None, Selection::Fault)))
        })
    };
    html! {
        <FaultsPanel lang={props.lang} scenario={props.scenario.clone()} selected_fault={selected}
                     errors={props.errors.clone()} on_edit={on_edit} on_select_fault={on_select_fault} />
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// One field: label, input, unit, help, and its error (the refused value's, or the validator's).
fn field_view(
    props: &InspectorProps,
    component: Option<&ComponentRef>,
    spec: &'static FieldSpec,
    value: Value,
    error: Option<String>,
) -> Html {
    let lang = props.lang;
    let s = &props.scenario;
    let refused = props
        .refusal
        .as_ref()
        .filter(|r| r.key == spec.key && r.component.as_ref() == component)
        .map(|r| r.message.clone());
    let error = refused.or(error);
    let emit = {
        let dispatch = props.dispatch.clone();
        let component = component.cloned();
        move |value: Value| {
            dispatch.emit(Action::SetField { component: component.clone(), key: spec.key.to_string(), value })
        }
    };
    let testid = format!("field-{}", spec.key);
    let text = value_text(&value);
    let placeholder = spec.empty.map(|key| t(lang, key).to_string()).unwrap_or_default();
    let on_text = {
        let emit = emit.clone();
        let optional = spec.optional;
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let text = input.value();
            emit(if optional && text.trim().is_empty() { Value::Null } else { Value::String(text) })
        })
    };
    let on_select = {
        let emit = emit.clone();
        let optional = spec.optional;
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            let text = select.value();
            emit(if optional && text.is_empty() { Value::Null } else { Value::String(text) })
        })
    };
    let input = match spec.input {
        Input::Number { min, max, step } => html! {
            <input type="number" data-testid={testid} value={text} placeholder={placeholder}
                   min={min.to_string()} max={max.to_string()}
                   step={if step > 0.0 { step.to_string() } else { "any".to_string() }}
                   onchange={on_text} />
        },
        Input::Toggle => {
            let on = value.as_bool().unwrap_or(false);
            let onchange = {
                let emit = emit.clone();
                Callback::from(move |event: Event| {
                    let input: web_sys::HtmlInputElement = event.target_unchecked_into();
                    emit(Value::Bool(input.checked()))
                })
            };
            html! {
                <span class="toggle">
                    <input type="checkbox" role="switch" data-testid={testid} checked={on} onchange={onchange} />
                    <span class="toggle-track"></span>
                </span>
            }
        }
        Input::Choice(choices) => html! {
            <select data-testid={testid} onchange={on_select}>
                if spec.optional {
                    <option value="" selected={text.is_empty()}>{ placeholder.clone() }</option>
                }
                { for choices.iter().map(|choice| html! {
                    <option value={choice.value} selected={text == choice.value}>{ t(lang, choice.label) }</option>
                }) }
            </select>
        },
        Input::Text { .. } => html! {
            <input type="text" data-testid={testid} value={text} placeholder={placeholder} onchange={on_text} />
        },
        Input::Reference(kind) => {
            let ids = editor::components::ids_of(s, kind);
            html! {
                <select data-testid={testid} onchange={on_select}>
                    <option value="" selected={text.is_empty()}>
                        { if placeholder.is_empty() { "—".to_string() } else { placeholder.clone() } }
                    </option>
                    { for ids.iter().map(|id| html! {
                        <option value={id.to_string()} selected={text == *id}>{ id.to_string() }</option>
                    }) }
                </select>
            }
        }
        Input::References(_) | Input::RateSteps | Input::Partitions | Input::Headers => {
            let json = if value.is_null() { String::new() } else { value.to_string() };
            let onchange = {
                let emit = emit.clone();
                let dispatch = props.dispatch.clone();
                let component = component.cloned();
                Callback::from(move |event: Event| {
                    let input: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
                    let text = input.value();
                    if text.trim().is_empty() {
                        return emit(Value::Null);
                    }
                    match serde_json::from_str::<Value>(&text) {
                        Ok(value) => emit(value),
                        Err(error) => dispatch.emit(Action::SetField {
                            component: component.clone(),
                            key: spec.key.to_string(),
                            // A string where a list belongs: the editor refuses it with its reason.
                            value: Value::String(format!("{text} ({error})")),
                        }),
                    }
                })
            };
            html! { <textarea data-testid={testid} rows="2" value={json} placeholder={placeholder} onchange={onchange} /> }
        }
    };
    let default = (spec.default)(&Value::Null);
    let _ = default;
    html! {
        <div class={classes!("field", error.is_some().then_some("has-error"), matches!(spec.input, Input::Toggle).then_some("inline"))}>
            <label class="field-label">
                <span>{ t(lang, spec.label) }</span>
                if let Some(unit) = spec.unit {
                    <span class="unit">{ t(lang, unit.label()) }</span>
                }
            </label>
            { input }
            <p class="help">{ spec.help_line(lang) }</p>
            if let Some(message) = error {
                <p class="field-error" role="alert" data-testid={format!("field-error-{}", spec.key)}>{ message }</p>
            }
        </div>
    }
}

/// The kinds, for the palette.
pub fn kinds() -> [ComponentKind; 5] {
    ComponentKind::ALL
}

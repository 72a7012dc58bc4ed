//! The messages panel: the lists of notable messages of a finished run, and the life of the one
//! picked, as a vertical timeline.
//!
//! A view over props and callbacks. Picking an id (a list button, or the "trace message #"
//! field) emits `on_pick`; whoever owns the worker sends `Command::Trace` and hands the answer
//! back as `trace`. The lists and the timeline are read by `message_life`, which is tested
//! natively; this file only draws them.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::i18n::{self, t, tf, Key, Lang};
use crate::message_life::{
    ms_3, parse_message_id, thousands, LifeView, MessageGroup, MessageLists, Notable, TraceState,
};

/// Tallest gap bar, in CSS pixels; a row without a wait draws `GAP_BAR_MIN_PX`.
const GAP_BAR_MAX_PX: f64 = 44.0;
const GAP_BAR_MIN_PX: f64 = 2.0;

#[derive(Properties, PartialEq)]
pub struct MessagesPanelProps {
    pub lang: Lang,
    /// The finished run's report JSON (`mqlab_scenario::report_to_json`); `None` while the run
    /// is under way (a message picked on the canvas): only its life is shown.
    pub report: Option<Rc<Value>>,
    pub trace: TraceState,
    /// A message id to trace.
    pub on_pick: Callback<u64>,
    pub on_close: Callback<()>,
}

#[component]
pub fn MessagesPanel(props: &MessagesPanelProps) -> Html {
    let lang = props.lang;
    let lists = match &props.report {
        Some(report) => MessageLists::from_report_json(report).map(Some),
        None => Ok(None),
    };
    // The tab first shown is the first kind the run has any of; the learner's choice then stays.
    let chosen_tab = use_state(|| None::<Notable>);
    let field = use_state(String::new);
    let field_problem = use_state(|| None::<Key>);

    let pick = {
        let on_pick = props.on_pick.clone();
        let field = field.clone();
        let field_problem = field_problem.clone();
        Callback::from(move |id: u64| {
            field.set(id.to_string());
            field_problem.set(None);
            on_pick.emit(id);
        })
    };
    let submit = {
        let pick = pick.clone();
        let field = field.clone();
        let field_problem = field_problem.clone();
        move || match parse_message_id(&*field) {
            Ok(id) => pick.emit(id),
            Err(problem) => field_problem.set(Some(problem.key())),
        }
    };
    let on_input = {
        let field = field.clone();
        let field_problem = field_problem.clone();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            field.set(input.value());
            field_problem.set(None);
        })
    };
    let on_keydown = {
        let submit = submit.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" {
                event.prevent_default();
                submit();
            }
        })
    };
    let on_go = Callback::from(move |_: MouseEvent| submit());
    let on_close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };

    let lists_view = match &lists {
        Ok(None) => html! { <p class="muted small">{ t(lang, Key::MessagesAfterRun) }</p> },
        Ok(Some(lists)) => {
            let active = (*chosen_tab)
                .or_else(|| lists.groups.iter().find(|g| !g.messages.is_empty()).map(|g| g.kind))
                .unwrap_or(Notable::Lost);
            let tabs = lists.groups.iter().map(|group| {
                let kind = group.kind;
                let onclick = {
                    let chosen_tab = chosen_tab.clone();
                    Callback::from(move |_: MouseEvent| chosen_tab.set(Some(kind)))
                };
                html! {
                    <button type="button" role="tab" aria-selected={(kind == active).to_string()}
                            class={classes!("messages-tab", kind.name(), (kind == active).then_some("active"),
                                            (group.total > 0).then_some("nonzero"))}
                            data-testid={format!("messages-tab-{}", kind.name())} onclick={onclick}>
                        { t(lang, kind.label()) }
                        <span class="messages-count">{ thousands(group.total) }</span>
                    </button>
                }
            });
            let group = lists.group(active);
            html! {
                <>
                    <div class="messages-tabs" role="tablist">{ for tabs }</div>
                    { group.map(|g| group_view(lang, g, &pick)).unwrap_or_default() }
                </>
            }
        }
        Err(error) => html! {
            <p class="messages-error">{ tf(lang, Key::MessagesUnreadable, &[error]) }</p>
        },
    };

    html! {
        <section class="messages-panel" data-testid="messages" aria-label={t(lang, Key::MessagesTitle)}>
            <header class="messages-head">
                <h2>{ t(lang, Key::MessagesTitle) }</h2>
                <span class="spacer"></span>
                <button type="button" class="ghost small" data-testid="messages-close"
                        title={t(lang, Key::MessagesClose)} aria-label={t(lang, Key::MessagesClose)}
                        onclick={on_close}>{ "✕" }</button>
            </header>
            <div class="messages-body">
                <div class="messages-lists">
                    { lists_view }
                    <div class="trace-field">
                        <label for="trace-id">{ t(lang, Key::TraceIdLabel) }</label>
                        <input id="trace-id" type="text" inputmode="numeric" autocomplete="off"
                               data-testid="trace-id" value={(*field).clone()}
                               aria-invalid={field_problem.is_some().to_string()}
                               oninput={on_input} onkeydown={on_keydown} />
                        <button type="button" class="small" data-testid="trace-go" onclick={on_go}>
                            { t(lang, Key::TraceGo) }
                        </button>
                        if let Some(problem) = *field_problem {
                            <p class="trace-field-problem" data-testid="trace-id-problem" role="alert">
                                { t(lang, problem) }
                            </p>
                        }
                    </div>
                </div>
                <div class="messages-life">
                    { life_view(lang, &props.trace) }
                </div>
            </div>
        </section>
    }
}

/// One kind's list: how many of how many, the causes of losses, and an id button per message.
fn group_view(lang: Lang, group: &MessageGroup, pick: &Callback<u64>) -> Html {
    let kind = group.kind;
    let count_title = (kind == Notable::Duplicated).then(|| t(lang, Key::MessagesDuplicatesCount));
    html! {
        <div class={classes!("messages-group", kind.name())} role="tabpanel"
             data-testid={format!("messages-{}", kind.name())}>
            <h3>{ t(lang, kind.title()) }</h3>
            if group.messages.is_empty() {
                <p class="muted small">{ t(lang, Key::MessagesNoneOfKind) }</p>
            } else {
                <p class="muted small" title={count_title}>
                    { tf(lang, Key::MessagesShowing, &[&group.messages.len().to_string(), &thousands(group.total)]) }
                    { " · " }{ t(lang, Key::MessagesPickHint) }
                </p>
            }
            if !group.by_cause.is_empty() {
                <p class="messages-causes">
                    { for group.by_cause.iter().map(|(cause, count)| html! {
                        <span class={classes!("cause-chip", cause.clone())}>
                            { cause_label(lang, cause) }{ " " }<b>{ thousands(*count) }</b>
                        </span>
                    }) }
                </p>
            }
            <ul class="message-ids">
                { for group.messages.iter().map(|message| {
                    let id = message.id;
                    let onclick = {
                        let pick = pick.clone();
                        Callback::from(move |_: MouseEvent| pick.emit(id))
                    };
                    html! {
                        <li key={id}>
                            <button type="button" class="message-id" data-testid={format!("message-{id}")}
                                    data-cause={message.cause.clone()} onclick={onclick}>
                                { format!("#{id}") }
                                if let Some(cause) = &message.cause {
                                    <span class={classes!("cause-chip", cause.clone())}>{ cause_label(lang, cause) }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The right side: nothing picked, a trace under way, its failure, or the life itself.
fn life_view(lang: Lang, trace: &TraceState) -> Html {
    match trace {
        TraceState::None => html! {
            <p class="muted life-hint">{ t(lang, Key::TracePick) }</p>
        },
        TraceState::Loading(id) => html! {
            <p class="life-loading" data-testid="trace-loading" aria-busy="true">
                <span class="spinner" aria-hidden="true"></span>
                { tf(lang, Key::TraceLoading, &[&id.to_string()]) }
            </p>
        },
        TraceState::Failed { message_id, message } => html! {
            <p class="messages-error" data-testid="trace-failed">
                { tf(lang, Key::TraceFailed, &[&message_id.to_string(), message]) }
            </p>
        },
        TraceState::Ready(trace) => timeline(lang, &LifeView::from_trace(trace)),
    }
}

fn timeline(lang: Lang, life: &LifeView) -> Html {
    let title = html! {
        <h3 data-testid="trace-title" data-message={life.message_id.to_string()}>
            { t(lang, Key::TraceTitle) }{ " · " }{ tf(lang, Key::TraceMessage, &[&life.message_id.to_string()]) }
        </h3>
    };
    if !life.found {
        return html! {
            <>
                { title }
                <p class="muted" data-testid="trace-not-found">{ t(lang, Key::TraceNotFound) }</p>
            </>
        };
    }
    let end = &life.end;
    let cause_text = end.cause.as_deref().map(|c| cause_label(lang, c));
    let outcome_text =
        i18n::total(&end.outcome).map(|key| t(lang, key).to_string()).unwrap_or_else(|| end.outcome.clone());
    let place = end.place.clone().unwrap_or_else(|| "—".to_string());
    let end_line = match (&cause_text, end.t_us) {
        (Some(cause), _) => tf(lang, Key::TraceLostAt, &[&place, cause]),
        (None, Some(t_us)) => tf(lang, Key::LifeDecidedAt, &[&ms_3(t_us), &place]),
        (None, None) => t(lang, Key::TraceInFlight).to_string(),
    };
    html! {
        <>
            { title }
            <p class="life-summary muted small">
                if let Some(lifetime_us) = life.lifetime_us {
                    <span data-testid="trace-lifetime">{ tf(lang, Key::LifeLifetime, &[&ms_3(lifetime_us)]) }</span>
                    { " · " }
                }
                if life.processings() > 1 {
                    <span>{ tf(lang, Key::LifeProcessings, &[&life.processings().to_string()]) }</span>
                    { " · " }
                }
                <span data-testid="trace-path" data-path={life.path.join(" ")}>
                    { tf(lang, Key::LifePath, &[&life.path.join(" → ")]) }
                </span>
            </p>
            <ol class="life-rows">
                { for life.rows.iter().map(|row| {
                    let bar_px = GAP_BAR_MIN_PX + row.gap_weight * (GAP_BAR_MAX_PX - GAP_BAR_MIN_PX);
                    html! {
                        <li class={classes!("life-row", row.step.name())} data-testid="trace-event"
                            data-kind={row.step.name()}>
                            <span class="life-gap" style={format!("height: {bar_px:.1}px")}
                                  title={tf(lang, Key::LifeSincePrevious, &[&ms_3(row.since_previous_us)])}></span>
                            <span class="life-dot" aria-hidden="true"></span>
                            <span class="life-times">
                                <span class="life-at">{ tf(lang, Key::LifeAt, &[&ms_3(row.t_us)]) }</span>
                                <span class="life-since muted">
                                    { tf(lang, Key::LifeSincePrevious, &[&ms_3(row.since_previous_us)]) }
                                    { " · " }
                                    { tf(lang, Key::LifeSinceBirth, &[&ms_3(row.since_birth_us)]) }
                                </span>
                            </span>
                            <span class="life-place">{ row.place.clone() }</span>
                            <span class="life-what">
                                <span class="life-step">{ t(lang, row.step.label()) }</span>
                                <span class="life-sentence">{ i18n::trace_what(lang, row.what) }</span>
                            </span>
                        </li>
                    }
                }) }
                <li class={classes!("life-row", "life-end", end.outcome.clone())} data-testid="trace-outcome"
                    data-outcome={end.outcome.clone()} data-cause={end.cause.clone()}>
                    <span class="life-gap" style={format!("height: {GAP_BAR_MIN_PX:.1}px")}></span>
                    <span class="life-dot" aria-hidden="true"></span>
                    <span class="life-times">
                        if let Some(t_us) = end.t_us {
                            <span class="life-at">{ tf(lang, Key::LifeAt, &[&ms_3(t_us)]) }</span>
                        }
                        if let Some(since_birth_us) = end.since_birth_us {
                            <span class="life-since muted">{ tf(lang, Key::LifeSinceBirth, &[&ms_3(since_birth_us)]) }</span>
                        }
                    </span>
                    <span class="life-place">{ end.place.clone().unwrap_or_default() }</span>
                    <span class="life-what">
                        <span class="life-step">{ t(lang, Key::TraceOutcome) }{ ": " }{ outcome_text }</span>
                        <span class="life-sentence">{ end_line }</span>
                    </span>
                </li>
            </ol>
        </>
    }
}

fn cause_label(lang: Lang, cause: &str) -> String {
    i18n::loss_cause(cause).map(|key| t(lang, key).to_string()).unwrap_or_else(|| cause.to_string())
}

//! Crash or restart a component (or cut or heal its link, slow its disk) at the run's current
//! time: the inspector's buttons and the canvas's right-click menu. Each switch is written into
//! the scenario's fault schedule, so the share link replays it.

use std::rc::Rc;

use mqlab_scenario::Scenario;
use yew::prelude::*;

use crate::editor::{self, ComponentRef, Edit};
use crate::i18n::{t, tf, Key, Lang};
use crate::live::{use_live, HubHandle};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct FaultButtonsProps {
    pub lang: Lang,
    pub hub: HubHandle,
    pub scenario: Rc<Scenario>,
    pub component: ComponentRef,
    pub dispatch: Callback<Action>,
}

/// Crash or restart the component (or cut or heal its link) at the run's current time. The
/// switch is written into the scenario's fault schedule, so the share link replays it.
#[component]
pub fn FaultButtons(props: &FaultButtonsProps) -> Html {
    use_live(&props.hub);
    let lang = props.lang;
    let now_us = props.hub.model().now_us();
    let now_s = now_us as f64 / 1e6;
    let kinds = editor::faults::fault_kinds_for(props.component.kind);
    if kinds.is_empty() {
        return html! {};
    }
    html! {
        <div class="fault-buttons" data-testid="fault-buttons">
            <span class="muted small">{ tf(lang, Key::FaultAtNow, &[&format!("{now_s:.3}")]) }</span>
            { for kinds.iter().map(|kind| {
                let kind = *kind;
                let on = editor::faults::fault_in_effect(&props.scenario, kind, &props.component.id, now_s).is_some();
                let onclick = {
                    let dispatch = props.dispatch.clone();
                    let hub = props.hub.clone();
                    let target = props.component.id.clone();
                    Callback::from(move |_: MouseEvent| {
                        // The moment of the click, not of the last redraw.
                        let now_s = hub.model().now_us() as f64 / 1e6;
                        dispatch.emit(Action::Edit(Edit::ToggleFault { kind, target: target.clone(), now_s }));
                    })
                };
                let label = if on {
                    tf(lang, Key::FaultEndNow, &[t(lang, editor::faults::kind_label(kind))])
                } else {
                    tf(lang, Key::FaultStartNow, &[t(lang, editor::faults::kind_label(kind))])
                };
                html! {
                    <button type="button" class={classes!("ghost", "small", if on { "fault-on" } else { "danger" })}
                            data-testid={format!("fault-toggle-{}", editor::faults::kind_name(kind))}
                            aria-pressed={on.to_string()} onclick={onclick}>{ label }</button>
                }
            }) }
        </div>
    }
}

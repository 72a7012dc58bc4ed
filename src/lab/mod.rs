//! The lab's components, each a view over props and callbacks: the canvas, the inspector, the
//! charts and messages panels, and the small bars around them (palette, tool bar, run bar,
//! totals, error panel, toast).

pub mod canvas;
pub mod charts_panel;
pub mod compare_panel;
pub mod fault_buttons;
pub mod faults_panel;
pub mod inspector;
pub mod live_layer;
pub mod messages_panel;
pub mod runbar;
pub mod timeline;

use yew::prelude::*;

use crate::editor::{layout, ComponentKind, Edit};
use crate::i18n::{t, Key, Lang};
use crate::state::Action;

/// Where a new component of `kind` goes: its column, below what is already there.
pub fn free_spot(s: &mqlab_scenario::Scenario, kind: ComponentKind) -> (f64, f64) {
    let ids = crate::editor::components::ids_of(s, kind);
    let ys = ids.iter().filter_map(|id| s.layout.get(*id)).map(|p| p.y);
    let below = ys.fold(None, |acc: Option<f64>, y| Some(acc.map_or(y, |a| a.max(y))));
    match layout::column(kind) {
        Some(column) => {
            (layout::LEFT_X + layout::COLUMN_GAP * column as f64, below.map_or(layout::TOP_Y, |y| y + layout::ROW_GAP))
        }
        None => {
            let xs = ids.iter().filter_map(|id| s.layout.get(*id)).map(|p| p.x);
            let right = xs.fold(None, |acc: Option<f64>, x| Some(acc.map_or(x, |a| a.max(x))));
            let pipeline_bottom = s.layout.values().map(|p| p.y).fold(layout::TOP_Y, f64::max);
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

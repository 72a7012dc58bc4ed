//! The canvas editor: the scenario drawn as SVG (boxes by kind, wires as arrows), with drag to
//! move, drag from a port to connect, click to select, drag the background to pan, wheel to zoom.
//!
//! Every change goes out as an [`Action`]; the only local state is the gesture under way.

use std::cell::RefCell;
use std::rc::Rc;

use mqlab_scenario::Scenario;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::editor::layout::STORE_KEY;
use crate::editor::{self, ComponentKind, ComponentRef, Edit, Wire, WireKind};
use crate::i18n::{t, Key, Lang};
use crate::lab::fault_buttons::FaultButtons;
use crate::lab::live_layer::{Layer, LiveLayer};
use crate::live::HubHandle;
use crate::live::RunId;
use crate::state::{Action, Selection, View};

/// A component's box, centred on its layout position.
pub const BOX_W: f64 = 150.0;
pub const BOX_H: f64 = 56.0;
/// A pointer that moves less than this (in screen pixels) clicked rather than dragged.
const CLICK_SLOP_PX: f64 = 4.0;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub scenario: Rc<Scenario>,
    pub selection: Selection,
    pub connecting: Option<Option<ComponentRef>>,
    pub view: View,
    pub lang: Lang,
    /// Component ids the validator has something to say about.
    pub invalid: Rc<Vec<String>>,
    pub dispatch: Callback<Action>,
    /// Changes when the diagram should be fitted in view.
    pub fit: u64,
    /// The run, drawn over the diagram by the live layers.
    pub hub: HubHandle,
    /// Which run the live layers draw: the one whose scenario the canvas shows.
    pub live_run: RunId,
    /// A message dot was clicked: read that message's life.
    pub on_pick: Callback<u64>,
}

enum Gesture {
    Move { target: ComponentRef, start: (f64, f64), from: (f64, f64), moved: bool },
    Pan { start: (f64, f64), from: View, moved: bool },
    Wire { from: ComponentRef, start: (f64, f64), origin: (f64, f64) },
}

/// The style of each kind: class name and the glyph in its badge.
pub fn kind_style(kind: ComponentKind) -> (&'static str, &'static str) {
    match kind {
        ComponentKind::Producer => ("producer", "P"),
        ComponentKind::Exchange => ("exchange", "X"),
        ComponentKind::Queue => ("queue", "Q"),
        ComponentKind::Consumer => ("consumer", "C"),
        ComponentKind::Node => ("node", "N"),
    }
}

pub(crate) fn position(s: &Scenario, id: &str) -> (f64, f64) {
    s.layout.get(id).map(|p| (p.x, p.y)).unwrap_or((80.0, 100.0))
}

pub(crate) fn store_position(s: &Scenario) -> (f64, f64) {
    if let Some(p) = s.layout.get(STORE_KEY) {
        return (p.x, p.y);
    }
    let consumers: Vec<_> = s.consumers.iter().map(|c| position(s, &c.id)).collect();
    let x = consumers.iter().map(|p| p.0).fold(f64::MIN, f64::max);
    let y =
        if consumers.is_empty() { 100.0 } else { consumers.iter().map(|p| p.1).sum::<f64>() / consumers.len() as f64 };
    (if consumers.is_empty() { 880.0 } else { x + 200.0 }, y)
}

/// The cubic Bézier a wire is drawn along: start, two control points, end.
fn wire_curve(kind: &WireKind, from: (f64, f64), to: (f64, f64)) -> [(f64, f64); 4] {
    if matches!(kind, WireKind::Placement) {
        // Down to the node's top edge.
        let (x1, y1) = (from.0, from.1 + BOX_H / 2.0);
        let (x2, y2) = (to.0, to.1 - BOX_H / 2.0);
        let dy = ((y2 - y1) / 2.0).abs().max(30.0);
        return [(x1, y1), (x1, y1 + dy), (x2, y2 - dy), (x2, y2)];
    }
    let (x1, y1) = (from.0 + BOX_W / 2.0, from.1);
    let (x2, y2) = (to.0 - BOX_W / 2.0 - 4.0, to.1);
    let dx = ((x2 - x1) / 2.0).abs().max(40.0);
    [(x1, y1), (x1 + dx, y1), (x2 - dx, y2), (x2, y2)]
}

pub(crate) fn wire_path(kind: &WireKind, from: (f64, f64), to: (f64, f64)) -> String {
    let [(x1, y1), (c1x, c1y), (c2x, c2y), (x2, y2)] = wire_curve(kind, from, to);
    format!("M{x1},{y1} C{c1x},{c1y} {c2x},{c2y} {x2},{y2}")
}

/// The point a fraction `f` (0 at the start, 1 at the end) along a wire.
pub(crate) fn wire_point(kind: &WireKind, from: (f64, f64), to: (f64, f64), f: f64) -> (f64, f64) {
    let [p0, p1, p2, p3] = wire_curve(kind, from, to);
    let f = f.clamp(0.0, 1.0);
    let g = 1.0 - f;
    let (a, b, c, d) = (g * g * g, 3.0 * g * g * f, 3.0 * g * f * f, f * f * f);
    (a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0, a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1)
}

pub(crate) fn wire_class(kind: &WireKind) -> &'static str {
    match kind {
        WireKind::Publish => "publish",
        WireKind::Binding { .. } => "binding",
        WireKind::Consume => "consume",
        WireKind::DeadLetter => "dead-letter",
        WireKind::Placement => "placement",
    }
}

fn client(event: &PointerEvent) -> (f64, f64) {
    (event.client_x() as f64, event.client_y() as f64)
}

/// The component under a screen point, from the `data-id`/`data-kind` of its box.
fn component_at(x: f64, y: f64) -> Option<ComponentRef> {
    let document = web_sys::window()?.document()?;
    let element = document.element_from_point(x as f32, y as f32)?;
    let group = element.closest("[data-component]").ok()??;
    let id = group.get_attribute("data-id")?;
    let list = group.get_attribute("data-kind")?;
    Some(ComponentRef::new(ComponentKind::from_list(&list)?, id))
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let gesture: Rc<RefCell<Option<Gesture>>> = use_mut_ref(|| None);
    // The right-click menu: which component, where (pixels within the canvas).
    let menu = use_state(|| None::<(ComponentRef, f64, f64)>);
    // The loose end of a wire being drawn, in world coordinates.
    let loose = use_state(|| None::<((f64, f64), (f64, f64))>);
    let svg_ref = use_node_ref();
    let s = &props.scenario;
    let view = props.view;
    let dispatch = props.dispatch.clone();

    {
        let svg_ref = svg_ref.clone();
        let dispatch = dispatch.clone();
        let scenario = props.scenario.clone();
        use_effect_with(props.fit, move |_| {
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let size = (svg.client_width() as f64, svg.client_height() as f64);
                dispatch.emit(Action::SetView(fit_view(&scenario, size)));
            }
        });
    }

    let on_down_background = {
        let gesture = gesture.clone();
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            capture(&event);
            *gesture.borrow_mut() = Some(Gesture::Pan { start: client(&event), from: view, moved: false });
        })
    };

    let on_move = {
        let gesture = gesture.clone();
        let dispatch = dispatch.clone();
        let loose = loose.clone();
        Callback::from(move |event: PointerEvent| {
            let (cx, cy) = client(&event);
            let mut current = gesture.borrow_mut();
            match current.as_mut() {
                Some(Gesture::Move { target, start, from, moved }) => {
                    let (dx, dy) = (cx - start.0, cy - start.1);
                    if !*moved && dx.abs().max(dy.abs()) < CLICK_SLOP_PX {
                        return;
                    }
                    if !*moved {
                        *moved = true;
                        dispatch.emit(Action::BeginDrag(target.clone()));
                    }
                    let at = ((from.0 + dx / view.zoom).round(), (from.1 + dy / view.zoom).round());
                    dispatch.emit(Action::Edit(Edit::Move { target: target.clone(), at }));
                }
                Some(Gesture::Pan { start, from, moved }) => {
                    let (dx, dy) = (cx - start.0, cy - start.1);
                    if !*moved && dx.abs().max(dy.abs()) < CLICK_SLOP_PX {
                        return;
                    }
                    *moved = true;
                    dispatch.emit(Action::SetView(View { x: from.x + dx, y: from.y + dy, ..*from }));
                }
                Some(Gesture::Wire { start, origin, .. }) => {
                    let end = (origin.0 + (cx - start.0) / view.zoom, origin.1 + (cy - start.1) / view.zoom);
                    loose.set(Some((*origin, end)));
                }
                None => {}
            }
        })
    };

    let on_up = {
        let gesture = gesture.clone();
        let dispatch = dispatch.clone();
        let loose = loose.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(done) = gesture.borrow_mut().take() else {
                return;
            };
            match done {
                Gesture::Move { target, moved, .. } => {
                    if moved {
                        dispatch.emit(Action::EndDrag);
                    } else {
                        dispatch.emit(Action::Select(Selection::Component(target)));
                    }
                }
                Gesture::Pan { moved, .. } => {
                    if !moved {
                        dispatch.emit(Action::Select(Selection::None));
                    }
                }
                Gesture::Wire { from, .. } => {
                    loose.set(None);
                    let (cx, cy) = client(&event);
                    if let Some(to) = component_at(cx, cy) {
                        if to != from {
                            dispatch.emit(Action::Edit(Edit::Connect { from, to }));
                        }
                    }
                }
            }
        })
    };

    let on_wheel = {
        let dispatch = dispatch.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |event: WheelEvent| {
            event.prevent_default();
            let factor = if event.delta_y() < 0.0 { 1.1 } else { 1.0 / 1.1 };
            let (ox, oy) = svg_ref
                .cast::<web_sys::Element>()
                .map(|svg| {
                    // The pointer relative to the canvas: its page position less the canvas's.
                    let (left, top) = offset_of(&svg);
                    (event.client_x() as f64 - left, event.client_y() as f64 - top)
                })
                .unwrap_or((0.0, 0.0));
            dispatch.emit(Action::SetView(view.zoomed(factor, ox, oy)));
        })
    };

    // Wires first, under the boxes.
    let wires = editor::wires(s);
    let wire_views = wires.iter().map(|wire| {
        let from = position(s, &wire.from.id);
        let to = position(s, &wire.to.id);
        let d = wire_path(&wire.kind, from, to);
        let selected = props.selection == Selection::Wire(wire.clone());
        let class = classes!("wire", wire_class(&wire.kind), selected.then_some("selected"));
        let onclick = {
            let dispatch = dispatch.clone();
            let wire: Wire = wire.clone();
            Callback::from(move |event: PointerEvent| {
                event.stop_propagation();
                dispatch.emit(Action::Select(Selection::Wire(wire.clone())));
            })
        };
        let label = match &wire.kind {
            WireKind::Binding { key, .. } if !key.is_empty() => Some(key.clone()),
            WireKind::DeadLetter => Some(t(props.lang, Key::WireDeadLetter).to_string()),
            _ => None,
        };
        let mid = ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0 - 6.0);
        html! {
            <g class={class} data-testid={format!("wire-{}-{}", wire.from.id, wire.to.id)}>
                <path class="wire-hit" d={d.clone()} onpointerdown={onclick} />
                <path class="wire-line" d={d} marker-end="url(#arrow)" />
                if let Some(label) = label {
                    <text class="wire-label" x={mid.0.to_string()} y={mid.1.to_string()}>{ label }</text>
                }
            </g>
        }
    });

    // The downstream store, fed by every consumer.
    let store = store_position(s);
    let store_wires = s.consumers.iter().map(|c| {
        let d = wire_path(&WireKind::Publish, position(s, &c.id), store);
        html! { <path class="wire-line store-feed" d={d} marker-end="url(#arrow)" /> }
    });

    let components = editor::components::all(s);
    let boxes = components.iter().map(|component| {
        let (x, y) = position(s, &component.id);
        let (class, glyph) = kind_style(component.kind);
        let selected = props.selection == Selection::Component(component.clone());
        let source = props.connecting.as_ref().and_then(|c| c.as_ref()) == Some(component);
        let invalid = props.invalid.contains(&component.id);
        let subline = match component.kind {
            ComponentKind::Producer => match editor::get_field(s, component, "rate_per_s") {
                serde_json::Value::Number(rate) => format!("{rate} {}", t(props.lang, Key::UnitPerS)),
                _ => t(props.lang, component.kind.label()).to_string(),
            },
            _ => t(props.lang, component.kind.label()).to_string(),
        };
        let on_down = {
            let gesture = gesture.clone();
            let dispatch = dispatch.clone();
            let component = component.clone();
            let connecting = props.connecting.is_some();
            Callback::from(move |event: PointerEvent| {
                if event.button() != 0 {
                    return;
                }
                event.stop_propagation();
                if connecting {
                    dispatch.emit(Action::ConnectClick(component.clone()));
                    return;
                }
                capture(&event);
                *gesture.borrow_mut() = Some(Gesture::Move {
                    target: component.clone(),
                    start: client(&event),
                    from: (x, y),
                    moved: false,
                });
            })
        };
        let on_port = {
            let gesture = gesture.clone();
            let component = component.clone();
            let loose = loose.clone();
            Callback::from(move |event: PointerEvent| {
                if event.button() != 0 {
                    return;
                }
                event.stop_propagation();
                capture(&event);
                let origin = (x + BOX_W / 2.0, y);
                loose.set(Some((origin, origin)));
                *gesture.borrow_mut() = Some(Gesture::Wire { from: component.clone(), start: client(&event), origin });
            })
        };
        let on_menu = {
            let menu = menu.clone();
            let dispatch = dispatch.clone();
            let component = component.clone();
            let svg_ref = svg_ref.clone();
            Callback::from(move |event: MouseEvent| {
                event.prevent_default();
                let Some(svg) = svg_ref.cast::<web_sys::Element>() else { return };
                let (left, top) = offset_of(&svg);
                dispatch.emit(Action::Select(Selection::Component(component.clone())));
                menu.set(Some((component.clone(), event.client_x() as f64 - left, event.client_y() as f64 - top)));
            })
        };
        let (left, top) = (x - BOX_W / 2.0, y - BOX_H / 2.0);
        html! {
            <g class={classes!("component", class, selected.then_some("selected"), source.then_some("source"), invalid.then_some("invalid"))}
               data-component="" data-id={component.id.clone()} data-kind={component.kind.list()}
               data-testid={format!("component-{}", component.id)}
               transform={format!("translate({left},{top})")}
               onpointerdown={on_down} oncontextmenu={on_menu}>
                <rect class="box" width={BOX_W.to_string()} height={BOX_H.to_string()} rx="10" />
                <rect class="stripe" width="6" height={BOX_H.to_string()} rx="3" />
                <circle class="badge" cx="26" cy={(BOX_H / 2.0).to_string()} r="13" />
                <text class="glyph" x="26" y={(BOX_H / 2.0 + 4.5).to_string()}>{ glyph }</text>
                <title>{ component.id.clone() }</title>
                <text class="name" x="46" y="24" clip-path="url(#box-text)">{ component.id.clone() }</text>
                <text class="sub" x="46" y="41" clip-path="url(#box-text)">{ subline }</text>
                if invalid {
                    <text class="warn" x={(BOX_W - 14.0).to_string()} y="18">{ "!" }</text>
                }
                <circle class="port" data-testid={format!("port-{}", component.id)}
                        cx={BOX_W.to_string()} cy={(BOX_H / 2.0).to_string()} r="6"
                        onpointerdown={on_port} />
            </g>
        }
    });

    let loose_wire = loose.as_ref().map(|(from, to)| {
        html! { <line class="loose-wire" x1={from.0.to_string()} y1={from.1.to_string()}
        x2={to.0.to_string()} y2={to.1.to_string()} /> }
    });

    let empty = components.is_empty();
    html! {
        <div class={classes!("canvas-wrap", props.connecting.is_some().then_some("connecting"))}>
            <svg ref={svg_ref.clone()} class="canvas" data-testid="canvas" xmlns="http://www.w3.org/2000/svg"
                 onpointerdown={on_down_background} onpointermove={on_move} onpointerup={on_up}
                 onwheel={on_wheel}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
                    </marker>
                    // A box's name and second line stop short of its right edge (a long id is
                    // cut there; its whole text is the tooltip). Each box is its own translated
                    // group, so one clip in box coordinates serves them all.
                    <clipPath id="box-text">
                        <rect x="40" y="0" width={(BOX_W - 48.0).to_string()} height={BOX_H.to_string()} />
                    </clipPath>
                    <pattern id="grid" width="20" height="20" patternUnits="userSpaceOnUse">
                        <circle cx="1" cy="1" r="1" class="grid-dot" />
                    </pattern>
                </defs>
                <g transform={format!("translate({},{}) scale({})", view.x, view.y, view.zoom)}>
                    <rect x="-4000" y="-4000" width="8000" height="8000" fill="url(#grid)" class="grid" />
                    { for wire_views }
                    { for store_wires }
                    <LiveLayer hub={props.hub.clone()} scenario={props.scenario.clone()} lang={props.lang} layer={Layer::Flow} run={props.live_run} on_pick={props.on_pick.clone()} />
                    if !empty {
                        <g class="component store" data-testid="component-store"
                           transform={format!("translate({},{})", store.0 - BOX_W / 2.0, store.1 - BOX_H / 2.0)}>
                            <rect class="box" width={BOX_W.to_string()} height={BOX_H.to_string()} rx="10" />
                            <rect class="stripe" width="6" height={BOX_H.to_string()} rx="3" />
                            <circle class="badge" cx="26" cy={(BOX_H / 2.0).to_string()} r="13" />
                            <text class="glyph" x="26" y={(BOX_H / 2.0 + 4.5).to_string()}>{ "S" }</text>
                            <title>{ t(props.lang, Key::KindStore) }</title>
                            <text class="name" x="46" y="24" clip-path="url(#box-text)">{ t(props.lang, Key::KindStore) }</text>
                            <text class="sub" x="46" y="41">{ "DB" }</text>
                        </g>
                    }
                    { for boxes }
                    <LiveLayer hub={props.hub.clone()} scenario={props.scenario.clone()} lang={props.lang} layer={Layer::Marks} run={props.live_run} on_pick={props.on_pick.clone()} />
                    { for loose_wire }
                </g>
            </svg>
            if empty {
                <p class="canvas-empty">{ t(props.lang, Key::CanvasHint) }</p>
            }
            { context_menu(props, &menu) }
        </div>
    }
}

/// The right-click menu of a component: crash or restart it now. Shown while the component it
/// was opened on stays selected (Escape or a click elsewhere closes it).
fn context_menu(props: &CanvasProps, menu: &UseStateHandle<Option<(ComponentRef, f64, f64)>>) -> Html {
    let Some((component, x, y)) = (**menu).clone() else { return html! {} };
    if props.selection != Selection::Component(component.clone())
        || editor::faults::fault_kinds_for(component.kind).is_empty()
    {
        return html! {};
    }
    let close = {
        let menu = menu.clone();
        Callback::from(move |_: MouseEvent| menu.set(None))
    };
    html! {
        <div class="canvas-menu" data-testid="canvas-menu" role="menu"
             // Where the click was, but kept inside the stage (the menu is at most 280 px wide).
             style={format!("left: max(0px, min({x:.0}px, calc(100% - 284px))); top: max(0px, min({y:.0}px, calc(100% - 170px)))")}
             onpointerdown={Callback::from(|event: PointerEvent| event.stop_propagation())}>
            <div class="canvas-menu-head">
                <b>{ component.id.clone() }</b>
                <button type="button" class="ghost small" onclick={close} aria-label={t(props.lang, Key::Dismiss)}>{ "×" }</button>
            </div>
            <FaultButtons lang={props.lang} hub={props.hub.clone()} scenario={props.scenario.clone()}
                          component={component} dispatch={props.dispatch.clone()} />
        </div>
    }
}

/// Keeps the pointer's events coming to the canvas while a gesture lasts.
fn capture(event: &PointerEvent) {
    if let Some(svg) = event
        .current_target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("svg").ok().flatten())
    {
        let _ = svg.set_pointer_capture(event.pointer_id());
    }
}

/// The element's top-left corner in the viewport.
fn offset_of(element: &web_sys::Element) -> (f64, f64) {
    let rect = element.get_bounding_client_rect();
    (rect.left(), rect.top())
}

/// The view that shows the whole diagram in a canvas of `size` pixels, at most at 100 %.
fn fit_view(s: &Scenario, size: (f64, f64)) -> View {
    let mut points: Vec<(f64, f64)> = editor::components::all(s).iter().map(|c| position(s, &c.id)).collect();
    if points.is_empty() || size.0 < 10.0 || size.1 < 10.0 {
        return View::default();
    }
    if !s.consumers.is_empty() {
        points.push(store_position(s));
    }
    let margin = 30.0;
    let min_x = points.iter().map(|p| p.0).fold(f64::MAX, f64::min) - BOX_W / 2.0 - margin;
    let max_x = points.iter().map(|p| p.0).fold(f64::MIN, f64::max) + BOX_W / 2.0 + margin;
    let min_y = points.iter().map(|p| p.1).fold(f64::MAX, f64::min) - BOX_H / 2.0 - margin;
    let max_y = points.iter().map(|p| p.1).fold(f64::MIN, f64::max) + BOX_H / 2.0 + margin;
    let zoom = (size.0 / (max_x - min_x)).min(size.1 / (max_y - min_y)).clamp(View::ZOOM_MIN, 1.0);
    View {
        zoom,
        x: (size.0 - (max_x - min_x) * zoom) / 2.0 - min_x * zoom,
        y: (size.1 - (max_y - min_y) * zoom) / 2.0 - min_y * zoom,
    }
}

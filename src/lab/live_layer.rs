//! The run drawn on the canvas: messages flowing along the wires (moving dots, thicker where the
//! rate is higher), each queue's depth, crashed and partitioned components, and where messages
//! were lost in the last moment, with their cause. Everything comes from the worker's frames.
//!
//! Drawn as two SVG layers inside the canvas's zoomed group: the flow under the boxes, the marks
//! over them. Only these layers redraw on a frame; the editor's boxes do not.

use std::rc::Rc;

use mqlab_scenario::Scenario;
use yew::prelude::*;

use crate::editor::{self, ComponentKind, WireKind};
use crate::i18n::{self, t, tf, Key, Lang};
use crate::lab::canvas::{position, store_position, wire_class, wire_path, wire_point, BOX_H, BOX_W};
use crate::live::RunId;
use crate::live::{use_live, HubHandle, RunLive};
use crate::sim_worker::protocol::{Carries, TransferView, WireClient};
use crate::sim_worker::RunState;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Layer {
    /// Under the boxes: the moving dots on the wires.
    Flow,
    /// Over the boxes: depths, crashes, losses.
    Marks,
}

#[derive(Properties, PartialEq)]
pub struct LiveLayerProps {
    pub hub: HubHandle,
    pub scenario: Rc<Scenario>,
    pub lang: Lang,
    pub layer: Layer,
    /// Run A, or B in compare mode while the canvas shows B.
    pub run: RunId,
    /// A message dot was clicked: read that message's life.
    pub on_pick: Callback<u64>,
}

/// The index of `id` in one of the worker's component lists.
fn index_of(ids: &[String], id: &str) -> Option<usize> {
    ids.iter().position(|i| i == id)
}

/// Wire thickness for a rate: thin at 1 msg/s, about 9 px at 100,000 msg/s.
fn stroke_for(rate_per_s: f64) -> f64 {
    2.0 + 1.4 * (1.0 + rate_per_s).log10()
}

/// How long one dot takes along a wire, in seconds: faster flows look faster, within reason.
fn dot_period_s(rate_per_s: f64) -> f64 {
    (2.4 / (1.0 + (1.0 + rate_per_s).log10())).clamp(0.45, 2.4)
}

fn rate_label(rate_per_s: f64) -> String {
    if rate_per_s >= 10_000.0 {
        format!("{:.0}k/s", rate_per_s / 1000.0)
    } else if rate_per_s >= 100.0 {
        format!("{rate_per_s:.0}/s")
    } else {
        format!("{rate_per_s:.1}/s")
    }
}

#[component]
pub fn LiveLayer(props: &LiveLayerProps) -> Html {
    use_live(&props.hub);
    let model = props.hub.model();
    let run = model.run(props.run);
    let Some(loaded) = run.loaded.as_ref() else {
        return html! {};
    };
    if run.state.is_none() || run.state == Some(RunState::Idle) && run.now_us == 0 {
        return html! {};
    }
    let moving = run.state == Some(RunState::Running);
    match props.layer {
        Layer::Flow => flow(&props.scenario, run, loaded, moving),
        Layer::Marks => html! {
            <>
                { marks(&props.scenario, run, loaded, props.lang) }
                { messages_on_wires(&props.scenario, run, loaded, props.lang, &props.on_pick) }
            </>
        },
    }
}

fn flow(s: &Scenario, run: &RunLive, loaded: &crate::sim_worker::Loaded, moving: bool) -> Html {
    let rates = &run.rates;
    let get = |list: &[f64], i: Option<usize>| i.and_then(|i| list.get(i).copied()).unwrap_or(0.0);
    let mut paths: Vec<(String, &'static str, f64, (f64, f64))> = Vec::new();
    for wire in editor::wires(s) {
        let rate = match &wire.kind {
            WireKind::Publish => get(&rates.producer_sends_per_s, index_of(&loaded.producers, &wire.from.id)),
            WireKind::Binding { .. } => get(&rates.queue_enqueued_per_s, index_of(&loaded.queues, &wire.to.id)),
            WireKind::Consume => {
                let consumer = if wire.to.kind == ComponentKind::Consumer { &wire.to.id } else { &wire.from.id };
                get(&rates.consumer_delivered_per_s, index_of(&loaded.consumers, consumer))
            }
            WireKind::DeadLetter | WireKind::Placement => 0.0,
        };
        let (from, to) = (position(s, &wire.from.id), position(s, &wire.to.id));
        let mid = ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0 + 14.0);
        paths.push((wire_path(&wire.kind, from, to), wire_class(&wire.kind), rate, mid));
    }
    let store = store_position(s);
    for consumer in &s.consumers {
        let rate = get(&rates.consumer_processed_per_s, index_of(&loaded.consumers, &consumer.id));
        let from = position(s, &consumer.id);
        let mid = ((from.0 + store.0) / 2.0, (from.1 + store.1) / 2.0 + 14.0);
        paths.push((wire_path(&WireKind::Publish, from, store), "store-feed", rate, mid));
    }
    html! {
        <g class={classes!("live-flow", moving.then_some("moving"))} data-testid="live-flow">
            { for paths.into_iter().filter(|p| p.2 >= 0.05).map(|(d, class, rate, mid)| {
                let period = dot_period_s(rate);
                html! {
                    <g class={classes!("flow", class)} data-rate={format!("{rate:.1}")}>
                        <path class="flow-glow" d={d.clone()} stroke-width={format!("{:.1}", stroke_for(rate) + 4.0)} />
                        <path class="flow-dots" d={d} stroke-width={format!("{:.1}", stroke_for(rate))}
                              style={format!("animation-duration: {period:.2}s")} />
                        <text class="flow-rate" x={format!("{:.0}", mid.0)} y={format!("{:.0}", mid.1)}>{ rate_label(rate) }</text>
                    </g>
                }
            }) }
        </g>
    }
}

fn marks(s: &Scenario, run: &RunLive, loaded: &crate::sim_worker::Loaded, lang: Lang) -> Html {
    let snapshot = &run.snapshot;
    let corner = |id: &str| {
        let (x, y) = position(s, id);
        (x - BOX_W / 2.0, y - BOX_H / 2.0)
    };

    // What is down: nodes, consumers, queues without a leader, partitioned producer links.
    let mut down: Vec<(String, Key)> = Vec::new();
    for (i, id) in loaded.nodes.iter().enumerate() {
        if snapshot.nodes_up.get(i) == Some(&false) {
            down.push((id.clone(), Key::LiveDown));
        }
    }
    for (i, id) in loaded.consumers.iter().enumerate() {
        if snapshot.consumers.get(i).is_some_and(|c| !c.up) {
            down.push((id.clone(), Key::LiveDown));
        } else if snapshot.consumers.get(i).is_some_and(|c| !c.connected) {
            down.push((id.clone(), Key::LiveDisconnected));
        }
    }
    for (i, id) in loaded.queues.iter().enumerate() {
        if snapshot.queues.get(i).is_some_and(|q| !q.available) {
            down.push((id.clone(), Key::LiveUnavailable));
        }
    }
    for (i, id) in loaded.producers.iter().enumerate() {
        if snapshot.producers.get(i).is_some_and(|p| p.partitioned) {
            down.push((id.clone(), Key::LivePartitioned));
        }
    }
    let down_views = down.iter().filter(|(id, _)| s.layout.contains_key(id)).map(|(id, why)| {
        let (left, top) = corner(id);
        html! {
            <g class="live-down" data-testid={format!("down-{id}")} data-why={why.name()}
               transform={format!("translate({left},{top})")}>
                <rect class="down-veil" width={BOX_W.to_string()} height={BOX_H.to_string()} rx="10" />
                <text class="down-cross" x={(BOX_W - 18.0).to_string()} y="22">{ "✕" }</text>
                <text class="down-label" x={(BOX_W / 2.0).to_string()} y={(BOX_H + 14.0).to_string()}>{ t(lang, *why) }</text>
            </g>
        }
    });

    // Each queue's depth: ready and unacknowledged messages, on a logarithmic bar.
    let depth_views = loaded.queues.iter().enumerate().filter_map(|(i, id)| {
        let q = snapshot.queues.get(i)?;
        let (left, top) = corner(id);
        let depth = q.ready + q.unacked;
        let fill = ((1.0 + depth as f64).log10() / 6.0).min(1.0) * (BOX_W - 12.0);
        let title = format!("{} {} · {} {}", t(lang, Key::LiveReady), q.ready, t(lang, Key::LiveUnacked), q.unacked);
        Some(html! {
            <g class={classes!("live-depth", (depth > 0).then_some("nonempty"))} transform={format!("translate({left},{})", top + BOX_H + 3.0)}>
                <title>{ title }</title>
                <rect class="depth-track" x="6" width={(BOX_W - 12.0).to_string()} height="5" rx="2.5" />
                <rect class="depth-fill" x="6" width={format!("{fill:.1}")} height="5" rx="2.5" />
                <text class="depth-text" x={(BOX_W - 6.0).to_string()} y="-6" data-testid={format!("depth-{id}")}>{ depth }</text>
            </g>
        })
    });

    // Where messages were lost in the last bucket, by cause, at the components of that kind.
    let lost_views = run.last_bucket.iter().flat_map(|bucket| {
        bucket.lost_by_cause.iter().enumerate().filter(|(_, n)| **n > 0).map(|(c, n)| {
            let cause = loaded.loss_causes.get(c).cloned().unwrap_or_default();
            let place = loss_place(s, &cause, &down);
            let (x, y) = place.map(|id| position(s, &id)).unwrap_or((0.0, 0.0));
            let label = i18n::loss_cause(&cause).map(|k| t(lang, k).to_string()).unwrap_or_else(|| cause.clone());
            html! {
                <g class="live-lost" data-testid={format!("lost-mark-{cause}")} transform={format!("translate({x},{})", y - BOX_H / 2.0 - 16.0)}>
                    <rect class="lost-pill" x="-70" y="-11" width="140" height="20" rx="10" />
                    <text class="lost-text" x="0" y="3">{ format!("✕ {n} · {label}") }</text>
                </g>
            }
        }).collect::<Vec<_>>()
    });

    html! {
        <g class="live-marks">
            { for depth_views }
            { for down_views }
            { for lost_views }
        </g>
    }
}

/// Where a cause of loss happens, for its mark: a component that is down if the cause is about
/// a crash, else the first component of the kind the cause is about.
fn loss_place(s: &Scenario, cause: &str, down: &[(String, Key)]) -> Option<String> {
    let kind = match cause {
        "network" => ComponentKind::Producer,
        "broker_down" | "broker_crash" => ComponentKind::Node,
        "unroutable" => ComponentKind::Exchange,
        "consumer_crash" | "consumer_link" => ComponentKind::Consumer,
        _ => ComponentKind::Queue,
    };
    let ids = editor::components::ids_of(s, kind);
    ids.iter().find(|id| down.iter().any(|(d, _)| d == *id)).or(ids.first()).map(|id| id.to_string())
}

/// The most message dots drawn at once; beyond it the wire's thickness tells the rate.
const DOTS_MAX: usize = 160;

/// Where a transfer is drawn: the wire it travels (from, to, kind) and whether it goes against
/// the wire's arrow (confirms and acks travel back).
fn transfer_wire(
    s: &Scenario,
    loaded: &crate::sim_worker::Loaded,
    t: &TransferView,
) -> Option<((f64, f64), (f64, f64), bool)> {
    match t.client {
        WireClient::Producer(i) => {
            let id = loaded.producers.get(i as usize)?;
            let producer = s.producers.iter().find(|p| &p.id == id)?;
            let back = t.carries == Carries::Confirm;
            Some((position(s, id), position(s, &producer.exchange), back))
        }
        WireClient::Consumer(i) => {
            let id = loaded.consumers.get(i as usize)?;
            let consumer = s.consumers.iter().find(|c| &c.id == id)?;
            let back = t.carries == Carries::Ack;
            Some((position(s, &consumer.queue), position(s, id), back))
        }
    }
}

fn carries_class(carries: Carries) -> &'static str {
    match carries {
        Carries::Publish => "publish",
        Carries::Confirm => "confirm",
        Carries::Delivery => "delivery",
        Carries::Redelivery => "redelivery",
        Carries::Ack => "ack",
    }
}

/// Each message on a client's link as a dot where it is now, coloured by what it carries; one
/// the link dropped as a red cross where it vanished. A click on a dot reads its life.
fn messages_on_wires(
    s: &Scenario,
    run: &RunLive,
    loaded: &crate::sim_worker::Loaded,
    lang: Lang,
    on_pick: &Callback<u64>,
) -> Html {
    let now = run.now_us;
    let transfers = &run.snapshot.on_wires;
    let first = transfers.len().saturating_sub(DOTS_MAX);
    let dots = transfers[first..].iter().filter_map(|t| {
        let (from, to, back) = transfer_wire(s, loaded, t)?;
        let (x, y, class) = match t.arrives_us {
            Some(at) => {
                let span = at.saturating_sub(t.sent_us).max(1) as f64;
                let progress = (now.saturating_sub(t.sent_us) as f64 / span).clamp(0.0, 1.0);
                let f = if back { 1.0 - progress } else { progress };
                let (x, y) = wire_point(&WireKind::Publish, from, to, f);
                (x, y, carries_class(t.carries))
            }
            None => {
                let (x, y) = wire_point(&WireKind::Publish, from, to, 0.5);
                (x, y, "dropped")
            }
        };
        let title = tf(lang, Key::MessageOnWire, &[&t.message_id.to_string()]);
        Some(html! {
            <g class={classes!("msg-dot", class)} data-msg={t.message_id.to_string()}
               data-testid={format!("msg-{}", t.message_id)} transform={format!("translate({x:.1},{y:.1})")}>
                <title>{ title }</title>
                if t.arrives_us.is_none() {
                    <text class="msg-cross" y="4">{ "✕" }</text>
                } else {
                    <circle r="5" />
                }
            </g>
        })
    });
    // One handler for every dot: the dot's `data-msg` says which message.
    let onclick = {
        let on_pick = on_pick.clone();
        Callback::from(move |event: MouseEvent| {
            let id = event
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.closest("[data-msg]").ok().flatten())
                .and_then(|el| el.get_attribute("data-msg"))
                .and_then(|id| id.parse::<u64>().ok());
            if let Some(id) = id {
                event.stop_propagation();
                on_pick.emit(id);
            }
        })
    };
    let onpointerdown = Callback::from(|event: PointerEvent| event.stop_propagation());
    html! {
        <g class="messages-on-wires" data-testid="messages-on-wires" {onclick} {onpointerdown}>
            { for dots }
        </g>
    }
}

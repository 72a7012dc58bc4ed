//! The run drawn on the canvas: messages flowing along the wires (moving dots, thicker where the
//! rate is higher), each queue's depth, crashed and partitioned components, and where messages
//! were lost in the last moment, with their cause. Everything comes from the worker's frames.
//!
//! Drawn as two SVG layers inside the canvas's zoomed group: the flow under the boxes, the marks
//! over them. Only these layers redraw on a frame; the editor's boxes do not.

use std::rc::Rc;

use mqlab_scenario::Scenario;
use yew::prelude::*;

use crate::charts::RunId;
use crate::editor::{self, ComponentKind, WireKind};
use crate::i18n::{self, t, Key, Lang};
use crate::lab::canvas::{position, store_position, wire_class, wire_path, BOX_H, BOX_W};
use crate::live::{use_live, HubHandle, RunLive};
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
        Layer::Marks => marks(&props.scenario, run, loaded, props.lang),
    }
}

fn flow(s: &Scenario, run: &RunLive, loaded: &crate::sim_worker::Loaded, moving: bool) -> Html {
    let rates = &run.rates;
    let get = |list: &[f64], i: Option<usize>| i.and_then(|i| list.get(i).copied()).unwrap_or(0.0);
    let mut paths: Vec<(String, &'static str, f64, (f64, f64))> = Vec::new();
    for wire in editor::wires(s) {
        let rate = match &wire.kind {
            WireKind::Publish => get(
                &rates.producer_sends_per_s,
                index_of(&loaded.producers, &wire.from.id),
            ),
            WireKind::Binding { .. } => get(
                &rates.queue_enqueued_per_s,
                index_of(&loaded.queues, &wire.to.id),
            ),
            WireKind::Consume => {
                let consumer = if wire.to.kind == ComponentKind::Consumer {
                    &wire.to.id
                } else {
                    &wire.from.id
                };
                get(
                    &rates.consumer_delivered_per_s,
                    index_of(&loaded.consumers, consumer),
                )
            }
            WireKind::DeadLetter | WireKind::Placement => 0.0,
        };
        let (from, to) = (position(s, &wire.from.id), position(s, &wire.to.id));
        let mid = ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0 + 14.0);
        paths.push((
            wire_path(&wire.kind, from, to),
            wire_class(&wire.kind),
            rate,
            mid,
        ));
    }
    let store = store_position(s);
    for consumer in &s.consumers {
        let rate = get(
            &rates.consumer_processed_per_s,
            index_of(&loaded.consumers, &consumer.id),
        );
        let from = position(s, &consumer.id);
        let mid = ((from.0 + store.0) / 2.0, (from.1 + store.1) / 2.0 + 14.0);
        paths.push((
            wire_path(&WireKind::Publish, from, store),
            "store-feed",
            rate,
            mid,
        ));
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
    ids.iter()
        .find(|id| down.iter().any(|(d, _)| d == *id))
        .or(ids.first())
        .map(|id| id.to_string())
}

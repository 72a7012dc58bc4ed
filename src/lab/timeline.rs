//! The timeline under the canvas: virtual time from 0 to the horizon, one lane per fault target
//! with a bar per scheduled fault, the playhead, and scrubbing by click, drag or keyboard.
//!
//! A view over props and callbacks: seeking goes out as `on_seek` (seconds within the run), a
//! click on a bar as `on_select_fault`. The only local state is the drag under way, drawn as a
//! ghost marker until the pointer is released; only then does the seek go out, because every
//! seek re-runs the simulation from the start and a drag would otherwise ask for dozens.
//! Geometry (time ↔ fraction, ticks, lanes) is `editor::timeline_geometry`, tested natively.

use std::rc::Rc;

use mqlab_scenario::{Fault, RandomFault};
use yew::prelude::*;

use crate::editor::faults::{end_s, kind_label, kind_name};
use crate::editor::timeline_geometry::{
    fraction_of, lanes, now_label_left, percent, seconds_text, seek_for_key, tick_label_under_now, ticks, time_at,
    TICKS_MAX,
};
use crate::i18n::{t, tf, Key, Lang};

/// The tick labels' band at the top of the strip, in pixels.
const AXIS_H: f64 = 18.0;
/// One lane's height, in pixels.
const LANE_H: f64 = 18.0;
/// A bar's height within its lane.
const BAR_H: f64 = 12.0;
/// A bar is at least this share of the strip wide (4 pixels on an 800-pixel strip), so that a
/// short fault, or one that starts after the run, can still be seen and clicked.
const BAR_FRACTION_MIN: f64 = 0.005;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
    pub horizon_s: f64,
    /// The virtual time the run has reached.
    pub now_s: f64,
    /// Where a seek under way is going, until the run gets there.
    pub target_s: Option<f64>,
    pub faults: Rc<Vec<Fault>>,
    pub random_faults: Rc<Vec<RandomFault>>,
    pub selected_fault: Option<usize>,
    pub on_seek: Callback<f64>,
    pub on_select_fault: Callback<Option<usize>>,
}

/// The virtual time under the pointer, from the plot's position on the page.
fn time_under(event: &PointerEvent, plot: &web_sys::Element, horizon_s: f64) -> f64 {
    let rect = plot.get_bounding_client_rect();
    let (left, width) = (rect.left(), rect.width());
    if width <= 0.0 {
        return 0.0;
    }
    time_at((event.client_x() as f64 - left) / width, horizon_s)
}

#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let horizon_s = props.horizon_s;
    let plot_ref = use_node_ref();
    // The time under the pointer while a drag lasts.
    let scrub = use_state(|| None::<f64>);
    // Whether the pointer went down on the strip (not on a bar) and has not come up yet.
    let dragging = use_mut_ref(|| false);

    let on_down = {
        let plot_ref = plot_ref.clone();
        let scrub = scrub.clone();
        let dragging = dragging.clone();
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            let Some(plot) = plot_ref.cast::<web_sys::Element>() else {
                return;
            };
            let _ = plot.set_pointer_capture(event.pointer_id());
            *dragging.borrow_mut() = true;
            scrub.set(Some(time_under(&event, &plot, horizon_s)));
        })
    };
    let on_move = {
        let plot_ref = plot_ref.clone();
        let scrub = scrub.clone();
        let dragging = dragging.clone();
        Callback::from(move |event: PointerEvent| {
            if !*dragging.borrow() {
                return;
            }
            if let Some(plot) = plot_ref.cast::<web_sys::Element>() {
                scrub.set(Some(time_under(&event, &plot, horizon_s)));
            }
        })
    };
    let on_up = {
        let plot_ref = plot_ref.clone();
        let scrub = scrub.clone();
        let dragging = dragging.clone();
        let on_seek = props.on_seek.clone();
        Callback::from(move |event: PointerEvent| {
            if !dragging.replace(false) {
                return;
            }
            scrub.set(None);
            if let Some(plot) = plot_ref.cast::<web_sys::Element>() {
                on_seek.emit(time_under(&event, &plot, horizon_s));
            }
        })
    };
    let on_cancel = {
        let scrub = scrub.clone();
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| {
            *dragging.borrow_mut() = false;
            scrub.set(None);
        })
    };
    let on_key = {
        let on_seek = props.on_seek.clone();
        let on_select_fault = props.on_select_fault.clone();
        let from_s = props.target_s.unwrap_or(props.now_s);
        let selected = props.selected_fault;
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            if key == "Escape" && selected.is_some() {
                event.prevent_default();
                on_select_fault.emit(None);
                return;
            }
            if let Some(to_s) = seek_for_key(&key, from_s, horizon_s) {
                event.prevent_default();
                on_seek.emit(to_s);
            }
        })
    };

    let lanes = lanes(&props.faults, &props.random_faults, horizon_s);
    let rows = lanes.len().max(1);
    let height = AXIS_H + rows as f64 * LANE_H + 4.0;
    let now = fraction_of(props.now_s, horizon_s);
    let ghost_s = (*scrub).or(props.target_s);

    let tick_marks = ticks(horizon_s, TICKS_MAX).into_iter().map(|tick| {
        let x = fraction_of(tick.at_s, horizon_s);
        // The first and last labels stay inside the strip.
        // The playhead's label covers the tick label under it.
        let label = (!tick_label_under_now(x, now)).then_some(tick.label);
        let anchor = if x < 0.02 {
            "start"
        } else if x > 0.98 {
            "end"
        } else {
            "middle"
        };
        html! {
            <g class="timeline-tick">
                <line x1={percent(x)} x2={percent(x)} y1={(AXIS_H - 4.0).to_string()} y2="100%" />
                <text x={percent(x)} y={(AXIS_H - 6.0).to_string()} text-anchor={anchor}>{ label }</text>
            </g>
        }
    });

    let lane_views = lanes.iter().enumerate().map(|(row, lane)| {
        let top = AXIS_H + row as f64 * LANE_H;
        let bar_y = top + (LANE_H - BAR_H) / 2.0;
        let random = lane.random.iter().filter_map(|&index| {
            let fault = props.random_faults.get(index)?;
            let note = tf(
                lang,
                Key::FaultRandomNote,
                &[t(lang, kind_label(fault.kind)), &seconds_text(fault.mtbf_s), &seconds_text(fault.mttr_s)],
            );
            Some(html! {
                <rect class={classes!("timeline-random", kind_name(fault.kind))} x="0" width="100%"
                      y={bar_y.to_string()} height={BAR_H.to_string()} fill="url(#timeline-hatch)"
                      data-testid={format!("timeline-random-{index}")}>
                    <title>{ format!("{}: {note}", fault.target) }</title>
                </rect>
            })
        });
        let bars = lane.bars.iter().filter_map(|bar| {
            let fault = props.faults.get(bar.index)?;
            let selected = props.selected_fault == Some(bar.index);
            let width = (bar.end - bar.start).max(BAR_FRACTION_MIN);
            let start = bar.start.min(1.0 - width);
            let (x, w) = (percent(start), percent(width));
            let span = match fault.for_s {
                Some(_) => tf(
                    lang,
                    Key::FaultSpan,
                    &[&seconds_text(fault.at_s), &seconds_text(end_s(fault, horizon_s))],
                ),
                None => tf(lang, Key::FaultSpanToEnd, &[&seconds_text(fault.at_s)]),
            };
            let title = format!("{} · {} · {span}", t(lang, kind_label(fault.kind)), fault.target);
            let onpointerdown = {
                let on_select_fault = props.on_select_fault.clone();
                let index = bar.index;
                Callback::from(move |event: PointerEvent| {
                    if event.button() != 0 {
                        return;
                    }
                    // A click on a bar selects it; it does not also seek.
                    event.stop_propagation();
                    on_select_fault.emit(if selected { None } else { Some(index) });
                })
            };
            Some(html! {
                <rect class={classes!("fault-bar", kind_name(fault.kind), selected.then_some("selected"))}
                      x={x} width={w} y={bar_y.to_string()} height={BAR_H.to_string()} rx="3"
                      data-testid={format!("timeline-fault-{}", bar.index)}
                      data-kind={kind_name(fault.kind)} data-target={fault.target.clone()}
                      onpointerdown={onpointerdown}>
                    <title>{ title }</title>
                </rect>
            })
        });
        html! {
            <g class="timeline-lane">
                if row % 2 == 1 {
                    <rect class="timeline-lane-band" x="0" width="100%" y={top.to_string()} height={LANE_H.to_string()} />
                }
                { for random }
                { for bars }
            </g>
        }
    });

    let labels = lanes.iter().map(|lane| {
        html! { <div class="timeline-lane-label" title={lane.target.clone()}>{ lane.target.clone() }</div> }
    });

    let ghost = ghost_s.map(|to_s| {
        let x = percent(fraction_of(to_s, horizon_s));
        html! {
            <g class="timeline-ghost" data-testid="seek-ghost" data-t-s={to_s.to_string()}>
                <line x1={x.clone()} x2={x} y1="0" y2="100%" />
                <title>{ tf(lang, Key::TimelineSeeking, &[&seconds_text(to_s)]) }</title>
            </g>
        }
    });

    let now_label = tf(lang, Key::TimelineNow, &[&seconds_text(props.now_s)]);
    let now_anchor = if now_label_left(now) { "end" } else { "start" };
    let now_dx = if now_label_left(now) { "-4" } else { "4" };
    html! {
        <div class="timeline" data-testid="timeline" tabindex="0" role="slider"
             aria-label={t(lang, Key::Timeline)} aria-valuemin="0" aria-valuemax={horizon_s.to_string()}
             aria-valuenow={props.now_s.to_string()} aria-valuetext={now_label.clone()}
             title={t(lang, Key::TimelineKeys)} onkeydown={on_key}>
            <div class="timeline-labels" style={format!("padding-top: {AXIS_H}px")}>
                { for labels }
            </div>
            <svg ref={plot_ref} class="timeline-plot" xmlns="http://www.w3.org/2000/svg"
                 height={height.to_string()}
                 onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up}
                 onpointercancel={on_cancel}>
                <defs>
                    <pattern id="timeline-hatch" width="6" height="6" patternUnits="userSpaceOnUse"
                             patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="6" class="timeline-hatch-line" />
                    </pattern>
                </defs>
                <rect class="timeline-done" x="0" y="0" width={percent(now)} height="100%" />
                { for tick_marks }
                { for lane_views }
                { for ghost }
                <g class="playhead" data-testid="playhead" data-t-s={props.now_s.to_string()}>
                    <line x1={percent(now)} x2={percent(now)} y1="0" y2="100%" />
                    <text x={percent(now)} dx={now_dx} y={(AXIS_H - 6.0).to_string()} text-anchor={now_anchor}>{ now_label }</text>
                </g>
            </svg>
        </div>
    }
}

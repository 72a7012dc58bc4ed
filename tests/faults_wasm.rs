//! The timeline and the fault editor rendered in headless Chromium: what they draw (lanes,
//! bars, playhead, ghost, rows, the add form) and what they send out for clicks, drags, keys
//! and typed values.
//!
//! `cargo test --target wasm32-unknown-unknown -p mqlab-web --test faults_wasm`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use mqlab_scenario::{validate, Fault, FaultKind, RandomFault, Scenario};
use mqlab_web::editor::faults::new_fault;
use mqlab_web::editor::{add, blank, connect, ComponentKind, Edit};
use mqlab_web::i18n::Lang;
use mqlab_web::lab::faults_panel::{FaultsPanel, FaultsPanelProps};
use mqlab_web::lab::timeline::{Timeline, TimelineProps};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function mount() {
    const el = document.createElement('div');
    el.style.width = '900px';
    document.body.appendChild(el);
    return el;
}
export function pointer(el, type, clientX) {
    el.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, clientX, clientY: 0, button: 0, pointerId: 1, isPrimary: true }));
}
export function key(el, k) {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
}
export function left_and_width(el) {
    const r = el.getBoundingClientRect();
    return [r.left, r.width];
}
export function change(el, value) {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
}
export function click(el) { el.click(); }
export function value(el) { return el.value; }
export function texts(root, selector) {
    return Array.from(root.querySelectorAll(selector)).map(e => e.textContent).join('|');
}
"#)]
extern "C" {
    fn mount() -> Element;
    fn pointer(element: &Element, kind: &str, client_x: f64);
    fn key(element: &Element, key: &str);
    fn left_and_width(element: &Element) -> Vec<f64>;
    fn change(element: &Element, value: &str);
    fn click(element: &Element);
    fn value(element: &Element) -> String;
    fn texts(root: &Element, selector: &str) -> String;
}

/// Lets Yew's scheduler render what the last event changed.
async fn settle() {
    for _ in 0..3 {
        yew::platform::time::sleep(Duration::from_millis(0)).await;
    }
}

fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element with data-testid {testid}"))
}

fn absent(root: &Element, testid: &str) -> bool {
    root.query_selector(&format!("[data-testid=\"{testid}\"]")).ok().flatten().is_none()
}

fn attr(element: &Element, name: &str) -> String {
    element.get_attribute(name).unwrap_or_default()
}

/// Records what a callback was called with.
fn recorder<T: 'static>() -> (Rc<RefCell<Vec<T>>>, Callback<T>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    (seen, Callback::from(move |value: T| sink.borrow_mut().push(value)))
}

fn timed(at_s: f64, for_s: Option<f64>, kind: FaultKind, target: &str) -> Fault {
    Fault { for_s, ..new_fault(kind, target, at_s) }
}

fn timeline_faults() -> Vec<Fault> {
    vec![
        timed(10.0, Some(10.0), FaultKind::CrashNode, "n1"),
        timed(30.0, None, FaultKind::CrashConsumer, "c1"),
        timed(45.0, Some(5.0), FaultKind::SlowDisk, "n1"),
    ]
}

#[wasm_bindgen_test]
async fn the_timeline_draws_lanes_bars_the_playhead_and_the_seek_under_way() {
    let root = mount();
    let (_, on_seek) = recorder::<f64>();
    let (_, on_select_fault) = recorder::<Option<usize>>();
    let props = TimelineProps {
        lang: Lang::En,
        horizon_s: 60.0,
        now_s: 15.0,
        target_s: Some(30.0),
        faults: Rc::new(timeline_faults()),
        random_faults: Rc::new(vec![RandomFault {
            kind: FaultKind::PartitionLink,
            target: "p1".into(),
            mtbf_s: 20.0,
            mttr_s: 2.0,
            probability: None,
            factor: None,
        }]),
        selected_fault: Some(2),
        on_seek,
        on_select_fault,
    };
    let app = yew::Renderer::<Timeline>::with_root_and_props(root.clone(), props).render();
    settle().await;

    find(&root, "timeline");
    assert_eq!(attr(&find(&root, "playhead"), "data-t-s"), "15");
    assert_eq!(attr(&find(&root, "seek-ghost"), "data-t-s"), "30");
    assert_eq!(texts(&root, ".timeline-lane-label"), "n1|c1|p1");
    assert_eq!(texts(&root, ".timeline-tick text"), "0|10|20|30|40|50|60");
    let first = find(&root, "timeline-fault-0");
    assert_eq!((attr(&first, "data-kind"), attr(&first, "data-target")), ("crash_node".into(), "n1".into()));
    assert_eq!((attr(&first, "x"), attr(&first, "width")), ("16.667%".into(), "16.667%".into()));
    // No end: to the end of the run.
    let open = find(&root, "timeline-fault-1");
    assert_eq!((attr(&open, "x"), attr(&open, "width")), ("50%".into(), "50%".into()));
    assert!(attr(&find(&root, "timeline-fault-2"), "class").contains("selected"));
    assert!(!attr(&first, "class").contains("selected"));
    let random = find(&root, "timeline-random-0");
    assert!(random.text_content().unwrap_or_default().contains("about every 20 s"));
    assert!(root.query_selector(".timeline-done").ok().flatten().is_some());
    app.destroy();
}

#[wasm_bindgen_test]
async fn clicks_drags_and_keys_seek_and_a_bar_click_selects() {
    let root = mount();
    let (seeks, on_seek) = recorder::<f64>();
    let (selections, on_select_fault) = recorder::<Option<usize>>();
    let props = TimelineProps {
        lang: Lang::Zh,
        horizon_s: 60.0,
        now_s: 15.0,
        target_s: None,
        faults: Rc::new(timeline_faults()),
        random_faults: Rc::new(Vec::new()),
        selected_fault: Some(1),
        on_seek,
        on_select_fault,
    };
    let app = yew::Renderer::<Timeline>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let plot = root.query_selector(".timeline-plot").unwrap().unwrap();
    let rect = left_and_width(&plot);
    let at = |fraction: f64| rect[0] + rect[1] * fraction;

    // A drag shows a ghost while it lasts and seeks once, where it ends.
    pointer(&plot, "pointerdown", at(0.25));
    settle().await;
    pointer(&plot, "pointermove", at(0.5));
    settle().await;
    let ghost_s: f64 = attr(&find(&root, "seek-ghost"), "data-t-s").parse().unwrap();
    assert!((ghost_s - 30.0).abs() < 0.2, "ghost at {ghost_s}");
    assert!(seeks.borrow().is_empty(), "no seek before the pointer comes up");
    pointer(&plot, "pointerup", at(0.75));
    settle().await;
    assert_eq!(seeks.borrow().len(), 1);
    assert!((seeks.borrow()[0] - 45.0).abs() < 0.2, "{:?}", seeks.borrow());
    assert!(absent(&root, "seek-ghost"));
    // Beyond the strip: the end of the run.
    pointer(&plot, "pointerdown", at(1.3));
    pointer(&plot, "pointerup", at(1.3));
    settle().await;
    assert_eq!(seeks.borrow()[1], 60.0);

    // A click on a bar selects it and does not seek.
    let bar = find(&root, "timeline-fault-0");
    pointer(&bar, "pointerdown", at(0.2));
    pointer(&bar, "pointerup", at(0.2));
    settle().await;
    assert_eq!(*selections.borrow(), [Some(0)]);
    assert_eq!(seeks.borrow().len(), 2);

    let strip = find(&root, "timeline");
    for (pressed, expected) in [("ArrowRight", 15.6), ("ArrowLeft", 14.4), ("Home", 0.0), ("End", 60.0)] {
        key(&strip, pressed);
        settle().await;
        let last = *seeks.borrow().last().unwrap();
        assert!((last - expected).abs() < 1e-9, "{pressed}: {last}");
    }
    key(&strip, "Escape");
    settle().await;
    assert_eq!(*selections.borrow(), [Some(0), None]);
    assert_eq!(seeks.borrow().len(), 6);
    app.destroy();
}

/// n1, p1 → x1 → q1 → c1, with the faults given.
fn scenario(faults: Vec<Fault>) -> Scenario {
    let mut s = blank(Lang::En);
    add(&mut s, ComponentKind::Node, (0.0, 0.0)).unwrap();
    let p = add(&mut s, ComponentKind::Producer, (0.0, 0.0)).unwrap();
    let x = add(&mut s, ComponentKind::Exchange, (0.0, 0.0)).unwrap();
    let q = add(&mut s, ComponentKind::Queue, (0.0, 0.0)).unwrap();
    let c = add(&mut s, ComponentKind::Consumer, (0.0, 0.0)).unwrap();
    connect(&mut s, &p, &x).unwrap();
    connect(&mut s, &x, &q).unwrap();
    connect(&mut s, &q, &c).unwrap();
    s.faults = faults;
    s
}

fn panel_props(
    s: Scenario,
    selected_fault: Option<usize>,
) -> (FaultsPanelProps, Rc<RefCell<Vec<Edit>>>, Rc<RefCell<Vec<Option<usize>>>>) {
    let (edits, on_edit) = recorder::<Edit>();
    let (selections, on_select_fault) = recorder::<Option<usize>>();
    let errors = Rc::new(validate(&s).err());
    let props =
        FaultsPanelProps { lang: Lang::En, scenario: Rc::new(s), selected_fault, errors, on_edit, on_select_fault };
    (props, edits, selections)
}

#[wasm_bindgen_test]
async fn the_fault_list_edits_adds_and_removes_and_refuses_at_the_field() {
    let root = mount();
    let s = scenario(vec![
        timed(10.0, Some(5.0), FaultKind::CrashNode, "n1"),
        // Left without its probability, as a hand-written file might: the validator's error
        // is shown at the field.
        Fault { probability: None, ..timed(30.0, Some(1.0), FaultKind::LinkLoss, "p1") },
    ]);
    let (props, edits, selections) = panel_props(s, None);
    let app = yew::Renderer::<FaultsPanel>::with_root_and_props(root.clone(), props).render();
    settle().await;

    find(&root, "faults-panel");
    find(&root, "fault-row-0");
    assert!(find(&root, "fault-probability-1-error")
        .text_content()
        .unwrap_or_default()
        .contains("needs the probability"));

    change(&find(&root, "fault-for-0"), "");
    settle().await;
    assert_eq!(
        edits.borrow().last(),
        Some(&Edit::SetFault { index: 0, fault: timed(10.0, None, FaultKind::CrashNode, "n1") })
    );
    // After the end of the run: refused at the field, nothing goes out.
    change(&find(&root, "fault-at-0"), "70");
    settle().await;
    assert_eq!(edits.borrow().len(), 1);
    assert_eq!(
        find(&root, "fault-at-0-error").text_content().unwrap_or_default(),
        "A fault starts during the run: between 0 and 60 s, not at 70 s."
    );

    // The add form: a node crash on n1 a third into the run, then a link fault instead.
    assert_eq!(value(&find(&root, "fault-at")), "20");
    change(&find(&root, "fault-kind"), "link_loss");
    settle().await;
    assert_eq!(texts(&root, "[data-testid=fault-target] option"), "p1|c1");
    change(&find(&root, "fault-target"), "c1");
    change(&find(&root, "fault-for"), "2.5");
    settle().await;
    click(&find(&root, "fault-add"));
    settle().await;
    assert_eq!(edits.borrow().last(), Some(&Edit::AddFault(timed(20.0, Some(2.5), FaultKind::LinkLoss, "c1"))));

    click(&find(&root, "fault-remove-1"));
    settle().await;
    assert_eq!(edits.borrow().last(), Some(&Edit::RemoveFault { index: 1 }));
    assert!(selections.borrow().is_empty());
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_selected_fault_is_edited_in_the_inspectors_place_and_the_selection_follows_it() {
    let root = mount();
    let s = scenario(vec![
        timed(10.0, Some(5.0), FaultKind::CrashNode, "n1"),
        timed(30.0, None, FaultKind::CrashConsumer, "c1"),
    ]);
    let (props, edits, selections) = panel_props(s, Some(0));
    let app = yew::Renderer::<FaultsPanel>::with_root_and_props(root.clone(), props).render();
    settle().await;

    find(&root, "fault-detail");
    assert!(absent(&root, "fault-row-0"));
    assert!(absent(&root, "fault-add"));
    change(&find(&root, "fault-at-0"), "40");
    settle().await;
    assert_eq!(
        *edits.borrow(),
        [Edit::SetFault { index: 0, fault: timed(40.0, Some(5.0), FaultKind::CrashNode, "n1") }]
    );
    assert_eq!(*selections.borrow(), [Some(1)], "the fault moved after the consumer crash");
    click(&find(&root, "fault-back"));
    settle().await;
    assert_eq!(selections.borrow().last(), Some(&None));
    app.destroy();
}

//! The messages panel in headless Chromium: a real run's lists and a real trace drawn, an id
//! button and the trace field emitting picks, a bad id refused at the field, and the loading,
//! not-found and failed states.
//!
//! `cargo test --target wasm32-unknown-unknown -p mqlab-web --test messages_panel_wasm`
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::Callback;

use mqlab_web::i18n::Lang;
use mqlab_web::lab::messages_panel::{MessagesPanel, MessagesPanelProps};
use mqlab_web::message_life::{MessageLists, Notable, TraceState};
use mqlab_web::sim_worker::protocol::TraceView;

wasm_bindgen_test_configure!(run_in_browser);

const PRESET: &str = "09-loss-broker-crash-transient";

fn report() -> Value {
    let scenario = mqlab_scenario::presets::get(PRESET).unwrap();
    mqlab_scenario::report_to_json(&mqlab_scenario::run(&scenario, None).unwrap())
}

fn trace(id: u64) -> TraceView {
    let scenario = mqlab_scenario::presets::get(PRESET).unwrap();
    TraceView::from(&mqlab_scenario::trace(&scenario, id, None).unwrap())
}

/// Mounts the panel in a fresh element; returns it and the ids it was asked to trace.
async fn mount(lang: Lang, report: Rc<Value>, trace: TraceState) -> (Element, Rc<RefCell<Vec<u64>>>) {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let picks = Rc::new(RefCell::new(Vec::new()));
    let props = MessagesPanelProps {
        lang,
        report: Some(report),
        trace,
        on_pick: {
            let picks = picks.clone();
            Callback::from(move |id| picks.borrow_mut().push(id))
        },
        on_close: Callback::noop(),
    };
    yew::Renderer::<MessagesPanel>::with_root_and_props(root.clone(), props).render();
    settle().await;
    (root, picks)
}

/// Lets Yew render what the last event scheduled.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

fn one(root: &Element, test_id: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid=\"{test_id}\"]")).unwrap()
}

fn click(element: &Element) {
    element.dyn_ref::<HtmlElement>().unwrap().click();
}

/// Types into the trace field as a learner would: the value, then an `input` event.
fn type_id(root: &Element, text: &str) {
    let input: HtmlInputElement = one(root, "trace-id").unwrap().dyn_into().unwrap();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn press_enter(root: &Element) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    one(root, "trace-id").unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn a_lost_message_is_listed_and_its_life_drawn() {
    let report = Rc::new(report());
    let lists = MessageLists::from_report_json(&report).unwrap();
    let lost = lists.group(Notable::Lost).unwrap().clone();
    let first = lost.messages[0].id;
    let traced = trace(first);
    let (root, picks) = mount(Lang::En, report, TraceState::Ready(Rc::new(traced.clone()))).await;

    assert!(one(&root, "messages").is_some());
    // The lost tab opens first: this run lost messages.
    let buttons = all(&root, "[data-testid^=\"message-\"]");
    assert_eq!(buttons.len(), lost.messages.len());
    assert_eq!(all(&root, ".message-id .cause-chip").len(), lost.messages.len());
    assert_eq!(buttons[0].get_attribute("data-cause").as_deref(), Some("broker_crash"));

    let events = all(&root, "[data-testid=\"trace-event\"]");
    assert_eq!(events.len(), traced.events.len());
    let kinds: Vec<String> = events.iter().map(|e| e.get_attribute("data-kind").unwrap()).collect();
    assert_eq!(kinds, ["created", "sent", "queued", "confirmed", "crashed"]);
    let heights: Vec<String> = all(&root, "[data-testid=\"trace-event\"] .life-gap")
        .iter()
        .map(|bar| bar.get_attribute("style").unwrap())
        .collect();
    assert_ne!(heights.first(), heights.last(), "the bars follow the gaps: {heights:?}");
    let end = one(&root, "trace-outcome").unwrap();
    assert_eq!(end.get_attribute("data-outcome").as_deref(), Some("lost"));
    assert_eq!(end.get_attribute("data-cause").as_deref(), Some("broker_crash"));
    // Where and when: the node that crashed, at the crash's time.
    let place = end.query_selector(".life-place").unwrap().unwrap().text_content().unwrap();
    assert_eq!(place, "broker");
    let crash_ms = mqlab_web::message_life::ms_3(traced.events[4].t_us);
    assert!(end.text_content().unwrap().contains(&crash_ms), "{:?}", end.text_content());

    // Picking: a list button, then the field with Enter and with the button.
    click(&buttons[1]);
    assert_eq!(*picks.borrow(), [lost.messages[1].id]);
    settle().await;
    type_id(&root, " #7 ");
    settle().await;
    press_enter(&root);
    type_id(&root, "12");
    settle().await;
    click(&one(&root, "trace-go").unwrap());
    assert_eq!(*picks.borrow(), [lost.messages[1].id, 7, 12]);

    // A bad id is refused at the field, and nothing is picked.
    type_id(&root, "-3");
    settle().await;
    click(&one(&root, "trace-go").unwrap());
    settle().await;
    let problem = one(&root, "trace-id-problem").expect("the field says what is wrong");
    assert!(problem.text_content().unwrap().contains("whole number"));
    assert_eq!(picks.borrow().len(), 3);
    type_id(&root, "3");
    settle().await;
    assert!(one(&root, "trace-id-problem").is_none(), "typing clears the complaint");

    // Another tab shows its own ids.
    click(&one(&root, "messages-tab-out_of_order").unwrap());
    settle().await;
    let out_of_order = lists.group(Notable::OutOfOrder).unwrap();
    assert_eq!(all(&root, "[data-testid^=\"message-\"]").len(), out_of_order.messages.len());
}

#[wasm_bindgen_test]
async fn a_life_reads_in_chinese_and_in_english_as_mqlab_trace_prints_it() {
    let report = Rc::new(report());
    let lists = MessageLists::from_report_json(&report).unwrap();
    let id = lists.group(Notable::Lost).unwrap().messages[0].id;
    let scenario = mqlab_scenario::presets::get(PRESET).unwrap();
    let engine_trace = mqlab_scenario::trace(&scenario, id, None).unwrap();
    let traced = Rc::new(TraceView::from(&engine_trace));
    let sentences = |root: &Element| -> Vec<String> {
        all(root, "[data-testid=\"trace-event\"] .life-sentence").iter().map(|s| s.text_content().unwrap()).collect()
    };

    let (root, _) = mount(Lang::En, report.clone(), TraceState::Ready(traced.clone())).await;
    let english: Vec<String> = engine_trace.events.iter().map(|e| e.what.to_string()).collect();
    assert_eq!(sentences(&root), english);

    let (root, _) = mount(Lang::Zh, report, TraceState::Ready(traced)).await;
    let chinese = sentences(&root);
    assert_eq!(chinese.len(), english.len());
    for sentence in &chinese {
        assert!(sentence.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{chinese:?}");
    }
    assert!(chinese[0].contains("生产者"), "{chinese:?}");
}

#[wasm_bindgen_test]
async fn loading_not_found_and_failed_say_so_in_chinese() {
    let report = Rc::new(report());
    let (root, _) = mount(Lang::Zh, report.clone(), TraceState::Loading(42)).await;
    let loading = one(&root, "trace-loading").unwrap().text_content().unwrap();
    assert!(loading.contains("#42") && loading.contains("追踪"), "{loading}");
    assert!(one(&root, "messages-tab-lost").unwrap().text_content().unwrap().contains("丢失"));

    let missing = Rc::new(trace(u64::MAX));
    let (root, _) = mount(Lang::Zh, report.clone(), TraceState::Ready(missing)).await;
    assert!(one(&root, "trace-not-found").is_some());
    assert!(one(&root, "trace-outcome").is_none());

    let failed = TraceState::Failed { message_id: 5, message: "the worker crashed".into() };
    let (root, _) = mount(Lang::En, report, failed).await;
    let text = one(&root, "trace-failed").unwrap().text_content().unwrap();
    assert!(text.contains("#5") && text.contains("the worker crashed"), "{text}");
}

#[wasm_bindgen_test]
async fn an_unreadable_report_is_named_not_a_blank_panel() {
    let (root, _) = mount(Lang::En, Rc::new(serde_json::json!({"totals": {}})), TraceState::None).await;
    let text = root.text_content().unwrap();
    assert!(text.contains("examples: missing"), "{text}");
    assert!(one(&root, "trace-id").is_some(), "the trace field still works");
}

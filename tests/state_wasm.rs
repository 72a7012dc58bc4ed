//! The app's reducer (`mqlab_web::state`) in headless Chromium: which edits keep a run and which
//! send it back to idle, compare mode's fork, switch and end, and the fault selection.
//!
//! `cargo test --target wasm32-unknown-unknown -p mqlab-web --test state_wasm`.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use mqlab_scenario::schema::FaultKind;
use mqlab_web::editor::{ComponentKind, ComponentRef, Edit};
use mqlab_web::i18n::Lang;
use mqlab_web::live::RunId;
use mqlab_web::sim_worker::RunState;
use mqlab_web::state::{Action, AppState, Selection};
use serde_json::json;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const PRESET: &str = "09-loss-broker-crash-transient";

fn opened() -> Rc<AppState> {
    let scenario = mqlab_scenario::presets::get(PRESET).expect("preset");
    Rc::new(AppState::new(scenario, Lang::En, Some(PRESET.into()), None))
}

fn act(state: Rc<AppState>, actions: Vec<Action>) -> Rc<AppState> {
    actions.into_iter().fold(state, |s, a| s.reduce(a))
}

fn persistent_on() -> Action {
    Action::SetField {
        component: Some(ComponentRef::new(ComponentKind::Producer, "producer")),
        key: "persistent".into(),
        value: json!(true),
    }
}

#[wasm_bindgen_test]
fn an_edit_sends_the_run_back_to_idle_but_a_fault_switched_now_keeps_it() {
    let running = act(opened(), vec![Action::Phase(RunState::Paused)]);
    assert_eq!(running.revision, 0, "opening writes nothing");

    let toggled = act(
        running.clone(),
        vec![Action::Edit(Edit::ToggleFault { kind: FaultKind::CrashConsumer, target: "consumer".into(), now_s: 5.0 })],
    );
    assert_eq!(toggled.revision, 1);
    assert_eq!(toggled.phase, RunState::Paused, "the run goes on from the same moment");
    assert_eq!(toggled.keep_run, Some(1));
    assert_eq!(toggled.scenario().faults.len(), running.scenario().faults.len() + 1);

    let edited = act(toggled, vec![persistent_on()]);
    assert_eq!(edited.revision, 2);
    assert_eq!(edited.phase, RunState::Idle, "any other edit: the run described the old scenario");
    assert_eq!(edited.keep_run, None);

    // Idle, a fault edit is an edit like any other.
    let idle_toggle = act(
        opened(),
        vec![Action::Edit(Edit::ToggleFault { kind: FaultKind::CrashConsumer, target: "consumer".into(), now_s: 5.0 })],
    );
    assert_eq!(idle_toggle.keep_run, None);
}

#[wasm_bindgen_test]
fn a_selected_fault_is_deleted_with_the_delete_key_and_goes_when_its_fault_does() {
    let state = act(
        opened(),
        vec![Action::Edit(Edit::ToggleFault { kind: FaultKind::CrashConsumer, target: "consumer".into(), now_s: 5.0 })],
    );
    let index = state.scenario().faults.iter().position(|f| f.target == "consumer").expect("the new fault");
    let selected = act(state.clone(), vec![Action::Select(Selection::Fault(index))]);
    let deleted = act(selected, vec![Action::DeleteSelected]);
    assert_eq!(deleted.scenario().faults.len(), state.scenario().faults.len() - 1);
    assert_eq!(deleted.selection, Selection::None);
    let undone = act(deleted, vec![Action::Undo]);
    assert_eq!(undone.scenario().faults.len(), state.scenario().faults.len(), "undo brings it back");
}

#[wasm_bindgen_test]
fn compare_mode_forks_b_edits_it_alone_and_can_keep_either() {
    let forked = act(opened(), vec![Action::Phase(RunState::Finished), Action::Fork]);
    assert_eq!(forked.editing(), RunId::B);
    assert_eq!(forked.scenario_b(), Some(forked.scenario_a()), "B starts as a copy of A");
    assert_eq!(forked.phase, RunState::Idle, "the runs start over as a pair");

    let b_persistent = act(forked, vec![persistent_on()]);
    assert!(b_persistent.scenario_b().unwrap().producers[0].persistent);
    assert!(!b_persistent.scenario_a().producers[0].persistent, "A is untouched");
    assert!(!b_persistent.doc().can_redo());

    // Switching what the canvas edits changes no scenario and keeps the runs.
    let on_a = act(b_persistent.clone(), vec![Action::Phase(RunState::Finished), Action::EditRun(RunId::A)]);
    assert_eq!(on_a.revision, b_persistent.revision);
    assert_eq!(on_a.phase, RunState::Finished);
    assert!(!on_a.scenario().producers[0].persistent, "the canvas shows A");
    assert!(!on_a.doc().can_undo(), "A has its own history");

    let left = act(on_a.clone(), vec![Action::EndCompare { keep_b: false }]);
    assert!(left.compare.is_none());
    assert!(!left.scenario().producers[0].persistent, "leaving keeps A");

    let kept_b = act(on_a, vec![Action::EndCompare { keep_b: true }]);
    assert!(kept_b.compare.is_none());
    assert!(kept_b.scenario().producers[0].persistent, "keeping B makes it the scenario");
    let undone = act(kept_b, vec![Action::Undo]);
    assert!(!undone.scenario().producers[0].persistent, "and that is undoable");
}

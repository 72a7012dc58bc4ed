//! Compare mode's pure parts: what B changes from A (`editor::compare`) and the table of
//! totals side by side (`charts::compare_rows`).
#![cfg(not(target_arch = "wasm32"))]

use mqlab_scenario::schema::Confirm;
use mqlab_web::charts::compare_rows;
use mqlab_web::editor::compare::{differences, Difference};

fn preset(name: &str) -> mqlab_scenario::Scenario {
    mqlab_scenario::presets::get(name).expect("preset")
}

#[test]
fn a_fork_differs_in_nothing_until_a_switch_changes() {
    let a = preset("09-loss-no-confirms");
    let mut b = a.clone();
    assert_eq!(differences(&a, &b), vec![]);
    // Moving a box, renaming the scenario: not settings.
    b.layout.insert("anything".into(), mqlab_scenario::schema::Position { x: 1.0, y: 2.0 });
    b.name = "B".into();
    assert_eq!(differences(&a, &b), vec![]);
    b.producers[0].confirm = Confirm::PublisherConfirms;
    let id = b.producers[0].id.clone();
    let found = differences(&a, &b);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, format!("producers[{id}].confirm"));
    assert_eq!(found[0].b.as_deref(), Some("publisher_confirms"));
}

#[test]
fn components_are_matched_by_id_not_by_place() {
    let a = preset("04-one-of-four-fails");
    let mut b = a.clone();
    b.consumers.reverse();
    assert_eq!(differences(&a, &b), vec![], "the same consumers in another order");
    let gone = b.consumers.pop().expect("a consumer");
    let found = differences(&a, &b);
    assert_eq!(
        found.iter().filter(|d| d.path == format!("consumers[{}]", gone.id)).collect::<Vec<_>>(),
        vec![&Difference { path: format!("consumers[{}]", gone.id), a: found[0].a.clone(), b: None }]
    );
}

#[test]
fn the_table_has_every_total_of_both_runs_and_their_difference() {
    let run = |name: &str| {
        let report = mqlab_scenario::run(&preset(name), None).expect("runs");
        mqlab_scenario::report_to_json(&report)
    };
    let (a, b) = (run("09-loss-broker-crash-transient"), run("09-durable-persistent-confirms-no-loss"));
    let rows = compare_rows(&a, &b);
    let lost = rows.iter().find(|r| r.name == "lost_msgs").expect("lost row");
    let lost_a = a["totals"]["lost"].as_u64().unwrap();
    assert!(lost_a > 0);
    assert_eq!(lost.a.as_ref().and_then(|v| v.as_u64()), Some(lost_a));
    assert_eq!(lost.b.as_ref().and_then(|v| v.as_u64()), Some(0));
    assert_eq!(lost.b_minus_a, format!("-{lost_a}"));
    for name in mqlab_web::report_view::TOTAL_NAMES {
        assert!(rows.iter().any(|r| r.name == format!("{name}_msgs")), "{name}");
    }
}

//! The canvas editor's core, natively: pipelines built by calls alone, every refused wire,
//! cascades of rename and delete, undo/redo, drag coalescing, automatic layout of every preset,
//! errors at their fields, and the inspector's catalogue against the schema.

use std::collections::BTreeSet;

use mqlab_scenario::{
    parse, presets, to_json, validate, Ack, Confirm, Consumer, Exchange, ExchangeKind, HeadersMatch, Idempotency, Link,
    LinkPartition, Node, Overflow, Placement, Producer, Queue, RateShape, RateStep, Scenario, Service,
};
use mqlab_web::editor::components::{all, kind_of};
use mqlab_web::editor::fields::{field, Input};
use mqlab_web::editor::history::History;
use mqlab_web::editor::layout::{column, COLUMN_GAP, LEFT_X};
use mqlab_web::editor::values::visible;
use mqlab_web::editor::{
    add, auto_layout, blank, connect, delete, disconnect, ensure_layout, errors_at, fields, get_field,
    get_scenario_field, locate, move_to, rebind, rename, scenario_fields, set_binding_key, set_field,
    set_scenario_field, wires, Applied, ComponentKind, ComponentRef, Document, Edit, EditError, ErrorPlace, WireKind,
    WireRefusal,
};
use mqlab_web::i18n::{t, Lang};
use serde_json::{json, Value};

use ComponentKind::{Consumer as C, Exchange as X, Node as N, Producer as P, Queue as Q};

fn set(s: &mut Scenario, component: &ComponentRef, key: &str, value: Value) {
    if let Err(error) = set_field(s, component, key, value.clone()) {
        panic!("{}.{key} = {value}: {error}", component.id);
    }
}

fn set_top(s: &mut Scenario, key: &str, value: Value) {
    if let Err(error) = set_scenario_field(s, key, value.clone()) {
        panic!("{key} = {value}: {error}");
    }
}

fn wire(s: &mut Scenario, from: &ComponentRef, to: &ComponentRef) {
    if let Err(refusal) = connect(s, from, to) {
        panic!("{} → {}: {}", from.id, to.id, t(Lang::En, refusal.key()));
    }
}

fn preset(name: &str) -> Scenario {
    presets::get(name).unwrap_or_else(|| panic!("no preset {name}"))
}

/// A blank scenario with one of each kind, wired producer → exchange → queue → consumer.
fn pipeline() -> (Scenario, [ComponentRef; 5]) {
    let mut s = blank(Lang::En);
    let n = add(&mut s, N, (380.0, 220.0)).unwrap();
    let p = add(&mut s, P, (80.0, 100.0)).unwrap();
    let x = add(&mut s, X, (280.0, 100.0)).unwrap();
    let q = add(&mut s, Q, (480.0, 100.0)).unwrap();
    let c = add(&mut s, C, (680.0, 100.0)).unwrap();
    wire(&mut s, &p, &x);
    wire(&mut s, &x, &q);
    wire(&mut s, &q, &c);
    (s, [n, p, x, q, c])
}

/// Builds a preset's one-line pipeline from a blank canvas by editor calls only and returns it
/// with the preset's name, description and layout copied over by calls too.
fn one_line_from_blank(target: &Scenario, settings: impl FnOnce(&mut Scenario, &[ComponentRef; 5])) -> Scenario {
    let (mut s, refs) = pipeline();
    let ids = [
        &target.nodes[0].id,
        &target.producers[0].id,
        &target.exchanges[0].id,
        &target.queues[0].id,
        &target.consumers[0].id,
    ];
    let mut renamed = Vec::new();
    for (component, id) in refs.iter().zip(ids) {
        renamed.push(rename(&mut s, component, id).unwrap());
    }
    let refs: [ComponentRef; 5] = renamed.try_into().unwrap();
    set_top(&mut s, "name", json!(target.name));
    set_top(&mut s, "description", json!(target.description));
    set_top(&mut s, "seed", json!(target.seed));
    set_top(&mut s, "horizon_s", json!(target.horizon_s));
    set_top(&mut s, "bucket_ms", json!(target.bucket_ms));
    settings(&mut s, &refs);
    for component in &refs {
        let at = target.layout[&component.id];
        move_to(&mut s, component, (at.x, at.y)).unwrap();
    }
    s
}

#[test]
fn peak_shaving_is_built_from_a_blank_canvas_by_calls_alone() {
    let target = preset("02-peak-shaving");
    let s = one_line_from_blank(&target, |s, [_, p, x, q, c]| {
        set(s, x, "kind", json!("direct"));
        set(s, p, "shape", json!("bursts"));
        set(s, p, "rate_per_s", json!(100));
        set(s, p, "burst_rate_per_s", json!("1000"));
        set(s, p, "first_s", json!(10));
        set(s, p, "burst_s", json!(5));
        set(s, p, "persistent", json!(true));
        set(s, p, "confirm", json!("publisher_confirms"));
        set(s, p, "max_in_flight", json!(5000.0));
        set(s, q, "durable", json!(true));
        set(s, c, "prefetch", json!(20));
        set(s, c, "service.dist", json!("constant"));
        set(s, c, "service.ms", json!(4));
    });
    assert_eq!(s, target, "built:\n{}", to_json(&s));
    let report = mqlab_scenario::run(&s, None).expect("it validates and runs");
    assert_eq!(report.totals.lost, 0, "peak shaving loses nothing");
    assert!(report.totals.processed > 9_000, "{:?}", report.totals);
    let depth_max = report.queues[0].depth_max;
    assert!(depth_max > 3_000, "the queue absorbs the burst: depth max {depth_max}");
}

#[test]
fn loss_without_confirms_is_built_from_a_blank_canvas_by_calls_alone() {
    let target = preset("09-loss-no-confirms");
    let s = one_line_from_blank(&target, |s, [n, p, _, _, c]| {
        set(s, n, "fsync_ms", json!(2));
        set(s, p, "rate_per_s", json!(1000));
        set(s, p, "link.latency_ms", json!("1"));
        set(s, p, "link.loss_probability", json!(0.02));
        set(s, c, "prefetch", json!(50));
        set(s, c, "service.ms", json!(0.5));
        set(s, c, "link.latency_ms", json!(1));
    });
    assert_eq!(s, target, "built:\n{}", to_json(&s));
    let report = mqlab_scenario::run(&s, None).expect("it validates and runs");
    let lost = report.totals.lost;
    let network = report.lost_by_cause[0];
    assert!(lost > 300 && lost == network, "about 2 % lost on the network: {lost}");
}

#[test]
fn new_components_get_fresh_ids_and_unwired_ones_are_explained() {
    let mut s = blank(Lang::Zh);
    assert_eq!(s.name, "未命名场景");
    let p = add(&mut s, P, (1.0, 2.0)).unwrap();
    let c = add(&mut s, C, (3.0, 4.0)).unwrap();
    assert_eq!((p.id.as_str(), c.id.as_str()), ("p1", "c1"));
    // A fresh id clashes with no id of any kind and no layout key.
    let q = add(&mut s, Q, (0.0, 0.0)).unwrap();
    rename(&mut s, &q, "p2").unwrap();
    s.layout.insert("p3".into(), Default::default());
    assert_eq!(add(&mut s, P, (0.0, 0.0)).unwrap().id, "p4");
    assert_eq!(s.layout["p1"].x, 1.0);
    // It parses, and the validator says what is missing; the inspector says "not connected".
    let reparsed = parse(&to_json(&s)).expect("an unwired scenario still parses");
    assert_eq!(reparsed, s);
    let errors = validate(&s).expect_err("nothing is wired");
    let at_producer = errors_at(&s, &errors, &p, Lang::En);
    assert!(at_producer.iter().any(|e| e.field == Some("exchange") && e.message.starts_with("Not connected")));
    assert!(at_producer.iter().any(|e| e.field == Some("node") && e.message.contains("no nodes")));
    let at_consumer = errors_at(&s, &errors, &c, Lang::Zh);
    assert!(at_consumer.iter().any(|e| e.field == Some("queue") && e.message.starts_with("未连接")));
    // Limits are put on everything.
    for _ in 0..ComponentKind::Node.limit() {
        add(&mut s, N, (0.0, 0.0)).unwrap();
    }
    assert_eq!(add(&mut s, N, (0.0, 0.0)), Err(EditError::TooMany(N)));
    // Moves are clamped to the coordinates the format allows.
    move_to(&mut s, &p, (f64::NAN, 1e300)).unwrap();
    assert_eq!((s.layout["p1"].x, s.layout["p1"].y), (0.0, 1e6));
    assert!(validate(&s).unwrap_err().iter().all(|e| !e.path.starts_with("layout")));
}

#[test]
fn every_kind_pair_is_wired_or_refused_with_its_reason() {
    use WireRefusal as R;
    let expected = |from: ComponentKind, to: ComponentKind| -> Result<WireKindTag, WireRefusal> {
        use WireKindTag as W;
        Ok(match (from, to) {
            (P, X) | (X, P) => W::Publish,
            (X, Q) => W::Binding,
            (Q, X) => W::DeadLetter,
            (Q, C) | (C, Q) => W::Consume,
            (P | C | Q, N) | (N, P | C | Q) => W::Placement,
            (P, P) => return Err(R::ProducerToProducer),
            (P, Q) => return Err(R::ProducerToQueue),
            (Q, P) => return Err(R::QueueToProducer),
            (P, C) | (C, P) => return Err(R::ProducerConsumer),
            (X, X) => return Err(R::ExchangeToExchange),
            (X, C) | (C, X) => return Err(R::ExchangeConsumer),
            (X, N) | (N, X) => return Err(R::ExchangeNode),
            (Q, Q) => return Err(R::QueueToQueue),
            (C, C) => return Err(R::ConsumerToConsumer),
            (N, N) => return Err(R::NodeToNode),
        })
    };
    let mut messages = BTreeSet::new();
    for from in ComponentKind::ALL {
        for to in ComponentKind::ALL {
            let mut s = blank(Lang::En);
            let a = add(&mut s, from, (0.0, 0.0)).unwrap();
            let b = add(&mut s, to, (0.0, 0.0)).unwrap();
            let before = s.clone();
            match (expected(from, to), connect(&mut s, &a, &b)) {
                (Ok(tag), Ok(made)) => {
                    assert_eq!(tag, WireKindTag::of(&made.kind), "{from:?} → {to:?}");
                    assert!(wires(&s).contains(&made), "{from:?} → {to:?} is drawn");
                    disconnect(&mut s, &made).unwrap();
                    assert!(!wires(&s).contains(&made));
                    assert_eq!(disconnect(&mut s, &made), Err(R::NotConnected));
                }
                (Err(want), Err(got)) => {
                    assert_eq!(want, got, "{from:?} → {to:?}");
                    assert_eq!(s, before, "a refused wire changes nothing");
                    let (zh, en) = (t(Lang::Zh, got.key()), t(Lang::En, got.key()));
                    assert!(!zh.is_empty() && !en.is_empty() && zh != en);
                    messages.insert(en);
                }
                (want, got) => panic!("{from:?} → {to:?}: expected {want:?}, got {got:?}"),
            }
        }
    }
    assert_eq!(messages.len(), 10, "each refused pair has its own reason");
    assert!(t(Lang::En, R::ExchangeConsumer.key()).starts_with("A consumer reads from a queue, not from an exchange"));

    let (mut s, [n, p, x, q, _]) = pipeline();
    assert_eq!(connect(&mut s, &p, &p), Err(R::SameComponent));
    assert_eq!(connect(&mut s, &p, &x), Err(R::AlreadyConnected));
    assert_eq!(connect(&mut s, &x, &q), Err(R::DuplicateBinding));
    let ghost = ComponentRef::new(Q, "ghost");
    assert_eq!(connect(&mut s, &x, &ghost), Err(R::Missing(ghost)));
    wire(&mut s, &q, &n);
    assert_eq!(connect(&mut s, &n, &q), Err(R::AlreadyConnected));
}

/// A wire's kind without its binding key, to compare kinds.
#[derive(Debug, PartialEq)]
enum WireKindTag {
    Publish,
    Binding,
    Consume,
    DeadLetter,
    Placement,
}

impl WireKindTag {
    fn of(kind: &WireKind) -> Self {
        match kind {
            WireKind::Publish => WireKindTag::Publish,
            WireKind::Binding { .. } => WireKindTag::Binding,
            WireKind::Consume => WireKindTag::Consume,
            WireKind::DeadLetter => WireKindTag::DeadLetter,
            WireKind::Placement => WireKindTag::Placement,
        }
    }
}

#[test]
fn bindings_get_a_key_that_routes_and_can_be_rekeyed() {
    let (mut s, [_, p, x, q, _]) = pipeline();
    assert_eq!(s.bindings[0].key, "", "a direct exchange's publishers send with \"\"");
    assert!(validate(&s).is_ok(), "{:?}", validate(&s).err());

    let q2 = add(&mut s, Q, (0.0, 0.0)).unwrap();
    set(&mut s, &p, "routing_key", json!("order.{key}"));
    let made = connect(&mut s, &x, &q2).unwrap();
    assert_eq!(made.kind, WireKind::Binding { key: "q2".into(), headers: Default::default() });

    set(&mut s, &x, "kind", json!("topic"));
    let x2 = add(&mut s, X, (0.0, 0.0)).unwrap();
    set(&mut s, &x2, "kind", json!("topic"));
    let topic = connect(&mut s, &x2, &q).unwrap();
    assert_eq!(topic.kind, WireKind::Binding { key: "#".into(), headers: Default::default() });

    let rekeyed = set_binding_key(&mut s, &topic, "order.*").unwrap();
    assert!(wires(&s).contains(&rekeyed) && !wires(&s).contains(&topic));
    // A second binding of the same pair with another key is fine; the same key is not.
    wire(&mut s, &x2, &q);
    let second = wires(&s).into_iter().find(|w| w.from == x2 && w.kind == topic.kind).unwrap();
    assert_eq!(set_binding_key(&mut s, &second, "order.*"), Err(EditError::Wire(WireRefusal::DuplicateBinding)));
    // A headers exchange matches binding headers; other kinds refuse them, as does a long key.
    let long = "k".repeat(300);
    let refused = set_binding_key(&mut s, &rekeyed, &long).unwrap_err();
    assert!(refused.to_string().contains("255"), "{refused}");
    let headers: std::collections::BTreeMap<String, String> = [("region".to_string(), "eu".to_string())].into();
    let refused = rebind(&mut s, &rekeyed, "order.*", headers.clone()).unwrap_err();
    assert!(refused.to_string().contains("only used by a headers exchange"), "{refused}");
    set(&mut s, &x2, "kind", json!("headers"));
    let matched = rebind(&mut s, &rekeyed, "", headers.clone()).unwrap();
    assert_eq!(matched.kind, WireKind::Binding { key: String::new(), headers });
    assert!(wires(&s).contains(&matched));
    let publish = wires(&s).into_iter().find(|w| w.kind == WireKind::Publish).unwrap();
    assert_eq!(set_binding_key(&mut s, &publish, "k"), Err(EditError::NotABinding));
}

#[test]
fn wires_of_every_preset_are_its_references() {
    for (name, s) in presets::all() {
        let drawn = wires(&s);
        let count = |kind: &dyn Fn(&WireKind) -> bool| drawn.iter().filter(|w| kind(&w.kind)).count();
        assert_eq!(count(&|k| *k == WireKind::Publish), s.producers.len(), "{name}");
        assert_eq!(count(&|k| matches!(k, WireKind::Binding { .. })), s.bindings.len(), "{name}");
        assert_eq!(count(&|k| *k == WireKind::Consume), s.consumers.len(), "{name}");
        let dlx = s.queues.iter().filter(|q| q.dead_letter_exchange.is_some()).count();
        assert_eq!(count(&|k| *k == WireKind::DeadLetter), dlx, "{name}");
        // Disconnecting every wire and connecting it again gives the scenario back.
        let mut cut = s.clone();
        for w in &drawn {
            disconnect(&mut cut, w).unwrap_or_else(|e| panic!("{name}: {w:?}: {e:?}"));
        }
        assert!(wires(&cut).is_empty(), "{name}");
        for w in drawn.iter().filter(|w| !matches!(w.kind, WireKind::Binding { .. })) {
            connect(&mut cut, &w.from, &w.to).unwrap_or_else(|e| panic!("{name}: {w:?}: {e:?}"));
        }
        cut.bindings = s.bindings.clone();
        // Queues keep their placement mode; a single queue named its node explicitly or not.
        assert_eq!(wires(&cut), drawn, "{name}");
    }
}

#[test]
fn rename_follows_every_reference_in_every_preset() {
    for (name, original) in presets::all() {
        let mut s = original.clone();
        for component in all(&original) {
            let new_id = format!("renamed.{}", component.id);
            let renamed = rename(&mut s, &component, &new_id).unwrap();
            assert_eq!(renamed, ComponentRef::new(component.kind, new_id));
        }
        let config = validate(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
        let original_config = validate(&original).unwrap();
        assert_eq!(config.faults, original_config.faults, "{name}");
        assert_eq!(config.bindings, original_config.bindings, "{name}");
        assert_eq!(s.layout.len(), original.layout.len(), "{name}");
        assert!(all(&s).iter().all(|c| s.layout.contains_key(&c.id)), "{name}");
        assert_eq!(wires(&s).len(), wires(&original).len(), "{name}");
    }
    // The whole run is the same under new names.
    let original = preset("13-ttl-dead-letter");
    let mut s = original.clone();
    for component in all(&original) {
        rename(&mut s, &component, &format!("{}_2", component.id)).unwrap();
    }
    let (a, b) = (mqlab_scenario::run(&original, None).unwrap(), mqlab_scenario::run(&s, None).unwrap());
    assert_eq!(a.totals, b.totals);
    assert_eq!(a.lost_by_cause, b.lost_by_cause);
}

#[test]
fn rename_refuses_ids_the_validator_would_refuse() {
    let (mut s, [n, p, ..]) = pipeline();
    let before = s.clone();
    assert_eq!(rename(&mut s, &p, "n1"), Err(EditError::IdTaken { id: "n1".into(), by: N }));
    assert_eq!(rename(&mut s, &p, ""), Err(EditError::IdEmpty));
    assert_eq!(rename(&mut s, &p, "a b"), Err(EditError::IdSpaces));
    assert_eq!(rename(&mut s, &p, &"x".repeat(65)), Err(EditError::IdTooLong));
    assert_eq!(
        rename(&mut s, &ComponentRef::new(P, "zz"), "y"),
        Err(EditError::NoSuchComponent(ComponentRef::new(P, "zz")))
    );
    assert_eq!(s, before);
    assert_eq!(rename(&mut s, &n, "n1"), Ok(n.clone()), "the same id is no change");
    let message = EditError::IdTaken { id: "n1".into(), by: N }.message(Lang::Zh);
    assert!(message.contains("n1") && message.contains("节点"), "{message}");
}

/// The only validation errors a deletion may cause: references it unwired, which the validator
/// names, and settings that needed what went.
fn explained(message: &str) -> bool {
    [
        "no exchange with id \"\"",
        "no queue with id \"\"",
        "the scenario has no nodes",
        "needs at least 2 nodes",
        "reject_publish_dlx needs a dead_letter_exchange",
    ]
    .iter()
    .any(|explanation| message.contains(explanation))
}

#[test]
fn delete_cascades_leave_only_explained_errors_in_every_preset() {
    for (name, original) in presets::all() {
        for component in all(&original) {
            let mut s = original.clone();
            delete(&mut s, &component).unwrap();
            let context = format!("{name} without {}", component.id);
            assert!(kind_of(&s, &component.id).is_none(), "{context}");
            assert!(!s.layout.contains_key(&component.id), "{context}");
            assert!(s.faults.iter().all(|f| f.target != component.id), "{context}");
            assert!(s.bindings.iter().all(|b| b.exchange != component.id && b.queue != component.id), "{context}");
            assert_eq!(parse(&to_json(&s)).as_ref(), Ok(&s), "{context} parses");
            if let Err(errors) = validate(&s) {
                for error in &errors {
                    assert!(explained(&error.message), "{context}: unexplained {error}");
                }
            }
        }
    }
    // A consumer of a deleted queue stays, with its settings, unwired.
    let mut s = preset("12-backlog-scale-out");
    let queue = ComponentRef::new(Q, s.queues[0].id.clone());
    let consumers = s.consumers.len();
    delete(&mut s, &queue).unwrap();
    assert_eq!(s.consumers.len(), consumers);
    assert!(s.consumers.iter().all(|c| c.queue.is_empty()));
    assert_eq!(delete(&mut s, &queue), Err(EditError::NoSuchComponent(queue)));
}

#[test]
fn undo_and_redo_round_trip_to_equal_scenarios() {
    let mut doc = Document::new(blank(Lang::En));
    let mut states = vec![doc.scenario().clone()];
    let mut added = Vec::new();
    for (kind, at) in [(N, 400.0), (P, 80.0), (X, 280.0), (Q, 480.0), (C, 680.0)] {
        match doc.apply(Edit::Add { kind, at: (at, 100.0) }).unwrap() {
            Applied::Added(component) => added.push(component),
            other => panic!("{other:?}"),
        }
        states.push(doc.scenario().clone());
    }
    let [_, p, x, q, c] = <[ComponentRef; 5]>::try_from(added).unwrap();
    let edits = vec![
        Edit::Connect { from: p.clone(), to: x.clone() },
        Edit::Connect { from: x.clone(), to: q.clone() },
        Edit::Connect { from: c.clone(), to: q.clone() },
        Edit::SetField { target: p.clone(), key: "confirm".into(), value: json!("publisher_confirms") },
        Edit::SetField { target: q.clone(), key: "id".into(), value: json!("orders") },
        Edit::SetScenarioField { key: "seed".into(), value: json!(7) },
        Edit::AutoLayout,
        Edit::Delete { target: x.clone() },
    ];
    for edit in edits {
        doc.apply(edit).unwrap();
        states.push(doc.scenario().clone());
    }
    // A refused edit and an edit that changes nothing leave no step.
    let steps = doc.history().undo_len();
    assert!(doc.apply(Edit::Connect { from: p.clone(), to: p.clone() }).is_err());
    doc.apply(Edit::SetField { target: p.clone(), key: "confirm".into(), value: json!("publisher_confirms") }).unwrap();
    assert_eq!(doc.history().undo_len(), steps);

    for expected in states.iter().rev().skip(1) {
        assert!(doc.undo());
        assert_eq!(doc.scenario(), expected);
    }
    assert!(!doc.undo());
    for expected in states.iter().skip(1) {
        assert!(doc.redo());
        assert_eq!(doc.scenario(), expected);
    }
    assert!(!doc.redo());
    // A new edit after an undo clears what could be redone.
    doc.undo();
    doc.apply(Edit::Add { kind: N, at: (0.0, 0.0) }).unwrap();
    assert!(!doc.can_redo());
}

#[test]
fn one_drag_is_one_undo_step() {
    let (s, [_, p, x, ..]) = pipeline();
    let start = s.layout[&p.id];
    let mut doc = Document::new(s);
    doc.begin_drag(p.clone());
    for i in 1..=30 {
        doc.apply(Edit::Move { target: p.clone(), at: (80.0 + i as f64, 100.0 + i as f64) }).unwrap();
    }
    doc.end_drag();
    assert_eq!(doc.history().undo_len(), 1);
    assert_eq!(doc.scenario().layout[&p.id].x, 110.0);
    // A second drag of the same component is its own step.
    doc.begin_drag(p.clone());
    doc.apply(Edit::Move { target: p.clone(), at: (500.0, 500.0) }).unwrap();
    doc.apply(Edit::Move { target: p.clone(), at: (510.0, 510.0) }).unwrap();
    doc.end_drag();
    assert_eq!(doc.history().undo_len(), 2);
    // Moves outside a drag, or of another component during it, are steps of their own.
    doc.apply(Edit::Move { target: p.clone(), at: (1.0, 1.0) }).unwrap();
    doc.apply(Edit::Move { target: p.clone(), at: (2.0, 2.0) }).unwrap();
    doc.begin_drag(p.clone());
    doc.apply(Edit::Move { target: x.clone(), at: (3.0, 3.0) }).unwrap();
    doc.apply(Edit::Move { target: x.clone(), at: (4.0, 4.0) }).unwrap();
    doc.end_drag();
    assert_eq!(doc.history().undo_len(), 6);
    for _ in 0..5 {
        doc.undo();
    }
    assert_eq!(doc.scenario().layout[&p.id], mqlab_scenario::Position { x: 110.0, y: 130.0 });
    doc.undo();
    assert_eq!(doc.scenario().layout[&p.id], start);
}

#[test]
fn history_is_bounded() {
    let mut history = History::new(200);
    let mut s = blank(Lang::En);
    for i in 0..250 {
        let before = s.clone();
        s.seed = i;
        history.record(before, None);
    }
    assert_eq!(history.undo_len(), 200);
    let mut undone = 0;
    while history.undo(&mut s) {
        undone += 1;
    }
    assert_eq!((undone, s.seed), (200, 49));
}

#[test]
fn auto_layout_puts_every_preset_in_readable_columns() {
    for (name, original) in presets::all() {
        let mut s = original.clone();
        s.layout.clear();
        assert!(ensure_layout(&mut s), "{name}");
        let mut again = original.clone();
        auto_layout(&mut again);
        auto_layout(&mut again);
        assert_eq!(again.layout, s.layout, "{name}: deterministic, whatever was there before");
        let mut seen = BTreeSet::new();
        for component in all(&s) {
            let at = s.layout.get(&component.id).unwrap_or_else(|| panic!("{name}: {} unplaced", component.id));
            assert!(seen.insert((at.x.to_bits(), at.y.to_bits())), "{name}: {} shares a spot", component.id);
            match column(component.kind) {
                Some(c) => assert_eq!(at.x, LEFT_X + c as f64 * COLUMN_GAP, "{name}: {}", component.id),
                None => {
                    let lowest =
                        all(&s).iter().filter(|c| c.kind != N).map(|c| s.layout[&c.id].y).fold(f64::MIN, f64::max);
                    assert!(at.y > lowest, "{name}: nodes sit below the pipeline");
                }
            }
        }
        assert!(validate(&s).is_ok(), "{name}: {:?}", validate(&s).err());
        assert!(!ensure_layout(&mut s), "{name}: nothing left to place");
    }
    // Queues follow their exchanges, so dead-letter parking sits below the main line.
    let mut s = preset("13-ttl-dead-letter");
    auto_layout(&mut s);
    let y = |id: &str| s.layout[id].y;
    let main_queue = s.bindings.iter().find(|b| b.exchange == s.producers[0].exchange).unwrap().queue.clone();
    let parking = s.queues.iter().find(|q| q.id != main_queue).unwrap().id.clone();
    assert!(y(&main_queue) < y(&parking));
    // A component added to a laid-out scenario goes below the others of its column.
    let mut s = preset("02-peak-shaving");
    s.consumers.push(Consumer { id: "late".into(), queue: s.queues[0].id.clone(), ..Consumer::default() });
    assert!(ensure_layout(&mut s));
    assert_eq!(s.layout["late"].x, s.layout[&s.consumers[0].id].x);
    assert!(s.layout["late"].y > s.layout[&s.consumers[0].id].y);
}

#[test]
fn validator_errors_land_at_their_fields() {
    let (mut s, [n, p, _, q, c]) = pipeline();
    s.producers[0].rate_per_s = Some(1e12);
    s.consumers[0].link.latency_ms = -1.0;
    s.consumers[0].service = Service::Uniform { min_ms: 3.0, max_ms: 1.0 };
    s.queues[0].placement = Placement::Mirrored { nodes: vec![n.id.clone()] };
    s.bindings[0].key = "k".repeat(300);
    s.layout.insert("x".repeat(70), Default::default());
    let errors = validate(&s).unwrap_err();
    let at = |component: &ComponentRef| -> Vec<(Option<&str>, String)> {
        errors_at(&s, &errors, component, Lang::En).into_iter().map(|e| (e.field, e.message)).collect()
    };
    assert_eq!(at(&p), vec![(Some("rate_per_s"), "1e12 is above the limit of 1e6".to_string())]);
    let consumer = at(&c);
    assert!(consumer.iter().any(|(f, _)| *f == Some("link.latency_ms")), "{consumer:?}");
    assert!(consumer.iter().any(|(f, m)| *f == Some("service.max_ms") && m.contains("below min_ms")), "{consumer:?}");
    assert_eq!(at(&q), vec![(Some("placement.nodes"), "a mirrored queue needs at least 2 nodes".to_string())]);
    assert!(matches!(locate(&s, "bindings[0].key"), ErrorPlace::Binding { index: 0, wire: Some(_), .. }));
    assert!(matches!(locate(&s, "faults[2].target"), ErrorPlace::Fault { index: 2, random: false, .. }));
    assert!(matches!(locate(&s, &format!("layout.{}.x", "x".repeat(70))), ErrorPlace::Layout { .. }));
    assert_eq!(locate(&s, "horizon_s"), ErrorPlace::Scenario { field: Some("horizon_s") });
    assert_eq!(locate(&s, "producers"), ErrorPlace::Scenario { field: None });
    assert_eq!(
        locate(&s, "producers[0].link.partitions[1].for_s"),
        ErrorPlace::Component { component: p.clone(), field: Some("link.partitions") }
    );
    assert_eq!(locate(&s, "producers[7].rate_per_s"), ErrorPlace::Scenario { field: None });
}

#[test]
fn set_field_refuses_at_the_field_with_the_scenario_crates_own_words() {
    let (mut s, [_, p, x, q, c]) = pipeline();
    let before = s.clone();
    let refused = |s: &mut Scenario, component: &ComponentRef, key: &str, value: Value| -> String {
        match set_field(s, component, key, value) {
            Err(error) => error.message(Lang::En),
            Ok(()) => panic!("{key} was accepted"),
        }
    };
    assert_eq!(refused(&mut s, &p, "rate_per_s", json!("fast")), "\"fast\" is not a number.");
    assert_eq!(refused(&mut s, &p, "rate_per_s", json!(-5)), "-5 is negative; it must be 0 or more");
    assert_eq!(refused(&mut s, &p, "rate_per_s", json!(null)), "missing; shape constant needs a rate");
    assert_eq!(refused(&mut s, &p, "timeout_ms", json!(0.5)), "0.5 is below the minimum of 1");
    assert_eq!(refused(&mut s, &c, "threads", json!(0)), "0 is below the minimum of 1");
    assert_eq!(refused(&mut s, &c, "threads", json!(1.5)), "invalid type: floating point `1.5`, expected u32");
    assert_eq!(
        refused(&mut s, &c, "failure_probability", json!(2)),
        "2 is not a probability; it must be between 0 and 1"
    );
    let unknown = refused(&mut s, &p, "confirm", json!("maybe"));
    assert!(unknown.starts_with("unknown variant `maybe`") && !unknown.contains("line"), "{unknown}");
    assert_eq!(refused(&mut s, &x, "no_such", json!(1)), "This component has no setting called \"no_such\".");
    assert!(refused(&mut s, &c, "queue", json!(x.id)).contains("is an exchange"));
    assert_eq!(s, before, "refused values change nothing");

    // Accepted values: numbers from text, whole numbers as integers, defaults left out.
    set(&mut s, &c, "prefetch", json!("250"));
    assert_eq!(s.consumers[0].prefetch, 250);
    set(&mut s, &q, "max_length", json!(1000.0));
    assert_eq!(s.queues[0].max_length, Some(1000));
    set(&mut s, &q, "max_length", json!(""));
    assert_eq!(s.queues[0].max_length, None);
    set(&mut s, &q, "durable", json!(false));
    assert_eq!(s.queues[0].durable, None, "false is a single queue's default");
    set_top(&mut s, "seed", json!("18446744073709551615"));
    assert_eq!(s.seed, u64::MAX);
    assert!(set_scenario_field(&mut s, "horizon_s", json!(0)).is_err());
    // Unwiring through the inspector is allowed: the field then says "not connected".
    set(&mut s, &p, "exchange", json!(""));
    assert_eq!(s.producers[0].exchange, "");
    assert!(wires(&s).iter().all(|w| w.kind != WireKind::Publish));
    set(&mut s, &p, "exchange", json!(x.id));
    // An edit that breaks another field is accepted and shows there.
    set(&mut s, &p, "shape", json!("bursts"));
    set(&mut s, &p, "every_s", json!(30));
    set(&mut s, &p, "burst_s", json!(40));
    let errors = validate(&s).unwrap_err();
    assert_eq!(errors_at(&s, &errors, &p, Lang::En)[0].field, Some("every_s"));
    assert!(refused(&mut s, &p, "every_s", json!(20)).contains("shorter than burst_s"));
}

#[test]
fn switching_a_deciding_field_keeps_the_component_valid() {
    let (mut s, [n, p, x, q, c]) = pipeline();
    for shape in ["bursts", "schedule", "poisson", "bursts", "constant", "schedule", "constant"] {
        set(&mut s, &p, "shape", json!(shape));
        assert!(validate(&s).is_ok(), "shape {shape}: {}", validate(&s).unwrap_err());
        assert_eq!(get_field(&s, &p, "shape"), json!(shape));
    }
    assert_eq!(s.producers[0].rate_per_s, Some(100.0), "the rate survives the round trip");
    set(&mut s, &c, "service.ms", json!(8));
    for dist in ["exponential", "uniform", "lognormal", "constant"] {
        set(&mut s, &c, "service.dist", json!(dist));
        assert!(validate(&s).is_ok(), "dist {dist}: {}", validate(&s).unwrap_err());
    }
    assert_eq!(s.consumers[0].service, Service::Constant { ms: 8.0 });
    let n2 = add(&mut s, N, (0.0, 0.0)).unwrap();
    let n3 = add(&mut s, N, (0.0, 0.0)).unwrap();
    set(&mut s, &q, "placement.node", json!(n2.id));
    s.queues[0].durable = Some(false);
    let home_first = vec![n2.id.clone(), n.id.clone(), n3.id.clone()];
    let expected = [
        ("mirrored", Placement::Mirrored { nodes: home_first.clone() }),
        ("quorum", Placement::Quorum { nodes: home_first.clone() }),
        ("classic", Placement::Classic { node: Some(n2.id.clone()) }),
        ("quorum", Placement::Quorum { nodes: home_first.clone() }),
        ("single", Placement::Single { node: Some(n2.id.clone()) }),
    ];
    for (mode, placement) in expected {
        set(&mut s, &q, "placement.mode", json!(mode));
        assert!(validate(&s).is_ok(), "mode {mode}: {}", validate(&s).unwrap_err());
        assert_eq!(s.queues[0].placement, placement, "mode {mode}");
        if mode == "quorum" {
            assert_eq!(s.queues[0].durable, None, "a quorum queue is durable: false is dropped");
        }
    }
    // Emptying the dead-letter exchange takes its routing key with it.
    let dlx = add(&mut s, X, (0.0, 0.0)).unwrap();
    set(&mut s, &q, "dead_letter_exchange", json!(dlx.id));
    set(&mut s, &q, "dead_letter_routing_key", json!("parked"));
    set(&mut s, &q, "dead_letter_exchange", json!(""));
    assert_eq!(s.queues[0].dead_letter_routing_key, None);
    assert!(validate(&s).is_ok(), "{}", validate(&s).unwrap_err());
    set(&mut s, &x, "kind", json!("headers"));
    set(&mut s, &x, "x_match", json!("any"));
    set(&mut s, &x, "kind", json!("fanout"));
    assert_eq!(s.exchanges[0].x_match, None);
    // What the inspector shows follows the deciding fields.
    let burst_rate = field(P, "burst_rate_per_s").unwrap();
    assert!(!visible(&s, &p, burst_rate));
    set(&mut s, &p, "shape", json!("bursts"));
    assert!(visible(&s, &p, burst_rate));
}

#[test]
fn every_default_reads_back_and_writes_without_a_change() {
    let (s, refs) = pipeline();
    for component in &refs {
        for spec in fields(component.kind) {
            let shown = get_field(&s, component, spec.key);
            let default = (spec.default)(&serde_json::to_value(&s).unwrap()[component.kind.list()][0]);
            if !default.is_null() && spec.key != "id" {
                assert_eq!(shown, default, "{}.{}", component.id, spec.key);
                let mut written = s.clone();
                set_field(&mut written, component, spec.key, default.clone())
                    .unwrap_or_else(|e| panic!("{}.{}: {e}", component.id, spec.key));
                assert_eq!(written, s, "{}.{} = its default changes nothing", component.id, spec.key);
            }
        }
    }
    for spec in scenario_fields() {
        let shown = get_scenario_field(&s, spec.key);
        let mut written = s.clone();
        set_scenario_field(&mut written, spec.key, shown.clone()).unwrap();
        assert_eq!(written, s, "{} = {shown}", spec.key);
    }
    assert_eq!(get_field(&s, &refs[3], "durable"), json!(false));
    assert_eq!(get_field(&s, &refs[4], "service.ms"), json!(1.0));
}

// ── The catalogue against the schema ─────────────────────────────────────────────────────

/// Every key path of a serialized component: nested objects are followed (`link.latency_ms`),
/// lists and maps are one field (`steps`, `headers`).
fn leaf_keys(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    if let Value::Object(map) = value {
        for (key, inner) in map {
            let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            let nested = matches!(inner, Value::Object(_)) && !["headers"].contains(&key.as_str());
            if nested {
                leaf_keys(inner, &path, out);
            } else {
                out.insert(path);
            }
        }
    }
}

fn keys_of(values: Vec<Value>) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for value in &values {
        leaf_keys(value, "", &mut keys);
    }
    keys
}

/// A link with every field away from its default. A struct literal, so a new field fails here.
fn full_link() -> Link {
    Link {
        latency_ms: 2.0,
        jitter_ms: 1.0,
        loss_probability: 0.1,
        partitions: vec![LinkPartition { at_s: 1.0, for_s: Some(2.0) }],
    }
}

fn full_producer() -> Producer {
    Producer {
        id: "p".into(),
        exchange: "x".into(),
        node: Some("n".into()),
        shape: RateShape::Bursts,
        rate_per_s: Some(1.0),
        burst_rate_per_s: Some(2.0),
        first_s: Some(1.0),
        every_s: Some(9.0),
        burst_s: Some(1.0),
        steps: Some(vec![RateStep { at_s: 0.0, rate_per_s: 1.0 }]),
        poisson: Some(true),
        n_keys: 5,
        routing_key: "k".into(),
        headers: [("h".to_string(), "v".to_string())].into(),
        persistent: true,
        ttl_ms: Some(1.0),
        confirm: Confirm::PublisherConfirms,
        timeout_ms: 5.0,
        retries: 1,
        retry_backoff_ms: 1.0,
        max_in_flight: 2,
        outbox_limit: 3,
        start_s: 1.0,
        stop_s: Some(2.0),
        link: full_link(),
    }
}

/// One service of each distribution; the `match` fails to compile when a distribution is added.
fn every_service() -> Vec<Service> {
    let services = vec![
        Service::Constant { ms: 2.0 },
        Service::Exponential { mean_ms: 2.0 },
        Service::Uniform { min_ms: 1.0, max_ms: 2.0 },
        Service::Lognormal { median_ms: 2.0, sigma: 1.0 },
    ];
    for service in &services {
        match service {
            Service::Constant { .. }
            | Service::Exponential { .. }
            | Service::Uniform { .. }
            | Service::Lognormal { .. } => {}
        }
    }
    services
}

fn every_placement() -> Vec<Placement> {
    let placements = vec![
        Placement::Single { node: Some("n".into()) },
        Placement::Classic { node: Some("n".into()) },
        Placement::Mirrored { nodes: vec!["n".into(), "m".into()] },
        Placement::Quorum { nodes: vec!["n".into(), "m".into()] },
    ];
    for placement in &placements {
        match placement {
            Placement::Single { .. }
            | Placement::Classic { .. }
            | Placement::Mirrored { .. }
            | Placement::Quorum { .. } => {}
        }
    }
    placements
}

fn assert_catalogue(kind: ComponentKind, schema_keys: BTreeSet<String>) {
    let catalogue: BTreeSet<String> = fields(kind).iter().map(|spec| spec.key.to_string()).collect();
    let missing: Vec<_> = schema_keys.difference(&catalogue).collect();
    let stale: Vec<_> = catalogue.difference(&schema_keys).collect();
    assert!(missing.is_empty(), "{kind:?} fields without an inspector entry: {missing:?}");
    assert!(stale.is_empty(), "{kind:?} inspector entries the schema lacks: {stale:?}");
}

#[test]
fn the_catalogue_covers_every_settable_key_of_every_kind() {
    assert_catalogue(P, keys_of(vec![json!(full_producer())]));
    assert_catalogue(
        X,
        keys_of(vec![json!(Exchange {
            id: "x".into(),
            kind: ExchangeKind::Headers,
            x_match: Some(HeadersMatch::Any),
        })]),
    );
    let queues: Vec<Value> = every_placement()
        .into_iter()
        .map(|placement| {
            json!(Queue {
                id: "q".into(),
                durable: Some(true),
                max_length: Some(1),
                overflow: Overflow::RejectPublish,
                message_ttl_ms: Some(1.0),
                dead_letter_exchange: Some("d".into()),
                dead_letter_routing_key: Some("k".into()),
                placement,
            })
        })
        .collect();
    assert_catalogue(Q, keys_of(queues));
    let consumers: Vec<Value> = every_service()
        .into_iter()
        .map(|service| {
            json!(Consumer {
                id: "c".into(),
                queue: "q".into(),
                node: Some("n".into()),
                link: full_link(),
                threads: 2,
                service,
                prefetch: 1,
                ack: Ack::Auto,
                failure_probability: 0.1,
                requeue_on_failure: false,
                idempotency: Idempotency::DedupeIds,
                start_s: 1.0,
                stop_s: Some(2.0),
            })
        })
        .collect();
    assert_catalogue(C, keys_of(consumers));
    assert_catalogue(N, keys_of(vec![json!(Node { id: "n".into(), capacity_per_s: 1.0, fsync_ms: 2.0 })]));

    // The scenario's own settings: every top-level key that is not a list or the layout.
    let s = Scenario {
        description: Some("d".into()),
        bucket_ms: Some(1.0),
        inter_node_latency_ms: 1.0,
        name: "n".into(),
        ..Scenario::default()
    };
    let top: BTreeSet<String> = serde_json::to_value(&s)
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .filter(|key| *key != "version")
        .cloned()
        .collect();
    let settings: BTreeSet<String> = scenario_fields().iter().map(|spec| spec.key.to_string()).collect();
    assert_eq!(top, settings);
}

#[test]
fn every_field_has_a_lesson_choices_that_parse_and_limits_in_order() {
    for kind in ComponentKind::ALL {
        let mut keys = BTreeSet::new();
        for spec in fields(kind) {
            assert!(keys.insert(spec.key), "{kind:?}.{} listed twice", spec.key);
            assert!((1..=14).contains(&spec.lesson), "{kind:?}.{}: lesson {}", spec.key, spec.lesson);
            if let Some(when) = spec.when {
                assert!(field(kind, when.key).is_some(), "{kind:?}.{} depends on a field", spec.key);
            }
            match spec.input {
                Input::Number { min, max, .. } => assert!(min < max, "{kind:?}.{}", spec.key),
                Input::Choice(choices) => {
                    let (mut s, refs) = pipeline();
                    let component = refs.iter().find(|r| r.kind == kind).unwrap();
                    for choice in choices {
                        // Accepted, or refused by the validator for want of another setting
                        // (reject_publish_dlx without a dead-letter exchange), never unparsed.
                        if let Err(error) = set_field(&mut s, component, spec.key, json!(choice.value)) {
                            let message = error.to_string();
                            assert!(!message.contains("unknown variant"), "{kind:?}.{}: {message}", spec.key);
                        }
                    }
                }
                _ => {}
            }
            let help = spec.help_line(Lang::En);
            assert!(help.ends_with(&format!("Lesson {}.", spec.lesson)), "{help}");
            assert!(spec.help_line(Lang::Zh).ends_with(&format!("第 {} 课。", spec.lesson)));
        }
    }
}

#[test]
fn a_value_the_validator_refuses_is_explained_in_the_learners_language() {
    let (mut s, [_, p, ..]) = pipeline();
    let before = s.clone();
    let error = set_field(&mut s, &p, "rate_per_s", json!(-5)).unwrap_err();
    assert_eq!(s, before, "nothing changed");
    assert_eq!(error.message(Lang::En), "-5 is negative; it must be 0 or more");
    let zh = error.message(Lang::Zh);
    assert!(zh.contains("-5") && zh.contains("负数"), "{zh}");
}

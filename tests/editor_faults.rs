//! Scheduled faults in the editor, natively: add, change and remove in time order, crash and
//! restart "now" from the canvas, every refusal with its reason in both languages, undo and
//! redo of each, and every accepted result a scenario the validator takes.

use mqlab_scenario::{validate, Fault, FaultKind, Scenario};
use mqlab_web::editor::faults::{
    fault_errors, fault_in_effect, fault_kinds_for, in_effect, new_fault, round_to_us, target_kinds, targets_for,
    with_field, with_kind, FaultError, FAULT_KINDS, NEW_LINK_LOSS_PROBABILITY, NEW_SLOW_DISK_FACTOR,
};
use mqlab_web::editor::{
    add, add_fault, blank, connect, remove_fault, set_fault, toggle_fault, ComponentKind, Document, Edit, EditError,
};
use mqlab_web::i18n::Lang;

use ComponentKind::{Consumer as C, Exchange as X, Node as N, Producer as P, Queue as Q};
use FaultKind::{CrashConsumer, CrashNode, LinkLoss, PartitionLink, SlowDisk};

/// A blank scenario wired n1, p1 → x1 → q1 → c1, with the default 60 s horizon.
fn pipeline() -> Scenario {
    let mut s = blank(Lang::En);
    let n = add(&mut s, N, (380.0, 220.0)).unwrap();
    let p = add(&mut s, P, (80.0, 100.0)).unwrap();
    let x = add(&mut s, X, (280.0, 100.0)).unwrap();
    let q = add(&mut s, Q, (480.0, 100.0)).unwrap();
    let c = add(&mut s, C, (680.0, 100.0)).unwrap();
    for (from, to) in [(&p, &x), (&x, &q), (&q, &c)] {
        connect(&mut s, from, to).unwrap();
    }
    assert_eq!([n.id, p.id, x.id, q.id, c.id], ["n1", "p1", "x1", "q1", "c1"]);
    assert_valid(&s);
    assert_eq!(s.horizon_s, 60.0);
    s
}

fn assert_valid(s: &Scenario) {
    if let Err(errors) = validate(s) {
        panic!("the validator refused the result:\n{errors}");
    }
}

fn fault(at_s: f64, for_s: Option<f64>, kind: FaultKind, target: &str) -> Fault {
    Fault { for_s, ..new_fault(kind, target, at_s) }
}

/// The faults as (start, length, kind, target), to compare whole lists at a glance.
fn summary(s: &Scenario) -> Vec<(f64, Option<f64>, FaultKind, &str)> {
    s.faults.iter().map(|f| (f.at_s, f.for_s, f.kind, f.target.as_str())).collect()
}

#[test]
fn faults_are_added_changed_and_removed_in_time_order() {
    let mut s = pipeline();
    assert_eq!(add_fault(&mut s, fault(30.0, Some(5.0), CrashNode, "n1")), Ok(0));
    assert_eq!(add_fault(&mut s, fault(10.0, None, CrashConsumer, "c1")), Ok(0));
    // Equal starts keep their order: the newer one goes after.
    assert_eq!(add_fault(&mut s, fault(10.0, Some(2.0), LinkLoss, "p1")), Ok(1));
    assert_eq!(
        summary(&s),
        [(10.0, None, CrashConsumer, "c1"), (10.0, Some(2.0), LinkLoss, "p1"), (30.0, Some(5.0), CrashNode, "n1"),]
    );
    assert_eq!(s.faults[1].probability, Some(NEW_LINK_LOSS_PROBABILITY));
    assert_valid(&s);

    // Moving a fault later moves it down the list, and the edit says where it went.
    let later = Fault { at_s: 45.0, ..s.faults[0].clone() };
    assert_eq!(set_fault(&mut s, 0, later), Ok(2));
    assert_eq!(
        summary(&s),
        [(10.0, Some(2.0), LinkLoss, "p1"), (30.0, Some(5.0), CrashNode, "n1"), (45.0, None, CrashConsumer, "c1"),]
    );
    assert_valid(&s);

    // Times land on the engine's microsecond grid.
    let precise = fault(12.345_678_9, Some(0.100_000_4), SlowDisk, "n1");
    let index = add_fault(&mut s, precise).unwrap();
    assert_eq!(s.faults[index].at_s, 12.345_679);
    assert_eq!(s.faults[index].for_s, Some(0.1));
    assert_eq!(s.faults[index].factor, Some(NEW_SLOW_DISK_FACTOR));
    assert_valid(&s);

    assert_eq!(remove_fault(&mut s, 0), Ok(()));
    assert_eq!(
        summary(&s),
        [
            (12.345_679, Some(0.1), SlowDisk, "n1"),
            (30.0, Some(5.0), CrashNode, "n1"),
            (45.0, None, CrashConsumer, "c1"),
        ]
    );
    assert_valid(&s);
}

#[test]
fn a_hand_written_list_out_of_order_is_sorted_by_the_next_fault_edit() {
    let mut s = pipeline();
    s.faults = vec![fault(40.0, Some(1.0), CrashNode, "n1"), fault(5.0, Some(1.0), CrashConsumer, "c1")];
    assert_eq!(add_fault(&mut s, fault(20.0, Some(1.0), PartitionLink, "p1")), Ok(1));
    let starts: Vec<f64> = s.faults.iter().map(|f| f.at_s).collect();
    assert_eq!(starts, [5.0, 20.0, 40.0]);
    assert_valid(&s);
}

#[test]
fn toggling_crashes_now_and_restarts_later() {
    let mut s = pipeline();
    assert_eq!(toggle_fault(&mut s, CrashNode, "n1", 12.345_678_9), Ok(Some(0)));
    assert_eq!(summary(&s), [(12.345_679, None, CrashNode, "n1")]);
    assert_valid(&s);
    assert_eq!(fault_in_effect(&s, CrashNode, "n1", 12.345_679), Some(0));
    assert_eq!(fault_in_effect(&s, CrashNode, "n1", 59.0), Some(0));
    assert_eq!(fault_in_effect(&s, CrashNode, "n1", 12.345_678), None);
    assert_eq!(fault_in_effect(&s, SlowDisk, "n1", 30.0), None);

    // Restart: the fault now lasts from its start to this moment.
    assert_eq!(toggle_fault(&mut s, CrashNode, "n1", 20.5), Ok(Some(0)));
    assert_eq!(summary(&s), [(12.345_679, Some(8.154_321), CrashNode, "n1")]);
    assert_valid(&s);
    assert_eq!(fault_in_effect(&s, CrashNode, "n1", 20.499_999), Some(0));
    assert_eq!(fault_in_effect(&s, CrashNode, "n1", 20.5), None);

    // Crashing again after the first crash ended adds a second one.
    assert_eq!(toggle_fault(&mut s, CrashNode, "n1", 30.0), Ok(Some(1)));
    assert_eq!(summary(&s), [(12.345_679, Some(8.154_321), CrashNode, "n1"), (30.0, None, CrashNode, "n1"),]);
    assert_valid(&s);

    // Toggling inside the first one ends it there, leaving the second alone.
    assert_eq!(toggle_fault(&mut s, CrashNode, "n1", 15.0), Ok(Some(0)));
    assert_eq!(s.faults[0].for_s, Some(2.654_321));
    assert_eq!(s.faults[1].for_s, None);
    assert_valid(&s);
}

#[test]
fn toggling_off_at_the_instant_it_started_removes_the_fault() {
    let mut s = pipeline();
    toggle_fault(&mut s, CrashConsumer, "c1", 5.0).unwrap();
    assert_eq!(toggle_fault(&mut s, CrashConsumer, "c1", 5.000_000_1), Ok(None));
    assert!(s.faults.is_empty());
    assert_valid(&s);
}

#[test]
fn toggling_on_before_a_scheduled_fault_starts_that_fault_now() {
    let mut s = pipeline();
    add_fault(&mut s, fault(30.0, Some(5.0), CrashNode, "n1")).unwrap();
    add_fault(&mut s, fault(50.0, None, CrashNode, "n1")).unwrap();
    add_fault(&mut s, fault(1.0, Some(1.0), CrashConsumer, "c1")).unwrap();
    assert_eq!(toggle_fault(&mut s, CrashNode, "n1", 20.0), Ok(Some(1)));
    assert_eq!(
        summary(&s),
        [(1.0, Some(1.0), CrashConsumer, "c1"), (20.0, Some(15.0), CrashNode, "n1"), (50.0, None, CrashNode, "n1"),]
    );
    assert_valid(&s);
    // A link_loss fault keeps its own drop probability when it is pulled forward.
    add_fault(&mut s, Fault { probability: Some(0.2), ..fault(40.0, Some(1.0), LinkLoss, "p1") }).unwrap();
    let index = toggle_fault(&mut s, LinkLoss, "p1", 39.5).unwrap().unwrap();
    assert_eq!(
        (s.faults[index].at_s, s.faults[index].for_s, s.faults[index].probability),
        (39.5, Some(1.5), Some(0.2))
    );
    assert_valid(&s);
}

#[test]
fn refusals_name_what_is_wrong_in_both_languages_and_change_nothing() {
    let mut doc = Document::new(pipeline());
    doc.apply(Edit::AddFault(fault(10.0, Some(5.0), CrashNode, "n1"))).unwrap();
    let before = doc.scenario().clone();

    let cases: Vec<(Edit, EditError, &str, &str)> = vec![
        (
            Edit::RemoveFault { index: 3 },
            EditError::NoSuchFault(3),
            "There is no scheduled fault #4.",
            "没有第 4 个计划故障。",
        ),
        (
            Edit::SetFault { index: 1, fault: fault(1.0, None, CrashNode, "n1") },
            EditError::NoSuchFault(1),
            "There is no scheduled fault #2.",
            "没有第 2 个计划故障。",
        ),
        (
            Edit::AddFault(fault(1.0, None, CrashNode, "n9")),
            EditError::FaultTarget { kind: CrashNode, target: "n9".into(), found: None },
            "Node crash: there is no component with id \"n9\".",
            "节点宕机的目标“n9”不存在。",
        ),
        (
            Edit::AddFault(fault(1.0, None, CrashNode, "c1")),
            EditError::FaultTarget { kind: CrashNode, target: "c1".into(), found: Some(C) },
            "Node crash cannot strike \"c1\" (Consumer): it strikes a broker node.",
            "节点宕机不能作用于“c1”（消费者）：它只作用于Broker 节点。",
        ),
        (
            Edit::ToggleFault { kind: PartitionLink, target: "q1".into(), now_s: 3.0 },
            EditError::FaultTarget { kind: PartitionLink, target: "q1".into(), found: Some(Q) },
            "Network partition cannot strike \"q1\" (Queue): it strikes a producer or a consumer (its network link).",
            "网络分区不能作用于“q1”（队列）：它只作用于生产者或消费者（它的网络链路）。",
        ),
        (
            Edit::AddFault(fault(61.0, None, CrashConsumer, "c1")),
            EditError::FaultOutsideRun { at_us: 61_000_000, horizon_us: 60_000_000 },
            "A fault starts during the run: between 0 and 60 s, not at 61 s.",
            "故障在运行期间开始：0 到 60 秒之间，而不是 61 秒。",
        ),
        (
            Edit::ToggleFault { kind: CrashConsumer, target: "c1".into(), now_s: -0.5 },
            EditError::FaultOutsideRun { at_us: -500_000, horizon_us: 60_000_000 },
            "A fault starts during the run: between 0 and 60 s, not at -0.5 s.",
            "故障在运行期间开始：0 到 60 秒之间，而不是 -0.5 秒。",
        ),
        (
            Edit::AddFault(fault(f64::NAN, None, CrashConsumer, "c1")),
            EditError::NotANumber("NaN".into()),
            "\"NaN\" is not a number.",
            "“NaN”不是数字。",
        ),
    ];
    for (edit, error, en, zh) in cases {
        let label = format!("{edit:?}");
        assert_eq!(doc.apply(edit), Err(error.clone()), "{label}");
        assert_eq!(error.message(Lang::En), en, "{label}");
        assert_eq!(error.message(Lang::Zh), zh, "{label}");
        assert_eq!(doc.scenario(), &before, "{label}");
    }
    // A refused edit leaves no undo step: one undo goes back past the one fault added.
    assert!(!doc.can_redo());
    assert!(doc.undo());
    assert!(doc.scenario().faults.is_empty());
    assert!(!doc.can_undo());
}

#[test]
fn the_validator_judges_values_and_overlaps_in_its_own_words() {
    let mut s = pipeline();
    add_fault(&mut s, fault(10.0, Some(5.0), CrashNode, "n1")).unwrap();
    let before = s.clone();
    let refused = |s: &mut Scenario, f: Fault| match add_fault(s, f) {
        Err(EditError::Invalid(error)) => error.message,
        other => panic!("expected the validator's refusal, got {other:?}"),
    };
    let too_likely = Fault { probability: Some(1.5), ..fault(1.0, None, LinkLoss, "c1") };
    assert_eq!(refused(&mut s, too_likely), "1.5 is not a probability; it must be between 0 and 1");
    assert_eq!(refused(&mut s, fault(1.0, Some(0.0), CrashConsumer, "c1")), "must be above 0");
    let without_factor = Fault { factor: None, ..fault(1.0, None, SlowDisk, "n1") };
    assert!(refused(&mut s, without_factor).contains("needs the factor"));
    let overlap = refused(&mut s, fault(12.0, Some(10.0), CrashNode, "n1"));
    assert!(overlap.contains("must not overlap"), "{overlap}");
    // The same kind on another target, or another kind on the same target, is fine.
    assert_eq!(s, before);
    add_fault(&mut s, fault(12.0, Some(10.0), SlowDisk, "n1")).unwrap();
    add_fault(&mut s, fault(12.0, Some(10.0), CrashConsumer, "c1")).unwrap();
    assert_valid(&s);

    // Changing a fault into one that overlaps another is refused too, and changes nothing.
    assert_eq!(
        summary(&s),
        [
            (10.0, Some(5.0), CrashNode, "n1"),
            (12.0, Some(10.0), SlowDisk, "n1"),
            (12.0, Some(10.0), CrashConsumer, "c1"),
        ]
    );
    let snapshot = s.clone();
    let onto_n1 = Fault { kind: CrashNode, target: "n1".into(), at_s: 14.0, ..s.faults[2].clone() };
    let refused = set_fault(&mut s, 2, onto_n1).unwrap_err();
    assert!(matches!(&refused, EditError::Invalid(error) if error.message.contains("must not overlap")), "{refused:?}");
    // Said in Chinese too, naming the fault it overlaps.
    let zh = refused.message(Lang::Zh);
    assert!(zh.contains("重叠") && zh.contains("faults["), "{zh}");
    assert_eq!(s, snapshot);
}

#[test]
fn a_toggle_that_would_overlap_a_link_partition_is_refused_by_the_validator() {
    let mut s = pipeline();
    s.producers[0].link.partitions = vec![mqlab_scenario::LinkPartition { at_s: 5.0, for_s: Some(10.0) }];
    assert_valid(&s);
    let before = s.clone();
    match toggle_fault(&mut s, PartitionLink, "p1", 7.0) {
        Err(EditError::Invalid(error)) => {
            assert!(error.message.contains("overlap"), "{}", error.message)
        }
        other => panic!("expected an overlap, got {other:?}"),
    }
    assert_eq!(s, before);
    assert_eq!(toggle_fault(&mut s, PartitionLink, "p1", 20.0), Ok(Some(0)));
    assert_valid(&s);
}

#[test]
fn every_fault_edit_undoes_and_redoes() {
    let mut doc = Document::new(pipeline());
    let mut states = vec![doc.scenario().clone()];
    let edits = [
        Edit::AddFault(fault(30.0, Some(5.0), CrashNode, "n1")),
        Edit::ToggleFault { kind: CrashConsumer, target: "c1".into(), now_s: 8.0 },
        Edit::ToggleFault { kind: CrashConsumer, target: "c1".into(), now_s: 9.25 },
        Edit::SetFault { index: 1, fault: fault(2.0, Some(1.0), PartitionLink, "p1") },
        Edit::RemoveFault { index: 1 },
    ];
    for edit in edits {
        let label = format!("{edit:?}");
        doc.apply(edit).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_valid(doc.scenario());
        assert_ne!(doc.scenario(), states.last().unwrap(), "{label} changed nothing");
        states.push(doc.scenario().clone());
    }
    assert_eq!(summary(&states[4]), [(2.0, Some(1.0), PartitionLink, "p1"), (8.0, Some(1.25), CrashConsumer, "c1")]);
    assert_eq!(summary(&states[5]), [(2.0, Some(1.0), PartitionLink, "p1")]);
    for state in states.iter().rev().skip(1) {
        assert!(doc.undo());
        assert_eq!(doc.scenario(), state);
    }
    assert!(!doc.undo());
    for state in states.iter().skip(1) {
        assert!(doc.redo());
        assert_eq!(doc.scenario(), state);
    }
    assert!(!doc.redo());
}

#[test]
fn kinds_and_targets_agree_with_the_validator() {
    let s = pipeline();
    for component in ComponentKind::ALL {
        for &kind in fault_kinds_for(component) {
            assert!(target_kinds(kind).contains(&component), "{kind:?} on {component:?}");
        }
    }
    assert_eq!(fault_kinds_for(N), [CrashNode, SlowDisk]);
    assert_eq!(fault_kinds_for(C), [CrashConsumer, PartitionLink, LinkLoss]);
    assert_eq!(fault_kinds_for(P), [PartitionLink, LinkLoss]);
    assert!(fault_kinds_for(X).is_empty() && fault_kinds_for(Q).is_empty());
    assert_eq!(targets_for(&s, LinkLoss), ["p1", "c1"]);
    assert_eq!(targets_for(&s, SlowDisk), ["n1"]);
    // Every target offered for every kind makes a fault the validator takes; every other
    // component is refused by the editor, and the validator would refuse it too.
    for kind in FAULT_KINDS {
        let offered = targets_for(&s, kind);
        for component in mqlab_web::editor::components::all(&s) {
            let mut edited = s.clone();
            let added = add_fault(&mut edited, new_fault(kind, &component.id, 1.0));
            let mut raw = s.clone();
            raw.faults.push(new_fault(kind, &component.id, 1.0));
            if offered.contains(&component.id) {
                assert!(added.is_ok(), "{kind:?} on {}", component.id);
                assert_valid(&edited);
            } else {
                assert!(matches!(added, Err(EditError::FaultTarget { .. })));
                assert!(validate(&raw).is_err(), "{kind:?} on {}", component.id);
            }
        }
    }
}

#[test]
fn changing_the_kind_keeps_what_fits_and_fills_in_what_the_new_kind_needs() {
    let s = pipeline();
    let loss = new_fault(LinkLoss, "c1", 3.0);
    let crash = with_kind(&s, &loss, CrashConsumer);
    assert_eq!((crash.target.as_str(), crash.probability), ("c1", None));
    let disk = with_kind(&s, &crash, SlowDisk);
    assert_eq!((disk.target.as_str(), disk.factor, disk.at_s), ("n1", Some(NEW_SLOW_DISK_FACTOR), 3.0));
    let back = with_kind(&s, &Fault { probability: Some(0.1), ..loss.clone() }, LinkLoss);
    assert_eq!(back.probability, Some(0.1));
    for kind in FAULT_KINDS {
        for from in FAULT_KINDS {
            let mut edited = s.clone();
            let changed = with_kind(&s, &new_fault(from, &targets_for(&s, from)[0], 1.0), kind);
            add_fault(&mut edited, changed).unwrap();
            assert_valid(&edited);
        }
    }
    // With nothing to strike the target is left empty, for the learner to pick.
    let mut empty = blank(Lang::En);
    add(&mut empty, N, (0.0, 0.0)).unwrap();
    assert_eq!(with_kind(&empty, &new_fault(CrashNode, "n1", 0.0), LinkLoss).target, "");
}

#[test]
fn validator_errors_land_at_the_faults_fields() {
    let mut s = pipeline();
    s.faults = vec![
        fault(1.0, Some(1.0), CrashNode, "n1"),
        Fault { probability: Some(2.0), ..fault(2.0, Some(-1.0), LinkLoss, "p1") },
    ];
    let errors = validate(&s).unwrap_err();
    assert_eq!(fault_errors(&s, &errors, 0), []);
    let fields: Vec<String> = fault_errors(&s, &errors, 1).into_iter().map(|FaultError { field, .. }| field).collect();
    assert_eq!(fields, ["for_s", "probability"]);
}

#[test]
fn in_effect_is_half_open_on_the_microsecond_grid() {
    let f = fault(1.0, Some(0.5), CrashNode, "n1");
    assert!(!in_effect(&f, 0.999_999));
    assert!(in_effect(&f, 1.0));
    assert!(in_effect(&f, 1.499_999));
    assert!(!in_effect(&f, 1.5));
    // 0.1 + 0.2 is not 0.3 in floating point, but it is on the engine's clock.
    let g = fault(0.1, Some(0.2), CrashNode, "n1");
    assert!(!in_effect(&g, 0.3));
    assert_eq!(round_to_us(0.1 + 0.2), 0.3);
}

#[test]
fn the_fault_editor_inputs_read_their_text() {
    let s = pipeline();
    let f = new_fault(CrashConsumer, "c1", 10.0);
    let set = |field: &str, text: &str| with_field(&s, &f, field, text);
    assert_eq!(set("at_s", " 12.5 ").unwrap().at_s, 12.5);
    assert_eq!(set("for_s", "3").unwrap().for_s, Some(3.0));
    assert_eq!(set("for_s", "  ").unwrap().for_s, None);
    assert_eq!(set("target", "p1").unwrap().target, "p1");
    assert_eq!(set("probability", "0.3").unwrap().probability, Some(0.3));
    let loss = set("kind", "link_loss").unwrap();
    assert_eq!((loss.kind, loss.target.as_str(), loss.probability), (LinkLoss, "c1", Some(NEW_LINK_LOSS_PROBABILITY)));
    assert_eq!(with_field(&s, &loss, "probability", "").unwrap().probability, None);
    assert_eq!(set("at_s", ""), Err(EditError::NotANumber("".into())));
    assert_eq!(set("at_s", "soon"), Err(EditError::NotANumber("soon".into())));
    assert_eq!(set("factor", "inf"), Err(EditError::NotANumber("inf".into())));
    assert_eq!(set("kind", "meteor"), Err(EditError::UnknownField("meteor".into())));
    assert_eq!(set("mtbf_s", "3"), Err(EditError::UnknownField("mtbf_s".into())));
    // What the inputs produce is judged when it is set: a target of the wrong kind is refused.
    let mut edited = s.clone();
    add_fault(&mut edited, f.clone()).unwrap();
    assert!(matches!(
        set_fault(&mut edited, 0, set("target", "p1").unwrap()),
        Err(EditError::FaultTarget { found: Some(P), .. })
    ));
}

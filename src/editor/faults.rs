//! Scheduled faults in the editor: add, change, remove, and crash or restart a component "now"
//! from the canvas while a run plays, each judged by the scenario's own validator.
//!
//! The `faults` list is kept in time order (a stable sort by `at_s`), so the timeline and the
//! JSON read from the first fault to the last. Times are rounded to the microsecond, the
//! engine's resolution, so that a fault toggled at 12.3456789 s does not lengthen share links
//! with digits the engine would drop anyway.
//!
//! A fault edit is refused in the learner's language when its index, its target or its start is
//! wrong (the editor's own rules: the target must be a component that kind of fault can strike,
//! and a fault starts within the run). Everything else is the validator's: the edit is refused
//! with the validator's message when the edited fault brings an error the scenario did not have
//! without it (a drop probability above 1, a `for_s` of 0, an overlap with a fault of the same
//! kind on the same target).

use mqlab_scenario::{validate, Errors, Fault, FaultKind, Scenario, ScenarioError};

use super::components::{ids_of, kind_of};
use super::errors::{locate, ErrorPlace};
use super::{ComponentKind, EditError};
use crate::i18n::Key;

/// A new link_loss fault drops every other transfer: enough to see the producer's retries and
/// the losses without confirms, not so much that nothing gets through.
pub const NEW_LINK_LOSS_PROBABILITY: f64 = 0.5;

/// A new slow_disk fault makes fsyncs ten times slower: the confirm latency of persistent
/// messages jumps visibly, within the validator's range of 1 to 1 000.
pub const NEW_SLOW_DISK_FACTOR: f64 = 10.0;

/// Microseconds per second: the engine's clock ticks in microseconds.
const US_PER_S: f64 = 1_000_000.0;

/// Every fault kind, in the order the fault editor offers them.
pub const FAULT_KINDS: [FaultKind; 5] = [
    FaultKind::CrashNode,
    FaultKind::SlowDisk,
    FaultKind::CrashConsumer,
    FaultKind::PartitionLink,
    FaultKind::LinkLoss,
];

/// The fault kinds that can strike a component of `kind`; none for exchanges and queues, which
/// fail only with the node they live on.
pub fn fault_kinds_for(kind: ComponentKind) -> &'static [FaultKind] {
    match kind {
        ComponentKind::Node => &[FaultKind::CrashNode, FaultKind::SlowDisk],
        ComponentKind::Consumer => &[FaultKind::CrashConsumer, FaultKind::PartitionLink, FaultKind::LinkLoss],
        ComponentKind::Producer => &[FaultKind::PartitionLink, FaultKind::LinkLoss],
        ComponentKind::Exchange | ComponentKind::Queue => &[],
    }
}

/// The kinds of component a fault of `kind` can strike (a link fault strikes the link of a
/// producer or a consumer).
pub fn target_kinds(kind: FaultKind) -> &'static [ComponentKind] {
    match kind {
        FaultKind::CrashNode | FaultKind::SlowDisk => &[ComponentKind::Node],
        FaultKind::CrashConsumer => &[ComponentKind::Consumer],
        FaultKind::PartitionLink | FaultKind::LinkLoss => &[ComponentKind::Producer, ComponentKind::Consumer],
    }
}

/// The ids a fault of `kind` can target in this scenario, in the scenario's order.
pub fn targets_for(s: &Scenario, kind: FaultKind) -> Vec<String> {
    target_kinds(kind).iter().flat_map(|component_kind| ids_of(s, *component_kind)).map(str::to_string).collect()
}

/// The kind's name as the scenario format writes it (`"crash_node"`), for `data-kind` and selects.
pub fn kind_name(kind: FaultKind) -> &'static str {
    kind.name()
}

/// The kind named `name` in the scenario format.
pub fn kind_from_name(name: &str) -> Option<FaultKind> {
    FAULT_KINDS.into_iter().find(|kind| kind_name(*kind) == name)
}

/// The kind's name for the learner.
pub fn kind_label(kind: FaultKind) -> Key {
    match kind {
        FaultKind::CrashNode => Key::FaultCrashNode,
        FaultKind::CrashConsumer => Key::FaultCrashConsumer,
        FaultKind::PartitionLink => Key::FaultPartitionLink,
        FaultKind::LinkLoss => Key::FaultLinkLoss,
        FaultKind::SlowDisk => Key::FaultSlowDisk,
    }
}

/// What the kind does, in one sentence, for the fault editor.
pub fn kind_help(kind: FaultKind) -> Key {
    match kind {
        FaultKind::CrashNode => Key::FaultCrashNodeHelp,
        FaultKind::CrashConsumer => Key::FaultCrashConsumerHelp,
        FaultKind::PartitionLink => Key::FaultPartitionLinkHelp,
        FaultKind::LinkLoss => Key::FaultLinkLossHelp,
        FaultKind::SlowDisk => Key::FaultSlowDiskHelp,
    }
}

/// What a fault of this kind can strike, as the end of a sentence ("a node").
pub fn targets_label(kind: FaultKind) -> Key {
    match kind {
        FaultKind::CrashNode | FaultKind::SlowDisk => Key::FaultTargetsNode,
        FaultKind::CrashConsumer => Key::FaultTargetsConsumer,
        FaultKind::PartitionLink | FaultKind::LinkLoss => Key::FaultTargetsLink,
    }
}

/// `seconds` on the engine's microsecond grid.
pub fn round_to_us(seconds: f64) -> f64 {
    (seconds * US_PER_S).round() / US_PER_S
}

fn to_us(seconds: f64) -> i64 {
    (seconds * US_PER_S).round() as i64
}

/// A new fault of `kind` on `target` from `at_s` to the end of the run, with the parameter its
/// kind needs ([`NEW_LINK_LOSS_PROBABILITY`], [`NEW_SLOW_DISK_FACTOR`]).
pub fn new_fault(kind: FaultKind, target: &str, at_s: f64) -> Fault {
    Fault {
        at_s: round_to_us(at_s),
        for_s: None,
        kind,
        target: target.to_string(),
        probability: (kind == FaultKind::LinkLoss).then_some(NEW_LINK_LOSS_PROBABILITY),
        factor: (kind == FaultKind::SlowDisk).then_some(NEW_SLOW_DISK_FACTOR),
    }
}

/// `fault` changed to `kind`: the parameter of the old kind goes, the new kind's is set if it
/// needs one, and a target the new kind cannot strike becomes the first one it can (or `""`
/// when there is none, which the fault editor then offers to pick).
pub fn with_kind(s: &Scenario, fault: &Fault, kind: FaultKind) -> Fault {
    let fits = kind_of(s, &fault.target).is_some_and(|k| target_kinds(kind).contains(&k));
    let target = if fits { fault.target.clone() } else { targets_for(s, kind).into_iter().next().unwrap_or_default() };
    Fault {
        kind,
        target,
        probability: match kind {
            FaultKind::LinkLoss => fault.probability.or(Some(NEW_LINK_LOSS_PROBABILITY)),
            _ => None,
        },
        factor: match kind {
            FaultKind::SlowDisk => fault.factor.or(Some(NEW_SLOW_DISK_FACTOR)),
            _ => None,
        },
        ..fault.clone()
    }
}

/// The fields of a scheduled fault the fault editor shows, as the format names them.
pub const FAULT_FIELDS: [&str; 6] = ["kind", "target", "at_s", "for_s", "probability", "factor"];

/// `fault` with one field set from what its input holds: a kind's or a target's name, or a
/// number's text. An empty `for_s` means to the end of the run; an empty `probability` or
/// `factor` leaves it out (the validator says so if the kind needs it). Changing the kind goes
/// through [`with_kind`]. Only the text is read here; the value is judged when the fault is
/// added or set.
pub fn with_field(s: &Scenario, fault: &Fault, field: &str, text: &str) -> Result<Fault, EditError> {
    let number = |text: &str| -> Result<Option<f64>, EditError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        match trimmed.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(Some(value)),
            _ => Err(EditError::NotANumber(text.to_string())),
        }
    };
    let mut changed = fault.clone();
    match field {
        "kind" => {
            let kind = kind_from_name(text).ok_or_else(|| EditError::UnknownField(text.to_string()))?;
            return Ok(with_kind(s, fault, kind));
        }
        "target" => changed.target = text.trim().to_string(),
        "at_s" => changed.at_s = number(text)?.ok_or_else(|| EditError::NotANumber(text.to_string()))?,
        "for_s" => changed.for_s = number(text)?,
        "probability" => changed.probability = number(text)?,
        "factor" => changed.factor = number(text)?,
        _ => return Err(EditError::UnknownField(field.to_string())),
    }
    Ok(changed)
}

/// When the fault ends, in seconds: `for_s` after its start, or the end of the run.
pub fn end_s(fault: &Fault, horizon_s: f64) -> f64 {
    match fault.for_s {
        Some(for_s) => fault.at_s + for_s,
        None => horizon_s.max(fault.at_s),
    }
}

/// Whether the fault is in effect at `now_s`: started at or before it and not yet ended.
pub fn in_effect(fault: &Fault, now_s: f64) -> bool {
    let (at_us, now_us) = (to_us(fault.at_s), to_us(now_s));
    at_us <= now_us && fault.for_s.is_none_or(|for_s| at_us.saturating_add(to_us(for_s)) > now_us)
}

/// The index of the fault of `kind` on `target` in effect at `now_s`, if one is.
pub fn fault_in_effect(s: &Scenario, kind: FaultKind, target: &str, now_s: f64) -> Option<usize> {
    s.faults.iter().position(|f| f.kind == kind && f.target == target && in_effect(f, now_s))
}

/// Adds `fault` in time order; returns the index it landed at.
pub fn add_fault(s: &mut Scenario, fault: Fault) -> Result<usize, EditError> {
    let fault = checked(s, fault)?;
    judge(s, &s.faults, &fault)?;
    Ok(place(&mut s.faults, fault))
}

/// Replaces the fault at `index` with `fault`, in time order; returns the index it moved to.
pub fn set_fault(s: &mut Scenario, index: usize, fault: Fault) -> Result<usize, EditError> {
    if index >= s.faults.len() {
        return Err(EditError::NoSuchFault(index));
    }
    let fault = checked(s, fault)?;
    let mut others = s.faults.clone();
    others.remove(index);
    judge(s, &others, &fault)?;
    s.faults = others;
    Ok(place(&mut s.faults, fault))
}

/// Removes the fault at `index`.
pub fn remove_fault(s: &mut Scenario, index: usize) -> Result<(), EditError> {
    if index >= s.faults.len() {
        return Err(EditError::NoSuchFault(index));
    }
    s.faults.remove(index);
    Ok(())
}

/// Crash or restart "now", from the canvas while a run plays. If a fault of `kind` on `target`
/// is in effect at `now_s`, it ends then (it is removed if it would last no time at all);
/// otherwise a fault starts then and lasts to the end of the run, or, when a later fault of the
/// same kind on the same target is scheduled, that fault starts now instead: the component was
/// going down then anyway, and two faults back to back would restart it for no time at all.
/// Returns the index of the fault started or ended, `None` when one was removed.
pub fn toggle_fault(s: &mut Scenario, kind: FaultKind, target: &str, now_s: f64) -> Result<Option<usize>, EditError> {
    check_target(s, kind, target)?;
    check_within_run(s, now_s)?;
    let now_s = round_to_us(now_s);
    if let Some(index) = fault_in_effect(s, kind, target, now_s) {
        let lasted_us = to_us(now_s) - to_us(s.faults[index].at_s);
        if lasted_us <= 0 {
            remove_fault(s, index)?;
            return Ok(None);
        }
        let ended = Fault { for_s: Some(lasted_us as f64 / US_PER_S), ..s.faults[index].clone() };
        return set_fault(s, index, ended).map(Some);
    }
    let later = s
        .faults
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == kind && f.target == target && to_us(f.at_s) > to_us(now_s))
        .min_by(|(_, a), (_, b)| a.at_s.total_cmp(&b.at_s))
        .map(|(index, _)| index);
    match later {
        Some(index) => {
            let next = &s.faults[index];
            let earlier = Fault {
                at_s: now_s,
                for_s: next.for_s.map(|for_s| (to_us(next.at_s) + to_us(for_s) - to_us(now_s)) as f64 / US_PER_S),
                ..next.clone()
            };
            set_fault(s, index, earlier).map(Some)
        }
        None => add_fault(s, new_fault(kind, target, now_s)).map(Some),
    }
}

/// One validator error about a scheduled fault, at the fault's field (`"at_s"`, `"probability"`,
/// `""` for the fault as a whole, such as an overlap).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultError {
    pub field: String,
    /// The validator's error; [`crate::i18n::scenario_error`] words it.
    pub error: ScenarioError,
}

/// The validator's errors about `faults[index]`, in the errors' order.
pub fn fault_errors(s: &Scenario, errors: &Errors, index: usize) -> Vec<FaultError> {
    errors
        .iter()
        .filter_map(|error| match locate(s, &error.path) {
            ErrorPlace::Fault { index: at, random: false, field } if at == index => {
                Some(FaultError { field, error: error.clone() })
            }
            _ => None,
        })
        .collect()
}

/// The fault with its times on the microsecond grid, refused if a number is not finite (it
/// could not be written as JSON), if it starts outside the run, or if its target is not one
/// its kind can strike.
fn checked(s: &Scenario, fault: Fault) -> Result<Fault, EditError> {
    for value in [Some(fault.at_s), fault.for_s, fault.probability, fault.factor].into_iter().flatten() {
        if !value.is_finite() {
            return Err(EditError::NotANumber(value.to_string()));
        }
    }
    check_within_run(s, fault.at_s)?;
    check_target(s, fault.kind, &fault.target)?;
    Ok(Fault { at_s: round_to_us(fault.at_s), for_s: fault.for_s.map(round_to_us), ..fault })
}

fn check_within_run(s: &Scenario, at_s: f64) -> Result<(), EditError> {
    if !at_s.is_finite() {
        return Err(EditError::NotANumber(at_s.to_string()));
    }
    if at_s < 0.0 || at_s > s.horizon_s {
        return Err(EditError::FaultOutsideRun { at_us: to_us(at_s), horizon_us: to_us(s.horizon_s) });
    }
    Ok(())
}

fn check_target(s: &Scenario, kind: FaultKind, target: &str) -> Result<(), EditError> {
    let found = kind_of(s, target);
    if found.is_some_and(|k| target_kinds(kind).contains(&k)) {
        return Ok(());
    }
    Err(EditError::FaultTarget { kind, target: target.to_string(), found })
}

/// Refuses `fault` if, added to `others`, it brings an error the scenario does not have with
/// `others` alone. The fault goes last, so that an overlap is reported at its own path.
fn judge(s: &Scenario, others: &[Fault], fault: &Fault) -> Result<(), EditError> {
    let mut without = s.clone();
    without.faults = others.to_vec();
    let mut with = without.clone();
    with.faults.push(fault.clone());
    let before = validate(&without).err().map(|e| e.0).unwrap_or_default();
    let Err(after) = validate(&with) else {
        return Ok(());
    };
    match after.iter().find(|error| !before.contains(error)) {
        Some(error) => Err(EditError::Invalid(error.clone())),
        None => Ok(()),
    }
}

/// Inserts `fault` after every fault that starts no later than it, sorting the list first (a
/// hand-written file may not be in time order); returns its index.
fn place(faults: &mut Vec<Fault>, fault: Fault) -> usize {
    faults.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
    let index = faults.partition_point(|f| f.at_s <= fault.at_s);
    faults.insert(index, fault);
    index
}

//! The messages a learner can pick after a run, and the life of one: lists read from the report
//! JSON's `examples`, and a worker trace turned into the rows of a vertical timeline.
//!
//! Plain Rust, tested natively (`tests/message_life.rs`); the panel that draws both is
//! `lab/messages_panel.rs`. Nothing here computes what the engine knows: the ids, counts, events
//! and outcome all come from the report and the trace; this module only groups and measures.

use std::rc::Rc;

use serde_json::Value;

use crate::i18n::Key;
use crate::sim_worker::protocol::{loss_cause_names, TraceView, WhatView};

/// A kind of notable ending the report lists examples of, in the order the panel shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Notable {
    Lost,
    Duplicated,
    OutOfOrder,
    Expired,
    DeadLettered,
    Rejected,
}

impl Notable {
    pub const ALL: [Notable; 6] = [
        Notable::Lost,
        Notable::Duplicated,
        Notable::OutOfOrder,
        Notable::Expired,
        Notable::DeadLettered,
        Notable::Rejected,
    ];

    /// The key of its list in the report's `examples`, also used in test ids.
    pub fn name(self) -> &'static str {
        match self {
            Notable::Lost => "lost",
            Notable::Duplicated => "duplicated",
            Notable::OutOfOrder => "out_of_order",
            Notable::Expired => "expired",
            Notable::DeadLettered => "dead_lettered",
            Notable::Rejected => "rejected",
        }
    }

    /// The report's `totals` entry counting this kind. For duplicates it counts extra effects
    /// (per message and queue), not messages.
    pub fn total_name(self) -> &'static str {
        match self {
            Notable::Duplicated => "duplicates",
            other => other.name(),
        }
    }

    /// The short label of its tab.
    pub fn label(self) -> Key {
        match self {
            Notable::Lost => Key::ListLost,
            Notable::Duplicated => Key::ListDuplicated,
            Notable::OutOfOrder => Key::ListOutOfOrder,
            Notable::Expired => Key::ListExpired,
            Notable::DeadLettered => Key::ListDeadLettered,
            Notable::Rejected => Key::ListRejected,
        }
    }

    /// The heading of its list.
    pub fn title(self) -> Key {
        match self {
            Notable::Lost => Key::ExamplesLost,
            Notable::Duplicated => Key::ExamplesDuplicated,
            Notable::OutOfOrder => Key::ExamplesOutOfOrder,
            Notable::Expired => Key::ExamplesExpired,
            Notable::DeadLettered => Key::ExamplesDeadLettered,
            Notable::Rejected => Key::ExamplesRejected,
        }
    }
}

/// One listed message: its id, and for a lost one the cause (a `LossCause::name`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedMessage {
    pub id: u64,
    pub cause: Option<String>,
}

/// The example ids of one kind of ending, with the report's total of that kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageGroup {
    pub kind: Notable,
    /// The report's examples, first appearance kept: a fanned-out message can be out of order
    /// in several queues and is listed once.
    pub messages: Vec<ListedMessage>,
    /// The report's count of this kind (`totals`), so the panel can say "showing 20 of 3,512".
    pub total: u64,
    /// For `Lost` only: every cause that lost messages, with its count (`lost_by_cause`), in the
    /// engine's order of causes. Empty for the other kinds.
    pub by_cause: Vec<(String, u64)>,
}

/// Every kind of notable ending of a run, always all six, in [`Notable::ALL`] order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageLists {
    pub groups: Vec<MessageGroup>,
}

impl MessageLists {
    /// Reads the lists from a report JSON (`mqlab_scenario::report_to_json`). A missing or
    /// malformed part is an error naming its path (`examples.lost[2].cause`).
    pub fn from_report_json(report: &Value) -> Result<MessageLists, String> {
        let examples = object_at(report, "examples")?;
        let totals = object_at(report, "totals")?;
        let mut groups = Vec::with_capacity(Notable::ALL.len());
        for kind in Notable::ALL {
            let path = format!("examples.{}", kind.name());
            let list = examples
                .get(kind.name())
                .ok_or_else(|| format!("{path}: missing"))?
                .as_array()
                .ok_or_else(|| format!("{path}: expected a list"))?;
            let mut messages: Vec<ListedMessage> = Vec::with_capacity(list.len());
            for (i, entry) in list.iter().enumerate() {
                let at = format!("{path}[{i}]");
                let message = if kind == Notable::Lost {
                    let id = entry.get("id").ok_or_else(|| format!("{at}.id: missing"))?;
                    let cause = entry.get("cause").ok_or_else(|| format!("{at}.cause: missing"))?;
                    ListedMessage {
                        id: whole_number(id, &format!("{at}.id"))?,
                        cause: Some(
                            cause.as_str().ok_or_else(|| format!("{at}.cause: expected a cause name"))?.to_string(),
                        ),
                    }
                } else {
                    ListedMessage { id: whole_number(entry, &at)?, cause: None }
                };
                if !messages.iter().any(|m| m.id == message.id) {
                    messages.push(message);
                }
            }
            let total_path = format!("totals.{}", kind.total_name());
            let total = whole_number(
                totals.get(kind.total_name()).ok_or_else(|| format!("{total_path}: missing"))?,
                &total_path,
            )?;
            let by_cause = if kind == Notable::Lost { lost_by_cause(report)? } else { Vec::new() };
            groups.push(MessageGroup { kind, messages, total, by_cause });
        }
        Ok(MessageLists { groups })
    }

    /// The group of one kind.
    pub fn group(&self, kind: Notable) -> Option<&MessageGroup> {
        self.groups.iter().find(|g| g.kind == kind)
    }

    /// Whether the run listed no message at all.
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.messages.is_empty())
    }
}

fn object_at<'a>(report: &'a Value, key: &str) -> Result<&'a serde_json::Map<String, Value>, String> {
    report
        .get(key)
        .ok_or_else(|| format!("{key}: missing"))?
        .as_object()
        .ok_or_else(|| format!("{key}: expected an object"))
}

fn whole_number(value: &Value, path: &str) -> Result<u64, String> {
    value.as_u64().ok_or_else(|| format!("{path}: expected a whole number ≥ 0, found {value}"))
}

/// The report's `lost_by_cause`, causes with losses only: the engine's causes in its order,
/// then any other name the report carries (a newer engine's), alphabetically.
fn lost_by_cause(report: &Value) -> Result<Vec<(String, u64)>, String> {
    let causes = object_at(report, "lost_by_cause")?;
    let mut names = loss_cause_names();
    let mut others: Vec<String> = causes.keys().filter(|k| !names.contains(k)).cloned().collect();
    others.sort();
    names.extend(others);
    let mut counts = Vec::new();
    for name in names {
        let Some(count) = causes.get(&name) else {
            continue;
        };
        let count = whole_number(count, &format!("lost_by_cause.{name}"))?;
        if count > 0 {
            counts.push((name, count));
        }
    }
    Ok(counts)
}

/// The kind of a step in a message's life, as the timeline draws it: several of the engine's
/// steps ([`WhatView`]) look alike (every refusal, every drop on the way).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// The producer made it: `produced (key K, seq S)`.
    Created,
    /// The first publish: `sent (attempt 1)`.
    Sent,
    /// A publish after a nack or a time-out: `sent (attempt N)`, N > 1.
    Resent,
    /// The outbox, a node, a queue or the exchange's bindings would not take it.
    Refused,
    /// Stored in a queue.
    Queued,
    /// Copied to a replica node.
    Replicated,
    /// Written to a node's disk (fsync).
    Persisted,
    Delivered,
    Redelivered,
    /// A copy ended here unprocessed: on a link, pushed out of a full queue, nacked away.
    Dropped,
    /// A copy ended in a crash: of a broker node, or of the consumer holding it.
    Crashed,
    /// The consumer's dedupe store already had its id.
    Skipped,
    Processing,
    Failed,
    /// Its effect reached the store (the first time in that queue, or from a dead-letter queue).
    Processed,
    /// Its effect reached the store again: a duplicate.
    ProcessedAgain,
    OutOfOrder,
    Acked,
    Requeued,
    Confirmed,
    Nacked,
    TimedOut,
    GaveUp,
    Expired,
    DeadLettered,
}

impl Step {
    pub const ALL: [Step; 25] = [
        Step::Created,
        Step::Sent,
        Step::Resent,
        Step::Refused,
        Step::Queued,
        Step::Replicated,
        Step::Persisted,
        Step::Delivered,
        Step::Redelivered,
        Step::Dropped,
        Step::Crashed,
        Step::Skipped,
        Step::Processing,
        Step::Failed,
        Step::Processed,
        Step::ProcessedAgain,
        Step::OutOfOrder,
        Step::Acked,
        Step::Requeued,
        Step::Confirmed,
        Step::Nacked,
        Step::TimedOut,
        Step::GaveUp,
        Step::Expired,
        Step::DeadLettered,
    ];

    /// The kind of one of the engine's steps.
    pub fn of(what: WhatView) -> Step {
        match what {
            WhatView::Produced { .. } => Step::Created,
            WhatView::Sent { attempt: 0 | 1 } => Step::Sent,
            WhatView::Sent { .. } => Step::Resent,
            WhatView::OutboxFull
            | WhatView::NodeDown
            | WhatView::Unroutable
            | WhatView::QueueUnavailable
            | WhatView::QueueFullRejectPublish
            | WhatView::QueueFullRejectPublishDlx => Step::Refused,
            WhatView::Stored => Step::Queued,
            WhatView::Replicated => Step::Replicated,
            WhatView::WrittenToDisk => Step::Persisted,
            WhatView::Delivered { redelivery: false } => Step::Delivered,
            WhatView::Delivered { redelivery: true } => Step::Redelivered,
            WhatView::DroppedOnProducerLink
            | WhatView::DroppedOnConsumerLink
            | WhatView::PushedOutDropHead
            | WhatView::NackedWithoutRequeue => Step::Dropped,
            WhatView::LostInBrokerCrash | WhatView::ConsumerCrashed => Step::Crashed,
            WhatView::SkippedDuplicate => Step::Skipped,
            WhatView::ProcessingStarted => Step::Processing,
            WhatView::ProcessingFailed => Step::Failed,
            WhatView::Processed { first: true } | WhatView::ProcessedFromDeadLetterQueue => Step::Processed,
            WhatView::Processed { first: false } => Step::ProcessedAgain,
            WhatView::OutOfOrder => Step::OutOfOrder,
            WhatView::Acked => Step::Acked,
            WhatView::NackedRequeued => Step::Requeued,
            WhatView::Confirmed => Step::Confirmed,
            WhatView::NackedByBroker => Step::Nacked,
            WhatView::ConfirmTimedOut => Step::TimedOut,
            WhatView::GaveUp => Step::GaveUp,
            WhatView::Expired => Step::Expired,
            WhatView::DeadLettered => Step::DeadLettered,
        }
    }

    /// The `data-kind` value of its row.
    pub fn name(self) -> &'static str {
        match self {
            Step::Created => "created",
            Step::Sent => "sent",
            Step::Resent => "resent",
            Step::Refused => "refused",
            Step::Queued => "queued",
            Step::Replicated => "replicated",
            Step::Persisted => "persisted",
            Step::Delivered => "delivered",
            Step::Redelivered => "redelivered",
            Step::Dropped => "dropped",
            Step::Crashed => "crashed",
            Step::Skipped => "skipped",
            Step::Processing => "processing",
            Step::Failed => "failed",
            Step::Processed => "processed",
            Step::ProcessedAgain => "processed_again",
            Step::OutOfOrder => "out_of_order",
            Step::Acked => "acked",
            Step::Requeued => "requeued",
            Step::Confirmed => "confirmed",
            Step::Nacked => "nacked",
            Step::TimedOut => "timed_out",
            Step::GaveUp => "gave_up",
            Step::Expired => "expired",
            Step::DeadLettered => "dead_lettered",
        }
    }

    /// Its label in the timeline (the step's sentence, [`crate::i18n::trace_what`], goes beside
    /// it).
    pub fn label(self) -> Key {
        match self {
            Step::Created => Key::StepCreated,
            Step::Sent => Key::StepSent,
            Step::Resent => Key::StepResent,
            Step::Refused => Key::StepRefused,
            Step::Queued => Key::StepQueued,
            Step::Replicated => Key::StepReplicated,
            Step::Persisted => Key::StepPersisted,
            Step::Delivered => Key::StepDelivered,
            Step::Redelivered => Key::StepRedelivered,
            Step::Dropped => Key::StepDropped,
            Step::Crashed => Key::StepCrashed,
            Step::Skipped => Key::StepSkipped,
            Step::Processing => Key::StepProcessing,
            Step::Failed => Key::StepFailed,
            Step::Processed => Key::StepProcessed,
            Step::ProcessedAgain => Key::StepProcessedAgain,
            Step::OutOfOrder => Key::StepOutOfOrder,
            Step::Acked => Key::StepAcked,
            Step::Requeued => Key::StepRequeued,
            Step::Confirmed => Key::StepConfirmed,
            Step::Nacked => Key::StepNacked,
            Step::TimedOut => Key::StepTimedOut,
            Step::GaveUp => Key::StepGaveUp,
            Step::Expired => Key::StepExpired,
            Step::DeadLettered => Key::StepDeadLettered,
        }
    }

    /// Where a loss of `cause` can strike, for a loss that left no event of its own: the last
    /// step of these before the outcome names the place. A copy held in a node's memory, for
    /// one, vanishes with the node's crash without a line in the trace.
    fn where_cause_strikes(cause: &str) -> &'static [Step] {
        match cause {
            "network" => &[Step::Dropped, Step::Sent, Step::Resent],
            "broker_crash" => &[Step::Crashed, Step::Queued, Step::Replicated, Step::Persisted],
            "consumer_crash" | "consumer_link" => {
                &[Step::Crashed, Step::Dropped, Step::Delivered, Step::Redelivered, Step::Processing]
            }
            "discarded" => &[Step::Dropped, Step::Failed],
            "broker_down" | "unroutable" | "queue_unavailable" => &[Step::Refused],
            "overflow" => &[Step::Dropped, Step::Refused],
            _ => &[Step::Dropped, Step::Crashed, Step::Refused],
        }
    }

    /// The steps that decide an outcome, whose place the end row names.
    fn deciding(outcome: &str) -> &'static [Step] {
        match outcome {
            "processed" => &[Step::Processed, Step::Skipped],
            "expired" => &[Step::Expired],
            "dead_lettered" => &[Step::DeadLettered],
            "rejected" => &[Step::GaveUp, Step::Refused],
            _ => &[],
        }
    }
}

/// One row of the timeline: an event of the trace, measured.
#[derive(Clone, Debug, PartialEq)]
pub struct LifeRow {
    pub step: Step,
    pub t_us: u64,
    /// Time since the previous event (0 for the first).
    pub since_previous_us: u64,
    /// Time since the message was made.
    pub since_birth_us: u64,
    /// The component's id in the scenario (or the engine's `store`).
    pub place: String,
    /// What happened: [`crate::i18n::trace_what`] words it.
    pub what: WhatView,
    /// `since_previous_us` on a log scale against the largest gap of the life, in [0, 1]: the
    /// height of the row's gap bar. Logarithmic, because a life spans microseconds (a hop) to
    /// seconds (a crash, a retry back-off) and a linear bar would show only the longest wait.
    pub gap_weight: f64,
}

/// How the life ended: the outcome, when it was decided and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifeEnd {
    /// `processed`, `lost`, `expired`, `dead_lettered`, `rejected`, or `in_flight` when the run
    /// ended with the message still under way.
    pub outcome: String,
    /// The loss cause (a `LossCause::name`) when lost.
    pub cause: Option<String>,
    /// When the outcome was decided; `None` in flight.
    pub t_us: Option<u64>,
    pub since_birth_us: Option<u64>,
    /// The component where it was decided: for a loss, where the message was lost.
    pub place: Option<String>,
}

/// The life of one message, ready for the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct LifeView {
    pub message_id: u64,
    /// Whether the run made a message with this id at all.
    pub found: bool,
    pub rows: Vec<LifeRow>,
    pub end: LifeEnd,
    /// From birth to the outcome; `None` in flight.
    pub lifetime_us: Option<u64>,
    /// The components it visited, each once, in the order it first reached them.
    pub path: Vec<String>,
}

impl LifeView {
    pub fn from_trace(trace: &TraceView) -> LifeView {
        let birth_us = trace
            .events
            .iter()
            .find(|e| Step::of(e.what) == Step::Created)
            .or(trace.events.first())
            .map_or(0, |e| e.t_us);
        let mut rows: Vec<LifeRow> = Vec::with_capacity(trace.events.len());
        let mut previous_us = None;
        for event in &trace.events {
            rows.push(LifeRow {
                step: Step::of(event.what),
                t_us: event.t_us,
                since_previous_us: previous_us.map_or(0, |p| event.t_us.saturating_sub(p)),
                since_birth_us: event.t_us.saturating_sub(birth_us),
                place: event.place.clone(),
                what: event.what,
                gap_weight: 0.0,
            });
            previous_us = Some(event.t_us);
        }
        let largest_gap_us = rows.iter().map(|r| r.since_previous_us).max().unwrap_or(0);
        for row in &mut rows {
            row.gap_weight = gap_weight(row.since_previous_us, largest_gap_us);
        }

        let outcome = trace.outcome.clone().unwrap_or_else(|| "in_flight".to_string());
        let t_us = trace.outcome.as_ref().and(trace.outcome_us);
        let place = t_us.and_then(|at| {
            let deciding = match &trace.loss_cause {
                Some(cause) => Step::where_cause_strikes(cause),
                None => Step::deciding(&outcome),
            };
            let before: Vec<&LifeRow> = rows.iter().filter(|r| r.t_us <= at).collect();
            before.iter().rev().find(|r| deciding.contains(&r.step)).or(before.last()).map(|r| r.place.clone())
        });
        let since_birth_us = t_us.map(|at| at.saturating_sub(birth_us));
        let mut path: Vec<String> = Vec::new();
        for row in &rows {
            if !path.contains(&row.place) {
                path.push(row.place.clone());
            }
        }
        LifeView {
            message_id: trace.message_id,
            found: trace.found,
            rows,
            end: LifeEnd { outcome, cause: trace.loss_cause.clone(), t_us, since_birth_us, place },
            lifetime_us: since_birth_us,
            path,
        }
    }

    /// How many times its effect reached a store: more than one is a duplicate.
    pub fn processings(&self) -> usize {
        self.rows.iter().filter(|r| matches!(r.step, Step::Processed | Step::ProcessedAgain)).count()
    }
}

/// A gap on a log scale against the largest gap, in [0, 1]; 0 when nothing waited.
pub fn gap_weight(gap_us: u64, largest_gap_us: u64) -> f64 {
    if gap_us == 0 || largest_gap_us == 0 {
        return 0.0;
    }
    ((1.0 + gap_us as f64).ln() / (1.0 + largest_gap_us as f64).ln()).clamp(0.0, 1.0)
}

/// Microseconds as milliseconds with exactly three decimals (`12.345`), in integer arithmetic
/// as `mqlab trace` prints them.
pub fn ms_3(t_us: u64) -> String {
    format!("{}.{:03}", t_us / 1_000, t_us % 1_000)
}

/// A count with thousands separators (`3,512`), as the page writes counts in both languages.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push(',');
        }
        text.push(c);
    }
    text
}

/// The state of the trace the messages panel shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum TraceState {
    /// Nothing picked yet.
    #[default]
    None,
    /// The worker is re-running the scenario to trace this message.
    Loading(u64),
    Ready(Rc<TraceView>),
    Failed {
        message_id: u64,
        message: String,
    },
}

/// Why the text in the "trace message #" field is not a message id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    Empty,
    /// Not a whole number of 0 or more (a sign, a fraction, letters).
    NotAWholeNumber,
    /// Digits only, but beyond any id a run can make.
    TooLarge,
}

impl IdProblem {
    /// What the field says about it.
    pub fn key(self) -> Key {
        match self {
            IdProblem::Empty => Key::TraceIdEmpty,
            IdProblem::NotAWholeNumber => Key::TraceIdNotWhole,
            IdProblem::TooLarge => Key::TraceIdTooLarge,
        }
    }
}

/// The message id typed in the trace field: digits, with spaces around and an optional leading
/// `#` (the panel writes ids as `#42`).
pub fn parse_message_id(text: &str) -> Result<u64, IdProblem> {
    let text = text.trim();
    let digits = text.strip_prefix('#').unwrap_or(text).trim();
    if digits.is_empty() {
        return Err(IdProblem::Empty);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(IdProblem::NotAWholeNumber);
    }
    digits.parse::<u64>().map_err(|_| IdProblem::TooLarge)
}

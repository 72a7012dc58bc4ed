//! The life of one message: every step with its virtual time and place, ending in its outcome.
//!
//! Tracing re-runs the scenario with a filter on one message id, so ordinary runs pay only a
//! branch per step.

use crate::report::Outcome;
use crate::time::TimeUs;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceEvent {
    pub t_us: TimeUs,
    /// The component where it happened (its id in the scenario).
    pub place: String,
    pub what: String,
}

pub(crate) struct TraceRecorder {
    pub message_id: u64,
    pub events: Vec<TraceEvent>,
    pub outcome: Option<crate::report::Outcome>,
    pub outcome_us: Option<TimeUs>,
}

impl TraceRecorder {
    pub fn new(message_id: u64) -> TraceRecorder {
        TraceRecorder { message_id, events: Vec::new(), outcome: None, outcome_us: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub message_id: u64,
    /// Whether the run made a message with this id at all.
    pub found: bool,
    pub events: Vec<TraceEvent>,
    /// `None` when the run ended with the message still in flight.
    pub outcome: Option<Outcome>,
    /// When the outcome was decided. Not always the last event's time: a message counts as
    /// processed at its first processing in every queue, and a redelivery may follow; some
    /// losses (a copy held in a crashed node's memory) leave no event of their own.
    pub outcome_us: Option<TimeUs>,
}

impl Trace {
    /// The outcome as one line, with the loss cause where there is one.
    pub fn outcome_line(&self) -> String {
        match self.outcome {
            None => "outcome: in flight at the end of the run".to_string(),
            Some(Outcome::Lost(cause)) => format!("outcome: lost ({})", cause.name()),
            Some(o) => format!("outcome: {}", o.name()),
        }
    }
}

//! Scenario errors: each names the path of the offending field and says what is wrong with it.

use std::fmt;

/// One problem with a scenario, at a path such as `producers[1].rate_per_s`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// Where the problem is, in the scenario's JSON (`queues[2].placement.nodes`); empty when it
    /// concerns the text as a whole (a JSON syntax error, an oversized file).
    pub path: String,
    /// What is wrong, in words a learner understands (English, as the CLI prints it).
    pub message: String,
    /// The same as data, when the validator names it: the page words it in the learner's
    /// language. `None` for the parser's messages (serde_json's words) and the checks not yet
    /// named here.
    pub problem: Option<Problem>,
}

impl ScenarioError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            path: path.into(),
            message: message.into(),
            problem: None,
        }
    }

    /// An error whose message is `problem`'s English.
    pub fn of(path: impl Into<String>, problem: Problem) -> Self {
        ScenarioError {
            path: path.into(),
            message: problem.to_string(),
            problem: Some(problem),
        }
    }
}

/// A kind of component with an id, as a problem names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdKind {
    Node,
    Producer,
    Exchange,
    Queue,
    Consumer,
}

impl IdKind {
    /// Its English word: `node`, `producer`, …
    pub fn word(self) -> &'static str {
        match self {
            IdKind::Node => "node",
            IdKind::Producer => "producer",
            IdKind::Exchange => "exchange",
            IdKind::Queue => "queue",
            IdKind::Consumer => "consumer",
        }
    }

    /// The word with its article: `a node`, `an exchange`.
    pub fn with_article(self) -> String {
        let word = self.word();
        if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
            format!("an {word}")
        } else {
            format!("a {word}")
        }
    }
}

/// What the validator found, as data. Values are already written as a learner reads them
/// (`num`: `0.25`, `1e12`; ids quoted the way the message shows them). `Display` is the English
/// message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A number field holds NaN.
    NotANumber,
    NotFinite {
        value: String,
    },
    Negative {
        value: String,
    },
    /// `limit` may carry a readable duration after it: `86400 (24 h)`.
    AboveLimit {
        value: String,
        limit: String,
    },
    BelowMinimum {
        value: String,
        minimum: String,
    },
    MustBeAboveZero,
    RoundsToZero {
        value: String,
    },
    NotAProbability {
        value: String,
    },
    TooManyBytes {
        bytes: usize,
        limit: usize,
    },
    TooManyChars {
        chars: usize,
        limit: usize,
    },
    TooManyEntries {
        entries: usize,
        limit: usize,
    },
    MustNotBeEmpty,
    IdEmpty,
    IdHasSpace {
        id: String,
    },
    IdTaken {
        id: String,
        first_path: String,
    },
    NoSuchId {
        kind: IdKind,
        id: String,
    },
    /// The id exists, but names a component of another kind.
    IdOfOtherKind {
        kind: IdKind,
        id: String,
        other: IdKind,
    },
    NoNodes,
    NoSuchClient {
        id: String,
    },
    /// A link names a component that is neither a producer nor a consumer.
    ClientOfOtherKind {
        id: String,
        other: IdKind,
    },
    ListedTwice {
        id: String,
    },
    /// A binding repeats `bindings[first]`.
    SameBinding {
        first: usize,
    },
    HeaderNameEmpty,
    /// A mirrored or quorum queue placed on fewer than 2 nodes (`mode` as the format spells it).
    NeedsTwoNodes {
        mode: String,
    },
    /// Overflow `reject_publish_dlx` on a queue without a dead-letter exchange.
    DlxOverflowNeedsDlx,
    OnlyWithDeadLetterExchange,
    /// A uniform service time whose `max_ms` is below its `min_ms`.
    MaxBelowMin {
        max: String,
        min: String,
    },
    StopNotAfterStart {
        stop: String,
        start: String,
    },
    LinkLossNeedsProbability,
    SlowDiskNeedsFactor,
    /// Two faults of one kind on one target overlap in time; `earlier` is the first one's path.
    FaultsOverlap {
        earlier: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotANumber => f.write_str("NaN is not a number"),
            Problem::NotFinite { value } => write!(f, "{value} is not a finite number"),
            Problem::Negative { value } => write!(f, "{value} is negative; it must be 0 or more"),
            Problem::AboveLimit { value, limit } => {
                write!(f, "{value} is above the limit of {limit}")
            }
            Problem::BelowMinimum { value, minimum } => {
                write!(f, "{value} is below the minimum of {minimum}")
            }
            Problem::MustBeAboveZero => f.write_str("must be above 0"),
            Problem::RoundsToZero { value } => {
                write!(f, "{value} rounds to 0 µs; it must be above 0")
            }
            Problem::NotAProbability { value } => {
                write!(
                    f,
                    "{value} is not a probability; it must be between 0 and 1"
                )
            }
            Problem::TooManyBytes { bytes, limit } => {
                write!(f, "is {bytes} bytes long; the limit is {limit}")
            }
            Problem::TooManyChars { chars, limit } => {
                write!(f, "is {chars} characters long; the limit is {limit}")
            }
            Problem::TooManyEntries { entries, limit } => {
                write!(f, "has {entries} entries; the limit is {limit}")
            }
            Problem::MustNotBeEmpty => f.write_str("must not be empty"),
            Problem::IdEmpty => f.write_str("an id must not be empty"),
            Problem::IdHasSpace { id } => {
                write!(f, "\"{id}\" contains a space or control character")
            }
            Problem::IdTaken { id, first_path } => {
                write!(
                    f,
                    "\"{id}\" is already the id of {first_path}; ids must be unique"
                )
            }
            Problem::NoSuchId { kind, id } => write!(f, "no {} with id \"{id}\"", kind.word()),
            Problem::IdOfOtherKind { kind, id, other } => write!(
                f,
                "no {} with id \"{id}\" (\"{id}\" is {})",
                kind.word(),
                other.with_article()
            ),
            Problem::NoNodes => {
                f.write_str("the scenario has no nodes; add a broker node to \"nodes\"")
            }
            Problem::NoSuchClient { id } => write!(f, "no producer or consumer with id \"{id}\""),
            Problem::ListedTwice { id } => write!(f, "\"{id}\" is listed twice"),
            Problem::SameBinding { first } => write!(f, "the same binding as bindings[{first}]"),
            Problem::HeaderNameEmpty => f.write_str("a header name must not be empty"),
            Problem::NeedsTwoNodes { mode } => write!(f, "a {mode} queue needs at least 2 nodes"),
            Problem::DlxOverflowNeedsDlx => {
                f.write_str("reject_publish_dlx needs a dead_letter_exchange")
            }
            Problem::OnlyWithDeadLetterExchange => {
                f.write_str("only used with a dead_letter_exchange")
            }
            Problem::MaxBelowMin { max, min } => write!(f, "{max} is below min_ms ({min})"),
            Problem::StopNotAfterStart { stop, start } => {
                write!(f, "{stop} is not after start_s ({start})")
            }
            Problem::LinkLossNeedsProbability => f.write_str(
                "missing; a link_loss fault needs the probability of dropping a transfer",
            ),
            Problem::SlowDiskNeedsFactor => {
                f.write_str("missing; a slow_disk fault needs the factor by which fsyncs slow down")
            }
            Problem::FaultsOverlap { earlier } => write!(
                f,
                "overlaps {earlier} on the same target; faults of one kind on one target must \
                 not overlap"
            ),
            Problem::ClientOfOtherKind { id, other } => write!(
                f,
                "no producer or consumer with id \"{id}\" (\"{id}\" is {}; a link belongs to a \
                 producer or a consumer)",
                other.with_article()
            ),
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// Every problem found in a scenario, in the order of the scenario's fields. Never empty when
/// returned as an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Errors(pub Vec<ScenarioError>);

impl Errors {
    pub fn one(path: impl Into<String>, message: impl Into<String>) -> Self {
        Errors(vec![ScenarioError::new(path, message)])
    }

    pub fn iter(&self) -> std::slice::Iter<'_, ScenarioError> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One error per line.
impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl<'a> IntoIterator for &'a Errors {
    type Item = &'a ScenarioError;
    type IntoIter = std::slice::Iter<'a, ScenarioError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

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
        ScenarioError { path: path.into(), message: message.into(), problem: None }
    }

    /// An error whose message is `problem`'s English.
    pub fn of(path: impl Into<String>, problem: Problem) -> Self {
        ScenarioError { path: path.into(), message: problem.to_string(), problem: Some(problem) }
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
    UnsupportedVersion {
        version: String,
    },
    /// The producers' estimated messages over the run exceed the format's limit.
    TooManyMessages {
        estimate: String,
        limit: String,
    },
    /// Faults, random faults and link partitions together.
    TooManyFaults {
        total: usize,
        limit: usize,
    },
    /// `x_match` on an exchange of `kind` (not headers).
    XMatchOnlyForHeaders {
        kind: String,
    },
    QuorumAlwaysDurable,
    /// Binding headers towards `exchange`, whose kind is `kind` (not headers).
    HeadersOnlyForHeaders {
        exchange: String,
        kind: String,
    },
    /// A bursts field on a producer of another rate shape.
    OnlyWithBursts {
        shape: String,
    },
    OnlyWithSchedule {
        shape: String,
    },
    PoissonOnlyWithBurstsOrSchedule {
        shape: String,
    },
    RateNotWithSchedule,
    RateMissing {
        shape: String,
    },
    BurstRateMissing,
    BurstLengthMissing,
    /// Bursts every `every` s, each lasting longer (`burst` s).
    BurstsOverlap {
        every: String,
        burst: String,
    },
    StepsMissing,
    NoSteps,
    /// A step at `at` s is not after step `previous_index`, at `previous` s.
    StepsOutOfOrder {
        at: String,
        previous_index: usize,
        previous: String,
    },
    /// `probability` on a fault of `kind` (not link_loss).
    ProbabilityOnlyForLinkLoss {
        kind: String,
    },
    /// `factor` on a fault of `kind` (not slow_disk).
    FactorOnlyForSlowDisk {
        kind: String,
    },
    /// A random fault with mean time between failures `mtbf` s over a `horizon` s run.
    TooManyStrikes {
        mtbf: String,
        horizon: String,
        strikes: String,
        limit: String,
    },
    LayoutKey {
        limit: usize,
    },
    /// A layout coordinate beyond ±`limit`.
    OutsideCanvas {
        value: String,
        limit: String,
    },
    /// Chart buckets of `bucket` ms over a `horizon` s run.
    TooManyBuckets {
        bucket: String,
        horizon: String,
        buckets: u64,
        limit: u64,
    },
    /// Errors past the most the validator lists, counted.
    MoreErrors {
        count: usize,
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
                write!(f, "{value} is not a probability; it must be between 0 and 1")
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
                write!(f, "\"{id}\" is already the id of {first_path}; ids must be unique")
            }
            Problem::NoSuchId { kind, id } => write!(f, "no {} with id \"{id}\"", kind.word()),
            Problem::IdOfOtherKind { kind, id, other } => {
                write!(f, "no {} with id \"{id}\" (\"{id}\" is {})", kind.word(), other.with_article())
            }
            Problem::NoNodes => f.write_str("the scenario has no nodes; add a broker node to \"nodes\""),
            Problem::NoSuchClient { id } => write!(f, "no producer or consumer with id \"{id}\""),
            Problem::ListedTwice { id } => write!(f, "\"{id}\" is listed twice"),
            Problem::SameBinding { first } => write!(f, "the same binding as bindings[{first}]"),
            Problem::HeaderNameEmpty => f.write_str("a header name must not be empty"),
            Problem::NeedsTwoNodes { mode } => write!(f, "a {mode} queue needs at least 2 nodes"),
            Problem::DlxOverflowNeedsDlx => f.write_str("reject_publish_dlx needs a dead_letter_exchange"),
            Problem::OnlyWithDeadLetterExchange => f.write_str("only used with a dead_letter_exchange"),
            Problem::MaxBelowMin { max, min } => write!(f, "{max} is below min_ms ({min})"),
            Problem::StopNotAfterStart { stop, start } => {
                write!(f, "{stop} is not after start_s ({start})")
            }
            Problem::LinkLossNeedsProbability => {
                f.write_str("missing; a link_loss fault needs the probability of dropping a transfer")
            }
            Problem::SlowDiskNeedsFactor => {
                f.write_str("missing; a slow_disk fault needs the factor by which fsyncs slow down")
            }
            Problem::FaultsOverlap { earlier } => write!(
                f,
                "overlaps {earlier} on the same target; faults of one kind on one target must \
                 not overlap"
            ),
            Problem::UnsupportedVersion { version } => {
                write!(f, "{version} is not supported; this lab reads version {}", crate::schema::VERSION)
            }
            Problem::TooManyMessages { estimate, limit } => write!(
                f,
                "together they would create about {estimate} messages (each one's highest rate \
                 × its active time); the limit is {limit}"
            ),
            Problem::TooManyFaults { total, limit } => write!(
                f,
                "{total} faults in all (faults, random_faults and link partitions); the limit \
                 is {limit}"
            ),
            Problem::XMatchOnlyForHeaders { kind } => {
                write!(f, "only used by a headers exchange (this one is {kind})")
            }
            Problem::QuorumAlwaysDurable => {
                f.write_str("a quorum queue is always durable; set durable to true or leave it out")
            }
            Problem::HeadersOnlyForHeaders { exchange, kind } => {
                write!(f, "only used by a headers exchange (\"{exchange}\" is {kind})")
            }
            Problem::OnlyWithBursts { shape } => {
                write!(f, "only used with shape bursts (this producer's shape is {shape})")
            }
            Problem::OnlyWithSchedule { shape } => {
                write!(f, "only used with shape schedule (this producer's shape is {shape})")
            }
            Problem::PoissonOnlyWithBurstsOrSchedule { shape } => write!(
                f,
                "only used with shapes bursts and schedule (this producer's shape is {shape}; \
                 shape poisson already means Poisson arrivals)"
            ),
            Problem::RateNotWithSchedule => f.write_str("not used with shape schedule; give the rates in steps"),
            Problem::RateMissing { shape } => write!(f, "missing; shape {shape} needs a rate"),
            Problem::BurstRateMissing => f.write_str("missing; shape bursts needs the rate during a burst"),
            Problem::BurstLengthMissing => f.write_str("missing; shape bursts needs how long a burst lasts"),
            Problem::BurstsOverlap { every, burst } => {
                write!(f, "{every} is shorter than burst_s ({burst}); bursts would overlap")
            }
            Problem::StepsMissing => {
                f.write_str("missing; shape schedule needs steps: [{\"at_s\": 0, \"rate_per_s\": 100}, ...]")
            }
            Problem::NoSteps => f.write_str("a schedule needs at least one step"),
            Problem::StepsOutOfOrder { at, previous_index, previous } => write!(
                f,
                "{at} is not after steps[{previous_index}].at_s ({previous}); steps must be in \
                 time order"
            ),
            Problem::ProbabilityOnlyForLinkLoss { kind } => {
                write!(f, "only used by link_loss faults (this one is {kind})")
            }
            Problem::FactorOnlyForSlowDisk { kind } => {
                write!(f, "only used by slow_disk faults (this one is {kind})")
            }
            Problem::TooManyStrikes { mtbf, horizon, strikes, limit } => write!(
                f,
                "{mtbf} s over a {horizon} s run would strike about {strikes} times; the limit \
                 is {limit}"
            ),
            Problem::LayoutKey { limit } => {
                write!(f, "a layout key is a component id of 1 to {limit} characters")
            }
            Problem::OutsideCanvas { value, limit } => write!(f, "{value} is outside ±{limit}"),
            Problem::TooManyBuckets { bucket, horizon, buckets, limit } => write!(
                f,
                "{bucket} ms buckets over a {horizon} s horizon make {buckets} buckets; the \
                 limit is {limit}"
            ),
            Problem::MoreErrors { count } => write!(f, "... and {count} more errors"),
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

//! The inspector's catalogue: every switch of every component kind (and of the scenario), with
//! its group, unit, input, label, one-line help and lesson.
//!
//! A field's `key` is its path in the component's JSON, dots for nested objects
//! (`"confirm"`, `"link.latency_ms"`, `"service.mean_ms"`, `"placement.nodes"`), exactly as
//! validator paths name it after the component (`producers[0].link.latency_ms`). Limits come from
//! the engine's and the format's limit constants, so the inspector and the validator agree on
//! them. A test serializes a component with every field set and checks that each of its keys has
//! an entry here, so a new schema field without one fails.

use mqlab_engine::config::limits as engine;
use mqlab_scenario::limits as format;
use mqlab_scenario::{Consumer, Link, Node, Placement, Producer, Service};
use serde_json::{json, Value};

use super::ComponentKind;
use crate::i18n::{t, tf, Key, Lang};

/// The inspector's sections, in the order it shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    General,
    Workload,
    Routing,
    Reliability,
    Expiry,
    Capacity,
    Processing,
    Placement,
    Network,
    Schedule,
    Run,
}

impl Group {
    pub const ALL: [Group; 11] = [
        Group::General,
        Group::Workload,
        Group::Routing,
        Group::Reliability,
        Group::Expiry,
        Group::Capacity,
        Group::Processing,
        Group::Placement,
        Group::Network,
        Group::Schedule,
        Group::Run,
    ];

    pub fn label(self) -> Key {
        match self {
            Group::General => Key::GroupGeneral,
            Group::Workload => Key::GroupWorkload,
            Group::Routing => Key::GroupRouting,
            Group::Reliability => Key::GroupReliability,
            Group::Expiry => Key::GroupExpiry,
            Group::Capacity => Key::GroupCapacity,
            Group::Processing => Key::GroupProcessing,
            Group::Placement => Key::GroupPlacement,
            Group::Network => Key::GroupNetwork,
            Group::Schedule => Key::GroupSchedule,
            Group::Run => Key::GroupRun,
        }
    }
}

/// The unit a number is entered in (the field's key ends in it too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Ms,
    Seconds,
    PerS,
    OpsPerS,
    Messages,
    Times,
}

impl Unit {
    pub fn label(self) -> Key {
        match self {
            Unit::Ms => Key::UnitMs,
            Unit::Seconds => Key::UnitSeconds,
            Unit::PerS => Key::UnitPerS,
            Unit::OpsPerS => Key::UnitOpsPerS,
            Unit::Messages => Key::UnitMessages,
            Unit::Times => Key::UnitTimes,
        }
    }
}

/// One option of a choice: the JSON value and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: &'static str,
    pub label: Key,
}

/// How the inspector edits a field, and what JSON value it hands to `set_field`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Input {
    /// A number (or its text) between `min` and `max`; `step` 1 for whole numbers, 0 for any.
    Number {
        min: f64,
        max: f64,
        step: f64,
    },
    Toggle,
    Choice(&'static [Choice]),
    /// Text of at most `max_chars` characters (bytes, for AMQP keys).
    Text {
        max_chars: usize,
    },
    /// The id of a component of this kind; set by drawing a wire too.
    Reference(ComponentKind),
    /// A list of ids of this kind (a mirrored or quorum queue's nodes).
    References(ComponentKind),
    /// A list of `{"at_s", "rate_per_s"}`.
    RateSteps,
    /// A list of `{"at_s", "for_s"}`.
    Partitions,
    /// An object name → value.
    Headers,
}

/// A field shown only while another field of the component holds one of these values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    pub key: &'static str,
    pub any_of: &'static [&'static str],
}

/// One switch in the inspector.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    /// The path in the component's JSON (module docs).
    pub key: &'static str,
    pub group: Group,
    pub unit: Option<Unit>,
    pub input: Input,
    pub label: Key,
    /// What the switch does in a real broker, one line.
    pub help: Key,
    /// The lesson (`docs/curriculum.md`) it belongs to; 0 for scenario settings that belong to none.
    pub lesson: u8,
    pub when: Option<When>,
    /// Whether it may be left empty (JSON `null` clears it).
    pub optional: bool,
    /// What an empty optional field means ("none", "never", "no limit"), when it has no value.
    pub empty: Option<Key>,
    /// The value the component has when the field is left out; given the component's JSON,
    /// since one default depends on another field (a quorum queue is durable).
    pub default: fn(&Value) -> Value,
}

fn no_default(_: &Value) -> Value {
    Value::Null
}

impl FieldSpec {
    const fn new(key: &'static str, group: Group, input: Input, label: Key, help: Key, lesson: u8) -> FieldSpec {
        FieldSpec {
            key,
            group,
            unit: None,
            input,
            label,
            help,
            lesson,
            when: None,
            optional: false,
            empty: None,
            default: no_default,
        }
    }

    /// The help line as the inspector shows it: what the switch does, then its lesson.
    pub fn help_line(&self, lang: Lang) -> String {
        let help = t(lang, self.help);
        if self.lesson == 0 {
            help.to_string()
        } else {
            tf(lang, Key::HelpWithLesson, &[help, &self.lesson.to_string()])
        }
    }

    const fn unit(mut self, unit: Unit) -> Self {
        self.unit = Some(unit);
        self
    }

    const fn when(mut self, key: &'static str, any_of: &'static [&'static str]) -> Self {
        self.when = Some(When { key, any_of });
        self
    }

    const fn optional(mut self, empty: Key) -> Self {
        self.optional = true;
        self.empty = Some(empty);
        self
    }

    const fn default(mut self, default: fn(&Value) -> Value) -> Self {
        self.default = default;
        self
    }
}

const fn choice(value: &'static str, label: Key) -> Choice {
    Choice { value, label }
}

const fn number(min: f64, max: f64, step: f64) -> Input {
    Input::Number { min, max, step }
}

/// Whole numbers from `min` to `max`.
const fn count(min: u32, max: u32) -> Input {
    Input::Number { min: min as f64, max: max as f64, step: 1.0 }
}

const DURATION_S_MAX: f64 = format::DURATION_S_MAX;
const DURATION_MS_MAX: f64 = format::DURATION_S_MAX * 1_000.0;
const ANY: f64 = 0.0;
const KEY_TEXT: Input = Input::Text { max_chars: format::KEY_BYTES_MAX };
const ID: FieldSpec = FieldSpec::new(
    "id",
    Group::General,
    Input::Text { max_chars: format::ID_CHARS_MAX },
    Key::FieldId,
    Key::FieldIdHelp,
    1,
);

const SHAPES: &[Choice] = &[
    choice("constant", Key::ChoiceConstant),
    choice("poisson", Key::ChoicePoisson),
    choice("bursts", Key::ChoiceBursts),
    choice("schedule", Key::ChoiceSchedule),
];
const CONFIRMS: &[Choice] = &[
    choice("none", Key::ChoiceConfirmNone),
    choice("transaction", Key::ChoiceTransaction),
    choice("publisher_confirms", Key::ChoicePublisherConfirms),
];
const EXCHANGE_KINDS: &[Choice] = &[
    choice("direct", Key::ChoiceDirect),
    choice("fanout", Key::ChoiceFanout),
    choice("topic", Key::ChoiceTopic),
    choice("headers", Key::ChoiceHeaders),
];
const X_MATCHES: &[Choice] = &[choice("all", Key::ChoiceMatchAll), choice("any", Key::ChoiceMatchAny)];
const OVERFLOWS: &[Choice] = &[
    choice("drop_head", Key::ChoiceDropHead),
    choice("reject_publish", Key::ChoiceRejectPublish),
    choice("reject_publish_dlx", Key::ChoiceRejectPublishDlx),
];
const PLACEMENTS: &[Choice] = &[
    choice("single", Key::ChoiceSingle),
    choice("classic", Key::ChoiceClassic),
    choice("mirrored", Key::ChoiceMirrored),
    choice("quorum", Key::ChoiceQuorum),
];
const DISTS: &[Choice] = &[
    choice("constant", Key::ChoiceConstant),
    choice("exponential", Key::ChoiceExponential),
    choice("uniform", Key::ChoiceUniform),
    choice("lognormal", Key::ChoiceLognormal),
];
const ACKS: &[Choice] = &[choice("auto", Key::ChoiceAckAuto), choice("manual", Key::ChoiceAckManual)];
const IDEMPOTENCIES: &[Choice] = &[
    choice("none", Key::ChoiceIdempotencyNone),
    choice("upsert_by_key", Key::ChoiceUpsertByKey),
    choice("dedupe_ids", Key::ChoiceDedupeIds),
    choice("unique_constraint", Key::ChoiceUniqueConstraint),
];

/// A field of a default value serialized (for tagged enums, whose fields are all written).
macro_rules! default_in {
    ($value:expr, $key:literal) => {
        mqlab_scenario::json::to_value(&$value).get($key).cloned().unwrap_or(Value::Null)
    };
}

/// The network link of a producer or consumer (both have the same fields).
macro_rules! link_fields {
    () => {
        FieldSpec::new(
            "link.latency_ms",
            Group::Network,
            number(0.0, format::LATENCY_MS_MAX, ANY),
            Key::LinkLatency,
            Key::LinkLatencyHelp,
            3,
        )
        .unit(Unit::Ms)
        .default(|_| json!(Link::default().latency_ms))
    };
    (jitter) => {
        FieldSpec::new(
            "link.jitter_ms",
            Group::Network,
            number(0.0, format::LATENCY_MS_MAX, ANY),
            Key::LinkJitter,
            Key::LinkJitterHelp,
            3,
        )
        .unit(Unit::Ms)
        .default(|_| json!(Link::default().jitter_ms))
    };
    (loss) => {
        FieldSpec::new(
            "link.loss_probability",
            Group::Network,
            number(0.0, 1.0, ANY),
            Key::LinkLoss,
            Key::LinkLossHelp,
            9,
        )
        .default(|_| json!(Link::default().loss_probability))
    };
    (partitions) => {
        FieldSpec::new(
            "link.partitions",
            Group::Network,
            Input::Partitions,
            Key::LinkPartitions,
            Key::LinkPartitionsHelp,
            4,
        )
        .default(|_| json!([]))
    };
}

const PRODUCER: &[FieldSpec] = &[
    ID,
    FieldSpec::new(
        "exchange",
        Group::Routing,
        Input::Reference(ComponentKind::Exchange),
        Key::ProducerExchange,
        Key::ProducerExchangeHelp,
        1,
    ),
    FieldSpec::new(
        "node",
        Group::Placement,
        Input::Reference(ComponentKind::Node),
        Key::ProducerNode,
        Key::ProducerNodeHelp,
        6,
    )
    .optional(Key::ValueFirstNode),
    FieldSpec::new("shape", Group::Workload, Input::Choice(SHAPES), Key::ProducerShape, Key::ProducerShapeHelp, 2)
        .default(|_| json!("constant")),
    FieldSpec::new(
        "rate_per_s",
        Group::Workload,
        number(0.0, engine::RATE_PER_S_MAX, ANY),
        Key::ProducerRate,
        Key::ProducerRateHelp,
        2,
    )
    .unit(Unit::PerS)
    .when("shape", &["constant", "poisson", "bursts"]),
    FieldSpec::new(
        "burst_rate_per_s",
        Group::Workload,
        number(0.0, engine::RATE_PER_S_MAX, ANY),
        Key::ProducerBurstRate,
        Key::ProducerBurstRateHelp,
        2,
    )
    .unit(Unit::PerS)
    .when("shape", &["bursts"]),
    FieldSpec::new(
        "first_s",
        Group::Workload,
        number(0.0, DURATION_S_MAX, ANY),
        Key::ProducerFirst,
        Key::ProducerFirstHelp,
        2,
    )
    .unit(Unit::Seconds)
    .when("shape", &["bursts"])
    .optional(Key::ValueRunStart)
    .default(|_| json!(0.0)),
    FieldSpec::new(
        "every_s",
        Group::Workload,
        number(0.0, DURATION_S_MAX, ANY),
        Key::ProducerEvery,
        Key::ProducerEveryHelp,
        2,
    )
    .unit(Unit::Seconds)
    .when("shape", &["bursts"])
    .optional(Key::ValueOneBurst),
    FieldSpec::new(
        "burst_s",
        Group::Workload,
        number(0.0, DURATION_S_MAX, ANY),
        Key::ProducerBurstLength,
        Key::ProducerBurstLengthHelp,
        2,
    )
    .unit(Unit::Seconds)
    .when("shape", &["bursts"]),
    FieldSpec::new("steps", Group::Workload, Input::RateSteps, Key::ProducerSteps, Key::ProducerStepsHelp, 2)
        .when("shape", &["schedule"]),
    FieldSpec::new("poisson", Group::Workload, Input::Toggle, Key::ProducerPoisson, Key::ProducerPoissonHelp, 2)
        .when("shape", &["bursts", "schedule"])
        .optional(Key::ValueNone)
        .default(|_| json!(false)),
    FieldSpec::new("n_keys", Group::Workload, count(0, engine::KEYS_MAX), Key::ProducerKeys, Key::ProducerKeysHelp, 11)
        .default(|_| json!(Producer::default().n_keys)),
    FieldSpec::new("routing_key", Group::Routing, KEY_TEXT, Key::ProducerRoutingKey, Key::ProducerRoutingKeyHelp, 11)
        .default(|_| json!(Producer::default().routing_key)),
    FieldSpec::new("headers", Group::Routing, Input::Headers, Key::ProducerHeaders, Key::ProducerHeadersHelp, 1)
        .default(|_| json!({})),
    FieldSpec::new(
        "persistent",
        Group::Reliability,
        Input::Toggle,
        Key::ProducerPersistent,
        Key::ProducerPersistentHelp,
        9,
    )
    .default(|_| json!(Producer::default().persistent)),
    FieldSpec::new(
        "confirm",
        Group::Reliability,
        Input::Choice(CONFIRMS),
        Key::ProducerConfirm,
        Key::ProducerConfirmHelp,
        9,
    )
    .default(|_| json!("none")),
    FieldSpec::new(
        "timeout_ms",
        Group::Reliability,
        number(1.0, DURATION_MS_MAX, ANY),
        Key::ProducerTimeout,
        Key::ProducerTimeoutHelp,
        9,
    )
    .unit(Unit::Ms)
    .default(|_| json!(Producer::default().timeout_ms)),
    FieldSpec::new(
        "retries",
        Group::Reliability,
        count(0, engine::RETRIES_MAX),
        Key::ProducerRetries,
        Key::ProducerRetriesHelp,
        9,
    )
    .default(|_| json!(Producer::default().retries)),
    FieldSpec::new(
        "retry_backoff_ms",
        Group::Reliability,
        number(0.0, DURATION_MS_MAX, ANY),
        Key::ProducerBackoff,
        Key::ProducerBackoffHelp,
        9,
    )
    .unit(Unit::Ms)
    .default(|_| json!(Producer::default().retry_backoff_ms)),
    FieldSpec::new(
        "max_in_flight",
        Group::Reliability,
        count(1, engine::IN_FLIGHT_MAX),
        Key::ProducerInFlight,
        Key::ProducerInFlightHelp,
        9,
    )
    .unit(Unit::Messages)
    .default(|_| json!(Producer::default().max_in_flight)),
    FieldSpec::new(
        "outbox_limit",
        Group::Capacity,
        count(0, engine::OUTBOX_MAX),
        Key::ProducerOutbox,
        Key::ProducerOutboxHelp,
        9,
    )
    .unit(Unit::Messages)
    .default(|_| json!(Producer::default().outbox_limit)),
    FieldSpec::new(
        "ttl_ms",
        Group::Expiry,
        number(0.0, DURATION_MS_MAX, ANY),
        Key::ProducerTtl,
        Key::ProducerTtlHelp,
        13,
    )
    .unit(Unit::Ms)
    .optional(Key::ValueNone),
    FieldSpec::new(
        "start_s",
        Group::Schedule,
        number(0.0, DURATION_S_MAX, ANY),
        Key::ProducerStart,
        Key::ProducerStartHelp,
        1,
    )
    .unit(Unit::Seconds)
    .default(|_| json!(Producer::default().start_s)),
    FieldSpec::new(
        "stop_s",
        Group::Schedule,
        number(0.0, DURATION_S_MAX, ANY),
        Key::ProducerStop,
        Key::ProducerStopHelp,
        1,
    )
    .unit(Unit::Seconds)
    .optional(Key::ValueNever),
    link_fields!(),
    link_fields!(jitter),
    link_fields!(loss),
    link_fields!(partitions),
];

const EXCHANGE: &[FieldSpec] = &[
    ID,
    FieldSpec::new(
        "kind",
        Group::Routing,
        Input::Choice(EXCHANGE_KINDS),
        Key::ExchangeKindLabel,
        Key::ExchangeKindHelp,
        1,
    )
    .default(|_| json!("direct")),
    FieldSpec::new(
        "x_match",
        Group::Routing,
        Input::Choice(X_MATCHES),
        Key::ExchangeXMatch,
        Key::ExchangeXMatchHelp,
        1,
    )
    .when("kind", &["headers"])
    .optional(Key::ValueAllHeaders)
    .default(|_| json!("all")),
];

const QUEUE: &[FieldSpec] = &[
    ID,
    FieldSpec::new("durable", Group::Reliability, Input::Toggle, Key::QueueDurable, Key::QueueDurableHelp, 9)
        .optional(Key::ValueNone)
        .default(|queue| json!(queue["placement"]["mode"] == "quorum")),
    FieldSpec::new(
        "max_length",
        Group::Capacity,
        count(0, engine::QUEUE_LENGTH_MAX),
        Key::QueueMaxLength,
        Key::QueueMaxLengthHelp,
        13,
    )
    .unit(Unit::Messages)
    .optional(Key::ValueNoLimit),
    FieldSpec::new(
        "overflow",
        Group::Capacity,
        Input::Choice(OVERFLOWS),
        Key::QueueOverflow,
        Key::QueueOverflowHelp,
        13,
    )
    .default(|_| json!("drop_head")),
    FieldSpec::new(
        "message_ttl_ms",
        Group::Expiry,
        number(0.0, DURATION_MS_MAX, ANY),
        Key::QueueTtl,
        Key::QueueTtlHelp,
        13,
    )
    .unit(Unit::Ms)
    .optional(Key::ValueNone),
    FieldSpec::new(
        "dead_letter_exchange",
        Group::Expiry,
        Input::Reference(ComponentKind::Exchange),
        Key::QueueDlx,
        Key::QueueDlxHelp,
        13,
    )
    .optional(Key::ValueNone),
    FieldSpec::new("dead_letter_routing_key", Group::Expiry, KEY_TEXT, Key::QueueDlxKey, Key::QueueDlxKeyHelp, 13)
        .optional(Key::ValueOwnRoutingKey),
    FieldSpec::new(
        "placement.mode",
        Group::Placement,
        Input::Choice(PLACEMENTS),
        Key::QueuePlacement,
        Key::QueuePlacementHelp,
        6,
    )
    .default(|_| default_in!(Placement::default(), "mode")),
    FieldSpec::new(
        "placement.node",
        Group::Placement,
        Input::Reference(ComponentKind::Node),
        Key::QueueNode,
        Key::QueueNodeHelp,
        6,
    )
    .when("placement.mode", &["single", "classic"])
    .optional(Key::ValueFirstNode),
    FieldSpec::new(
        "placement.nodes",
        Group::Placement,
        Input::References(ComponentKind::Node),
        Key::QueueNodes,
        Key::QueueNodesHelp,
        6,
    )
    .when("placement.mode", &["mirrored", "quorum"]),
];

const CONSUMER: &[FieldSpec] = &[
    ID,
    FieldSpec::new(
        "queue",
        Group::Routing,
        Input::Reference(ComponentKind::Queue),
        Key::ConsumerQueue,
        Key::ConsumerQueueHelp,
        1,
    ),
    FieldSpec::new(
        "node",
        Group::Placement,
        Input::Reference(ComponentKind::Node),
        Key::ConsumerNode,
        Key::ConsumerNodeHelp,
        6,
    )
    .optional(Key::ValueQueueNode),
    FieldSpec::new(
        "threads",
        Group::Processing,
        count(1, engine::THREADS_MAX),
        Key::ConsumerThreads,
        Key::ConsumerThreadsHelp,
        11,
    )
    .default(|_| json!(Consumer::default().threads)),
    FieldSpec::new(
        "service.dist",
        Group::Processing,
        Input::Choice(DISTS),
        Key::ConsumerService,
        Key::ConsumerServiceHelp,
        12,
    )
    .default(|_| default_in!(Service::default(), "dist")),
    FieldSpec::new(
        "service.ms",
        Group::Processing,
        number(0.0, DURATION_MS_MAX, ANY),
        Key::ConsumerServiceMs,
        Key::ConsumerServiceMsHelp,
        12,
    )
    .unit(Unit::Ms)
    .when("service.dist", &["constant"])
    .default(|_| default_in!(Service::default(), "ms")),
    FieldSpec::new(
        "service.mean_ms",
        Group::Processing,
        number(0.0, DURATION_MS_MAX, ANY),
        Key::ConsumerServiceMean,
        Key::ConsumerServiceMeanHelp,
        12,
    )
    .unit(Unit::Ms)
    .when("service.dist", &["exponential"]),
    FieldSpec::new(
        "service.min_ms",
        Group::Processing,
        number(0.0, DURATION_MS_MAX, ANY),
        Key::ConsumerServiceMin,
        Key::ConsumerServiceMinHelp,
        12,
    )
    .unit(Unit::Ms)
    .when("service.dist", &["uniform"]),
    FieldSpec::new(
        "service.max_ms",
        Group::Processing,
        number(0.0, DURATION_MS_MAX, ANY),
        Key::ConsumerServiceMax,
        Key::ConsumerServiceMaxHelp,
        12,
    )
    .unit(Unit::Ms)
    .when("service.dist", &["uniform"]),
    FieldSpec::new(
        "service.median_ms",
        Group::Processing,
        number(0.0, DURATION_MS_MAX, ANY),
        Key::ConsumerServiceMedian,
        Key::ConsumerServiceMedianHelp,
        12,
    )
    .unit(Unit::Ms)
    .when("service.dist", &["lognormal"]),
    FieldSpec::new(
        "service.sigma",
        Group::Processing,
        number(0.0, format::LOGNORMAL_SIGMA_MAX, ANY),
        Key::ConsumerServiceSigma,
        Key::ConsumerServiceSigmaHelp,
        12,
    )
    .when("service.dist", &["lognormal"]),
    FieldSpec::new(
        "prefetch",
        Group::Processing,
        count(1, engine::PREFETCH_MAX),
        Key::ConsumerPrefetch,
        Key::ConsumerPrefetchHelp,
        9,
    )
    .unit(Unit::Messages)
    .default(|_| json!(Consumer::default().prefetch)),
    FieldSpec::new("ack", Group::Reliability, Input::Choice(ACKS), Key::ConsumerAck, Key::ConsumerAckHelp, 9)
        .default(|_| json!("manual")),
    FieldSpec::new(
        "failure_probability",
        Group::Reliability,
        number(0.0, 1.0, ANY),
        Key::ConsumerFailure,
        Key::ConsumerFailureHelp,
        4,
    )
    .default(|_| json!(Consumer::default().failure_probability)),
    FieldSpec::new(
        "requeue_on_failure",
        Group::Reliability,
        Input::Toggle,
        Key::ConsumerRequeue,
        Key::ConsumerRequeueHelp,
        13,
    )
    .default(|_| json!(Consumer::default().requeue_on_failure)),
    FieldSpec::new(
        "idempotency",
        Group::Reliability,
        Input::Choice(IDEMPOTENCIES),
        Key::ConsumerIdempotency,
        Key::ConsumerIdempotencyHelp,
        8,
    )
    .default(|_| json!("none")),
    FieldSpec::new(
        "start_s",
        Group::Schedule,
        number(0.0, DURATION_S_MAX, ANY),
        Key::ConsumerStart,
        Key::ConsumerStartHelp,
        1,
    )
    .unit(Unit::Seconds)
    .default(|_| json!(Consumer::default().start_s)),
    FieldSpec::new(
        "stop_s",
        Group::Schedule,
        number(0.0, DURATION_S_MAX, ANY),
        Key::ConsumerStop,
        Key::ConsumerStopHelp,
        1,
    )
    .unit(Unit::Seconds)
    .optional(Key::ValueNever),
    link_fields!(),
    link_fields!(jitter),
    link_fields!(loss),
    link_fields!(partitions),
];

const NODE: &[FieldSpec] = &[
    ID,
    FieldSpec::new(
        "capacity_per_s",
        Group::Capacity,
        number(0.0, format::CAPACITY_PER_S_MAX, ANY),
        Key::NodeCapacity,
        Key::NodeCapacityHelp,
        6,
    )
    .unit(Unit::OpsPerS)
    .default(|_| json!(Node::default().capacity_per_s)),
    FieldSpec::new(
        "fsync_ms",
        Group::Reliability,
        number(0.0, format::LATENCY_MS_MAX, ANY),
        Key::NodeFsync,
        Key::NodeFsyncHelp,
        9,
    )
    .unit(Unit::Ms)
    .default(|_| json!(Node::default().fsync_ms)),
];

const SCENARIO: &[FieldSpec] = &[
    FieldSpec::new(
        "name",
        Group::General,
        Input::Text { max_chars: format::NAME_CHARS_MAX },
        Key::ScenarioName,
        Key::ScenarioNameHelp,
        0,
    ),
    FieldSpec::new(
        "description",
        Group::General,
        Input::Text { max_chars: format::DESCRIPTION_CHARS_MAX },
        Key::ScenarioDescription,
        Key::ScenarioDescriptionHelp,
        0,
    )
    .optional(Key::ValueNone),
    FieldSpec::new("seed", Group::Run, number(0.0, u64::MAX as f64, 1.0), Key::Seed, Key::ScenarioSeedHelp, 0)
        .default(|_| json!(mqlab_scenario::schema::defaults::seed())),
    FieldSpec::new(
        "horizon_s",
        Group::Run,
        number(0.0, DURATION_S_MAX, ANY),
        Key::Horizon,
        Key::ScenarioHorizonHelp,
        0,
    )
    .unit(Unit::Seconds)
    .default(|_| json!(mqlab_scenario::schema::defaults::horizon_s())),
    FieldSpec::new(
        "bucket_ms",
        Group::Run,
        number(0.0, DURATION_MS_MAX, ANY),
        Key::ScenarioBucket,
        Key::ScenarioBucketHelp,
        0,
    )
    .unit(Unit::Ms)
    .optional(Key::ValueHorizonHundredth),
    FieldSpec::new(
        "inter_node_latency_ms",
        Group::Network,
        number(0.0, format::LATENCY_MS_MAX, ANY),
        Key::ScenarioInterNode,
        Key::ScenarioInterNodeHelp,
        6,
    )
    .unit(Unit::Ms)
    .default(|_| json!(mqlab_scenario::schema::defaults::inter_node_latency_ms())),
];

/// Every field of a component kind, in the inspector's order within each group.
pub fn fields(kind: ComponentKind) -> &'static [FieldSpec] {
    match kind {
        ComponentKind::Node => NODE,
        ComponentKind::Producer => PRODUCER,
        ComponentKind::Exchange => EXCHANGE,
        ComponentKind::Queue => QUEUE,
        ComponentKind::Consumer => CONSUMER,
    }
}

/// The scenario's own settings (name, seed, horizon, …), edited outside any component.
pub fn scenario_fields() -> &'static [FieldSpec] {
    SCENARIO
}

/// The field of `kind` called `key`.
pub fn field(kind: ComponentKind, key: &str) -> Option<&'static FieldSpec> {
    fields(kind).iter().find(|spec| spec.key == key)
}

/// The catalogue key that covers a path inside a component (`link.partitions[0].at_s` →
/// `link.partitions`, `headers.region` → `headers`): the longest key that is the whole path or
/// its start up to a `.` or `[`.
pub fn field_for_path(specs: &'static [FieldSpec], path: &str) -> Option<&'static FieldSpec> {
    specs
        .iter()
        .filter(|spec| {
            path == spec.key
                || path.strip_prefix(spec.key).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
        .max_by_key(|spec| spec.key.len())
}

//! Every string the page shows, in Chinese and English: [`Lang`], the [`Key`] of each string,
//! and [`t`] to look one up.
//!
//! The texts themselves live in one table (`i18n/strings.rs`), written through a macro so that a
//! key without both its Chinese and its English text does not compile. Strings with values in
//! them use numbered placeholders (`{0}`, `{1}`) filled by [`tf`]; both languages of a string
//! carry the same placeholders (a test checks it), since word order differs between them.
//!
//! What is not here: the scenario parser's messages (serde_json's words about the JSON's shape),
//! which stay in English.

mod strings;

pub use strings::Key;

use mqlab_scenario::{Errors, IdKind, LinkError, Problem, ScenarioError};

use crate::sim_worker::protocol::WhatView;

/// A language of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    /// Both languages, in the order the language switch lists them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language for a browser language tag (`navigator.language`): any `zh…` tag (`zh`,
    /// `zh-CN`, `zh-Hant-TW`) is Chinese, everything else English.
    pub fn from_browser_tag(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The short code stored to remember the learner's choice (`"zh"`, `"en"`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language of a stored code; `None` for anything else (then use the browser's).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The value of the page's `<html lang>` attribute.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, as a language switch shows it whatever the current one.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::Zh => strings::zh(key),
        Lang::En => strings::en(key),
    }
}

/// The text of `key` in `lang` with its placeholders `{0}`, `{1}`, … replaced by `args`.
/// A placeholder without an argument is left as written, so a mistake shows instead of hiding.
pub fn tf(lang: Lang, key: Key, args: &[&str]) -> String {
    // One pass, so that an argument holding "{1}" (an id may) is not filled in again.
    let template = t(lang, key);
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let digits = after.find('}').map(|close| &after[..close]);
        match digits.and_then(|d| d.parse::<usize>().ok().map(|n| (d, n))) {
            Some((d, n)) if n < args.len() => {
                text.push_str(args[n]);
                rest = &after[d.len() + 1..];
            }
            _ => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// "Lesson 9" / "第 9 课".
pub fn lesson_label(lang: Lang, lesson: u8) -> String {
    tf(lang, Key::LessonN, &[&lesson.to_string()])
}

/// The key naming an engine loss cause (`report::LossCause::name`, the report JSON's
/// `lost_by_cause` keys); `None` for a name this version does not know.
pub fn loss_cause(name: &str) -> Option<Key> {
    Some(match name {
        "network" => Key::CauseNetwork,
        "broker_down" => Key::CauseBrokerDown,
        "unroutable" => Key::CauseUnroutable,
        "overflow" => Key::CauseOverflow,
        "broker_crash" => Key::CauseBrokerCrash,
        "queue_unavailable" => Key::CauseQueueUnavailable,
        "consumer_crash" => Key::CauseConsumerCrash,
        "consumer_link" => Key::CauseConsumerLink,
        "discarded" => Key::CauseDiscarded,
        _ => return None,
    })
}

/// The key naming a report total (`report_view::TOTAL_NAMES`); `None` for an unknown name.
pub fn total(name: &str) -> Option<Key> {
    Some(match name {
        "produced" => Key::TotalProduced,
        "processed" => Key::TotalProcessed,
        "duplicates" => Key::TotalDuplicates,
        "lost" => Key::TotalLost,
        "expired" => Key::TotalExpired,
        "dead_lettered" => Key::TotalDeadLettered,
        "rejected" => Key::TotalRejected,
        "in_flight" => Key::TotalInFlight,
        "out_of_order" => Key::TotalOutOfOrder,
        _ => return None,
    })
}

/// A share-link error in the learner's language. A link whose scenario does not parse adds the
/// parser's own lines (in English) after the sentence.
pub fn link_error(lang: Lang, error: &LinkError) -> String {
    match error {
        LinkError::Empty => t(lang, Key::LinkEmpty).to_string(),
        LinkError::NotALink => t(lang, Key::LinkNotALink).to_string(),
        LinkError::UnknownVersion(version) => tf(lang, Key::LinkUnknownVersion, &[version]),
        LinkError::TooLong { chars } => tf(lang, Key::LinkTooLong, &[&chars.to_string()]),
        LinkError::Truncated => t(lang, Key::LinkTruncated).to_string(),
        LinkError::NotBase64 { position } => tf(lang, Key::LinkNotBase64, &[&position.to_string()]),
        LinkError::DoesNotInflate => t(lang, Key::LinkDoesNotInflate).to_string(),
        LinkError::TooLarge => t(lang, Key::LinkTooLarge).to_string(),
        LinkError::Tampered => t(lang, Key::LinkTampered).to_string(),
        LinkError::Scenario(errors) => format!("{}\n{}", t(lang, Key::LinkBadScenario), scenario_errors(lang, errors)),
        LinkError::InScenarioB(error) => format!("{} {}", t(lang, Key::LinkInScenarioB), link_error(lang, error)),
    }
}

/// One step of a message's life (the engine's trace) as a sentence in `lang`; in English, the
/// sentence `mqlab trace` prints.
pub fn trace_what(lang: Lang, what: WhatView) -> String {
    let key = match what {
        WhatView::Produced { key, seq } => return tf(lang, Key::WhatProduced, &[&key.to_string(), &seq.to_string()]),
        WhatView::Sent { attempt } => return tf(lang, Key::WhatSent, &[&attempt.to_string()]),
        WhatView::OutboxFull => Key::WhatOutboxFull,
        WhatView::DroppedOnProducerLink => Key::WhatDroppedOnProducerLink,
        WhatView::Confirmed => Key::WhatConfirmed,
        WhatView::NackedByBroker => Key::WhatNackedByBroker,
        WhatView::ConfirmTimedOut => Key::WhatConfirmTimedOut,
        WhatView::GaveUp => Key::WhatGaveUp,
        WhatView::NodeDown => Key::WhatNodeDown,
        WhatView::Unroutable => Key::WhatUnroutable,
        WhatView::QueueUnavailable => Key::WhatQueueUnavailable,
        WhatView::PushedOutDropHead => Key::WhatPushedOutDropHead,
        WhatView::QueueFullRejectPublish => Key::WhatQueueFullRejectPublish,
        WhatView::QueueFullRejectPublishDlx => Key::WhatQueueFullRejectPublishDlx,
        WhatView::Expired => Key::WhatExpired,
        WhatView::Stored => Key::WhatStored,
        WhatView::Replicated => Key::WhatReplicated,
        WhatView::WrittenToDisk => Key::WhatWrittenToDisk,
        WhatView::DeadLettered => Key::WhatDeadLettered,
        WhatView::LostInBrokerCrash => Key::WhatLostInBrokerCrash,
        WhatView::Delivered { redelivery: false } => Key::WhatDelivered,
        WhatView::Delivered { redelivery: true } => Key::WhatRedelivered,
        WhatView::DroppedOnConsumerLink => Key::WhatDroppedOnConsumerLink,
        WhatView::SkippedDuplicate => Key::WhatSkippedDuplicate,
        WhatView::ProcessingStarted => Key::WhatProcessingStarted,
        WhatView::ProcessingFailed => Key::WhatProcessingFailed,
        WhatView::ProcessedFromDeadLetterQueue => Key::WhatProcessedFromDlq,
        WhatView::Processed { first: true } => Key::WhatProcessed,
        WhatView::Processed { first: false } => Key::WhatProcessedAgain,
        WhatView::OutOfOrder => Key::WhatOutOfOrder,
        WhatView::Acked => Key::WhatAcked,
        WhatView::NackedRequeued => Key::WhatNackedRequeued,
        WhatView::NackedWithoutRequeue => Key::WhatNackedWithoutRequeue,
        WhatView::ConsumerCrashed => Key::WhatConsumerCrashed,
    };
    t(lang, key).to_string()
}

/// A scenario error's message in `lang`: its problem worded in that language when the validator
/// named one, otherwise the scenario crate's English.
pub fn scenario_error(lang: Lang, error: &ScenarioError) -> String {
    match (&error.problem, lang) {
        (Some(problem), Lang::Zh) => problem_text(lang, problem),
        _ => error.message.clone(),
    }
}

/// Scenario errors in `lang`, one a line (`path: message`), as `Errors` displays them in English.
pub fn scenario_errors(lang: Lang, errors: &Errors) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|error| {
            let message = scenario_error(lang, error);
            if error.path.is_empty() {
                message
            } else {
                format!("{}: {message}", error.path)
            }
        })
        .collect();
    lines.join("\n")
}

/// A validator's problem in `lang`; in English, the scenario crate's message.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    let kind = |kind: IdKind| match lang {
        Lang::En => kind.word().to_string(),
        Lang::Zh => t(lang, kind_key(kind)).to_string(),
    };
    let kind_with_article = |kind: IdKind| match lang {
        Lang::En => kind.with_article(),
        Lang::Zh => t(lang, kind_key(kind)).to_string(),
    };
    let (key, values): (Key, Vec<String>) = match problem {
        Problem::NotANumber => (Key::ProblemNotANumber, vec![]),
        Problem::NotFinite { value } => (Key::ProblemNotFinite, vec![value.clone()]),
        Problem::Negative { value } => (Key::ProblemNegative, vec![value.clone()]),
        Problem::AboveLimit { value, limit } => (Key::ProblemAboveLimit, vec![value.clone(), limit.clone()]),
        Problem::BelowMinimum { value, minimum } => (Key::ProblemBelowMinimum, vec![value.clone(), minimum.clone()]),
        Problem::MustBeAboveZero => (Key::ProblemMustBeAboveZero, vec![]),
        Problem::RoundsToZero { value } => (Key::ProblemRoundsToZero, vec![value.clone()]),
        Problem::NotAProbability { value } => (Key::ProblemNotAProbability, vec![value.clone()]),
        Problem::TooManyBytes { bytes, limit } => {
            (Key::ProblemTooManyBytes, vec![bytes.to_string(), limit.to_string()])
        }
        Problem::TooManyChars { chars, limit } => {
            (Key::ProblemTooManyChars, vec![chars.to_string(), limit.to_string()])
        }
        Problem::TooManyEntries { entries, limit } => {
            (Key::ProblemTooManyEntries, vec![entries.to_string(), limit.to_string()])
        }
        Problem::MustNotBeEmpty => (Key::ProblemMustNotBeEmpty, vec![]),
        Problem::IdEmpty => (Key::ProblemIdEmpty, vec![]),
        Problem::IdHasSpace { id } => (Key::ProblemIdHasSpace, vec![id.clone()]),
        Problem::IdTaken { id, first_path } => (Key::ProblemIdTaken, vec![id.clone(), first_path.clone()]),
        Problem::NoSuchId { kind: k, id } => (Key::ProblemNoSuchId, vec![kind(*k), id.clone()]),
        Problem::IdOfOtherKind { kind: k, id, other } => {
            (Key::ProblemIdOfOtherKind, vec![kind(*k), id.clone(), kind_with_article(*other)])
        }
        Problem::NoNodes => (Key::ProblemNoNodes, vec![]),
        Problem::NoSuchClient { id } => (Key::ProblemNoSuchClient, vec![id.clone()]),
        Problem::ListedTwice { id } => (Key::ProblemListedTwice, vec![id.clone()]),
        Problem::SameBinding { first } => (Key::ProblemSameBinding, vec![first.to_string()]),
        Problem::HeaderNameEmpty => (Key::ProblemHeaderNameEmpty, vec![]),
        Problem::NeedsTwoNodes { mode } => (Key::ProblemNeedsTwoNodes, vec![mode.clone()]),
        Problem::DlxOverflowNeedsDlx => (Key::ProblemDlxOverflowNeedsDlx, vec![]),
        Problem::OnlyWithDeadLetterExchange => (Key::ProblemOnlyWithDeadLetterExchange, vec![]),
        Problem::MaxBelowMin { max, min } => (Key::ProblemMaxBelowMin, vec![max.clone(), min.clone()]),
        Problem::StopNotAfterStart { stop, start } => {
            (Key::ProblemStopNotAfterStart, vec![stop.clone(), start.clone()])
        }
        Problem::LinkLossNeedsProbability => (Key::ProblemLinkLossNeedsProbability, vec![]),
        Problem::SlowDiskNeedsFactor => (Key::ProblemSlowDiskNeedsFactor, vec![]),
        Problem::FaultsOverlap { earlier } => (Key::ProblemFaultsOverlap, vec![earlier.clone()]),
        Problem::UnsupportedVersion { version } => {
            (Key::ProblemUnsupportedVersion, vec![version.clone(), mqlab_scenario::VERSION.to_string()])
        }
        Problem::TooManyMessages { estimate, limit } => {
            (Key::ProblemTooManyMessages, vec![estimate.clone(), limit.clone()])
        }
        Problem::TooManyFaults { total, limit } => {
            (Key::ProblemTooManyFaults, vec![total.to_string(), limit.to_string()])
        }
        Problem::XMatchOnlyForHeaders { kind } => (Key::ProblemXMatchOnlyForHeaders, vec![kind.clone()]),
        Problem::QuorumAlwaysDurable => (Key::ProblemQuorumAlwaysDurable, vec![]),
        Problem::HeadersOnlyForHeaders { exchange, kind } => {
            (Key::ProblemHeadersOnlyForHeaders, vec![exchange.clone(), kind.clone()])
        }
        Problem::OnlyWithBursts { shape } => (Key::ProblemOnlyWithBursts, vec![shape.clone()]),
        Problem::OnlyWithSchedule { shape } => (Key::ProblemOnlyWithSchedule, vec![shape.clone()]),
        Problem::PoissonOnlyWithBurstsOrSchedule { shape } => {
            (Key::ProblemPoissonOnlyWithBurstsOrSchedule, vec![shape.clone()])
        }
        Problem::RateNotWithSchedule => (Key::ProblemRateNotWithSchedule, vec![]),
        Problem::RateMissing { shape } => (Key::ProblemRateMissing, vec![shape.clone()]),
        Problem::BurstRateMissing => (Key::ProblemBurstRateMissing, vec![]),
        Problem::BurstLengthMissing => (Key::ProblemBurstLengthMissing, vec![]),
        Problem::BurstsOverlap { every, burst } => (Key::ProblemBurstsOverlap, vec![every.clone(), burst.clone()]),
        Problem::StepsMissing => (Key::ProblemStepsMissing, vec![]),
        Problem::NoSteps => (Key::ProblemNoSteps, vec![]),
        Problem::StepsOutOfOrder { at, previous_index, previous } => {
            (Key::ProblemStepsOutOfOrder, vec![at.clone(), previous_index.to_string(), previous.clone()])
        }
        Problem::ProbabilityOnlyForLinkLoss { kind } => (Key::ProblemProbabilityOnlyForLinkLoss, vec![kind.clone()]),
        Problem::FactorOnlyForSlowDisk { kind } => (Key::ProblemFactorOnlyForSlowDisk, vec![kind.clone()]),
        Problem::TooManyStrikes { mtbf, horizon, strikes, limit } => {
            (Key::ProblemTooManyStrikes, vec![mtbf.clone(), horizon.clone(), strikes.clone(), limit.clone()])
        }
        Problem::LayoutKey { limit } => (Key::ProblemLayoutKey, vec![limit.to_string()]),
        Problem::OutsideCanvas { value, limit } => (Key::ProblemOutsideCanvas, vec![value.clone(), limit.clone()]),
        Problem::TooManyBuckets { bucket, horizon, buckets, limit } => {
            (Key::ProblemTooManyBuckets, vec![bucket.clone(), horizon.clone(), buckets.to_string(), limit.to_string()])
        }
        Problem::MoreErrors { count } => (Key::ProblemMoreErrors, vec![count.to_string()]),
        Problem::ClientOfOtherKind { id, other } => {
            (Key::ProblemClientOfOtherKind, vec![id.clone(), kind_with_article(*other)])
        }
    };
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    tf(lang, key, &values)
}

/// The key naming a kind of component with an id.
fn kind_key(kind: IdKind) -> Key {
    match kind {
        IdKind::Node => Key::KindNode,
        IdKind::Producer => Key::KindProducer,
        IdKind::Exchange => Key::KindExchange,
        IdKind::Queue => Key::KindQueue,
        IdKind::Consumer => Key::KindConsumer,
    }
}

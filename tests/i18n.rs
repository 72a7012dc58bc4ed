//! Both languages, natively: every key has a Chinese and an English text that differ (except
//! units and proper names), placeholders agree, the domain's Chinese words are the ones RabbitMQ
//! users use, and every name the engine, the report and the editor hand to the page has a text.

use std::collections::BTreeSet;

use mqlab_engine::report::LossCause;
use mqlab_scenario::{Errors, LinkError};
use mqlab_web::editor::{fields, scenario_fields, ComponentKind, Group, WireRefusal};
use mqlab_web::i18n::{link_error, loss_cause, t, tf, total, Key, Lang};
use mqlab_web::report_view::TOTAL_NAMES;

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The numbered placeholders (`{0}`, `{1}`) in a text; `{key}` and the like are literal.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_ascii_digit()) && close > 0 => {
                found.insert(after[..close].to_string());
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    found
}

#[test]
fn every_key_has_both_texts_and_they_differ_except_units_and_names() {
    let mut bad = Vec::new();
    for &key in Key::ALL {
        let (zh, en) = (t(Lang::Zh, key), t(Lang::En, key));
        let name = key.name();
        if zh.trim().is_empty() || en.trim().is_empty() {
            bad.push(format!("{name}: empty"));
        }
        if Key::SAME_IN_BOTH.contains(&key) {
            if zh != en {
                bad.push(format!("{name}: listed as the same in both"));
            }
            continue;
        }
        if zh == en {
            bad.push(format!("{name}: \"{zh}\" is not translated"));
        }
        if !has_cjk(zh) {
            bad.push(format!("{name}: \"{zh}\" has no Chinese in it"));
        }
        if has_cjk(en) {
            bad.push(format!("{name}: \"{en}\" has Chinese in its English"));
        }
        if placeholders(zh) != placeholders(en) {
            bad.push(format!("{name}: placeholders differ"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(Key::ALL.len() > 300, "{} keys", Key::ALL.len());
}

#[test]
fn browser_tags_pick_the_language() {
    for tag in ["zh", "zh-CN", "zh-TW", "zh-Hant-HK", "ZH_cn", " zh-SG "] {
        assert_eq!(Lang::from_browser_tag(tag), Lang::Zh, "{tag}");
    }
    for tag in ["en", "en-US", "fr-FR", "", "zu", "x-zh", "chinese"] {
        assert_eq!(Lang::from_browser_tag(tag), Lang::En, "{tag}");
    }
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    assert_eq!(Lang::from_code("de"), None);
    assert_eq!(Lang::Zh.html_tag(), "zh-CN");
}

#[test]
fn placeholders_are_filled_in_both_languages() {
    assert_eq!(tf(Lang::En, Key::TraceMessage, &["42"]), "Message #42");
    assert_eq!(tf(Lang::Zh, Key::TraceMessage, &["42"]), "消息 #42");
    assert_eq!(tf(Lang::Zh, Key::ValueAt, &["3", "17"]), "3 秒时：17");
    assert_eq!(mqlab_web::i18n::lesson_label(Lang::Zh, 9), "第 9 课");
    // Arguments are not filled in again, and a missing one leaves its placeholder showing.
    assert_eq!(tf(Lang::En, Key::ValueAt, &["{1}", "5"]), "at {1} s: 5");
    assert_eq!(tf(Lang::En, Key::ValueAt, &["2"]), "at 2 s: {1}");
    // The routing key's own {key} template is text, not a placeholder.
    assert!(t(Lang::En, Key::ProducerRoutingKeyHelp).contains("{key}"));
    assert!(t(Lang::Zh, Key::ProducerRoutingKeyHelp).contains("{key}"));
}

#[test]
fn chinese_uses_the_words_rabbitmq_users_use() {
    let zh = |key| t(Lang::Zh, key);
    assert_eq!(zh(Key::KindProducer), "生产者");
    assert_eq!(zh(Key::KindConsumer), "消费者");
    assert_eq!(zh(Key::KindExchange), "交换机");
    assert_eq!(zh(Key::KindQueue), "队列");
    for (key, word) in [
        (Key::ProducerPersistent, "持久化"),
        (Key::QueueDurable, "持久化"),
        (Key::ProducerConfirm, "确认"),
        (Key::QueueDlx, "死信"),
        (Key::ConsumerPrefetch, "预取"),
        (Key::ChoiceAckManual, "手动确认"),
        (Key::ConsumerIdempotency, "幂等"),
        (Key::ProducerBurstRateHelp, "削峰填谷"),
        (Key::ChoiceMirrored, "镜像"),
        (Key::ChoiceClassic, "普通集群"),
        (Key::ChoiceQuorum, "仲裁"),
    ] {
        assert!(zh(key).contains(word), "{}: \"{}\" lacks {word}", key.name(), zh(key));
    }
    assert!(t(Lang::En, Key::ProducerConfirmHelp).contains(
        "the broker acks each message once it is safely stored (on disk for persistent messages); \
         the producer resends what is not acked"
    ));
}

#[test]
fn every_field_and_group_of_the_inspector_is_written_in_both() {
    let mut specs: Vec<_> = ComponentKind::ALL.iter().flat_map(|&k| fields(k)).collect();
    specs.extend(scenario_fields());
    for spec in specs {
        for lang in Lang::ALL {
            let help = spec.help_line(lang);
            assert!(!t(lang, spec.label).is_empty() && !help.is_empty(), "{}", spec.key);
        }
        // A help line is a sentence (or several), and a lesson goes after it.
        let (zh, en) = (t(Lang::Zh, spec.help), t(Lang::En, spec.help));
        assert!(zh.ends_with('。'), "{}: {zh}", spec.help.name());
        assert!(en.ends_with('.'), "{}: {en}", spec.help.name());
        if let mqlab_web::editor::Input::Choice(choices) = spec.input {
            for choice in choices {
                assert_ne!(t(Lang::Zh, choice.label), t(Lang::En, choice.label));
            }
        }
        if let Some(unit) = spec.unit {
            assert!(!t(Lang::Zh, unit.label()).is_empty());
        }
        if let Some(empty) = spec.empty {
            assert_ne!(t(Lang::Zh, empty), t(Lang::En, empty));
        }
    }
    let group_names: BTreeSet<&str> = Group::ALL.iter().map(|g| t(Lang::Zh, g.label())).collect();
    assert_eq!(group_names.len(), Group::ALL.len(), "groups have distinct names");
    for kind in ComponentKind::ALL {
        assert_ne!(t(Lang::Zh, kind.label()), t(Lang::En, kind.label()));
        assert!(has_cjk(t(Lang::Zh, kind.hint())));
    }
}

#[test]
fn every_name_the_page_is_handed_has_a_text() {
    for cause in LossCause::ALL {
        let key = loss_cause(cause.name()).unwrap_or_else(|| panic!("cause {}", cause.name()));
        assert!(has_cjk(t(Lang::Zh, key)));
    }
    assert_eq!(loss_cause("gremlins"), None);
    for name in TOTAL_NAMES {
        let key = total(name).unwrap_or_else(|| panic!("total {name}"));
        assert!(has_cjk(t(Lang::Zh, key)));
    }
    let refusals = [
        WireRefusal::Missing(mqlab_web::editor::ComponentRef::new(ComponentKind::Queue, "q")),
        WireRefusal::SameComponent,
        WireRefusal::AlreadyConnected,
        WireRefusal::DuplicateBinding,
        WireRefusal::NotConnected,
    ];
    for refusal in refusals {
        assert!(has_cjk(t(Lang::Zh, refusal.key())));
    }
    let link_errors = [
        LinkError::Empty,
        LinkError::NotALink,
        LinkError::UnknownVersion("v2".into()),
        LinkError::TooLong { chars: 300_000 },
        LinkError::Truncated,
        LinkError::NotBase64 { position: 17 },
        LinkError::DoesNotInflate,
        LinkError::TooLarge,
        LinkError::Tampered,
        LinkError::Scenario(Errors::one("version", "2 is not supported")),
    ];
    for error in &link_errors {
        let (zh, en) = (link_error(Lang::Zh, error), link_error(Lang::En, error));
        assert!(has_cjk(&zh) && !zh.contains("{0}") && !en.contains("{0}"), "{zh}");
    }
    assert!(link_error(Lang::En, &link_errors[3]).contains("300000"));
    assert!(link_error(Lang::Zh, &link_errors[9]).ends_with("version: 2 is not supported"));
}

#[test]
fn every_validator_problem_reads_in_english_as_the_cli_prints_it_and_in_chinese() {
    use mqlab_scenario::{IdKind, Problem};
    use mqlab_web::i18n::problem_text;
    let value = || "-5".to_string();
    let id = || "orders q".to_string();
    let problems = [
        Problem::NotANumber,
        Problem::NotFinite { value: value() },
        Problem::Negative { value: value() },
        Problem::AboveLimit { value: value(), limit: "86400 (24 h)".into() },
        Problem::BelowMinimum { value: value(), minimum: "1".into() },
        Problem::MustBeAboveZero,
        Problem::RoundsToZero { value: "0.0001".into() },
        Problem::NotAProbability { value: "1.5".into() },
        Problem::TooManyBytes { bytes: 300, limit: 255 },
        Problem::TooManyChars { chars: 80, limit: 64 },
        Problem::TooManyEntries { entries: 70, limit: 64 },
        Problem::MustNotBeEmpty,
        Problem::IdEmpty,
        Problem::IdHasSpace { id: id() },
        Problem::IdTaken { id: id(), first_path: "queues[0]".into() },
        Problem::NoSuchId { kind: IdKind::Queue, id: id() },
        Problem::IdOfOtherKind { kind: IdKind::Queue, id: id(), other: IdKind::Exchange },
        Problem::NoNodes,
        Problem::NoSuchClient { id: id() },
        Problem::ClientOfOtherKind { id: id(), other: IdKind::Node },
        Problem::ListedTwice { id: id() },
        Problem::SameBinding { first: 2 },
        Problem::HeaderNameEmpty,
        Problem::NeedsTwoNodes { mode: "quorum".into() },
        Problem::DlxOverflowNeedsDlx,
        Problem::OnlyWithDeadLetterExchange,
        Problem::MaxBelowMin { max: "2".into(), min: "5".into() },
        Problem::StopNotAfterStart { stop: "10".into(), start: "20".into() },
        Problem::LinkLossNeedsProbability,
        Problem::SlowDiskNeedsFactor,
        Problem::FaultsOverlap { earlier: "faults[0]".into() },
        Problem::UnsupportedVersion { version: "2".into() },
        Problem::TooManyMessages { estimate: "2e8".into(), limit: "1e8".into() },
        Problem::TooManyFaults { total: 300, limit: 256 },
        Problem::XMatchOnlyForHeaders { kind: "direct".into() },
        Problem::QuorumAlwaysDurable,
        Problem::HeadersOnlyForHeaders { exchange: "x".into(), kind: "topic".into() },
        Problem::OnlyWithBursts { shape: "constant".into() },
        Problem::OnlyWithSchedule { shape: "poisson".into() },
        Problem::PoissonOnlyWithBurstsOrSchedule { shape: "constant".into() },
        Problem::RateNotWithSchedule,
        Problem::RateMissing { shape: "constant".into() },
        Problem::BurstRateMissing,
        Problem::BurstLengthMissing,
        Problem::BurstsOverlap { every: "1".into(), burst: "2".into() },
        Problem::StepsMissing,
        Problem::NoSteps,
        Problem::StepsOutOfOrder { at: "3".into(), previous_index: 1, previous: "5".into() },
        Problem::ProbabilityOnlyForLinkLoss { kind: "crash_node".into() },
        Problem::FactorOnlyForSlowDisk { kind: "crash_node".into() },
        Problem::TooManyStrikes {
            mtbf: "0.01".into(),
            horizon: "60".into(),
            strikes: "6000".into(),
            limit: "1000".into(),
        },
        Problem::LayoutKey { limit: 64 },
        Problem::OutsideCanvas { value: "1e9".into(), limit: "1e6".into() },
        Problem::TooManyBuckets { bucket: "1".into(), horizon: "3600".into(), buckets: 3_600_000, limit: 2_000 },
        Problem::MoreErrors { count: 12 },
    ];
    // A new problem fails to compile here until it is in the list above.
    let _exhaustive = |problem: &Problem| match problem {
        Problem::NotANumber
        | Problem::NotFinite { .. }
        | Problem::Negative { .. }
        | Problem::AboveLimit { .. }
        | Problem::BelowMinimum { .. }
        | Problem::MustBeAboveZero
        | Problem::RoundsToZero { .. }
        | Problem::NotAProbability { .. }
        | Problem::TooManyBytes { .. }
        | Problem::TooManyChars { .. }
        | Problem::TooManyEntries { .. }
        | Problem::MustNotBeEmpty
        | Problem::IdEmpty
        | Problem::IdHasSpace { .. }
        | Problem::IdTaken { .. }
        | Problem::NoSuchId { .. }
        | Problem::IdOfOtherKind { .. }
        | Problem::NoNodes
        | Problem::NoSuchClient { .. }
        | Problem::ClientOfOtherKind { .. }
        | Problem::ListedTwice { .. }
        | Problem::SameBinding { .. }
        | Problem::HeaderNameEmpty
        | Problem::NeedsTwoNodes { .. }
        | Problem::DlxOverflowNeedsDlx
        | Problem::OnlyWithDeadLetterExchange
        | Problem::MaxBelowMin { .. }
        | Problem::StopNotAfterStart { .. }
        | Problem::LinkLossNeedsProbability
        | Problem::SlowDiskNeedsFactor
        | Problem::FaultsOverlap { .. }
        | Problem::UnsupportedVersion { .. }
        | Problem::TooManyMessages { .. }
        | Problem::TooManyFaults { .. }
        | Problem::XMatchOnlyForHeaders { .. }
        | Problem::QuorumAlwaysDurable
        | Problem::HeadersOnlyForHeaders { .. }
        | Problem::OnlyWithBursts { .. }
        | Problem::OnlyWithSchedule { .. }
        | Problem::PoissonOnlyWithBurstsOrSchedule { .. }
        | Problem::RateNotWithSchedule
        | Problem::RateMissing { .. }
        | Problem::BurstRateMissing
        | Problem::BurstLengthMissing
        | Problem::BurstsOverlap { .. }
        | Problem::StepsMissing
        | Problem::NoSteps
        | Problem::StepsOutOfOrder { .. }
        | Problem::ProbabilityOnlyForLinkLoss { .. }
        | Problem::FactorOnlyForSlowDisk { .. }
        | Problem::TooManyStrikes { .. }
        | Problem::LayoutKey { .. }
        | Problem::OutsideCanvas { .. }
        | Problem::TooManyBuckets { .. }
        | Problem::MoreErrors { .. } => (),
    };
    for problem in &problems {
        assert_eq!(problem_text(Lang::En, problem), problem.to_string());
        let zh = problem_text(Lang::Zh, problem);
        // Every placeholder filled (a schedule's example keeps its JSON braces).
        assert!(has_cjk(&zh) && placeholders(&zh).is_empty(), "{problem:?}: {zh}");
    }
    // Kinds are named in Chinese too.
    let other =
        problem_text(Lang::Zh, &Problem::IdOfOtherKind { kind: IdKind::Queue, id: id(), other: IdKind::Exchange });
    assert!(other.contains("队列") && other.contains("交换机"), "{other}");
}

#[test]
fn a_scenario_errors_list_reads_like_the_clis_in_english_and_is_chinese_in_chinese() {
    use mqlab_web::i18n::scenario_errors;
    let mut scenario = mqlab_scenario::presets::get("01-decoupling").unwrap();
    scenario.producers[0].rate_per_s = Some(-5.0);
    scenario.consumers[0].queue = "nowhere".into();
    let errors = mqlab_scenario::validate(&scenario).unwrap_err();
    assert_eq!(scenario_errors(Lang::En, &errors), errors.to_string());
    let zh = scenario_errors(Lang::Zh, &errors);
    assert!(zh.contains("producers[0].rate_per_s: -5 是负数"), "{zh}");
    assert!(zh.contains("consumers[0].queue: 没有 id 为 “nowhere” 的队列"), "{zh}");
    // A link whose scenario fails says so in Chinese too.
    let link = link_error(Lang::Zh, &LinkError::Scenario(errors));
    assert!(link.contains("负数"), "{link}");
}

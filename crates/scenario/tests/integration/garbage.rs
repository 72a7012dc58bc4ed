//! Garbage in, errors out: random bytes, truncated and mutated JSON, absurd numbers, broken and
//! hostile links. Nothing here may panic, and nothing invalid may pass validation.

use crate::common::{at_path, paths, value, FULL, MINIMAL};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use mqlab_engine::config::{limits, Config, FaultAction, LinkRef, Placement};
use mqlab_scenario::{decode, encode, parse, validate, LinkError, Scenario};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Parses and validates; returns whether it passed. Any panic fails the test.
fn parse_and_validate(text: &str) -> bool {
    match parse(text) {
        Ok(scenario) => match validate(&scenario) {
            Ok(config) => {
                assert_within_limits(&config);
                true
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                false
            }
        },
        Err(errors) => {
            assert!(!errors.is_empty());
            false
        }
    }
}

/// What the engine relies on, checked on every config validation lets through.
fn assert_within_limits(config: &Config) {
    assert!(config.horizon_us > 0 && config.horizon_us <= limits::HORIZON_US_MAX);
    assert!(config.bucket_us > 0);
    assert!(config.horizon_us.div_ceil(config.bucket_us) <= limits::BUCKETS_MAX);
    assert!(config.nodes.len() <= limits::NODES_MAX);
    assert!(config.queues.len() <= limits::QUEUES_MAX);
    assert!(config.producers.len() <= limits::PRODUCERS_MAX);
    assert!(config.consumers.len() <= limits::CONSUMERS_MAX);
    assert!(config.exchanges.len() <= limits::EXCHANGES_MAX);
    assert!(config.bindings.len() <= limits::BINDINGS_MAX);
    assert!(config.faults.len() + config.random_faults.len() <= limits::FAULTS_MAX);
    let node_ok = |n: mqlab_engine::config::NodeId| usize::from(n.0) < config.nodes.len();
    for node in &config.nodes {
        assert!(node.capacity_per_s > 0.0 && node.capacity_per_s.is_finite());
    }
    let mut messages = 0.0;
    for p in &config.producers {
        assert!(node_ok(p.node));
        assert!(usize::from(p.exchange.0) < config.exchanges.len());
        assert!(!p.rate.steps.is_empty() && p.rate.steps[0].0 == 0);
        assert!(p.rate.steps.windows(2).all(|w| w[0].0 < w[1].0));
        let mut max_rate = 0.0_f64;
        for &(_, rate) in &p.rate.steps {
            assert!((0.0..=limits::RATE_PER_S_MAX).contains(&rate));
            max_rate = max_rate.max(rate);
        }
        if let Some(burst) = p.rate.burst {
            assert!(burst.every_us > 0 && burst.for_us > 0 && burst.for_us <= burst.every_us);
            assert!((0.0..=limits::RATE_PER_S_MAX).contains(&burst.rate_per_s));
            max_rate = max_rate.max(burst.rate_per_s);
        }
        let end = p.stop_us.unwrap_or(config.horizon_us).min(config.horizon_us);
        messages += max_rate * end.saturating_sub(p.start_us) as f64 / 1e6;
        assert!(p.n_keys <= limits::KEYS_MAX);
        assert!(p.max_in_flight >= 1 && p.max_in_flight <= limits::IN_FLIGHT_MAX);
        assert!(p.outbox_limit <= limits::OUTBOX_MAX);
        assert!(p.retries <= limits::RETRIES_MAX);
        assert!(p.timeout_us >= 1_000);
        assert!((0.0..=1.0).contains(&p.link.loss_probability));
    }
    assert!(messages <= limits::MESSAGES_MAX as f64);
    for q in &config.queues {
        match &q.placement {
            Placement::Home(n) => assert!(node_ok(*n)),
            Placement::Mirrored(nodes) | Placement::Quorum(nodes) => {
                assert!(nodes.len() >= 2);
                assert!(nodes.iter().all(|n| node_ok(*n)));
            }
        }
        if let Some(x) = q.dead_letter_exchange {
            assert!(usize::from(x.0) < config.exchanges.len());
        }
        assert!(q.max_length.is_none_or(|m| m <= limits::QUEUE_LENGTH_MAX));
    }
    for b in &config.bindings {
        assert!(usize::from(b.exchange.0) < config.exchanges.len());
        assert!(usize::from(b.queue.0) < config.queues.len());
    }
    for c in &config.consumers {
        assert!(usize::from(c.queue.0) < config.queues.len());
        assert!(node_ok(c.node));
        assert!(c.threads >= 1 && c.threads <= limits::THREADS_MAX);
        assert!(c.prefetch >= 1 && c.prefetch <= limits::PREFETCH_MAX);
        assert!((0.0..=1.0).contains(&c.failure_probability));
    }
    let link_ok = |link: LinkRef| match link {
        LinkRef::Producer(p) => usize::from(p.0) < config.producers.len(),
        LinkRef::Consumer(c) => usize::from(c.0) < config.consumers.len(),
    };
    let actions = config.faults.iter().map(|f| f.action).chain(config.random_faults.iter().map(|f| f.action));
    for action in actions {
        match action {
            FaultAction::CrashNode(n) => assert!(node_ok(n)),
            FaultAction::SlowDisk(n, factor) => assert!(node_ok(n) && factor >= 1.0),
            FaultAction::CrashConsumer(c) => assert!(usize::from(c.0) < config.consumers.len()),
            FaultAction::PartitionLink(link) => assert!(link_ok(link)),
            FaultAction::LinkLoss(link, p) => assert!(link_ok(link) && (0.0..=1.0).contains(&p)),
        }
    }
}

#[test]
fn every_prefix_of_a_scenario_is_refused() {
    for len in 0..FULL.len() {
        if let Some(prefix) = FULL.get(..len) {
            assert!(!parse_and_validate(prefix), "the first {len} bytes passed");
        }
    }
    assert!(parse_and_validate(FULL));
}

#[test]
fn every_prefix_of_a_link_is_refused() {
    let scenario = parse(FULL).expect("parses");
    let link = encode(&scenario);
    let payload_start = "#v1.12345678.".len();
    for len in 0..link.len() {
        let error = decode(&link[..len]).expect_err("a prefix decoded");
        if len >= payload_start {
            assert_eq!(error, LinkError::Truncated, "prefix of {len} characters");
        }
        // Every message reads as a sentence.
        assert!(error.to_string().len() > 20);
    }
    assert_eq!(decode(&link).expect("whole link"), scenario);
}

#[test]
fn every_changed_character_of_a_link_is_caught() {
    let scenario = parse(FULL).expect("parses");
    let link = encode(&scenario);
    let alphabet = b"AZaz09-_.#%";
    for position in 1..link.len() {
        for &replacement in alphabet {
            let mut bytes = link.clone().into_bytes();
            if bytes[position] == replacement {
                continue;
            }
            bytes[position] = replacement;
            let changed = String::from_utf8(bytes).expect("ASCII");
            // A change in the deflate stream's unused last bits may leave the content intact;
            // anything else must be refused.
            if let Ok(decoded) = decode(&changed) {
                assert_eq!(decoded, scenario, "a changed link decoded to another scenario: {changed}");
            }
        }
    }
}

#[test]
fn links_explain_what_is_wrong() {
    let link = encode(&parse(MINIMAL).expect("parses"));
    let checksum = &link[4..12];
    let payload = &link[13..];
    assert_eq!(decode(""), Err(LinkError::Empty));
    assert_eq!(decode("https://example.org/lab#"), Err(LinkError::Empty));
    assert_eq!(decode("#hello"), Err(LinkError::NotALink));
    assert_eq!(decode("https://example.org/lab"), Err(LinkError::NotALink));
    assert_eq!(decode("#v"), Err(LinkError::Truncated));
    assert_eq!(decode("#v1"), Err(LinkError::Truncated));
    assert_eq!(decode("#v1."), Err(LinkError::Truncated));
    assert_eq!(decode(&format!("#v1.{checksum}")), Err(LinkError::Truncated));
    assert_eq!(decode(&format!("#v1.{checksum}.")), Err(LinkError::Truncated));
    assert_eq!(decode(&format!("#v2.{checksum}.{payload}")), Err(LinkError::UnknownVersion("v2".into())));
    assert_eq!(decode(&format!("#v1.00000000.{payload}")), Err(LinkError::Tampered));
    assert_eq!(decode(&format!("#v1.zz.{payload}")), Err(LinkError::Tampered));
    assert_eq!(decode(&format!("#v1.{checksum}.{payload}!!")), Err(LinkError::NotBase64 { position: payload.len() }));
    assert_eq!(
        decode(&format!("#v1.{checksum}.{}", URL_SAFE_NO_PAD.encode([0xff; 40]))),
        Err(LinkError::DoesNotInflate)
    );
    assert_eq!(decode(&"x".repeat(300_000)), Err(LinkError::TooLong { chars: 300_000 }));
    expect_test::expect![[r#"
        this link is in format v2, made by a different version of MQ Lab; this lab reads v1 links
        the link's checksum does not match its content: it was changed or damaged after it was made
        the link is cut short: part of it is missing. Copy the whole link again; chat tools and e-mail sometimes cut long links"#]]
    .assert_eq(
        &[LinkError::UnknownVersion("v2".into()), LinkError::Tampered, LinkError::Truncated]
            .map(|e| e.to_string())
            .join("\n"),
    );
}

/// A link whose every part is well formed, around arbitrary content.
fn link_around(content: &[u8]) -> String {
    let checksum = crc32fast::hash(content);
    let deflated = miniz_oxide::deflate::compress_to_vec(content, 6);
    format!("#v1.{checksum:08x}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

#[test]
fn zip_bomb_is_refused() {
    // 64 MiB of spaces deflates to about 64 KiB; the link stays under the length limit.
    let bomb = vec![b' '; 64 << 20];
    let link = link_around(&bomb);
    assert!(link.len() < 256 * 1024, "{}", link.len());
    assert_eq!(decode(&link), Err(LinkError::TooLarge));
}

#[test]
fn well_formed_links_around_bad_content_are_refused() {
    let not_text = link_around(&[0xff, 0xfe, 0x00]);
    assert!(matches!(decode(&not_text), Err(LinkError::Scenario(_))));
    let not_json = link_around(b"{\"version\": 1, ");
    let Err(LinkError::Scenario(errors)) = decode(&not_json) else { panic!("accepted") };
    assert_eq!(errors.to_string(), "JSON syntax error at line 1, column 15: EOF while parsing a value");
    let newer = link_around(br#"{"version": 2, "name": "from the future"}"#);
    let error = decode(&newer).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "the link holds a scenario this lab cannot use:\nversion: 2 is not supported; this lab reads version 1"
    );
    // A link decodes a scenario; it does not vouch for it: validation is still the caller's job.
    let absurd = link_around(br#"{"version": 1, "name": "x", "horizon_s": 1e9}"#);
    let scenario = decode(&absurd).expect("well formed");
    assert!(validate(&scenario).is_err());
}

#[test]
fn absurd_inputs_are_refused() {
    let absurd: Vec<(&str, Value)> = vec![
        ("rate 1e12", json!({"producers": [{"id": "p1", "exchange": "x", "rate_per_s": 1e12}]})),
        ("a year", json!({"horizon_s": 31_536_000})),
        ("negative horizon", json!({"horizon_s": -60})),
        ("NaN as a string", json!({"horizon_s": "NaN"})),
        ("infinity as a string", json!({"seed": "Infinity"})),
        ("null seed", json!({"seed": null})),
        ("negative seed", json!({"seed": -1})),
        ("fractional seed", json!({"seed": 1.5})),
        ("threads 1e12", json!({"consumers": [{"id": "c1", "queue": "q1", "threads": 1e12}]})),
        ("threads beyond u32", json!({"consumers": [{"id": "c1", "queue": "q1", "threads": 4_294_967_296u64}]})),
        ("probability 2", json!({"consumers": [{"id": "c1", "queue": "q1", "failure_probability": 2}]})),
        ("nodes not a list", json!({"nodes": "n1"})),
        ("deep nesting", json!({"layout": {"a": {"x": [[[[1]]]], "y": 0}}})),
    ];
    for (what, patch) in absurd {
        let mut scenario = value(MINIMAL);
        for (key, field) in patch.as_object().expect("object") {
            scenario[key] = field.clone();
        }
        assert!(!parse_and_validate(&scenario.to_string()), "{what} passed");
    }
    // Beyond u64 and beyond f64, written as text.
    for text in [
        MINIMAL.replacen("\"version\": 1,", "\"version\": 1, \"seed\": 99999999999999999999999999999,", 1),
        MINIMAL.replacen("\"rate_per_s\": 100", "\"rate_per_s\": 1e999", 1),
        MINIMAL.replacen("\"rate_per_s\": 100", "\"rate_per_s\": NaN", 1),
        MINIMAL.replacen("\"version\": 1", "\"version\": 18446744073709551617", 1),
        "[".repeat(10_000),
        "{\"a\":".repeat(10_000),
    ] {
        assert!(!parse_and_validate(&text), "{text:.80} passed");
    }
}

#[test]
fn a_million_producers_are_refused_quickly() {
    // As text: refused for its size before anything is built.
    let mut text = String::from(r#"{"version": 1, "name": "big", "producers": ["#);
    for i in 0..1_000_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"id":"p{i}","exchange":"x","rate_per_s":1}}"#));
    }
    text.push_str("]}");
    let errors = parse(&text).expect_err("refused");
    assert!(errors.to_string().contains("limit is 1048576 bytes"), "{errors}");

    // Built in Rust, past any text limit: one error for the list, not one per producer.
    let producer = mqlab_scenario::Producer {
        id: "p".into(),
        exchange: "nowhere".into(),
        rate_per_s: Some(1e12),
        ..Default::default()
    };
    let scenario = Scenario { name: "big".into(), producers: vec![producer; 1_000_000], ..Scenario::default() };
    let errors = validate(&scenario).expect_err("refused");
    assert_eq!(errors.to_string(), "producers: has 1000000 entries; the limit is 64");

    // Under the list limit but each one wrong: errors are capped.
    let mut scenario = Scenario { name: "many errors".into(), ..Scenario::default() };
    scenario.producers = (0..64)
        .map(|i| mqlab_scenario::Producer {
            id: format!("p{i}"),
            exchange: "nowhere".into(),
            rate_per_s: Some(-1.0),
            ..Default::default()
        })
        .collect();
    let errors = validate(&scenario).expect_err("refused");
    assert_eq!(errors.len(), 101);
}

/// Random JSON values, from ordinary to hostile.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        prop_oneof![
            Just(0.0),
            Just(-1.0),
            Just(1e12),
            Just(1e-9),
            Just(86_400.0),
            any::<f64>().prop_filter("finite", |x| x.is_finite()),
        ]
        .prop_map(|x| json!(x)),
        prop_oneof![
            Just("n1".to_string()),
            Just("q1".to_string()),
            Just("x".to_string()),
            Just("".to_string()),
            "[a-z_]{0,12}",
            ".{0,8}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        prop_assert!(!parse_and_validate(&text));
        prop_assert!(decode(&text).is_err());
    }

    #[test]
    fn random_links_never_panic(fragment in "#?v[0-9]{0,2}\\.?[0-9a-f]{0,9}\\.?[A-Za-z0-9_\\-]{0,200}") {
        let _ = decode(&fragment);
    }

    #[test]
    fn random_text_edits_never_panic(
        start in 0..FULL.len(),
        delete in 0..40usize,
        insert in "[ -~]{0,12}",
    ) {
        let mut text = FULL.as_bytes().to_vec();
        let end = (start + delete).min(text.len());
        text.splice(start..end, insert.bytes());
        let text = String::from_utf8_lossy(&text);
        parse_and_validate(&text);
        if let Ok(scenario) = parse(&text) {
            // Whatever parses survives the JSON and link round trips unchanged.
            prop_assert_eq!(&decode(&encode(&scenario)).expect("own link"), &scenario);
        }
    }

    #[test]
    fn random_value_edits_never_panic(pick in any::<prop::sample::Index>(), replacement in any_json()) {
        let mut scenario = value(FULL);
        let mut all = Vec::new();
        paths(&scenario, &mut Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        *at_path(&mut scenario, &path) = replacement;
        parse_and_validate(&scenario.to_string());
    }

    #[test]
    fn random_link_mutations_never_panic(
        position in 0..2_000usize,
        byte in any::<u8>(),
        cut in 0..2_000usize,
    ) {
        let link = encode(&parse(FULL).expect("parses"));
        let mut bytes = link.into_bytes();
        let position = position % bytes.len();
        bytes[position] = byte;
        bytes.truncate(cut.max(position + 1));
        let text = String::from_utf8_lossy(&bytes);
        let _ = decode(&text);
    }
}

proptest! {
    /// The links' own CRC-32 is the standard one, so links made before it still open.
    #[test]
    fn link_checksum_is_the_standard_crc32(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
        prop_assert_eq!(mqlab_scenario::link::crc32(&bytes), crc32fast::hash(&bytes));
    }
}

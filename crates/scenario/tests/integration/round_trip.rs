//! Round trips (JSON and share link), defaults, and the conversion into the engine's config.

use crate::common::{FULL, MINIMAL};
use expect_test::expect;
use mqlab_engine::config::{
    self, AckMode, Arrivals, Burst, ConfirmMode, ExchangeKind, FaultAction, LinkConfig, LinkRef, NodeId, Overflow,
    Placement, QueueId, ServiceTime,
};
use mqlab_scenario::{decode, encode, parse, to_json, validate, Scenario};

#[test]
fn full_scenario_survives_json_round_trip() {
    let scenario = parse(FULL).expect("FULL parses");
    let again = parse(&to_json(&scenario)).expect("its JSON parses");
    assert_eq!(scenario, again);
    // The written form is stable: writing it again changes nothing.
    assert_eq!(to_json(&scenario), to_json(&again));
}

#[test]
fn full_scenario_survives_link_round_trip() {
    let scenario = parse(FULL).expect("FULL parses");
    let link = encode(&scenario);
    assert!(link.starts_with("#v1."), "{link}");
    assert_eq!(decode(&link).expect("decodes"), scenario);
    assert_eq!(decode(&link[1..]).expect("decodes without #"), scenario);
    let url = format!("https://example.org/mqlab/index.html?lang=en{link}");
    assert_eq!(decode(&url).expect("decodes from a URL"), scenario);
    assert_eq!(decode(&format!("  {url}\n")).expect("whitespace is ignored"), scenario);
    assert!(link.len() < 2_000, "the full scenario's link is {} characters", link.len());
}

#[test]
fn layout_and_description_survive_both_round_trips() {
    let scenario = parse(FULL).expect("FULL parses");
    assert_eq!(scenario.layout.len(), 3);
    let decoded = decode(&encode(&scenario)).expect("decodes");
    assert_eq!(decoded.layout, scenario.layout);
    assert_eq!(decoded.description.as_deref(), Some("Uses every switch of the format once."));
}

#[test]
fn link_is_short_for_minimal_scenario() {
    let link = encode(&parse(MINIMAL).expect("parses"));
    expect!["#v1.f3415848.XY7RCoMwDEX_Jc8y7Mse_JUxpGuDBtZU23WUif--tDJ0Pib33JMs8MYQyTN0qgHWDqEDR0xOP6GBiGhrMvpAH899hO7aXlpBvUUZbguQEMAK1nsDU_A2GTHuyaTEg9mMmocizzIG_cJ-wlB0qhVf6f6YQzdX6ZwwHbfzdutBbImHLTgdqJUdNZ5jcn9vGXXG1i8"]
        .assert_eq(&link);
}

#[test]
fn minimal_scenario_gets_every_default() {
    let scenario = parse(MINIMAL).expect("parses");
    assert_eq!(scenario.seed, 1);
    assert_eq!(scenario.horizon_s, 60.0);
    assert_eq!(scenario.bucket_ms, None);
    let producer = &scenario.producers[0];
    assert_eq!(producer.n_keys, 1);
    assert_eq!(producer.confirm, mqlab_scenario::Confirm::None);
    assert_eq!(producer.link, mqlab_scenario::Link::default());
    let consumer = &scenario.consumers[0];
    assert_eq!(consumer.service, mqlab_scenario::Service::Constant { ms: 1.0 });
    assert_eq!(consumer.ack, mqlab_scenario::Ack::Manual);
    assert!(consumer.requeue_on_failure);

    let config = validate(&scenario).expect("valid");
    assert_eq!(config.seed, 1);
    assert_eq!(config.horizon_us, 60_000_000);
    // A hundred buckets of 600 ms.
    assert_eq!(config.bucket_us, 600_000);
    assert_eq!(config.inter_node_latency_us, 500);
    assert_eq!(config.nodes[0].name, "n1");
    assert_eq!(config.nodes[0].capacity_per_s, 20_000.0);
    assert_eq!(config.nodes[0].fsync_us, 1_000);
    let p = &config.producers[0];
    assert_eq!(p.name, "p1");
    assert_eq!(p.rate.steps, vec![(0, 100.0)]);
    assert_eq!(p.rate.burst, None);
    assert_eq!(p.arrivals, Arrivals::Constant);
    assert_eq!((p.start_us, p.stop_us), (0, None));
    assert_eq!(p.n_keys, 1);
    assert_eq!(p.routing_key, "");
    assert!(!p.persistent);
    assert_eq!(p.ttl_us, None);
    assert_eq!(p.confirm, ConfirmMode::None);
    assert_eq!(p.timeout_us, 1_000_000);
    assert_eq!(p.retries, 3);
    assert_eq!(p.retry_backoff_us, 100_000);
    assert_eq!(p.max_in_flight, 1_000);
    assert_eq!(p.outbox_limit, 100_000);
    assert_eq!(p.node, NodeId(0));
    assert_eq!(p.link, LinkConfig { latency_us: 500, jitter_us: 0, loss_probability: 0.0 });
    assert_eq!(config.exchanges[0].kind, ExchangeKind::Direct);
    let q = &config.queues[0];
    assert!(!q.durable);
    assert_eq!((q.max_length, q.overflow, q.message_ttl_us), (None, Overflow::DropHead, None));
    assert_eq!(q.placement, Placement::Home(NodeId(0)));
    let c = &config.consumers[0];
    assert_eq!((c.queue, c.node, c.threads, c.prefetch), (QueueId(0), NodeId(0), 1, 10));
    assert_eq!(c.service, ServiceTime::Constant { us: 1_000 });
    assert_eq!(c.ack, AckMode::Manual);
    assert_eq!(c.idempotency, config::Idempotency::None);
    assert!(config.faults.is_empty() && config.random_faults.is_empty());
}

#[test]
fn defaults_are_left_out_when_written() {
    let scenario = parse(MINIMAL).expect("parses");
    expect![[r#"
        {
          "version": 1,
          "name": "minimal",
          "seed": 1,
          "horizon_s": 60.0,
          "nodes": [
            {
              "id": "n1"
            }
          ],
          "producers": [
            {
              "id": "p1",
              "exchange": "x",
              "rate_per_s": 100.0
            }
          ],
          "exchanges": [
            {
              "id": "x"
            }
          ],
          "queues": [
            {
              "id": "q1"
            }
          ],
          "bindings": [
            {
              "exchange": "x",
              "queue": "q1"
            }
          ],
          "consumers": [
            {
              "id": "c1",
              "queue": "q1"
            }
          ]
        }"#]]
    .assert_eq(&to_json(&scenario));
}

#[test]
fn default_scenario_in_rust_is_version_one() {
    let scenario = Scenario { name: "blank".into(), ..Scenario::default() };
    assert_eq!(scenario.version, 1);
    let config = validate(&scenario).expect("an empty scenario is valid");
    assert!(config.producers.is_empty());
    assert_eq!(parse(&to_json(&scenario)).expect("parses"), scenario);
}

#[test]
fn full_scenario_converts_units_and_ids() {
    let config = validate(&parse(FULL).expect("parses")).expect("valid");
    assert_eq!((config.seed, config.horizon_us, config.bucket_us), (42, 120_000_000, 500_000));
    assert_eq!(config.inter_node_latency_us, 250);
    assert_eq!(config.nodes[2].fsync_us, 500);

    let orders = &config.producers[0];
    assert_eq!(orders.arrivals, Arrivals::Poisson);
    assert_eq!(orders.node, NodeId(1));
    assert_eq!(orders.headers, vec![("region".to_string(), "eu".to_string())]);
    assert_eq!((orders.start_us, orders.stop_us), (1_000_000, Some(100_000_000)));
    assert_eq!(orders.ttl_us, Some(30_000_000));
    assert_eq!(orders.confirm, ConfirmMode::PublisherConfirms);
    assert_eq!((orders.timeout_us, orders.retries, orders.retry_backoff_us), (500_000, 5, 50_000));
    assert_eq!((orders.max_in_flight, orders.outbox_limit), (64, 5_000));
    assert_eq!(orders.link, LinkConfig { latency_us: 2_000, jitter_us: 1_000, loss_probability: 0.01 });

    let bursty = &config.producers[1];
    assert_eq!(bursty.arrivals, Arrivals::Poisson);
    assert_eq!(bursty.confirm, ConfirmMode::Transaction);
    assert_eq!(bursty.rate.steps, vec![(0, 50.0)]);
    assert_eq!(
        bursty.rate.burst,
        Some(Burst { first_us: 10_000_000, every_us: 30_000_000, for_us: 5_000_000, rate_per_s: 500.0 })
    );
    // A schedule that starts late is quiet before its first step.
    let scheduled = &config.producers[2];
    assert_eq!(scheduled.arrivals, Arrivals::Constant);
    assert_eq!(scheduled.rate.steps, vec![(0, 0.0), (5_000_000, 10.0), (60_000_000, 80.0)]);

    assert_eq!(config.exchanges[0].kind, ExchangeKind::Topic);
    assert_eq!(config.exchanges[2].kind, ExchangeKind::Headers { match_all: false });

    let orders_q = &config.queues[0];
    assert!(orders_q.durable);
    assert_eq!(orders_q.max_length, Some(1_000));
    assert_eq!(orders_q.overflow, Overflow::RejectPublishDlx);
    assert_eq!(orders_q.message_ttl_us, Some(60_000_000));
    assert_eq!(orders_q.dead_letter_exchange, Some(config::ExchangeId(3)));
    assert_eq!(orders_q.dead_letter_routing_key.as_deref(), Some("dead"));
    assert_eq!(orders_q.placement, Placement::Mirrored(vec![NodeId(1), NodeId(0)]));
    assert_eq!(config.queues[1].placement, Placement::Home(NodeId(2)));
    // Quorum queues are durable without saying so.
    assert!(config.queues[2].durable);
    assert_eq!(config.queues[2].placement, Placement::Quorum(vec![NodeId(0), NodeId(1), NodeId(2)]));

    assert_eq!(config.bindings.len(), 5);
    assert_eq!(config.bindings[3].headers.len(), 2);

    // Consumers connect to their queue's home node (the leader) unless told otherwise.
    let worker1 = &config.consumers[0];
    assert_eq!((worker1.node, worker1.threads, worker1.prefetch), (NodeId(1), 4, 20));
    assert_eq!(worker1.service, ServiceTime::Exponential { mean_us: 3_000 });
    let worker2 = &config.consumers[1];
    assert_eq!((worker2.node, worker2.ack), (NodeId(0), AckMode::Auto));
    assert_eq!(worker2.service, ServiceTime::Uniform { min_us: 1_000, max_us: 4_000 });
    assert_eq!((worker2.failure_probability, worker2.requeue_on_failure), (0.05, false));
    assert_eq!((worker2.start_us, worker2.stop_us), (20_000_000, Some(80_000_000)));
    assert_eq!(config.consumers[2].service, ServiceTime::LogNormal { median_us: 2_000, sigma: 0.5 });
    assert_eq!(config.consumers[3].service, ServiceTime::Constant { us: 500 });
    assert_eq!(config.consumers[2].node, NodeId(2));

    // Scheduled faults first, then the producers' link partitions, then the consumers'.
    let actions: Vec<(u64, Option<u64>, FaultAction)> =
        config.faults.iter().map(|f| (f.at_us, f.duration_us, f.action)).collect();
    assert_eq!(
        actions,
        vec![
            (40_000_000, Some(10_000_000), FaultAction::CrashNode(NodeId(1))),
            (45_000_000, Some(3_000_000), FaultAction::CrashConsumer(config::ConsumerId(0))),
            (50_000_000, Some(5_000_000), FaultAction::PartitionLink(LinkRef::Producer(config::ProducerId(1)))),
            (60_000_000, None, FaultAction::LinkLoss(LinkRef::Consumer(config::ConsumerId(0)), 0.2)),
            (70_000_000, Some(20_000_000), FaultAction::SlowDisk(NodeId(0), 10.0)),
            (10_000_000, Some(5_000_000), FaultAction::PartitionLink(LinkRef::Producer(config::ProducerId(0)))),
            (90_000_000, None, FaultAction::PartitionLink(LinkRef::Producer(config::ProducerId(0)))),
            (30_000_000, Some(2_000_000), FaultAction::PartitionLink(LinkRef::Consumer(config::ConsumerId(1)))),
        ]
    );
    assert_eq!(config.random_faults.len(), 2);
    assert_eq!(config.random_faults[0].action, FaultAction::CrashConsumer(config::ConsumerId(4)));
    assert_eq!(config.random_faults[0].mean_time_between_us, 30_000_000);
    assert_eq!(config.random_faults[0].mean_duration_us, 2_000_000);
    assert_eq!(config.random_faults[1].action, FaultAction::LinkLoss(LinkRef::Producer(config::ProducerId(3)), 0.5));
}

#[test]
fn default_bucket_is_a_hundredth_of_the_horizon_in_whole_ms() {
    let bucket_us = |horizon_s: f64| {
        let scenario = Scenario { name: "b".into(), horizon_s, ..Scenario::default() };
        validate(&scenario).expect("valid").bucket_us
    };
    assert_eq!(bucket_us(60.0), 600_000);
    assert_eq!(bucket_us(1.0), 10_000);
    assert_eq!(bucket_us(0.05), 1_000);
    assert_eq!(bucket_us(0.001), 1_000);
    assert_eq!(bucket_us(1.2345), 12_000);
    assert_eq!(bucket_us(86_400.0), 864_000_000);
}

#[test]
fn one_burst_when_every_s_is_left_out() {
    let mut scenario = parse(MINIMAL).expect("parses");
    scenario.producers[0].shape = mqlab_scenario::RateShape::Bursts;
    scenario.producers[0].burst_rate_per_s = Some(1_000.0);
    scenario.producers[0].first_s = Some(10.0);
    scenario.producers[0].burst_s = Some(5.0);
    let config = validate(&scenario).expect("valid");
    let burst = config.producers[0].rate.burst.expect("a burst");
    assert_eq!((burst.first_us, burst.for_us), (10_000_000, 5_000_000));
    assert!(burst.first_us + burst.every_us >= config.horizon_us, "a second burst would start in the run");
}

#[test]
fn a_compare_link_holds_a_and_b_and_a_plain_decode_reads_a() {
    let a = mqlab_scenario::presets::get("09-loss-broker-crash-transient").expect("preset");
    let mut b = a.clone();
    b.producers[0].persistent = true;
    let link = mqlab_scenario::encode_compare(&a, &b);
    assert!(link.starts_with("#v1."));
    assert_eq!(link.matches(mqlab_scenario::COMPARE_SEPARATOR).count(), 1);
    let url = format!("http://127.0.0.1:8080/{link}");
    assert_eq!(mqlab_scenario::decode_compare(&url), Ok((a.clone(), Some(b))));
    assert_eq!(mqlab_scenario::decode(&link), Ok(a.clone()), "a plain decode reads A");
    let single = mqlab_scenario::encode(&a);
    assert_eq!(mqlab_scenario::decode_compare(&single), Ok((a, None)));
}

#[test]
fn a_damaged_scenario_b_is_named_as_b() {
    let a = mqlab_scenario::presets::get("01-decoupling").expect("preset");
    let link = mqlab_scenario::encode_compare(&a, &a);
    let cut = &link[..link.len() - 20];
    let error = mqlab_scenario::decode_compare(cut).unwrap_err();
    assert!(matches!(error, mqlab_scenario::LinkError::InScenarioB(_)), "{error:?}");
    assert!(error.to_string().starts_with("in the compared scenario B"), "{error}");
    // A is intact, so a plain decode still reads it.
    assert_eq!(mqlab_scenario::decode(cut), Ok(a));
}

#[test]
fn to_value_through_text_equals_serde_jsons_to_value() {
    for name in mqlab_scenario::presets::names() {
        let scenario = mqlab_scenario::presets::get(name).unwrap();
        assert_eq!(
            mqlab_scenario::json::to_value(&scenario),
            serde_json::to_value(&scenario).unwrap(),
            "preset {name}"
        );
    }
}

//! Property tests over random valid pipelines: every report passes the accounting checker
//! (conservation, losses by cause, series, Little's law), and the same configuration and seed
//! always give an identical report. A failure prints the whole configuration, seed included.

use crate::common::*;
use mqlab_engine::config::*;
use mqlab_engine::Simulation;
use proptest::prelude::*;

fn service() -> impl Strategy<Value = ServiceTime> {
    prop_oneof![
        (100u64..3_000).prop_map(|us| ServiceTime::Constant { us }),
        (100u64..3_000).prop_map(|mean_us| ServiceTime::Exponential { mean_us }),
        (0u64..1_000, 0u64..3_000).prop_map(|(a, b)| ServiceTime::Uniform { min_us: a, max_us: a + b }),
        (100u64..2_000, 0.1f64..1.5).prop_map(|(median_us, sigma)| ServiceTime::LogNormal { median_us, sigma }),
    ]
}

fn link() -> impl Strategy<Value = LinkConfig> {
    (0u64..3 * MS, 0u64..2 * MS, prop_oneof![Just(0.0), 0.0f64..0.2])
        .prop_map(|(latency_us, jitter_us, loss_probability)| LinkConfig { latency_us, jitter_us, loss_probability })
}

fn fault(n_nodes: usize, n_consumers: usize) -> impl Strategy<Value = ScheduledFault> {
    let action = prop_oneof![
        (0..n_nodes).prop_map(|n| FaultAction::CrashNode(NodeId(n as u16))),
        (0..n_consumers).prop_map(|c| FaultAction::CrashConsumer(ConsumerId(c as u16))),
        (0..n_consumers).prop_map(|c| FaultAction::PartitionLink(LinkRef::Consumer(ConsumerId(c as u16)))),
        Just(FaultAction::PartitionLink(LinkRef::Producer(ProducerId(0)))),
        (0.0f64..0.5).prop_map(|p| FaultAction::LinkLoss(LinkRef::Producer(ProducerId(0)), p)),
        (0..n_nodes, 1.0f64..20.0).prop_map(|(n, f)| FaultAction::SlowDisk(NodeId(n as u16), f)),
    ];
    (0u64..2 * S, proptest::option::of(1u64..S), action).prop_map(|(at_us, duration_us, action)| ScheduledFault {
        at_us,
        duration_us,
        action,
    })
}

prop_compose! {
    fn scenario()(
        n_nodes in 1usize..4,
        n_consumers in 1usize..4,
    )(
        seed in any::<u64>(),
        rate in 10.0f64..3_000.0,
        poisson in any::<bool>(),
        n_keys in 0u32..6,
        confirm in prop_oneof![Just(ConfirmMode::None), Just(ConfirmMode::Transaction), Just(ConfirmMode::PublisherConfirms)],
        retries in 0u32..5,
        persistent in any::<bool>(),
        durable in any::<bool>(),
        ttl in proptest::option::of(1u64..500 * MS),
        max_length in proptest::option::of(1u32..200),
        overflow in prop_oneof![Just(Overflow::DropHead), Just(Overflow::RejectPublish), Just(Overflow::RejectPublishDlx)],
        with_dlx in any::<bool>(),
        placement_kind in 0u8..3,
        producer_link in link(),
        consumer_links in proptest::collection::vec(link(), n_consumers),
        services in proptest::collection::vec(service(), n_consumers),
        manual in proptest::collection::vec(any::<bool>(), n_consumers),
        prefetch in proptest::collection::vec(1u32..50, n_consumers),
        threads in proptest::collection::vec(1u32..4, n_consumers),
        failure in prop_oneof![Just(0.0), 0.0f64..0.3],
        requeue in any::<bool>(),
        idempotency in prop_oneof![Just(Idempotency::None), Just(Idempotency::UpsertByKey), Just(Idempotency::DedupeIds), Just(Idempotency::UniqueConstraint)],
        faults in proptest::collection::vec(fault(n_nodes, n_consumers), 0..4),
        random_crash in proptest::option::of((0..n_nodes, 200u64..2_000, 10u64..500)),
        n_nodes in Just(n_nodes),
    ) -> Config {
        let mut c = pipeline(rate, ServiceTime::Constant { us: 1 }, 3 * S);
        c.seed = seed;
        c.nodes = (0..n_nodes).map(|i| NodeConfig { fsync_us: MS, ..node(&format!("n{i}")) }).collect();
        let p = &mut c.producers[0];
        p.arrivals = if poisson { Arrivals::Poisson } else { Arrivals::Constant };
        p.n_keys = n_keys;
        p.confirm = confirm;
        p.retries = retries;
        p.timeout_us = 50 * MS;
        p.persistent = persistent;
        p.link = producer_link;
        p.node = NodeId((seed % n_nodes as u64) as u16);
        let q = &mut c.queues[0];
        q.durable = durable;
        q.message_ttl_us = ttl;
        q.max_length = max_length;
        q.overflow = overflow;
        let all: Vec<NodeId> = (0..n_nodes as u16).map(NodeId).collect();
        q.placement = match (placement_kind, n_nodes) {
            (1, 2..) => Placement::Mirrored(all),
            (2, 2..) => Placement::Quorum(all),
            _ => Placement::Home(NodeId(0)),
        };
        if with_dlx {
            c.exchanges.push(ExchangeConfig { name: "dlx".into(), kind: ExchangeKind::Fanout });
            c.queues.push(queue("dlq"));
            c.bindings.push(BindingConfig { exchange: ExchangeId(1), queue: QueueId(1), key: String::new(), headers: vec![] });
            c.queues[0].dead_letter_exchange = Some(ExchangeId(1));
        }
        c.consumers = (0..services.len())
            .map(|i| ConsumerConfig {
                link: consumer_links[i].clone(),
                service: services[i],
                ack: if manual[i] { AckMode::Manual } else { AckMode::Auto },
                prefetch: prefetch[i],
                threads: threads[i],
                failure_probability: failure,
                requeue_on_failure: requeue,
                idempotency,
                node: NodeId((i % n_nodes) as u16),
                ..consumer(&format!("c{i}"), 0, services[i])
            })
            .collect();
        if with_dlx && requeue {
            // Sometimes someone also consumes the dead letters (compensation).
            c.consumers.push(consumer("dlq-reader", 1, ServiceTime::Constant { us: 200 }));
        }
        c.faults = faults;
        if let Some((n, mtbf_ms, mttr_ms)) = random_crash {
            c.random_faults.push(RandomFault {
                action: FaultAction::CrashNode(NodeId(n as u16)),
                mean_time_between_us: mtbf_ms * MS,
                mean_duration_us: mttr_ms * MS,
            });
        }
        c
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96)
}

proptest! {
    // 96 cases by default; set PROPTEST_CASES for a longer hunt.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_run_conserves_messages(config in scenario()) {
        // `run` checks conservation, causes, series and Little's law, printing the seed.
        run(config);
    }

    #[test]
    fn the_same_seed_gives_the_same_report(config in scenario()) {
        let a = Simulation::new(config.clone()).run();
        let b = Simulation::new(config.clone()).run();
        prop_assert_eq!(a, b, "seed {} is not deterministic", config.seed);
    }

    #[test]
    fn stepping_and_running_agree(config in scenario()) {
        let whole = Simulation::new(config.clone()).run();
        let mut stepped = Simulation::new(config.clone());
        // Drive it as a browser would: frame by frame, in slices of virtual time.
        let mut t = 0;
        while t < config.horizon_us {
            t += 16_667;
            stepped.run_until(t);
        }
        prop_assert_eq!(whole, stepped.run(), "seed {}", config.seed);
    }
}

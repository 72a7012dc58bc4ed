//! The study notes' RabbitMQ claims (loss, duplicates, ordering, overflow, TTL, availability) as a
//! table: each row is a pipeline, a switch, and what the notes say must happen.

use crate::common::*;
use mqlab_engine::config::*;
use mqlab_engine::report::{LossCause, Report};

fn lost(r: &Report, cause: LossCause) -> u64 {
    r.lost_by_cause[cause.index()]
}

/// A producer at 1,000 msg/s into a queue drained by a consumer at about 2,000 msg/s.
fn base() -> Config {
    let mut c = pipeline(1_000.0, ServiceTime::Constant { us: 500 }, 10 * S);
    c.producers[0].link.latency_us = MS;
    c.consumers[0].link.latency_us = MS;
    c.consumers[0].prefetch = 50;
    c.nodes[0].fsync_us = 2 * MS;
    c
}

fn with_confirms(mut c: Config) -> Config {
    c.producers[0].confirm = ConfirmMode::PublisherConfirms;
    c.producers[0].retries = 1_000;
    c
}

fn lossy_producer_link(mut c: Config) -> Config {
    c.producers[0].link.loss_probability = 0.05;
    c
}

/// The queue backs up (a slow consumer) and node 0 crashes at 3 s for 1 s.
fn broker_crash(mut c: Config) -> Config {
    c.consumers[0].service = ServiceTime::Constant { us: 2 * MS };
    c.faults.push(ScheduledFault { at_us: 3 * S, duration_us: Some(S), action: FaultAction::CrashNode(NodeId(0)) });
    c
}

fn durable_persistent(mut c: Config) -> Config {
    c.queues[0].durable = true;
    c.producers[0].persistent = true;
    c
}

/// A consumer that holds many prefetched messages crashes at 3 s for 1 s.
fn consumer_crash(mut c: Config) -> Config {
    c.consumers[0].prefetch = 200;
    c.consumers[0].service = ServiceTime::Constant { us: 900 };
    c.faults.push(ScheduledFault {
        at_us: 3 * S,
        duration_us: Some(S),
        action: FaultAction::CrashConsumer(ConsumerId(0)),
    });
    c
}

/// Consumer crashes while acks are on the wire: the slow link widens the window.
fn crash_with_acks_in_flight(mut c: Config, idempotency: Idempotency) -> Config {
    c = consumer_crash(c);
    c.consumers[0].link.latency_us = 20 * MS;
    c.consumers[0].idempotency = idempotency;
    c
}

/// Three consumers on one queue; messages carry 4 keys.
fn many_consumers_one_queue(mut c: Config) -> Config {
    c.producers[0].n_keys = 4;
    c.consumers[0].service = ServiceTime::Exponential { mean_us: 2 * MS };
    c.consumers[0].prefetch = 1;
    let second = ConsumerConfig { name: "c1".into(), ..c.consumers[0].clone() };
    let third = ConsumerConfig { name: "c2".into(), ..c.consumers[0].clone() };
    c.consumers.push(second);
    c.consumers.push(third);
    c
}

/// Four queues, one per key, each with one consumer: the notes' fix for ordering.
fn one_consumer_per_key_queue(mut c: Config) -> Config {
    c.producers[0].n_keys = 4;
    c.producers[0].routing_key = "k{key}".into();
    c.queues = (0..4).map(|i| queue(&format!("q{i}"))).collect();
    c.bindings = (0..4).map(|i| bind(i, &format!("k{i}"))).collect();
    let template =
        ConsumerConfig { service: ServiceTime::Exponential { mean_us: 2 * MS }, prefetch: 1, ..c.consumers[0].clone() };
    c.consumers =
        (0..4).map(|i| ConsumerConfig { name: format!("c{i}"), queue: QueueId(i), ..template.clone() }).collect();
    c
}

fn slow_consumer(mut c: Config) -> Config {
    c.consumers[0].service = ServiceTime::Constant { us: 2 * MS };
    c
}

/// A dead-letter exchange `dlx` bound to a parking queue `dlq`.
fn with_dead_letter_queue(mut c: Config) -> Config {
    c.exchanges.push(ExchangeConfig { name: "dlx".into(), kind: ExchangeKind::Fanout });
    c.queues.push(queue("dlq"));
    c.bindings.push(BindingConfig { exchange: ExchangeId(1), queue: QueueId(1), key: String::new(), headers: vec![] });
    c.queues[0].dead_letter_exchange = Some(ExchangeId(1));
    c
}

/// Two nodes; the producer and consumer connect to node 1; the queue's data is on node 0
/// (classic cluster) or mirrored on both. Node 0 is down from 3 s to 6 s.
fn two_nodes(mut c: Config, placement: Placement) -> Config {
    c.nodes.push(node("n1"));
    c.producers[0].node = NodeId(1);
    c.consumers[0].node = NodeId(1);
    c.queues[0].placement = placement;
    c.faults.push(ScheduledFault { at_us: 3 * S, duration_us: Some(3 * S), action: FaultAction::CrashNode(NodeId(0)) });
    c
}

fn processed_between(r: &Report, from_s: u64, to_s: u64) -> u64 {
    r.series.iter().filter(|b| b.start_us >= from_s * S && b.start_us < to_s * S).map(|b| b.processed).sum()
}

type Row = (&'static str, Config, fn(&Report) -> Result<(), String>);

fn expect(ok: bool, what: String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(what)
    }
}

fn rows() -> Vec<Row> {
    vec![
        ("no confirms + network loss → loss", lossy_producer_link(base()), |r| {
            expect(lost(r, LossCause::Network) > 0, format!("network losses {}", lost(r, LossCause::Network)))
        }),
        (
            "publisher confirms + network loss → no loss, duplicates",
            with_confirms(lossy_producer_link(base())),
            |r| {
                expect(
                    r.totals.lost == 0 && r.totals.duplicates > 0,
                    format!("lost {} duplicates {}", r.totals.lost, r.totals.duplicates),
                )
            },
        ),
        (
            "transactions + network loss → no loss",
            {
                let mut c = with_confirms(lossy_producer_link(base()));
                c.producers[0].confirm = ConfirmMode::Transaction;
                c
            },
            |r| {
                // One transaction per round trip: far below the 1,000 msg/s offered.
                let confirmed = r.producers[0].confirmed;
                expect(r.totals.lost == 0 && confirmed < 5_000, format!("lost {} confirmed {confirmed}", r.totals.lost))
            },
        ),
        ("non-durable queue + broker crash → loss", broker_crash(with_confirms(base())), |r| {
            // Confirms cannot help with messages already confirmed and then lost from memory.
            expect(
                lost(r, LossCause::BrokerCrash) > 0,
                format!("broker-crash losses {}", lost(r, LossCause::BrokerCrash)),
            )
        }),
        (
            "durable queue + transient messages + broker crash → loss",
            {
                let mut c = broker_crash(with_confirms(base()));
                c.queues[0].durable = true;
                c
            },
            |r| {
                expect(
                    lost(r, LossCause::BrokerCrash) > 0,
                    format!("broker-crash losses {}", lost(r, LossCause::BrokerCrash)),
                )
            },
        ),
        (
            "durable + persistent + confirms + broker crash → no loss",
            broker_crash(durable_persistent(with_confirms(base()))),
            |r| {
                expect(
                    r.totals.lost == 0 && r.totals.processed > 4_000,
                    format!("lost {} processed {}", r.totals.lost, r.totals.processed),
                )
            },
        ),
        (
            "durable + persistent without confirms + broker crash → loss (unsynced and refused)",
            broker_crash(durable_persistent(base())),
            |r| expect(r.totals.lost > 0, format!("lost {}", r.totals.lost)),
        ),
        (
            "auto-ack + consumer crash → loss",
            {
                let mut c = consumer_crash(base());
                c.consumers[0].ack = AckMode::Auto;
                c
            },
            |r| {
                expect(
                    lost(r, LossCause::ConsumerCrash) > 0,
                    format!("consumer-crash losses {}", lost(r, LossCause::ConsumerCrash)),
                )
            },
        ),
        ("manual ack + consumer crash → no loss, redeliveries", consumer_crash(base()), |r| {
            let redelivered = r.consumers[0].redelivered;
            expect(r.totals.lost == 0 && redelivered > 0, format!("lost {} redelivered {redelivered}", r.totals.lost))
        }),
        (
            "manual ack + crash with acks in flight → duplicates",
            crash_with_acks_in_flight(base(), Idempotency::None),
            |r| expect(r.totals.duplicates > 0, format!("duplicates {}", r.totals.duplicates)),
        ),
        ("upsert by key → no duplicate effects", crash_with_acks_in_flight(base(), Idempotency::UpsertByKey), |r| {
            expect(
                r.totals.duplicates == 0 && r.store.duplicates_absorbed > 0,
                format!("duplicates {} absorbed {}", r.totals.duplicates, r.store.duplicates_absorbed),
            )
        }),
        (
            "dedupe store of ids → no duplicate effects (one consumer thread)",
            crash_with_acks_in_flight(base(), Idempotency::DedupeIds),
            |r| {
                expect(
                    r.totals.duplicates == 0 && r.store.duplicates_absorbed > 0,
                    format!("duplicates {} absorbed {}", r.totals.duplicates, r.store.duplicates_absorbed),
                )
            },
        ),
        (
            "unique constraint → no duplicate effects",
            crash_with_acks_in_flight(base(), Idempotency::UniqueConstraint),
            |r| {
                expect(
                    r.totals.duplicates == 0 && r.store.duplicates_absorbed > 0,
                    format!("duplicates {} absorbed {}", r.totals.duplicates, r.store.duplicates_absorbed),
                )
            },
        ),
        ("several consumers on one queue → out of order", many_consumers_one_queue(base()), |r| {
            expect(r.totals.out_of_order > 0, format!("out of order {}", r.totals.out_of_order))
        }),
        ("one consumer per key queue → in order", one_consumer_per_key_queue(base()), |r| {
            expect(
                r.totals.out_of_order == 0 && r.totals.processed > 9_000,
                format!("out of order {} processed {}", r.totals.out_of_order, r.totals.processed),
            )
        }),
        (
            "max length + drop-head → loss by overflow",
            {
                let mut c = slow_consumer(base());
                c.queues[0].max_length = Some(100);
                c
            },
            |r| expect(lost(r, LossCause::Overflow) > 0, format!("overflow losses {}", lost(r, LossCause::Overflow))),
        ),
        (
            "max length + drop-head + dead-letter exchange → dead-lettered, not lost",
            {
                let mut c = with_dead_letter_queue(slow_consumer(base()));
                c.queues[0].max_length = Some(100);
                c
            },
            |r| {
                expect(
                    r.totals.lost == 0
                        && r.totals.dead_lettered > 0
                        && r.queues[1].dead_letters_parked == r.totals.dead_lettered,
                    format!(
                        "lost {} dead-lettered {} parked {}",
                        r.totals.lost, r.totals.dead_lettered, r.queues[1].dead_letters_parked
                    ),
                )
            },
        ),
        (
            "max length + reject-publish + confirms → producer told (rejected), not lost",
            {
                let mut c = with_confirms(slow_consumer(base()));
                c.queues[0].max_length = Some(100);
                c.queues[0].overflow = Overflow::RejectPublish;
                c.producers[0].retries = 2;
                c
            },
            |r| {
                expect(
                    r.totals.lost == 0 && r.totals.rejected > 0,
                    format!("lost {} rejected {}", r.totals.lost, r.totals.rejected),
                )
            },
        ),
        (
            "max length + reject-publish without confirms → loss",
            {
                let mut c = slow_consumer(base());
                c.queues[0].max_length = Some(100);
                c.queues[0].overflow = Overflow::RejectPublish;
                c
            },
            |r| expect(lost(r, LossCause::Overflow) > 0, format!("overflow losses {}", lost(r, LossCause::Overflow))),
        ),
        (
            "max length + reject-publish-dlx → dead-lettered",
            {
                let mut c = with_dead_letter_queue(slow_consumer(base()));
                c.queues[0].max_length = Some(100);
                c.queues[0].overflow = Overflow::RejectPublishDlx;
                c
            },
            |r| {
                expect(
                    r.totals.dead_lettered > 0 && r.totals.lost == 0,
                    format!("dead-lettered {} lost {}", r.totals.dead_lettered, r.totals.lost),
                )
            },
        ),
        (
            "queue TTL with a slow consumer → expired",
            {
                let mut c = slow_consumer(base());
                c.queues[0].message_ttl_us = Some(500 * MS);
                c
            },
            |r| {
                expect(
                    r.totals.expired > 0 && r.totals.lost == 0,
                    format!("expired {} lost {}", r.totals.expired, r.totals.lost),
                )
            },
        ),
        (
            "per-message TTL + dead-letter exchange → dead-lettered",
            {
                let mut c = with_dead_letter_queue(slow_consumer(base()));
                c.producers[0].ttl_us = Some(500 * MS);
                c
            },
            |r| {
                expect(
                    r.totals.dead_lettered > 0 && r.totals.expired == 0,
                    format!("dead-lettered {} expired {}", r.totals.dead_lettered, r.totals.expired),
                )
            },
        ),
        (
            "classic cluster: the queue is unavailable while its node is down",
            two_nodes(with_confirms(base()), Placement::Home(NodeId(0))),
            |r| {
                let during = processed_between(r, 3, 6);
                let after = processed_between(r, 7, 10);
                expect(during == 0 && after > 2_000, format!("processed during outage {during}, after {after}"))
            },
        ),
        (
            "mirrored queue: stays available while a node is down, no loss with confirms",
            two_nodes(with_confirms(base()), Placement::Mirrored(vec![NodeId(0), NodeId(1)])),
            |r| {
                let during = processed_between(r, 3, 6);
                expect(
                    during > 2_000 && r.totals.lost == 0,
                    format!("processed during outage {during}, lost {}", r.totals.lost),
                )
            },
        ),
    ]
}

#[test]
fn the_notes_rabbitmq_claims_hold() {
    let mut failures = Vec::new();
    for (name, config, check) in rows() {
        let seed = config.seed;
        let r = run(config);
        if let Err(why) = check(&r) {
            failures.push(format!("{name} (seed {seed}): {why}; totals {:?}", r.totals));
        }
    }
    assert!(failures.is_empty(), "claims that did not hold:\n{}", failures.join("\n"));
}

//! One behaviour per test, per component: producers, links, nodes, exchanges, queues, consumers,
//! the store, faults, tracing and memory.

use crate::common::*;
use mqlab_engine::config::*;
use mqlab_engine::report::{LossCause, Outcome};
use mqlab_engine::trace::What;
use mqlab_engine::{trace_message, Simulation};

fn steady() -> Config {
    pipeline(100.0, ServiceTime::Constant { us: MS }, 10 * S)
}

#[test]
fn producer_constant_rate_makes_exactly_rate_times_horizon() {
    let r = run(steady());
    assert_eq!(r.totals.produced, 1_000);
    assert_eq!(r.producers[0].created, 1_000);
}

#[test]
fn producer_schedule_and_stop() {
    let mut c = steady();
    c.producers[0].rate = RateProfile { steps: vec![(0, 100.0), (5 * S, 0.0)], burst: None };
    let r = run(c.clone());
    assert_eq!(r.totals.produced, 500);
    c.producers[0].rate = RateProfile { steps: vec![(0, 100.0)], burst: None };
    c.producers[0].stop_us = Some(2 * S);
    assert_eq!(run(c).totals.produced, 200);
}

#[test]
fn producer_bursts_raise_the_rate_only_during_the_burst() {
    let mut c = steady();
    c.producers[0].rate.burst = Some(Burst { first_us: 2 * S, every_us: 100 * S, for_us: S, rate_per_s: 1_000.0 });
    let r = run(c);
    assert_eq!(r.totals.produced, 9 * 100 + 1_000);
    let in_burst: u64 = r.series.iter().filter(|b| b.start_us >= 2 * S && b.start_us < 3 * S).map(|b| b.produced).sum();
    assert_eq!(in_burst, 1_000);
}

#[test]
fn adding_a_consumer_does_not_change_the_producers_arrivals() {
    let mut a = steady();
    a.producers[0].arrivals = Arrivals::Poisson;
    a.producers[0].n_keys = 10;
    let mut b = a.clone();
    b.consumers.push(consumer("c1", 0, ServiceTime::Exponential { mean_us: 3 * MS }));
    let (ra, rb) = (run(a), run(b));
    let produced = |r: &mqlab_engine::report::Report| r.series.iter().map(|b| b.produced).collect::<Vec<_>>();
    assert_eq!(produced(&ra), produced(&rb));
}

#[test]
fn transactions_are_one_round_trip_at_a_time() {
    let mut c = steady();
    c.producers[0].confirm = ConfirmMode::Transaction;
    c.producers[0].link.latency_us = 10 * MS;
    // Publish + commit: two round trips of 20 ms, so at most about 25 commits per second.
    let r = run(c);
    let per_s = r.producers[0].confirmed as f64 / 10.0;
    assert!(per_s > 20.0 && per_s <= 25.0, "{per_s} commits/s");
    assert!(r.publish_latency.p99_us > S, "the outbox backs up behind the transactions");
}

#[test]
fn confirms_wait_for_the_fsync_of_persistent_messages() {
    let mut c = steady();
    c.producers[0].confirm = ConfirmMode::PublisherConfirms;
    c.producers[0].persistent = true;
    c.queues[0].durable = true;
    c.nodes[0].fsync_us = 7 * MS;
    // Nobody consumes: a message consumed before its fsync is confirmed at once, as in RabbitMQ.
    c.consumers.clear();
    let r = run(c.clone());
    assert!(r.publish_latency.p50_us >= 7 * MS && r.publish_latency.p50_us < 8 * MS, "{:?}", r.publish_latency);
    // A transient message is confirmed without waiting for the disk.
    c.producers[0].persistent = false;
    assert!(run(c).publish_latency.p50_us < MS);
}

#[test]
fn group_commit_shares_one_fsync_between_concurrent_writes() {
    let mut c = pipeline(10_000.0, ServiceTime::Constant { us: 10 }, 2 * S);
    c.producers[0].confirm = ConfirmMode::PublisherConfirms;
    c.producers[0].persistent = true;
    c.queues[0].durable = true;
    c.nodes[0].fsync_us = 5 * MS;
    let r = run(c);
    // 10,000 msg/s with 5 ms fsyncs: if each write had its own fsync only 200/s would confirm.
    assert!(r.producers[0].confirmed > 19_000, "{}", r.producers[0].confirmed);
    assert!(r.publish_latency.p99_us <= 10 * MS + 100);
}

#[test]
fn node_capacity_limits_throughput() {
    let mut c = pipeline(2_000.0, ServiceTime::Constant { us: 10 }, 10 * S);
    c.nodes[0].capacity_per_s = 1_000.0;
    c.consumers[0].prefetch = 100;
    let r = run(c);
    let processed_per_s = r.totals.processed as f64 / 10.0;
    assert!((990.0..=1_001.0).contains(&processed_per_s), "{processed_per_s}");
}

#[test]
fn jitter_keeps_order_on_one_link() {
    let mut c = steady();
    c.producers[0].link.jitter_us = 50 * MS;
    let r = run(c);
    assert_eq!(r.totals.out_of_order, 0);
}

#[test]
fn producer_link_partition_with_confirms_retries_after_it_heals() {
    let mut c = steady();
    c.producers[0].confirm = ConfirmMode::PublisherConfirms;
    c.producers[0].retries = 1_000;
    c.faults.push(ScheduledFault {
        at_us: 2 * S,
        duration_us: Some(2 * S),
        action: FaultAction::PartitionLink(LinkRef::Producer(ProducerId(0))),
    });
    let r = run(c);
    assert_eq!(r.totals.lost, 0);
    assert!(r.producers[0].timeouts > 0 && r.producers[0].resends > 0);
}

#[test]
fn giving_up_after_the_last_retry_is_rejected_not_lost() {
    let mut c = steady();
    c.producers[0].confirm = ConfirmMode::PublisherConfirms;
    c.producers[0].retries = 1;
    c.faults.push(ScheduledFault {
        at_us: 2 * S,
        duration_us: None,
        action: FaultAction::PartitionLink(LinkRef::Producer(ProducerId(0))),
    });
    let r = run(c);
    assert_eq!(r.totals.lost, 0);
    assert!(r.totals.rejected > 700, "{:?}", r.totals);
}

#[test]
fn a_full_outbox_refuses_new_messages() {
    let mut c = steady();
    c.producers[0].confirm = ConfirmMode::Transaction;
    c.producers[0].link.latency_us = 50 * MS;
    c.producers[0].outbox_limit = 10;
    let r = run(c);
    assert!(r.totals.rejected > 500, "{:?}", r.totals);
}

#[test]
fn exchanges_route_by_kind() {
    let mut c = steady();
    // Stop before the horizon so that every message has arrived by the end.
    c.producers[0].stop_us = Some(9 * S);
    c.queues = vec![queue("eu"), queue("us"), queue("all")];
    c.exchanges[0].kind = ExchangeKind::Topic;
    c.producers[0].n_keys = 2;
    c.producers[0].routing_key = "orders.r{key}".into();
    c.bindings = vec![bind(0, "orders.r0"), bind(1, "orders.r1"), bind(2, "orders.#")];
    c.consumers = (0..3).map(|i| consumer(&format!("c{i}"), i, ServiceTime::Constant { us: MS })).collect();
    let r = run(c.clone());
    assert_eq!(r.queues[2].enqueued, r.totals.produced);
    assert_eq!(r.queues[0].enqueued + r.queues[1].enqueued, r.totals.produced);

    c.exchanges[0].kind = ExchangeKind::Headers { match_all: true };
    c.producers[0].headers = vec![("region".into(), "eu".into())];
    c.bindings = vec![
        BindingConfig {
            exchange: ExchangeId(0),
            queue: QueueId(0),
            key: String::new(),
            headers: vec![("region".into(), "eu".into())],
        },
        BindingConfig {
            exchange: ExchangeId(0),
            queue: QueueId(1),
            key: String::new(),
            headers: vec![("region".into(), "us".into())],
        },
    ];
    let r = run(c);
    assert_eq!(r.queues[0].enqueued, r.totals.produced);
    assert_eq!(r.queues[1].enqueued, 0);
    // Queue "all" is bound nowhere now, so its consumer idles; nothing is unroutable.
    assert_eq!(r.lost_by_cause[LossCause::Unroutable.index()], 0);
}

#[test]
fn unroutable_messages_are_lost_even_with_confirms() {
    let mut c = steady();
    c.producers[0].confirm = ConfirmMode::PublisherConfirms;
    c.producers[0].routing_key = "nowhere".into();
    let r = run(c);
    assert_eq!(r.lost_by_cause[LossCause::Unroutable.index()], r.totals.produced - r.totals.in_flight);
    assert!(r.producers[0].confirmed > 900, "RabbitMQ confirms unroutable messages");
}

#[test]
fn fanout_message_is_processed_once_every_queue_has_processed_it() {
    let mut c = steady();
    c.exchanges[0].kind = ExchangeKind::Fanout;
    c.queues = vec![queue("a"), queue("b")];
    c.bindings = vec![bind(0, ""), bind(1, "")];
    c.consumers = vec![
        consumer("fast", 0, ServiceTime::Constant { us: MS }),
        consumer("slow", 1, ServiceTime::Constant { us: 5 * MS }),
    ];
    let r = run(c);
    assert!(r.latency.p50_us >= 5 * MS, "the slow queue decides: {:?}", r.latency);
    assert_eq!(r.consumers[0].processed, r.consumers[1].processed);
}

#[test]
fn prefetch_bounds_unacked_deliveries() {
    let mut c = pipeline(1_000.0, ServiceTime::Constant { us: 5 * MS }, 2 * S);
    c.consumers[0].prefetch = 7;
    let mut sim = Simulation::new(c);
    for t in 1..20 {
        sim.run_until(t * 100 * MS);
        let snap = sim.snapshot();
        assert!(snap.queues[0].unacked <= 7, "unacked {} at {t}", snap.queues[0].unacked);
    }
}

#[test]
fn threads_process_in_parallel() {
    let mut one = pipeline(500.0, ServiceTime::Constant { us: 4 * MS }, 10 * S);
    one.consumers[0].prefetch = 10;
    let mut four = one.clone();
    four.consumers[0].threads = 4;
    let (r1, r4) = (run(one), run(four));
    assert!(r1.totals.processed < 2_600, "one thread: about 250/s, got {}", r1.totals.processed);
    assert!(r4.totals.processed > 4_900, "four threads keep up: {}", r4.totals.processed);
    assert!(r4.consumers[0].utilisation > 0.45 && r4.consumers[0].utilisation < 0.55);
}

#[test]
fn failures_with_requeue_are_redelivered_and_without_are_discarded() {
    let mut c = steady();
    c.consumers[0].failure_probability = 0.2;
    let r = run(c.clone());
    assert_eq!(r.totals.lost, 0);
    assert!(r.consumers[0].failed > 100 && r.consumers[0].redelivered > 100);
    c.consumers[0].requeue_on_failure = false;
    let r = run(c);
    let discarded = r.lost_by_cause[LossCause::Discarded.index()];
    assert_eq!(discarded, r.consumers[0].failed);
}

#[test]
fn a_consumer_that_leaves_stops_taking_messages() {
    let mut c = steady();
    c.consumers[0].stop_us = Some(5 * S);
    let r = run(c);
    assert!(r.totals.processed <= 501 && r.totals.in_flight >= 499, "{:?}", r.totals);
}

#[test]
fn a_late_consumer_drains_the_backlog() {
    let mut c = steady();
    c.consumers[0].start_us = 5 * S;
    let r = run(c);
    assert_eq!(r.queues[0].depth_max, 500);
    assert!(r.totals.processed > 990);
}

#[test]
fn quorum_queue_needs_a_majority() {
    let mut c = steady();
    c.nodes = vec![node("n0"), node("n1"), node("n2")];
    c.queues[0].placement = Placement::Quorum(vec![NodeId(0), NodeId(1), NodeId(2)]);
    c.producers[0].node = NodeId(2);
    c.consumers[0].node = NodeId(2);
    c.producers[0].confirm = ConfirmMode::PublisherConfirms;
    c.producers[0].retries = 1_000;
    c.faults.push(ScheduledFault { at_us: 2 * S, duration_us: Some(2 * S), action: FaultAction::CrashNode(NodeId(0)) });
    let one_down = run(c.clone());
    let during: u64 =
        one_down.series.iter().filter(|b| b.start_us >= 2 * S && b.start_us < 4 * S).map(|b| b.processed).sum();
    assert!(during > 150, "one of three down: still available, processed {during}");
    assert_eq!(one_down.totals.lost, 0);
    c.faults.push(ScheduledFault { at_us: 2 * S, duration_us: Some(2 * S), action: FaultAction::CrashNode(NodeId(1)) });
    let two_down = run(c);
    let during: u64 =
        two_down.series.iter().filter(|b| b.start_us >= 2_100_000 && b.start_us < 4 * S).map(|b| b.processed).sum();
    assert_eq!(during, 0, "two of three down: no majority");
    assert_eq!(two_down.totals.lost, 0);
}

#[test]
fn slow_disk_slows_confirms() {
    let mut c = steady();
    c.producers[0].confirm = ConfirmMode::PublisherConfirms;
    c.producers[0].persistent = true;
    c.queues[0].durable = true;
    c.nodes[0].fsync_us = MS;
    c.consumers.clear();
    c.faults.push(ScheduledFault { at_us: 0, duration_us: None, action: FaultAction::SlowDisk(NodeId(0), 20.0) });
    let r = run(c);
    assert!(r.publish_latency.p50_us >= 20 * MS, "{:?}", r.publish_latency);
}

#[test]
fn random_faults_strike_and_heal() {
    let mut c = steady();
    c.random_faults.push(RandomFault {
        action: FaultAction::CrashConsumer(ConsumerId(0)),
        mean_time_between_us: S,
        mean_duration_us: 100 * MS,
    });
    let r = run(c);
    assert!(r.consumers[0].crashes >= 3, "{} crashes", r.consumers[0].crashes);
    assert_eq!(r.totals.lost, 0);
}

#[test]
fn link_loss_fault_only_while_it_lasts() {
    let mut c = steady();
    c.faults.push(ScheduledFault {
        at_us: 2 * S,
        duration_us: Some(S),
        action: FaultAction::LinkLoss(LinkRef::Producer(ProducerId(0)), 1.0),
    });
    let r = run(c);
    assert_eq!(r.lost_by_cause[LossCause::Network.index()], 100);
}

#[test]
fn a_consumer_link_partition_requeues_unacked_messages() {
    let mut c = steady();
    c.consumers[0].link.latency_us = 5 * MS;
    c.consumers[0].prefetch = 20;
    c.faults.push(ScheduledFault {
        at_us: 2 * S,
        duration_us: Some(S),
        action: FaultAction::PartitionLink(LinkRef::Consumer(ConsumerId(0))),
    });
    let r = run(c);
    assert_eq!(r.totals.lost, 0);
    assert!(r.consumers[0].redelivered > 0);
}

#[test]
fn trace_tells_the_life_of_a_lost_message() {
    let mut c = steady();
    c.producers[0].link.loss_probability = 0.3;
    let r = run(c.clone());
    assert!(r.totals.lost > 0);
    // The report names lost messages; trace the first.
    let (id, cause) = r.examples.lost[0];
    assert_eq!(cause, LossCause::Network);
    let lost = trace_message(c.clone(), id);
    assert_eq!(lost.outcome, Some(Outcome::Lost(LossCause::Network)));
    assert!(lost.found);
    assert!(matches!(lost.events.first().map(|e| e.what), Some(What::Produced { .. })));
    assert!(lost.events.iter().any(|e| e.what == What::DroppedOnProducerLink));
    assert_eq!(lost.outcome_line(), "outcome: lost (network)");
    // The link drops it as it is sent: the outcome is decided at that very event.
    let dropped = lost.events.iter().find(|e| e.what == What::DroppedOnProducerLink).map(|e| e.t_us);
    assert_eq!(lost.outcome_us, dropped);
    let processed = trace_message(c.clone(), lost.message_id + 1000);
    // The sentences `mqlab trace` prints.
    let whats: Vec<String> = processed.events.iter().map(|e| e.what.to_string()).collect();
    if processed.outcome == Some(Outcome::Processed) {
        let first_processing =
            processed.events.iter().find(|e| e.what == What::Processed { first: true }).map(|e| e.t_us);
        assert_eq!(processed.outcome_us, first_processing);
        for step in [
            "sent (attempt 1)",
            "stored",
            "delivered",
            "processing started",
            "processed: effect applied to the store",
            "acked",
        ] {
            assert!(whats.iter().any(|w| w == step), "missing {step:?} in {whats:?}");
        }
    }
    let never_made = trace_message(c, 10_000_000);
    assert!(!never_made.found);
    assert_eq!((never_made.outcome, never_made.outcome_us), (None, None));
}

#[test]
fn tracing_does_not_change_the_run() {
    let c = steady();
    let mut traced = Simulation::with_trace(c.clone(), 42);
    assert_eq!(traced.run(), Simulation::new(c).run());
}

#[test]
fn memory_stays_bounded_on_long_runs() {
    let mut c = pipeline(1_000.0, ServiceTime::Exponential { mean_us: 500 }, 200 * S);
    c.producers[0].arrivals = Arrivals::Poisson;
    let mut sim = Simulation::new(c);
    let r = sim.run();
    assert_eq!(r.totals.produced, r.totals.processed + r.totals.in_flight);
    let (message_slots, copy_slots) = sim.tracking_slots();
    assert!(r.totals.produced > 190_000);
    assert!(
        message_slots < 1_000 && copy_slots < 1_000,
        "slots {message_slots} / {copy_slots} for {} messages",
        r.totals.produced
    );
}

#[test]
fn snapshot_shows_a_crashed_node_and_an_unavailable_queue() {
    let mut c = steady();
    c.faults.push(ScheduledFault { at_us: 2 * S, duration_us: Some(S), action: FaultAction::CrashNode(NodeId(0)) });
    let mut sim = Simulation::new(c);
    sim.run_until(2_500_000);
    let snap = sim.snapshot();
    assert!(!snap.nodes[0].up && !snap.queues[0].available);
    sim.run_until(3_500_000);
    let snap = sim.snapshot();
    assert!(snap.nodes[0].up && snap.queues[0].available);
}

#[test]
fn dead_letters_can_be_consumed_without_changing_the_outcome() {
    let mut c = steady();
    c.queues[0].message_ttl_us = Some(50 * MS);
    c.consumers[0].service = ServiceTime::Constant { us: 20 * MS };
    c.exchanges.push(ExchangeConfig { name: "dlx".into(), kind: ExchangeKind::Fanout });
    c.queues.push(queue("dlq"));
    c.bindings.push(BindingConfig { exchange: ExchangeId(1), queue: QueueId(1), key: String::new(), headers: vec![] });
    c.queues[0].dead_letter_exchange = Some(ExchangeId(1));
    c.consumers.push(consumer("compensator", 1, ServiceTime::Constant { us: MS }));
    let r = run(c);
    assert!(r.totals.dead_lettered > 300, "{:?}", r.totals);
    assert_eq!(r.queues[1].enqueued, r.queues[1].dead_letters_parked);
    assert!(r.store.dead_letters_applied + 2 >= r.totals.dead_lettered, "{:?}", r.store);
    assert_eq!(r.consumers[1].processed, r.store.dead_letters_applied);
}

#[test]
fn a_mirror_acknowledgement_travels_back_to_the_leader() {
    let mut c = steady();
    c.consumers.clear();
    c.nodes.push(node("n1"));
    c.inter_node_latency_us = 3 * MS;
    c.queues[0].placement = Placement::Mirrored(vec![NodeId(0), NodeId(1)]);
    c.producers[0].confirm = ConfirmMode::PublisherConfirms;
    let r = run(c);
    // Replica out (3 ms) and its acknowledgement back (3 ms) before the confirm.
    assert!(r.publish_latency.p50_us >= 6 * MS, "{:?}", r.publish_latency);
}

#[test]
fn the_last_bucket_has_its_latency_percentiles() {
    let r = run(steady());
    let last = r.series.last().expect("buckets");
    assert!(last.latency_p50_us >= MS && last.latency_p99_us >= last.latency_p50_us, "{last:?}");
}

#[test]
fn running_until_a_time_closes_the_buckets_that_ended() {
    let mut sim = Simulation::new(steady());
    sim.run_until(2 * S + 1);
    // Buckets are 100 ms: twenty have ended by 2 s, whatever the next event's time.
    assert_eq!(sim.closed_buckets().len(), 20);
}

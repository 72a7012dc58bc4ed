//! Builders for engine test configurations: a small pipeline with sane defaults to edit.
#![allow(dead_code)]

use mqlab_engine::checker::check_report;
use mqlab_engine::config::*;
use mqlab_engine::report::Report;
use mqlab_engine::Simulation;

pub const MS: u64 = 1_000;
pub const S: u64 = 1_000_000;

pub fn node(name: &str) -> NodeConfig {
    NodeConfig { name: name.into(), capacity_per_s: 1_000_000.0, fsync_us: 0 }
}

pub fn producer(name: &str, rate_per_s: f64) -> ProducerConfig {
    ProducerConfig {
        name: name.into(),
        rate: RateProfile { steps: vec![(0, rate_per_s)], burst: None },
        arrivals: Arrivals::Constant,
        start_us: 0,
        stop_us: None,
        n_keys: 0,
        exchange: ExchangeId(0),
        routing_key: "q0".into(),
        headers: vec![],
        persistent: false,
        ttl_us: None,
        confirm: ConfirmMode::None,
        timeout_us: 200 * MS,
        retries: 10,
        retry_backoff_us: 10 * MS,
        max_in_flight: 1_000,
        outbox_limit: 1_000_000,
        node: NodeId(0),
        link: LinkConfig::default(),
    }
}

pub fn queue(name: &str) -> QueueConfig {
    QueueConfig {
        name: name.into(),
        durable: false,
        max_length: None,
        overflow: Overflow::DropHead,
        message_ttl_us: None,
        dead_letter_exchange: None,
        dead_letter_routing_key: None,
        placement: Placement::Home(NodeId(0)),
    }
}

pub fn consumer(name: &str, queue: u16, service: ServiceTime) -> ConsumerConfig {
    ConsumerConfig {
        name: name.into(),
        queue: QueueId(queue),
        node: NodeId(0),
        link: LinkConfig::default(),
        threads: 1,
        service,
        prefetch: 1,
        ack: AckMode::Manual,
        failure_probability: 0.0,
        requeue_on_failure: true,
        idempotency: Idempotency::None,
        start_us: 0,
        stop_us: None,
    }
}

/// One node, one producer at `rate_per_s` → direct exchange → queue `q0` → one consumer.
pub fn pipeline(rate_per_s: f64, service: ServiceTime, horizon_us: u64) -> Config {
    Config {
        seed: 1,
        horizon_us,
        bucket_us: (horizon_us / 100).max(1),
        inter_node_latency_us: 500,
        nodes: vec![node("n0")],
        producers: vec![producer("p0", rate_per_s)],
        exchanges: vec![ExchangeConfig { name: "x".into(), kind: ExchangeKind::Direct }],
        queues: vec![queue("q0")],
        bindings: vec![bind(0, "q0")],
        consumers: vec![consumer("c0", 0, service)],
        faults: vec![],
        random_faults: vec![],
    }
}

pub fn bind(queue: u16, key: &str) -> BindingConfig {
    BindingConfig { exchange: ExchangeId(0), queue: QueueId(queue), key: key.into(), headers: vec![] }
}

/// Runs a configuration and checks the report's invariants, printing the seed on failure.
pub fn run(config: Config) -> Report {
    let seed = config.seed;
    let report = Simulation::new(config).run();
    if let Err(broken) = check_report(&report) {
        panic!("seed {seed}: the accounting checker failed:\n{}", broken.join("\n"));
    }
    report
}

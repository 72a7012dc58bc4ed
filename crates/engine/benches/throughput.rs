//! Simulated messages per wall-clock second: the engine on two pipelines beside a bare
//! binary-heap M/M/1 loop, all in one `cargo bench -p mqlab-engine --bench throughput`.
//!
//! - (a) `a_mm1_engine`: plain M/M/1 through the whole engine (Poisson λ = 900/s, exponential
//!   service with mean 1000 µs, one consumer thread, prefetch 1, auto-ack, no link latency).
//! - (b) `b_confirms_persistent_manual_ack`: the same load with publisher confirms, a durable
//!   queue, persistent messages, a 1 ms fsync, manual ack, 0.5 ms links and prefetch 50.
//! - (c) `c_bare_heap_mm1`: the same M/M/1 as a dozen lines over `std::collections::BinaryHeap`:
//!   the floor any event-driven simulator pays, against which (a) is judged (target ≥ 0.25×).
//!
//! Each iteration simulates about a million messages; criterion reports elements per second,
//! so "elem/s" is simulated messages per second. Before measuring, a one-off probe runs (a) and
//! (b) at ten times the horizon and prints their peaks of tracked message slots: memory must
//! follow the number of live messages, not the number ever made. Then ten alternating runs of
//! (a) and (c) give the ratio (a)/(c) measured pair by pair, robust to a busy machine.
//! docs/benchmarks.md records the figures.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, SamplingMode, Throughput};
use mqlab_engine::checker::check_report;
use mqlab_engine::config::*;
use mqlab_engine::Simulation;

use common::{MS, S};
/// Arrival rate λ, messages per second.
const ARRIVAL_RATE_PER_S: f64 = 900.0;
/// Mean service time 1/μ: μ = 1000/s, so ρ = 0.9.
const SERVICE_MEAN_US: u64 = 1_000;
/// About a million messages per iteration at λ = 900/s.
const HORIZON_US: u64 = 1_111 * S;
/// Messages the bare loop completes per iteration.
const BARE_LOOP_MESSAGES: u64 = 1_000_000;

#[path = "../tests/integration/common.rs"]
mod common;

/// (a): one node, one Poisson producer → direct exchange → queue → one auto-ack consumer: the
/// engine tests' pipeline (`tests/integration/common.rs`), made M/M/1.
fn plain_mm1(horizon_us: u64) -> Config {
    let mut config =
        common::pipeline(ARRIVAL_RATE_PER_S, ServiceTime::Exponential { mean_us: SERVICE_MEAN_US }, horizon_us);
    config.inter_node_latency_us = 0;
    config.producers[0].arrivals = Arrivals::Poisson;
    config.producers[0].timeout_us = 1_000 * MS;
    config.consumers[0].ack = AckMode::Auto;
    config
}

/// (b): the same load with every safety switch on: confirms, durability, persistence, fsync,
/// manual ack, and half a millisecond on each client link.
fn confirms_persistent_manual_ack(horizon_us: u64) -> Config {
    let mut config = plain_mm1(horizon_us);
    let link = LinkConfig { latency_us: 500, jitter_us: 0, loss_probability: 0.0 };
    config.nodes[0].fsync_us = MS;
    config.queues[0].durable = true;
    let producer = &mut config.producers[0];
    producer.persistent = true;
    producer.confirm = ConfirmMode::PublisherConfirms;
    producer.link = link.clone();
    let consumer = &mut config.consumers[0];
    consumer.ack = AckMode::Manual;
    consumer.prefetch = 50;
    consumer.link = link;
    config
}

/// Runs `config` once, checks its accounting, and returns the messages it made.
fn messages_made(name: &str, config: &Config) -> u64 {
    let report = Simulation::new(config.clone()).run();
    if let Err(broken) = check_report(&report) {
        panic!("{name} (seed {}): the accounting checker failed:\n{}", config.seed, broken.join("\n"));
    }
    let t = report.totals;
    assert!(
        t.processed + t.in_flight == t.produced && t.produced > 900_000,
        "{name}: expected about a million messages, all processed: {t:?}"
    );
    t.produced
}

/// splitmix64: a tiny, fast, well-mixed PRNG for the bare loop.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Exponential with the given mean, by inverse transform of a uniform in (0, 1].
    fn exponential_us(&mut self, mean_us: f64) -> u64 {
        let u = ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64);
        (-mean_us * u.ln()).round() as u64
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum BareEvent {
    Arrival,
    Departure,
}

/// (c): M/M/1 as a bare event loop over a binary heap of `(Reverse((time, seq)), event)`, with
/// integer microseconds like the engine. Returns the virtual time when `messages` are done.
fn bare_heap_mm1(messages: u64, seed: u64) -> u64 {
    let mut rng = SplitMix64(seed);
    let arrival_mean_us = 1e6 / ARRIVAL_RATE_PER_S;
    let service_mean_us = SERVICE_MEAN_US as f64;
    let mut heap: BinaryHeap<(Reverse<(u64, u64)>, BareEvent)> = BinaryHeap::new();
    let mut seq = 0u64;
    let mut in_system = 0u64;
    let mut completed = 0u64;
    heap.push((Reverse((rng.exponential_us(arrival_mean_us), seq)), BareEvent::Arrival));
    while let Some((Reverse((now_us, _)), event)) = heap.pop() {
        match event {
            BareEvent::Arrival => {
                in_system += 1;
                if in_system == 1 {
                    seq += 1;
                    let done = now_us + rng.exponential_us(service_mean_us);
                    heap.push((Reverse((done, seq)), BareEvent::Departure));
                }
                seq += 1;
                let next = now_us + rng.exponential_us(arrival_mean_us);
                heap.push((Reverse((next, seq)), BareEvent::Arrival));
            }
            BareEvent::Departure => {
                in_system -= 1;
                completed += 1;
                if completed == messages {
                    return now_us;
                }
                if in_system > 0 {
                    seq += 1;
                    let done = now_us + rng.exponential_us(service_mean_us);
                    heap.push((Reverse((done, seq)), BareEvent::Departure));
                }
            }
        }
    }
    unreachable!("arrivals never stop, so the heap never empties")
}

fn throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("throughput");
    // Each iteration is a whole run of about a second of wall time: few, flat samples.
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));

    let a = plain_mm1(HORIZON_US);
    group.throughput(Throughput::Elements(messages_made("(a)", &a)));
    group.bench_function("a_mm1_engine", |b| b.iter(|| Simulation::new(black_box(a.clone())).run()));

    let b_config = confirms_persistent_manual_ack(HORIZON_US);
    group.throughput(Throughput::Elements(messages_made("(b)", &b_config)));
    group.bench_function("b_confirms_persistent_manual_ack", |b| {
        b.iter(|| Simulation::new(black_box(b_config.clone())).run())
    });

    group.throughput(Throughput::Elements(BARE_LOOP_MESSAGES));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("c_bare_heap_mm1", |b| b.iter(|| bare_heap_mm1(black_box(BARE_LOOP_MESSAGES), 1)));
    group.finish();
}

/// Runs (a) and (b) for ten times the benchmark's horizon and prints the tracked-slot high-water
/// marks: they stay near the peak number of live messages, however many messages the run makes.
fn memory_probe() {
    let horizon_us = 10 * HORIZON_US;
    for (name, config) in [("(a)", plain_mm1(horizon_us)), ("(b)", confirms_persistent_manual_ack(horizon_us))] {
        let started = Instant::now();
        let mut sim = Simulation::new(config);
        let report = sim.run();
        let (message_slots, copy_slots) = sim.tracking_slots();
        println!(
            "memory probe: {name} over {} s of virtual time made {} messages in {:.1} s of wall \
             time; peak tracked slots: {message_slots} messages, {copy_slots} copies",
            horizon_us / S,
            report.totals.produced,
            started.elapsed().as_secs_f64()
        );
    }
    // The bare loop's own sanity: λ = 900/s means a million messages take about 1111 s.
    let end_us = bare_heap_mm1(BARE_LOOP_MESSAGES, 1);
    println!("bare loop: {BARE_LOOP_MESSAGES} messages done at {:.1} s of virtual time", end_us as f64 / S as f64);
}

/// (a) and (c) run alternately, ten pairs: each pair's ratio is measured under the same load, so
/// the median ratio holds up on a busy machine better than two figures measured a minute apart.
fn paired_ratio() {
    let a = plain_mm1(HORIZON_US);
    let a_messages = messages_made("(a)", &a) as f64;
    let mut ratios = Vec::new();
    let (mut a_rates, mut c_rates) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        let started = Instant::now();
        black_box(Simulation::new(a.clone()).run());
        let a_rate = a_messages / started.elapsed().as_secs_f64();
        let started = Instant::now();
        black_box(bare_heap_mm1(black_box(BARE_LOOP_MESSAGES), 1));
        let c_rate = BARE_LOOP_MESSAGES as f64 / started.elapsed().as_secs_f64();
        ratios.push(a_rate / c_rate);
        a_rates.push(a_rate);
        c_rates.push(c_rate);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[4] + v[5]) / 2.0
    };
    println!(
        "paired runs: (a) {:.2} M/s, (c) {:.2} M/s, ratio (a)/(c) median {:.3} (min {:.3}, max {:.3}) over 10 pairs",
        median(&mut a_rates) / 1e6,
        median(&mut c_rates) / 1e6,
        median(&mut ratios),
        ratios[0],
        ratios[9]
    );
}

criterion_group!(benches, throughput);

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and then only checks that
    // each benchmark runs once, so the probes (several seconds) are skipped, as they are for
    // `--list`, and for `--profile-time`, whose profile should show the chosen benchmark only.
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    if has("--bench") && !has("--list") && !has("--profile-time") {
        memory_probe();
        paired_ratio();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

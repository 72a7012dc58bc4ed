//! The engine against queueing theory: M/M/1 and M/M/c (Erlang C) mean time in system and mean
//! number waiting, over long runs, within a few percent of the formulas.

use crate::common::*;
use mqlab_engine::config::*;

/// A Poisson source into one queue served by `servers` exponential servers (one consumer with
/// that many threads, prefetch equal to the threads, auto-ack, no network delay).
fn mmc(lambda_per_s: f64, mean_service_us: u64, servers: u32, horizon_us: u64, seed: u64) -> Config {
    let mut c = pipeline(lambda_per_s, ServiceTime::Exponential { mean_us: mean_service_us }, horizon_us);
    c.seed = seed;
    c.producers[0].arrivals = Arrivals::Poisson;
    c.consumers[0].threads = servers;
    c.consumers[0].prefetch = servers;
    c.consumers[0].ack = AckMode::Auto;
    c
}

/// Erlang C: the probability that an arrival has to wait, for `c` servers at offered load `a`.
fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / c as f64;
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..c {
        term *= a / k as f64;
        sum += term;
    }
    let last = term * a / c as f64 / (1.0 - rho);
    last / (sum + last)
}

fn within(measured: f64, expected: f64, tolerance: f64, what: &str, seed: u64) {
    let err = (measured - expected).abs() / expected;
    assert!(
        err <= tolerance,
        "seed {seed}: {what} = {measured:.4}, theory {expected:.4} ({:.1}% off, allowed {:.1}%)",
        err * 100.0,
        tolerance * 100.0
    );
}

#[test]
fn mm1_time_in_system_and_queue_length_match_theory() {
    let (lambda, mu) = (900.0, 1_000.0);
    let seed = 11;
    let r = run(mmc(lambda, 1_000, 1, 1_000 * S, seed));
    let rho: f64 = lambda / mu;
    let w_s = 1.0 / (mu - lambda);
    let lq = rho * rho / (1.0 - rho);
    let w_measured_s = r.latency.mean_us / 1e6;
    // The node's 1 µs per publish is part of the measured time; it is negligible next to 10 ms.
    within(w_measured_s, w_s, 0.04, "M/M/1 mean time in system (s)", seed);
    let lq_measured = r.littles_law.mean_in_system - rho;
    within(lq_measured, lq, 0.06, "M/M/1 mean number waiting", seed);
}

#[test]
fn mmc_time_in_system_matches_erlang_c() {
    let (lambda, mu, c) = (2_400.0, 1_000.0, 3u32);
    let seed = 5;
    let r = run(mmc(lambda, 1_000, c, 400 * S, seed));
    let a = lambda / mu;
    let pw = erlang_c(c, a);
    let wq_s = pw / (c as f64 * mu - lambda);
    let w_s = wq_s + 1.0 / mu;
    within(r.latency.mean_us / 1e6, w_s, 0.04, "M/M/3 mean time in system (s)", seed);
    let lq = pw * (a / c as f64) / (1.0 - a / c as f64);
    within(r.littles_law.mean_in_system - a, lq, 0.08, "M/M/3 mean number waiting", seed);
}

#[test]
fn erlang_c_formula_matches_a_known_value() {
    // c = 2, a = 1: P(wait) = 1/3.
    assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-12);
}

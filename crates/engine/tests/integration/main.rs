//! The engine's integration tests, one binary: each module below is one kind of test.

/// Builders for test configurations and a run-and-check helper every module uses.
mod common;
/// One behaviour per test, per component: producers, links, nodes, exchanges, queues, consumers.
mod components;
/// Random valid pipelines: accounting checks, conservation, determinism.
mod properties;
/// M/M/1 and M/M/c mean time in system and queue length against the formulas.
mod queueing_theory;
/// The study notes' RabbitMQ claims (loss, duplicates, ordering, overflow, TTL) as runs.
mod rabbitmq_claims;
/// The plainest pipeline processes every message it produces.
mod smoke;
/// Watching the wires: what the clients' links carry at an instant.
mod wires;

//! MQ Lab's simulation engine: a deterministic discrete-event model of message queues.
pub mod config;
pub mod report;
pub mod time;

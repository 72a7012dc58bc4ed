//! Shared fixtures: a minimal scenario and one that uses every switch of the format.
#![allow(dead_code)]

use serde_json::Value;

/// The shortest useful scenario: one node, one producer, one exchange, one queue, one consumer.
pub const MINIMAL: &str = r#"{
  "version": 1,
  "name": "minimal",
  "nodes": [{"id": "n1"}],
  "producers": [{"id": "p1", "exchange": "x", "rate_per_s": 100}],
  "exchanges": [{"id": "x"}],
  "queues": [{"id": "q1"}],
  "bindings": [{"exchange": "x", "queue": "q1"}],
  "consumers": [{"id": "c1", "queue": "q1"}]
}"#;

/// Every component kind, every rate shape, placement, service distribution and fault kind.
pub const FULL: &str = r#"{
  "version": 1,
  "name": "everything",
  "description": "Uses every switch of the format once.",
  "seed": 42,
  "horizon_s": 120,
  "bucket_ms": 500,
  "inter_node_latency_ms": 0.25,
  "nodes": [
    {"id": "n1", "capacity_per_s": 50000, "fsync_ms": 2},
    {"id": "n2"},
    {"id": "n3", "capacity_per_s": 10000, "fsync_ms": 0.5}
  ],
  "producers": [
    {"id": "orders", "exchange": "orders_x", "node": "n2", "shape": "poisson", "rate_per_s": 200,
     "n_keys": 16, "routing_key": "order.{key}", "headers": {"region": "eu"}, "persistent": true,
     "ttl_ms": 30000, "confirm": "publisher_confirms", "timeout_ms": 500, "retries": 5,
     "retry_backoff_ms": 50, "max_in_flight": 64, "outbox_limit": 5000, "start_s": 1, "stop_s": 100,
     "link": {"latency_ms": 2, "jitter_ms": 1, "loss_probability": 0.01,
              "partitions": [{"at_s": 10, "for_s": 5}, {"at_s": 90}]}},
    {"id": "bursty", "exchange": "fan", "shape": "bursts", "rate_per_s": 50, "burst_rate_per_s": 500,
     "first_s": 10, "every_s": 30, "burst_s": 5, "poisson": true, "confirm": "transaction"},
    {"id": "scheduled", "exchange": "hdr", "shape": "schedule",
     "steps": [{"at_s": 5, "rate_per_s": 10}, {"at_s": 60, "rate_per_s": 80}], "poisson": false,
     "headers": {"type": "audit"}},
    {"id": "steady", "exchange": "orders_x", "routing_key": "order.x", "rate_per_s": 20}
  ],
  "exchanges": [
    {"id": "orders_x", "kind": "topic"},
    {"id": "fan", "kind": "fanout"},
    {"id": "hdr", "kind": "headers", "x_match": "any"},
    {"id": "dlx", "kind": "direct"}
  ],
  "queues": [
    {"id": "orders_q", "durable": true, "max_length": 1000, "overflow": "reject_publish_dlx",
     "message_ttl_ms": 60000, "dead_letter_exchange": "dlx", "dead_letter_routing_key": "dead",
     "placement": {"mode": "mirrored", "nodes": ["n2", "n1"]}},
    {"id": "fan_a", "placement": {"mode": "classic", "node": "n3"}},
    {"id": "fan_b", "overflow": "reject_publish", "max_length": 10,
     "placement": {"mode": "quorum", "nodes": ["n1", "n2", "n3"]}},
    {"id": "audit", "placement": {"mode": "single", "node": "n1"}},
    {"id": "parking"}
  ],
  "bindings": [
    {"exchange": "orders_x", "queue": "orders_q", "key": "order.*"},
    {"exchange": "fan", "queue": "fan_a"},
    {"exchange": "fan", "queue": "fan_b"},
    {"exchange": "hdr", "queue": "audit", "headers": {"type": "audit", "level": "high"}},
    {"exchange": "dlx", "queue": "parking", "key": "dead"}
  ],
  "consumers": [
    {"id": "worker1", "queue": "orders_q", "threads": 4, "prefetch": 20,
     "service": {"dist": "exponential", "mean_ms": 3}, "idempotency": "upsert_by_key"},
    {"id": "worker2", "queue": "orders_q", "node": "n1", "ack": "auto",
     "service": {"dist": "uniform", "min_ms": 1, "max_ms": 4}, "failure_probability": 0.05,
     "requeue_on_failure": false, "idempotency": "dedupe_ids", "start_s": 20, "stop_s": 80,
     "link": {"latency_ms": 1, "partitions": [{"at_s": 30, "for_s": 2}]}},
    {"id": "fan_a_c", "queue": "fan_a", "service": {"dist": "lognormal", "median_ms": 2, "sigma": 0.5},
     "idempotency": "unique_constraint"},
    {"id": "fan_b_c", "queue": "fan_b", "service": {"dist": "constant", "ms": 0.5}},
    {"id": "audit_c", "queue": "audit"},
    {"id": "parking_c", "queue": "parking"}
  ],
  "faults": [
    {"at_s": 40, "for_s": 10, "kind": "crash_node", "target": "n2"},
    {"at_s": 45, "for_s": 3, "kind": "crash_consumer", "target": "worker1"},
    {"at_s": 50, "for_s": 5, "kind": "partition_link", "target": "bursty"},
    {"at_s": 60, "kind": "link_loss", "target": "worker1", "probability": 0.2},
    {"at_s": 70, "for_s": 20, "kind": "slow_disk", "target": "n1", "factor": 10}
  ],
  "random_faults": [
    {"kind": "crash_consumer", "target": "audit_c", "mtbf_s": 30, "mttr_s": 2},
    {"kind": "link_loss", "target": "steady", "mtbf_s": 20, "mttr_s": 1, "probability": 0.5}
  ],
  "layout": {
    "n1": {"x": 100, "y": 200},
    "orders": {"x": -20.5, "y": 0},
    "store": {"x": 640, "y": 320}
  }
}"#;

pub fn value(json: &str) -> Value {
    serde_json::from_str(json).expect("fixture is JSON")
}

/// The errors of parsing then validating `json`, one string per error; empty when valid.
pub fn errors_of(json: &str) -> Vec<String> {
    match mqlab_scenario::parse(json) {
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
        Ok(scenario) => match mqlab_scenario::validate(&scenario) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        },
    }
}

/// The errors of the minimal scenario after `edit` changed its JSON.
pub fn errors_after(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut scenario = value(MINIMAL);
    edit(&mut scenario);
    errors_of(&scenario.to_string())
}

/// The errors of the full scenario after `edit` changed its JSON.
pub fn full_errors_after(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut scenario = value(FULL);
    edit(&mut scenario);
    errors_of(&scenario.to_string())
}

/// Every path (as keys and indices) to a value inside `value`.
pub fn paths(value: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                prefix.push(serde_json::json!(key));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(serde_json::json!(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

/// The value at `path` (from [`paths`]) inside `value`.
pub fn at_path<'a>(value: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        Value::String(key) => &mut v[key.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap_or(0) as usize],
        _ => v,
    })
}

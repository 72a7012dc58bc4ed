//! Every validation rule, with its exact path and message; and that all errors are collected.

use crate::common::{errors_after, errors_of, full_errors_after, FULL, MINIMAL};
use expect_test::{expect, Expect};
use serde_json::{json, Value};

fn check(errors: Vec<String>, expected: Expect) {
    expected.assert_eq(&errors.join("\n"));
}

/// Removes `key` from the object at `value`.
fn remove(value: &mut Value, key: &str) {
    value.as_object_mut().expect("an object").remove(key);
}

#[test]
fn fixtures_are_valid() {
    assert_eq!(errors_of(MINIMAL), Vec::<String>::new());
    assert_eq!(errors_of(FULL), Vec::<String>::new());
}

// ---- parse: syntax, version, shape

#[test]
fn syntax_error_gives_line_and_column() {
    check(
        errors_of("{\n  \"version\": 1,\n  \"name\": \"x\"\n  \"seed\": 4\n}"),
        expect![[r#"JSON syntax error at line 4, column 3: expected `,` or `}`"#]],
    );
    check(errors_of(""), expect![[r#"JSON syntax error at line 1, column 0: EOF while parsing a value"#]]);
    check(errors_of("{\"version\": 1,"), expect!["JSON syntax error at line 1, column 14: EOF while parsing a value"]);
}

#[test]
fn scenario_must_be_an_object() {
    check(errors_of("[1, 2]"), expect![[r#"a scenario is a JSON object ({ ... }), not an array"#]]);
    check(errors_of("null"), expect![[r#"a scenario is a JSON object ({ ... }), not null"#]]);
}

#[test]
fn version_must_be_one() {
    check(
        errors_after(|v| v["version"] = json!(2)),
        expect![[r#"version: 2 is not supported; this lab reads version 1"#]],
    );
    check(
        errors_after(|v| v["version"] = json!("1")),
        expect![[r#"version: "1" is not supported; this lab reads version 1"#]],
    );
    check(
        errors_after(|v| remove(v, "version")),
        expect![[r#"version: missing; this lab reads version 1 (add "version": 1)"#]],
    );
    // A newer version is refused for its version, not for fields this version does not know.
    check(
        errors_after(|v| {
            v["version"] = json!(2);
            v["topics"] = json!([]);
        }),
        expect![[r#"version: 2 is not supported; this lab reads version 1"#]],
    );
    // Built in Rust with another version.
    let scenario = mqlab_scenario::Scenario { version: 7, name: "x".into(), ..Default::default() };
    let errors = mqlab_scenario::validate(&scenario).expect_err("refused");
    assert_eq!(errors.to_string(), "version: 7 is not supported; this lab reads version 1");
}

/// The errors of MINIMAL with one piece of its text replaced (positions stay predictable).
fn errors_replacing(from: &str, to: &str) -> Vec<String> {
    assert!(MINIMAL.contains(from), "MINIMAL has no {from:?}");
    errors_of(&MINIMAL.replacen(from, to, 1))
}

#[test]
fn unknown_fields_are_refused_with_their_path() {
    check(
        errors_replacing("\"rate_per_s\": 100", "\"rate_per_sec\": 100"),
        expect!["producers[0].rate_per_sec: unknown field `rate_per_sec`, expected one of `id`, `exchange`, `node`, `shape`, `rate_per_s`, `burst_rate_per_s`, `first_s`, `every_s`, `burst_s`, `steps`, `poisson`, `n_keys`, `routing_key`, `headers`, `persistent`, `ttl_ms`, `confirm`, `timeout_ms`, `retries`, `retry_backoff_ms`, `max_in_flight`, `outbox_limit`, `start_s`, `stop_s`, `link` (line 5, column 60)"],
    );
    check(
        errors_replacing("\"name\": \"minimal\",", "\"name\": \"minimal\", \"colour\": \"red\","),
        expect!["colour: unknown field `colour`, expected one of `version`, `name`, `description`, `seed`, `horizon_s`, `bucket_ms`, `inter_node_latency_ms`, `nodes`, `producers`, `exchanges`, `queues`, `bindings`, `consumers`, `faults`, `random_faults`, `layout` (line 3, column 29)"],
    );
    check(
        errors_replacing(
            "{\"id\": \"q1\"}",
            "{\"id\": \"q1\", \"placement\": {\"mode\": \"mirrored\", \"node\": \"n1\"}}",
        ),
        expect!["queues[0].placement: unknown field `node`, expected `nodes` (line 7, column 74)"],
    );
    check(
        errors_replacing("\"id\": \"c1\", \"queue\": \"q1\"}", "\"id\": \"c1\", \"queue\": \"q1\", \"service\": {\"dist\": \"gamma\", \"ms\": 1}}"),
        expect!["consumers[0].service.dist: unknown variant `gamma`, expected one of `constant`, `exponential`, `uniform`, `lognormal` (line 9, column 71)"],
    );
    check(
        errors_replacing("\"id\": \"c1\", \"queue\": \"q1\"}", "\"id\": \"c1\", \"queue\": \"q1\", \"link\": {\"latency\": 1}}"),
        expect!["consumers[0].link.latency: unknown field `latency`, expected one of `latency_ms`, `jitter_ms`, `loss_probability`, `partitions` (line 9, column 62)"],
    );
}

#[test]
fn wrong_types_and_missing_fields_are_refused_with_their_path() {
    check(
        errors_replacing("\"rate_per_s\": 100", "\"rate_per_s\": \"NaN\""),
        expect![[r#"producers[0].rate_per_s: invalid type: string "NaN", expected f64 (line 5, column 65)"#]],
    );
    check(
        errors_replacing("{\"id\": \"c1\", \"queue\": \"q1\"}", "{\"id\": \"c1\"}"),
        expect!["consumers[0]: missing field `queue` (line 9, column 28)"],
    );
    check(errors_replacing("\"name\": \"minimal\",", ""), expect!["missing field `name` (line 10, column 1)"]);
    check(
        errors_replacing("\"id\": \"c1\", \"queue\": \"q1\"}", "\"id\": \"c1\", \"queue\": \"q1\", \"threads\": -1}"),
        expect!["consumers[0].threads: invalid value: integer `-1`, expected u32 (line 9, column 57)"],
    );
    check(
        errors_replacing(
            "\"id\": \"c1\", \"queue\": \"q1\"}",
            "\"id\": \"c1\", \"queue\": \"q1\", \"ack\": \"sometimes\"}",
        ),
        expect!["consumers[0].ack: unknown variant `sometimes`, expected `auto` or `manual` (line 9, column 62)"],
    );
    check(
        errors_replacing("\"nodes\": [{\"id\": \"n1\"}]", "\"nodes\": {\"id\": \"n1\"}"),
        expect!["nodes: invalid type: map, expected a sequence (line 4, column 11)"],
    );
}

#[test]
fn huge_numbers_are_refused() {
    // Beyond u64.
    let json =
        MINIMAL.replace("\"name\": \"minimal\",", "\"name\": \"minimal\", \"seed\": 123456789012345678901234567890,");
    check(
        errors_of(&json),
        expect!["seed: invalid type: floating point `1.2345678901234568e+29`, expected u64 (line 3, column 59)"],
    );
    // Beyond f64.
    let json = MINIMAL.replace("\"rate_per_s\": 100", "\"rate_per_s\": 1e400");
    check(errors_of(&json), expect!["JSON syntax error at line 5, column 65: number out of range"]);
    let json = MINIMAL.replace("\"name\": \"minimal\",", "\"name\": \"minimal\", \"horizon_s\": 31536000,");
    check(errors_of(&json), expect!["horizon_s: 31536000 is above the limit of 86400 (24 h)"]);
}

// ---- validate: ids and references

#[test]
fn duplicate_ids_are_refused_across_kinds() {
    check(
        errors_after(|v| {
            v["queues"] = json!([{"id": "q1"}, {"id": "q1"}]);
            v["consumers"][0]["id"] = json!("p1");
        }),
        expect![[r#"
            queues[1].id: "q1" is already the id of queues[0]; ids must be unique
            consumers[0].id: "p1" is already the id of producers[0]; ids must be unique"#]],
    );
}

#[test]
fn ids_must_be_short_words() {
    check(
        errors_after(|v| {
            v["nodes"] = json!([{"id": ""}, {"id": "two words"}, {"id": "x".repeat(65)}]);
        }),
        expect![[r#"
            nodes[0].id: an id must not be empty
            nodes[1].id: "two words" contains a space or control character
            nodes[2].id: is 65 characters long; the limit is 64"#]],
    );
}

#[test]
fn references_must_name_a_component_of_the_right_kind() {
    check(
        errors_after(|v| {
            v["consumers"][0]["queue"] = json!("q9");
            v["producers"][0]["exchange"] = json!("q1");
            v["producers"][0]["node"] = json!("n7");
            v["bindings"][0]["queue"] = json!("x");
        }),
        expect![[r#"
            producers[0].exchange: no exchange with id "q1" ("q1" is a queue)
            producers[0].node: no node with id "n7"
            bindings[0].queue: no queue with id "x" ("x" is an exchange)
            consumers[0].queue: no queue with id "q9""#]],
    );
    check(
        errors_after(|v| {
            v["consumers"][0]["node"] = json!("nope");
            v["queues"][0]["dead_letter_exchange"] = json!("dlx");
        }),
        expect![[r#"
            queues[0].dead_letter_exchange: no exchange with id "dlx"
            consumers[0].node: no node with id "nope""#]],
    );
}

// ---- validate: top level

#[test]
fn horizon_and_buckets_have_limits() {
    check(errors_after(|v| v["horizon_s"] = json!(0)), expect![[r#"horizon_s: must be above 0"#]]);
    check(
        errors_after(|v| v["horizon_s"] = json!(-5)),
        expect![[r#"horizon_s: -5 is negative; it must be 0 or more"#]],
    );
    check(
        errors_after(|v| v["horizon_s"] = json!(86401)),
        expect![[r#"horizon_s: 86401 is above the limit of 86400 (24 h)"#]],
    );
    check(
        errors_after(|v| {
            v["horizon_s"] = json!(3600);
            v["bucket_ms"] = json!(1);
        }),
        expect![[r#"bucket_ms: 1 ms buckets over a 3600 s horizon make 3600000 buckets; the limit is 2000"#]],
    );
    check(
        errors_after(|v| v["bucket_ms"] = json!(0.0001)),
        expect![[r#"bucket_ms: 0.0001 rounds to 0 µs; it must be above 0"#]],
    );
    check(
        errors_after(|v| v["inter_node_latency_ms"] = json!(120000)),
        expect![[r#"inter_node_latency_ms: 120000 is above the limit of 60000 (1 min)"#]],
    );
}

#[test]
fn name_and_description_have_limits() {
    check(errors_after(|v| v["name"] = json!("  ")), expect![[r#"name: must not be empty"#]]);
    check(
        errors_after(|v| v["name"] = json!("n".repeat(201))),
        expect![[r#"name: is 201 characters long; the limit is 200"#]],
    );
    check(
        errors_after(|v| v["description"] = json!("d".repeat(20_001))),
        expect![[r#"description: is 20001 characters long; the limit is 20000"#]],
    );
}

#[test]
fn list_lengths_have_limits() {
    check(
        errors_after(|v| {
            let producers: Vec<Value> =
                (0..65).map(|i| json!({"id": format!("p{i}"), "exchange": "x", "rate_per_s": 1})).collect();
            v["producers"] = json!(producers);
            let nodes: Vec<Value> = (0..17).map(|i| json!({"id": format!("n{i}")})).collect();
            v["nodes"] = json!(nodes);
        }),
        expect![[r#"
            nodes: has 17 entries; the limit is 16
            producers: has 65 entries; the limit is 64"#]],
    );
}

// ---- validate: producers

#[test]
fn producer_rates_have_limits() {
    check(
        errors_after(|v| {
            v["producers"] = json!([
                {"id": "p0", "exchange": "x", "rate_per_s": 10},
                {"id": "p1", "exchange": "x", "rate_per_s": 1e12},
            ]);
        }),
        expect![[r#"producers[1].rate_per_s: 1e12 is above the limit of 1e6"#]],
    );
    check(
        errors_after(|v| v["producers"][0]["rate_per_s"] = json!(-1)),
        expect![[r#"producers[0].rate_per_s: -1 is negative; it must be 0 or more"#]],
    );
    check(
        errors_after(|v| remove(&mut v["producers"][0], "rate_per_s")),
        expect![[r#"producers[0].rate_per_s: missing; shape constant needs a rate"#]],
    );
}

#[test]
fn total_messages_have_a_limit() {
    check(
        errors_after(|v| {
            v["horizon_s"] = json!(86400);
            v["producers"][0]["rate_per_s"] = json!(1000);
        }),
        expect![[
            r#"producers: together they would create about 8.64e7 messages (each one's highest rate × its active time); the limit is 5e7"#
        ]],
    );
    // The same rate for a shorter active time is fine.
    check(
        errors_after(|v| {
            v["horizon_s"] = json!(86400);
            v["producers"][0]["rate_per_s"] = json!(1000);
            v["producers"][0]["stop_s"] = json!(3600);
        }),
        expect![[""]],
    );
    // A burst counts at its own rate.
    check(
        errors_after(|v| {
            v["horizon_s"] = json!(3600);
            v["producers"][0] = json!({"id": "p1", "exchange": "x", "shape": "bursts", "rate_per_s": 1,
                "burst_rate_per_s": 1e6, "burst_s": 1});
        }),
        expect![[
            r#"producers: together they would create about 3.6e9 messages (each one's highest rate × its active time); the limit is 5e7"#
        ]],
    );
}

#[test]
fn shape_fields_must_match_the_shape() {
    check(
        errors_after(|v| {
            let p = &mut v["producers"][0];
            p["burst_rate_per_s"] = json!(10);
            p["every_s"] = json!(10);
            p["steps"] = json!([{"at_s": 0, "rate_per_s": 1}]);
            p["poisson"] = json!(true);
        }),
        expect![[r#"
            producers[0].burst_rate_per_s: only used with shape bursts (this producer's shape is constant)
            producers[0].every_s: only used with shape bursts (this producer's shape is constant)
            producers[0].steps: only used with shape schedule (this producer's shape is constant)
            producers[0].poisson: only used with shapes bursts and schedule (this producer's shape is constant; shape poisson already means Poisson arrivals)"#]],
    );
    check(
        errors_after(|v| v["producers"][0]["shape"] = json!("bursts")),
        expect![[r#"
            producers[0].burst_rate_per_s: missing; shape bursts needs the rate during a burst
            producers[0].burst_s: missing; shape bursts needs how long a burst lasts"#]],
    );
    check(
        errors_after(|v| {
            let p = &mut v["producers"][0];
            p["shape"] = json!("bursts");
            p["burst_rate_per_s"] = json!(2e6);
            p["burst_s"] = json!(10);
            p["every_s"] = json!(5);
            p["first_s"] = json!(-1);
        }),
        expect![[r#"
            producers[0].burst_rate_per_s: 2e6 is above the limit of 1e6
            producers[0].first_s: -1 is negative; it must be 0 or more
            producers[0].every_s: 5 is shorter than burst_s (10); bursts would overlap"#]],
    );
}

#[test]
fn schedules_must_be_in_time_order() {
    check(
        errors_after(|v| v["producers"][0]["shape"] = json!("schedule")),
        expect![[r#"
            producers[0].rate_per_s: not used with shape schedule; give the rates in steps
            producers[0].steps: missing; shape schedule needs steps: [{"at_s": 0, "rate_per_s": 100}, ...]"#]],
    );
    check(
        errors_after(|v| {
            let p = &mut v["producers"][0];
            remove(p, "rate_per_s");
            p["shape"] = json!("schedule");
            p["steps"] = json!([]);
        }),
        expect![[r#"producers[0].steps: a schedule needs at least one step"#]],
    );
    check(
        errors_after(|v| {
            let p = &mut v["producers"][0];
            remove(p, "rate_per_s");
            p["shape"] = json!("schedule");
            p["steps"] = json!([
                {"at_s": 0, "rate_per_s": 10},
                {"at_s": 20, "rate_per_s": 10},
                {"at_s": 20, "rate_per_s": 10},
                {"at_s": 10, "rate_per_s": 1e7}
            ]);
        }),
        expect![[r#"
            producers[0].steps[2].at_s: 20 is not after steps[1].at_s (20); steps must be in time order
            producers[0].steps[3].rate_per_s: 1e7 is above the limit of 1e6
            producers[0].steps[3].at_s: 10 is not after steps[1].at_s (20); steps must be in time order"#]],
    );
}

#[test]
fn producer_switches_have_limits() {
    check(
        errors_after(|v| {
            let p = &mut v["producers"][0];
            p["n_keys"] = json!(10_001);
            p["routing_key"] = json!("k".repeat(256));
            p["ttl_ms"] = json!(-3);
            p["timeout_ms"] = json!(0.5);
            p["retries"] = json!(65_536);
            p["retry_backoff_ms"] = json!(1e9);
            p["max_in_flight"] = json!(0);
            p["outbox_limit"] = json!(1_000_001);
            p["start_s"] = json!(10);
            p["stop_s"] = json!(5);
        }),
        expect![[r#"
            producers[0].n_keys: 10001 is above the limit of 10000
            producers[0].routing_key: is 256 bytes long; the limit is 255
            producers[0].ttl_ms: -3 is negative; it must be 0 or more
            producers[0].timeout_ms: 0.5 is below the minimum of 1
            producers[0].retries: 65536 is above the limit of 65535
            producers[0].retry_backoff_ms: 1e9 is above the limit of 8.64e7 (24 h)
            producers[0].max_in_flight: 0 is below the minimum of 1
            producers[0].outbox_limit: 1000001 is above the limit of 1000000
            producers[0].stop_s: 5 is not after start_s (10)"#]],
    );
    check(
        errors_after(|v| v["producers"][0]["timeout_ms"] = json!(0)),
        expect![[r#"producers[0].timeout_ms: must be above 0"#]],
    );
}

#[test]
fn links_have_limits_and_partitions_become_faults() {
    check(
        errors_after(|v| {
            v["producers"][0]["link"] = json!({
                "latency_ms": 1e5, "jitter_ms": -1, "loss_probability": 1.5,
                "partitions": [{"at_s": -1}, {"at_s": 1, "for_s": 0}]
            });
        }),
        expect![[r#"
            producers[0].link.latency_ms: 100000 is above the limit of 60000 (1 min)
            producers[0].link.jitter_ms: -1 is negative; it must be 0 or more
            producers[0].link.loss_probability: 1.5 is not a probability; it must be between 0 and 1
            producers[0].link.partitions[0].at_s: -1 is negative; it must be 0 or more
            producers[0].link.partitions[1].for_s: must be above 0"#]],
    );
}

#[test]
fn headers_have_limits() {
    check(
        errors_after(|v| {
            let headers: serde_json::Map<String, Value> = (0..33).map(|i| (format!("h{i}"), json!("v"))).collect();
            v["producers"][0]["headers"] = Value::Object(headers);
            v["bindings"][0]["headers"] = json!({"": "x"});
        }),
        expect![[r#"
            producers[0].headers: has 33 entries; the limit is 32
            bindings[0].headers: only used by a headers exchange ("x" is direct)
            bindings[0].headers.: a header name must not be empty"#]],
    );
}

// ---- validate: exchanges, queues, bindings

#[test]
fn x_match_is_for_headers_exchanges() {
    check(
        errors_after(|v| v["exchanges"][0]["x_match"] = json!("any")),
        expect![[r#"exchanges[0].x_match: only used by a headers exchange (this one is direct)"#]],
    );
}

#[test]
fn placements_need_enough_distinct_nodes() {
    check(
        errors_after(|v| v["queues"][0]["placement"] = json!({"mode": "mirrored", "nodes": ["n1"]})),
        expect![[r#"queues[0].placement.nodes: a mirrored queue needs at least 2 nodes"#]],
    );
    check(
        full_errors_after(|v| v["queues"][2]["placement"] = json!({"mode": "quorum", "nodes": []})),
        expect![[r#"queues[2].placement.nodes: a quorum queue needs at least 2 nodes"#]],
    );
    check(
        full_errors_after(|v| v["queues"][0]["placement"] = json!({"mode": "mirrored", "nodes": ["n1", "n9", "n1"]})),
        expect![[r#"
            queues[0].placement.nodes[1]: no node with id "n9"
            queues[0].placement.nodes[2]: "n1" is listed twice"#]],
    );
    check(
        full_errors_after(|v| v["queues"][1]["placement"] = json!({"mode": "classic", "node": "orders"})),
        expect![[r#"queues[1].placement.node: no node with id "orders" ("orders" is a producer)"#]],
    );
}

#[test]
fn queue_switches_are_consistent() {
    check(
        full_errors_after(|v| v["queues"][2]["durable"] = json!(false)),
        expect![[r#"queues[2].durable: a quorum queue is always durable; set durable to true or leave it out"#]],
    );
    check(
        errors_after(|v| {
            v["queues"][0]["overflow"] = json!("reject_publish_dlx");
            v["queues"][0]["dead_letter_routing_key"] = json!("dead");
            v["queues"][0]["max_length"] = json!(20_000_000);
            v["queues"][0]["message_ttl_ms"] = json!(1e300);
        }),
        expect![[r#"
            queues[0].max_length: 20000000 is above the limit of 10000000
            queues[0].message_ttl_ms: 1e300 is above the limit of 8.64e7 (24 h)
            queues[0].overflow: reject_publish_dlx needs a dead_letter_exchange
            queues[0].dead_letter_routing_key: only used with a dead_letter_exchange"#]],
    );
}

#[test]
fn bindings_are_not_repeated() {
    check(
        errors_after(|v| {
            v["bindings"] = json!([{"exchange": "x", "queue": "q1"}, {"exchange": "x", "queue": "q1", "key": ""}])
        }),
        expect![[r#"bindings[1]: the same binding as bindings[0]"#]],
    );
}

#[test]
fn a_queue_fed_only_by_dead_letters_may_have_consumers() {
    // FULL's "parking" queue is bound only to the dead-letter exchange, and has a consumer.
    assert!(errors_of(FULL).is_empty());
}

// ---- validate: consumers

#[test]
fn consumer_switches_have_limits() {
    check(
        errors_after(|v| {
            let c = &mut v["consumers"][0];
            c["threads"] = json!(0);
            c["prefetch"] = json!(10_001);
            c["failure_probability"] = json!(-0.1);
            c["start_s"] = json!(5);
            c["stop_s"] = json!(5);
            c["service"] = json!({"dist": "uniform", "min_ms": 5, "max_ms": 2});
        }),
        expect![[r#"
            consumers[0].threads: 0 is below the minimum of 1
            consumers[0].service.max_ms: 2 is below min_ms (5)
            consumers[0].prefetch: 10001 is above the limit of 10000
            consumers[0].failure_probability: -0.1 is not a probability; it must be between 0 and 1
            consumers[0].stop_s: 5 is not after start_s (5)"#]],
    );
    check(
        errors_after(|v| v["consumers"][0]["service"] = json!({"dist": "lognormal", "median_ms": 0, "sigma": 9})),
        expect![[r#"
            consumers[0].service.median_ms: must be above 0
            consumers[0].service.sigma: 9 is above the limit of 5"#]],
    );
    check(
        errors_after(|v| v["consumers"][0]["threads"] = json!(257)),
        expect![[r#"consumers[0].threads: 257 is above the limit of 256"#]],
    );
}

// ---- validate: faults

#[test]
fn faults_target_the_right_kind() {
    check(
        full_errors_after(|v| {
            v["faults"] = json!([
                {"at_s": 1, "kind": "crash_node", "target": "worker1"},
                {"at_s": 1, "kind": "crash_consumer", "target": "n1"},
                {"at_s": 1, "kind": "partition_link", "target": "orders_q"},
                {"at_s": 1, "kind": "link_loss", "target": "ghost", "probability": 2},
                {"at_s": 1, "kind": "slow_disk", "target": "n1", "factor": 0.5},
                {"at_s": 1, "kind": "slow_disk", "target": "n2"},
                {"at_s": 1, "kind": "link_loss", "target": "orders"},
                {"at_s": 1, "kind": "crash_node", "target": "n3", "probability": 0.5, "factor": 2},
            ]);
        }),
        expect![[r#"
            faults[0].target: no node with id "worker1" ("worker1" is a consumer)
            faults[1].target: no consumer with id "n1" ("n1" is a node)
            faults[2].target: no producer or consumer with id "orders_q" ("orders_q" is a queue; a link belongs to a producer or a consumer)
            faults[3].target: no producer or consumer with id "ghost"
            faults[3].probability: 2 is not a probability; it must be between 0 and 1
            faults[4].factor: 0.5 is below the minimum of 1
            faults[5].factor: missing; a slow_disk fault needs the factor by which fsyncs slow down
            faults[6].probability: missing; a link_loss fault needs the probability of dropping a transfer
            faults[7].probability: only used by link_loss faults (this one is crash_node)
            faults[7].factor: only used by slow_disk faults (this one is crash_node)"#]],
    );
}

#[test]
fn faults_have_time_limits_and_do_not_overlap() {
    check(
        full_errors_after(|v| {
            v["faults"] = json!([
                {"at_s": 100000, "kind": "crash_node", "target": "n1"},
                {"at_s": 1, "for_s": 0, "kind": "crash_node", "target": "n1"},
                {"at_s": 10, "for_s": 10, "kind": "crash_node", "target": "n2"},
                {"at_s": 15, "kind": "crash_node", "target": "n2"},
                {"at_s": 20, "for_s": 1, "kind": "crash_node", "target": "n2"},
                {"at_s": 12, "for_s": 1, "kind": "partition_link", "target": "orders"},
            ]);
        }),
        expect![[r#"
            faults[0].at_s: 100000 is above the limit of 86400 (24 h)
            faults[1].for_s: must be above 0
            faults[3]: overlaps faults[2] on the same target; faults of one kind on one target must not overlap
            faults[4]: overlaps faults[3] on the same target; faults of one kind on one target must not overlap
            producers[0].link.partitions[0]: overlaps faults[5] on the same target; faults of one kind on one target must not overlap"#]],
    );
}

#[test]
fn random_faults_have_limits() {
    check(
        full_errors_after(|v| {
            v["random_faults"] = json!([
                {"kind": "crash_node", "target": "n1", "mtbf_s": 0.001, "mttr_s": 1},
                {"kind": "crash_node", "target": "n2", "mtbf_s": 0, "mttr_s": -1},
                {"kind": "slow_disk", "target": "n3", "mtbf_s": 10, "mttr_s": 1, "factor": 1e9},
            ]);
        }),
        expect![[r#"
            random_faults[0].mtbf_s: 0.001 s over a 120 s run would strike about 120000 times; the limit is 10000
            random_faults[1].mtbf_s: must be above 0
            random_faults[1].mttr_s: -1 is negative; it must be 0 or more
            random_faults[2].factor: 1e9 is above the limit of 1000"#]],
    );
    check(
        full_errors_after(|v| {
            let faults: Vec<Value> = (0..200)
                .map(|i| json!({"kind": "crash_consumer", "target": "audit_c", "mtbf_s": 10 + i, "mttr_s": 1}))
                .collect();
            v["random_faults"] = json!(faults);
            let faults: Vec<Value> =
                (0..60).map(|i| json!({"at_s": i, "for_s": 0.5, "kind": "crash_node", "target": "n3"})).collect();
            v["faults"] = json!(faults);
        }),
        expect![[r#"faults: 263 faults in all (faults, random_faults and link partitions); the limit is 256"#]],
    );
}

#[test]
fn layout_coordinates_have_limits() {
    check(
        errors_after(|v| v["layout"] = json!({"p1": {"x": 2e6, "y": 0}, "": {"x": 0, "y": 0}})),
        expect![[r#"
            layout.: a layout key is a component id of 1 to 64 characters
            layout.p1.x: 2e6 is outside ±1e6"#]],
    );
    // Layout keys need not be components: the canvas may place other things (the store).
    check(errors_after(|v| v["layout"] = json!({"store": {"x": 1, "y": 2}})), expect![[""]]);
}

#[test]
fn non_finite_numbers_built_in_rust_are_refused() {
    let mut scenario = mqlab_scenario::parse(MINIMAL).expect("parses");
    scenario.horizon_s = f64::NAN;
    scenario.producers[0].rate_per_s = Some(f64::INFINITY);
    scenario.consumers[0].failure_probability = f64::NAN;
    scenario.nodes[0].capacity_per_s = f64::NEG_INFINITY;
    let errors = mqlab_scenario::validate(&scenario).expect_err("refused");
    expect![[r#"
        horizon_s: NaN is not a number
        nodes[0].capacity_per_s: -inf is not a finite number
        producers[0].rate_per_s: inf is not a finite number
        consumers[0].failure_probability: NaN is not a number"#]]
    .assert_eq(&errors.to_string());
}

#[test]
fn all_errors_are_collected() {
    let errors = errors_after(|v| {
        v["horizon_s"] = json!(-1);
        v["producers"][0]["rate_per_s"] = json!(1e12);
        v["consumers"][0]["queue"] = json!("q9");
        v["queues"][0]["placement"] = json!({"mode": "mirrored", "nodes": ["n1"]});
    });
    assert_eq!(errors.len(), 4, "{errors:#?}");
}

#[test]
fn errors_are_capped_with_a_count_of_the_rest() {
    let errors = errors_after(|v| {
        let bindings: Vec<Value> = (0..300).map(|i| json!({"exchange": format!("e{i}"), "queue": "q1"})).collect();
        v["bindings"] = json!(bindings);
    });
    assert_eq!(errors.len(), 101);
    assert_eq!(errors[100], "... and 200 more errors");
}

// ---- problems as data (the page words them in the learner's language)

#[test]
fn named_problems_carry_their_values_and_their_english_is_the_message() {
    use mqlab_scenario::{parse, validate, IdKind, Problem};
    let mut scenario = parse(MINIMAL).unwrap();
    scenario.producers[0].rate_per_s = Some(-5.0);
    scenario.consumers[0].queue = "nowhere".into();
    scenario.queues[0].id = "has space".into();
    let errors = validate(&scenario).unwrap_err();
    let problems: Vec<(&str, Option<&Problem>)> =
        errors.iter().map(|e| (e.path.as_str(), e.problem.as_ref())).collect();
    assert!(problems.contains(&("producers[0].rate_per_s", Some(&Problem::Negative { value: "-5".into() }))));
    assert!(problems
        .contains(&("consumers[0].queue", Some(&Problem::NoSuchId { kind: IdKind::Queue, id: "nowhere".into() }))));
    assert!(problems.contains(&("queues[0].id", Some(&Problem::IdHasSpace { id: "has space".into() }))));
    for error in &errors {
        if let Some(problem) = &error.problem {
            assert_eq!(error.message, problem.to_string(), "{}", error.path);
        }
    }
}

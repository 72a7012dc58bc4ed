//! Exchange routing: which queues a routing key and headers reach through the bindings.
//!
//! Bindings never change during a run, so a producer's routes are computed once per key when the
//! simulation is built; sending a message is then one table look-up.

use crate::config::{BindingConfig, Config, ExchangeId, ExchangeKind, ProducerConfig};

/// A set of queues as a bit mask (queue `i` is bit `i`; at most 64 queues).
pub type QueueMask = u64;

/// Does a topic pattern (`*` one word, `#` zero or more words) match a routing key?
pub fn topic_matches(pattern: &str, key: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('.').collect();
    let key: Vec<&str> = key.split('.').collect();
    matches_from(&pattern, &key)
}

fn matches_from(pattern: &[&str], key: &[&str]) -> bool {
    match pattern.split_first() {
        None => key.is_empty(),
        Some((&"#", rest)) => (0..=key.len()).any(|skip| matches_from(rest, &key[skip..])),
        Some((&word, rest)) => match key.split_first() {
            Some((&k, key_rest)) => (word == "*" || word == k) && matches_from(rest, key_rest),
            None => false,
        },
    }
}

fn headers_match(binding: &[(String, String)], message: &[(String, String)], match_all: bool) -> bool {
    let has = |pair: &(String, String)| message.iter().any(|m| m == pair);
    if match_all {
        binding.iter().all(has)
    } else {
        binding.iter().any(has)
    }
}

/// The queues that a message with this routing key and these headers reaches through `exchange`.
pub fn route(config: &Config, exchange: ExchangeId, routing_key: &str, headers: &[(String, String)]) -> QueueMask {
    let kind = config.exchanges[exchange.0 as usize].kind;
    config
        .bindings
        .iter()
        .filter(|b: &&BindingConfig| b.exchange == exchange)
        .filter(|b| match kind {
            ExchangeKind::Direct => b.key == routing_key,
            ExchangeKind::Fanout => true,
            ExchangeKind::Topic => topic_matches(&b.key, routing_key),
            ExchangeKind::Headers { match_all } => headers_match(&b.headers, headers, match_all),
        })
        .fold(0, |mask, b| mask | (1u64 << b.queue.0))
}

/// The routing key a producer gives a message with `key`.
pub fn routing_key_for(producer: &ProducerConfig, key: u32) -> String {
    producer.routing_key.replace("{key}", &key.to_string())
}

/// Per producer, per key: the queues its messages reach.
pub fn producer_routes(config: &Config) -> Vec<Vec<QueueMask>> {
    config
        .producers
        .iter()
        .map(|p| {
            (0..p.n_keys.max(1)).map(|key| route(config, p.exchange, &routing_key_for(p, key), &p.headers)).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_patterns() {
        assert!(topic_matches("orders.*", "orders.eu"));
        assert!(!topic_matches("orders.*", "orders.eu.paris"));
        assert!(topic_matches("orders.#", "orders.eu.paris"));
        assert!(topic_matches("orders.#", "orders"));
        assert!(topic_matches("#", "anything.at.all"));
        assert!(topic_matches("*.eu.*", "orders.eu.paris"));
        assert!(!topic_matches("*.eu.*", "orders.us.paris"));
        assert!(topic_matches("a.#.z", "a.b.c.z"));
        assert!(!topic_matches("a.#.z", "a.b.c"));
    }

    #[test]
    fn headers_all_and_any() {
        let b = vec![("type".to_string(), "pay".to_string()), ("eu".to_string(), "1".to_string())];
        let m = vec![("type".to_string(), "pay".to_string())];
        assert!(!headers_match(&b, &m, true));
        assert!(headers_match(&b, &m, false));
    }
}

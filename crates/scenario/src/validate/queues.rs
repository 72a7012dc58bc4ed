//! Queues: durability, length limit and overflow, TTL and dead-lettering, and placement on
//! one node or replicated over several.

use mqlab_engine::config::{self, limits, NodeId, QueueConfig};

use super::ids::{exchange_id, node_id};
use super::path::FieldPath;
use super::Validator;
use crate::error::{IdKind as Kind, Problem};
use crate::schema::{Overflow, Placement, Queue, Scenario};

impl Validator {
    /// The queue's config and its home node (the leader, for a replicated queue).
    pub(super) fn queue(&mut self, i: usize, queue: &Queue, s: &Scenario) -> (QueueConfig, NodeId) {
        let path = FieldPath::entry("queues", i);
        let (placement, home) = self.placement(&path.field("placement"), &queue.placement, s);
        let is_quorum = matches!(queue.placement, Placement::Quorum { .. });
        if is_quorum && queue.durable == Some(false) {
            self.problem(&path.field("durable"), Problem::QuorumAlwaysDurable);
        }
        let durable = queue.durable.unwrap_or(is_quorum);
        let max_length = queue
            .max_length
            .and_then(|max_length| self.count(&path.field("max_length"), max_length, 0, limits::QUEUE_LENGTH_MAX));
        let message_ttl_us = queue.message_ttl_ms.and_then(|ttl| self.time_ms(&path.field("message_ttl_ms"), ttl));
        let dead_letter_exchange = queue
            .dead_letter_exchange
            .as_deref()
            .and_then(|id| self.resolve(&path.field("dead_letter_exchange"), id, Kind::Exchange).map(exchange_id));
        let routing_key_path = path.field("dead_letter_routing_key");
        if queue.dead_letter_exchange.is_none() {
            if queue.overflow == Overflow::RejectPublishDlx {
                self.problem(&path.field("overflow"), Problem::DlxOverflowNeedsDlx);
            }
            if queue.dead_letter_routing_key.is_some() {
                self.problem(&routing_key_path, Problem::OnlyWithDeadLetterExchange);
            }
        }
        if let Some(key) = &queue.dead_letter_routing_key {
            self.key_length(&routing_key_path, key);
        }
        let overflow = match queue.overflow {
            Overflow::DropHead => config::Overflow::DropHead,
            Overflow::RejectPublish => config::Overflow::RejectPublish,
            Overflow::RejectPublishDlx => config::Overflow::RejectPublishDlx,
        };
        let queue_config = QueueConfig {
            name: queue.id.clone(),
            durable,
            max_length,
            overflow,
            message_ttl_us,
            dead_letter_exchange,
            dead_letter_routing_key: queue.dead_letter_routing_key.clone(),
            placement,
        };
        (queue_config, home)
    }

    fn placement(&mut self, path: &FieldPath, placement: &Placement, s: &Scenario) -> (config::Placement, NodeId) {
        match placement {
            Placement::Single { node } | Placement::Classic { node } => {
                let home = self.node_or_first(&path.field("node"), node.as_deref(), s).unwrap_or(NodeId(0));
                (config::Placement::Home(home), home)
            }
            Placement::Mirrored { nodes } | Placement::Quorum { nodes } => {
                let mode = if matches!(placement, Placement::Mirrored { .. }) { "mirrored" } else { "quorum" };
                let nodes_path = path.field("nodes");
                let mut resolved: Vec<NodeId> = Vec::new();
                if nodes.len() < 2 {
                    let mode = mode.to_string();
                    self.problem(&nodes_path, Problem::NeedsTwoNodes { mode });
                } else if nodes.len() > limits::NODES_MAX {
                    self.problem(
                        &nodes_path,
                        Problem::TooManyEntries { entries: nodes.len(), limit: limits::NODES_MAX },
                    );
                } else {
                    for (j, id) in nodes.iter().enumerate() {
                        let node_path = nodes_path.index(j);
                        if nodes[..j].contains(id) {
                            let id = id.escape_debug().to_string();
                            self.problem(&node_path, Problem::ListedTwice { id });
                            continue;
                        }
                        if let Some(index) = self.resolve(&node_path, id, Kind::Node) {
                            resolved.push(node_id(index));
                        }
                    }
                }
                let home = resolved.first().copied().unwrap_or(NodeId(0));
                let placement = if mode == "mirrored" {
                    config::Placement::Mirrored(resolved)
                } else {
                    config::Placement::Quorum(resolved)
                };
                (placement, home)
            }
        }
    }
}

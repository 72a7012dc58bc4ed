//! Broker nodes: capacity and fsync time.

use mqlab_engine::config::NodeConfig;

use super::path::FieldPath;
use super::Validator;
use crate::limits::CAPACITY_PER_S_MAX;
use crate::schema::Node;

impl Validator {
    pub(super) fn node(&mut self, i: usize, node: &Node) -> NodeConfig {
        let path = FieldPath::entry("nodes", i);
        let capacity_per_s =
            self.positive_number(&path.field("capacity_per_s"), node.capacity_per_s, CAPACITY_PER_S_MAX).unwrap_or(1.0);
        let fsync_us = self.latency_ms(&path.field("fsync_ms"), node.fsync_ms).unwrap_or(0);
        NodeConfig { name: node.id.clone(), capacity_per_s, fsync_us }
    }
}

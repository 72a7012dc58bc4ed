//! Ids and references: every id declared once and well formed, and a reference resolved to the
//! index of a component of the kind it must be, or a problem saying why there is none.

use mqlab_engine::config::{ConsumerId, ExchangeId, LinkRef, NodeId, ProducerId, QueueId};

use super::path::FieldPath;
use super::Validator;
use crate::error::{IdKind as Kind, Problem};
use crate::limits::ID_CHARS_MAX;
use crate::schema::Scenario;

/// Where an id was declared.
#[derive(Clone, Debug)]
pub(super) struct Declared {
    kind: Kind,
    index: usize,
    path: FieldPath,
}

impl Validator {
    pub(super) fn declare_ids(&mut self, s: &Scenario) {
        let lists: [(&str, Kind, Vec<&str>); 5] = [
            ("nodes", Kind::Node, s.nodes.iter().map(|n| n.id.as_str()).collect()),
            ("producers", Kind::Producer, s.producers.iter().map(|p| p.id.as_str()).collect()),
            ("exchanges", Kind::Exchange, s.exchanges.iter().map(|e| e.id.as_str()).collect()),
            ("queues", Kind::Queue, s.queues.iter().map(|q| q.id.as_str()).collect()),
            ("consumers", Kind::Consumer, s.consumers.iter().map(|c| c.id.as_str()).collect()),
        ];
        for (list, kind, ids) in lists {
            for (index, id) in ids.into_iter().enumerate() {
                let path = FieldPath::entry(list, index);
                let id_path = path.field("id");
                if !self.id_format(&id_path, id) {
                    continue;
                }
                if let Some(first) = self.ids.get(id) {
                    let first_path = first.path.to_string();
                    self.problem(&id_path, Problem::IdTaken { id: id.to_string(), first_path });
                    continue;
                }
                self.ids.insert(id.to_string(), Declared { kind, index, path });
            }
        }
    }

    fn id_format(&mut self, path: &FieldPath, id: &str) -> bool {
        if id.is_empty() {
            self.problem(path, Problem::IdEmpty);
            return false;
        }
        let chars = id.chars().count();
        if chars > ID_CHARS_MAX {
            self.problem(path, Problem::TooManyChars { chars, limit: ID_CHARS_MAX });
            return false;
        }
        if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.problem(path, Problem::IdHasSpace { id: id.escape_debug().to_string() });
            return false;
        }
        true
    }

    /// The index of the component of `kind` with this id, or an error saying why there is none.
    pub(super) fn resolve(&mut self, path: &FieldPath, id: &str, kind: Kind) -> Option<usize> {
        match self.ids.get(id) {
            Some(declared) if declared.kind == kind => Some(declared.index),
            Some(declared) => {
                let other = declared.kind;
                let id = id.escape_debug().to_string();
                self.problem(path, Problem::IdOfOtherKind { kind, id, other });
                None
            }
            None => {
                let id = id.escape_debug().to_string();
                self.problem(path, Problem::NoSuchId { kind, id });
                None
            }
        }
    }

    /// A node given by id, or by default the first node.
    pub(super) fn node_or_first(&mut self, path: &FieldPath, id: Option<&str>, s: &Scenario) -> Option<NodeId> {
        match id {
            Some(id) => self.resolve(path, id, Kind::Node).map(node_id),
            None if s.nodes.is_empty() => {
                self.problem(path, Problem::NoNodes);
                None
            }
            None => Some(NodeId(0)),
        }
    }

    /// The link of the producer or consumer with this id (what a link fault strikes).
    pub(super) fn link_target(&mut self, path: &FieldPath, id: &str) -> Option<LinkRef> {
        match self.ids.get(id).map(|d| (d.kind, d.index)) {
            Some((Kind::Producer, index)) => Some(LinkRef::Producer(ProducerId(index as u16))),
            Some((Kind::Consumer, index)) => Some(LinkRef::Consumer(ConsumerId(index as u16))),
            Some((other, _)) => {
                let id = id.escape_debug().to_string();
                self.problem(path, Problem::ClientOfOtherKind { id, other });
                None
            }
            None => {
                let id = id.escape_debug().to_string();
                self.problem(path, Problem::NoSuchClient { id });
                None
            }
        }
    }
}

pub(super) fn node_id(index: usize) -> NodeId {
    NodeId(index as u16)
}

pub(super) fn exchange_id(index: usize) -> ExchangeId {
    ExchangeId(index as u16)
}

pub(super) fn queue_id(index: usize) -> QueueId {
    QueueId(index as u16)
}

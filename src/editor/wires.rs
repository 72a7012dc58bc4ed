//! Wires: derived from the scenario's references (never stored apart from them), made by
//! [`connect`] only where the domain has such a link, and undone by [`disconnect`].
//!
//! | drag                          | wire          | sets                                  |
//! |-------------------------------|---------------|---------------------------------------|
//! | producer → exchange           | publish       | `producer.exchange`                   |
//! | exchange → queue              | binding       | a new binding (default key, below)    |
//! | queue → consumer              | consume       | `consumer.queue`                      |
//! | queue → exchange              | dead letter   | `queue.dead_letter_exchange`          |
//! | producer/consumer/queue → node| placement     | `node` / the queue's placement        |
//!
//! The drag may go either way where the direction cannot mean anything else (consumer → queue,
//! exchange → producer, node → queue); between a queue and an exchange it decides: exchange →
//! queue binds, queue → exchange dead-letters. A producer, a consumer and a queue have one
//! exchange, one queue and one dead-letter exchange each, so wiring one anew replaces the old wire.
//!
//! A new binding's key: on a topic exchange `#` (everything); on fanout and headers exchanges
//! `""` (unused); on a direct exchange the routing key its producers already publish with when
//! they agree on one without a `{key}` template (`""` when it has none yet, the same as a new
//! producer's), else the queue's id. So a freshly drawn producer → exchange → queue routes.

use std::collections::BTreeMap;

use mqlab_scenario::{validate, Binding, ExchangeKind, Placement, Scenario};

use super::components::{exists, index_of};
use super::values::covers;
use super::{ComponentKind, ComponentRef, EditError};
use crate::i18n::Key;

/// What a wire means.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WireKind {
    /// Producer → exchange.
    Publish,
    /// Exchange → queue, with the binding's key and headers (one exchange may bind one queue
    /// several times with different keys).
    Binding { key: String, headers: BTreeMap<String, String> },
    /// Queue → consumer.
    Consume,
    /// Queue → its dead-letter exchange.
    DeadLetter,
    /// Producer, consumer or queue → a broker node it is on or connected to.
    Placement,
}

impl WireKind {
    /// The wire's name as the canvas labels it.
    pub fn label(&self) -> Key {
        match self {
            WireKind::Publish => Key::WirePublish,
            WireKind::Binding { .. } => Key::WireBinding,
            WireKind::Consume => Key::WireConsume,
            WireKind::DeadLetter => Key::WireDeadLetter,
            WireKind::Placement => Key::WirePlacement,
        }
    }
}

/// One wire to draw, from where messages (or the connection) start to where they go.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Wire {
    pub from: ComponentRef,
    pub to: ComponentRef,
    pub kind: WireKind,
}

/// Why a wire was refused, in the domain's words ([`WireRefusal::key`] gives the sentence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireRefusal {
    /// One end does not exist (any more).
    Missing(ComponentRef),
    SameComponent,
    AlreadyConnected,
    DuplicateBinding,
    ProducerToProducer,
    ProducerToQueue,
    QueueToProducer,
    ProducerConsumer,
    ExchangeToExchange,
    ExchangeConsumer,
    ExchangeNode,
    QueueToQueue,
    ConsumerToConsumer,
    NodeToNode,
    /// [`disconnect`] of a wire the scenario does not have.
    NotConnected,
}

impl WireRefusal {
    /// The explanation shown where the wire was dropped.
    pub fn key(&self) -> Key {
        match self {
            WireRefusal::Missing(_) => Key::RefuseMissing,
            WireRefusal::SameComponent => Key::RefuseSameComponent,
            WireRefusal::AlreadyConnected => Key::RefuseAlreadyConnected,
            WireRefusal::DuplicateBinding => Key::RefuseDuplicateBinding,
            WireRefusal::ProducerToProducer => Key::RefuseProducerToProducer,
            WireRefusal::ProducerToQueue => Key::RefuseProducerToQueue,
            WireRefusal::QueueToProducer => Key::RefuseQueueToProducer,
            WireRefusal::ProducerConsumer => Key::RefuseProducerConsumer,
            WireRefusal::ExchangeToExchange => Key::RefuseExchangeToExchange,
            WireRefusal::ExchangeConsumer => Key::RefuseExchangeConsumer,
            WireRefusal::ExchangeNode => Key::RefuseExchangeNode,
            WireRefusal::QueueToQueue => Key::RefuseQueueToQueue,
            WireRefusal::ConsumerToConsumer => Key::RefuseConsumerToConsumer,
            WireRefusal::NodeToNode => Key::RefuseNodeToNode,
            WireRefusal::NotConnected => Key::RefuseNotConnected,
        }
    }
}

/// What a drag from one kind to another means: the wire's kind and which end is its source, or
/// why there is no such wire.
enum Plan {
    Publish,
    Binding,
    Consume,
    DeadLetter,
    Placement,
}

/// `(plan, reversed)`: `reversed` when the drag went against the wire's direction.
fn plan(from: ComponentKind, to: ComponentKind) -> Result<(Plan, bool), WireRefusal> {
    use ComponentKind::{Consumer as C, Exchange as X, Node as N, Producer as P, Queue as Q};
    Ok(match (from, to) {
        (P, X) => (Plan::Publish, false),
        (X, P) => (Plan::Publish, true),
        (X, Q) => (Plan::Binding, false),
        (Q, X) => (Plan::DeadLetter, false),
        (Q, C) => (Plan::Consume, false),
        (C, Q) => (Plan::Consume, true),
        (P | C | Q, N) => (Plan::Placement, false),
        (N, P | C | Q) => (Plan::Placement, true),
        (P, P) => return Err(WireRefusal::ProducerToProducer),
        (P, Q) => return Err(WireRefusal::ProducerToQueue),
        (Q, P) => return Err(WireRefusal::QueueToProducer),
        (P, C) | (C, P) => return Err(WireRefusal::ProducerConsumer),
        (X, X) => return Err(WireRefusal::ExchangeToExchange),
        (X, C) | (C, X) => return Err(WireRefusal::ExchangeConsumer),
        (X, N) | (N, X) => return Err(WireRefusal::ExchangeNode),
        (Q, Q) => return Err(WireRefusal::QueueToQueue),
        (C, C) => return Err(WireRefusal::ConsumerToConsumer),
        (N, N) => return Err(WireRefusal::NodeToNode),
    })
}

/// Every wire the scenario implies, in a fixed order: publishes, bindings, consumes, dead
/// letters, placements. A reference to a component that does not exist (an unwired `""`, or a
/// dangling id in a hand-written file) draws no wire; the validator reports it.
pub fn wires(s: &Scenario) -> Vec<Wire> {
    let node = |id: &str| ComponentRef::new(ComponentKind::Node, id);
    let mut out = Vec::new();
    let mut push = |wire: Wire| {
        if exists(s, &wire.from) && exists(s, &wire.to) {
            out.push(wire);
        }
    };
    for p in &s.producers {
        push(Wire {
            from: ComponentRef::new(ComponentKind::Producer, &p.id),
            to: ComponentRef::new(ComponentKind::Exchange, &p.exchange),
            kind: WireKind::Publish,
        });
    }
    for b in &s.bindings {
        push(Wire {
            from: ComponentRef::new(ComponentKind::Exchange, &b.exchange),
            to: ComponentRef::new(ComponentKind::Queue, &b.queue),
            kind: WireKind::Binding { key: b.key.clone(), headers: b.headers.clone() },
        });
    }
    for c in &s.consumers {
        push(Wire {
            from: ComponentRef::new(ComponentKind::Queue, &c.queue),
            to: ComponentRef::new(ComponentKind::Consumer, &c.id),
            kind: WireKind::Consume,
        });
    }
    for q in &s.queues {
        if let Some(dlx) = &q.dead_letter_exchange {
            push(Wire {
                from: ComponentRef::new(ComponentKind::Queue, &q.id),
                to: ComponentRef::new(ComponentKind::Exchange, dlx),
                kind: WireKind::DeadLetter,
            });
        }
    }
    for p in &s.producers {
        if let Some(n) = &p.node {
            push(Wire {
                from: ComponentRef::new(ComponentKind::Producer, &p.id),
                to: node(n),
                kind: WireKind::Placement,
            });
        }
    }
    for q in &s.queues {
        let from = ComponentRef::new(ComponentKind::Queue, &q.id);
        for n in placement_nodes(&q.placement) {
            push(Wire { from: from.clone(), to: node(n), kind: WireKind::Placement });
        }
    }
    for c in &s.consumers {
        if let Some(n) = &c.node {
            push(Wire {
                from: ComponentRef::new(ComponentKind::Consumer, &c.id),
                to: node(n),
                kind: WireKind::Placement,
            });
        }
    }
    out
}

/// The nodes a placement names explicitly, leader first.
fn placement_nodes(placement: &Placement) -> Vec<&str> {
    match placement {
        Placement::Single { node } | Placement::Classic { node } => node.as_deref().into_iter().collect(),
        Placement::Mirrored { nodes } | Placement::Quorum { nodes } => nodes.iter().map(String::as_str).collect(),
    }
}

/// Connects `from` to `to` if the domain has such a wire (module docs), and returns the wire
/// as [`wires`] will draw it. The scenario is unchanged when the wire is refused.
pub fn connect(s: &mut Scenario, from: &ComponentRef, to: &ComponentRef) -> Result<Wire, WireRefusal> {
    for end in [from, to] {
        if !exists(s, end) {
            return Err(WireRefusal::Missing(end.clone()));
        }
    }
    if from == to {
        return Err(WireRefusal::SameComponent);
    }
    let (plan, reversed) = plan(from.kind, to.kind)?;
    let (source, target) = if reversed { (to, from) } else { (from, to) };
    let kind = match plan {
        Plan::Publish => {
            let i = index(s, source)?;
            if s.producers[i].exchange == target.id {
                return Err(WireRefusal::AlreadyConnected);
            }
            s.producers[i].exchange = target.id.clone();
            WireKind::Publish
        }
        Plan::Binding => {
            let binding = Binding {
                exchange: source.id.clone(),
                queue: target.id.clone(),
                key: default_binding_key(s, &source.id, &target.id),
                headers: BTreeMap::new(),
            };
            if s.bindings.contains(&binding) {
                return Err(WireRefusal::DuplicateBinding);
            }
            let kind = WireKind::Binding { key: binding.key.clone(), headers: BTreeMap::new() };
            s.bindings.push(binding);
            kind
        }
        Plan::Consume => {
            let i = index(s, target)?;
            if s.consumers[i].queue == source.id {
                return Err(WireRefusal::AlreadyConnected);
            }
            s.consumers[i].queue = source.id.clone();
            WireKind::Consume
        }
        Plan::DeadLetter => {
            let i = index(s, source)?;
            let queue = &mut s.queues[i];
            if queue.dead_letter_exchange.as_deref() == Some(target.id.as_str()) {
                return Err(WireRefusal::AlreadyConnected);
            }
            queue.dead_letter_exchange = Some(target.id.clone());
            WireKind::DeadLetter
        }
        Plan::Placement => {
            place(s, source, &target.id)?;
            WireKind::Placement
        }
    };
    Ok(Wire { from: source.clone(), to: target.clone(), kind })
}

fn index(s: &Scenario, component: &ComponentRef) -> Result<usize, WireRefusal> {
    index_of(s, component).ok_or_else(|| WireRefusal::Missing(component.clone()))
}

/// Puts a producer, consumer or queue on `node`: a producer's or consumer's connection, a
/// single or classic queue's home, or one more replica of a mirrored or quorum queue.
fn place(s: &mut Scenario, component: &ComponentRef, node: &str) -> Result<(), WireRefusal> {
    let i = index(s, component)?;
    let slot = match component.kind {
        ComponentKind::Producer => &mut s.producers[i].node,
        ComponentKind::Consumer => &mut s.consumers[i].node,
        ComponentKind::Queue => match &mut s.queues[i].placement {
            Placement::Single { node: slot } | Placement::Classic { node: slot } => slot,
            Placement::Mirrored { nodes } | Placement::Quorum { nodes } => {
                if nodes.iter().any(|n| n == node) {
                    return Err(WireRefusal::AlreadyConnected);
                }
                nodes.push(node.to_string());
                return Ok(());
            }
        },
        // `plan` only places producers, consumers and queues.
        ComponentKind::Node | ComponentKind::Exchange => return Err(WireRefusal::ExchangeNode),
    };
    if slot.as_deref() == Some(node) {
        return Err(WireRefusal::AlreadyConnected);
    }
    *slot = Some(node.to_string());
    Ok(())
}

/// The key a new binding from `exchange` to `queue` gets (module docs).
pub fn default_binding_key(s: &Scenario, exchange: &str, queue: &str) -> String {
    let kind = s.exchanges.iter().find(|e| e.id == exchange).map(|e| e.kind).unwrap_or_default();
    match kind {
        ExchangeKind::Topic => "#".to_string(),
        ExchangeKind::Fanout | ExchangeKind::Headers => String::new(),
        ExchangeKind::Direct => {
            let mut keys = s.producers.iter().filter(|p| p.exchange == exchange).map(|p| p.routing_key.as_str());
            match keys.next() {
                None => String::new(),
                Some(first) if !first.contains("{key}") && keys.all(|k| k == first) => first.to_string(),
                Some(_) => queue.to_string(),
            }
        }
    }
}

/// Removes the wire: unwires a producer's exchange or a consumer's queue (they say "not
/// connected" until wired again), removes the binding, removes the dead-letter exchange with
/// its routing key, or takes the component off the node (back to its default node; a replica
/// leaves a mirrored or quorum queue's list).
pub fn disconnect(s: &mut Scenario, wire: &Wire) -> Result<(), WireRefusal> {
    let missing = || WireRefusal::NotConnected;
    let i = index_of(s, &wire.from).ok_or_else(missing)?;
    let to = wire.to.id.as_str();
    match (&wire.kind, wire.from.kind) {
        (WireKind::Publish, ComponentKind::Producer) if s.producers[i].exchange == to => {
            s.producers[i].exchange.clear();
        }
        (WireKind::Binding { key, headers }, ComponentKind::Exchange) => {
            let at = s
                .bindings
                .iter()
                .position(|b| b.exchange == wire.from.id && b.queue == to && &b.key == key && &b.headers == headers)
                .ok_or_else(missing)?;
            s.bindings.remove(at);
        }
        (WireKind::Consume, ComponentKind::Queue) => {
            let c = index_of(s, &wire.to).ok_or_else(missing)?;
            if s.consumers[c].queue != wire.from.id {
                return Err(missing());
            }
            s.consumers[c].queue.clear();
        }
        (WireKind::DeadLetter, ComponentKind::Queue) if s.queues[i].dead_letter_exchange.as_deref() == Some(to) => {
            s.queues[i].dead_letter_exchange = None;
            s.queues[i].dead_letter_routing_key = None;
        }
        (WireKind::Placement, kind) => {
            let slot = match kind {
                ComponentKind::Producer => &mut s.producers[i].node,
                ComponentKind::Consumer => &mut s.consumers[i].node,
                ComponentKind::Queue => match &mut s.queues[i].placement {
                    Placement::Single { node } | Placement::Classic { node } => node,
                    Placement::Mirrored { nodes } | Placement::Quorum { nodes } => {
                        let at = nodes.iter().position(|n| n == to).ok_or_else(missing)?;
                        nodes.remove(at);
                        return Ok(());
                    }
                },
                ComponentKind::Node | ComponentKind::Exchange => return Err(missing()),
            };
            if slot.as_deref() != Some(to) {
                return Err(missing());
            }
            *slot = None;
        }
        _ => return Err(missing()),
    }
    Ok(())
}

/// Changes a binding's key and returns the wire as it now is; see [`rebind`].
pub fn set_binding_key(s: &mut Scenario, wire: &Wire, key: &str) -> Result<Wire, EditError> {
    let WireKind::Binding { headers, .. } = &wire.kind else {
        return Err(EditError::NotABinding);
    };
    rebind(s, wire, key, headers.clone())
}

/// Changes a binding's key and headers (the headers a headers exchange matches) and returns the
/// wire as it now is. Refused if the wire is not a binding, is gone, would duplicate another
/// binding, or if the validator finds the new key or headers wrong (too long, headers on an
/// exchange that is not a headers exchange), with the validator's message.
pub fn rebind(s: &mut Scenario, wire: &Wire, key: &str, headers: BTreeMap<String, String>) -> Result<Wire, EditError> {
    let WireKind::Binding { key: old_key, headers: old_headers } = &wire.kind else {
        return Err(EditError::NotABinding);
    };
    let same_ends = |b: &Binding| b.exchange == wire.from.id && b.queue == wire.to.id;
    let at = s
        .bindings
        .iter()
        .position(|b| same_ends(b) && &b.key == old_key && &b.headers == old_headers)
        .ok_or(WireRefusal::NotConnected)?;
    let new = Binding { exchange: wire.from.id.clone(), queue: wire.to.id.clone(), key: key.to_string(), headers };
    if s.bindings.iter().enumerate().any(|(i, b)| i != at && *b == new) {
        return Err(WireRefusal::DuplicateBinding.into());
    }
    let mut next = s.clone();
    next.bindings[at] = new.clone();
    if let Err(errors) = validate(&next) {
        let path = format!("bindings[{at}]");
        let at_binding = errors
            .iter()
            .find(|e| covers(&format!("{path}.key"), &e.path) || covers(&format!("{path}.headers"), &e.path));
        if let Some(error) = at_binding {
            return Err(EditError::Invalid(error.clone()));
        }
    }
    *s = next;
    Ok(Wire {
        from: wire.from.clone(),
        to: wire.to.clone(),
        kind: WireKind::Binding { key: new.key, headers: new.headers },
    })
}

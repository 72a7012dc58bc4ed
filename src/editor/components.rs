//! Components on the canvas: add one with defaults and a fresh id, move, rename (every reference
//! follows), delete (what pointed at it is unwired or goes with it), and look-ups by id.
//!
//! Deleting cascades by one rule: what only makes sense with the component goes with it
//! (bindings of an exchange or a queue, faults aimed at it, its canvas position), and what has
//! settings of its own stays and is unwired (a consumer of a deleted queue keeps its threads,
//! prefetch and ack mode, and says "not connected" until it is wired again). References that
//! have a default fall back to it (a producer whose node is deleted is on the first node again).

use mqlab_scenario::limits::{ID_CHARS_MAX, LAYOUT_COORDINATE_MAX};
use mqlab_scenario::{Consumer, Exchange, Node, Placement, Position, Producer, Queue, Scenario};

use super::{ComponentKind, ComponentRef, EditError};
use crate::i18n::{t, Key, Lang};

/// A new producer's rate: the schema has no default (a constant producer must say its rate),
/// and a producer that sends nothing teaches nothing.
pub const NEW_PRODUCER_RATE_PER_S: f64 = 100.0;

/// An empty scenario, named in the learner's language, ready for the canvas.
pub fn blank(lang: Lang) -> Scenario {
    Scenario { name: t(lang, Key::UntitledScenario).to_string(), ..Scenario::default() }
}

/// Every component's id with its kind, list by list in the scenario's order.
pub fn all(s: &Scenario) -> Vec<ComponentRef> {
    let mut refs = Vec::new();
    for kind in ComponentKind::ALL {
        for id in ids_of(s, kind) {
            refs.push(ComponentRef::new(kind, id));
        }
    }
    refs
}

/// The ids of one kind, in the scenario's order.
pub fn ids_of(s: &Scenario, kind: ComponentKind) -> Vec<&str> {
    match kind {
        ComponentKind::Node => s.nodes.iter().map(|c| c.id.as_str()).collect(),
        ComponentKind::Producer => s.producers.iter().map(|c| c.id.as_str()).collect(),
        ComponentKind::Exchange => s.exchanges.iter().map(|c| c.id.as_str()).collect(),
        ComponentKind::Queue => s.queues.iter().map(|c| c.id.as_str()).collect(),
        ComponentKind::Consumer => s.consumers.iter().map(|c| c.id.as_str()).collect(),
    }
}

/// The component's index in its list; `None` if there is no such component.
pub fn index_of(s: &Scenario, component: &ComponentRef) -> Option<usize> {
    ids_of(s, component.kind).iter().position(|id| *id == component.id)
}

/// Whether the scenario holds this component.
pub fn exists(s: &Scenario, component: &ComponentRef) -> bool {
    index_of(s, component).is_some()
}

/// The kind of the component with this id, if any.
pub fn kind_of(s: &Scenario, id: &str) -> Option<ComponentKind> {
    ComponentKind::ALL.into_iter().find(|kind| ids_of(s, *kind).contains(&id))
}

/// The smallest `<prefix><n>` (n ≥ 1) that no component and no layout entry uses.
pub fn fresh_id(s: &Scenario, kind: ComponentKind) -> String {
    let prefix = kind.id_prefix();
    // At most (components + layout entries + 1) candidates can be taken, so this ends.
    let mut n: usize = 1;
    loop {
        let id = format!("{prefix}{n}");
        if kind_of(s, &id).is_none() && !s.layout.contains_key(&id) {
            return id;
        }
        n += 1;
    }
}

/// Adds a component of `kind` at `at` with the schema's defaults and a fresh id. A producer gets
/// a rate of [`NEW_PRODUCER_RATE_PER_S`]. A producer or consumer starts unwired (its exchange or
/// queue is `""`), which parses and which the validator reports at that field; the inspector
/// shows it as "not connected" ([`super::errors::errors_at`]).
pub fn add(s: &mut Scenario, kind: ComponentKind, at: (f64, f64)) -> Result<ComponentRef, EditError> {
    if ids_of(s, kind).len() >= kind.limit() {
        return Err(EditError::TooMany(kind));
    }
    let id = fresh_id(s, kind);
    match kind {
        ComponentKind::Node => s.nodes.push(Node { id: id.clone(), ..Node::default() }),
        ComponentKind::Producer => s.producers.push(Producer {
            id: id.clone(),
            rate_per_s: Some(NEW_PRODUCER_RATE_PER_S),
            ..Producer::default()
        }),
        ComponentKind::Exchange => s.exchanges.push(Exchange { id: id.clone(), ..Exchange::default() }),
        ComponentKind::Queue => s.queues.push(Queue { id: id.clone(), ..Queue::default() }),
        ComponentKind::Consumer => s.consumers.push(Consumer { id: id.clone(), ..Consumer::default() }),
    }
    s.layout.insert(id.clone(), position(at));
    Ok(ComponentRef::new(kind, id))
}

/// Puts the component at `at` on the canvas (clamped to the coordinates the format allows).
pub fn move_to(s: &mut Scenario, component: &ComponentRef, at: (f64, f64)) -> Result<(), EditError> {
    if !exists(s, component) {
        return Err(EditError::NoSuchComponent(component.clone()));
    }
    s.layout.insert(component.id.clone(), position(at));
    Ok(())
}

/// A canvas position within the format's limits; a coordinate that is not a number becomes 0.
fn position(at: (f64, f64)) -> Position {
    let clamp = |v: f64| {
        if v.is_finite() {
            v.clamp(-LAYOUT_COORDINATE_MAX, LAYOUT_COORDINATE_MAX)
        } else {
            0.0
        }
    };
    Position { x: clamp(at.0), y: clamp(at.1) }
}

/// Checks an id the way the validator does (1–64 characters, no spaces or control characters).
pub fn check_id(id: &str) -> Result<(), EditError> {
    if id.is_empty() {
        return Err(EditError::IdEmpty);
    }
    if id.chars().count() > ID_CHARS_MAX {
        return Err(EditError::IdTooLong);
    }
    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(EditError::IdSpaces);
    }
    Ok(())
}

/// Gives the component a new id and updates every reference to it: producers' exchange and
/// node, bindings, consumers' queue and node, dead-letter exchanges, queue placements, fault
/// targets and the layout key. Returns the renamed reference.
pub fn rename(s: &mut Scenario, component: &ComponentRef, new_id: &str) -> Result<ComponentRef, EditError> {
    let Some(index) = index_of(s, component) else {
        return Err(EditError::NoSuchComponent(component.clone()));
    };
    if new_id == component.id {
        return Ok(component.clone());
    }
    check_id(new_id)?;
    if let Some(by) = kind_of(s, new_id) {
        return Err(EditError::IdTaken { id: new_id.to_string(), by });
    }
    let old = component.id.as_str();
    let new = new_id.to_string();
    let swap = |id: &mut String| {
        if id == old {
            *id = new.clone();
        }
    };
    let swap_option = |id: &mut Option<String>| {
        if let Some(id) = id {
            swap(id);
        }
    };
    match component.kind {
        ComponentKind::Node => s.nodes[index].id = new.clone(),
        ComponentKind::Producer => s.producers[index].id = new.clone(),
        ComponentKind::Exchange => s.exchanges[index].id = new.clone(),
        ComponentKind::Queue => s.queues[index].id = new.clone(),
        ComponentKind::Consumer => s.consumers[index].id = new.clone(),
    }
    // Ids are unique across kinds, so any reference equal to the old id meant this component;
    // references of the wrong kind (already refused by the validator) keep meaning it.
    for producer in &mut s.producers {
        swap(&mut producer.exchange);
        swap_option(&mut producer.node);
    }
    for binding in &mut s.bindings {
        swap(&mut binding.exchange);
        swap(&mut binding.queue);
    }
    for queue in &mut s.queues {
        swap_option(&mut queue.dead_letter_exchange);
        match &mut queue.placement {
            Placement::Single { node } | Placement::Classic { node } => swap_option(node),
            Placement::Mirrored { nodes } | Placement::Quorum { nodes } => nodes.iter_mut().for_each(swap),
        }
    }
    for consumer in &mut s.consumers {
        swap(&mut consumer.queue);
        swap_option(&mut consumer.node);
    }
    for fault in &mut s.faults {
        swap(&mut fault.target);
    }
    for fault in &mut s.random_faults {
        swap(&mut fault.target);
    }
    if let Some(position) = s.layout.remove(old) {
        s.layout.insert(new.clone(), position);
    }
    Ok(ComponentRef::new(component.kind, new))
}

/// Removes the component, with what only makes sense with it (module docs): its bindings, the
/// faults aimed at it and its position; references to it are unwired or fall back to their
/// default. A dead-letter exchange's removal also clears the queue's dead-letter routing key,
/// which is part of that wire; the queue's overflow policy stays, and if it was
/// `reject_publish_dlx` the validator says it now needs a dead-letter exchange.
pub fn delete(s: &mut Scenario, component: &ComponentRef) -> Result<(), EditError> {
    let Some(index) = index_of(s, component) else {
        return Err(EditError::NoSuchComponent(component.clone()));
    };
    let id = component.id.as_str();
    match component.kind {
        ComponentKind::Node => {
            s.nodes.remove(index);
            for producer in &mut s.producers {
                if producer.node.as_deref() == Some(id) {
                    producer.node = None;
                }
            }
            for consumer in &mut s.consumers {
                if consumer.node.as_deref() == Some(id) {
                    consumer.node = None;
                }
            }
            for queue in &mut s.queues {
                match &mut queue.placement {
                    Placement::Single { node } | Placement::Classic { node } => {
                        if node.as_deref() == Some(id) {
                            *node = None;
                        }
                    }
                    Placement::Mirrored { nodes } | Placement::Quorum { nodes } => nodes.retain(|node| node != id),
                }
            }
        }
        ComponentKind::Producer => {
            s.producers.remove(index);
        }
        ComponentKind::Exchange => {
            s.exchanges.remove(index);
            for producer in &mut s.producers {
                if producer.exchange == id {
                    producer.exchange.clear();
                }
            }
            s.bindings.retain(|binding| binding.exchange != id);
            for queue in &mut s.queues {
                if queue.dead_letter_exchange.as_deref() == Some(id) {
                    queue.dead_letter_exchange = None;
                    queue.dead_letter_routing_key = None;
                }
            }
        }
        ComponentKind::Queue => {
            s.queues.remove(index);
            s.bindings.retain(|binding| binding.queue != id);
            for consumer in &mut s.consumers {
                if consumer.queue == id {
                    consumer.queue.clear();
                }
            }
        }
        ComponentKind::Consumer => {
            s.consumers.remove(index);
        }
    }
    s.faults.retain(|fault| fault.target != id);
    s.random_faults.retain(|fault| fault.target != id);
    s.layout.remove(id);
    Ok(())
}

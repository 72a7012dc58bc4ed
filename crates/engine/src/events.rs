//! The event queue: a binary heap ordered by (time, insertion sequence), so ties are first-in
//! first-out and every run orders its events the same way.
//!
//! `push` and `pop` are O(log n) in the number of pending events.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::time::TimeUs;

struct Entry<E> {
    at_us: TimeUs,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.at_us == other.at_us && self.seq == other.seq
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    // Reversed: `BinaryHeap` is a max-heap and we want the earliest event first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.at_us.cmp(&self.at_us).then_with(|| other.seq.cmp(&self.seq))
    }
}

/// Pending events of type `E`.
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    next_seq: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue { heap: BinaryHeap::new(), next_seq: 0 }
    }
}

impl<E> EventQueue<E> {
    pub fn push(&mut self, at_us: TimeUs, event: E) {
        self.heap.push(Entry { at_us, seq: self.next_seq, event });
        self.next_seq += 1;
    }

    pub fn pop(&mut self) -> Option<(TimeUs, E)> {
        self.heap.pop().map(|e| (e.at_us, e.event))
    }

    pub fn peek_time(&self) -> Option<TimeUs> {
        self.heap.peek().map(|e| e.at_us)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_and_ties_in_insertion_order() {
        let mut q = EventQueue::default();
        q.push(5, "c");
        q.push(1, "a");
        q.push(5, "d");
        q.push(1, "b");
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(order, vec![(1, "a"), (1, "b"), (5, "c"), (5, "d")]);
    }
}

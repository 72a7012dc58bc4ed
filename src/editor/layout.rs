//! Automatic layout: the pipeline in columns from left to right (producers, exchanges, queues,
//! consumers, then the downstream store), broker nodes in a row below, for presets and links that
//! come without positions.
//!
//! Within a column, components are ordered to keep wires from crossing: exchanges by the
//! producers that publish to them, queues by the exchanges that bind them, consumers by their
//! queue, producers by their exchange, in a few barycentre sweeps (each component at the mean
//! rank of its neighbours in the previous column). Something with no neighbour there (a
//! dead-letter exchange, a parking queue) goes below the rest. Columns are centred on the
//! tallest, rows evenly spaced. Stable sorts and fixed sweeps make it deterministic.

use mqlab_scenario::{Position, Scenario};

use super::components::all;
use super::ComponentKind;

/// x of the producers' column; the others follow every [`COLUMN_GAP`].
pub const LEFT_X: f64 = 80.0;
pub const COLUMN_GAP: f64 = 200.0;
/// y of the first row.
pub const TOP_Y: f64 = 100.0;
pub const ROW_GAP: f64 = 100.0;
/// From the last row of the pipeline down to the nodes' row.
pub const NODE_ROW_GAP: f64 = 120.0;
/// The layout key of the downstream store, which is not a component of the scenario.
pub const STORE_KEY: &str = "store";
/// Barycentre sweeps over the columns; more rarely improve a small diagram.
const SWEEPS: usize = 2;

/// The canvas column of a kind; nodes have their own row instead.
pub fn column(kind: ComponentKind) -> Option<usize> {
    match kind {
        ComponentKind::Producer => Some(0),
        ComponentKind::Exchange => Some(1),
        ComponentKind::Queue => Some(2),
        ComponentKind::Consumer => Some(3),
        ComponentKind::Node => None,
    }
}

/// Places every component (and the store) afresh. Layout keys that are not components are kept.
pub fn auto_layout(s: &mut Scenario) {
    let [producers, exchanges, queues, consumers] = order(s);
    let rows =
        [&producers, &exchanges, &queues, &consumers].iter().map(|column| column.len()).max().unwrap_or(0).max(1);
    let ids: [Vec<String>; 4] = [
        producers.iter().map(|&i| s.producers[i].id.clone()).collect(),
        exchanges.iter().map(|&i| s.exchanges[i].id.clone()).collect(),
        queues.iter().map(|&i| s.queues[i].id.clone()).collect(),
        consumers.iter().map(|&i| s.consumers[i].id.clone()).collect(),
    ];
    let nodes: Vec<String> = s.nodes.iter().map(|n| n.id.clone()).collect();
    let mut place = |id: &str, x: f64, y: f64| {
        s.layout.insert(id.to_string(), Position { x, y });
    };
    for (c, column_ids) in ids.iter().enumerate() {
        let offset = (rows - column_ids.len()) as f64 / 2.0;
        for (r, id) in column_ids.iter().enumerate() {
            place(id, LEFT_X + c as f64 * COLUMN_GAP, TOP_Y + (r as f64 + offset) * ROW_GAP);
        }
    }
    if !ids[3].is_empty() {
        place(STORE_KEY, LEFT_X + 4.0 * COLUMN_GAP, TOP_Y + (rows - 1) as f64 * ROW_GAP / 2.0);
    }
    let node_y = TOP_Y + (rows - 1) as f64 * ROW_GAP + NODE_ROW_GAP;
    let centre = LEFT_X + 1.5 * COLUMN_GAP;
    let first_x = (centre - (nodes.len().saturating_sub(1)) as f64 / 2.0 * COLUMN_GAP).max(LEFT_X);
    for (i, id) in nodes.iter().enumerate() {
        place(id, first_x + i as f64 * COLUMN_GAP, node_y);
    }
}

/// Gives a position to every component that has none: all of them laid out afresh if none has
/// one, else each missing one below the others of its column (a node right of the other
/// nodes). Returns whether anything was placed.
pub fn ensure_layout(s: &mut Scenario) -> bool {
    let components = all(s);
    let missing: Vec<_> = components.iter().filter(|c| !s.layout.contains_key(&c.id)).cloned().collect();
    if missing.is_empty() {
        return false;
    }
    if missing.len() == components.len() {
        auto_layout(s);
        return true;
    }
    for component in missing {
        let placed_of_kind: Vec<Position> = components
            .iter()
            .filter(|c| c.kind == component.kind)
            .filter_map(|c| s.layout.get(&c.id).copied())
            .collect();
        let lowest = placed_of_kind.iter().map(|p| p.y).fold(None, max);
        let position = match column(component.kind) {
            Some(c) => Position { x: LEFT_X + c as f64 * COLUMN_GAP, y: lowest.map_or(TOP_Y, |y| y + ROW_GAP) },
            None => {
                let rightmost = placed_of_kind.iter().map(|p| p.x).fold(None, max);
                let bottom = s.layout.values().map(|p| p.y).fold(None, max);
                Position {
                    x: rightmost.map_or(LEFT_X + 1.5 * COLUMN_GAP, |x| x + COLUMN_GAP),
                    y: placed_of_kind.first().map(|p| p.y).or(bottom.map(|y| y + NODE_ROW_GAP)).unwrap_or(TOP_Y),
                }
            }
        };
        s.layout.insert(component.id.clone(), position);
    }
    true
}

fn max(acc: Option<f64>, v: f64) -> Option<f64> {
    Some(acc.map_or(v, |a| a.max(v)))
}

/// Indices of producers, exchanges, queues and consumers in their display order.
fn order(s: &Scenario) -> [Vec<usize>; 4] {
    let mut producers: Vec<usize> = (0..s.producers.len()).collect();
    let mut exchanges: Vec<usize> = (0..s.exchanges.len()).collect();
    let mut queues: Vec<usize> = (0..s.queues.len()).collect();
    let mut consumers: Vec<usize> = (0..s.consumers.len()).collect();
    let exchange_index = |id: &str| s.exchanges.iter().position(|e| e.id == id);
    let queue_index = |id: &str| s.queues.iter().position(|q| q.id == id);
    for sweep in 0..=SWEEPS {
        let p_rank = ranks(&producers, s.producers.len());
        sort_by_barycentre(&mut exchanges, |x| {
            let id = &s.exchanges[x].id;
            mean(s.producers.iter().enumerate().filter(|(_, p)| &p.exchange == id).map(|(i, _)| p_rank[i]))
        });
        let x_rank = ranks(&exchanges, s.exchanges.len());
        sort_by_barycentre(&mut queues, |q| {
            let id = &s.queues[q].id;
            mean(
                s.bindings
                    .iter()
                    .filter(|b| &b.queue == id)
                    .filter_map(|b| exchange_index(&b.exchange))
                    .map(|x| x_rank[x]),
            )
        });
        let q_rank = ranks(&queues, s.queues.len());
        sort_by_barycentre(&mut consumers, |c| queue_index(&s.consumers[c].queue).map(|q| q_rank[q] as f64));
        // The last sweep only goes forward, so exchanges, queues and consumers follow the
        // producers' final order.
        if sweep < SWEEPS {
            sort_by_barycentre(&mut producers, |p| exchange_index(&s.producers[p].exchange).map(|x| x_rank[x] as f64));
        }
    }
    [producers, exchanges, queues, consumers]
}

/// `rank[index]` = position of `index` in `order`.
fn ranks(order: &[usize], len: usize) -> Vec<usize> {
    let mut rank = vec![0; len];
    for (position, &index) in order.iter().enumerate() {
        rank[index] = position;
    }
    rank
}

fn mean(values: impl Iterator<Item = usize>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(sum, n), v| (sum + v as f64, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Stable sort by barycentre; those without one keep their order after the rest.
fn sort_by_barycentre(items: &mut [usize], barycentre: impl Fn(usize) -> Option<f64>) {
    let mut keyed: Vec<(Option<f64>, usize)> = items.iter().map(|&i| (barycentre(i), i)).collect();
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    for (slot, (_, i)) in items.iter_mut().zip(keyed) {
        *slot = i;
    }
}

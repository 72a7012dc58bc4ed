//! `FieldPath`: where a problem is in the scenario's JSON, built one segment at a time.

use std::fmt;

/// A path into the scenario's JSON as errors name it: fields joined by dots, list entries in
/// brackets (`queues[2].placement.nodes`, `layout.p1.x`). The empty path is the scenario as a
/// whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FieldPath(String);

impl FieldPath {
    /// A field of the scenario itself (`horizon_s`, `producers`).
    pub(crate) fn top(name: &str) -> FieldPath {
        FieldPath(name.to_string())
    }

    /// Entry `index` of one of the scenario's lists (`producers[1]`).
    pub(crate) fn entry(list: &str, index: usize) -> FieldPath {
        FieldPath::top(list).index(index)
    }

    /// This path's field `name` (`producers[1]` → `producers[1].link`).
    pub(crate) fn field(&self, name: &str) -> FieldPath {
        let mut path = self.clone();
        if !path.0.is_empty() {
            path.0.push('.');
        }
        path.0.push_str(name);
        path
    }

    /// Entry `index` of the list at this path (`…placement.nodes` → `…placement.nodes[0]`).
    pub(crate) fn index(&self, index: usize) -> FieldPath {
        let mut path = self.clone();
        path.0.push('[');
        path.0.push_str(&index.to_string());
        path.0.push(']');
        path
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::FieldPath;

    #[test]
    fn segments_join_as_errors_name_them() {
        let nodes = FieldPath::entry("queues", 2).field("placement").field("nodes");
        assert_eq!(nodes.as_str(), "queues[2].placement.nodes");
        assert_eq!(nodes.index(0).to_string(), "queues[2].placement.nodes[0]");
        assert_eq!(FieldPath::top("layout").field("p1").field("x").as_str(), "layout.p1.x");
        assert_eq!(FieldPath::top("layout").field("").as_str(), "layout.");
        assert_eq!(FieldPath::default().field("name").as_str(), "name");
    }
}

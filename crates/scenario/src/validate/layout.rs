//! The canvas layout: keys that could be ids, coordinates on the canvas. The simulation never
//! reads it.

use super::numbers::num;
use super::path::FieldPath;
use super::Validator;
use crate::error::Problem;
use crate::limits::{ID_CHARS_MAX, LAYOUT_COORDINATE_MAX};
use crate::schema::Scenario;

impl Validator {
    pub(super) fn layout(&mut self, s: &Scenario) {
        for (id, position) in &s.layout {
            let path = FieldPath::top("layout").field(id);
            if id.is_empty() || id.chars().count() > ID_CHARS_MAX {
                self.problem(&path, Problem::LayoutKey { limit: ID_CHARS_MAX });
            }
            for (axis, value) in [("x", position.x), ("y", position.y)] {
                let axis_path = path.field(axis);
                if !value.is_finite() {
                    self.problem(&axis_path, Problem::NotFinite { value: num(value) });
                } else if value.abs() > LAYOUT_COORDINATE_MAX {
                    let (value, limit) = (num(value), num(LAYOUT_COORDINATE_MAX));
                    self.problem(&axis_path, Problem::OutsideCanvas { value, limit });
                }
            }
        }
    }
}

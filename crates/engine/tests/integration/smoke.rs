//! Smoke test: the plainest pipeline processes every message it produces.

use crate::common::*;
use mqlab_engine::config::*;

#[test]
fn a_plain_pipeline_processes_everything() {
    let r = run(pipeline(100.0, ServiceTime::Constant { us: 2 * MS }, 10 * S));
    println!("{:?}", r.totals);
    assert!(r.totals.produced > 990);
    assert_eq!(r.totals.lost, 0);
    assert!(r.totals.in_flight <= 2);
}

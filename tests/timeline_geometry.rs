//! The timeline's geometry, natively: time ↔ fraction of the strip, round ticks for every run
//! length the format allows, lanes per target, and where each key seeks.

use mqlab_scenario::{Fault, FaultKind, RandomFault};
use mqlab_web::editor::faults::new_fault;
use mqlab_web::editor::timeline_geometry::{
    fraction_of, lanes, now_label_left, percent, seconds_text, seek_for_key, tick_label_under_now, tick_step_s, ticks,
    time_at, Bar, TICKS_MAX,
};

#[test]
fn time_and_fraction_round_trip_and_clamp_to_the_run() {
    assert_eq!(fraction_of(15.0, 60.0), 0.25);
    assert_eq!(time_at(0.25, 60.0), 15.0);
    assert_eq!(fraction_of(-3.0, 60.0), 0.0);
    assert_eq!(fraction_of(90.0, 60.0), 1.0);
    assert_eq!(time_at(-0.2, 60.0), 0.0);
    assert_eq!(time_at(1.7, 60.0), 60.0);
    // A run with no length or a time that is not a number draws at the left edge.
    assert_eq!(fraction_of(5.0, 0.0), 0.0);
    assert_eq!(fraction_of(f64::NAN, 60.0), 0.0);
    assert_eq!(time_at(f64::NAN, 60.0), 0.0);
    for t_s in [0.0, 0.001, 7.5, 33.333, 60.0] {
        let back = time_at(fraction_of(t_s, 60.0), 60.0);
        assert!((back - t_s).abs() < 1e-9, "{t_s} → {back}");
    }
    assert_eq!(percent(0.125), "12.5%");
    assert_eq!(percent(1.0 / 3.0), "33.333%");
}

#[test]
fn ticks_are_round_and_at_most_ten_intervals_for_every_run_length() {
    assert_eq!(tick_step_s(60.0, TICKS_MAX), 10.0);
    assert_eq!(tick_step_s(7.0, TICKS_MAX), 1.0);
    assert_eq!(tick_step_s(1.0, TICKS_MAX), 0.1);
    assert_eq!(tick_step_s(86_400.0, TICKS_MAX), 10_000.0);
    let labels: Vec<String> = ticks(60.0, TICKS_MAX).into_iter().map(|t| t.label).collect();
    assert_eq!(labels, ["0", "10", "20", "30", "40", "50", "60"]);
    let labels: Vec<String> = ticks(2.5, TICKS_MAX).into_iter().map(|t| t.label).collect();
    assert_eq!(labels, ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]);
    // Every horizon from a millisecond to a day: round steps, few enough, reaching the end.
    let mut horizon_s = 0.001;
    while horizon_s <= 86_400.0 {
        let step = tick_step_s(horizon_s, TICKS_MAX);
        let mantissa = step / 10f64.powf(step.log10().floor());
        assert!([1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-6), "{horizon_s}: step {step}");
        let marks = ticks(horizon_s, TICKS_MAX);
        assert!(marks.len() <= TICKS_MAX + 1, "{horizon_s}: {}", marks.len());
        assert!(marks.len() >= 2, "{horizon_s}: {}", marks.len());
        let last = marks.last().unwrap().at_s;
        assert!(last <= horizon_s * (1.0 + 1e-9) && horizon_s - last < step, "{horizon_s}");
        horizon_s *= 1.37;
    }
    assert!(ticks(0.0, TICKS_MAX).is_empty());
    assert!(ticks(f64::INFINITY, TICKS_MAX).is_empty());
}

#[test]
fn each_target_gets_one_lane_in_the_order_it_first_appears() {
    let faults = vec![
        Fault { for_s: Some(6.0), ..new_fault(FaultKind::CrashNode, "n1", 12.0) },
        new_fault(FaultKind::CrashConsumer, "c1", 30.0),
        Fault { for_s: Some(30.0), ..new_fault(FaultKind::SlowDisk, "n1", 45.0) },
        new_fault(FaultKind::CrashConsumer, "c2", 75.0),
    ];
    let random = vec![
        RandomFault {
            kind: FaultKind::PartitionLink,
            target: "p1".into(),
            mtbf_s: 20.0,
            mttr_s: 2.0,
            probability: None,
            factor: None,
        },
        RandomFault {
            kind: FaultKind::CrashConsumer,
            target: "c1".into(),
            mtbf_s: 20.0,
            mttr_s: 2.0,
            probability: None,
            factor: None,
        },
    ];
    let lanes = lanes(&faults, &random, 60.0);
    let targets: Vec<&str> = lanes.iter().map(|lane| lane.target.as_str()).collect();
    assert_eq!(targets, ["n1", "c1", "c2", "p1"]);
    assert_eq!(
        lanes[0].bars,
        [
            Bar { index: 0, kind: FaultKind::CrashNode, start: 0.2, end: 0.3 },
            // Past the end of the run: cut at the right edge.
            Bar { index: 2, kind: FaultKind::SlowDisk, start: 0.75, end: 1.0 },
        ]
    );
    // No end: to the end of the run.
    assert_eq!((lanes[1].bars[0].start, lanes[1].bars[0].end), (0.5, 1.0));
    assert_eq!(lanes[1].random, [1]);
    // Starts after the run: a bar of no width at the right edge.
    assert_eq!((lanes[2].bars[0].start, lanes[2].bars[0].end), (1.0, 1.0));
    assert!(lanes[3].bars.is_empty());
    assert_eq!(lanes[3].random, [0]);
}

#[test]
fn keys_seek_by_one_percent_and_to_either_end() {
    assert_eq!(seek_for_key("ArrowRight", 30.0, 60.0), Some(30.6));
    assert_eq!(seek_for_key("ArrowLeft", 30.0, 60.0), Some(29.4));
    assert_eq!(seek_for_key("ArrowLeft", 0.3, 60.0), Some(0.0));
    assert_eq!(seek_for_key("ArrowRight", 59.8, 60.0), Some(60.0));
    assert_eq!(seek_for_key("Home", 42.0, 60.0), Some(0.0));
    assert_eq!(seek_for_key("End", 42.0, 60.0), Some(60.0));
    assert_eq!(seek_for_key("a", 42.0, 60.0), None);
    assert_eq!(seek_for_key(" ", 42.0, 60.0), None);
}

#[test]
fn read_outs_are_to_the_millisecond_without_trailing_zeros() {
    assert_eq!(seconds_text(12.5), "12.5");
    assert_eq!(seconds_text(3.0), "3");
    assert_eq!(seconds_text(0.1234), "0.123");
    assert_eq!(seconds_text(59.9996), "60");
    assert_eq!(seconds_text(-0.0001), "0");
    assert_eq!(seconds_text(0.0), "0");
}

#[test]
fn the_now_label_hides_only_the_tick_labels_under_it() {
    // Early on the label is right of the playhead; near the end, left of it.
    assert!(!now_label_left(0.0));
    assert!(now_label_left(1.0));
    // At 0 s the label covers the "0" tick and little beyond it.
    assert!(tick_label_under_now(0.0, 0.0));
    assert!(tick_label_under_now(0.05, 0.0));
    assert!(!tick_label_under_now(0.1, 0.0));
    // At the end it covers the last tick and the stretch left of it.
    assert!(tick_label_under_now(1.0, 1.0));
    assert!(tick_label_under_now(0.95, 1.0));
    assert!(!tick_label_under_now(0.9, 1.0));
    // Midway, ticks well away on either side keep their labels.
    assert!(!tick_label_under_now(0.4, 0.5));
    assert!(!tick_label_under_now(0.6, 0.5));
}

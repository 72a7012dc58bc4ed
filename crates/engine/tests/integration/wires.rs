//! Watching the wires (`Simulation::watch_wires`): snapshots list the messages on the clients'
//! links — in flight, or dropped a moment ago — and watching changes nothing the run computes.

use crate::common::*;
use mqlab_engine::config::{ConfirmMode, LinkConfig, ServiceTime};
use mqlab_engine::wires::{Carries, Client, DROPPED_SHOWN_US};
use mqlab_engine::Simulation;

/// 200 msg/s with confirms over 2 ms links, a tenth of publishes lost on the producer's link.
fn lossy_confirmed_pipeline() -> mqlab_engine::config::Config {
    let mut config = pipeline(200.0, ServiceTime::Constant { us: MS }, 2 * S);
    config.producers[0].confirm = ConfirmMode::PublisherConfirms;
    config.producers[0].link = LinkConfig { latency_us: 2 * MS, jitter_us: 0, loss_probability: 0.1 };
    config.consumers[0].link = LinkConfig { latency_us: 2 * MS, jitter_us: 0, loss_probability: 0.0 };
    config
}

#[test]
fn watching_changes_nothing_the_run_computes() {
    let plain = run(lossy_confirmed_pipeline());
    let mut sim = Simulation::new(lossy_confirmed_pipeline());
    sim.watch_wires(true);
    let mut t = 0;
    while t < 2 * S {
        t += 7 * MS;
        sim.run_until(t.min(2 * S));
        let _ = sim.snapshot();
    }
    assert_eq!(sim.run(), plain);
}

#[test]
fn snapshots_list_what_is_on_the_wires_and_what_was_dropped() {
    let mut sim = Simulation::new(lossy_confirmed_pipeline());
    assert!(sim.snapshot().on_wires.is_empty(), "not watched: nothing listed");
    sim.watch_wires(true);
    let (mut seen_publish, mut seen_confirm, mut seen_delivery, mut seen_ack, mut seen_dropped) =
        (false, false, false, false, false);
    for step in 1..=400u64 {
        let now = step * 997; // Not a multiple of the 5 ms arrival gap.
        sim.run_until(now);
        for t in sim.snapshot().on_wires {
            assert!(t.sent_us <= now, "{t:?} at {now}");
            match t.arrives_us {
                Some(at) => assert!(at > now, "{t:?} has arrived by {now}"),
                None => {
                    assert!(now - t.sent_us <= DROPPED_SHOWN_US);
                    assert_eq!(t.client, Client::Producer(0), "only the producer's link loses here");
                    seen_dropped = true;
                }
            }
            match (t.carries, t.client) {
                (Carries::Publish, Client::Producer(0)) => seen_publish = true,
                (Carries::Confirm, Client::Producer(0)) => seen_confirm = true,
                (Carries::Delivery, Client::Consumer(0)) => seen_delivery = true,
                (Carries::Ack, Client::Consumer(0)) => seen_ack = true,
                other => panic!("unexpected transfer {other:?}"),
            }
        }
    }
    assert!(seen_publish && seen_confirm && seen_delivery && seen_ack && seen_dropped);
    sim.watch_wires(false);
    assert!(sim.snapshot().on_wires.is_empty());
}

//! A client's network link: latency, jitter, loss and partitions, in order like TCP.

use crate::config::LinkConfig;
use crate::rng::Stream;
use crate::time::TimeUs;

/// Which way a transfer goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From the client to its broker node (publishes, acks).
    ToBroker,
    /// From the broker node to the client (confirms, deliveries).
    ToClient,
}

pub struct LinkState {
    pub config: LinkConfig,
    /// Loss probability added by an active `link_loss` fault.
    pub fault_loss_probability: f64,
    /// Active partitions; the link carries nothing while this is above zero.
    pub partitions_active: u32,
    last_arrival_us: [TimeUs; 2],
    rng: Stream,
    /// Transfers sent and not yet arrived, by direction.
    pub in_transit: [u32; 2],
}

impl LinkState {
    pub fn new(config: LinkConfig, rng: Stream) -> LinkState {
        LinkState {
            config,
            fault_loss_probability: 0.0,
            partitions_active: 0,
            last_arrival_us: [0; 2],
            rng,
            in_transit: [0; 2],
        }
    }

    pub fn is_partitioned(&self) -> bool {
        self.partitions_active > 0
    }

    /// When a transfer sent now arrives, or `None` if the link drops it. Never before an earlier
    /// transfer in the same direction.
    pub fn transfer(&mut self, now_us: TimeUs, direction: Direction) -> Option<TimeUs> {
        if self.is_partitioned() {
            return None;
        }
        let loss = 1.0 - (1.0 - self.config.loss_probability) * (1.0 - self.fault_loss_probability);
        if loss > 0.0 && self.rng.chance(loss) {
            return None;
        }
        let jitter = if self.config.jitter_us > 0 { self.rng.between(0, self.config.jitter_us) } else { 0 };
        let d = direction as usize;
        let arrival = (now_us + self.config.latency_us + jitter).max(self.last_arrival_us[d]);
        self.last_arrival_us[d] = arrival;
        self.in_transit[d] += 1;
        Some(arrival)
    }

    /// A transfer arrived (or was discarded on arrival).
    pub fn arrived(&mut self, direction: Direction) {
        let d = direction as usize;
        self.in_transit[d] = self.in_transit[d].saturating_sub(1);
    }

    /// One-way latency without jitter, for time-outs and estimates.
    pub fn latency_us(&self) -> TimeUs {
        self.config.latency_us
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::StreamKind;

    #[test]
    fn jitter_never_reorders() {
        let cfg = LinkConfig { latency_us: 100, jitter_us: 1_000, loss_probability: 0.0 };
        let mut link = LinkState::new(cfg, Stream::new(3, StreamKind::ProducerLink, 0));
        let mut last = 0;
        for t in 0..1_000 {
            let a = link.transfer(t, Direction::ToBroker).unwrap();
            assert!(a >= last && a >= t + 100);
            last = a;
        }
    }

    #[test]
    fn partition_drops_everything() {
        let mut link = LinkState::new(LinkConfig::default(), Stream::new(3, StreamKind::ProducerLink, 0));
        link.partitions_active = 1;
        assert_eq!(link.transfer(5, Direction::ToClient), None);
    }
}

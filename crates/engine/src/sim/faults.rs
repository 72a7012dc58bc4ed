//! Faults: starting and ending crashes, partitions, link loss and slow disks, scheduled or at
//! random. Overlapping faults on one target nest: it recovers when the last one ends.

use super::{Event, Simulation};
use crate::config::{FaultAction, LinkRef};
use crate::link::LinkState;

impl Simulation {
    fn link_mut(&mut self, link: LinkRef) -> &mut LinkState {
        match link {
            LinkRef::Producer(p) => &mut self.producers[p.0 as usize].link,
            LinkRef::Consumer(c) => &mut self.consumers[c.0 as usize].link,
        }
    }

    pub(crate) fn fault_starts(&mut self, action: FaultAction) {
        match action {
            FaultAction::CrashNode(n) => {
                self.nodes[n.0 as usize].crashes_active += 1;
                if self.nodes[n.0 as usize].crashes_active == 1 {
                    self.node_crash(n);
                }
            }
            FaultAction::CrashConsumer(c) => {
                self.consumers[c.0 as usize].crashes_active += 1;
                if self.consumers[c.0 as usize].crashes_active == 1 {
                    self.consumer_crash(c);
                }
            }
            FaultAction::PartitionLink(link) => {
                let l = self.link_mut(link);
                l.partitions_active += 1;
                if let (1, LinkRef::Consumer(c)) = (l.partitions_active, link) {
                    self.consumer_link_cut(c);
                }
            }
            FaultAction::LinkLoss(link, p) => self.link_mut(link).fault_loss_probability = p,
            FaultAction::SlowDisk(n, factor) => self.nodes[n.0 as usize].slow_disk_factor = factor,
        }
    }

    pub(crate) fn fault_ends(&mut self, action: FaultAction) {
        match action {
            FaultAction::CrashNode(n) => {
                let node = &mut self.nodes[n.0 as usize];
                node.crashes_active = node.crashes_active.saturating_sub(1);
                if node.crashes_active == 0 && !node.up {
                    self.node_restart(n);
                }
            }
            FaultAction::CrashConsumer(c) => {
                let consumer = &mut self.consumers[c.0 as usize];
                consumer.crashes_active = consumer.crashes_active.saturating_sub(1);
                if consumer.crashes_active == 0 && !consumer.up {
                    self.consumer_restart(c);
                }
            }
            FaultAction::PartitionLink(link) => {
                let l = self.link_mut(link);
                l.partitions_active = l.partitions_active.saturating_sub(1);
                if let (0, LinkRef::Consumer(c)) = (l.partitions_active, link) {
                    if self.consumers[c.0 as usize].up {
                        self.reconnect(c);
                    }
                }
            }
            FaultAction::LinkLoss(link, _) => self.link_mut(link).fault_loss_probability = 0.0,
            FaultAction::SlowDisk(n, _) => self.nodes[n.0 as usize].slow_disk_factor = 1.0,
        }
    }

    pub(crate) fn on_random_fault_starts(&mut self, i: usize) {
        let fault = self.config.random_faults[i];
        self.fault_starts(fault.action);
        let d = crate::time::round_us(self.random_faults[i].exponential(fault.mean_duration_us as f64));
        self.events.push(self.now_us + d.max(1), Event::RandomFaultEnds(i));
    }

    pub(crate) fn on_random_fault_ends(&mut self, i: usize) {
        let fault = self.config.random_faults[i];
        self.fault_ends(fault.action);
        let gap = crate::time::round_us(self.random_faults[i].exponential(fault.mean_time_between_us as f64));
        self.events.push(self.now_us + gap.max(1), Event::RandomFaultStarts(i));
    }
}

//! What producers and consumers share: the network link to their node (latency, jitter, loss,
//! and partitions, which become scheduled faults) and the window they are active in.

use mqlab_engine::config::{limits, FaultAction, LinkConfig, LinkRef, ScheduledFault};
use mqlab_engine::time::TimeUs;

use super::faults::PlacedFault;
use super::numbers::num;
use super::path::FieldPath;
use super::Validator;
use crate::error::Problem;
use crate::schema::Link;

impl Validator {
    /// The link's config; its partitions are added to `link_faults`.
    pub(super) fn link(
        &mut self,
        path: &FieldPath,
        link: &Link,
        link_ref: LinkRef,
        link_faults: &mut Vec<PlacedFault>,
    ) -> LinkConfig {
        let latency_us = self.latency_ms(&path.field("latency_ms"), link.latency_ms).unwrap_or(0);
        let jitter_us = self.latency_ms(&path.field("jitter_ms"), link.jitter_ms).unwrap_or(0);
        let loss_probability = self.probability(&path.field("loss_probability"), link.loss_probability).unwrap_or(0.0);
        let partitions_path = path.field("partitions");
        if link.partitions.len() > limits::FAULTS_MAX {
            self.problem(
                &partitions_path,
                Problem::TooManyEntries { entries: link.partitions.len(), limit: limits::FAULTS_MAX },
            );
        } else {
            for (j, partition) in link.partitions.iter().enumerate() {
                let partition_path = partitions_path.index(j);
                let at_us = self.time_s(&partition_path.field("at_s"), partition.at_s);
                let duration_us = match partition.for_s {
                    Some(for_s) => match self.time_s_positive(&partition_path.field("for_s"), for_s) {
                        Some(duration_us) => Some(duration_us),
                        None => continue,
                    },
                    None => None,
                };
                if let Some(at_us) = at_us {
                    let action = FaultAction::PartitionLink(link_ref);
                    link_faults.push(PlacedFault {
                        path: partition_path,
                        fault: ScheduledFault { at_us, duration_us, action },
                    });
                }
            }
        }
        LinkConfig { latency_us, jitter_us, loss_probability }
    }

    /// When the client starts, and when it stops (after it starts), if it does.
    pub(super) fn start_stop(
        &mut self,
        path: &FieldPath,
        start_s: f64,
        stop_s: Option<f64>,
    ) -> (TimeUs, Option<TimeUs>) {
        let start_us = self.time_s(&path.field("start_s"), start_s).unwrap_or(0);
        let stop_us = stop_s.and_then(|stop| {
            let stop_path = path.field("stop_s");
            let stop_us = self.time_s(&stop_path, stop)?;
            if stop_us <= start_us {
                let (stop, start) = (num(stop), num(start_s));
                self.problem(&stop_path, Problem::StopNotAfterStart { stop, start });
                return None;
            }
            Some(stop_us)
        });
        (start_us, stop_us)
    }
}

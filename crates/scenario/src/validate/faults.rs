//! Faults: scheduled ones (when, for how long, what they strike) and random ones (mean time
//! between failures and to repair), with the parameter their kind needs, and no two of one
//! kind on one target overlapping in time.

use mqlab_engine::config::{self, ConsumerId, FaultAction, ScheduledFault};
use mqlab_engine::time::{TimeUs, US_PER_S};

use super::ids::node_id;
use super::numbers::{num, round_significant};
use super::path::FieldPath;
use super::Validator;
use crate::error::{IdKind as Kind, Problem};
use crate::limits::{RANDOM_FAULT_STRIKES_MAX, SLOW_DISK_FACTOR_MAX};
use crate::schema::{Fault, FaultKind, RandomFault};

/// A scheduled fault with where it came from, for the overlap check.
pub(super) struct PlacedFault {
    pub(super) path: FieldPath,
    pub(super) fault: ScheduledFault,
}

impl Validator {
    pub(super) fn fault(&mut self, i: usize, fault: &Fault) -> Option<PlacedFault> {
        let path = FieldPath::entry("faults", i);
        let at_us = self.time_s(&path.field("at_s"), fault.at_s);
        // Every field is checked before any refusal, so that all errors are reported.
        let duration_us = fault.for_s.map(|for_s| self.time_s_positive(&path.field("for_s"), for_s));
        let action = self.fault_action(&path, fault.kind, &fault.target, fault.probability, fault.factor);
        let duration_us = match duration_us {
            Some(checked) => Some(checked?),
            None => None,
        };
        Some(PlacedFault { path, fault: ScheduledFault { at_us: at_us?, duration_us, action: action? } })
    }

    pub(super) fn random_fault(&mut self, i: usize, fault: &RandomFault) -> Option<config::RandomFault> {
        let path = FieldPath::entry("random_faults", i);
        let mtbf_path = path.field("mtbf_s");
        let mtbf_us = self.time_s_positive(&mtbf_path, fault.mtbf_s);
        if let Some(mtbf_us) = mtbf_us {
            let strikes = self.horizon_us as f64 / mtbf_us as f64;
            if strikes > RANDOM_FAULT_STRIKES_MAX {
                let problem = Problem::TooManyStrikes {
                    mtbf: num(fault.mtbf_s),
                    horizon: num(self.horizon_us as f64 / US_PER_S as f64),
                    strikes: num(round_significant(strikes, 3)),
                    limit: num(RANDOM_FAULT_STRIKES_MAX),
                };
                self.problem(&mtbf_path, problem);
            }
        }
        let mttr_us = self.time_s(&path.field("mttr_s"), fault.mttr_s);
        let action = self.fault_action(&path, fault.kind, &fault.target, fault.probability, fault.factor)?;
        Some(config::RandomFault { action, mean_time_between_us: mtbf_us?, mean_duration_us: mttr_us? })
    }

    /// The fault's action from its kind, target and parameter.
    fn fault_action(
        &mut self,
        path: &FieldPath,
        kind: FaultKind,
        target: &str,
        probability: Option<f64>,
        factor: Option<f64>,
    ) -> Option<FaultAction> {
        let probability_path = path.field("probability");
        let factor_path = path.field("factor");
        if probability.is_some() && kind != FaultKind::LinkLoss {
            let kind = kind.name().to_string();
            self.problem(&probability_path, Problem::ProbabilityOnlyForLinkLoss { kind });
        }
        if factor.is_some() && kind != FaultKind::SlowDisk {
            let kind = kind.name().to_string();
            self.problem(&factor_path, Problem::FactorOnlyForSlowDisk { kind });
        }
        let target_path = path.field("target");
        match kind {
            FaultKind::CrashNode => {
                self.resolve(&target_path, target, Kind::Node).map(|i| FaultAction::CrashNode(node_id(i)))
            }
            FaultKind::CrashConsumer => self
                .resolve(&target_path, target, Kind::Consumer)
                .map(|i| FaultAction::CrashConsumer(ConsumerId(i as u16))),
            FaultKind::PartitionLink => self.link_target(&target_path, target).map(FaultAction::PartitionLink),
            FaultKind::LinkLoss => {
                let link = self.link_target(&target_path, target);
                let probability = match probability {
                    Some(probability) => self.probability(&probability_path, probability),
                    None => {
                        self.problem(&probability_path, Problem::LinkLossNeedsProbability);
                        None
                    }
                };
                Some(FaultAction::LinkLoss(link?, probability?))
            }
            FaultKind::SlowDisk => {
                let node = self.resolve(&target_path, target, Kind::Node);
                let factor = match factor {
                    Some(factor) => self.factor(&factor_path, factor),
                    None => {
                        self.problem(&factor_path, Problem::SlowDiskNeedsFactor);
                        None
                    }
                };
                Some(FaultAction::SlowDisk(node_id(node?), factor?))
            }
        }
    }

    /// How many times slower a slow disk is: at least 1.
    fn factor(&mut self, path: &FieldPath, factor: f64) -> Option<f64> {
        let factor = self.number_in(path, factor, SLOW_DISK_FACTOR_MAX)?;
        if factor < 1.0 {
            let (value, minimum) = (num(factor), "1".to_string());
            self.problem(path, Problem::BelowMinimum { value, minimum });
            return None;
        }
        Some(factor)
    }

    /// Two scheduled faults of one kind on one target must not overlap in time: a node cannot
    /// crash while it is already down, and the engine would not know which end restarts it.
    pub(super) fn fault_overlaps(&mut self, faults: &[PlacedFault]) {
        for (i, later) in faults.iter().enumerate() {
            for earlier in &faults[..i] {
                if same_kind_and_target(&earlier.fault.action, &later.fault.action)
                    && overlap(&earlier.fault, &later.fault)
                {
                    let earlier = earlier.path.to_string();
                    self.problem(&later.path, Problem::FaultsOverlap { earlier });
                    break;
                }
            }
        }
    }
}

fn same_kind_and_target(a: &FaultAction, b: &FaultAction) -> bool {
    match (a, b) {
        (FaultAction::CrashNode(x), FaultAction::CrashNode(y)) => x == y,
        (FaultAction::CrashConsumer(x), FaultAction::CrashConsumer(y)) => x == y,
        (FaultAction::PartitionLink(x), FaultAction::PartitionLink(y)) => x == y,
        (FaultAction::LinkLoss(x, _), FaultAction::LinkLoss(y, _)) => x == y,
        (FaultAction::SlowDisk(x, _), FaultAction::SlowDisk(y, _)) => x == y,
        _ => false,
    }
}

fn overlap(a: &ScheduledFault, b: &ScheduledFault) -> bool {
    let end = |f: &ScheduledFault| f.duration_us.map_or(TimeUs::MAX, |d| f.at_us.saturating_add(d));
    a.at_us < end(b) && b.at_us < end(a)
}

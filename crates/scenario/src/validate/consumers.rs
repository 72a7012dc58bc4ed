//! Consumers: queue and node, threads and prefetch, the service time's distribution, acks,
//! failures and idempotency.

use mqlab_engine::config::{self, limits, AckMode, ConsumerConfig, ConsumerId, LinkRef, NodeId, QueueId, ServiceTime};

use super::faults::PlacedFault;
use super::ids::{node_id, queue_id};
use super::numbers::num;
use super::path::FieldPath;
use super::Validator;
use crate::error::{IdKind as Kind, Problem};
use crate::limits::LOGNORMAL_SIGMA_MAX;
use crate::schema::{Ack, Consumer, Idempotency, Service};

impl Validator {
    pub(super) fn consumer(
        &mut self,
        i: usize,
        consumer: &Consumer,
        home_nodes: &[NodeId],
        link_faults: &mut Vec<PlacedFault>,
    ) -> ConsumerConfig {
        let path = FieldPath::entry("consumers", i);
        let queue = self.resolve(&path.field("queue"), &consumer.queue, Kind::Queue);
        let node = match consumer.node.as_deref() {
            Some(id) => self.resolve(&path.field("node"), id, Kind::Node).map(node_id),
            None => queue.and_then(|q| home_nodes.get(q).copied()),
        };
        let link_ref = LinkRef::Consumer(ConsumerId(i as u16));
        let link = self.link(&path.field("link"), &consumer.link, link_ref, link_faults);
        let threads = self.count(&path.field("threads"), consumer.threads, 1, limits::THREADS_MAX).unwrap_or(1);
        let service = self.service(&path.field("service"), &consumer.service);
        let prefetch = self.count(&path.field("prefetch"), consumer.prefetch, 1, limits::PREFETCH_MAX).unwrap_or(1);
        let ack = match consumer.ack {
            Ack::Auto => AckMode::Auto,
            Ack::Manual => AckMode::Manual,
        };
        let failure_probability =
            self.probability(&path.field("failure_probability"), consumer.failure_probability).unwrap_or(0.0);
        let idempotency = match consumer.idempotency {
            Idempotency::None => config::Idempotency::None,
            Idempotency::UpsertByKey => config::Idempotency::UpsertByKey,
            Idempotency::DedupeIds => config::Idempotency::DedupeIds,
            Idempotency::UniqueConstraint => config::Idempotency::UniqueConstraint,
        };
        let (start_us, stop_us) = self.start_stop(&path, consumer.start_s, consumer.stop_s);
        ConsumerConfig {
            name: consumer.id.clone(),
            queue: queue.map(queue_id).unwrap_or(QueueId(0)),
            node: node.unwrap_or(NodeId(0)),
            link,
            threads,
            service,
            prefetch,
            ack,
            failure_probability,
            requeue_on_failure: consumer.requeue_on_failure,
            idempotency,
            start_us,
            stop_us,
        }
    }

    fn service(&mut self, path: &FieldPath, service: &Service) -> ServiceTime {
        match *service {
            Service::Constant { ms } => ServiceTime::Constant { us: self.time_ms(&path.field("ms"), ms).unwrap_or(0) },
            Service::Exponential { mean_ms } => {
                ServiceTime::Exponential { mean_us: self.time_ms(&path.field("mean_ms"), mean_ms).unwrap_or(0) }
            }
            Service::Uniform { min_ms, max_ms } => {
                let min_us = self.time_ms(&path.field("min_ms"), min_ms).unwrap_or(0);
                let max_path = path.field("max_ms");
                let max_us = self.time_ms(&max_path, max_ms).unwrap_or(0);
                if min_ms.is_finite() && max_ms.is_finite() && max_ms < min_ms {
                    let (max, min) = (num(max_ms), num(min_ms));
                    self.problem(&max_path, Problem::MaxBelowMin { max, min });
                }
                ServiceTime::Uniform { min_us, max_us: max_us.max(min_us) }
            }
            Service::Lognormal { median_ms, sigma } => {
                let median_us = self.time_ms_positive(&path.field("median_ms"), median_ms).unwrap_or(1);
                let sigma = self.number_in(&path.field("sigma"), sigma, LOGNORMAL_SIGMA_MAX).unwrap_or(0.0);
                ServiceTime::LogNormal { median_us, sigma }
            }
        }
    }
}

//! Exchanges and bindings: each exchange's kind, each binding's exchange, queue, key and
//! headers, and the headers a producer or binding carries.

use std::collections::BTreeMap;

use mqlab_engine::config::{self, BindingConfig, ExchangeConfig, ExchangeId, QueueId};

use super::ids::{exchange_id, queue_id};
use super::path::FieldPath;
use super::Validator;
use crate::error::{IdKind as Kind, Problem};
use crate::limits::HEADERS_MAX;
use crate::schema::{Binding, Exchange, ExchangeKind, HeadersMatch, Scenario};

impl Validator {
    pub(super) fn exchange(&mut self, i: usize, exchange: &Exchange) -> ExchangeConfig {
        let kind = match exchange.kind {
            ExchangeKind::Direct => config::ExchangeKind::Direct,
            ExchangeKind::Fanout => config::ExchangeKind::Fanout,
            ExchangeKind::Topic => config::ExchangeKind::Topic,
            ExchangeKind::Headers => {
                config::ExchangeKind::Headers { match_all: exchange.x_match != Some(HeadersMatch::Any) }
            }
        };
        if exchange.x_match.is_some() && exchange.kind != ExchangeKind::Headers {
            let kind = exchange_kind_word(exchange.kind).to_string();
            self.problem(&FieldPath::entry("exchanges", i).field("x_match"), Problem::XMatchOnlyForHeaders { kind });
        }
        ExchangeConfig { name: exchange.id.clone(), kind }
    }

    pub(super) fn bindings(&mut self, s: &Scenario) -> Vec<BindingConfig> {
        let mut bindings = Vec::with_capacity(s.bindings.len());
        for (i, binding) in s.bindings.iter().enumerate() {
            let path = FieldPath::entry("bindings", i);
            if let Some(first) = s.bindings[..i].iter().position(|earlier| earlier == binding) {
                self.problem(&path, Problem::SameBinding { first });
            }
            let exchange = self.resolve(&path.field("exchange"), &binding.exchange, Kind::Exchange);
            let queue = self.resolve(&path.field("queue"), &binding.queue, Kind::Queue);
            self.key_length(&path.field("key"), &binding.key);
            self.binding_headers(&path, binding, exchange, s);
            bindings.push(BindingConfig {
                exchange: exchange.map(exchange_id).unwrap_or(ExchangeId(0)),
                queue: queue.map(queue_id).unwrap_or(QueueId(0)),
                key: binding.key.clone(),
                headers: binding.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            });
        }
        bindings
    }

    fn binding_headers(&mut self, path: &FieldPath, binding: &Binding, exchange: Option<usize>, s: &Scenario) {
        let headers_path = path.field("headers");
        if binding.headers.is_empty() {
            return;
        }
        if let Some(kind) = exchange.and_then(|index| s.exchanges.get(index)).map(|e| e.kind) {
            if kind != ExchangeKind::Headers {
                let exchange = binding.exchange.escape_debug().to_string();
                let kind = exchange_kind_word(kind).to_string();
                self.problem(&headers_path, Problem::HeadersOnlyForHeaders { exchange, kind });
            }
        }
        self.headers(&headers_path, &binding.headers);
    }

    /// Headers of a producer's messages or a binding: how many, and each name and value.
    pub(super) fn headers(&mut self, path: &FieldPath, headers: &BTreeMap<String, String>) {
        if headers.len() > HEADERS_MAX {
            self.problem(path, Problem::TooManyEntries { entries: headers.len(), limit: HEADERS_MAX });
            return;
        }
        for (name, value) in headers {
            let header_path = path.field(name);
            if name.is_empty() {
                self.problem(&header_path, Problem::HeaderNameEmpty);
            }
            self.key_length(&header_path, name);
            self.key_length(&header_path, value);
        }
    }
}

fn exchange_kind_word(kind: ExchangeKind) -> &'static str {
    match kind {
        ExchangeKind::Direct => "direct",
        ExchangeKind::Fanout => "fanout",
        ExchangeKind::Topic => "topic",
        ExchangeKind::Headers => "headers",
    }
}

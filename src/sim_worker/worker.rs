//! The gloo-worker side of the simulation worker: owns a [`Driver`], feeds it the page's
//! commands, and ticks it from a timer while the run is playing.
//!
//! Ticks are macrotasks, never microtasks, so commands from the page (also macrotasks) are
//! handled between two ticks: back-to-back ticks (top speed, steps, seeks) are scheduled through
//! a `MessageChannel`, which unlike `setTimeout(0)` is not clamped to 4 ms; ticks at a scaled
//! speed through `setTimeout`, one per frame. Wall time is `performance.now()`.
//!
//! Updates go to every connected bridge (normally the page's one). A panic posts `Crashed` to
//! them before the worker dies (the release build aborts on panic).

use std::cell::RefCell;

use gloo_timers::callback::Timeout;
use gloo_worker::{HandlerId, Registrable, Spawnable, Worker, WorkerBridge, WorkerScope};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, MessageChannel, Url, WorkerGlobalScope};

use super::driver::{Driver, NextTick};
use super::protocol::{Command, Update};

/// Spawns the simulation worker from the page and calls `on_update` with each update.
///
/// The worker runs the page's own wasm module: one module for page and worker, so the scenario
/// crate, serde_json and the engine's config are downloaded once. The loader imports the page's
/// JS glue (Trunk's `app-<hash>.js`, found through its `import.meta.url`) and starts it with the
/// wasm beside it (`app-<hash>_bg.wasm`); the binary's `main` sees no `window` there and
/// [`register`]s the worker instead of mounting the page. Keep the returned bridge: dropping it
/// ends the worker. Send commands with `bridge.send(Command::…)`.
pub fn spawn(on_update: impl Fn(Update) + 'static) -> WorkerBridge<SimWorker> {
    let script = IMPORT_META.with(ImportMeta::url);
    let wasm = match script.strip_suffix(".js") {
        Some(stem) => format!("{stem}_bg.wasm"),
        None => format!("{script}_bg.wasm"),
    };
    // A classic worker (gloo-worker 0.5 starts one) may still `import()` an ES module. Rust's
    // `{:?}` quoting is a valid JS string literal for a URL.
    let loader = format!("import({script:?}).then(m => m.default({{module_or_path: {wasm:?}}}));");
    let parts = js_sys::Array::of1(&JsValue::from_str(&loader));
    let options = BlobPropertyBag::new();
    options.set_type("application/javascript");
    // Blob URLs exist in every browser that runs wasm.
    let loader_url = Blob::new_with_str_sequence_and_options(&parts, &options)
        .and_then(|blob| Url::create_object_url_with_blob(&blob))
        .expect("a Blob URL for the worker's loader");
    let mut spawner = SimWorker::spawner();
    spawner.callback(on_update);
    spawner.spawn_with_loader(&loader_url)
}

#[wasm_bindgen]
extern "C" {
    /// `import.meta` of the JS glue this module was loaded by (wasm-bindgen's `--target web`).
    type ImportMeta;
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

/// Registers the worker in this (worker) global scope. The `app` binary's `main` in a worker.
pub fn register() {
    std::panic::set_hook(Box::new(on_panic));
    SimWorker::registrar().register();
}

/// The simulation worker. Spawn it from the page with [`spawn`].
pub struct SimWorker {
    driver: Driver,
    bridges: Vec<HandlerId>,
    ticker: Ticker,
}

/// The worker's message to itself.
pub enum Tick {
    Tick,
}

impl Worker for SimWorker {
    type Message = Tick;
    type Input = Command;
    type Output = Update;

    fn create(scope: &WorkerScope<Self>) -> Self {
        CRASH_REPORT.with(|c| {
            if let Ok(mut c) = c.try_borrow_mut() {
                *c = Some((scope.clone(), Vec::new()));
            }
        });
        SimWorker { driver: Driver::new(), bridges: Vec::new(), ticker: Ticker::new(scope) }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, _msg: Tick) {
        self.ticker.pending = false;
        let updates = self.driver.tick(&mut wall_ms);
        for update in updates {
            for id in &self.bridges {
                scope.respond(*id, update.clone());
            }
        }
        self.schedule(scope);
    }

    fn connected(&mut self, _scope: &WorkerScope<Self>, id: HandlerId) {
        self.bridges.push(id);
        set_crash_bridges(&self.bridges);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, command: Command, id: HandlerId) {
        if !self.bridges.contains(&id) {
            self.bridges.push(id);
            set_crash_bridges(&self.bridges);
        }
        for update in self.driver.command(command, &mut wall_ms) {
            scope.respond(id, update);
        }
        self.schedule(scope);
    }

    fn disconnected(&mut self, _scope: &WorkerScope<Self>, id: HandlerId) {
        self.bridges.retain(|b| *b != id);
        set_crash_bridges(&self.bridges);
    }
}

impl SimWorker {
    /// Asks for the next tick the driver wants, unless one is already on its way.
    fn schedule(&mut self, scope: &WorkerScope<Self>) {
        if self.ticker.pending {
            return;
        }
        match self.driver.next_tick(wall_ms()) {
            NextTick::None => {}
            NextTick::Now => {
                self.ticker.pending = true;
                // Only fails if the port is closed, which this worker never does.
                let _ = self.ticker.channel.port2().post_message(&JsValue::NULL);
            }
            NextTick::AfterMs(delay_ms) => {
                self.ticker.pending = true;
                let scope = scope.clone();
                self.ticker.timeout =
                    Some(Timeout::new(delay_ms.ceil() as u32, move || scope.send_message(Tick::Tick)));
            }
        }
    }
}

/// The two ways a tick is scheduled; at most one tick is pending at a time.
struct Ticker {
    channel: MessageChannel,
    /// Kept alive for as long as the channel delivers to it.
    _on_message: Closure<dyn FnMut()>,
    /// The pending delayed tick (dropping it would cancel it).
    timeout: Option<Timeout>,
    pending: bool,
}

impl Ticker {
    fn new(scope: &WorkerScope<SimWorker>) -> Ticker {
        let channel = MessageChannel::new().expect("MessageChannel exists in every worker");
        let on_message = {
            let scope = scope.clone();
            Closure::<dyn FnMut()>::new(move || scope.send_message(Tick::Tick))
        };
        // Setting `onmessage` also starts the port.
        channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Ticker { channel, _on_message: on_message, timeout: None, pending: false }
    }
}

/// Wall time in milliseconds, from the worker's `performance.now()`.
fn wall_ms() -> f64 {
    js_sys::global().unchecked_into::<WorkerGlobalScope>().performance().map_or_else(js_sys::Date::now, |p| p.now())
}

thread_local! {
    /// Where a panic reports itself: the scope and the connected bridges.
    static CRASH_REPORT: RefCell<Option<(WorkerScope<SimWorker>, Vec<HandlerId>)>> = const { RefCell::new(None) };
}

fn set_crash_bridges(bridges: &[HandlerId]) {
    CRASH_REPORT.with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            if let Some((_, ids)) = c.as_mut() {
                *ids = bridges.to_vec();
            }
        }
    });
}

/// Logs the panic and tells the page, which otherwise would wait forever for an answer.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message = format!("the simulation worker crashed: {info}");
    web_sys::console::error_1(&message.as_str().into());
    CRASH_REPORT.with(|c| {
        if let Ok(c) = c.try_borrow() {
            if let Some((scope, ids)) = c.as_ref() {
                for id in ids {
                    scope.respond(*id, Update::Crashed { message: message.clone() });
                }
            }
        }
    });
}

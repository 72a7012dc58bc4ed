//! The page's side of the simulation workers: starts them, sends them commands, applies their
//! updates to the [`LiveModel`], and tells the views that show the run to redraw, at most once
//! per animation frame.
//!
//! The run bar, the charts, the canvas's live layer and the timeline subscribe with
//! [`use_live`]; the rest of the page (the editor, the inspector) never re-renders for a frame.
//! Run A is the scenario on the canvas; run B, in compare mode, its fork.

use std::cell::{Cell, Ref, RefCell};
use std::rc::{Rc, Weak};

use gloo_worker::WorkerBridge;
use mqlab_scenario::Scenario;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::model::{Effect, LiveModel};
use super::RunId;
use crate::sim_worker::{self, Command, RunState, SimWorker, Speed, Update};

/// What the page hears from the hub besides redraws.
#[derive(Clone, Debug, PartialEq)]
pub enum HubEvent {
    Effect(Effect),
    /// The state the run bar shows changed.
    Phase(RunState),
}

struct Worker {
    bridge: WorkerBridge<SimWorker>,
    /// The scenario JSON the worker has loaded: a run is loaded again only if it changed.
    loaded_json: Option<String>,
    /// After the scenario changed: frames of the old run still on their way are dropped until
    /// the worker says it loaded the new one.
    awaiting_load: bool,
}

/// The workers and what they said. Shared by the page's views through [`HubHandle`].
pub struct Hub {
    model: RefCell<LiveModel>,
    workers: RefCell<[Option<Worker>; 2]>,
    subscribers: RefCell<Vec<(u32, Callback<()>)>>,
    next_subscriber: Cell<u32>,
    paint_pending: Cell<bool>,
    on_event: RefCell<Callback<HubEvent>>,
    phase: Cell<RunState>,
    /// Wall time (ms since the page opened) when the run was started, and how long it took.
    started_ms: Cell<Option<f64>>,
    wall_ms: Cell<f64>,
    /// The hub itself, for the callbacks it hands out (workers, animation frames).
    myself: Weak<Hub>,
}

/// A handle to the hub; equal when it is the same hub, so it can be a prop.
#[derive(Clone)]
pub struct HubHandle(pub Rc<Hub>);

impl PartialEq for HubHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for HubHandle {
    type Target = Hub;
    fn deref(&self) -> &Hub {
        &self.0
    }
}

/// Milliseconds since the page opened.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

impl HubHandle {
    pub fn new() -> HubHandle {
        let hub = Rc::new_cyclic(|myself| Hub {
            model: RefCell::new(LiveModel::new()),
            workers: RefCell::new([None, None]),
            subscribers: RefCell::new(Vec::new()),
            next_subscriber: Cell::new(0),
            paint_pending: Cell::new(false),
            on_event: RefCell::new(Callback::noop()),
            phase: Cell::new(RunState::Idle),
            started_ms: Cell::new(None),
            wall_ms: Cell::new(0.0),
            myself: myself.clone(),
        });
        HubHandle(hub)
    }
}

impl Hub {
    /// What the workers said so far. Do not hold it across a call into the hub.
    pub fn model(&self) -> Ref<'_, LiveModel> {
        self.model.borrow()
    }

    /// Changes what the charts show (a legend toggle) and redraws them.
    pub fn update_charts(&self, change: impl FnOnce(&mut crate::charts::ChartData)) {
        change(&mut self.model.borrow_mut().charts);
        self.request_paint();
    }

    /// Where errors, traces and phase changes go (the top component's dispatcher).
    pub fn set_on_event(&self, on_event: Callback<HubEvent>) {
        *self.on_event.borrow_mut() = on_event;
    }

    /// How long the last finished run took in this tab, in milliseconds.
    pub fn wall_ms(&self) -> f64 {
        self.wall_ms.get()
    }

    pub fn subscribe(&self, redraw: Callback<()>) -> u32 {
        let id = self.next_subscriber.get();
        self.next_subscriber.set(id + 1);
        self.subscribers.borrow_mut().push((id, redraw));
        id
    }

    pub fn unsubscribe(&self, id: u32) {
        self.subscribers.borrow_mut().retain(|(i, _)| *i != id);
    }

    /// Compare mode on (run B joins) or off (run B and its worker go).
    pub fn set_compare(&self, compare: bool) {
        if !compare {
            self.workers.borrow_mut()[RunId::B.index()] = None;
        }
        self.model.borrow_mut().set_compare(compare);
        self.changed();
    }

    /// Starts (or goes on with) the runs at `speed`: each loads its scenario first if it changed.
    pub fn play(&self, scenarios: &[(RunId, &Scenario)], speed: Speed) {
        self.start_clock();
        for (run, scenario) in scenarios {
            self.ensure_loaded(*run, scenario);
            self.send(*run, Command::Play { speed });
        }
    }

    /// Runs to the horizon at top speed.
    pub fn run_to_end(&self, scenarios: &[(RunId, &Scenario)]) {
        self.start_clock();
        for (run, scenario) in scenarios {
            self.ensure_loaded(*run, scenario);
            self.send(*run, Command::RunToEnd);
        }
    }

    /// One time bucket further (one new point on every chart), then paused.
    pub fn step(&self, scenarios: &[(RunId, &Scenario)]) {
        for (run, scenario) in scenarios {
            self.ensure_loaded(*run, scenario);
            self.send(*run, Command::Step);
        }
    }

    pub fn pause(&self) {
        for run in self.model().active_runs() {
            self.send(run, Command::Pause);
        }
    }

    /// Changes the speed of runs that are playing.
    pub fn set_speed(&self, speed: Speed) {
        if self.phase.get() == RunState::Running {
            for run in self.model().active_runs() {
                let playing = self.model().run(run).state == Some(RunState::Running);
                if playing {
                    self.send(run, Command::Play { speed });
                }
            }
        }
    }

    /// Moves every run to virtual time `t_us` (backwards is a fast deterministic re-run).
    pub fn seek(&self, scenarios: &[(RunId, &Scenario)], t_us: u64) {
        for (run, scenario) in scenarios {
            self.ensure_loaded(*run, scenario);
            self.send(*run, Command::Seek { t_us });
        }
    }

    /// Back to time 0, idle.
    pub fn reset(&self) {
        self.started_ms.set(None);
        for run in self.model().active_runs() {
            self.send(run, Command::Reset);
        }
    }

    /// The scenario of `run` changed: what the run showed no longer describes it.
    pub fn forget(&self, run: RunId) {
        if let Some(worker) = self.workers.borrow_mut()[run.index()].as_mut() {
            if worker.loaded_json.take().is_some() {
                worker.awaiting_load = true;
                worker.bridge.send(Command::Reset);
            }
        }
        self.model.borrow_mut().forget(run);
        self.changed();
    }

    /// The scenario of `run` changed while it ran (a fault switched from the canvas): load the
    /// new one and bring it to the same moment, playing on at `speed` if it was playing.
    pub fn reload_at(&self, run: RunId, scenario: &Scenario, speed: Option<Speed>) {
        let (now_us, was) = {
            let model = self.model();
            (model.run(run).now_us, model.run(run).state)
        };
        self.ensure_loaded(run, scenario);
        if now_us > 0 {
            self.send(run, Command::Seek { t_us: now_us });
        }
        if let (Some(speed), Some(RunState::Running)) = (speed, was) {
            self.send(run, Command::Play { speed });
        }
    }

    /// Asks `run`'s worker for the life of one message of `scenario`.
    pub fn trace(&self, run: RunId, scenario: &Scenario, message_id: u64) {
        self.ensure_loaded(run, scenario);
        self.send(run, Command::Trace { message_id });
    }

    fn start_clock(&self) {
        if self.phase.get() != RunState::Paused || self.started_ms.get().is_none() {
            self.started_ms.set(Some(now_ms()));
        }
    }

    fn ensure_loaded(&self, run: RunId, scenario: &Scenario) {
        let json = mqlab_scenario::to_json(scenario);
        self.spawn_if_needed(run);
        let mut workers = self.workers.borrow_mut();
        let Some(worker) = workers[run.index()].as_mut() else {
            return;
        };
        if worker.loaded_json.as_deref() != Some(json.as_str()) {
            worker.awaiting_load = true;
            worker.bridge.send(Command::Load { scenario_json: json.clone() });
            worker.loaded_json = Some(json);
        }
    }

    fn send(&self, run: RunId, command: Command) {
        self.spawn_if_needed(run);
        if let Some(worker) = self.workers.borrow().get(run.index()).and_then(|w| w.as_ref()) {
            worker.bridge.send(command);
        }
    }

    fn spawn_if_needed(&self, run: RunId) {
        if self.workers.borrow()[run.index()].is_some() {
            return;
        }
        let weak = self.myself.clone();
        let bridge = sim_worker::spawn(move |update: Update| {
            if let Some(hub) = weak.upgrade() {
                hub.on_update(run, update);
            }
        });
        self.workers.borrow_mut()[run.index()] = Some(Worker { bridge, loaded_json: None, awaiting_load: false });
    }

    fn on_update(&self, run: RunId, update: Update) {
        {
            let mut workers = self.workers.borrow_mut();
            let Some(worker) = workers[run.index()].as_mut() else {
                return;
            };
            if worker.awaiting_load {
                match &update {
                    Update::Loaded(_) => worker.awaiting_load = false,
                    // A Load the validator refused: the worker keeps no run of this scenario.
                    Update::Error { .. } => worker.loaded_json = None,
                    Update::Crashed { .. } => {}
                    // Frames and reports of the run before the change.
                    _ => return,
                }
            }
            if matches!(update, Update::Crashed { .. }) {
                // The worker is gone; the next command starts a new one.
                workers[run.index()] = None;
            }
        }
        let effects = self.model.borrow_mut().apply(run, update);
        for effect in effects {
            self.emit(HubEvent::Effect(effect));
        }
        self.changed();
    }

    fn emit(&self, event: HubEvent) {
        let on_event = self.on_event.borrow().clone();
        on_event.emit(event);
    }

    /// Something changed: tell the page of a new phase now, and redraw on the next frame.
    fn changed(&self) {
        let phase = self.model().phase();
        if phase != self.phase.get() {
            self.phase.set(phase);
            if phase == RunState::Finished {
                if let Some(started_ms) = self.started_ms.take() {
                    self.wall_ms.set(now_ms() - started_ms);
                }
            }
            self.emit(HubEvent::Phase(phase));
        }
        self.request_paint();
    }

    fn request_paint(&self) {
        if self.paint_pending.replace(true) {
            return;
        }
        let weak = self.myself.clone();
        let paint = Closure::once_into_js(move || {
            if let Some(hub) = weak.upgrade() {
                hub.paint_pending.set(false);
                // Copied out first: a view may subscribe or unsubscribe while it redraws.
                let subscribers: Vec<Callback<()>> = hub.subscribers.borrow().iter().map(|(_, c)| c.clone()).collect();
                for redraw in subscribers {
                    redraw.emit(());
                }
            }
        });
        let requested =
            web_sys::window().map(|w| w.request_animation_frame(paint.unchecked_ref()).is_ok()).unwrap_or(false);
        if !requested {
            self.paint_pending.set(false);
        }
    }
}

/// Redraws the calling component whenever the runs change (at most once per animation frame);
/// returns the model's version.
#[hook]
pub fn use_live(hub: &HubHandle) -> u64 {
    let redraw = use_force_update();
    use_effect_with(hub.clone(), move |hub| {
        let id = hub.subscribe(Callback::from(move |_| redraw.force_update()));
        let hub = hub.clone();
        move || hub.unsubscribe(id)
    });
    hub.model().version()
}

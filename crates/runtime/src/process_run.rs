//! Runs on workers without shared memory: one fresh worker per lane, each instantiating the
//! module on memory of its own (its start-up is part of the wall time), talking to the page only
//! by engine messages. The processes mode, and every mode on a page that is not cross-origin
//! isolated (the page then passes the GIL token).

use std::cell::RefCell;
use std::rc::Rc;

use engine::{Clock, PoolReply, ProcessPool, Scenario, TaskResult};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::clock::BrowserClock;
use crate::worker_script::{field, message, spawn_worker};

/// A processes run in progress, seen from the page.
#[derive(Clone)]
pub struct ProcessesRun {
    state: Rc<RefCell<ProcessesState>>,
}

struct ProcessesState {
    pool: ProcessPool,
    /// Each lane's worker until it is retired or terminated.
    workers: Vec<Option<Worker>>,
    failure: Option<String>,
    panics: Vec<Option<String>>,
}

impl ProcessesState {
    /// Does what the pool asked for `lane`: send it a task, or end it.
    fn reply(&mut self, lane: usize, reply: PoolReply) {
        match reply {
            PoolReply::Send(text) => {
                if let Some(worker) = &self.workers[lane] {
                    let _ = worker.post_message(&message(&[("text", &text.into())]));
                }
            }
            PoolReply::Retire => {
                if let Some(worker) = self.workers[lane].take() {
                    worker.terminate();
                }
            }
        }
    }
}

impl ProcessesRun {
    /// Starts one process worker per lane of `scenario`, with time counted from `origin_ms`.
    ///
    /// # Errors
    /// A worker could not be created; those already started are ended.
    pub fn start(scenario: &Scenario, origin_ms: f64) -> Result<Self, String> {
        let lanes = scenario.lanes();
        let started = ProcessesRun {
            state: Rc::new(RefCell::new(ProcessesState {
                pool: ProcessPool::new(scenario, origin_ms),
                workers: vec![None; lanes],
                failure: None,
                panics: vec![None; lanes],
            })),
        };
        for lane in 0..lanes {
            let start = message(&[
                ("kind", &"start-process".into()),
                ("module", &wasm_bindgen::module()),
                ("origin", &origin_ms.into()),
            ]);
            match spawn_worker(&start) {
                Ok(worker) => started.watch(lane, worker),
                Err(error) => {
                    started.end_all();
                    return Err(error);
                }
            }
        }
        Ok(started)
    }

    fn watch(&self, lane: usize, worker: Worker) {
        let run = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            run.on_message(lane, &event);
        });
        let run = self.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            run.fail(format!("a process could not start: {}", event.message()));
        });
        worker.set_onmessage(Some(on_message.into_js_value().unchecked_ref()));
        worker.set_onerror(Some(on_error.into_js_value().unchecked_ref()));
        self.state.borrow_mut().workers[lane] = Some(worker);
    }

    fn on_message(&self, lane: usize, event: &MessageEvent) {
        match field(event, "kind").as_str() {
            "process" => self.on_engine_message(lane, &field(event, "text")),
            "panic" => self.state.borrow_mut().panics[lane] = Some(field(event, "message")),
            "trapped" => {
                let panic = self.state.borrow_mut().panics[lane].take();
                self.fail(panic.unwrap_or_else(|| field(event, "message")));
            }
            _ => {}
        }
    }

    fn on_engine_message(&self, lane: usize, text: &str) {
        let mut state = self.state.borrow_mut();
        match state.pool.receive(lane, text, BrowserClock.now_ms()) {
            Ok(replies) => {
                for (lane, reply) in replies {
                    state.reply(lane, reply);
                }
            }
            Err(error) => {
                drop(state);
                self.fail(error);
            }
        }
    }

    /// Ends the run with `reason` shown (the first reason wins).
    fn fail(&self, reason: String) {
        self.state.borrow_mut().failure.get_or_insert(reason);
        self.end_all();
    }

    /// Stop: every process is terminated at once, as `Pool.terminate()` does.
    pub fn stop(&self) {
        self.end_all();
    }

    fn end_all(&self) {
        let mut state = self.state.borrow_mut();
        for worker in state.workers.iter_mut().filter_map(Option::take) {
            worker.terminate();
        }
        state.pool.end_all(BrowserClock.now_ms());
    }

    /// Whether every process has ended.
    pub fn is_over(&self) -> bool {
        self.state.borrow().workers.iter().all(Option::is_none)
    }

    /// The failure that ended the run, if any.
    pub fn failure(&self) -> Option<String> {
        self.state.borrow().failure.clone()
    }

    /// Every task's result in task order and the order they finished in, once all are in.
    pub fn results(&self) -> Option<(Vec<TaskResult>, Vec<usize>)> {
        let state = self.state.borrow();
        Some((state.pool.results()?, state.pool.completion_order().to_vec()))
    }

    /// Ticks reported by each worker.
    pub fn lane_ticks(&self) -> Vec<u64> {
        self.state.borrow().pool.lane_ticks().to_vec()
    }

    /// Reads with the run's recorder.
    pub fn with_recorder<T>(&self, read: impl FnOnce(&engine::Recorder) -> T) -> T {
        read(self.state.borrow().pool.recorder())
    }

    /// Ticks reported and ticks in all.
    pub fn progress(&self) -> (u64, u64) {
        self.state.borrow().pool.progress()
    }

    /// The GIL token's counters (threads + GIL on the fallback engine).
    pub fn gil_stats(&self) -> Option<engine::GilStats> {
        self.state.borrow().pool.gil_stats()
    }

    /// Bytes of messages sent to the processes and received from them.
    pub fn message_bytes(&self) -> (usize, usize) {
        self.state.borrow().pool.message_bytes()
    }
}

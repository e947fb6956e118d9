//! What runs inside the workers: the entry points `worker.js` calls, and the panic hook that
//! tells the page why a worker stopped (with `panic = "abort"` a panic traps right after it).

use std::cell::RefCell;

use engine::{panic_message, ProcessWorker, ToProcess};
use wasm_bindgen::prelude::*;
use web_sys::DedicatedWorkerGlobalScope;

use crate::clock::BrowserClock;
use crate::worker_script::message;

/// A closure sent to a thread worker, which runs it once.
pub type Job = Box<dyn FnOnce() + Send>;

/// Turns `job` into the number a thread worker receives.
pub fn job_address(job: Job) -> usize {
    Box::into_raw(Box::new(job)) as usize
}

/// Runs the job at `address` (from [`job_address`]) on this thread worker.
#[wasm_bindgen]
pub fn thread_worker_run(address: usize) {
    // SAFETY: `address` came from `job_address` on the page, which sends each one to exactly one
    // worker once; the memory is shared, so the box is valid here.
    let job = unsafe { Box::from_raw(address as *mut Job) };
    job();
}

/// The first message of a process worker, once its own module is instantiated.
#[wasm_bindgen]
pub fn process_worker_ready() -> String {
    // A process has memory of its own, so the page's panic hook is not installed here.
    std::panic::set_hook(Box::new(report_panic));
    ProcessWorker::new(&BrowserClock, 0.0).ready().encode()
}

thread_local! {
    /// This process worker's side of the protocol: it keeps a task between turns.
    static PROCESS_WORKER: RefCell<Option<ProcessWorker<'static>>> = const { RefCell::new(None) };
}

/// Handles one engine message in a process worker, posting the engine's replies as it goes.
///
/// # Panics
/// The text is not an engine message (only the page sends them), or the task fails on purpose.
#[wasm_bindgen]
pub fn process_worker_handle(run_origin_ms: f64, text: &str) {
    let request = ToProcess::decode(text).unwrap_or_else(|error| panic!("{error}"));
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    PROCESS_WORKER.with_borrow_mut(|worker| {
        let worker = worker.get_or_insert_with(|| ProcessWorker::new(&BrowserClock, run_origin_ms));
        worker.handle(request, &mut |reply| {
            let reply = message(&[("kind", &"process".into()), ("text", &reply.encode().into())]);
            // Posting a plain object of strings cannot fail.
            let _ = scope.post_message(&reply);
        });
    });
}

/// The panic hook of the page and every worker: inside a worker it posts
/// `{kind: "panic", message}` to the page (which then stops the run and shows the message);
/// on the page it logs to the console.
pub fn report_panic(info: &std::panic::PanicHookInfo<'_>) {
    let text = panic_text(info);
    match js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
        Ok(scope) => {
            let _ = scope.post_message(&message(&[("kind", &"panic".into()), ("message", &text.into())]));
        }
        Err(_) => web_sys::console::error_1(&info.to_string().into()),
    }
}

fn panic_text(info: &std::panic::PanicHookInfo<'_>) -> String {
    panic_message(info.payload()).unwrap_or_else(|| info.to_string())
}

//! Probes for the browser tests and the benchmark, called through trunk's `window.wasmBindings`:
//! how large the page's WebAssembly memory has grown (it never shrinks, so a leak shows as growth
//! over many runs), how many thread workers and program workers are alive, and how deep a Python
//! thread's stack went.

use wasm_bindgen::prelude::*;

use crate::program_worker::live_program_workers;
use crate::stack_watch::deepest_python_stack_bytes;
use crate::thread_pool::live_thread_workers;

/// Bytes of the page's WebAssembly memory (shared with the thread workers).
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    // A shared memory's buffer is a SharedArrayBuffer, which js_sys types apart: read the field.
    js_sys::Reflect::get(&memory.buffer(), &"byteLength".into()).ok().and_then(|bytes| bytes.as_f64()).unwrap_or(0.0)
}

/// Thread workers alive (busy or idle) on this page.
#[wasm_bindgen]
pub fn thread_workers() -> usize {
    live_thread_workers()
}

/// Program workers alive on this page (each with memory of its own): spares, programs and
/// their processes; a worker is counted until it is terminated.
#[wasm_bindgen]
pub fn program_workers() -> usize {
    live_program_workers()
}

/// The most stack bytes a Python thread has used on this page (of each worker's
/// [`crate::PYTHON_STACK_BYTES`]).
#[wasm_bindgen]
pub fn python_stack_bytes_used() -> usize {
    deepest_python_stack_bytes()
}

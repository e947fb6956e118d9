//! A probe for the tests and the benchmark: how large the page's WebAssembly memory has grown.
//! The memory never shrinks, so a leak shows as growth over many runs.

use wasm_bindgen::prelude::*;

/// Bytes of the page's WebAssembly memory (shared with the thread workers). Called from the
/// browser tests and the benchmark through trunk's `window.wasmBindings`.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    // A shared memory's buffer is a SharedArrayBuffer, which js_sys types apart: read the field.
    js_sys::Reflect::get(&memory.buffer(), &"byteLength".into()).ok().and_then(|bytes| bytes.as_f64()).unwrap_or(0.0)
}

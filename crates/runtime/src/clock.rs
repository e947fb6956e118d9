//! The browser clock: one time base for the page and every worker.
//!
//! `performance.now()` counts from each global's own start, so workers would disagree;
//! `performance.timeOrigin + performance.now()` is the same wall-clock reading everywhere.

use engine::Clock;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;

    #[wasm_bindgen(thread_local_v2, js_namespace = performance, js_name = timeOrigin)]
    static TIME_ORIGIN: f64;
}

/// Milliseconds since the Unix epoch, with sub-millisecond precision, in any global.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now_ms(&self) -> f64 {
        TIME_ORIGIN.with(|origin| *origin) + performance_now()
    }
}

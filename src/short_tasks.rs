//! Splitting the page's work into short tasks.
//!
//! With more busy workers than cores, the operating system gives the page's thread a few
//! milliseconds at a time and then runs workers for tens of milliseconds: a task needing more
//! than one such turn is stretched past 50 ms (a "long task", a janky page). So polling a run,
//! rendering what it shows, painting the timeline, and the browser's own layout and painting each
//! get a task of their own.

use wasm_bindgen::prelude::*;

/// Does `work` in a task of its own, after the current one (and after whatever the browser has
/// queued before it).
pub fn in_a_task_of_its_own(work: impl FnOnce() + 'static) {
    let task = Closure::once_into_js(work);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback(task.unchecked_ref());
    }
}

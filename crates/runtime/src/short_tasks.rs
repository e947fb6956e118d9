//! Splitting the page's work into short tasks.
//!
//! With more busy workers than cores, the operating system gives the page's thread a few
//! milliseconds at a time and then runs workers for tens of milliseconds: a task needing more
//! than one such turn is stretched past 50 ms (a "long task", a janky page). So polling a run,
//! rendering what it shows, painting the timeline, and the browser's own layout and painting each
//! get a task of their own; and a run's workers start only once its empty lanes are painted.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

/// Does `work` in a task of its own, after the current one (and after whatever the browser has
/// queued before it).
pub fn in_a_task_of_its_own(work: impl FnOnce() + 'static) {
    in_a_task_after_ms(0, work);
}

/// Does `work` in a task of its own, `delay_ms` milliseconds from now at the earliest.
pub fn in_a_task_after_ms(delay_ms: i32, work: impl FnOnce() + 'static) {
    let task = Closure::once_into_js(work);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), delay_ms);
    }
}

/// Does `work` in a task of its own after the browser's next frame (its layout and painting),
/// or after [`FRAME_WAIT_AT_MOST_MS`] if no frame comes (a page in a background tab gets none).
pub fn after_the_next_frame(work: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let work = Rc::new(RefCell::new(Some(work)));
    let once = move || {
        if let Some(work) = work.borrow_mut().take() {
            in_a_task_of_its_own(work);
        }
    };
    let (on_frame, on_time_out) = (once.clone(), once);
    let _ = window.request_animation_frame(Closure::once_into_js(on_frame).unchecked_ref());
    in_a_task_after_ms(FRAME_WAIT_AT_MOST_MS, on_time_out);
}

/// How long [`after_the_next_frame`] waits for a frame.
const FRAME_WAIT_AT_MOST_MS: i32 = 100;

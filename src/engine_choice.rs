//! Which engine runs a scenario on this page, and what only the shared-memory engine can do.
//!
//! A cross-origin isolated page has shared memory: the single worker, threads + GIL and
//! free-threaded modes run on thread workers sharing it, with a real GIL lock. Without
//! isolation (inside most course pages) every mode runs on workers with memory of their own
//! that exchange messages: free-threaded workers run side by side, the GIL is a token the page
//! passes from worker to worker, and the processes mode is as everywhere.

use engine::{GilPolicy, Mode, Scenario};

/// The scenario, unless it asks for something the fallback engine cannot do: the Python 3.1
/// GIL (waiters racing for a real lock) and the free-threading overhead need shared memory.
pub fn runnable_here(scenario: Scenario, shared_memory: bool) -> Result<Scenario, Vec<String>> {
    if shared_memory {
        return Ok(scenario);
    }
    let mut problems = Vec::new();
    if scenario.mode == Mode::ThreadsWithGil && matches!(scenario.gil_policy, GilPolicy::CheckInterval { .. }) {
        problems.push(
            "The Python 3.1 GIL needs shared memory (its waiters race for a real lock), which this page does not have: choose the Python 3.2 policy here.".to_owned(),
        );
    }
    if scenario.mode == Mode::FreeThreaded && scenario.free_threading_overhead_percent > 0 {
        problems.push(
            "The free-threading overhead needs shared memory, which this page does not have: choose \"none\" here.".to_owned(),
        );
    }
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(problems)
    }
}

/// What the engine badge says.
pub fn engine_description(shared_memory: bool) -> &'static str {
    if shared_memory {
        "Engine: shared memory. This page is cross-origin isolated, so thread workers share memory and hold a real GIL lock."
    } else {
        "Engine: message passing. This page is not cross-origin isolated, so workers cannot share memory: every worker has memory of its own, the GIL is a token passed from worker to worker each switch interval, and each worker's start-up counts in the wall time."
    }
}

//! What each Python thread does, on the engine's [`engine::Recorder`]: a lane per thread, added
//! when it starts (named as Python names it: `MainThread`, `Thread-1 (worker)`), in the
//! engine's [`WorkerState`]s: running, waiting for the GIL, sleeping, blocked on a lock,
//! condition, event, semaphore, barrier, queue or join (with which object), done.

use engine::{Waitable, WorkerState};

use super::{Scheduler, Thread};
use crate::modules::thread::MAX_THREADS;

/// The most lanes a run draws: the main thread and as many as may live at once. A program that
/// starts more threads over its life runs them all; those past this are not drawn (the
/// recorder counts them), so the timeline's memory stays bounded.
pub const MOST_LANES: usize = MAX_THREADS + 1;

/// What a blocked thread waits on.
#[derive(Clone)]
pub struct Waiting {
    /// Its state on the timeline.
    pub state: WorkerState,
    /// The object, as the timeline names it ("Lock at 0x7f3a…", "Thread-1 (worker)").
    pub object: Option<String>,
    /// What it waits for, as a deadlock report says it ("a lock held by MainThread").
    pub report: String,
}

impl Waiting {
    /// In `time.sleep`.
    pub fn sleeping() -> Waiting {
        Waiting { state: WorkerState::Sleeping, object: None, report: "time.sleep".to_owned() }
    }

    /// Blocked on `object`, a `kind`.
    pub fn on(kind: Waitable, object: String, report: String) -> Waiting {
        Waiting { state: WorkerState::BlockedOn(kind), object: Some(object), report }
    }
}

impl Scheduler {
    /// A lane for a thread named `name`, starting now; `None` past [`MOST_LANES`].
    pub fn add_lane(&self, name: &str) -> Option<usize> {
        self.recorder.add_lane(name, self.host.clock())
    }
}

impl Thread {
    /// Records this thread's new state on its lane.
    pub fn record(&self, state: WorkerState) {
        if let Some(lane) = self.timeline_lane {
            let scheduler = &self.interp.scheduler;
            scheduler.recorder.record(lane, state, scheduler.host.clock());
        }
    }

    /// Records that this thread waits as `waiting` says.
    pub(crate) fn record_waiting(&self, waiting: &Waiting) {
        let (Some(lane), Some(object)) = (self.timeline_lane, &waiting.object) else {
            return self.record(waiting.state);
        };
        let scheduler = &self.interp.scheduler;
        scheduler.recorder.record_on(lane, waiting.state, object, scheduler.host.clock());
    }
}

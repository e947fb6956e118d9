//! Parked workers: thread workers that wait on the shared memory for a thread body to run, so
//! that a running program starts a thread without the page's main thread.
//!
//! A Python program starts threads from its own threads (`Thread.start()` runs on a worker),
//! and a new Web Worker can only be made by the page, tens of milliseconds later. So the page
//! keeps a few workers *parked*: each runs a job that waits (in bounded slices that notice the
//! program's end) for a body on a shared queue, runs it, and waits again. [`Parking::hand_over`]
//! queues a body and wakes one parked worker: a thread starts in microseconds. The page's poll
//! calls [`ParkedWorkers::top_up`] to keep [`SPARE_WORKERS`] parked beyond the bodies waiting.
//! Once the program has ended, [`Parking::close`] sends every parked worker back to the pool.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use engine::try_lock_spinning;

use crate::stack_watch::StackWatch;
use crate::thread_pool::{JobEnd, ThreadPool};
use crate::worker_entries::Job;

/// Workers kept parked beyond the bodies waiting for one: a program's next `start()` finds one.
pub const SPARE_WORKERS: usize = 2;

/// The longest a parked worker waits before it looks whether the program has ended.
const PARK_SLICE: Duration = Duration::from_millis(10);

/// Tries of the queue's lock by a caller that must not wait (the page's main thread).
const HAND_OVER_ATTEMPTS: u32 = 100_000;

/// No more threads may start: the limit is reached, or the program has ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HandOverRefused;

/// The queue of bodies and the counts the page tops up from, on the shared memory.
pub struct Parking {
    bodies: Mutex<VecDeque<Job>>,
    arrived: Condvar,
    /// Bodies queued or running: at most `limit`.
    threads: AtomicUsize,
    /// Bodies running on a worker.
    running: AtomicUsize,
    limit: usize,
    closed: AtomicBool,
    /// Each worker's stack, watched for how deep the threads went.
    stack_bytes: usize,
}

impl Parking {
    /// A queue for at most `limit` threads at once, run by workers with stacks of `stack_bytes`.
    pub fn new(limit: usize, stack_bytes: usize) -> Self {
        Parking {
            bodies: Mutex::new(VecDeque::new()),
            arrived: Condvar::new(),
            threads: AtomicUsize::new(0),
            running: AtomicUsize::new(0),
            limit,
            closed: AtomicBool::new(false),
            stack_bytes,
        }
    }

    /// Queues `body` for the next parked worker and wakes one. Never waits for long: the page's
    /// main thread may call it (it starts a program's main thread).
    ///
    /// # Errors
    /// [`HandOverRefused`] when `limit` threads are queued or running, or once closed.
    pub fn hand_over(&self, body: Job) -> Result<(), HandOverRefused> {
        let below_limit = |threads: usize| (threads < self.limit).then_some(threads + 1);
        if self.closed.load(Ordering::Acquire) || self.threads.fetch_update(Ordering::AcqRel, Ordering::Acquire, below_limit).is_err() {
            return Err(HandOverRefused);
        }
        // By `try_lock` only: its holders keep it for a push or a pop.
        let Some(mut bodies) = try_lock_spinning(&self.bodies, HAND_OVER_ATTEMPTS) else {
            self.threads.fetch_sub(1, Ordering::AcqRel);
            return Err(HandOverRefused);
        };
        bodies.push_back(body);
        drop(bodies);
        self.arrived.notify_one();
        Ok(())
    }

    /// Bodies waiting for a worker.
    pub fn queued(&self) -> usize {
        self.threads.load(Ordering::Acquire).saturating_sub(self.running.load(Ordering::Acquire))
    }

    /// Bodies running on a worker.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::Acquire)
    }

    /// Refuses further bodies and sends every parked worker back to its pool once the queue
    /// is empty.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.arrived.notify_all();
    }

    /// A parked worker's job: runs bodies as they come until the program has ended, noting how
    /// deep each one's stack went.
    fn park(&self) {
        let watch = StackWatch::paint(self.stack_bytes);
        while let Some(body) = self.next_body() {
            body();
            watch.note_depth();
            self.running.fetch_sub(1, Ordering::AcqRel);
            self.threads.fetch_sub(1, Ordering::AcqRel);
        }
    }

    /// Waits for the next body; `None` once closed with none left.
    fn next_body(&self) -> Option<Job> {
        let mut bodies = self.bodies.lock().unwrap_or_else(|poison| poison.into_inner());
        loop {
            if let Some(body) = bodies.pop_front() {
                self.running.fetch_add(1, Ordering::AcqRel);
                return Some(body);
            }
            if self.closed.load(Ordering::Acquire) {
                return None;
            }
            bodies = self.arrived.wait_timeout(bodies, PARK_SLICE).unwrap_or_else(|poison| poison.into_inner()).0;
        }
    }
}

/// The page's side: which workers it parked on `pool`, and the first that failed.
pub struct ParkedWorkers {
    parking: Arc<Parking>,
    pool: ThreadPool,
    /// Parking jobs posted to the pool and not yet ended.
    posted: Rc<Cell<usize>>,
    failure: Rc<RefCell<Option<String>>>,
}

impl ParkedWorkers {
    /// Parks workers of `pool` on `parking`; none yet: call [`ParkedWorkers::top_up`].
    pub fn new(parking: Arc<Parking>, pool: ThreadPool) -> Self {
        ParkedWorkers { parking, pool, posted: Rc::default(), failure: Rc::default() }
    }

    /// Posts parking jobs until every queued body has a worker coming and [`SPARE_WORKERS`]
    /// more wait (never more than the thread limit and the spares). Called by the page.
    pub fn top_up(&self) {
        let parking = &self.parking;
        let free_or_starting = self.posted.get().saturating_sub(parking.running());
        let wanted = (parking.queued() + SPARE_WORKERS).saturating_sub(free_or_starting);
        let room = (parking.limit + SPARE_WORKERS).saturating_sub(self.posted.get());
        for _ in 0..wanted.min(room) {
            if parking.closed.load(Ordering::Acquire) || self.post_one().is_err() {
                return;
            }
        }
    }

    fn post_one(&self) -> Result<(), String> {
        let parking = self.parking.clone();
        let (posted, failure) = (self.posted.clone(), self.failure.clone());
        posted.set(posted.get() + 1);
        let on_end = move |end: JobEnd| {
            posted.set(posted.get() - 1);
            if let Err(reason) = end {
                failure.borrow_mut().get_or_insert(reason);
            }
        };
        self.pool.run(Box::new(move || parking.park()), on_end).inspect_err(|reason| {
            self.posted.set(self.posted.get() - 1);
            self.failure.borrow_mut().get_or_insert(reason.clone());
        })
    }

    /// Why a worker failed (a trap, or none could be made), if one did.
    pub fn failure(&self) -> Option<String> {
        self.failure.borrow().clone()
    }
}

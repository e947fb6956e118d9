//! Runs on workers that share nothing but serialised messages: the processes mode, and the
//! fallback engine that runs every mode when a page has no shared memory (not cross-origin
//! isolated, as inside most course pages).
//!
//! - `protocol.rs`: the two message enums, [`ToProcess`] (parent to worker) and [`FromProcess`]
//!   (worker to parent), sent as JSON text.
//! - `worker.rs`: [`ProcessWorker`], the inside of one worker: runs the task it is sent.
//! - `pool.rs`: [`ProcessPool`], the parent's side: hands tasks out from the task queue one at a
//!   time as workers become free (like `multiprocessing.Pool` with chunksize 1), records every
//!   worker's states and gathers results.
//! - `gil_token.rs`: [`GilToken`], the GIL without shared memory: a token the parent passes to
//!   one time-sliced worker at a time (threads + GIL on the fallback engine).
//!
//! Hosts move the text: `postMessage` in the browser, channels natively.

mod gil_token;
mod pool;
mod protocol;
mod worker;

pub use gil_token::GilToken;
pub use pool::{PoolReply, ProcessPool};
pub use protocol::{FromProcess, ToProcess};
pub use worker::ProcessWorker;

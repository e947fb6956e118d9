//! A learner's program on one worker with memory of its own, for pages without shared memory
//! (not cross-origin isolated): its threads take turns on that worker
//! (`python::ProgramOnOneThread`), under the mode's switch rule.
//!
//! - `protocol.rs`: the messages, as JSON text: what to run, and after each slice what is new
//!   (lines printed, threads started, their states, how it ended).
//! - `in_worker.rs`: the worker's side: the program, its host, a slice at a time.
//! - `on_page.rs`: the page's side ([`OneWorkerRun`]): a spare worker started ahead of Run,
//!   one worker per program, the output and lanes rebuilt from the news, Stop.
//! - `page_tree.rs`: a program's processes, kept by the page, each on a program worker.
//! - `shared_words.rs`: on a cross-origin isolated page, the `SharedArrayBuffer` in which a
//!   program's processes read and write `Value` and `Array` directly.

mod in_worker;
mod on_page;
mod page_tree;
mod protocol;
mod shared_words;

pub use in_worker::{program_worker_deliver, program_worker_ready, program_worker_slice, program_worker_start, program_worker_stop};
pub use on_page::{live_program_workers, prestart_program_worker, OneWorkerRun};
pub use page_tree::ProgramProcess;

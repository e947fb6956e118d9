//! An interpreter for the Python subset the playground's tutorials use, pure Rust.
//!
//! A pipeline readable from the tree:
//! - `parse.rs`: ruff's parser, its errors as a [`SyntaxError`] with line and column;
//! - `compiler/`: the AST to [`bytecode`] (names resolved first, `compiler/scope.rs`);
//! - `bytecode/`: one definition per instruction, its stack effect and whether it is an
//!   eval-breaker check point;
//! - `vm/`: the evaluation loop on [`Thread`]s sharing an [`Interpreter`]; it never sees the AST;
//!   each thread's states go on a lane of the engine's `Recorder` (`vm/lanes.rs`);
//! - `objects/`: the values, one file per type; ints and floats unboxed, containers behind
//!   per-object locks;
//! - `builtins/`: the built-in functions and types;
//! - `modules/`: the built-in modules, one file each;
//! - `program.rs`: running a whole program and reporting how it ended; `traceback.rs`: the
//!   source line and carets under each frame of a traceback, as CPython 3.11 prints them;
//! - `one_thread.rs`: a program whose threads take turns on the caller's thread, slice by
//!   slice (a page without shared memory);
//! - `pickle.rs`: values as bytes, for what crosses between processes (`multiprocessing`);
//! - `native_processes.rs`: a program's processes natively, on OS threads exchanging bytes;
//! - `process_tree/`: processes that exchange only messages with the keeper of their tree,
//!   each on one thread (a page's Web Workers without shared memory);
//! - `host.rs`: what the program's place gives it (threads, clocks, cores): natively
//!   `std::thread`, in the browser the runtime's Web Workers;
//! - `shared_words.rs`: the words of `Value` and `Array` where a tree's processes share memory
//!   (a cross-origin isolated page), read and written with no message.

mod builtins;
pub mod bytecode;
mod compiler;
mod host;
mod modules;
mod objects;
mod one_thread;
mod native_processes;
mod parse;
mod pickle;
mod process_tree;
mod program;
mod shared_words;
mod traceback;
mod vm;

pub use compiler::CompileError;
pub use host::{Host, NativeHost, ProcessHost, ProcessRefused, SpawnRefused, MOST_PROCESSES};
pub use modules::multiprocessing::{run_process, Bootstrap, ChildProcess};
pub use native_processes::{NativeProcesses, ProcessTimeline, TERMINATED};
pub use objects::exception::Halt;
pub use one_thread::{start_process_on_one_thread, start_program_on_one_thread, OneThreadRefused, ProgramOnOneThread, Slice};
pub use process_tree::{AskingProcesses, Delivery, Letter, Member, Outgoing, ProcessCall, ProcessKeeper, Reply, Request};
pub use parse::{parse, SyntaxError};
pub use shared_words::{NativeSharedWords, SharedWords, SharedWordsFull, SHARED_WORDS_BYTES};
pub use program::{run_program, run_with_scheduler, start_program, Outcome, ProgramRun, RunOptions, RunningProgram};
pub use vm::{Interpreter, Mode, Output, OutputLine, Scheduler, Stream, Thread, Waiting, MOST_LANES, NATIVE_NESTING_LIMIT};
pub use vm::output::MAX_LINES as OUTPUT_LINES_KEPT;

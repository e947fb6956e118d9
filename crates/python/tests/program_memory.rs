//! A program's objects are freed when it ends: after each kind of program that makes cycles
//! (a module's functions and their globals, classes and instances, threads, a caught exception
//! whose traceback holds a frame, a daemon thread left running, a program stopped), the bytes
//! allocated go back near where they were before it ran, on both ways a program runs (threads
//! of its own, or taking turns on one thread).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use python::{
    run_program, start_program, start_program_on_one_thread, Halt, Mode, NativeHost, Outcome, ProgramOnOneThread, RunOptions, Scheduler, Slice, Stream,
};

/// The system allocator, counting the bytes live.
struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        unsafe { System.realloc(pointer, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One measurement at a time: the count is the whole test binary's.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// What a program may leave behind: nothing is measured today (lazily made statics are made
/// by the run before); a little slack, far less than the 22 KB of the built-ins' own cycle
/// (`prelude.py`'s functions and their namespace) and the 25 MB of a 1M-int list.
const LEFT_AT_MOST: isize = 8 << 10;

/// A program holding a list of 1M ints in a global.
const GLOBAL_LIST: &str = "data = list(range(1_000_000))\n";

/// A function (its globals hold it, it holds its globals) next to the list.
const FUNCTION: &str = "data = list(range(1_000_000))
def total():
    return sum(data)
print(total() > 0)
";

/// A class, its method, an instance holding the list, and a bound method kept in a global.
const CLASS_AND_INSTANCE: &str = "class Holder:
    def __init__(self):
        self.data = list(range(1_000_000))
    def size(self):
        return len(self.data)
holder = Holder()
size = holder.size
print(size())
";

/// A thread that makes the list (the thread object stays in a global).
const THREAD: &str = "import threading
def work():
    global data
    data = list(range(1_000_000))
worker = threading.Thread(target=work)
worker.start()
worker.join()
print(len(data))
";

/// An exception caught and kept, its traceback holding the frame whose local is the list.
const CAUGHT_EXCEPTION: &str = "def fail():
    data = list(range(1_000_000))
    return 1 / 0
try:
    fail()
except ZeroDivisionError as error:
    kept = error
print(type(kept).__name__)
";

/// A daemon thread still spinning when the main thread ends (the end halts it).
const DAEMON_LEFT_RUNNING: &str = "import threading
data = list(range(1_000_000))
def spin():
    while True:
        pass
threading.Thread(target=spin, daemon=True).start()
";

const PROGRAMS: [(&str, &str); 6] = [
    ("a global list", GLOBAL_LIST),
    ("a function", FUNCTION),
    ("a class and instance", CLASS_AND_INSTANCE),
    ("a thread", THREAD),
    ("a caught exception", CAUGHT_EXCEPTION),
    ("a daemon left running", DAEMON_LEFT_RUNNING),
];

/// A program stopped while it spins in a function, an instance holding the list in a global.
const SPINNING: &str = "class Holder:
    def __init__(self):
        self.data = list(range(1_000_000))
def spin():
    print('ready', flush=True)
    while True:
        pass
holder = Holder()
spin()
";

fn run_on_threads(source: &str) {
    let run = run_program(source, &RunOptions::default());
    assert_eq!(run.outcome, Outcome::Finished, "{}", run.stderr());
}

fn stop_on_threads(source: &str) {
    let scheduler = Arc::new(Scheduler::new(Mode::Gil312, Duration::from_secs(30), Arc::new(NativeHost)));
    let program = start_program(source, scheduler.clone());
    while !program.output.text(Stream::Stdout).contains("ready") {
        std::thread::sleep(Duration::from_millis(1));
    }
    scheduler.stop();
    assert_eq!(program.wait().outcome, Outcome::Halted(Halt::Stopped));
}

fn run_on_one_thread(source: &str) {
    let mut program = start_on_one_thread(source);
    assert_eq!(run_slices(&mut program, |_| false), Outcome::Finished, "{}", program.output.text(Stream::Stderr));
}

fn stop_on_one_thread(source: &str) {
    let mut program = start_on_one_thread(source);
    let outcome = run_slices(&mut program, |program| {
        let ready = program.output.text(Stream::Stdout).contains("ready");
        if ready {
            program.stop();
        }
        ready
    });
    assert_eq!(outcome, Outcome::Halted(Halt::Stopped));
}

fn start_on_one_thread(source: &str) -> ProgramOnOneThread {
    start_program_on_one_thread(source, Mode::Gil312, Duration::from_secs(30), Arc::new(NativeHost)).expect("a GIL mode")
}

/// Runs slices until the end, asking `between` after each whether it pressed Stop.
fn run_slices(program: &mut ProgramOnOneThread, mut between: impl FnMut(&ProgramOnOneThread) -> bool) -> Outcome {
    let mut stopped = false;
    loop {
        match program.run_slice(Duration::from_millis(10)) {
            Slice::Ended(outcome) => return outcome,
            Slice::IdleUntil(_) | Slice::Waiting(_) => std::thread::sleep(Duration::from_millis(1)),
            Slice::Ran => {}
        }
        if !stopped {
            stopped = between(program);
        }
    }
}

/// The bytes still allocated after running `source` once more than before, for each program
/// (each run once before, so that what is made once per process is made).
fn bytes_left(programs: &[(&'static str, &str)], run: fn(&str)) -> Vec<(&'static str, isize)> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    programs
        .iter()
        .map(|(name, source)| {
            run(source);
            let before = LIVE_BYTES.load(Ordering::SeqCst);
            run(source);
            // The threads of a run leave a moment after it ends.
            std::thread::sleep(Duration::from_millis(50));
            (*name, LIVE_BYTES.load(Ordering::SeqCst) - before)
        })
        .collect()
}

fn assert_freed(left: &[(&str, isize)]) {
    eprintln!("bytes left after a run: {left:?}");
    let kept: Vec<_> = left.iter().filter(|(_, bytes)| *bytes > LEFT_AT_MOST).collect();
    assert!(kept.is_empty(), "these programs' objects outlived them: {kept:?}");
}

#[test]
fn a_programs_objects_are_freed_when_it_ends_on_threads_of_its_own() {
    assert_freed(&bytes_left(&PROGRAMS, run_on_threads));
}

#[test]
fn a_programs_objects_are_freed_when_it_ends_taking_turns_on_one_thread() {
    assert_freed(&bytes_left(&PROGRAMS, run_on_one_thread));
}

#[test]
fn a_stopped_programs_objects_are_freed_on_threads_of_its_own() {
    assert_freed(&bytes_left(&[("a stopped program", SPINNING)], stop_on_threads));
}

#[test]
fn a_stopped_programs_objects_are_freed_taking_turns_on_one_thread() {
    assert_freed(&bytes_left(&[("a stopped program", SPINNING)], stop_on_one_thread));
}

//! What a learner sees for the programs the issue names: errors with their lines, tracebacks
//! in CPython's form, threads that fail alone, and runs that end however the program behaves.

use std::sync::Arc;
use std::time::{Duration, Instant};

use engine::Clock;
use python::{run_program, run_with_scheduler, Halt, Host, Mode, NativeHost, Outcome, RunOptions, Scheduler, SpawnRefused};

fn run(source: &str) -> python::ProgramRun {
    run_program(source, &RunOptions { mode: Mode::Gil312, time_limit: Duration::from_secs(20) })
}

#[test]
fn a_syntax_error_names_its_line_and_column() {
    let Err(error) = python::parse("x = 1\nfor n in range(3)\n    print(n)\n") else { panic!("no syntax error") };
    assert_eq!((error.line, error.message.as_str()), (2, "expected ':'"));
    assert!(error.column > 1);
}

#[test]
fn an_uncaught_exception_prints_a_cpython_traceback() {
    let run = run("def average(values):\n    return sum(values) / len(values)\n\nprint('start')\naverage([])\n");
    assert_eq!(run.outcome, Outcome::Failed);
    assert_eq!(run.stdout(), "start\n");
    assert_eq!(
        run.stderr(),
        "Traceback (most recent call last):\n  File \"main.py\", line 5, in <module>\n    average([])\n  File \"main.py\", line 2, in average\n    return sum(values) / len(values)\n           ~~~~~~~~~~~~^~~~~~~~~~~~~\nZeroDivisionError: division by zero\n"
    );
}

#[test]
fn an_exception_in_a_thread_kills_only_that_thread() {
    let source = "import threading\n\ndef worker():\n    raise KeyError('thread key')\n\nt = threading.Thread(target=worker)\nt.start()\nt.join()\nprint('main goes on')\n";
    let run = run(source);
    assert_eq!(run.outcome, Outcome::Finished);
    assert_eq!(run.stdout(), "main goes on\n");
    let stderr = run.stderr();
    assert!(stderr.starts_with("Exception in thread Thread-1 (worker):\nTraceback (most recent call last):\n"), "{stderr}");
    assert!(stderr.contains("  File \"main.py\", line 4, in worker\n") && stderr.ends_with("KeyError: 'thread key'\n"), "{stderr}");
}

#[test]
fn unbounded_recursion_is_a_recursion_error_near_depth_1000() {
    let run = run("depth = 0\ndef dive():\n    global depth\n    depth += 1\n    dive()\ntry:\n    dive()\nexcept RecursionError as e:\n    print(e, 900 < depth < 1000)\n");
    assert_eq!(run.stdout(), "maximum recursion depth exceeded True\n");
}

#[test]
fn a_billion_element_list_is_a_memory_error_not_a_dead_process() {
    let run = run("print('allocating')\nbig = [0] * 10**9\n");
    assert_eq!(run.outcome, Outcome::Failed);
    assert!(run.stderr().ends_with("line 2, in <module>\n    big = [0] * 10**9\n          ~~~~^~~~~~~\nMemoryError\n"), "{}", run.stderr());
}

#[test]
fn a_missing_module_is_named_with_its_line() {
    let run = run("import math\nimport asyncio\n");
    assert!(run.stderr().contains("line 2"), "{}", run.stderr());
    assert!(run.stderr().contains("the playground's Python has no module `asyncio`"), "{}", run.stderr());
}

#[test]
fn stop_ends_a_busy_loop_and_sleeping_threads_within_a_second() {
    let source = "import threading, time\nfor _ in range(1000):\n    threading.Thread(target=time.sleep, args=(60,)).start()\nwhile True:\n    pass\n";
    let scheduler = Arc::new(Scheduler::new(Mode::Gil312, Duration::from_secs(60), Arc::new(NativeHost)));
    let stopper = scheduler.clone();
    let pressed = Arc::new(std::sync::Mutex::new(None));
    let pressed_at = pressed.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        *pressed_at.lock().unwrap() = Some(Instant::now());
        stopper.stop();
    });
    let run = run_with_scheduler(source, scheduler);
    let stopped_after = pressed.lock().unwrap().expect("stop was pressed").elapsed();
    assert_eq!(run.outcome, Outcome::Halted(Halt::Stopped));
    assert!(stopped_after < Duration::from_secs(1), "ended {stopped_after:?} after Stop");
}

#[test]
fn a_deadlock_ends_the_run_saying_who_waits_for_what() {
    // Each thread holds its first lock before either asks for its second, however late one starts.
    let source = "import threading\na = threading.Lock()\nb = threading.Lock()\nboth_hold_one = threading.Barrier(2)\ndef forward():\n    with a:\n        both_hold_one.wait()\n        with b:\n            pass\ndef backward():\n    with b:\n        both_hold_one.wait()\n        with a:\n            pass\nthreading.Thread(target=forward).start()\nthreading.Thread(target=backward).start()\n";
    let started = Instant::now();
    let run = run(source);
    assert!(matches!(run.outcome, Outcome::Halted(Halt::Deadlock(_))), "{:?}", run.outcome);
    assert!(started.elapsed() < Duration::from_secs(3));
    let stderr = run.stderr();
    assert!(stderr.contains("deadlock") && stderr.contains("Thread-1 (forward)") && stderr.contains("Thread-2 (backward)"), "{stderr}");
}

#[test]
fn the_time_limit_ends_an_endless_loop() {
    let run = run_program("while True:\n    pass\n", &RunOptions { mode: Mode::Free, time_limit: Duration::from_millis(300) });
    assert_eq!(run.outcome, Outcome::Halted(Halt::TimeLimit));
    assert!(run.stderr().contains("time limit"));
}

#[test]
fn seeded_random_gives_cpythons_numbers() {
    let run = run("import random\nrandom.seed(42)\nprint(random.random(), random.randint(1, 6), random.choice('abc'))\n");
    assert_eq!(run.stdout(), "0.6394267984578837 1 c\n");
}

#[test]
fn floats_print_as_the_shortest_text_that_reads_back() {
    let run = run("print(0.1 + 0.2, 1e16, 1.5e-05, 2.0, -0.0, 1/3, 10**20 / 3, round(2.675, 2))\n");
    assert_eq!(run.stdout(), "0.30000000000000004 1e+16 1.5e-05 2.0 -0.0 0.3333333333333333 3.333333333333333e+19 2.67\n");
}

#[test]
fn output_keeps_the_last_ten_thousand_lines_and_counts_the_rest() {
    let run = run("for i in range(12_000):\n    print(i)\n");
    let (lines, dropped) = run.output.snapshot();
    assert_eq!(dropped, 2_001);
    assert_eq!(lines.last().map(|line| line.text.as_str()), Some("(2000 earlier lines of output were dropped: the last 10000 are kept)"));
    assert_eq!(lines.iter().filter(|line| line.text == "11999").count(), 1);
}

#[test]
fn starting_threads_past_the_limit_raises_runtime_error() {
    let source = "import threading\nrelease = threading.Event()\nstarted = []\ntry:\n    while True:\n        t = threading.Thread(target=release.wait)\n        t.start()\n        started.append(t)\nexcept RuntimeError as error:\n    print(error, len(started) >= 1000)\nrelease.set()\n";
    let run = run(source);
    assert_eq!(run.stdout(), "can't start new thread True\n");
}

#[test]
fn a_list_holding_itself_prints_and_compares_as_in_cpython() {
    let source = "a = []\na.append(a)\nb = []\nb.append(b)\nd = {}\nd['s'] = d\nprint(a, d)\ntry:\n    a == b\nexcept RecursionError as e:\n    print(e)\n";
    assert_eq!(run(source).stdout(), "[[...]] {'s': {...}}\nmaximum recursion depth exceeded in comparison\n");
}

#[test]
fn unbounded_recursion_in_a_thread_is_a_recursion_error_not_a_crash() {
    let source = "import threading\ndef dive(n):\n    return dive(n + 1)\ndef worker():\n    try:\n        dive(0)\n    except RecursionError as e:\n        print(e)\nt = threading.Thread(target=worker)\nt.start()\nt.join()\n";
    assert_eq!(run(source).stdout(), "maximum recursion depth exceeded\n");
}

#[test]
fn print_with_file_sys_stderr_writes_to_stderr() {
    let run = run("import sys\nprint('out')\nprint('err', 1, file=sys.stderr)\nsys.stdout.write('w\\n')\n");
    assert_eq!((run.stdout().as_str(), run.stderr().as_str()), ("out\nw\n", "err 1\n"));
}


/// The native host, with what a browser worker changes: threads that take a while to start,
/// native stacks of a fixed size, a clock rounded to the millisecond.
struct WorkerLikeHost {
    start_delay: Duration,
    stack_bytes: Option<usize>,
    coarse_clock: bool,
}

/// Threads, the main one included, that take 200 ms to start, as a Web Worker may.
const SLOW_TO_START: WorkerLikeHost =
    WorkerLikeHost { start_delay: Duration::from_millis(200), stack_bytes: None, coarse_clock: false };

/// Threads, the main one included, with a 2 MiB native stack, as a browser worker has about 1 MB.
const SMALL_STACKS: WorkerLikeHost = WorkerLikeHost { start_delay: Duration::ZERO, stack_bytes: Some(2 << 20), coarse_clock: false };

/// A clock in whole milliseconds since 1970 ([`CoarseEpochClock`]).
const COARSE_CLOCK: WorkerLikeHost = WorkerLikeHost { start_delay: Duration::ZERO, stack_bytes: None, coarse_clock: true };

impl Host for WorkerLikeHost {
    fn spawn(&self, name: &str, stack_bytes: usize, body: Box<dyn FnOnce() + Send>) -> Result<(), SpawnRefused> {
        let delay = self.start_delay;
        NativeHost.spawn(name, self.stack_bytes.unwrap_or(stack_bytes), Box::new(move || {
            std::thread::sleep(delay);
            body();
        }))
    }
    fn clock(&self) -> &(dyn Clock + Send + Sync) {
        if self.coarse_clock {
            &CoarseEpochClock
        } else {
            NativeHost.clock()
        }
    }
    fn epoch_ms(&self) -> f64 {
        NativeHost.epoch_ms()
    }
    fn cpu_count(&self) -> usize {
        NativeHost.cpu_count()
    }
    fn process_id(&self) -> u32 {
        NativeHost.process_id()
    }
}

#[test]
fn python_calls_nest_on_the_heap_not_on_the_native_stack() {
    let source = "import sys, threading\nsys.setrecursionlimit(60000)\ndef depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\nprint(depth(50000))\nt = threading.Thread(target=lambda: print(depth(50000)))\nt.start()\nt.join()\n";
    let scheduler = Arc::new(Scheduler::new(Mode::Gil312, Duration::from_secs(20), Arc::new(SMALL_STACKS)));
    let run = run_with_scheduler(source, scheduler);
    assert_eq!((run.stdout(), run.stderr()), ("50000\n50000\n".to_string(), String::new()));
}

#[test]
fn recursion_through_a_builtin_stops_at_the_native_nesting_limit() {
    let source = "count = 0\nclass Deep:\n    def __repr__(self):\n        global count\n        count += 1\n        return repr([Deep()])\ntry:\n    repr([Deep()])\nexcept RecursionError as e:\n    print(e, count)\n";
    let limit = python::NATIVE_NESTING_LIMIT;
    // The main module's loop is one level; each item's `__repr__` inside a list is another (a
    // class's own `__repr__` and a sort key are pushed frames, bounded by the recursion limit
    // alone).
    assert_eq!(run(source).stdout(), format!("maximum recursion depth exceeded {}\n", limit - 2));
}

#[test]
fn start_returns_once_the_new_thread_runs_as_in_cpython() {
    let source = "import threading, time\nt = threading.Thread(target=lambda: None)\nbefore = time.monotonic()\nt.start()\nprint(time.monotonic() - before >= 0.2)\nt.join()\n";
    let scheduler = Arc::new(Scheduler::new(Mode::Gil312, Duration::from_secs(20), Arc::new(SLOW_TO_START)));
    let run = run_with_scheduler(source, scheduler);
    assert_eq!((run.stdout(), run.stderr()), ("True\n".to_string(), String::new()));
}

/// A clock as a browser reads it where the page is not cross-origin isolated: milliseconds
/// since 1970, rounded to the millisecond as Firefox and Safari do (Chrome: 0.1 ms).
struct CoarseEpochClock;

impl Clock for CoarseEpochClock {
    fn now_ms(&self) -> f64 {
        static ORIGIN_MS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
        let origin_ms = *ORIGIN_MS.get_or_init(|| NativeHost.epoch_ms().floor());
        (origin_ms + NativeHost.clock().now_ms()).floor()
    }
}

#[test]
fn a_sleep_lasts_at_least_its_time_on_a_coarse_clock_read_in_seconds() {
    let source = "import time\nshort = 0\nfor _ in range(40):\n    start = time.perf_counter()\n    time.sleep(0.01)\n    if time.perf_counter() - start < 0.01:\n        short += 1\nprint('short sleeps:', short)\n";
    let scheduler = Arc::new(Scheduler::new(Mode::Gil312, Duration::from_secs(20), Arc::new(COARSE_CLOCK)));
    assert_eq!(run_with_scheduler(source, scheduler).stdout(), "short sleeps: 0\n");
}

#[test]
fn a_timed_wait_lasts_at_least_its_timeout_on_a_coarse_clock_read_in_seconds() {
    // Each gives up after its timeout: a held lock, an unset Event, an empty Queue, a thread
    // that waits for the Event; each wait must read at least 0.01 s on the program's clock.
    let source = "import queue, threading, time
lock = threading.Lock()
lock.acquire()
never = threading.Event()
empty = queue.Queue()
sleeper = threading.Thread(target=never.wait)
sleeper.start()
def get_from_empty():
    try:
        empty.get(timeout=0.01)
    except queue.Empty:
        pass
waits = {'acquire': lambda: lock.acquire(timeout=0.01), 'Event.wait': lambda: never.wait(0.01),
         'Queue.get': get_from_empty, 'join': lambda: sleeper.join(0.01)}
for name, wait in waits.items():
    short = 0
    for _ in range(20):
        start = time.monotonic()
        wait()
        if time.monotonic() - start < 0.01:
            short += 1
    print(name, 'short waits:', short)
never.set()
";
    let scheduler = Arc::new(Scheduler::new(Mode::Gil312, Duration::from_secs(20), Arc::new(COARSE_CLOCK)));
    let expected = "acquire short waits: 0\nEvent.wait short waits: 0\nQueue.get short waits: 0\njoin short waits: 0\n";
    assert_eq!(run_with_scheduler(source, scheduler).stdout(), expected);
}

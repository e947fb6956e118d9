//! A program whose threads take turns on the caller's thread, slice by slice, as a page
//! without shared memory runs it on one worker: switching under the mode's rule, sleeping
//! threads leave the slice idle, deadlock, Stop and the time limit end it, and free-threaded
//! Python is refused.

use std::sync::Arc;
use std::time::{Duration, Instant};

use engine::WorkerState;
use python::{start_program_on_one_thread, Halt, Host, Mode, NativeHost, Outcome, ProgramOnOneThread, Slice, Stream};

fn start(source: &str, mode: Mode, time_limit: Duration) -> ProgramOnOneThread {
    start_program_on_one_thread(source, mode, time_limit, Arc::new(NativeHost)).expect("a GIL mode")
}

/// Runs slices of 10 ms until the end, sleeping while idle; how it ended and the slices seen.
fn run_to_end(program: &mut ProgramOnOneThread) -> (Outcome, Vec<Slice>) {
    let mut slices = Vec::new();
    loop {
        let slice = program.run_slice(Duration::from_millis(10));
        slices.push(slice.clone());
        match slice {
            Slice::Ran => {}
            Slice::IdleUntil(at) | Slice::Waiting(at) => {
                let now = NativeHost.clock().now_ms();
                std::thread::sleep(Duration::from_secs_f64((at - now).max(0.0) / 1000.0));
            }
            Slice::Ended(outcome) => return (outcome, slices),
        }
    }
}

/// Two threads count; the first to finish says whether the other was part-way (so they took
/// turns rather than ran one after the other).
const TWO_COUNTERS: &str = "import threading
counts = [0, 0]
other_part_way = []
def count(which):
    for _ in range(300000):
        counts[which] += 1
    other_part_way.append(0 < counts[1 - which] < 300000)
threads = [threading.Thread(target=count, args=(n,)) for n in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counts, other_part_way[0])
";

#[test]
fn threads_take_turns_and_each_runs_while_the_other_waits_for_the_gil() {
    for mode in [Mode::Gil312, Mode::Gil39] {
        let mut program = start(TWO_COUNTERS, mode, Duration::from_secs(30));
        let (outcome, _) = run_to_end(&mut program);
        assert_eq!((outcome, program.output.text(Stream::Stdout)), (Outcome::Finished, "[300000, 300000] True\n".to_string()));
        let lanes = program.recorder.read_lanes(&[]);
        let workers: Vec<_> = lanes.iter().filter(|lane| lane.name().starts_with("Thread-")).collect();
        assert_eq!(workers.len(), 2);
        for lane in workers {
            let times = lane.state_times(NativeHost.clock().now_ms());
            // Each ran in turns of about the switch interval while the other waited.
            let (running, waiting) = (times.of(WorkerState::Running), times.of(WorkerState::WaitingForGil));
            assert!(running > 0.0 && waiting > 0.0, "{}: running {running} ms, waiting {waiting} ms", lane.name());
        }
    }
}

#[test]
fn the_gil39_rule_loses_updates_where_the_gil312_rule_does_not() {
    let source = "import threading
balance = 0
def deposit():
    global balance
    for _ in range(200000):
        balance += 1
threads = [threading.Thread(target=deposit) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(balance)
";
    let balance = |mode| {
        let mut program = start(source, mode, Duration::from_secs(30));
        run_to_end(&mut program);
        program.output.text(Stream::Stdout).trim().parse::<u64>().expect("a number")
    };
    assert_eq!(balance(Mode::Gil312), 400_000);
    let lost = (0..5).filter(|_| balance(Mode::Gil39) < 400_000).count();
    assert!(lost > 0, "gil39 on one thread lost no update in 5 runs");
}

#[test]
fn sleeping_threads_leave_the_slice_idle_until_the_first_wakes() {
    let source = "import threading, time
def nap():
    time.sleep(0.2)
    print('woke')
t = threading.Thread(target=nap)
t.start()
time.sleep(0.3)
t.join()
print('done')
";
    let mut program = start(source, Mode::Gil312, Duration::from_secs(30));
    let started = Instant::now();
    let (outcome, slices) = run_to_end(&mut program);
    assert_eq!((outcome, program.output.text(Stream::Stdout)), (Outcome::Finished, "woke\ndone\n".to_string()));
    assert!(slices.iter().any(|slice| matches!(slice, Slice::IdleUntil(_))), "{slices:?}");
    assert!(slices.len() < 20, "it ran slices while every thread slept: {slices:?}");
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[test]
fn a_lone_thread_stays_running_from_slice_to_slice() {
    let mut program = start("n = 300000\nwhile n > 0:\n    n -= 1\n", Mode::Gil312, Duration::from_secs(30));
    let mut slices = 0;
    while program.run_slice(Duration::from_millis(1)) == Slice::Ran {
        slices += 1;
    }
    assert!(slices > 3, "the loop took {slices} slices: too few to cross between slices");
    let lanes = program.recorder.read_lanes(&[]);
    let intervals = lanes[0].intervals(f64::MAX);
    let waits = intervals.iter().filter(|interval| interval.state == WorkerState::WaitingForGil).count();
    // The main thread waits for its first turn, and for none after it.
    assert_eq!(waits, 1, "{intervals:?}");
}

#[test]
fn a_deadlock_ends_the_run_saying_who_waits_for_what() {
    let source = "import threading
a = threading.Lock()
b = threading.Lock()
def other():
    with b:
        got_b.set()
        with a:
            pass
got_b = threading.Event()
with a:
    t = threading.Thread(target=other)
    t.start()
    got_b.wait()
    with b:
        pass
";
    let mut program = start(source, Mode::Gil312, Duration::from_secs(30));
    let started = Instant::now();
    let (outcome, _) = run_to_end(&mut program);
    let Outcome::Halted(Halt::Deadlock(report)) = outcome else { panic!("{outcome:?}") };
    assert!(report.contains("MainThread waits for a lock held by Thread-1 (other)"), "{report}");
    assert!(report.contains("Thread-1 (other) waits for a lock held by MainThread"), "{report}");
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn stop_ends_the_program_at_the_next_slice() {
    let mut program = start("while True:\n    pass\n", Mode::Gil312, Duration::from_secs(30));
    assert_eq!(program.run_slice(Duration::from_millis(20)), Slice::Ran);
    program.stop();
    assert_eq!(program.run_slice(Duration::from_millis(20)), Slice::Ended(Outcome::Halted(Halt::Stopped)));
    assert_eq!(program.output.text(Stream::Stderr), "Stopped.\n");
}

#[test]
fn the_time_limit_ends_an_endless_loop() {
    let mut program = start("import threading\nthreading.Thread(target=lambda: None).start()\nwhile True:\n    pass\n", Mode::Gil39, Duration::from_millis(300));
    let (outcome, _) = run_to_end(&mut program);
    assert_eq!(outcome, Outcome::Halted(Halt::TimeLimit));
    assert!(program.output.text(Stream::Stderr).contains("time limit"));
}

#[test]
fn a_slice_ends_near_its_budget_however_long_the_program() {
    let mut program = start("while True:\n    pass\n", Mode::Gil312, Duration::from_secs(30));
    let started = Instant::now();
    assert_eq!(program.run_slice(Duration::from_millis(20)), Slice::Ran);
    assert!(started.elapsed() < Duration::from_millis(500), "{:?}", started.elapsed());
}

#[test]
fn free_threaded_python_is_refused_with_the_reason() {
    let Err(refused) = start_program_on_one_thread("print(1)\n", Mode::Free, Duration::from_secs(1), Arc::new(NativeHost)) else {
        panic!("free-threaded ran on one thread")
    };
    assert!(refused.0.contains("parallel"), "{}", refused.0);
}

#[test]
fn a_thread_blocked_inside_a_built_in_lets_the_others_run_until_it_can_go_on() {
    // `join` inside the `__repr__` of a list's item runs on a run loop the list's repr nests:
    // the thread cannot park there, so it takes the other threads' turns itself until the one
    // it joins has ended.
    let source = "import threading, time
def nap(n):
    time.sleep(0.05 * n)
class Joined:
    def __init__(self, thread):
        self.thread = thread
    def __repr__(self):
        self.thread.join()
        return self.thread.name
threads = [threading.Thread(target=nap, args=(n,), name=f'nap-{n}') for n in (2, 1)]
for t in threads:
    t.start()
print([Joined(t) for t in threads])
print(list(map(lambda t: t.is_alive(), threads)))
";
    let mut program = start(source, Mode::Gil312, Duration::from_secs(30));
    let (outcome, _) = run_to_end(&mut program);
    assert_eq!((outcome, program.output.text(Stream::Stdout)), (Outcome::Finished, "[nap-2, nap-1]\n[False, False]\n".to_string()));
}

#[test]
fn dropping_a_running_program_frees_its_threads() {
    let source = "import threading\ndef spin():\n    while True:\n        pass\nthreading.Thread(target=spin).start()\nthreading.Event().wait()\n";
    let mut program = start(source, Mode::Gil312, Duration::from_secs(30));
    assert_eq!(program.run_slice(Duration::from_millis(30)), Slice::Ran);
    let scheduler = Arc::downgrade(&program.scheduler);
    drop(program);
    // Each thread held the interpreter, which holds the scheduler: nothing is left.
    assert!(scheduler.upgrade().is_none(), "the program's scheduler outlived it");
}

#[test]
fn a_program_on_one_thread_waits_for_processes_of_a_tree_that_answers_at_once() {
    // The native tree answers at once or within a wait: a thread parked on it looks again
    // every wait slice, and the program's end joins its children.
    let source = "import multiprocessing
def put(q):
    q.put(sum(range(10)))
if __name__ == '__main__':
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=put, args=(q,))
    p.start()
    print(q.get(), sorted(q.get(timeout=0.01) if not q.empty() else 0 for _ in range(1)))
    p.join()
    print(p.exitcode)
";
    let mut program = start(source, Mode::Gil312, Duration::from_secs(30));
    let started = Instant::now();
    let (outcome, _) = run_to_end(&mut program);
    assert_eq!((outcome, program.output.text(Stream::Stdout)), (Outcome::Finished, "45 [0]\n0\n".to_string()), "{}", program.output.text(Stream::Stderr));
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

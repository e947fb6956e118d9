//! What a learner sees on the timeline of a program: a lane per Python thread, added when the
//! thread starts and named as Python names it, in the engine's states, with the object a
//! blocked thread waits on named as `hex(id(…))` shows it.

use std::sync::Arc;
use std::time::Duration;

use engine::{LaneHistory, Waitable, WorkerState};
use python::{run_program, start_program, Mode, NativeHost, RunOptions, Scheduler};

fn run(source: &str) -> python::ProgramRun {
    run_program(source, &RunOptions { mode: Mode::Gil312, time_limit: Duration::from_secs(20) })
}

/// Every state of `lane`, described as the readout says it ("blocked on a lock (Lock at 0x…)").
fn described(lane: &LaneHistory) -> Vec<String> {
    lane.intervals(f64::MAX).iter().map(|interval| lane.describe(interval)).chain(lane.has_ended().then(|| "done".to_owned())).collect()
}

#[test]
fn the_timeline_has_a_lane_per_thread_named_as_python_names_it() {
    // The main thread keeps the lock until the worker has slept and is about to ask for it,
    // however late the worker starts.
    let source = "import threading, time\nlock = threading.Lock()\nslept = threading.Event()\nprint(hex(id(lock)))\ndef worker():\n    time.sleep(0.05)\n    slept.set()\n    with lock:\n        pass\nwith lock:\n    t = threading.Thread(target=worker)\n    t.start()\n    slept.wait()\n    time.sleep(0.1)\nt.join()\n";
    let run = run(source);
    let lock = format!("Lock at {}", run.stdout().trim());
    let lanes = run.recorder.histories();
    let names: Vec<&str> = lanes.iter().map(LaneHistory::name).collect();
    assert_eq!(names, ["MainThread", "Thread-1 (worker)"]);
    let worker = described(&lanes[1]);
    assert_eq!(worker.first().map(String::as_str), Some("starting"), "{worker:?}");
    assert!(worker.contains(&"sleeping".to_owned()), "{worker:?}");
    assert!(worker.contains(&format!("blocked on a lock ({lock})")), "{worker:?}");
    assert_eq!(worker.last().map(String::as_str), Some("done"));
    assert!(described(&lanes[0]).contains(&"blocked on a join (Thread-1 (worker))".to_owned()), "{:?}", described(&lanes[0]));
}

#[test]
fn a_thread_blocked_on_each_primitive_shows_which_one() {
    let source = "\
import threading, queue, time
cond = threading.Condition()
event = threading.Event()
sem = threading.Semaphore(0)
barrier = threading.Barrier(2)
q = queue.Queue()
for name, obj in [('cond', cond), ('event', event), ('sem', sem), ('barrier', barrier), ('q', q)]:
    print(name, hex(id(obj)))
# The waiter says when it is about to block on the next one; only then does the main thread
# wait a little and wake it, however late the waiter starts.
about_to_block = threading.Semaphore(0)
def waiter():
    with cond:
        about_to_block.release()
        cond.wait()
    about_to_block.release()
    event.wait()
    about_to_block.release()
    sem.acquire()
    about_to_block.release()
    barrier.wait()
    about_to_block.release()
    q.get()
def notify():
    with cond:
        cond.notify()
t = threading.Thread(target=waiter, name='waiter')
t.start()
for wake in [notify, event.set, sem.release, barrier.wait, lambda: q.put(1)]:
    about_to_block.acquire()
    time.sleep(0.05)
    wake()
t.join()
";
    let run = run(source);
    assert_eq!(run.stderr(), "");
    let ids: std::collections::HashMap<String, String> =
        run.stdout().lines().map(|line| line.split_once(' ').map(|(name, id)| (name.to_owned(), id.to_owned())).unwrap()).collect();
    let waiter = described(&run.recorder.histories()[1]);
    for expected in [
        format!("blocked on a condition (Condition at {})", ids["cond"]),
        format!("blocked on an event (Event at {})", ids["event"]),
        format!("blocked on a semaphore (Semaphore at {})", ids["sem"]),
        format!("blocked on a barrier (Barrier at {})", ids["barrier"]),
        format!("blocked on a queue (Queue at {} (get))", ids["q"]),
    ] {
        assert!(waiter.contains(&expected), "{expected} not in {waiter:?}");
    }
}

#[test]
fn a_lane_appears_on_the_recorder_while_the_program_runs() {
    let source = "import threading, time\ntime.sleep(0.3)\nt = threading.Thread(target=time.sleep, args=(0.3,))\nt.start()\nt.join()\n";
    let scheduler = Arc::new(Scheduler::new(Mode::Gil312, Duration::from_secs(20), Arc::new(NativeHost)));
    let running = start_program(source, scheduler);
    let mut lanes: Vec<LaneHistory> = Vec::new();
    let mut counts_seen = Vec::new();
    while running.outcome().is_none() {
        lanes = running.recorder.read_lanes(&lanes);
        if counts_seen.last() != Some(&lanes.len()) {
            counts_seen.push(lanes.len());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(counts_seen.iter().filter(|&&count| count > 0).copied().collect::<Vec<_>>(), [1, 2], "{counts_seen:?}");
    assert_eq!(lanes[1].name(), "Thread-1 (sleep)");
    let thread_started_ms = lanes[1].events().next().unwrap().at_ms;
    assert!(thread_started_ms >= 300.0, "the thread's lane starts when it does: {thread_started_ms} ms");
    assert!(lanes[1].events().any(|event| event.state == WorkerState::Sleeping));
    assert!(lanes[0].events().any(|event| event.state == WorkerState::BlockedOn(Waitable::Join)));
}

/// The longest stretch any thread of `run` waited for the GIL (ms).
fn longest_wait_for_the_gil(run: &python::ProgramRun) -> f64 {
    let lanes = run.recorder.histories();
    let waits = lanes.iter().flat_map(|lane| lane.intervals(f64::MAX)).filter(|interval| interval.state == WorkerState::WaitingForGil);
    waits.map(|interval| interval.end_ms - interval.start_ms).fold(0.0, f64::max)
}

#[test]
fn sys_setswitchinterval_sets_how_long_a_thread_waits_before_asking_for_the_gil() {
    let source = "\
import sys, threading, time
sys.setswitchinterval(0.08)
def spin():
    end = time.perf_counter() + 0.4
    while time.perf_counter() < end:
        pass
t = threading.Thread(target=spin)
t.start()
spin()
t.join()
print(sys.getswitchinterval())
";
    let run = run(source);
    assert_eq!(run.stdout(), "0.08\n");
    // A waiter asks for the GIL only after a whole interval without a switch: with CPython's
    // 5 ms the waits would be about 5 ms long.
    let longest = longest_wait_for_the_gil(&run);
    assert!(longest >= 79.0, "the longest wait for the GIL was {longest:.1} ms");
}

#[test]
fn a_scheduler_set_before_the_run_gives_the_program_its_switch_interval() {
    let scheduler = Arc::new(Scheduler::new(Mode::Gil312, Duration::from_secs(20), Arc::new(NativeHost)));
    scheduler.set_switch_interval(Duration::from_micros(2500));
    let run = start_program("import sys\nprint(sys.getswitchinterval())\n", scheduler).wait();
    assert_eq!(run.stdout(), "0.0025\n");
}

/// A host that takes `delay` to start a thread, as a page without a parked worker would.
struct SlowHost {
    delay: Duration,
}

impl python::Host for SlowHost {
    fn spawn(&self, name: &str, stack_bytes: usize, body: Box<dyn FnOnce() + Send>) -> Result<(), python::SpawnRefused> {
        let delay = self.delay;
        NativeHost.spawn(name, stack_bytes, Box::new(move || {
            std::thread::sleep(delay);
            body();
        }))
    }

    fn clock(&self) -> &(dyn engine::Clock + Send + Sync) {
        NativeHost.clock()
    }

    fn epoch_ms(&self) -> f64 {
        NativeHost.epoch_ms()
    }

    fn cpu_count(&self) -> usize {
        1
    }

    fn process_id(&self) -> u32 {
        1
    }
}

#[test]
fn the_main_threads_wait_for_its_host_shows_as_starting_on_its_lane() {
    let scheduler = Arc::new(Scheduler::new(Mode::Gil312, Duration::from_secs(20), Arc::new(SlowHost { delay: Duration::from_millis(60) })));
    let run = start_program("print('hello')\n", scheduler).wait();
    assert_eq!(run.stdout(), "hello\n");
    let lanes = run.recorder.histories();
    assert_eq!(lanes[0].name(), "MainThread");
    let first = lanes[0].intervals(f64::MAX)[0];
    assert_eq!(first.state, WorkerState::Starting);
    assert!(first.end_ms - first.start_ms >= 59.0, "starting lasted {:.1} ms", first.end_ms - first.start_ms);
}

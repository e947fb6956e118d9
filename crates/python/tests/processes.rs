//! `multiprocessing` natively: each process is a separate interpreter on an OS thread of the
//! program's [`NativeProcesses`] tree. What the corpus cannot say: a lane per process and
//! thread, the limit of processes, Stop and a child that never ends, updates lost by an
//! unlocked `+=` on a shared `Value`, and the bytes moved.

use std::sync::Arc;
use std::time::{Duration, Instant};

use engine::{LaneHistory, WorkerState};
use python::{run_with_scheduler, Halt, Mode, NativeProcesses, Outcome, ProgramRun, Scheduler};

fn scheduler(tree: &Arc<NativeProcesses>, mode: Mode) -> Arc<Scheduler> {
    Arc::new(Scheduler::new(mode, Duration::from_secs(30), tree.host_of(std::process::id())))
}

fn run(source: &str) -> (ProgramRun, Arc<NativeProcesses>) {
    let tree = NativeProcesses::new_tree();
    let run = run_with_scheduler(source, scheduler(&tree, Mode::Gil312));
    (run, tree)
}

fn lane_names(lanes: &[LaneHistory]) -> Vec<&str> {
    lanes.iter().map(LaneHistory::name).collect()
}

#[test]
fn every_process_has_its_own_lanes_named_as_cpython_names_them() {
    let source = "\
import multiprocessing, threading
def helper():
    pass
def work():
    t = threading.Thread(target=helper)
    t.start()
    t.join()
def square(x):
    return x * x
if __name__ == '__main__':
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
    with multiprocessing.Pool(2) as pool:
        print(pool.map(square, [1, 2, 3]))
";
    let (run, tree) = run(source);
    assert_eq!(run.outcome, Outcome::Finished, "{}", run.stderr());
    let timelines = tree.timelines();
    let names: Vec<&str> = timelines.iter().map(|timeline| timeline.name.as_str()).collect();
    assert_eq!(names, ["Process-1", "SpawnPoolWorker-2", "SpawnPoolWorker-3"]);
    let parent = std::process::id();
    assert!(timelines.iter().all(|timeline| timeline.parent_pid == parent));
    let child = timelines[0].recorder.histories();
    assert_eq!(lane_names(&child), ["MainThread", "Thread-1 (helper)"]);
    let first = child[0].intervals(f64::MAX).first().map(|interval| interval.state);
    assert_eq!(first, Some(WorkerState::Starting), "a process's main thread starts as starting");
    assert!(child.iter().all(LaneHistory::has_ended), "every lane of an ended process is done");
    let workers: Vec<String> = timelines[1..].iter().flat_map(|worker| described(&worker.recorder.histories()[0])).collect();
    assert!(workers.iter().any(|state| state.starts_with("receiving")), "{workers:?}");
    assert!(workers.contains(&"sending".to_owned()), "{workers:?}");
    let main = described(&run.recorder.histories()[0]);
    assert!(main.contains(&"sending".to_owned()), "{main:?}");
}

/// Every state of `lane`, as the readout says it ("receiving (the pool's tasks)").
fn described(lane: &LaneHistory) -> Vec<String> {
    lane.intervals(f64::MAX).iter().map(|interval| lane.describe(interval)).collect()
}

#[test]
fn starting_more_than_32_processes_at_once_is_a_clear_error() {
    let source = "\
import multiprocessing
def wait_for(go):
    go.wait()
if __name__ == '__main__':
    # Every child waits until the parent has tried all 40: however slowly they start, the
    # first 32 are all still running then.
    go = multiprocessing.Event()
    started = []
    try:
        for _ in range(40):
            p = multiprocessing.Process(target=wait_for, args=(go,), daemon=True)
            p.start()
            started.append(p)
    except RuntimeError as e:
        print(len(started), e)
    go.set()
";
    let (run, _) = run(source);
    assert_eq!(run.stdout(), "32 can't start new process: the playground runs at most 32 processes at once\n", "{}", run.stderr());
}

#[test]
fn stop_ends_every_process_even_one_looping_forever() {
    let source = "\
import multiprocessing
def spin():
    while True:
        pass
if __name__ == '__main__':
    for _ in range(3):
        multiprocessing.Process(target=spin).start()
    while True:
        pass
";
    let tree = NativeProcesses::new_tree();
    let scheduler = scheduler(&tree, Mode::Gil312);
    let stopper = scheduler.clone();
    let watched = tree.clone();
    std::thread::spawn(move || {
        let started = Instant::now();
        while watched.alive_now() < 3 && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        stopper.stop();
    });
    let run = run_with_scheduler(source, scheduler);
    assert_eq!(run.outcome, Outcome::Halted(Halt::Stopped));
    let ended = Instant::now();
    while tree.alive_now() > 0 && ended.elapsed() < Duration::from_secs(1) {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(tree.alive_now(), 0, "every child ended within a second of the program");
}

#[test]
fn an_unlocked_plus_equals_on_a_shared_value_from_two_processes_loses_updates() {
    let source = "\
import multiprocessing
def add(counter, times):
    for _ in range(times):
        counter.value += 1
if __name__ == '__main__':
    counter = multiprocessing.Value('i', 0)
    workers = [multiprocessing.Process(target=add, args=(counter, 20000)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(counter.value)
";
    let counts: Vec<u64> = (0..4).map(|_| run(source).0.stdout().trim().parse().unwrap_or(0)).collect();
    assert!(counts.iter().all(|count| *count <= 40_000 && *count >= 20_000), "{counts:?}");
    assert!(counts.iter().any(|count| *count < 40_000), "no update lost in 4 runs: {counts:?}");
}

#[test]
fn the_bytes_moved_between_processes_are_counted() {
    let source = "\
import multiprocessing
def echo(q, back):
    back.put(q.get())
if __name__ == '__main__':
    q, back = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=echo, args=(q, back))
    p.start()
    before = multiprocessing.bytes_moved()
    q.put('x' * 1000)
    print(len(back.get()))
    p.join()
    print(multiprocessing.bytes_moved() - before >= 2000)
";
    let (run, tree) = run(source);
    assert_eq!(run.stdout(), "1000\nTrue\n", "{}", run.stderr());
    assert!(tree.bytes_moved() > 2000);
}

#[test]
fn a_child_prints_under_its_process_name() {
    let source = "\
import multiprocessing
def hello():
    print('from the child')
if __name__ == '__main__':
    print('from the parent')
    p = multiprocessing.Process(target=hello)
    p.start()
    p.join()
";
    let (run, _) = run(source);
    let (lines, _) = run.output.snapshot();
    let tagged: Vec<(&str, &str)> = lines.iter().map(|line| (&*line.thread, line.text.as_str())).collect();
    assert_eq!(tagged, [("MainThread", "from the parent"), ("Process-1/MainThread", "from the child")]);
}

#[test]
fn a_parent_waiting_half_a_second_for_its_pool_is_no_deadlock() {
    let source = "\
import multiprocessing, time
def slow(x):
    time.sleep(0.5)
    return x
if __name__ == '__main__':
    with multiprocessing.Pool(1) as pool:
        print(pool.apply(slow, (7,)))
";
    let (run, _) = run(source);
    assert_eq!(run.outcome, Outcome::Finished, "{}", run.stderr());
    assert_eq!(run.stdout(), "7\n");
}

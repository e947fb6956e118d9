//! What only real parallelism shows: free-threaded workers run on two cores at the same
//! moments; the GIL never lets them; the free-threading overhead makes each tick cost more.
//!
//! Recorded "running" intervals cannot tell parallel from interleaved: on one core two free
//! threads are both "running" for the whole run while the OS takes turns between them. Nor can
//! tick rates, on a machine whose cores change speed with its load. So these tests read each
//! worker thread's own CPU time (Linux's `/proc/<pid>/task/<tid>/schedstat`) in short windows:
//! a window in which the two threads together were on a CPU for clearly longer than the window
//! lasted had them on two cores at once.
#![cfg(target_os = "linux")]

use std::sync::{mpsc, Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use engine::{busy_ms, run_natively, run_worker, Clock, Experiment, GilPolicy, Mode, NativeClock, Scenario, SharedRun};

/// The tests of this file run one at a time: each needs the cores for itself.
static CORES: Mutex<()> = Mutex::new(());

fn cores_to_myself() -> MutexGuard<'static, ()> {
    CORES.lock().unwrap_or_else(|poison| poison.into_inner())
}

/// How long each window between two looks at the CPU times lasts: long against the kernel's
/// accounting of a running thread, which moves in steps of a scheduler tick (up to 4 ms).
const WINDOW: Duration = Duration::from_millis(25);

/// Runs `scenario` (two lanes) on threads of its own and returns, for every window of about
/// [`WINDOW`] until both are done, the CPU time the two threads had in it, as a share of the
/// window's length (2 at most: both on a core all the time).
fn cpu_shares_by_window(scenario: &Scenario) -> Vec<f64> {
    let run = Arc::new(SharedRun::new(scenario, NativeClock.now_ms()));
    let (tids, workers): (Vec<_>, Vec<_>) = (0..2)
        .map(|lane| {
            let (run, (tell, tid)) = (run.clone(), mpsc::channel());
            let worker = thread::spawn(move || {
                tell.send(own_tid()).expect("the test waits for it");
                run_worker(&run, lane, &NativeClock);
            });
            (tid.recv().expect("a worker says who it is"), worker)
        })
        .unzip();
    let mut shares = Vec::new();
    let mut last = look(&tids);
    while !workers.iter().all(|worker| worker.is_finished()) {
        thread::sleep(WINDOW);
        let now = look(&tids);
        if let (Some((cpu_before, before)), Some((cpu_after, after))) = (last, now) {
            shares.push((cpu_after - cpu_before) as f64 / after.duration_since(before).as_nanos() as f64);
        }
        last = now;
    }
    shares
}

/// This thread's id, from the link `/proc/thread-self` (`<pid>/task/<tid>`).
fn own_tid() -> String {
    let link = std::fs::read_link("/proc/thread-self").expect("Linux's /proc");
    link.file_name().expect("a tid").to_string_lossy().into_owned()
}

/// Nanoseconds the thread `tid` of this process has spent on a CPU (`None` once it has ended).
fn cpu_ns(tid: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/self/task/{tid}/schedstat")).ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Both threads' CPU time so far, and when it was read, if both still run and the reading was
/// not interrupted (the OS may stop this thread between the reads, which would blur the window).
fn look(tids: &[String]) -> Option<(u64, Instant)> {
    let before = Instant::now();
    let cpu = tids.iter().map(|tid| cpu_ns(tid)).sum::<Option<u64>>()?;
    let after = Instant::now();
    (after.duration_since(before) < Duration::from_micros(200)).then_some((cpu, after))
}

/// Windows in which the two threads together were on a CPU for 1.5 times the window's length
/// or more: impossible unless both ran on separate cores at the same moments (the accounting's
/// steps can add up to 2 × 4 ms to a 25 ms window, 0.32 of it).
fn windows_only_two_cores_explain(shares: &[f64]) -> usize {
    shares.iter().filter(|share| **share >= 1.5).count()
}

fn countdown(mode: Mode, count: u64) -> Scenario {
    Scenario { experiment: Experiment::Countdown { count }, mode, workers: 2, ..Scenario::default() }
}

/// Long enough for many windows in either profile.
fn a_countdown_of_a_few_hundred_milliseconds() -> u64 {
    if cfg!(debug_assertions) { 40_000_000 } else { 400_000_000 }
}

#[test]
fn free_threaded_workers_run_at_the_same_time() {
    let _cores = cores_to_myself();
    let cores = thread::available_parallelism().map_or(1, |cores| cores.get());
    assert!(cores >= 2, "running at the same time needs two cores; this process may use {cores}");
    // Other programs may hold one of the cores for a while: up to five runs to find the moments
    // both were free.
    let scenario = countdown(Mode::FreeThreaded, a_countdown_of_a_few_hundred_milliseconds());
    let (machine_before, started) = (machine_busy_cores_ms(), Instant::now());
    let mut shares = Vec::new();
    for _ in 0..5 {
        shares.extend(cpu_shares_by_window(&scenario));
        if windows_only_two_cores_explain(&shares) >= 3 {
            return;
        }
    }
    // When other programs kept a core busy meanwhile, there was no second core to show: the
    // test can say nothing. (Pinned to one core of an idle machine, nothing else runs, and it
    // fails.)
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    let ours = shares.iter().sum::<f64>() / shares.len().max(1) as f64;
    let others = (machine_busy_cores_ms() - machine_before) / elapsed_ms - ours;
    if others > 0.5 {
        eprintln!("inconclusive: other programs kept {others:.2} of this machine's cores busy meanwhile");
        return;
    }
    let parallel = windows_only_two_cores_explain(&shares);
    panic!("{parallel} of {} windows had both worker threads on a CPU together ({ours:.2} of a core on average, other programs {others:.2})", shares.len());
}

/// Python 3.1's GIL fails its waiters only when they run on a core of their own: the holder
/// releases and takes the GIL straight back before the woken waiter, on another core, gets to
/// it. Sharing one core, the woken waiter preempts the holder between its release and its
/// retake, and wins every time, as Python 3.1 did on one core.
#[test]
fn the_python_3_1_gil_on_two_cores_records_failed_acquisitions() {
    let _cores = cores_to_myself();
    let scenario = Scenario {
        experiment: Experiment::MonteCarloPi { samples: if cfg!(debug_assertions) { 5_000_000 } else { 20_000_000 }, seed: 1 },
        mode: Mode::ThreadsWithGil,
        workers: 2,
        gil_policy: GilPolicy::CheckInterval { ticks: 100 },
        ..Scenario::default()
    };
    let (machine_before, started) = (machine_busy_cores_ms(), Instant::now());
    let mut seen = Vec::new();
    for _ in 0..5 {
        let gil = run_natively(&scenario, None).gil.expect("a GIL run");
        if gil.failed_acquisitions > 0 {
            return;
        }
        seen.push(gil);
    }
    // Two worker threads near 1 core between them: when other programs held the rest, the
    // workers shared a core and the test can say nothing.
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    let others = (machine_busy_cores_ms() - machine_before) / elapsed_ms - 1.0;
    if others > 0.5 {
        eprintln!("inconclusive: other programs kept {others:.2} of this machine's cores busy meanwhile");
        return;
    }
    panic!("no failed acquisition in five runs: {seen:?}");
}

/// Milliseconds of CPU time every core of the machine has been busy so far (Linux's `/proc/stat`,
/// in hundredths of a second).
fn machine_busy_cores_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").expect("Linux's /proc");
    let ticks: Vec<f64> = stat.lines().next().expect("the cpu line").split_whitespace().skip(1).filter_map(|n| n.parse().ok()).collect();
    // user, nice, system, idle, iowait, irq, softirq, steal: all but idle and iowait were busy.
    let busy: f64 = ticks.iter().take(8).enumerate().filter(|(field, _)| *field != 3 && *field != 4).map(|(_, n)| n).sum();
    busy * 10.0
}

#[test]
fn workers_under_the_gil_never_go_faster_together_than_one_alone() {
    let _cores = cores_to_myself();
    let windows = cpu_shares_by_window(&countdown(Mode::ThreadsWithGil, a_countdown_of_a_few_hundred_milliseconds()));
    assert!(windows.len() >= 4, "only {} windows", windows.len());
    assert_eq!(windows_only_two_cores_explain(&windows), 0, "CPU shares by window: {windows:.2?}");
}

/// Running time of one free-threaded worker counting down.
fn running_ms(overhead_percent: u64) -> f64 {
    let scenario = Scenario {
        free_threading_overhead_percent: overhead_percent,
        workers: 1,
        ..countdown(Mode::FreeThreaded, a_countdown_of_a_few_hundred_milliseconds() / 2)
    };
    let run = run_natively(&scenario, None);
    let end = run.lanes.iter().filter_map(|events| events.last()).map(|event| event.at_ms).fold(0.0, f64::max);
    busy_ms(&run.lanes, end)
}

#[test]
fn the_free_threading_overhead_makes_every_tick_cost_more() {
    let _cores = cores_to_myself();
    // 100 % doubles each slice's time; without the overhead the ratio is 1.0. Runs in adjacent
    // pairs, the median ratio: this machine's speed changes over seconds, by up to twice, which
    // the two runs of a pair mostly share.
    let mut ratios: Vec<f64> = (0..5).map(|_| running_ms(100) / running_ms(0)).collect();
    ratios.sort_by(f64::total_cmp);
    assert!(ratios[2] > 1.3, "a 100 % overhead made the running time {:.2}x (median of {ratios:?})", ratios[2]);
}

//! The native [`ProcessHost`]: each process of a program's tree is an interpreter of its own on
//! an OS thread, and what passes between them are byte messages on channels kept here (as a
//! page would pass them by `postMessage`). Shared words and semaphores stand for the shared
//! memory `Value`, `Array` and the locks of `multiprocessing` live in.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, Weak};
use std::time::Duration;

use engine::{Clock, NativeClock, Recorder};

use crate::modules::multiprocessing::ChildProcess;
use crate::host::{Host, NativeHost, ProcessHost, ProcessRefused, SpawnRefused, MOST_PROCESSES};
use crate::process_tree::{ProcessCall, Reply, Request};
use crate::objects::lock;
use crate::vm::{Output, Scheduler};

/// A process's interpreter thread: its stack, as the main thread's.
const PROCESS_STACK_BYTES: usize = 256 << 20;

/// One process of the tree.
#[derive(Default)]
struct Process {
    /// Its scheduler once it runs (to halt it).
    scheduler: Option<Arc<Scheduler>>,
    /// Its timeline once it runs: a lane per thread.
    timeline: Option<ProcessTimeline>,
    /// Its exit code once it has ended.
    exit_code: Option<i32>,
    /// Whether it was told to end.
    terminated: bool,
}

/// What the tree's processes share: only this, never an object.
#[derive(Default)]
struct Tables {
    processes: HashMap<u32, Process>,
    channels: HashMap<u64, VecDeque<Vec<u8>>>,
    semaphores: HashMap<u64, u32>,
}

/// A program's tree of processes, natively.
pub struct NativeProcesses {
    tables: Mutex<Tables>,
    /// Notified on every message, release and exit.
    changed: Condvar,
    words: Mutex<HashMap<u64, Arc<Vec<AtomicU64>>>>,
    next_number: AtomicU64,
    bytes_moved: AtomicU64,
    /// Where children print: the program's output.
    console: OnceLock<Arc<Output>>,
    myself: Weak<NativeProcesses>,
}

impl NativeProcesses {
    /// A new tree, for a program that imports `multiprocessing`.
    pub fn new_tree() -> Arc<NativeProcesses> {
        Arc::new_cyclic(|myself| NativeProcesses {
            tables: Mutex::new(Tables::default()),
            changed: Condvar::new(),
            words: Mutex::new(HashMap::new()),
            next_number: AtomicU64::new(1),
            bytes_moved: AtomicU64::new(0),
            console: OnceLock::new(),
            myself: myself.clone(),
        })
    }

    fn number(&self) -> u64 {
        self.next_number.fetch_add(1, Ordering::Relaxed)
    }

    /// Waits on the tables until `ready` gives something or `wait` has passed.
    fn wait_until<T>(&self, wait: Duration, mut ready: impl FnMut(&mut Tables) -> Option<T>) -> Option<T> {
        let mut tables = lock(&self.tables);
        if let Some(done) = ready(&mut tables) {
            return Some(done);
        }
        if wait.is_zero() {
            return None;
        }
        tables = self.changed.wait_timeout(tables, wait).unwrap_or_else(|p| p.into_inner()).0;
        ready(&mut tables)
    }

    fn alive(tables: &Tables) -> usize {
        tables.processes.values().filter(|process| process.exit_code.is_none()).count()
    }

    /// The host of a process of this tree with `pid`: as [`NativeHost`], its processes this
    /// tree's (a child's, or a main program whose tree a test looks into).
    pub fn host_of(self: &Arc<Self>, pid: u32) -> Arc<dyn Host> {
        Arc::new(HostInTree { tree: self.clone(), pid })
    }

    fn run_child(self: Arc<Self>, pid: u32, bootstrap: Vec<u8>) {
        let host = self.host_of(pid);
        let output = match self.console.get() {
            Some(console) => console.clone(),
            None => Arc::new(Output::default()),
        };
        let tree = self.clone();
        let started = move |child: &ChildProcess| {
            let mut tables = lock(&tree.tables);
            let process = tables.processes.entry(pid).or_default();
            if process.terminated {
                child.scheduler.stop();
            }
            process.scheduler = Some(child.scheduler.clone());
            let recorder = child.scheduler.recorder.clone();
            process.timeline = Some(ProcessTimeline { pid, name: child.name.to_string(), parent_pid: child.parent_pid, recorder });
        };
        let exit_code = crate::modules::multiprocessing::run_process(&bootstrap, host, output, &started);
        let mut tables = lock(&self.tables);
        let process = tables.processes.entry(pid).or_default();
        process.exit_code = Some(if process.terminated { TERMINATED } else { exit_code });
        process.scheduler = None;
        drop(tables);
        self.changed.notify_all();
    }
}

impl NativeProcesses {
    /// Every process started so far with its threads' lanes, in the order they started: what
    /// the timeline groups by process.
    pub fn timelines(&self) -> Vec<ProcessTimeline> {
        let tables = lock(&self.tables);
        let mut timelines: Vec<ProcessTimeline> = tables.processes.values().filter_map(|process| process.timeline.clone()).collect();
        timelines.sort_by_key(|timeline| timeline.pid);
        timelines
    }

    /// How many processes are alive now.
    pub fn alive_now(&self) -> usize {
        Self::alive(&lock(&self.tables))
    }
}

/// A process's timeline: its name as CPython names it (`Process-1`, `SpawnPoolWorker-2`), its
/// pid and its parent's, and its recorder (a lane per thread: `MainThread`, …).
#[derive(Clone)]
pub struct ProcessTimeline {
    /// Its pid.
    pub pid: u32,
    /// Its name.
    pub name: String,
    /// The pid of the process that started it.
    pub parent_pid: u32,
    /// Its threads' lanes.
    pub recorder: Arc<Recorder>,
}

/// The exit code of a terminated process (CPython's: killed by SIGTERM).
pub const TERMINATED: i32 = -15;

impl ProcessHost for NativeProcesses {
    fn new_number(&self) -> u64 {
        self.number()
    }

    fn ask(&self, call: &ProcessCall, wait: Duration) -> Option<Reply> {
        Some(match &call.request {
            Request::Start { bootstrap } => Reply::Started(self.start(bootstrap.clone())),
            Request::Terminate { pid } => {
                self.terminate(*pid);
                Reply::Done
            }
            Request::ExitCode { pid } => Reply::ExitCode(self.exit_code(*pid)),
            Request::WaitForExit { pid, .. } => Reply::ExitCode(Some(self.wait_for_exit(*pid, wait)?)),
            Request::OpenChannel { channel } => {
                lock(&self.tables).channels.insert(*channel, VecDeque::new());
                Reply::Done
            }
            Request::Send { channel, message } => {
                self.send(*channel, message.clone());
                Reply::Done
            }
            Request::Receive { channel, .. } => Reply::Message(Some(self.receive(*channel, wait)?)),
            Request::Pending { channel } => Reply::Count(self.pending(*channel) as u64),
            Request::ShareWords { block, words } => {
                lock(&self.words).insert(*block, Arc::new((0..*words).map(|_| AtomicU64::new(0)).collect()));
                Reply::Done
            }
            Request::LoadWord { block, index } => Reply::Word(self.load_word(*block, *index as usize)),
            Request::StoreWord { block, index, word } => {
                self.store_word(*block, *index as usize, *word);
                Reply::Done
            }
            Request::OpenSemaphore { semaphore, value } => {
                lock(&self.tables).semaphores.insert(*semaphore, *value);
                Reply::Done
            }
            Request::Acquire { semaphore, .. } => Reply::Taken(self.acquire(*semaphore, wait).then_some(true)?),
            Request::Release { semaphore } => {
                self.release(*semaphore);
                Reply::Done
            }
            Request::SemaphoreValue { semaphore } => Reply::Count(u64::from(self.semaphore_value(*semaphore))),
            Request::BytesMoved => Reply::Count(self.bytes_moved()),
            // A process here prints into its program's output itself, and its thread's end is its exit.
            Request::Print { .. } | Request::Exited { .. } => Reply::Done,
        })
    }

    fn show_output(&self, output: &Arc<Output>) {
        let _ = self.console.set(output.clone());
    }
}

/// What a tree's processes ask of it, answered at once or within the wait.
impl NativeProcesses {
    fn start(&self, bootstrap: Vec<u8>) -> Result<u32, ProcessRefused> {
        let tree = self.myself.upgrade().ok_or(ProcessRefused::Failed)?;
        let pid = {
            let mut tables = lock(&self.tables);
            if Self::alive(&tables) >= MOST_PROCESSES {
                return Err(ProcessRefused::TooMany);
            }
            let pid = std::process::id().wrapping_add(self.number() as u32);
            tables.processes.insert(pid, Process::default());
            pid
        };
        self.bytes_moved.fetch_add(bootstrap.len() as u64, Ordering::Relaxed);
        let body = Box::new(move || tree.run_child(pid, bootstrap));
        let started = std::thread::Builder::new().name(format!("process-{pid}")).stack_size(PROCESS_STACK_BYTES).spawn(body);
        if started.is_err() {
            lock(&self.tables).processes.remove(&pid);
            return Err(ProcessRefused::Failed);
        }
        Ok(pid)
    }

    fn terminate(&self, pid: u32) {
        let mut tables = lock(&self.tables);
        if let Some(process) = tables.processes.get_mut(&pid) {
            if process.exit_code.is_none() {
                process.terminated = true;
                if let Some(scheduler) = &process.scheduler {
                    scheduler.stop();
                }
            }
        }
    }

    fn exit_code(&self, pid: u32) -> Option<i32> {
        lock(&self.tables).processes.get(&pid).and_then(|process| process.exit_code)
    }

    fn wait_for_exit(&self, pid: u32, wait: Duration) -> Option<i32> {
        self.wait_until(wait, |tables| tables.processes.get(&pid).and_then(|process| process.exit_code))
    }

    fn send(&self, channel: u64, message: Vec<u8>) {
        self.bytes_moved.fetch_add(message.len() as u64, Ordering::Relaxed);
        lock(&self.tables).channels.entry(channel).or_default().push_back(message);
        self.changed.notify_all();
    }

    fn receive(&self, channel: u64, wait: Duration) -> Option<Vec<u8>> {
        self.wait_until(wait, |tables| tables.channels.get_mut(&channel).and_then(VecDeque::pop_front))
    }

    fn pending(&self, channel: u64) -> usize {
        lock(&self.tables).channels.get(&channel).map_or(0, VecDeque::len)
    }

    fn load_word(&self, block: u64, index: usize) -> u64 {
        let words = lock(&self.words).get(&block).cloned();
        words.and_then(|words| words.get(index).map(|word| word.load(Ordering::SeqCst))).unwrap_or(0)
    }

    fn store_word(&self, block: u64, index: usize, word: u64) {
        let words = lock(&self.words).get(&block).cloned();
        if let Some(slot) = words.as_ref().and_then(|words| words.get(index)) {
            slot.store(word, Ordering::SeqCst);
        }
    }

    fn acquire(&self, semaphore: u64, wait: Duration) -> bool {
        let taken = self.wait_until(wait, |tables| {
            let value = tables.semaphores.get_mut(&semaphore)?;
            (*value > 0).then(|| *value -= 1)
        });
        taken.is_some()
    }

    fn release(&self, semaphore: u64) {
        *lock(&self.tables).semaphores.entry(semaphore).or_default() += 1;
        self.changed.notify_all();
    }

    fn semaphore_value(&self, semaphore: u64) -> u32 {
        lock(&self.tables).semaphores.get(&semaphore).copied().unwrap_or(0)
    }

    /// Bytes moved between processes so far (bootstraps and messages).
    pub fn bytes_moved(&self) -> u64 {
        self.bytes_moved.load(Ordering::Relaxed)
    }
}

/// The host of a process of a tree natively: as [`NativeHost`], with its own pid and its tree.
struct HostInTree {
    tree: Arc<NativeProcesses>,
    pid: u32,
}

impl Host for HostInTree {
    fn spawn(&self, name: &str, stack_bytes: usize, body: Box<dyn FnOnce() + Send>) -> Result<(), SpawnRefused> {
        NativeHost.spawn(name, stack_bytes, body)
    }

    fn clock(&self) -> &(dyn Clock + Send + Sync) {
        &NativeClock
    }

    fn epoch_ms(&self) -> f64 {
        NativeHost.epoch_ms()
    }

    fn cpu_count(&self) -> usize {
        NativeHost.cpu_count()
    }

    fn process_id(&self) -> u32 {
        self.pid
    }

    fn processes(&self) -> Option<Arc<dyn ProcessHost>> {
        Some(self.tree.clone())
    }
}

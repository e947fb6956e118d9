//! Processes that share nothing but encoded messages, natively: every process, the main one
//! included, is a `ProgramOnOneThread` on a std thread of its own, asking one
//! `ProcessKeeper` (on its own thread) only through letters and deliveries as bytes over
//! channels, as a page's Web Workers will by `postMessage`. The keeper's thread starts a
//! process's thread when the keeper orders a worker, ends it when the keeper ends one, and
//! writes the children's output into the main program's. With `shared_words`, every process
//! reads and writes `Value` and `Array` in one `NativeSharedWords`, as a cross-origin isolated
//! page's workers do in one `SharedArrayBuffer`.

// Each test crate that includes the harness reads only part of what a run reports.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use engine::{Clock, NativeClock, Recorder};
use python::{
    start_process_on_one_thread, start_program_on_one_thread, AskingProcesses, Host, Member, Mode, NativeHost, NativeSharedWords, Outcome,
    Outgoing, Output, ProcessKeeper, ProgramOnOneThread, SharedWords, Slice, Stream, SHARED_WORDS_BYTES,
};

/// The main process's pid.
pub const MAIN_PID: u32 = 1000;

/// How long a process runs between looks at its mailbox.
const SLICE: Duration = Duration::from_millis(5);

/// What the keeper's thread is sent.
enum ToKeeper {
    /// A letter's bytes.
    Letter(Vec<u8>),
}

/// What a process's thread is sent.
enum ToProcess {
    /// A delivery's bytes.
    Delivery(Vec<u8>),
    /// Its worker is ended.
    Terminate,
}

/// How a run over messages went.
pub struct TreeRun {
    /// The main program's output, the children's in it.
    pub output: Arc<Output>,
    /// How the main program ended.
    pub outcome: Outcome,
    /// Every process the keeper knew, with its parent and exit code.
    pub members: Vec<Member>,
    /// Each process's lanes, by pid.
    pub recorders: Vec<(u32, Arc<Recorder>)>,
    /// From the main program's end until every process's thread had left.
    pub ended_within: Duration,
    /// Bytes moved between processes.
    pub bytes_moved: u64,
}

/// Options of a run.
#[derive(Clone, Copy)]
pub struct TreeOptions {
    /// The threads' mode.
    pub mode: Mode,
    /// The main program's time limit.
    pub time_limit: Duration,
    /// Presses Stop once the program has printed this on stdout.
    pub stop_once_printed: Option<&'static str>,
    /// Whether the processes share words for real (`Value`, `Array`), as on an isolated page;
    /// without, every read and write is a letter to the keeper.
    pub shared_words: bool,
}

impl Default for TreeOptions {
    fn default() -> TreeOptions {
        TreeOptions { mode: Mode::Gil312, time_limit: Duration::from_secs(30), stop_once_printed: None, shared_words: false }
    }
}

/// A process's side: its asking host, its mailbox and the keeper's address.
struct Side {
    asking: Arc<AskingProcesses>,
    mailbox: Receiver<ToProcess>,
    keeper: Sender<ToKeeper>,
}

impl Side {
    fn new(pid: u32, mailbox: Receiver<ToProcess>, keeper: Sender<ToKeeper>, words: Option<Arc<dyn SharedWords>>) -> Side {
        let asking = AskingProcesses::new(pid);
        if let Some(words) = words {
            asking.set_shared_words(words);
        }
        Side { asking, mailbox, keeper }
    }

    fn host(&self) -> Arc<dyn Host> {
        self.asking.host_on(Arc::new(NativeHost))
    }

    fn send_letters(&self) {
        for letter in self.asking.take_letters() {
            let _ = self.keeper.send(ToKeeper::Letter(letter));
        }
    }

    /// Runs `program` slice by slice until it ends, sending its letters after each slice and
    /// delivering what came before the next; its outcome. It tells the keeper its exit.
    fn drive(&self, program: &mut ProgramOnOneThread) -> Outcome {
        loop {
            let slice = program.run_slice(SLICE);
            self.send_letters();
            let until = match slice {
                Slice::Ended(outcome) => {
                    let code = program.exit_code().unwrap_or(if outcome == Outcome::Finished { 0 } else { 1 });
                    self.asking.exited(code);
                    self.send_letters();
                    return outcome;
                }
                Slice::Ran => NativeClock.now_ms(),
                Slice::IdleUntil(at) | Slice::Waiting(at) => at,
            };
            self.take_mail(program, until);
        }
    }

    /// Waits until one mail comes or `until_ms`, then takes every mail there is.
    fn take_mail(&self, program: &ProgramOnOneThread, until_ms: f64) {
        let mailbox = &self.mailbox;
        let wait = Duration::from_secs_f64(((until_ms - NativeClock.now_ms()) / 1000.0).clamp(0.0, 0.1));
        let mut mail = mailbox.recv_timeout(wait).ok();
        while let Some(one) = mail {
            match one {
                ToProcess::Delivery(bytes) => {
                    self.asking.deliver(&bytes);
                }
                ToProcess::Terminate => program.stop(),
            }
            mail = mailbox.try_recv().ok();
        }
    }
}

/// What the keeper's thread shares with the harness.
struct Shared {
    /// The tree's shared words, if its processes share memory.
    words: Option<Arc<dyn SharedWords>>,
    recorders: Mutex<Vec<(u32, Arc<Recorder>)>>,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

/// Runs `source` with every process on a thread of its own, talking to the keeper only by
/// encoded messages.
pub fn run_over_messages(source: &str, options: TreeOptions) -> TreeRun {
    let (to_keeper, keeper_inbox) = channel();
    let (main_mail, main_mailbox) = channel();
    let words = options.shared_words.then(|| Arc::new(NativeSharedWords::new(SHARED_WORDS_BYTES)) as Arc<dyn SharedWords>);
    let side = Side::new(MAIN_PID, main_mailbox, to_keeper.clone(), words.clone());
    let mut program = start_program_on_one_thread(source, options.mode, options.time_limit, side.host()).expect("a GIL mode");
    let shared = Arc::new(Shared { words, recorders: Mutex::new(vec![(MAIN_PID, program.recorder.clone())]), threads: Mutex::new(Vec::new()) });
    let keeper = {
        let (output, shared, to_keeper) = (program.output.clone(), shared.clone(), to_keeper.clone());
        std::thread::spawn(move || keep(keeper_inbox, to_keeper, main_mail, output, shared))
    };
    if let Some(text) = options.stop_once_printed {
        let (scheduler, output) = (program.scheduler.clone(), program.output.clone());
        std::thread::spawn(move || {
            while !output.text(Stream::Stdout).contains(text) && !scheduler.halted() {
                std::thread::sleep(Duration::from_millis(5));
            }
            scheduler.stop();
        });
    }
    let outcome = side.drive(&mut program);
    let ended = Instant::now();
    drop(side);
    drop(to_keeper);
    let (members, bytes_moved) = keeper.join().expect("the keeper's thread");
    loop {
        let Some(thread) = shared.threads.lock().expect("threads").pop() else { break };
        let _ = thread.join();
    }
    let ended_within = ended.elapsed();
    let recorders = shared.recorders.lock().expect("recorders").clone();
    TreeRun { output: program.output.clone(), outcome, members, recorders, ended_within, bytes_moved }
}

/// The keeper's thread: letters in, replies and orders out, until the main process has ended
/// and every process with it.
fn keep(
    inbox: Receiver<ToKeeper>,
    to_keeper: Sender<ToKeeper>,
    main_mail: Sender<ToProcess>,
    output: Arc<Output>,
    shared: Arc<Shared>,
) -> (Vec<Member>, u64) {
    let mut keeper = ProcessKeeper::new(MAIN_PID);
    let mut mailboxes: HashMap<u32, Sender<ToProcess>> = HashMap::from([(MAIN_PID, main_mail)]);
    loop {
        let now = NativeClock.now_ms();
        let wait = keeper.next_deadline().map_or(0.05, |at| ((at - now) / 1000.0).clamp(0.0, 0.05));
        let mut out = match inbox.recv_timeout(Duration::from_secs_f64(wait)) {
            Ok(ToKeeper::Letter(bytes)) => keeper.receive_bytes(&bytes, NativeClock.now_ms()),
            Err(RecvTimeoutError::Timeout) => Vec::new(),
            Err(RecvTimeoutError::Disconnected) => break,
        };
        out.extend(keeper.expire(NativeClock.now_ms()));
        let main_ended = keeper.members().first().is_some_and(|main| main.exit_code.is_some());
        if main_ended {
            // The program has ended: what it left running ends with it.
            out.extend(keeper.stop_all());
        }
        for outgoing in out {
            carry_out(outgoing, &keeper, &mut mailboxes, &to_keeper, &output, &shared);
        }
        if main_ended && keeper.alive() == 0 {
            break;
        }
    }
    (keeper.members(), keeper.bytes_moved())
}

/// Does what the keeper ordered.
fn carry_out(
    outgoing: Outgoing,
    keeper: &ProcessKeeper,
    mailboxes: &mut HashMap<u32, Sender<ToProcess>>,
    to_keeper: &Sender<ToKeeper>,
    output: &Arc<Output>,
    shared: &Arc<Shared>,
) {
    match outgoing {
        Outgoing::Reply { to, delivery } => {
            if let Some(mailbox) = mailboxes.get(&to) {
                let _ = mailbox.send(ToProcess::Delivery(delivery.encode()));
            }
        }
        Outgoing::StartWorker { pid, bootstrap } => {
            let (mail, mailbox) = channel();
            mailboxes.insert(pid, mail);
            let (to_keeper, shared_here) = (to_keeper.clone(), shared.clone());
            let thread = std::thread::Builder::new()
                .name(format!("process-{pid}"))
                .stack_size(64 << 20)
                .spawn(move || {
                    let side = Side::new(pid, mailbox, to_keeper, shared_here.words.clone());
                    let output = Arc::new(side.asking.output());
                    let Ok(mut program) = start_process_on_one_thread(&bootstrap, side.host(), output) else {
                        side.asking.exited(1);
                        return side.send_letters();
                    };
                    shared_here.recorders.lock().expect("recorders").push((pid, program.recorder.clone()));
                    side.drive(&mut program);
                })
                .expect("a process's thread");
            shared.threads.lock().expect("threads").push(thread);
        }
        Outgoing::EndWorker { pid } => {
            if let Some(mailbox) = mailboxes.get(&pid) {
                let _ = mailbox.send(ToProcess::Terminate);
            }
        }
        Outgoing::Print { pid, stream, thread, text } => {
            let name = keeper.members().into_iter().find(|member| member.pid == pid).map_or_else(|| pid.to_string(), |member| member.name);
            output.write(stream, &Arc::from(format!("{name}/{thread}")), &text);
        }
    }
}

//! The keeper of a tree of processes: one state machine holding all the processes share
//! (who is alive, channels of messages, shared words, semaphores, bytes moved) and answering
//! their [`Letter`]s. It never waits and owns no thread: its host (a page's main thread, a
//! test's thread) hands it each letter with the time, carries out what it gives back
//! ([`Outgoing`]: replies, workers to start or end, output to show), and calls
//! [`ProcessKeeper::expire`] at [`ProcessKeeper::next_deadline`]. A request that must wait (a
//! receive on an empty channel, an acquire, a join) is answered later, when a message, a
//! release or an exit comes, or its wait is over.

use std::collections::{BTreeMap, HashMap, VecDeque};

use super::protocol::{Delivery, Letter, Reply, Request};
use crate::host::{ProcessRefused, MOST_PROCESSES};
use crate::modules::multiprocessing::Bootstrap;
use crate::native_processes::TERMINATED;
use crate::vm::Stream;

/// What the keeper's host must do.
#[derive(Clone, Debug, PartialEq)]
pub enum Outgoing {
    /// Deliver a reply to the process `to`.
    Reply {
        /// The pid of the process it goes to.
        to: u32,
        /// The reply and its ticket.
        delivery: Delivery,
    },
    /// Start a worker for the process `pid`, which runs `bootstrap` on one thread.
    StartWorker {
        /// The process's pid.
        pid: u32,
        /// The process's bootstrap message.
        bootstrap: Vec<u8>,
    },
    /// End the worker of `pid` (terminated, or Stop): nothing it sends counts any more.
    EndWorker {
        /// The process's pid.
        pid: u32,
    },
    /// Show a piece of a process's output, its thread named as `Process-1/MainThread`.
    Print {
        /// The process's pid.
        pid: u32,
        /// stdout or stderr.
        stream: Stream,
        /// The thread that printed it (`MainThread`).
        thread: String,
        /// What was printed.
        text: String,
    },
}

/// A process of the tree, as the timeline groups lanes by process.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// Its pid.
    pub pid: u32,
    /// Its name (`MainProcess`, `Process-1`, `SpawnPoolWorker-2`).
    pub name: String,
    /// The pid of the process that started it (`None` for the main process).
    pub parent: Option<u32>,
    /// Its exit code once it has ended.
    pub exit_code: Option<i32>,
}

/// What a waiting request waits for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Awaited {
    Exit(u32),
    Message(u64),
    Semaphore(u64),
}

/// A request answered later.
struct Waiter {
    from: u32,
    ticket: u64,
    awaited: Awaited,
    deadline_ms: f64,
}

/// The state a tree of processes shares.
pub struct ProcessKeeper {
    members: BTreeMap<u32, Member>,
    channels: HashMap<u64, VecDeque<Vec<u8>>>,
    words: HashMap<u64, Vec<u64>>,
    semaphores: HashMap<u64, u32>,
    waiters: Vec<Waiter>,
    bytes_moved: u64,
    next_pid: u32,
}

impl ProcessKeeper {
    /// A tree whose main process is `main_pid` (running, with no parent).
    pub fn new(main_pid: u32) -> ProcessKeeper {
        let main = Member { pid: main_pid, name: "MainProcess".into(), parent: None, exit_code: None };
        ProcessKeeper {
            members: BTreeMap::from([(main_pid, main)]),
            channels: HashMap::new(),
            words: HashMap::new(),
            semaphores: HashMap::new(),
            waiters: Vec::new(),
            bytes_moved: 0,
            next_pid: main_pid + 1,
        }
    }

    /// Every process so far, by pid: names and parents for the timeline's groups.
    pub fn members(&self) -> Vec<Member> {
        self.members.values().cloned().collect()
    }

    /// How many processes are alive.
    pub fn alive(&self) -> usize {
        self.members.values().filter(|member| member.exit_code.is_none()).count()
    }

    /// Bytes moved between processes so far (bootstraps and messages).
    pub fn bytes_moved(&self) -> u64 {
        self.bytes_moved
    }

    /// When the first waiting request's wait is over, if any waits.
    pub fn next_deadline(&self) -> Option<f64> {
        self.waiters.iter().map(|waiter| waiter.deadline_ms).reduce(f64::min)
    }

    /// Handles a letter's bytes (a letter that does not decode is dropped).
    pub fn receive_bytes(&mut self, bytes: &[u8], now_ms: f64) -> Vec<Outgoing> {
        Letter::decode(bytes).map(|letter| self.handle(letter, now_ms)).unwrap_or_default()
    }

    /// Handles one letter at `now_ms`. A process that has ended asks nothing more.
    pub fn handle(&mut self, letter: Letter, now_ms: f64) -> Vec<Outgoing> {
        let Letter { from, ticket, request } = letter;
        if self.members.get(&from).is_none_or(|member| member.exit_code.is_some()) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let answer = self.answer(from, ticket, request, now_ms, &mut out);
        if let Some(reply) = answer {
            out.insert(0, Outgoing::Reply { to: from, delivery: Delivery { ticket, reply } });
        }
        out
    }

    /// The reply now (`None`: none, or later), with what else must happen in `out`.
    fn answer(&mut self, from: u32, ticket: u64, request: Request, now_ms: f64, out: &mut Vec<Outgoing>) -> Option<Reply> {
        let wait_until = |wait_ms: f64| now_ms + wait_ms.max(0.0);
        match request {
            Request::Start { bootstrap } => Some(Reply::Started(self.start(from, bootstrap, out))),
            Request::Terminate { pid } => {
                self.terminate(pid, out);
                None
            }
            Request::ExitCode { pid } => Some(Reply::ExitCode(self.exit_code(pid))),
            Request::WaitForExit { pid, wait_ms } => self.now_or_later(from, ticket, Awaited::Exit(pid), wait_until(wait_ms)),
            Request::OpenChannel { channel } => {
                self.channels.entry(channel).or_default();
                None
            }
            Request::Send { channel, message } => {
                self.bytes_moved += message.len() as u64;
                self.channels.entry(channel).or_default().push_back(message);
                self.wake(Awaited::Message(channel), out);
                None
            }
            Request::Receive { channel, wait_ms } => self.now_or_later(from, ticket, Awaited::Message(channel), wait_until(wait_ms)),
            Request::Pending { channel } => Some(Reply::Count(self.channels.get(&channel).map_or(0, VecDeque::len) as u64)),
            Request::ShareWords { block, words } => {
                self.words.insert(block, vec![0; words as usize]);
                None
            }
            Request::LoadWord { block, index } => {
                Some(Reply::Word(self.words.get(&block).and_then(|words| words.get(index as usize)).copied().unwrap_or(0)))
            }
            Request::StoreWord { block, index, word } => {
                if let Some(slot) = self.words.get_mut(&block).and_then(|words| words.get_mut(index as usize)) {
                    *slot = word;
                }
                None
            }
            Request::OpenSemaphore { semaphore, value } => {
                self.semaphores.insert(semaphore, value);
                None
            }
            Request::Acquire { semaphore, wait_ms } => self.now_or_later(from, ticket, Awaited::Semaphore(semaphore), wait_until(wait_ms)),
            Request::Release { semaphore } => {
                *self.semaphores.entry(semaphore).or_default() += 1;
                self.wake(Awaited::Semaphore(semaphore), out);
                None
            }
            Request::SemaphoreValue { semaphore } => Some(Reply::Count(u64::from(self.semaphores.get(&semaphore).copied().unwrap_or(0)))),
            Request::BytesMoved => Some(Reply::Count(self.bytes_moved)),
            Request::Print { stream, thread, text } => {
                out.push(Outgoing::Print { pid: from, stream, thread, text });
                None
            }
            Request::Exited { code } => {
                self.ended(from, code, out);
                None
            }
        }
    }

    fn start(&mut self, parent: u32, bootstrap: Vec<u8>, out: &mut Vec<Outgoing>) -> Result<u32, ProcessRefused> {
        if self.alive() >= MOST_PROCESSES {
            return Err(ProcessRefused::TooMany);
        }
        let name = Bootstrap::read(&bootstrap).ok_or(ProcessRefused::Failed)?.name;
        let pid = self.next_pid;
        self.next_pid += 1;
        self.bytes_moved += bootstrap.len() as u64;
        self.members.insert(pid, Member { pid, name, parent: Some(parent), exit_code: None });
        out.push(Outgoing::StartWorker { pid, bootstrap });
        Ok(pid)
    }

    fn exit_code(&self, pid: u32) -> Option<i32> {
        self.members.get(&pid).and_then(|member| member.exit_code)
    }

    /// Ends `pid` and every process it started (their workers are ended), as Stop does.
    fn terminate(&mut self, pid: u32, out: &mut Vec<Outgoing>) {
        let children: Vec<u32> = self.members.values().filter(|member| member.parent == Some(pid)).map(|member| member.pid).collect();
        for child in children {
            self.terminate(child, out);
        }
        if self.exit_code(pid).is_none() && self.members.contains_key(&pid) {
            self.ended(pid, TERMINATED, out);
            out.push(Outgoing::EndWorker { pid });
        }
    }

    /// Stop: every process ends.
    pub fn stop_all(&mut self) -> Vec<Outgoing> {
        let mut out = Vec::new();
        let pids: Vec<u32> = self.members.keys().copied().collect();
        for pid in pids {
            self.terminate(pid, &mut out);
        }
        out
    }

    /// A process has ended: its waits are dropped, and those who wait for its end are told.
    fn ended(&mut self, pid: u32, code: i32, out: &mut Vec<Outgoing>) {
        let Some(member) = self.members.get_mut(&pid) else { return };
        if member.exit_code.is_some() {
            return;
        }
        member.exit_code = Some(code);
        self.waiters.retain(|waiter| waiter.from != pid);
        self.wake(Awaited::Exit(pid), out);
    }

    /// The reply now if `awaited` is at hand, else a waiter until `deadline_ms`.
    fn now_or_later(&mut self, from: u32, ticket: u64, awaited: Awaited, deadline_ms: f64) -> Option<Reply> {
        // Earlier waiters for the same thing go first.
        let queued = self.waiters.iter().any(|waiter| waiter.awaited == awaited);
        if !queued {
            if let Some(reply) = self.take(awaited) {
                return Some(reply);
            }
        }
        self.waiters.push(Waiter { from, ticket, awaited, deadline_ms });
        None
    }

    /// What `awaited` gives now, taking it (a message, a semaphore's unit), if it is there.
    fn take(&mut self, awaited: Awaited) -> Option<Reply> {
        match awaited {
            Awaited::Exit(pid) => self.exit_code(pid).map(|code| Reply::ExitCode(Some(code))),
            Awaited::Message(channel) => self.channels.get_mut(&channel).and_then(VecDeque::pop_front).map(|message| Reply::Message(Some(message))),
            Awaited::Semaphore(semaphore) => {
                let value = self.semaphores.get_mut(&semaphore)?;
                (*value > 0).then(|| {
                    *value -= 1;
                    Reply::Taken(true)
                })
            }
        }
    }

    /// Answers the waiters for `awaited`, in the order they came, while it gives.
    fn wake(&mut self, awaited: Awaited, out: &mut Vec<Outgoing>) {
        while let Some(at) = self.waiters.iter().position(|waiter| waiter.awaited == awaited) {
            let Some(reply) = self.take(awaited) else { return };
            let waiter = self.waiters.remove(at);
            out.push(Outgoing::Reply { to: waiter.from, delivery: Delivery { ticket: waiter.ticket, reply } });
        }
    }

    /// Answers every request whose wait is over by `now_ms`, with nothing.
    pub fn expire(&mut self, now_ms: f64) -> Vec<Outgoing> {
        let (over, waiting): (Vec<Waiter>, Vec<Waiter>) = std::mem::take(&mut self.waiters).into_iter().partition(|waiter| waiter.deadline_ms <= now_ms);
        self.waiters = waiting;
        over.into_iter()
            .map(|waiter| {
                let reply = match waiter.awaited {
                    Awaited::Exit(_) => Reply::ExitCode(None),
                    Awaited::Message(_) => Reply::Message(None),
                    Awaited::Semaphore(_) => Reply::Taken(false),
                };
                Outgoing::Reply { to: waiter.from, delivery: Delivery { ticket: waiter.ticket, reply } }
            })
            .collect()
    }
}

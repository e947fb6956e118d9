//! The page's side of a program's processes: the page holds the tree's keeper
//! (`python::ProcessKeeper`), hands it each process's letters with the time, posts its replies
//! to the worker that asked (`{deliveries}`), starts a program worker per new process and ends
//! it when the keeper says, turns the children's printed pieces into lines of the Output
//! log, tagged `Process-1/MainThread`, and counts the bytes each process sends and receives
//! (the pickled arguments, results and messages, and a new process's bootstrap).

use std::collections::HashMap;

use python::{Delivery, Outgoing, OutputLine, ProcessKeeper, Reply, Stream};
use web_sys::Worker;

use super::on_page::end_worker;
use super::protocol::encode;
use crate::clock::BrowserClock;
use crate::worker_script::message;
use engine::Clock;

/// Starts a program worker for the process `pid` named `name` from its bootstrap; the worker,
/// if one started.
pub type StartChild<'a> = &'a dyn Fn(u32, &str, Vec<u8>) -> Option<Worker>;

/// A process of a program's tree, as the page shows it: who it is, who started it, the bytes
/// it moved, and its lanes among the page's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramProcess {
    /// Its pid (the playground's own numbers: the main process is 1000).
    pub pid: u32,
    /// Its name (`MainProcess`, `Process-1`, `SpawnPoolWorker-2`).
    pub name: String,
    /// The pid of the process that started it (`None` for the main process).
    pub parent: Option<u32>,
    /// Its exit code once it has ended.
    pub exit_code: Option<i32>,
    /// Bytes it sent to other processes: messages, and bootstraps of the processes it started.
    pub bytes_sent: u64,
    /// Bytes delivered to it: messages, and its own bootstrap.
    pub bytes_received: u64,
    /// Its threads' lanes (indices of the page's lanes), in the order they were added.
    pub lanes: Vec<usize>,
}

/// Bytes a process sent and received.
#[derive(Clone, Copy, Debug, Default)]
struct Traffic {
    sent: u64,
    received: u64,
}

/// A tree of processes kept by the page.
pub struct PageTree {
    keeper: ProcessKeeper,
    main_pid: u32,
    /// Every live process's worker, the main one's included.
    workers: HashMap<u32, Worker>,
    /// Each child thread's line being printed, by its tag and stream.
    pieces: HashMap<(String, bool), String>,
    /// Bytes moved, by pid.
    traffic: HashMap<u32, Traffic>,
}

impl PageTree {
    /// A tree whose main process `main_pid` runs on `main`.
    pub fn new(main_pid: u32, main: Worker) -> PageTree {
        PageTree {
            keeper: ProcessKeeper::new(main_pid),
            main_pid,
            workers: HashMap::from([(main_pid, main)]),
            pieces: HashMap::new(),
            traffic: HashMap::new(),
        }
    }

    /// Hands the keeper the `letters` of the process `from`; the children's lines completed.
    /// What the keeper counts as moved meanwhile (the messages and bootstraps in them) is what
    /// `from` sent.
    pub fn take_letters(&mut self, from: u32, letters: &[Vec<u8>], start_child: StartChild) -> Vec<OutputLine> {
        let now_ms = BrowserClock.now_ms();
        let moved_before = self.keeper.bytes_moved();
        let mut out: Vec<Outgoing> = letters.iter().flat_map(|letter| self.keeper.receive_bytes(letter, now_ms)).collect();
        self.traffic.entry(from).or_default().sent += self.keeper.bytes_moved() - moved_before;
        out.extend(self.keeper.expire(now_ms));
        self.carry_out(out, start_child)
    }

    /// Every process so far, by pid, with the bytes it moved (and no lanes: the page knows
    /// those).
    pub fn processes(&self) -> Vec<ProgramProcess> {
        let members = self.keeper.members().into_iter();
        members
            .map(|member| {
                let traffic = self.traffic.get(&member.pid).copied().unwrap_or_default();
                ProgramProcess {
                    pid: member.pid,
                    name: member.name,
                    parent: member.parent,
                    exit_code: member.exit_code,
                    bytes_sent: traffic.sent,
                    bytes_received: traffic.received,
                    lanes: Vec::new(),
                }
            })
            .collect()
    }

    /// Answers the waits that are over; the children's lines completed.
    pub fn expire(&mut self, start_child: StartChild) -> Vec<OutputLine> {
        let out = self.keeper.expire(BrowserClock.now_ms());
        self.carry_out(out, start_child)
    }

    /// When the keeper's first timed wait is over, if a process waits with a timeout.
    pub fn next_deadline(&self) -> Option<f64> {
        self.keeper.next_deadline()
    }

    /// Stop, or the main program's end: every child process ends, its worker terminated.
    pub fn stop_all(&mut self) -> Vec<OutputLine> {
        let out = self.keeper.stop_all();
        let lines = self.carry_out(out, &|_, _, _| None);
        for (_, worker) in self.workers.drain().filter(|(pid, _)| *pid != self.main_pid) {
            end_worker(&worker);
        }
        lines
    }

    /// A child's worker has ended its program (its exit is among its last letters).
    pub fn child_ended(&mut self, pid: u32) {
        if pid != self.main_pid {
            if let Some(worker) = self.workers.remove(&pid) {
                end_worker(&worker);
            }
        }
    }

    /// Does what the keeper ordered; the children's lines completed.
    fn carry_out(&mut self, out: Vec<Outgoing>, start_child: StartChild) -> Vec<OutputLine> {
        let mut deliveries: HashMap<u32, Vec<Vec<u8>>> = HashMap::new();
        let mut lines = Vec::new();
        for outgoing in out {
            match outgoing {
                Outgoing::Reply { to, delivery } => {
                    self.count_received(to, &delivery);
                    deliveries.entry(to).or_default().push(delivery.encode());
                }
                Outgoing::StartWorker { pid, bootstrap } => {
                    self.traffic.entry(pid).or_default().received += bootstrap.len() as u64;
                    if let Some(worker) = start_child(pid, &self.name_of(pid), bootstrap) {
                        self.workers.insert(pid, worker);
                    }
                }
                Outgoing::EndWorker { pid } => self.child_ended(pid),
                Outgoing::Print { pid, stream, thread, text } => lines.extend(self.print(pid, stream, &thread, &text)),
            }
        }
        for (pid, batch) in deliveries {
            if let Some(worker) = self.workers.get(&pid) {
                let _ = worker.post_message(&message(&[("deliveries", &encode(&batch).into())]));
            }
        }
        lines
    }

    /// Counts a message delivered to `to`.
    fn count_received(&mut self, to: u32, delivery: &Delivery) {
        if let Reply::Message(Some(message)) = &delivery.reply {
            self.traffic.entry(to).or_default().received += message.len() as u64;
        }
    }

    /// The process `pid`'s name ("Process-1").
    pub fn name_of(&self, pid: u32) -> String {
        self.keeper.members().into_iter().find(|member| member.pid == pid).map_or_else(|| pid.to_string(), |member| member.name)
    }

    /// A piece printed by a child's thread; the lines it completed.
    fn print(&mut self, pid: u32, stream: Stream, thread: &str, text: &str) -> Vec<OutputLine> {
        let name = self.name_of(pid);
        let tag = format!("{name}/{thread}");
        let stderr = stream == Stream::Stderr;
        let pending = self.pieces.entry((tag.clone(), stderr)).or_default();
        pending.push_str(text);
        let Some(last_newline) = pending.rfind('\n') else { return Vec::new() };
        let rest = pending.split_off(last_newline + 1);
        let complete = std::mem::replace(pending, rest);
        complete.lines().map(|text| OutputLine { stream, thread: tag.as_str().into(), text: text.to_owned() }).collect()
    }
}

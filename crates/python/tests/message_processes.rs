//! Processes that exchange only messages: requests and replies survive their encoding, the
//! keeper of a tree answers a wait when what it waits for comes or its time is over, and whole
//! programs run with every process on one thread of its own asking the keeper by message
//! (`tree_harness`): Stop ends them all, a wait for another process is not a deadlock, a wait
//! in a class's dunder or in what a built-in consumes parks like a call, and a wait inside a
//! built-in that still nests a loop in Rust (a sort key) is a clear error.

use std::sync::Arc;
use std::time::Duration;

use python::{
    start_program_on_one_thread, AskingProcesses, Delivery, Halt, Letter, Mode, NativeHost, Outcome, Outgoing, ProcessCall, ProcessHost,
    ProcessKeeper, ProcessRefused, Reply, Request, Slice, Stream, MOST_PROCESSES, TERMINATED,
};

mod tree_harness;

use tree_harness::{run_over_messages, TreeOptions, MAIN_PID};

fn every_request() -> Vec<Request> {
    vec![
        Request::Start { bootstrap: vec![1, 2, 3] },
        Request::Terminate { pid: 7 },
        Request::ExitCode { pid: 7 },
        Request::WaitForExit { pid: 7, wait_ms: 1.5 },
        Request::OpenChannel { channel: u64::MAX },
        Request::Send { channel: 3, message: b"pickled".to_vec() },
        Request::Receive { channel: 3, wait_ms: 1e12 },
        Request::Pending { channel: 3 },
        Request::ShareWords { block: 4, words: 10 },
        Request::LoadWord { block: 4, index: 9 },
        Request::StoreWord { block: 4, index: 9, word: 0x4000_0000_0000_0001 },
        Request::OpenSemaphore { semaphore: 5, value: 1 },
        Request::Acquire { semaphore: 5, wait_ms: 0.0 },
        Request::Release { semaphore: 5 },
        Request::SemaphoreValue { semaphore: 5 },
        Request::BytesMoved,
        Request::Print { stream: Stream::Stderr, thread: "Thread-1 (work)".into(), text: "é\n".into() },
        Request::Exited { code: -15 },
    ]
}

fn every_reply() -> Vec<Reply> {
    vec![
        Reply::Done,
        Reply::Started(Ok(1001)),
        Reply::Started(Err(ProcessRefused::TooMany)),
        Reply::Started(Err(ProcessRefused::Failed)),
        Reply::ExitCode(None),
        Reply::ExitCode(Some(-15)),
        Reply::Message(None),
        Reply::Message(Some(vec![0, 255])),
        Reply::Count(u64::MAX),
        Reply::Word(42),
        Reply::Taken(true),
        Reply::Taken(false),
    ]
}

#[test]
fn every_request_and_reply_reads_back_as_it_was_written() {
    for (ticket, request) in every_request().into_iter().enumerate() {
        let letter = Letter { from: 1001, ticket: ticket as u64, request };
        assert_eq!(Letter::decode(&letter.encode()), Some(letter.clone()));
        assert_eq!(Delivery::decode(&letter.encode()), None, "a letter is not read as a delivery");
    }
    for (ticket, reply) in every_reply().into_iter().enumerate() {
        let delivery = Delivery { ticket: ticket as u64, reply };
        assert_eq!(Delivery::decode(&delivery.encode()), Some(delivery.clone()));
        let mut longer = delivery.encode();
        longer.push(0);
        assert_eq!(Delivery::decode(&longer), None, "bytes left over make it no delivery");
        let shorter = &delivery.encode()[..delivery.encode().len() - 1];
        assert_eq!(Delivery::decode(shorter), None, "a cut delivery is none");
    }
}

fn letter(from: u32, ticket: u64, request: Request) -> Letter {
    Letter { from, ticket, request }
}

fn replies(out: &[Outgoing]) -> Vec<(u32, u64, Reply)> {
    out.iter()
        .filter_map(|outgoing| match outgoing {
            Outgoing::Reply { to, delivery } => Some((*to, delivery.ticket, delivery.reply.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_receive_on_an_empty_channel_is_answered_when_a_message_comes() {
    let mut keeper = ProcessKeeper::new(MAIN_PID);
    keeper.handle(letter(MAIN_PID, 1, Request::OpenChannel { channel: 9 }), 0.0);
    let waiting = keeper.handle(letter(MAIN_PID, 2, Request::Receive { channel: 9, wait_ms: 1000.0 }), 0.0);
    assert!(replies(&waiting).is_empty(), "answered before anything came: {waiting:?}");
    assert_eq!(keeper.next_deadline(), Some(1000.0));
    let sent = keeper.handle(letter(MAIN_PID, 3, Request::Send { channel: 9, message: b"hi".to_vec() }), 10.0);
    assert_eq!(replies(&sent), [(MAIN_PID, 2, Reply::Message(Some(b"hi".to_vec())))]);
    assert_eq!(keeper.next_deadline(), None);
    assert_eq!(keeper.bytes_moved(), 2);
}

#[test]
fn a_wait_whose_time_is_over_is_answered_with_nothing() {
    let mut keeper = ProcessKeeper::new(MAIN_PID);
    keeper.handle(letter(MAIN_PID, 1, Request::OpenSemaphore { semaphore: 5, value: 0 }), 0.0);
    assert!(keeper.handle(letter(MAIN_PID, 2, Request::Acquire { semaphore: 5, wait_ms: 50.0 }), 0.0).is_empty());
    assert!(keeper.handle(letter(MAIN_PID, 3, Request::Receive { channel: 8, wait_ms: 80.0 }), 0.0).is_empty());
    assert!(keeper.expire(49.0).is_empty());
    assert_eq!(replies(&keeper.expire(50.0)), [(MAIN_PID, 2, Reply::Taken(false))]);
    assert_eq!(replies(&keeper.expire(100.0)), [(MAIN_PID, 3, Reply::Message(None))]);
    // A release after the time out leaves the unit for the next acquire.
    keeper.handle(letter(MAIN_PID, 4, Request::Release { semaphore: 5 }), 120.0);
    let now = keeper.handle(letter(MAIN_PID, 5, Request::Acquire { semaphore: 5, wait_ms: 0.0 }), 121.0);
    assert_eq!(replies(&now), [(MAIN_PID, 5, Reply::Taken(true))]);
}

#[test]
fn waiters_for_a_semaphore_are_served_in_the_order_they_came() {
    let mut keeper = ProcessKeeper::new(MAIN_PID);
    keeper.handle(letter(MAIN_PID, 1, Request::OpenSemaphore { semaphore: 5, value: 0 }), 0.0);
    for ticket in [10, 11, 12] {
        keeper.handle(letter(MAIN_PID, ticket, Request::Acquire { semaphore: 5, wait_ms: 1e9 }), 0.0);
    }
    let first = keeper.handle(letter(MAIN_PID, 2, Request::Release { semaphore: 5 }), 1.0);
    let second = keeper.handle(letter(MAIN_PID, 3, Request::Release { semaphore: 5 }), 2.0);
    assert_eq!(replies(&first), [(MAIN_PID, 10, Reply::Taken(true))]);
    assert_eq!(replies(&second), [(MAIN_PID, 11, Reply::Taken(true))]);
    let value = keeper.handle(letter(MAIN_PID, 4, Request::SemaphoreValue { semaphore: 5 }), 3.0);
    assert_eq!(replies(&value), [(MAIN_PID, 4, Reply::Count(0))]);
}

/// A bootstrap message for a child named `name` (what `Process.start()` sends).
fn bootstrap(name: &str) -> Vec<u8> {
    python::Bootstrap { source: String::new(), mode: Mode::Gil312, name: name.into(), parent_pid: MAIN_PID, parent_name: "MainProcess".into(), payload: Vec::new() }
        .write()
}

#[test]
fn a_start_orders_a_worker_and_past_the_limit_is_refused() {
    let mut keeper = ProcessKeeper::new(MAIN_PID);
    let out = keeper.handle(letter(MAIN_PID, 1, Request::Start { bootstrap: bootstrap("Process-1") }), 0.0);
    let Some((_, _, Reply::Started(Ok(pid)))) = replies(&out).first().cloned() else { panic!("{out:?}") };
    assert!(out.contains(&Outgoing::StartWorker { pid, bootstrap: bootstrap("Process-1") }), "{out:?}");
    let member = keeper.members().into_iter().find(|member| member.pid == pid).expect("a member");
    assert_eq!((member.name.as_str(), member.parent), ("Process-1", Some(MAIN_PID)));
    for ticket in 2..MOST_PROCESSES as u64 {
        keeper.handle(letter(MAIN_PID, ticket, Request::Start { bootstrap: bootstrap("Process-n") }), 0.0);
    }
    assert_eq!(keeper.alive(), MOST_PROCESSES);
    let refused = keeper.handle(letter(MAIN_PID, 99, Request::Start { bootstrap: bootstrap("one too many") }), 0.0);
    assert_eq!(replies(&refused), [(MAIN_PID, 99, Reply::Started(Err(ProcessRefused::TooMany)))]);
}

#[test]
fn terminating_a_process_ends_its_children_and_answers_who_waits_for_them() {
    let mut keeper = ProcessKeeper::new(MAIN_PID);
    let started = keeper.handle(letter(MAIN_PID, 1, Request::Start { bootstrap: bootstrap("Process-1") }), 0.0);
    let Some((_, _, Reply::Started(Ok(child)))) = replies(&started).first().cloned() else { panic!() };
    let started = keeper.handle(letter(child, 1, Request::Start { bootstrap: bootstrap("Process-1:1") }), 0.0);
    let Some((_, _, Reply::Started(Ok(grandchild)))) = replies(&started).first().cloned() else { panic!() };
    keeper.handle(letter(MAIN_PID, 2, Request::WaitForExit { pid: grandchild, wait_ms: 1e9 }), 0.0);
    let out = keeper.handle(letter(MAIN_PID, 3, Request::Terminate { pid: child }), 1.0);
    assert!(out.contains(&Outgoing::EndWorker { pid: child }) && out.contains(&Outgoing::EndWorker { pid: grandchild }), "{out:?}");
    assert_eq!(replies(&out), [(MAIN_PID, 2, Reply::ExitCode(Some(TERMINATED)))]);
    assert_eq!(keeper.alive(), 1);
    // What an ended process still sends counts no more.
    assert!(keeper.handle(letter(child, 2, Request::BytesMoved), 2.0).is_empty());
}

#[test]
fn a_process_that_asks_by_message_posts_each_request_once_and_takes_its_reply() {
    let asking = AskingProcesses::new(1001);
    let call = ProcessCall::new(Request::Pending { channel: 3 });
    assert_eq!(asking.ask(&call, Duration::ZERO), None);
    assert_eq!(asking.ask(&call, Duration::ZERO), None, "asked again while it waits");
    let letters = asking.take_letters();
    assert_eq!(letters.len(), 1, "posted once");
    let sent = Letter::decode(&letters[0]).expect("a letter");
    assert_eq!((sent.from, &sent.request), (1001, &Request::Pending { channel: 3 }));
    assert!(asking.deliver(&Delivery { ticket: sent.ticket, reply: Reply::Count(2) }.encode()));
    assert_eq!(asking.ask(&call, Duration::ZERO), Some(Reply::Count(2)));
    assert_ne!(asking.new_number(), asking.new_number());
    assert!(asking.new_number() >> 32 == 1001, "numbers carry the pid: no other process gives them");
}

#[test]
fn a_program_waiting_for_another_process_is_waiting_not_deadlocked() {
    let source = "\
import multiprocessing
if __name__ == '__main__':
    q = multiprocessing.Queue()
    print(q.get())
";
    let asking = AskingProcesses::new(MAIN_PID);
    let mut program = start_program_on_one_thread(source, Mode::Gil312, Duration::from_secs(30), asking.host_on(Arc::new(NativeHost))).expect("a GIL mode");
    let mut slice = program.run_slice(Duration::from_millis(50));
    while slice == Slice::Ran {
        slice = program.run_slice(Duration::from_millis(50));
    }
    assert!(matches!(slice, Slice::Waiting(_)), "{slice:?}");
    let letters: Vec<Letter> = asking.take_letters().iter().filter_map(|bytes| Letter::decode(bytes)).collect();
    let receive = letters.iter().find(|letter| matches!(letter.request, Request::Receive { .. })).expect("a receive was asked");
    // Still waiting, slice after slice, until the reply is delivered.
    assert!(matches!(program.run_slice(Duration::from_millis(10)), Slice::Waiting(_)));
    // The keeper answers that nothing came (as when a timeout passes): `get` raises Empty.
    asking.deliver(&Delivery { ticket: receive.ticket, reply: Reply::Message(None) }.encode());
    let mut slice = program.run_slice(Duration::from_millis(50));
    while !matches!(slice, Slice::Ended(_)) {
        slice = program.run_slice(Duration::from_millis(50));
    }
    let stderr = program.output.text(Stream::Stderr);
    assert!(stderr.lines().last().is_some_and(|line| line.ends_with("Empty")), "{stderr}");
}

#[test]
fn queues_pipes_and_a_pool_run_with_every_process_asking_the_keeper_by_message() {
    let source = "\
import multiprocessing
def square(x):
    return x * x
def echo(conn):
    conn.send(conn.recv() + 1)
if __name__ == '__main__':
    here, there = multiprocessing.Pipe()
    p = multiprocessing.Process(target=echo, args=(there,))
    p.start()
    here.send(41)
    print(here.recv())
    p.join()
    with multiprocessing.Pool(2) as pool:
        print(pool.map(square, range(5)))
    print(multiprocessing.bytes_moved() > 0)
";
    let run = run_over_messages(source, TreeOptions::default());
    assert_eq!((run.outcome, run.output.text(Stream::Stdout)), (Outcome::Finished, "42\n[0, 1, 4, 9, 16]\nTrue\n".to_string()), "{}", run.output.text(Stream::Stderr));
    let names: Vec<(&str, Option<u32>)> = run.members.iter().map(|member| (member.name.as_str(), member.parent)).collect();
    assert_eq!(names, [("MainProcess", None), ("Process-1", Some(MAIN_PID)), ("SpawnPoolWorker-2", Some(MAIN_PID)), ("SpawnPoolWorker-3", Some(MAIN_PID))]);
    assert!(run.members.iter().skip(1).all(|member| member.exit_code.is_some()));
    // Each process has its own recorder: the timeline groups its lanes by pid.
    assert_eq!(run.recorders.len(), 4);
    assert!(run.bytes_moved > 0);
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
    print('three started')
    while True:
        pass
";
    // Stop once the three children have started, however slowly a loaded machine starts them.
    let options = TreeOptions { stop_once_printed: Some("three started"), ..TreeOptions::default() };
    let run = run_over_messages(source, options);
    assert_eq!(run.outcome, Outcome::Halted(Halt::Stopped));
    assert_eq!(run.members.len(), 4, "three children started: {:?}", run.members);
    assert!(run.members.iter().all(|member| member.exit_code.is_some()), "{:?}", run.members);
    assert!(run.ended_within < Duration::from_secs(1), "every process ended {:?} after the program", run.ended_within);
}

#[test]
fn a_wait_inside_a_comparison_is_a_clear_error() {
    // A sort's comparisons (`__lt__`) still run on a loop nested in Rust, where a thread cannot
    // park (its keys do not: they are pushed frames).
    let source = "\
import multiprocessing
def put(q):
    q.put(1)
class Late:
    def __init__(self, q):
        self.q = q
    def __lt__(self, other):
        return self.q.get() < 0
if __name__ == '__main__':
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=put, args=(q,))
    p.start()
    print(sorted([Late(q), Late(q)]))
    p.join()
";
    let run = run_over_messages(source, TreeOptions::default());
    let stderr = run.output.text(Stream::Stderr);
    assert!(stderr.contains("RuntimeError: this waits for another process inside a built-in"), "{stderr}");
}

#[test]
fn a_generator_that_a_built_in_consumes_whole_parks_on_its_waits() {
    // `sorted` and `list` would run the generator on a loop nested in Rust: on one thread asking
    // by message, a Python loop collects it first, on frames that park.
    let source = "\
import multiprocessing
def put(q, n):
    q.put(n)
if __name__ == '__main__':
    q = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=put, args=(q, n)) for n in (3, 1, 2)]
    for w in workers:
        w.start()
    print(sorted(q.get() for _ in workers), list(x for x in range(2)), sum((n for n in [4]), 1))
    for w in workers:
        w.join()
";
    let run = run_over_messages(source, TreeOptions::default());
    assert_eq!(run.output.text(Stream::Stdout), "[1, 2, 3] [0, 1] 5\n", "{}", run.output.text(Stream::Stderr));
}

#[test]
fn a_property_that_asks_another_process_parks_like_a_call() {
    // `counter.value` and `p.exitcode` are properties whose getters ask the tree: run as pushed
    // frames, they park; so does the setter behind `counter.value = …`.
    let source = "\
import multiprocessing
def add(counter):
    with counter.get_lock():
        counter.value = counter.value + 5
if __name__ == '__main__':
    counter = multiprocessing.Value('i', 1)
    p = multiprocessing.Process(target=add, args=(counter,))
    p.start()
    p.join()
    print(counter.value, p.exitcode)
";
    let run = run_over_messages(source, TreeOptions::default());
    assert_eq!(run.output.text(Stream::Stdout), "6 0\n", "{}", run.output.text(Stream::Stderr));
}

#[test]
fn dunders_that_ask_another_process_park_like_calls() {
    // Subscripts, `in`, `len`, `str`, `repr` and `print` of an object whose `__repr__` asks, a
    // comprehension's loop, `list`, `sorted` and `sum` of a manager's proxies: each runs the
    // proxy's dunder on pushed frames, so every round trip parks.
    let source = "\
import multiprocessing
class Shown:
    def __init__(self, proxy):
        self.proxy = proxy
    def __repr__(self):
        return 'Shown(%d)' % len(self.proxy)
def fill(d, numbers):
    d['b'] = numbers[1] + len(numbers)
    numbers[0] = 30
if __name__ == '__main__':
    with multiprocessing.Manager() as manager:
        d = manager.dict()
        d['a'] = 1
        numbers = manager.list([3, 1, 2])
        p = multiprocessing.Process(target=fill, args=(d, numbers))
        p.start()
        p.join()
        print(d['a'], d['b'], 'a' in d, 'c' not in d, len(numbers), numbers[0])
        print([n for n in numbers], list(numbers), sorted(numbers), sum(numbers), str(Shown(numbers)))
        print(Shown(numbers), repr(Shown(numbers)))
";
    let run = run_over_messages(source, TreeOptions::default());
    let expected = "1 4 True True 3 30\n[30, 1, 2] [30, 1, 2] [1, 2, 30] 33 Shown(3)\nShown(3) Shown(3)\n";
    assert_eq!(run.output.text(Stream::Stdout), expected, "{}", run.output.text(Stream::Stderr));
}

//! What a process asks the keeper of its tree ([`Request`]) and what it is answered
//! ([`Reply`]), as bytes: a [`Letter`] goes from a process to the keeper, a [`Delivery`] from
//! the keeper to a process. A request that waits (a receive on an empty channel, an acquire, a
//! join) carries how long it may wait: the keeper answers when it can or when that time has
//! passed on its own clock.

use super::wire::{Reader, Writer};
use crate::host::ProcessRefused;
use crate::vm::Stream;

/// What a process asks of its tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Start a process that runs `bootstrap` ([`crate::run_process`]'s message): its pid.
    Start {
        /// The process's bootstrap message.
        bootstrap: Vec<u8>,
    },
    /// End a process (and the processes it started).
    Terminate {
        /// The process's pid.
        pid: u32,
    },
    /// A process's exit code, `None` while it runs.
    ExitCode {
        /// The process's pid.
        pid: u32,
    },
    /// A process's exit code once it has ended, waiting up to `wait_ms`.
    WaitForExit {
        /// The process's pid.
        pid: u32,
        /// The longest it may wait, in milliseconds.
        wait_ms: f64,
    },
    /// A new channel, numbered by the asker ([`crate::ProcessHost::new_number`]).
    OpenChannel {
        /// The channel's number.
        channel: u64,
    },
    /// A message on a channel.
    Send {
        /// The channel's number.
        channel: u64,
        /// The pickled message.
        message: Vec<u8>,
    },
    /// The next message on a channel, waiting up to `wait_ms` for one.
    Receive {
        /// The channel's number.
        channel: u64,
        /// The longest it may wait, in milliseconds.
        wait_ms: f64,
    },
    /// How many messages wait on a channel.
    Pending {
        /// The channel's number.
        channel: u64,
    },
    /// A new block of `words` shared words, all zero.
    ShareWords {
        /// The block's number.
        block: u64,
        /// How many words.
        words: u64,
    },
    /// A shared word (0 past the block's end).
    LoadWord {
        /// The block's number.
        block: u64,
        /// The word's index in its block.
        index: u64,
    },
    /// Writes a shared word.
    StoreWord {
        /// The block's number.
        block: u64,
        /// The word's index in its block.
        index: u64,
        /// The word written.
        word: u64,
    },
    /// A new semaphore at `value`.
    OpenSemaphore {
        /// The semaphore's number.
        semaphore: u64,
        /// Its value at first.
        value: u32,
    },
    /// Takes one from a semaphore, waiting up to `wait_ms`.
    Acquire {
        /// The semaphore's number.
        semaphore: u64,
        /// The longest it may wait, in milliseconds.
        wait_ms: f64,
    },
    /// Gives one back.
    Release {
        /// The semaphore's number.
        semaphore: u64,
    },
    /// A semaphore's value.
    SemaphoreValue {
        /// The semaphore's number.
        semaphore: u64,
    },
    /// Bytes moved between processes so far.
    BytesMoved,
    /// A piece of the asker's output, printed by its thread `thread`.
    Print {
        /// stdout or stderr.
        stream: Stream,
        /// The thread that printed it (`MainThread`).
        thread: String,
        /// What was printed.
        text: String,
    },
    /// The asker has ended with this exit code.
    Exited {
        /// Its exit code.
        code: i32,
    },
}

/// The keeper's answer to a request that has one ([`Request::expects_reply`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// Done (what a request without an answer gets at once).
    Done,
    /// A process started with this pid, or why not.
    Started(Result<u32, ProcessRefused>),
    /// A process's exit code, `None` while it runs (or once a wait for it has timed out).
    ExitCode(Option<i32>),
    /// A message, `None` when none came in time.
    Message(Option<Vec<u8>>),
    /// A count, a semaphore's value, a number given.
    Count(u64),
    /// A shared word.
    Word(u64),
    /// Whether a semaphore was taken in time.
    Taken(bool),
}

impl Request {
    /// Whether the asker waits for a reply (the others are done once sent).
    pub fn expects_reply(&self) -> bool {
        !matches!(
            self,
            Request::Terminate { .. }
                | Request::OpenChannel { .. }
                | Request::Send { .. }
                | Request::ShareWords { .. }
                | Request::StoreWord { .. }
                | Request::OpenSemaphore { .. }
                | Request::Release { .. }
                | Request::Print { .. }
                | Request::Exited { .. }
        )
    }

    /// The reply when its wait is over and nothing came.
    pub fn timed_out(&self) -> Reply {
        match self {
            Request::WaitForExit { .. } => Reply::ExitCode(None),
            Request::Receive { .. } => Reply::Message(None),
            Request::Acquire { .. } => Reply::Taken(false),
            _ => Reply::Done,
        }
    }

    /// How long it may wait, for the requests that wait.
    pub fn wait_ms(&self) -> Option<f64> {
        match self {
            Request::WaitForExit { wait_ms, .. } | Request::Receive { wait_ms, .. } | Request::Acquire { wait_ms, .. } => Some(*wait_ms),
            _ => None,
        }
    }

    fn write(&self, writer: Writer) -> Writer {
        match self {
            Request::Start { bootstrap } => writer.byte(1).bytes(bootstrap),
            Request::Terminate { pid } => writer.byte(2).u32(*pid),
            Request::ExitCode { pid } => writer.byte(3).u32(*pid),
            Request::WaitForExit { pid, wait_ms } => writer.byte(4).u32(*pid).f64(*wait_ms),
            Request::OpenChannel { channel } => writer.byte(5).u64(*channel),
            Request::Send { channel, message } => writer.byte(6).u64(*channel).bytes(message),
            Request::Receive { channel, wait_ms } => writer.byte(7).u64(*channel).f64(*wait_ms),
            Request::Pending { channel } => writer.byte(8).u64(*channel),
            Request::ShareWords { block, words } => writer.byte(9).u64(*block).u64(*words),
            Request::LoadWord { block, index } => writer.byte(10).u64(*block).u64(*index),
            Request::StoreWord { block, index, word } => writer.byte(11).u64(*block).u64(*index).u64(*word),
            Request::OpenSemaphore { semaphore, value } => writer.byte(12).u64(*semaphore).u32(*value),
            Request::Acquire { semaphore, wait_ms } => writer.byte(13).u64(*semaphore).f64(*wait_ms),
            Request::Release { semaphore } => writer.byte(14).u64(*semaphore),
            Request::SemaphoreValue { semaphore } => writer.byte(15).u64(*semaphore),
            Request::BytesMoved => writer.byte(16),
            Request::Print { stream, thread, text } => writer.byte(17).byte(stream_byte(*stream)).text(thread).text(text),
            Request::Exited { code } => writer.byte(18).i32(*code),
        }
    }

    fn read(reader: &mut Reader) -> Option<Request> {
        Some(match reader.byte()? {
            1 => Request::Start { bootstrap: reader.bytes()? },
            2 => Request::Terminate { pid: reader.u32()? },
            3 => Request::ExitCode { pid: reader.u32()? },
            4 => Request::WaitForExit { pid: reader.u32()?, wait_ms: reader.f64()? },
            5 => Request::OpenChannel { channel: reader.u64()? },
            6 => Request::Send { channel: reader.u64()?, message: reader.bytes()? },
            7 => Request::Receive { channel: reader.u64()?, wait_ms: reader.f64()? },
            8 => Request::Pending { channel: reader.u64()? },
            9 => Request::ShareWords { block: reader.u64()?, words: reader.u64()? },
            10 => Request::LoadWord { block: reader.u64()?, index: reader.u64()? },
            11 => Request::StoreWord { block: reader.u64()?, index: reader.u64()?, word: reader.u64()? },
            12 => Request::OpenSemaphore { semaphore: reader.u64()?, value: reader.u32()? },
            13 => Request::Acquire { semaphore: reader.u64()?, wait_ms: reader.f64()? },
            14 => Request::Release { semaphore: reader.u64()? },
            15 => Request::SemaphoreValue { semaphore: reader.u64()? },
            16 => Request::BytesMoved,
            17 => Request::Print { stream: stream_of(reader.byte()?)?, thread: reader.text()?, text: reader.text()? },
            18 => Request::Exited { code: reader.i32()? },
            _ => return None,
        })
    }
}

impl Reply {
    fn write(&self, writer: Writer) -> Writer {
        match self {
            Reply::Done => writer.byte(1),
            Reply::Started(Ok(pid)) => writer.byte(2).u32(*pid),
            Reply::Started(Err(ProcessRefused::TooMany)) => writer.byte(3),
            Reply::Started(Err(ProcessRefused::Failed)) => writer.byte(4),
            Reply::ExitCode(None) => writer.byte(5),
            Reply::ExitCode(Some(code)) => writer.byte(6).i32(*code),
            Reply::Message(None) => writer.byte(7),
            Reply::Message(Some(message)) => writer.byte(8).bytes(message),
            Reply::Count(count) => writer.byte(9).u64(*count),
            Reply::Word(word) => writer.byte(10).u64(*word),
            Reply::Taken(taken) => writer.byte(11).byte(u8::from(*taken)),
        }
    }

    fn read(reader: &mut Reader) -> Option<Reply> {
        Some(match reader.byte()? {
            1 => Reply::Done,
            2 => Reply::Started(Ok(reader.u32()?)),
            3 => Reply::Started(Err(ProcessRefused::TooMany)),
            4 => Reply::Started(Err(ProcessRefused::Failed)),
            5 => Reply::ExitCode(None),
            6 => Reply::ExitCode(Some(reader.i32()?)),
            7 => Reply::Message(None),
            8 => Reply::Message(Some(reader.bytes()?)),
            9 => Reply::Count(reader.u64()?),
            10 => Reply::Word(reader.u64()?),
            11 => Reply::Taken(reader.byte()? != 0),
            _ => return None,
        })
    }
}

fn stream_byte(stream: Stream) -> u8 {
    match stream {
        Stream::Stdout => 1,
        Stream::Stderr => 2,
    }
}

fn stream_of(byte: u8) -> Option<Stream> {
    match byte {
        1 => Some(Stream::Stdout),
        2 => Some(Stream::Stderr),
        _ => None,
    }
}

/// A request from the process `from`; its reply, if it has one, carries `ticket` back.
#[derive(Clone, Debug, PartialEq)]
pub struct Letter {
    /// The asking process's pid.
    pub from: u32,
    /// The asker's number for this request.
    pub ticket: u64,
    /// What it asks.
    pub request: Request,
}

/// A reply for the request the process numbered `ticket`.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    /// The request's number.
    pub ticket: u64,
    /// Its reply.
    pub reply: Reply,
}

/// A letter's first byte, a delivery's: a stray message is never read as the other kind.
const LETTER: u8 = b'L';
const DELIVERY: u8 = b'D';

impl Letter {
    /// Its bytes.
    pub fn encode(&self) -> Vec<u8> {
        self.request.write(Writer::tagged(LETTER).u32(self.from).u64(self.ticket)).finish()
    }

    /// A letter from its bytes; `None` if they are not one.
    pub fn decode(bytes: &[u8]) -> Option<Letter> {
        let mut reader = Reader::new(bytes);
        (reader.byte()? == LETTER).then_some(())?;
        let letter = Letter { from: reader.u32()?, ticket: reader.u64()?, request: Request::read(&mut reader)? };
        reader.at_end().then_some(letter)
    }
}

impl Delivery {
    /// Its bytes.
    pub fn encode(&self) -> Vec<u8> {
        self.reply.write(Writer::tagged(DELIVERY).u64(self.ticket)).finish()
    }

    /// A delivery from its bytes; `None` if they are not one.
    pub fn decode(bytes: &[u8]) -> Option<Delivery> {
        let mut reader = Reader::new(bytes);
        (reader.byte()? == DELIVERY).then_some(())?;
        let delivery = Delivery { ticket: reader.u64()?, reply: Reply::read(&mut reader)? };
        reader.at_end().then_some(delivery)
    }
}

//! The program's output: lines tagged with the thread that printed them, the last 10,000
//! kept with a count of the dropped ones; and tracebacks in CPython's form.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use crate::objects::exception::TraceEntry;
use crate::objects::lock;

/// At most this many lines are kept.
pub const MAX_LINES: usize = 10_000;

/// stdout or stderr.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error (tracebacks).
    Stderr,
}

/// One line of output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputLine {
    /// Where it went.
    pub stream: Stream,
    /// The thread that wrote it.
    pub thread: Arc<str>,
    /// Its text, without the newline.
    pub text: String,
}

#[derive(Default)]
struct Lines {
    lines: VecDeque<OutputLine>,
    partial: Option<OutputLine>,
    dropped: u64,
}

/// Where a child process's output goes instead of being kept.
enum Forward {
    /// Into its program's output, each thread named after its process.
    Program(Arc<Output>, Arc<str>),
    /// To a sink: a process on a worker of its own posts it to its tree's keeper.
    Sink(OutputSink),
}

/// What takes each piece of output as it is written: its stream, its thread, its text.
pub type OutputSink = Box<dyn Fn(Stream, &str, &str) + Send + Sync>;

/// The sink print writes to.
#[derive(Default)]
pub struct Output {
    lines: Mutex<Lines>,
    forward: Option<Forward>,
}

impl Output {
    /// The output of the process `process`, written into `program`'s as
    /// `Process-1/MainThread`.
    pub fn forwarding_to(program: Arc<Output>, process: &str) -> Output {
        Output { lines: Mutex::default(), forward: Some(Forward::Program(program, Arc::from(process))) }
    }

    /// An output that keeps nothing and hands every piece written to `sink`.
    pub fn posting_to(sink: OutputSink) -> Output {
        Output { lines: Mutex::default(), forward: Some(Forward::Sink(sink)) }
    }

    /// Appends text; complete lines are kept, the last partial line waits for its end.
    pub fn write(&self, stream: Stream, thread: &Arc<str>, text: &str) {
        match &self.forward {
            Some(Forward::Program(program, process)) => return program.write(stream, &Arc::from(format!("{process}/{thread}")), text),
            Some(Forward::Sink(sink)) => return sink(stream, thread, text),
            None => {}
        }
        let mut lines = lock(&self.lines);
        let mut pieces = text.split('\n').peekable();
        while let Some(piece) = pieces.next() {
            let ends_line = pieces.peek().is_some();
            if piece.is_empty() && !ends_line {
                break;
            }
            let same = lines.partial.as_ref().is_some_and(|partial| partial.stream == stream && partial.thread == *thread);
            if !same {
                if let Some(partial) = lines.partial.take() {
                    push(&mut lines, partial);
                }
            }
            let partial = lines.partial.get_or_insert_with(|| OutputLine { stream, thread: thread.clone(), text: String::new() });
            partial.text.push_str(piece);
            if ends_line {
                let complete = lines.partial.take().expect("just inserted");
                push(&mut lines, complete);
            }
        }
    }

    /// The kept lines (a trailing partial line included) and how many were dropped.
    pub fn snapshot(&self) -> (Vec<OutputLine>, u64) {
        copy(&lock(&self.lines))
    }

    /// As [`Output::snapshot`], or `None` while a thread is writing: for a browser's main
    /// thread, which must never wait for a lock.
    pub fn try_snapshot(&self) -> Option<(Vec<OutputLine>, u64)> {
        self.lines.try_lock().ok().map(|lines| copy(&lines))
    }

    /// For a reader that forwards the output as it comes (a worker posting it to the page):
    /// the complete lines written after the first `seen` (those still kept), the line being
    /// written, and how many complete lines were written in all.
    pub fn lines_after(&self, seen: u64) -> (Vec<OutputLine>, Option<OutputLine>, u64) {
        let lines = lock(&self.lines);
        let written = lines.dropped + lines.lines.len() as u64;
        let new = written.saturating_sub(seen).min(lines.lines.len() as u64) as usize;
        (lines.lines.range(lines.lines.len() - new..).cloned().collect(), lines.partial.clone(), written)
    }

    /// Everything written to one stream, as text.
    pub fn text(&self, stream: Stream) -> String {
        let lines = lock(&self.lines);
        let mut text = String::new();
        for line in lines.lines.iter().filter(|line| line.stream == stream) {
            text.push_str(&line.text);
            text.push('\n');
        }
        if let Some(partial) = lines.partial.as_ref().filter(|line| line.stream == stream) {
            text.push_str(&partial.text);
        }
        text
    }
}

fn copy(lines: &Lines) -> (Vec<OutputLine>, u64) {
    let mut all: Vec<OutputLine> = lines.lines.iter().cloned().collect();
    all.extend(lines.partial.clone());
    (all, lines.dropped)
}

fn push(lines: &mut Lines, line: OutputLine) {
    if lines.lines.len() == MAX_LINES {
        lines.lines.pop_front();
        lines.dropped += 1;
    }
    lines.lines.push_back(line);
}

/// A traceback in CPython's form, outermost frame first, runs of one repeated frame
/// shortened as CPython does.
pub fn format_traceback(traceback: &[TraceEntry], last_line: &str) -> String {
    if traceback.is_empty() {
        return format!("{last_line}\n");
    }
    let mut text = String::from("Traceback (most recent call last):\n");
    let mut previous: Option<&TraceEntry> = None;
    let mut repeats = 0;
    for entry in traceback.iter().rev() {
        if previous == Some(entry) {
            repeats += 1;
            if repeats >= 3 {
                continue;
            }
        } else {
            flush_repeats(&mut text, repeats);
            repeats = 0;
        }
        text.push_str(&format!("  File \"{}\", line {}, in {}\n", entry.file, entry.line, entry.function));
        text.push_str(&crate::traceback::source_lines(entry));
        previous = Some(entry);
    }
    flush_repeats(&mut text, repeats);
    text.push_str(last_line);
    text.push('\n');
    text
}

fn flush_repeats(text: &mut String, repeats: usize) {
    if repeats >= 3 {
        let more = repeats - 2;
        text.push_str(&format!("  [Previous line repeated {more} more time{}]\n", if more == 1 { "" } else { "s" }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forwarding_reader_gets_each_complete_line_once_and_the_one_being_written() {
        let output = Output::default();
        let main: Arc<str> = Arc::from("MainThread");
        output.write(Stream::Stdout, &main, "one\ntwo\nthr");
        let (lines, partial, written) = output.lines_after(0);
        assert_eq!((lines.len(), partial.map(|line| line.text), written), (2, Some("thr".to_owned()), 2));
        output.write(Stream::Stdout, &main, "ee\n");
        let (lines, partial, written) = output.lines_after(written);
        assert_eq!((lines.iter().map(|line| line.text.as_str()).collect::<Vec<_>>(), partial, written), (vec!["three"], None, 3));
        for n in 0..MAX_LINES + 5 {
            output.write(Stream::Stdout, &main, &format!("{n}\n"));
        }
        let (lines, _, written) = output.lines_after(written);
        assert_eq!((lines.len(), lines[0].text.as_str(), written), (MAX_LINES, "5", 3 + MAX_LINES as u64 + 5));
    }
}

//! A traceback entry's source line and caret line, as CPython 3.11 prints them below
//! `File "main.py", line 3, in f` (`Python/traceback.c`): the line without its indentation,
//! indented by four; under it, the failing node marked with `^`, or for a binary operation or a
//! subscript `~` under the operands and `^` under the operator or the `[…]`. The caret line is
//! left out when a node with nothing stressed spans the whole line; a node that goes on past
//! its first line is marked to that line's end.

use crate::objects::exception::TraceEntry;

/// What a traceback puts before a source line and its carets.
const INDENT: &str = "    ";

/// The source line of `entry` and, where CPython prints one, its caret line (each ending in a
/// newline); nothing for a blank or missing line.
pub fn source_lines(entry: &TraceEntry) -> String {
    let Some(line_start) = line_start(&entry.source, entry.line) else { return String::new() };
    let line = entry.source[line_start..].split('\n').next().unwrap_or("").trim_end();
    let code = line.trim_start();
    if code.is_empty() {
        return String::new();
    }
    let mut text = format!("{INDENT}{code}\n");
    if let Some(carets) = carets(entry, line_start, line) {
        text.push_str(&format!("{INDENT}{carets}\n"));
    }
    text
}

/// The byte where the 1-based line `number` starts.
fn line_start(source: &str, number: u32) -> Option<usize> {
    let skipped = usize::try_from(number.checked_sub(1)?).ok()?;
    if skipped == 0 {
        return Some(0);
    }
    source.match_indices('\n').nth(skipped - 1).map(|(at, _)| at + 1)
}

/// The caret line under `line` (which starts at byte `line_start` of the source, trailing blanks
/// removed), without its indentation; `None` where CPython prints none.
fn carets(entry: &TraceEntry, line_start: usize, line: &str) -> Option<String> {
    let position = entry.position;
    let (start, end) = (position.start as usize, position.end as usize);
    let line_end = line_start + line.len();
    if start < line_start || start >= line_end || end <= start {
        return None;
    }
    let column = |byte: usize| line.get(..byte.clamp(line_start, line_end) - line_start).map_or(0, |before| before.chars().count());
    let indent = line.chars().count() - line.trim_start().chars().count();
    let (first, last, stress) = if end <= line_end {
        let stress = position.stress.map(|(from, to)| (column(from as usize), column(to as usize)));
        (column(start), column(end), stress)
    } else {
        (column(start), line.chars().count(), None)
    };
    if stress.is_none() && first == indent && last == line.chars().count() {
        return None;
    }
    let marks = (first..last).map(|at| match stress {
        Some((from, to)) if (from..to).contains(&at) => '^',
        Some(_) => '~',
        None => '^',
    });
    Some(" ".repeat(first.saturating_sub(indent)) + &marks.collect::<String>())
}

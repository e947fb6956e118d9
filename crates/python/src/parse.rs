//! Parsing with ruff's parser; its errors become a [`SyntaxError`] with line and column.

use ruff_python_ast::ModModule;
use ruff_text_size::TextSize;

/// A program that does not parse (or uses syntax outside the subset).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The 1-based line.
    pub line: u32,
    /// The 1-based column.
    pub column: u32,
    /// What is wrong.
    pub message: String,
    /// `SyntaxError` or `IndentationError`.
    pub kind: &'static str,
}

/// Parses a whole program.
///
/// # Errors
/// A [`SyntaxError`] at the first place the parser gave up.
pub fn parse(source: &str) -> Result<ModModule, SyntaxError> {
    ruff_python_parser::parse_module(source).map(|parsed| parsed.into_syntax()).map_err(|error| {
        let message = error.error.to_string();
        let kind = if message.contains("indent") { "IndentationError" } else { "SyntaxError" };
        let (line, column) = line_and_column(source, error.location.start());
        SyntaxError { line, column, message: cpython_message(&message), kind }
    })
}

/// The 1-based line and column of a byte offset.
pub fn line_and_column(source: &str, offset: TextSize) -> (u32, u32) {
    let offset = usize::from(offset).min(source.len());
    let before = &source[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line, before[line_start..].chars().count() as u32 + 1)
}

/// ruff's wording where CPython's differs in a way a learner would notice.
fn cpython_message(message: &str) -> String {
    if message.contains("Expected an indented block") {
        return "expected an indented block".into();
    }
    if message.contains("Unexpected indentation") {
        return "unexpected indent".into();
    }
    if message.contains("unindent does not match") {
        return "unindent does not match any outer indentation level".into();
    }
    "invalid syntax".into()
}

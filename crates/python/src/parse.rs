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
/// A [`SyntaxError`] at the first place the parser gave up, worded as CPython words it where
/// a learner would notice the difference.
pub fn parse(source: &str) -> Result<ModModule, SyntaxError> {
    ruff_python_parser::parse_module(source).map(|parsed| parsed.into_syntax()).map_err(|error| {
        if let Some(unclosed) = unclosed_bracket(source) {
            let (line, column) = line_and_column(source, TextSize::from(unclosed.1 as u32));
            return SyntaxError { line, column, message: format!("'{}' was never closed", unclosed.0), kind: "SyntaxError" };
        }
        let message = error.error.to_string();
        let (line, column) = line_and_column(source, error.location.start());
        let kind = if message.contains("indent") { "IndentationError" } else { "SyntaxError" };
        let at = &source[usize::from(error.location.start()).min(source.len())..];
        SyntaxError { line, column, message: cpython_message(&message, source, line, at), kind }
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

/// The first bracket never closed (skipping strings and comments), with its byte offset.
fn unclosed_bracket(source: &str) -> Option<(char, usize)> {
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '#' => {
                while chars.peek().is_some_and(|(_, c)| *c != '\n') {
                    chars.next();
                }
            }
            '"' | '\'' => {
                while let Some((_, inner)) = chars.next() {
                    if inner == '\\' {
                        chars.next();
                    } else if inner == c || inner == '\n' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => open.push((c, at)),
            ')' | ']' | '}' => {
                open.pop()?;
            }
            _ => {}
        }
    }
    open.first().copied()
}

/// ruff's wording replaced by CPython's where a learner would notice the difference.
fn cpython_message(message: &str, source: &str, line: u32, at: &str) -> String {
    if message.contains("Expected an indented block") {
        return format!("expected an indented block{}", block_opener(source, line));
    }
    if message.contains("Unexpected indentation") {
        return "unexpected indent".into();
    }
    if message.contains("unindent does not match") {
        return "unindent does not match any outer indentation level".into();
    }
    if message.contains("Got unexpected unicode") {
        // The page's build has no table of character names (crates/unicode_names2_stub).
        return "(unicode error) the playground's Python has no \\N{...} escapes: write the character itself, or \\u and its code".into();
    }
    if message.starts_with("Expected `:`") {
        return "expected ':'".into();
    }
    if message.contains("missing closing quote") {
        return format!("unterminated string literal (detected at line {line})");
    }
    if message.contains("Invalid assignment target") {
        let literal = at.starts_with(|c: char| c.is_ascii_digit() || c == '"' || c == '\'');
        let what = if literal { "literal" } else { "expression" };
        return format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?");
    }
    "invalid syntax".into()
}

/// ` after function definition on line 3`: the block a missing indentation follows.
fn block_opener(source: &str, line: u32) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let header = (0..(line as usize).saturating_sub(1)).rev().find(|index| {
        let text = lines[*index].trim();
        !text.is_empty() && !text.starts_with('#')
    });
    let Some(index) = header else { return String::new() };
    let keyword = lines[index].trim_start().split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("");
    let what = match keyword {
        "def" => "function definition".to_string(),
        "class" => "class definition".to_string(),
        "if" | "elif" | "else" | "for" | "while" | "try" | "except" | "finally" | "with" => format!("'{keyword}' statement"),
        _ => return String::new(),
    };
    format!(" after {what} on line {}", index + 1)
}

//! A compiled body: instructions with their lines, and the tables they index.

use std::sync::Arc;

use super::Instr;
use crate::objects::Value;

/// What a code object is the body of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CodeKind {
    /// A module: its names are globals.
    Module,
    /// A function, lambda or comprehension: names in fast locals and cells.
    Function,
    /// A class body: its names go to the class namespace.
    Class,
}

/// The parameters of a function.
#[derive(Clone, Default, Debug)]
pub struct Parameters {
    /// Positional parameters (positional-only ones first), then keyword-only ones, as local slots 0…
    pub names: Vec<Arc<str>>,
    /// How many of `names` are positional-only.
    pub positional_only: usize,
    /// How many of `names` can be given by position.
    pub positional: usize,
    /// Whether `*args` follows (its local slot comes after the named ones).
    pub var_positional: bool,
    /// Whether `**kwargs` follows (its local slot comes last).
    pub var_keyword: bool,
}

/// Where in its source an instruction comes from, as CPython 3.11 keeps it for a traceback's
/// carets: the byte range of the node it was compiled from and, for a binary operation or a
/// subscript, the part the carets stress (`~~~^~~~`: the operator; `~~~~^^^`: the `[…]`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// The node's first byte in the source.
    pub start: u32,
    /// The byte after the node's last.
    pub end: u32,
    /// The stressed bytes, `start..end`, when the node has such a part.
    pub stress: Option<(u32, u32)>,
}

/// A compiled body.
pub struct Code {
    /// The function's name (`<module>`, `f`, `<lambda>`, `<listcomp>`).
    pub name: Arc<str>,
    /// The file tracebacks name (`main.py`, `<stdlib>/threading.py`).
    pub file: Arc<str>,
    /// The qualified name (`Class.method`).
    pub qualified_name: Arc<str>,
    /// What it is the body of.
    pub kind: CodeKind,
    /// The instructions.
    pub instrs: Vec<Instr>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    /// Where in the source each instruction comes from (for tracebacks).
    pub positions: Vec<Position>,
    /// The whole source of its file (tracebacks print its lines).
    pub source: Arc<str>,
    /// The line of the `def`.
    pub first_line: u32,
    /// Constants (numbers, strings, inner code objects, keyword-name tuples).
    pub consts: Vec<Value>,
    /// Names of globals, attributes and imports.
    pub names: Vec<Arc<str>>,
    /// Local variables: the parameters first.
    pub locals: Vec<Arc<str>>,
    /// Its parameters.
    pub parameters: Parameters,
    /// Locals that inner functions capture: each held in a cell, with the local slot it
    /// comes from when it is a parameter.
    pub cell_vars: Vec<(Arc<str>, Option<u32>)>,
    /// Variables it captures from enclosing functions, after `cell_vars` in the cell table.
    pub free_vars: Vec<Arc<str>>,
    /// For each free variable, the index of the enclosing code's cell it captures.
    pub free_from_parent: Vec<u32>,
    /// The deepest the value stack gets.
    pub max_stack: usize,
    /// Whether calling it makes a generator (its body has `yield`).
    pub is_generator: bool,
}

impl Code {
    /// The source line of the instruction at `index`.
    pub fn line_at(&self, index: usize) -> u32 {
        self.lines.get(index).copied().unwrap_or(self.first_line)
    }

    /// Where in the source the instruction at `index` comes from.
    pub fn position_at(&self, index: usize) -> Position {
        self.positions.get(index).copied().unwrap_or_default()
    }
}

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
}

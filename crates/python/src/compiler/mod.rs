//! The compiler: a ruff AST in, [`Code`] out. Names are resolved first (`scope.rs`); then
//! statements (`stmt.rs`) and expressions (`expr.rs`) are emitted into one [`Unit`] per
//! function, class body or module.

mod expr;
mod fuse;
mod scope;
mod stmt;

use std::collections::HashMap;
use std::sync::Arc;

use ruff_python_ast::{self as ast, ModModule, Stmt};
use ruff_text_size::{Ranged, TextSize};

use crate::bytecode::{Code, CodeKind, Instr, Parameters, Position};
use crate::objects::Value;
use scope::{Place, Scope, Scopes};

/// A program the compiler refuses: syntax outside the subset, with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The 1-based line.
    pub line: u32,
    /// What is missing or wrong.
    pub message: String,
    /// The exception class CPython would raise (`SyntaxError`), or `None` for a limit of
    /// the playground's Python.
    pub python_class: Option<&'static str>,
}

/// Compiles a parsed module.
///
/// # Errors
/// A [`CompileError`] at the first construct the playground's Python does not have.
pub fn compile(module: &ModModule, source: &str, file: &str) -> Result<Arc<Code>, CompileError> {
    let scopes = scope::analyse(module);
    let lines = LineTable::new(source);
    let mut compiler = Compiler { scopes: &scopes, lines: &lines, units: Vec::new(), file: Arc::from(file), source: Arc::from(source) };
    compiler.push_unit(0, "<module>", "<module>", CodeKind::Module, Parameters::default(), 1);
    compiler.body(&module.body)?;
    compiler.emit_return_none();
    Ok(compiler.pop_unit(&[]))
}

/// Byte offsets of line starts, to give every instruction its line.
struct LineTable {
    starts: Vec<usize>,
}

impl LineTable {
    fn new(source: &str) -> LineTable {
        let starts = std::iter::once(0).chain(source.match_indices('\n').map(|(at, _)| at + 1)).collect();
        LineTable { starts }
    }

    fn line(&self, offset: TextSize) -> u32 {
        let offset = usize::from(offset);
        self.starts.partition_point(|start| *start <= offset) as u32
    }
}

/// What a `break`, `continue` or `return` must undo on its way out.
enum Block<'a> {
    /// A loop: where `continue` goes, the jumps `break` left to patch, and whether an
    /// iterator is on the stack.
    Loop { head: u32, breaks: Vec<usize>, is_for: bool },
    /// A `try` body protected by a handler.
    Try,
    /// A `try` body with a `finally` to run.
    Finally(&'a [Stmt]),
    /// An `except` clause's body.
    Handler,
    /// A `with` body.
    With,
}

/// One code object being emitted.
struct Unit<'a> {
    scope_key: usize,
    name: String,
    qualified_name: String,
    kind: CodeKind,
    parameters: Parameters,
    first_line: u32,
    instrs: Vec<Instr>,
    lines: Vec<u32>,
    positions: Vec<Position>,
    consts: Vec<Value>,
    names: Vec<Arc<str>>,
    name_index: HashMap<String, u32>,
    line: u32,
    /// Where the node being compiled is (every instruction emitted takes it).
    position: Position,
    blocks: Vec<Block<'a>>,
}

struct Compiler<'s> {
    file: Arc<str>,
    source: Arc<str>,
    scopes: &'s Scopes,
    lines: &'s LineTable,
    units: Vec<Unit<'s>>,
}

type Compiled = Result<(), CompileError>;

impl<'s> Compiler<'s> {
    fn unit(&mut self) -> &mut Unit<'s> {
        self.units.last_mut().expect("a unit is open while compiling")
    }

    fn scope(&self) -> &'s Scope {
        let key = self.units.last().expect("a unit is open").scope_key;
        &self.scopes[&key]
    }

    fn push_unit(&mut self, scope_key: usize, name: &str, qualified_name: &str, kind: CodeKind, parameters: Parameters, line: u32) {
        self.units.push(Unit {
            scope_key,
            name: name.to_string(),
            qualified_name: qualified_name.to_string(),
            kind,
            parameters,
            first_line: line,
            instrs: Vec::new(),
            lines: Vec::new(),
            positions: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            line,
            position: Position::default(),
            blocks: Vec::new(),
        });
    }

    /// Finishes the innermost unit; `parent_cells` are the enclosing scope's cell names
    /// (cells then frees), to find where each free variable comes from.
    fn pop_unit(&mut self, parent_cells: &[String]) -> Arc<Code> {
        let unit = self.units.pop().expect("a unit is open");
        let scope = &self.scopes[&unit.scope_key];
        let locals: Vec<Arc<str>> = scope.locals.iter().map(|name| Arc::from(name.as_str())).collect();
        let cell_vars = scope
            .cells
            .iter()
            .map(|name| {
                let slot = unit.parameters.names.iter().position(|p| &**p == name).map(|s| s as u32);
                let slot = slot.or_else(|| variadic_slot(&unit.parameters, &scope.locals, name));
                (Arc::from(name.as_str()), slot)
            })
            .collect();
        let free_from_parent =
            scope.frees.iter().map(|name| parent_cells.iter().position(|cell| cell == name).unwrap_or(0) as u32).collect();
        let (instrs, lines, positions) = fuse::fuse((unit.instrs, unit.lines, unit.positions));
        let max_stack = max_stack_depth(&instrs);
        Arc::new(Code {
            name: Arc::from(unit.name.as_str()),
            file: self.file.clone(),
            qualified_name: Arc::from(unit.qualified_name.as_str()),
            kind: unit.kind,
            instrs,
            lines,
            positions,
            source: self.source.clone(),
            first_line: unit.first_line,
            consts: unit.consts,
            names: unit.names,
            locals,
            parameters: unit.parameters,
            cell_vars,
            free_vars: scope.frees.iter().map(|name| Arc::from(name.as_str())).collect(),
            free_from_parent,
            max_stack,
            is_generator: scope.is_generator,
        })
    }

    /// The current unit's cell table names (cells then frees), for its children.
    fn cell_names(&self) -> Vec<String> {
        let scope = self.scope();
        scope.cells.iter().chain(scope.frees.iter()).cloned().collect()
    }

    /// The node being compiled: its line, and its position for the instructions that follow.
    fn set_line(&mut self, node: &impl Ranged) {
        let line = self.lines.line(node.start());
        let unit = self.unit();
        unit.line = line;
        unit.position = Position { start: node.start().into(), end: node.end().into(), stress: None };
    }

    fn line_of(&self, node: &impl Ranged) -> u32 {
        self.lines.line(node.start())
    }

    fn emit(&mut self, instr: Instr) -> usize {
        let unit = self.unit();
        unit.instrs.push(instr);
        unit.lines.push(unit.line);
        unit.positions.push(unit.position);
        unit.instrs.len() - 1
    }

    fn here(&mut self) -> u32 {
        self.unit().instrs.len() as u32
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here();
        let instr = &mut self.unit().instrs[at];
        *instr = retarget(*instr, target);
    }

    fn constant(&mut self, value: Value) -> u32 {
        let unit = self.unit();
        unit.consts.push(value);
        (unit.consts.len() - 1) as u32
    }

    fn load_const(&mut self, value: Value) {
        let index = self.constant(value);
        self.emit(Instr::LoadConst(index));
    }

    fn name(&mut self, name: &str) -> u32 {
        let unit = self.unit();
        if let Some(index) = unit.name_index.get(name) {
            return *index;
        }
        unit.names.push(Arc::from(name));
        let index = (unit.names.len() - 1) as u32;
        unit.name_index.insert(name.to_string(), index);
        index
    }

    fn emit_return_none(&mut self) {
        self.load_const(Value::None);
        self.emit(Instr::Return);
    }

    fn load_name(&mut self, name: &str) {
        let instr = match self.scope().place(name) {
            Place::Fast(slot) => Instr::LoadFast(slot),
            Place::Cell(slot) => Instr::LoadDeref(slot),
            Place::Global => Instr::LoadGlobal(self.name(name)),
            Place::Name => Instr::LoadName(self.name(name)),
        };
        self.emit(instr);
    }

    fn store_name(&mut self, name: &str) {
        let instr = match self.scope().place(name) {
            Place::Fast(slot) => Instr::StoreFast(slot),
            Place::Cell(slot) => Instr::StoreDeref(slot),
            Place::Global => Instr::StoreGlobal(self.name(name)),
            Place::Name => Instr::StoreName(self.name(name)),
        };
        self.emit(instr);
    }

    fn delete_name(&mut self, name: &str) {
        let instr = match self.scope().place(name) {
            Place::Fast(slot) => Instr::DeleteFast(slot),
            _ => Instr::DeleteGlobal(self.name(name)),
        };
        self.emit(instr);
    }

    fn unsupported(&self, node: &impl Ranged, what: &str) -> CompileError {
        CompileError { line: self.line_of(node), message: format!("the playground's Python has no {what}"), python_class: None }
    }

    fn syntax_error(&self, node: &impl Ranged, message: &str) -> CompileError {
        CompileError { line: self.line_of(node), message: message.to_string(), python_class: Some("SyntaxError") }
    }
}

/// The local slot of `*args` or `**kwargs` when `name` is one of them.
fn variadic_slot(parameters: &Parameters, locals: &[String], name: &str) -> Option<u32> {
    let named = parameters.names.len();
    let variadic = usize::from(parameters.var_positional) + usize::from(parameters.var_keyword);
    let index = locals.iter().position(|local| local == name)?;
    (index >= named && index < named + variadic).then_some(index as u32)
}

/// The same jump aimed elsewhere.
fn retarget(instr: Instr, target: u32) -> Instr {
    match instr {
        Instr::Jump(_) => Instr::Jump(target),
        Instr::JumpBack(_) => Instr::JumpBack(target),
        Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(target),
        Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(target),
        Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(target),
        Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(target),
        Instr::ForIter(_) => Instr::ForIter(target),
        Instr::SetupExcept(_) => Instr::SetupExcept(target),
        Instr::SetupWith(_) => Instr::SetupWith(target),
        Instr::ExitWithException(_) => Instr::ExitWithException(target),
        Instr::CompareJumpIfFalse(op, _) => Instr::CompareJumpIfFalse(op, target),
        Instr::ForIterStoreFast(slot, _) => Instr::ForIterStoreFast(slot, target),
        Instr::ConstCompareJumpIfFalse(op, constant, _) => Instr::ConstCompareJumpIfFalse(op, constant, target),
        other => other,
    }
}

/// An upper bound of the stack depth: the running sum of effects, never below zero.
fn max_stack_depth(instrs: &[Instr]) -> usize {
    let mut depth: i32 = 0;
    let mut deepest: i32 = 0;
    for instr in instrs {
        depth = (depth + instr.stack_effect()).max(0);
        deepest = deepest.max(depth);
    }
    deepest as usize + 8
}

/// The parameters of a def or lambda, in local-slot order.
fn parameters_of(parameters: Option<&ast::Parameters>) -> Parameters {
    let Some(parameters) = parameters else { return Parameters::default() };
    let positional: Vec<Arc<str>> = parameters
        .posonlyargs
        .iter()
        .chain(&parameters.args)
        .map(|p| Arc::from(p.parameter.name.id.as_str()))
        .collect();
    let keyword_only = parameters.kwonlyargs.iter().map(|p| Arc::from(p.parameter.name.id.as_str()));
    Parameters {
        positional_only: parameters.posonlyargs.len(),
        positional: positional.len(),
        names: positional.into_iter().chain(keyword_only).collect(),
        var_positional: parameters.vararg.is_some(),
        var_keyword: parameters.kwarg.is_some(),
    }
}

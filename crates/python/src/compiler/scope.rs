//! Where each name lives, decided before any code is emitted: fast local, cell (a local an
//! inner function captures), free (captured from an enclosing function), or global.
//!
//! Two passes, as CPython's `symtable.c`: the first records what each scope binds, declares
//! and uses; the second resolves captures from the innermost scope outwards.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};

/// What kind of block a scope is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    /// The module.
    Module,
    /// A function, lambda or comprehension.
    Function,
    /// A class body.
    Class,
}

/// Where a name is read and written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Place {
    /// A fast local slot.
    Fast(u32),
    /// A cell (captured or capturing).
    Cell(u32),
    /// A module global.
    Global,
    /// A class body's namespace (then globals, then builtins).
    Name,
}

/// A resolved scope.
#[derive(Default, Debug)]
pub struct Scope {
    /// Its kind.
    pub kind: Option<ScopeKind>,
    /// Fast locals in slot order (parameters first).
    pub locals: Vec<String>,
    /// Locals held in cells (in cell order).
    pub cells: Vec<String>,
    /// Names captured from enclosing scopes (after the cells in the cell table).
    pub frees: Vec<String>,
    /// Names declared `global`.
    pub globals: HashSet<String>,
    /// Whether the scope's body has `yield` (a generator function or expression).
    pub is_generator: bool,
}

impl Scope {
    /// Where `name` lives in this scope.
    pub fn place(&self, name: &str) -> Place {
        if let Some(index) = self.cells.iter().position(|cell| cell == name) {
            return Place::Cell(index as u32);
        }
        if let Some(index) = self.frees.iter().position(|free| free == name) {
            return Place::Cell((self.cells.len() + index) as u32);
        }
        match self.kind {
            Some(ScopeKind::Function) if !self.globals.contains(name) => match self.locals.iter().position(|l| l == name) {
                Some(index) => Place::Fast(index as u32),
                None => Place::Global,
            },
            Some(ScopeKind::Class) if !self.globals.contains(name) => Place::Name,
            _ => Place::Global,
        }
    }
}

/// What the first pass records about one scope.
#[derive(Default)]
struct Raw {
    kind: Option<ScopeKind>,
    parameters: Vec<String>,
    bound: Vec<String>,
    used: HashSet<String>,
    globals: HashSet<String>,
    nonlocals: HashSet<String>,
    children: Vec<usize>,
    is_generator: bool,
}

/// Scopes by the address of the AST node that opens them (the module is key 0).
pub type Scopes = HashMap<usize, Scope>;

/// The address that identifies a scope-opening node.
pub fn key<T>(node: &T) -> usize {
    node as *const T as usize
}

/// Resolves every scope of a module.
pub fn analyse(module: &ast::ModModule) -> Scopes {
    let mut collector = Collector { raws: HashMap::new(), stack: vec![0] };
    collector.raws.insert(0, Raw { kind: Some(ScopeKind::Module), ..Raw::default() });
    collector.visit_body(&module.body);
    let mut scopes = Scopes::new();
    resolve(&mut collector.raws, &mut scopes, 0, &HashSet::new());
    scopes
}

struct Collector {
    raws: HashMap<usize, Raw>,
    stack: Vec<usize>,
}

impl Collector {
    fn current(&mut self) -> &mut Raw {
        let top = *self.stack.last().expect("the module scope is never popped");
        self.raws.get_mut(&top).expect("every scope on the stack is recorded")
    }

    fn bind(&mut self, name: &str) {
        let raw = self.current();
        if !raw.bound.iter().any(|bound| bound == name) {
            raw.bound.push(name.to_string());
        }
    }

    fn open(&mut self, node: usize, kind: ScopeKind) {
        self.current().children.push(node);
        self.raws.insert(node, Raw { kind: Some(kind), ..Raw::default() });
        self.stack.push(node);
    }

    fn close(&mut self) {
        self.stack.pop();
    }

    fn parameters(&mut self, parameters: &ast::Parameters) {
        let names = parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
            .map(|p| p.parameter.name.id.to_string())
            .chain(parameters.vararg.iter().map(|p| p.name.id.to_string()))
            .chain(parameters.kwarg.iter().map(|p| p.name.id.to_string()));
        let names: Vec<String> = names.collect();
        for name in &names {
            self.bind(name);
        }
        self.current().parameters = names;
    }

    fn visit_defaults(&mut self, parameters: &ast::Parameters) {
        for parameter in parameters.iter_non_variadic_params() {
            if let Some(default) = &parameter.default {
                self.visit_expr(default);
            }
        }
    }

    fn comprehension(&mut self, node: usize, generators: &[ast::Comprehension], elements: &[&Expr]) {
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        self.open(node, ScopeKind::Function);
        self.current().parameters = vec![".0".into()];
        self.bind(".0");
        for (index, generator) in generators.iter().enumerate() {
            if index > 0 {
                self.visit_expr(&generator.iter);
            }
            self.visit_expr(&generator.target);
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
        for element in elements {
            self.visit_expr(element);
        }
        self.close();
    }
}

impl<'a> Visitor<'a> for Collector {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                for decorator in &def.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                self.visit_defaults(&def.parameters);
                self.bind(&def.name.id);
                self.open(key(def), ScopeKind::Function);
                self.parameters(&def.parameters);
                self.visit_body(&def.body);
                self.close();
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.bind(&class.name.id);
                self.open(key(class), ScopeKind::Class);
                self.visit_body(&class.body);
                self.close();
            }
            Stmt::Global(global) => {
                for name in &global.names {
                    self.current().globals.insert(name.id.to_string());
                }
            }
            Stmt::Nonlocal(nonlocal) => {
                for name in &nonlocal.names {
                    self.current().nonlocals.insert(name.id.to_string());
                }
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = match &alias.asname {
                        Some(asname) => asname.id.to_string(),
                        None => alias.name.id.split('.').next().unwrap_or_default().to_string(),
                    };
                    self.bind(&bound);
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    if bound.id.as_str() != "*" {
                        self.bind(&bound.id);
                    }
                }
            }
            Stmt::Try(try_stmt) => {
                for handler in &try_stmt.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(name) = &handler.name {
                        self.bind(&name.id);
                    }
                }
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => match name.ctx {
                ExprContext::Load => {
                    self.current().used.insert(name.id.to_string());
                }
                _ => self.bind(&name.id),
            },
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_defaults(parameters);
                }
                self.open(key(lambda), ScopeKind::Function);
                if let Some(parameters) = &lambda.parameters {
                    self.parameters(parameters);
                }
                self.visit_expr(&lambda.body);
                self.close();
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.current().is_generator = true;
                visitor::walk_expr(self, expr);
            }
            Expr::ListComp(comp) => self.comprehension(key(comp), &comp.generators, &[&comp.elt]),
            Expr::SetComp(comp) => self.comprehension(key(comp), &comp.generators, &[&comp.elt]),
            Expr::Generator(comp) => {
                self.comprehension(key(comp), &comp.generators, &[&comp.elt]);
                if let Some(raw) = self.raws.get_mut(&key(comp)) {
                    raw.is_generator = true;
                }
            }
            Expr::DictComp(comp) => {
                let mut elements = vec![&*comp.value];
                if let Some(key_expr) = &comp.key {
                    elements.insert(0, key_expr);
                }
                self.comprehension(key(comp), &comp.generators, &elements)
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// Resolves `id` given the names bound in enclosing function scopes; returns the names it
/// needs from outside (its free variables and those of its children it passes through).
fn resolve(raws: &mut HashMap<usize, Raw>, scopes: &mut Scopes, id: usize, enclosing: &HashSet<String>) -> HashSet<String> {
    let raw = raws.remove(&id).expect("each scope is resolved once");
    let kind = raw.kind.expect("every scope has a kind");
    let is_local = |name: &String| !raw.globals.contains(name) && !raw.nonlocals.contains(name);
    let mut locals: Vec<String> = raw.parameters.clone();
    locals.extend(raw.bound.iter().filter(|name| is_local(name) && !raw.parameters.contains(name)).cloned());
    let visible_to_children: HashSet<String> = match kind {
        ScopeKind::Function => enclosing.iter().cloned().chain(locals.iter().cloned()).collect(),
        _ => enclosing.clone(),
    };
    let mut cells: Vec<String> = Vec::new();
    let mut frees: HashSet<String> = raw.nonlocals.clone();
    for child in &raw.children {
        for name in resolve(raws, scopes, *child, &visible_to_children) {
            if kind == ScopeKind::Function && locals.contains(&name) {
                if !cells.contains(&name) {
                    cells.push(name);
                }
            } else {
                frees.insert(name);
            }
        }
    }
    if kind != ScopeKind::Module {
        let local_here = |name: &String| kind == ScopeKind::Function && locals.contains(name);
        for name in raw.used.iter().chain(raw.bound.iter()) {
            if !local_here(name) && !raw.globals.contains(name) && enclosing.contains(name) && (kind == ScopeKind::Function || !raw.bound.contains(name)) {
                frees.insert(name.clone());
            }
        }
    } else {
        frees.clear();
    }
    let mut free_list: Vec<String> = frees.iter().cloned().collect();
    free_list.sort();
    let scope_locals = if kind == ScopeKind::Function { locals } else { Vec::new() };
    let scope = Scope { kind: Some(kind), locals: scope_locals, cells, frees: free_list, globals: raw.globals, is_generator: raw.is_generator };
    scopes.insert(id, scope);
    frees
}

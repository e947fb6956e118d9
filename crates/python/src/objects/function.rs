//! Functions defined in Python, functions written in Rust, bound methods and modules.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};

pub use super::Namespace;
use super::{Class, PyResult, Value};
use crate::bytecode::Code;
use crate::vm::Thread;

/// A variable captured by an inner function.
pub type Cell = Arc<Mutex<Option<Value>>>;

/// A function defined with `def` or `lambda`.
pub struct Function {
    /// Its compiled body.
    pub code: Arc<Code>,
    /// The globals of the module that defined it.
    pub globals: Arc<Namespace>,
    /// Default values of the last positional parameters.
    pub defaults: Vec<Value>,
    /// Default values of keyword-only parameters.
    pub kw_defaults: HashMap<Arc<str>, Value>,
    /// The cells of the variables it captured, in the order of `code.free_vars`.
    pub closure: Vec<Cell>,
    /// The class whose body defined it, for `super()`; set once the class exists.
    pub owner: OnceLock<Weak<Class>>,
}

/// Positional and keyword arguments of a call.
#[derive(Default)]
pub struct Args {
    /// Positional arguments.
    pub positional: Vec<Value>,
    /// Keyword arguments in call order.
    pub keywords: Vec<(Arc<str>, Value)>,
}

/// The Rust body of a built-in function.
pub type BuiltinFn = fn(&mut Thread, Args) -> PyResult;

/// State a built-in module keeps per program (the random generator), shared by its functions.
pub type ModuleState = Arc<dyn Any + Send + Sync>;

/// The Rust body of a built-in module's function that reads the module's state.
pub type StatefulFn = fn(&mut Thread, &(dyn Any + Send + Sync), Args) -> PyResult;

/// A function written in Rust.
pub struct Builtin {
    /// Its name, as `repr` and error messages show it.
    pub name: &'static str,
    /// What it does.
    pub body: BuiltinBody,
}

/// What a built-in does when called.
#[derive(Clone)]
pub enum BuiltinBody {
    /// A free function.
    Function(BuiltinFn),
    /// A module's function with the module's state at hand: no lookup on each call.
    WithState(StatefulFn, ModuleState),
    /// A method of a built-in type, dispatched on its receiver by name.
    TypeMethod,
    /// A method of a built-in type read from the type (`str.lower`): the receiver comes first.
    UnboundTypeMethod,
    /// A function in a built-in class's namespace: bound to an instance like a Python function.
    Method(BuiltinFn),
}

/// A callable with its first argument bound.
pub struct BoundMethod {
    /// The instance (or class) it is bound to.
    pub receiver: Value,
    /// The function.
    pub function: Value,
}

/// An imported module.
pub struct Module {
    /// `__name__`.
    pub name: Arc<str>,
    /// Its globals.
    pub dict: Arc<Namespace>,
}

impl Args {
    /// Positional arguments only.
    pub fn positional(positional: Vec<Value>) -> Args {
        Args { positional, keywords: Vec::new() }
    }

    /// Removes and returns the keyword argument `name`.
    pub fn take_keyword(&mut self, name: &str) -> Option<Value> {
        let index = self.keywords.iter().position(|(key, _)| &**key == name)?;
        Some(self.keywords.remove(index).1)
    }
}

impl Builtin {
    /// A built-in function value.
    pub fn value(name: &'static str, function: BuiltinFn) -> Value {
        Value::Builtin(Arc::new(Builtin { name, body: BuiltinBody::Function(function) }))
    }

    /// A built-in module's function that reads the module's `state`.
    pub fn with_state(name: &'static str, function: StatefulFn, state: ModuleState) -> Value {
        Value::Builtin(Arc::new(Builtin { name, body: BuiltinBody::WithState(function, state) }))
    }

    /// A method of a built-in type read from the type (`str.lower`).
    pub fn unbound_type_method(name: &'static str) -> Value {
        Value::Builtin(Arc::new(Builtin { name, body: BuiltinBody::UnboundTypeMethod }))
    }

    /// A method of a built-in type bound to `receiver`.
    pub fn type_method(name: &'static str, receiver: Value) -> Value {
        let function = Value::Builtin(Arc::new(Builtin { name, body: BuiltinBody::TypeMethod }));
        Value::Method(Arc::new(BoundMethod { receiver, function }))
    }
}

impl Args {
    /// The `index`th positional argument.
    pub fn get(&self, index: usize) -> Option<&Value> {
        self.positional.get(index)
    }

    /// The `index`th positional argument, or the keyword `name`.
    pub fn get_or_keyword(&mut self, index: usize, name: &str) -> Option<Value> {
        match self.positional.get(index) {
            Some(value) => Some(value.clone()),
            None => self.take_keyword(name),
        }
    }

    /// TypeError unless there are between `min` and `max` positional arguments.
    pub fn expect(&self, name: &str, min: usize, max: usize) -> PyResult<()> {
        let count = self.positional.len();
        if count >= min && count <= max {
            return Ok(());
        }
        let message = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({count} given)"),
                1 => format!("{name}() takes exactly one argument ({count} given)"),
                _ => format!("{name}() takes exactly {min} arguments ({count} given)"),
            }
        } else if count < min {
            format!("{name} expected at least {min} argument{}, got {count}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {count}", if max == 1 { "" } else { "s" })
        };
        Err(super::exception::type_error(message))
    }
}

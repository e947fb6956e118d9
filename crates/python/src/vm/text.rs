//! `str()` and `repr()` of every value, as CPython writes them.

use super::Thread;
use crate::objects::exception::exception_args;
use crate::objects::{float, lock, Kind, PyResult, Value};

/// The deepest a container repr nests before it is cut (a list holding itself).
const MAX_REPR_DEPTH: usize = 200;

impl Thread {
    /// `str(value)`.
    pub fn str(&mut self, value: &Value) -> PyResult<String> {
        match value {
            Value::Str(text) => Ok(text.to_string()),
            Value::Instance(instance) => {
                if instance.class.lookup("__str__").is_some() {
                    return self.dunder_text(value, "__str__");
                }
                if instance.class.is_exception() && instance.class.lookup("__repr__").is_none() {
                    let args = exception_args(instance);
                    let is_key_error = instance.class.is_subclass(&crate::objects::class::exception_class("KeyError"));
                    return match args.len() {
                        0 => Ok(String::new()),
                        1 if is_key_error => self.repr(&args[0]),
                        1 => self.str(&args[0]),
                        _ => self.repr(&Value::tuple(args)),
                    };
                }
                self.repr(value)
            }
            _ => self.repr(value),
        }
    }

    /// `repr(value)`.
    pub fn repr(&mut self, value: &Value) -> PyResult<String> {
        self.repr_nested(value, 0)
    }

    fn repr_nested(&mut self, value: &Value, depth: usize) -> PyResult<String> {
        if depth > MAX_REPR_DEPTH {
            return Ok("...".into());
        }
        if let Value::List(_) | Value::Dict(_) = value {
            let identity = value.identity();
            if self.repr_in_progress.contains(&identity) {
                return Ok(if let Value::List(_) = value { "[...]" } else { "{...}" }.into());
            }
            self.repr_in_progress.push(identity);
            let text = self.repr_container(value, depth);
            self.repr_in_progress.pop();
            return text;
        }
        self.repr_container(value, depth)
    }

    fn repr_container(&mut self, value: &Value, depth: usize) -> PyResult<String> {
        Ok(match value {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(int) => int.to_string(),
            Value::BigInt(big) => {
                let text = big.to_string();
                if text.len() > 4300 {
                    return Err(crate::objects::PyErr::new(
                        "ValueError",
                        "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                    ));
                }
                text
            }
            Value::Float(x) => float::repr(*x),
            Value::Str(text) => quote(text),
            Value::Bytes(bytes) => crate::objects::bytes::repr(bytes),
            Value::List(items) => {
                let items = lock(items).clone();
                format!("[{}]", self.join_reprs(&items, depth)?)
            }
            Value::Tuple(items) if items.len() == 1 => format!("({},)", self.repr_nested(&items[0], depth + 1)?),
            Value::Tuple(items) => format!("({})", self.join_reprs(items, depth)?),
            Value::Dict(dict) => {
                let mut parts = Vec::new();
                for (key, value) in dict.items() {
                    parts.push(format!("{}: {}", self.repr_nested(&key, depth + 1)?, self.repr_nested(&value, depth + 1)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Set(set) if set.frozen && set.len() == 0 => "frozenset()".into(),
            Value::Set(set) if set.frozen => format!("frozenset({{{}}})", self.join_reprs(&set.values(), depth)?),
            Value::Set(set) if set.len() == 0 => "set()".into(),
            Value::Set(set) => format!("{{{}}}", self.join_reprs(&set.values(), depth)?),
            Value::Range(range) => range.repr(),
            Value::Slice(parts) => format!(
                "slice({}, {}, {})",
                self.repr_nested(&parts[0], depth)?,
                self.repr_nested(&parts[1], depth)?,
                self.repr_nested(&parts[2], depth)?
            ),
            Value::Function(function) => format!("<function {} at {:#x}>", function.code.qualified_name, value.identity()),
            Value::Code(code) => format!("<code object {}>", code.name),
            Value::Builtin(builtin) if builtin.name == "NotImplemented" => "NotImplemented".into(),
            Value::Builtin(builtin) => format!("<built-in function {}>", builtin.name),
            Value::Method(method) => {
                let name = match &method.function {
                    Value::Function(function) => function.code.qualified_name.to_string(),
                    Value::Builtin(builtin) => builtin.name.to_string(),
                    _ => "?".into(),
                };
                let receiver = self.repr_nested(&method.receiver, depth + 1)?;
                format!("<bound method {name} of {receiver}>")
            }
            Value::Class(class) => match class.kind {
                Kind::Object if !is_builtin_class(class) => format!("<class '__main__.{}'>", class.name),
                _ => format!("<class '{}'>", class.name),
            },
            Value::Instance(instance) => {
                if instance.class.lookup("__repr__").is_some() {
                    return self.dunder_text(value, "__repr__");
                }
                if instance.class.is_exception() {
                    let args = exception_args(instance);
                    let inner = if args.len() == 1 {
                        self.repr_nested(&args[0], depth + 1)?
                    } else {
                        self.join_reprs(&args, depth)?
                    };
                    return Ok(format!("{}({inner})", instance.class.name));
                }
                format!("<__main__.{} object at {:#x}>", instance.class.name, value.identity())
            }
            Value::Module(module) => format!("<module '{}' (built-in)>", module.name),
            Value::Iter(state) if value.type_name().starts_with("dict_") => {
                let items = match &*lock(state) {
                    crate::objects::IterState::DictView { dict, kind } => crate::objects::IterState::view_items(dict, kind),
                    _ => Vec::new(),
                };
                format!("{}([{}])", value.type_name(), self.join_reprs(&items, depth)?)
            }
            Value::Iter(_) => format!("<{} object at {:#x}>", value.type_name(), value.identity()),
            Value::Super(_) => "<super object>".into(),
            Value::Native(native) => {
                let name = native.class().name.clone();
                format!("<{name} object at {:#x}>", value.identity())
            }
        })
    }

    fn join_reprs(&mut self, items: &[Value], depth: usize) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for item in items {
            parts.push(self.repr_nested(item, depth + 1)?);
        }
        Ok(parts.join(", "))
    }

    fn dunder_text(&mut self, value: &Value, name: &str) -> PyResult<String> {
        match self.call_dunder(value, name, vec![])? {
            Some(Value::Str(text)) => Ok(text.to_string()),
            Some(other) => Err(crate::objects::exception::type_error(format!(
                "{name} returned non-string (type {})",
                other.type_name()
            ))),
            None => Ok(String::new()),
        }
    }
}

fn is_builtin_class(class: &std::sync::Arc<crate::objects::Class>) -> bool {
    let types = crate::objects::class::builtin_types();
    std::sync::Arc::ptr_eq(class, &types.object) || types.exceptions.values().any(|c| std::sync::Arc::ptr_eq(c, class))
}

/// A str literal as `repr` writes it: single quotes unless the text holds one and no double.
pub fn quote(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

//! Calls: Python functions (arguments bound to parameters as CPython binds them), built-ins,
//! bound methods, and classes (instances made and `__init__` run; built-in types converted).

use std::sync::Arc;

use super::frame_stack::Returns;
use super::resumable::SortByKey;
use super::{Frame, Thread};
use crate::builtins::construct;
use crate::bytecode::CodeKind;
use crate::objects::exception::type_error;
use crate::objects::function::{Args, BuiltinBody};
use crate::objects::{lock, Class, Dict, Function, Instance, Kind, PyErr, PyResult, Value};

/// What calling something gives: its result, or the frame of a Python function to run.
pub(super) enum Called {
    /// The call is done (a built-in, a generator made, a class without a Python `__init__`).
    Done(Value),
    /// A Python function's frame, ready: the run loop pushes it (or a built-in runs it).
    Frame(Frame),
}

impl Thread {
    /// `callable(*args, **kwargs)`, to its result (a Python function runs on a nested loop).
    pub fn call(&mut self, callable: &Value, args: Args) -> PyResult {
        self.called_from_rust(|thread| match thread.prepare_call(callable, args)? {
            Called::Done(value) => Ok(value),
            Called::Frame(frame) => thread.run_callee(frame),
        })
    }

    /// `callable(*args, **kwargs)` up to the frame a Python function would run.
    pub(super) fn prepare_call(&mut self, callable: &Value, args: Args) -> PyResult<Called> {
        match callable {
            Value::Function(function) => self.function_frame(function, args),
            Value::Builtin(builtin) => match &builtin.body {
                BuiltinBody::Function(body) => match self.builtin_on_frames(callable, builtin.name, &args)? {
                    Some(collecting) => Ok(collecting),
                    None => body(self, args).map(Called::Done),
                },
                BuiltinBody::Method(body) => body(self, args).map(Called::Done),
                BuiltinBody::WithState(body, state) => body(self, state.as_ref(), args).map(Called::Done),
                BuiltinBody::TypeMethod => Err(type_error(format!("unbound method {}", builtin.name))),
                BuiltinBody::UnboundTypeMethod => {
                    let mut args = args;
                    if args.positional.is_empty() {
                        return Err(type_error(format!("unbound method {}() needs an argument", builtin.name)));
                    }
                    let receiver = args.positional.remove(0);
                    self.call_method(&receiver, builtin.name, args).map(Called::Done)
                }
            },
            Value::Method(method) => match &method.function {
                Value::Builtin(builtin) if matches!(builtin.body, BuiltinBody::TypeMethod) => match &method.receiver {
                    // `list.sort(key=…)` computes its keys on pushed frames.
                    list @ Value::List(_) => self.prepare_method_call(list, builtin.name, args),
                    receiver => self.call_method(receiver, builtin.name, args).map(Called::Done),
                },
                function => self.prepare_call(function, with_receiver(&method.receiver, args)),
            },
            Value::Class(class) if class.kind != Kind::Object => match self.builtin_on_frames(callable, &class.name, &args)? {
                Some(collecting) => Ok(collecting),
                None => self.instantiate(class, args),
            },
            Value::Class(class) => self.instantiate(class, args),
            Value::Instance(_) => match self.get_attr(callable, "__call__") {
                Ok(call) => self.prepare_call(&call, args),
                Err(_) => Err(not_callable(callable)),
            },
            _ => Err(not_callable(callable)),
        }
    }

    /// `object.name(*args)` up to the frame a Python method would run; the methods of the
    /// built-in types are called at once (as `call_method` calls them).
    pub(super) fn prepare_method_call(&mut self, object: &Value, name: &str, args: Args) -> PyResult<Called> {
        match object {
            Value::List(list) if name == "sort" && sorts_by_key(&args) && self.pushes_builtin_calls() => {
                let mut args = args;
                let key = args.take_keyword("key").unwrap_or(Value::None);
                let reverse = match args.take_keyword("reverse") {
                    Some(flag) => self.truthy(&flag)?,
                    None => false,
                };
                let items = lock(list).clone();
                self.call_resumable(Box::new(SortByKey::new(items, key, reverse, Some(list.clone()))))
            }
            Value::Str(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Int(_)
            | Value::BigInt(_)
            | Value::Bool(_)
            | Value::Float(_)
            | Value::Range(_)
            | Value::Native(_) => self.call_method(object, name, args).map(Called::Done),
            Value::Instance(instance) => {
                if lock(&instance.dict).get(name).is_none() {
                    if let Some(function @ Value::Function(_)) = instance.class.lookup(name) {
                        return self.prepare_call(&function, with_receiver(object, args));
                    }
                }
                let method = self.get_attr(object, name)?;
                self.prepare_call(&method, args)
            }
            _ => {
                let method = self.get_attr(object, name)?;
                self.prepare_call(&method, args)
            }
        }
    }

    fn function_frame(&mut self, function: &Arc<Function>, args: Args) -> PyResult<Called> {
        let fast = bind_arguments(function, args, &mut self.frame_pool)?;
        let stack = self.frame_pool.stack(function.code.max_stack);
        let frame = Frame::with_stack(function.code.clone(), function.globals.clone(), None, fast, Some(function.clone()), stack);
        if function.code.is_generator {
            return Ok(Called::Done(Thread::iterator(crate::objects::IterState::Generator { frame: Some(frame), finished: false })));
        }
        Ok(Called::Frame(frame))
    }

    fn instantiate(&mut self, class: &Arc<Class>, args: Args) -> PyResult<Called> {
        let kind = class.base_kind();
        if kind != Kind::Object || Arc::ptr_eq(class, &crate::objects::class::builtin_types().object) && !args.positional.is_empty() {
            return construct(self, class, args).map(Called::Done);
        }
        let instance = Value::Instance(Instance::new(class, Default::default()));
        if class.is_exception() {
            if let Value::Instance(instance) = &instance {
                lock(&instance.dict).insert(Arc::from("args"), Value::tuple(args.positional.clone()));
            }
        }
        match class.lookup("__init__") {
            Some(init) => match self.prepare_call(&init, with_receiver(&instance, args))? {
                Called::Frame(frame) => Ok(Called::Frame(frame.returning(Returns::Instance(instance)))),
                Called::Done(result) => Returns::Instance(instance).finish(result).map(|value| Called::Done(value.unwrap_or(Value::None))),
            },
            None if !class.is_exception() && (!args.positional.is_empty() || !args.keywords.is_empty()) => {
                Err(type_error(format!("{}() takes no arguments", class.name)))
            }
            None => Ok(Called::Done(instance)),
        }
    }

    /// Runs a class body and makes the class.
    pub fn build_class(&mut self, body: &Value, name: &str, bases: Vec<Value>) -> PyResult {
        let Value::Function(body) = body else { unreachable!("BuildClass gets the body function") };
        let namespace = Arc::new(crate::objects::Namespace::default());
        let frame = Frame::new(body.code.clone(), body.globals.clone(), Some(namespace.clone()), Vec::new(), Some(body.clone()));
        debug_assert_eq!(body.code.kind, CodeKind::Class);
        self.run_frame(frame)?;
        let mut base_classes = Vec::new();
        for base in bases {
            match base {
                Value::Class(class) => base_classes.push(class),
                other => return Err(type_error(format!("bases must be types, not {}", other.type_name()))),
            }
        }
        if base_classes.is_empty() {
            base_classes.push(crate::objects::class::builtin_types().object.clone());
        }
        let mut dict = std::mem::take(&mut *lock(&namespace));
        dict.entry(Arc::from("__name__")).or_insert_with(|| Value::str(name));
        if let Some(module) = lock(&body.globals).get("__name__").cloned() {
            dict.entry(Arc::from("__module__")).or_insert(module);
        }
        let class = Class::new(name, Kind::Object, base_classes, dict).map_err(type_error)?;
        for value in lock(&class.dict).values() {
            if let Value::Function(function) = value {
                let _ = function.owner.set(Arc::downgrade(&class));
            }
        }
        Ok(Value::Class(class))
    }
}

/// Whether `list.sort(**args)` sorts by a key, with nothing else it would refuse.
fn sorts_by_key(args: &Args) -> bool {
    let key_given = args.keywords.iter().any(|(name, key)| &**name == "key" && !matches!(key, Value::None));
    key_given && args.positional.is_empty() && args.keywords.iter().all(|(name, _)| matches!(&**name, "key" | "reverse"))
}

/// `args` with `receiver` before the positional ones (a bound method's `self`).
fn with_receiver(receiver: &Value, args: Args) -> Args {
    let mut positional = Vec::with_capacity(args.positional.len() + 1);
    positional.push(receiver.clone());
    positional.extend(args.positional);
    Args { positional, keywords: args.keywords }
}

fn not_callable(value: &Value) -> PyErr {
    type_error(format!("'{}' object is not callable", value.type_name()))
}

/// Binds a call's arguments to a function's local slots (a vector from the thread's pool).
fn bind_arguments(function: &Function, args: Args, pool: &mut super::frame_pool::FramePool) -> PyResult<Vec<Option<Value>>> {
    let code = &function.code;
    let parameters = &code.parameters;
    let name = &code.qualified_name;
    let mut fast = pool.locals(code.locals.len().max(parameters.names.len()));
    let Args { positional: mut given, keywords } = args;
    let mut positional = given.drain(..);
    for slot in fast.iter_mut().take(parameters.positional) {
        match positional.next() {
            Some(value) => *slot = Some(value),
            None => break,
        }
    }
    let extra: Vec<Value> = positional.collect();
    pool.keep_arguments(given);
    let named = parameters.names.len();
    if parameters.var_positional {
        fast[named] = Some(Value::tuple(extra));
    } else if !extra.is_empty() {
        let given = parameters.positional + extra.len();
        let takes = if function.defaults.is_empty() {
            format!("{}", parameters.positional)
        } else {
            format!("from {} to {}", parameters.positional - function.defaults.len(), parameters.positional)
        };
        let verb = if given == 1 { "was" } else { "were" };
        let plural = if parameters.positional == 1 && function.defaults.is_empty() { "" } else { "s" };
        return Err(type_error(format!("{name}() takes {takes} positional argument{plural} but {given} {verb} given")));
    }
    let var_keyword_slot = named + usize::from(parameters.var_positional);
    let mut extra_keywords = Vec::new();
    for (keyword, value) in keywords {
        match parameters.names.iter().position(|p| *p == keyword).filter(|index| *index >= parameters.positional_only) {
            Some(index) if fast[index].is_some() => {
                return Err(type_error(format!("{name}() got multiple values for argument '{keyword}'")))
            }
            Some(index) => fast[index] = Some(value),
            None if parameters.var_keyword => extra_keywords.push((Value::Str(keyword), value)),
            None => return Err(type_error(format!("{name}() got an unexpected keyword argument '{keyword}'"))),
        }
    }
    if parameters.var_keyword {
        fast[var_keyword_slot] = Some(Value::Dict(Arc::new(Dict::from_pairs(extra_keywords)?)));
    }
    let first_default = parameters.positional - function.defaults.len();
    let mut missing = Vec::new();
    for (index, slot) in fast.iter_mut().enumerate().take(named) {
        if slot.is_some() {
            continue;
        }
        let default = if index < parameters.positional {
            index.checked_sub(first_default).and_then(|at| function.defaults.get(at).cloned())
        } else {
            function.kw_defaults.get(&parameters.names[index]).cloned()
        };
        match default {
            Some(value) => *slot = Some(value),
            None => missing.push((index, parameters.names[index].clone())),
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(name, parameters.positional, &missing));
    }
    Ok(fast)
}

fn missing_arguments(name: &str, positional: usize, missing: &[(usize, Arc<str>)]) -> PyErr {
    let keyword_only = missing[0].0 >= positional;
    let names: Vec<String> = missing.iter().map(|(_, name)| format!("'{name}'")).collect();
    let listed = match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => format!("{}, and {}", names[..names.len() - 1].join(", "), names[names.len() - 1]),
    };
    let kind = if keyword_only { "keyword-only" } else { "positional" };
    let plural = if missing.len() == 1 { "" } else { "s" };
    type_error(format!("{name}() missing {} required {kind} argument{plural}: {listed}", missing.len()))
}

//! The built-in names: functions (`functions.rs`), the built-in types, called to convert
//! (`construct.rs`), and the exception classes.

mod construct;
mod functions;

use std::sync::Arc;

pub use construct::construct;
pub use functions::length;

use crate::objects::class::builtin_types;
use crate::objects::function::{Builtin, Namespace};
use crate::objects::Value;

/// The prelude's loop that collects a generator before a built-in consumes it (`vm/collect.rs`).
pub const COLLECT_THEN: &str = "_collect_then";

/// The prelude's `print` that takes each argument's `str()` first (`vm/collect.rs`).
pub const PRINT_THEN: &str = "_print_then";

/// Adds the built-ins written in Python (`property`, `staticmethod`, `classmethod`).
pub fn install_prelude(thread: &mut crate::vm::Thread) -> crate::objects::PyResult<()> {
    let module = crate::modules::load_source(thread, "builtins", include_str!("prelude.py"))?;
    if let Value::Module(module) = module {
        let names: Vec<(Arc<str>, Value)> =
            crate::objects::lock(&module.dict).iter().filter(|(k, _)| !k.starts_with('_') || [COLLECT_THEN, PRINT_THEN].contains(&&***k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        crate::objects::lock(&thread.interp.builtins).extend(names);
    }
    Ok(())
}

/// A fresh built-ins namespace.
pub fn namespace() -> Arc<Namespace> {
    let types = builtin_types();
    let mut names = crate::objects::Names::default();
    for (name, function) in functions::FUNCTIONS {
        names.insert(Arc::from(*name), Builtin::value(name, *function));
    }
    let classes = [
        ("int", &types.int),
        ("float", &types.float),
        ("str", &types.str),
        ("bytes", &types.bytes),
        ("bool", &types.bool),
        ("list", &types.list),
        ("tuple", &types.tuple),
        ("dict", &types.dict),
        ("set", &types.set),
        ("frozenset", &types.frozenset),
        ("range", &types.range),
        ("object", &types.object),
        ("type", &types.type_),
    ];
    for (name, class) in classes {
        names.insert(Arc::from(name), Value::Class(class.clone()));
    }
    for (name, class) in &types.exceptions {
        names.insert(Arc::from(*name), Value::Class(class.clone()));
    }
    names.insert(Arc::from("NotImplemented"), Builtin::value("NotImplemented", |_, _| Ok(Value::None)));
    names.insert(Arc::from("__name__"), Value::str("builtins"));
    Arc::new(crate::objects::Namespace::new(names))
}

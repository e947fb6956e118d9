//! The end of a program frees its objects, as CPython's finalisation does: the interpreter is
//! reference-counted with no cycle collector, and a module's functions hold its namespace as
//! their globals (classes their methods, the threads their interpreter), so each module's
//! namespace is emptied, `__main__` last as `PyImport_Cleanup` does, then the modules table,
//! the threads table, the built-ins and the namespace of the built-ins written in Python
//! (`builtins/prelude.py`, in no modules table). Output, recorder and outcome are not the
//! interpreter's: they stay for the page to read.

use std::sync::Arc;

use crate::objects::function::Namespace;
use crate::objects::{lock, Names, Value};

use super::Interpreter;

impl Interpreter {
    /// Empties every namespace the program's objects hang from; call once no thread runs.
    pub(crate) fn tear_down(&self) {
        let modules: Vec<(String, Value)> = lock(&self.modules).drain().collect();
        let (main, others): (Vec<_>, Vec<_>) = modules.into_iter().partition(|(name, _)| name == "__main__");
        for (_, module) in others.iter().chain(&main) {
            if let Value::Module(module) = module {
                empty(&module.dict);
            }
        }
        lock(&self.threads).clear();
        let builtins: Names = std::mem::take(&mut *self.builtins.lock());
        for value in builtins.values() {
            if let Value::Function(function) = value {
                empty(&function.globals);
            }
        }
    }
}

/// Takes the names out, and drops them once the lock is released.
fn empty(namespace: &Arc<Namespace>) {
    let names: Names = std::mem::take(&mut *namespace.lock());
    drop(names);
}

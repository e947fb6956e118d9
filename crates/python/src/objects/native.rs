//! Objects written in Rust for the built-in modules (locks, thread handles): the VM reaches
//! them only through this trait.

use std::sync::Arc;

use super::{Class, PyResult, Value};
use crate::objects::function::Args;
use crate::vm::Thread;

/// An object a built-in module implements in Rust.
pub trait NativeObject: Send + Sync {
    /// Its class (for `type()` and error messages).
    fn class(&self) -> Arc<Class>;

    /// Calls its method `name`; `None` when it has no such method.
    fn call_method(&self, thread: &mut Thread, name: &str, args: Args) -> Option<PyResult>;

    /// Reads a data attribute; `None` when it has none of that name.
    fn get_attr(&self, _name: &str) -> Option<Value> {
        None
    }
}

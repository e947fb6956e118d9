//! `tuple` methods.

use std::sync::Arc;

use super::exception::value_error;
use super::function::Args;
use super::{PyResult, Value};
use crate::vm::Thread;

/// The methods `tuple` has.
pub const METHODS: &[&str] = &["index", "count"];

/// Calls `tuple.name(*args)`; `None` when tuple has no such method.
pub fn call_method(thread: &mut Thread, items: &Arc<Vec<Value>>, name: &str, args: Args) -> Option<PyResult> {
    let result = match name {
        "index" => (|| {
            args.expect("index", 1, 3)?;
            for (index, item) in items.iter().enumerate() {
                if thread.eq(item, &args.positional[0])? {
                    return Ok(Value::Int(index as i64));
                }
            }
            Err(value_error("tuple.index(x): x not in tuple"))
        })(),
        "count" => (|| {
            args.expect("count", 1, 1)?;
            let mut count = 0;
            for item in items.iter() {
                if thread.eq(item, &args.positional[0])? {
                    count += 1;
                }
            }
            Ok(Value::Int(count))
        })(),
        _ => return None,
    };
    Some(result)
}

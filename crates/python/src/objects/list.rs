//! `list` methods, and the stable sort `list.sort` and `sorted` share.

use std::sync::{Arc, Mutex};

use super::exception::{type_error, value_error};
use super::function::Args;
use super::{lock, PyErr, PyResult, Value};
use crate::vm::Thread;

/// The methods `list` has.
pub const METHODS: &[&str] =
    &["append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "clear", "copy"];

/// Calls `list.name(*args)`; `None` when list has no such method.
pub fn call_method(thread: &mut Thread, list: &Arc<Mutex<Vec<Value>>>, name: &str, mut args: Args) -> Option<PyResult> {
    let result = match name {
        "append" => args.expect("list.append", 1, 1).map(|()| {
            lock(list).push(args.positional[0].clone());
            Value::None
        }),
        "extend" => (|| {
            args.expect("list.extend", 1, 1)?;
            let items = thread.collect(&args.positional[0])?;
            lock(list).extend(items);
            Ok(Value::None)
        })(),
        "insert" => (|| {
            args.expect("insert", 2, 2)?;
            let index = super::int::to_small(&args.positional[0]).ok_or_else(|| type_error("'float' object cannot be interpreted as an integer"))?;
            let mut items = lock(list);
            let len = items.len() as i64;
            let at = if index < 0 { (index + len).max(0) } else { index.min(len) };
            items.insert(at as usize, args.positional[1].clone());
            Ok(Value::None)
        })(),
        "pop" => (|| {
            args.expect("pop", 0, 1)?;
            let mut items = lock(list);
            if items.is_empty() {
                return Err(PyErr::new("IndexError", "pop from empty list"));
            }
            let index = args.get(0).and_then(super::int::to_small).unwrap_or(-1);
            let at = crate::vm::normalise_index(index, items.len()).ok_or_else(|| PyErr::new("IndexError", "pop index out of range"))?;
            Ok(items.remove(at))
        })(),
        "remove" => (|| {
            args.expect("list.remove", 1, 1)?;
            let items = lock(list).clone();
            for (index, item) in items.iter().enumerate() {
                if thread.eq(item, &args.positional[0])? {
                    lock(list).remove(index);
                    return Ok(Value::None);
                }
            }
            Err(value_error("list.remove(x): x not in list"))
        })(),
        "index" => (|| {
            args.expect("index", 1, 3)?;
            let items = lock(list).clone();
            for (index, item) in items.iter().enumerate() {
                if thread.eq(item, &args.positional[0])? {
                    return Ok(Value::Int(index as i64));
                }
            }
            let shown = thread.repr(&args.positional[0])?;
            Err(value_error(format!("{shown} is not in list")))
        })(),
        "count" => (|| {
            args.expect("count", 1, 1)?;
            let items = lock(list).clone();
            let mut count = 0;
            for item in &items {
                if thread.eq(item, &args.positional[0])? {
                    count += 1;
                }
            }
            Ok(Value::Int(count))
        })(),
        "sort" => (|| {
            args.expect("sort", 0, 0)?;
            let key = args.take_keyword("key").filter(|key| !matches!(key, Value::None));
            let reverse = match args.take_keyword("reverse") {
                Some(flag) => thread.truthy(&flag)?,
                None => false,
            };
            let items = lock(list).clone();
            let sorted = sort(thread, items, key.as_ref(), reverse)?;
            *lock(list) = sorted;
            Ok(Value::None)
        })(),
        "reverse" => {
            lock(list).reverse();
            Ok(Value::None)
        }
        "clear" => {
            lock(list).clear();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(lock(list).clone())),
        _ => return None,
    };
    Some(result)
}

/// A stable merge sort by `key`, comparing with `<` only (as CPython), so a broken `__lt__`
/// gives a wrong order or an exception, never a crash.
pub fn sort(thread: &mut Thread, items: Vec<Value>, key: Option<&Value>, reverse: bool) -> PyResult<Vec<Value>> {
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        let sort_key = match key {
            Some(function) => thread.call(function, Args::positional(vec![item.clone()]))?,
            None => item.clone(),
        };
        keyed.push((sort_key, item));
    }
    sort_keyed(thread, keyed, reverse)
}

/// The items of `keyed` (key, item) sorted by their keys, stably.
pub fn sort_keyed(thread: &mut Thread, mut keyed: Vec<(Value, Value)>, reverse: bool) -> PyResult<Vec<Value>> {
    if reverse {
        keyed.reverse();
    }
    let sorted = merge_sort(thread, keyed)?;
    let mut values: Vec<Value> = sorted.into_iter().map(|(_, item)| item).collect();
    if reverse {
        values.reverse();
    }
    Ok(values)
}

fn merge_sort(thread: &mut Thread, mut items: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(thread, items)?;
    let right = merge_sort(thread, right)?;
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    while let (Some(a), Some(b)) = (left.peek(), right.peek()) {
        if thread.less_than(&b.0, &a.0)? {
            merged.extend(right.next());
        } else {
            merged.extend(left.next());
        }
    }
    merged.extend(left);
    merged.extend(right);
    Ok(merged)
}

//! A generator that a built-in consumes whole (`sorted(q.get() for …)`, `list(executor.map(…))`)
//! runs on a loop the built-in nests in Rust, where a thread cannot park. On one thread whose
//! processes answer by message, a wait for another process there could only end in an error
//! (no reply comes before the slice ends); so there the generator is first collected by the
//! prelude's `_collect_then`, whose comprehension resumes it as a `for` loop does, on pushed
//! frames, and the built-in then consumes the list. Elsewhere nothing changes.

use std::iter::once;
use std::sync::Mutex;

use super::call::Called;
use super::Thread;
use crate::builtins::COLLECT_THEN;
use crate::objects::function::Args;
use crate::objects::{lock, IterState, PyResult, Value};

/// The built-ins, functions and types, that consume the whole of their first argument.
const CONSUMERS: [&str; 9] = ["list", "tuple", "set", "frozenset", "dict", "sorted", "sum", "min", "max"];

impl Thread {
    /// `consumer(generator, …)` as a call of `_collect_then(consumer, generator, …)` where that
    /// lets the generator's waits park; `None` where the built-in is called as it is (at once
    /// for any call whose first argument is no iterator, or on threads of their own).
    #[inline]
    pub(super) fn collecting_first(&mut self, consumer: &Value, name: &str, args: &Args) -> PyResult<Option<Called>> {
        match args.positional.first() {
            Some(Value::Iter(state)) if self.interp.scheduler.takes_turns() => self.collecting(consumer, name, state, args),
            _ => Ok(None),
        }
    }

    fn collecting(&mut self, consumer: &Value, name: &str, state: &Mutex<IterState>, args: &Args) -> PyResult<Option<Called>> {
        if !CONSUMERS.contains(&name) || !matches!(*lock(state), IterState::Generator { .. }) {
            return Ok(None);
        }
        if !self.interp.process.get().is_some_and(|process| process.asks_by_message()) {
            return Ok(None);
        }
        let Some(collect) = lock(&self.interp.builtins).get(COLLECT_THEN).cloned() else { return Ok(None) };
        let positional = once(consumer.clone()).chain(args.positional.iter().cloned()).collect();
        self.prepare_call(&collect, Args { positional, keywords: args.keywords.clone() }).map(Some)
    }
}

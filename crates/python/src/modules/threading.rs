//! `threading`: written in Python over `_thread` (`threading.py` beside this file), as CPython
//! writes it: Thread, Lock, RLock, Condition, Semaphore, BoundedSemaphore, Event, Barrier,
//! Timer, local, and the thread registry.

/// The module's source.
pub const SOURCE: &str = include_str!("threading.py");

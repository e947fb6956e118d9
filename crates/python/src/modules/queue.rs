//! `queue`: written in Python over `threading` (`queue.py` beside this file), as CPython
//! writes it: Queue, LifoQueue, PriorityQueue (a binary heap, as `heapq`), Empty, Full.

/// The module's source.
pub const SOURCE: &str = include_str!("queue.py");

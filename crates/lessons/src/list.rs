//! Every lesson, its program built into the crate from `lessons/` (in the order of the
//! experiment list), each read once.

use std::sync::OnceLock;

use crate::header::{parse, HeaderError, Lesson};

/// Every lesson's file name and text.
pub const SOURCES: [(&str, &str); 35] = [
    ("a1_countdown.py", include_str!("../../../lessons/a1_countdown.py")),
    ("a2_monte_carlo_pi.py", include_str!("../../../lessons/a2_monte_carlo_pi.py")),
    ("a3_sum_of_primes.py", include_str!("../../../lessons/a3_sum_of_primes.py")),
    ("a4_factorial.py", include_str!("../../../lessons/a4_factorial.py")),
    ("a5_pool_calls.py", include_str!("../../../lessons/a5_pool_calls.py")),
    ("a6_chunks.py", include_str!("../../../lessons/a6_chunks.py")),
    ("a7_heavy_loop.py", include_str!("../../../lessons/a7_heavy_loop.py")),
    ("b1_sleeping_threads.py", include_str!("../../../lessons/b1_sleeping_threads.py")),
    ("b2_downloads.py", include_str!("../../../lessons/b2_downloads.py")),
    ("b3_file_copies.py", include_str!("../../../lessons/b3_file_copies.py")),
    ("b4_convoy.py", include_str!("../../../lessons/b4_convoy.py")),
    ("c1_unlocked_balance.py", include_str!("../../../lessons/c1_unlocked_balance.py")),
    ("c2_locked_balance.py", include_str!("../../../lessons/c2_locked_balance.py")),
    ("c3_hundred_threads.py", include_str!("../../../lessons/c3_hundred_threads.py")),
    ("c4_gil_is_not_atomic.py", include_str!("../../../lessons/c4_gil_is_not_atomic.py")),
    ("c5_atomic_append.py", include_str!("../../../lessons/c5_atomic_append.py")),
    ("d1_lock.py", include_str!("../../../lessons/d1_lock.py")),
    ("d2_lock_twice.py", include_str!("../../../lessons/d2_lock_twice.py")),
    ("d3_bounded_semaphore.py", include_str!("../../../lessons/d3_bounded_semaphore.py")),
    ("d4_event.py", include_str!("../../../lessons/d4_event.py")),
    ("d5_condition.py", include_str!("../../../lessons/d5_condition.py")),
    ("d6_barrier.py", include_str!("../../../lessons/d6_barrier.py")),
    ("d7_semaphore.py", include_str!("../../../lessons/d7_semaphore.py")),
    ("e1_bounded_queue.py", include_str!("../../../lessons/e1_bounded_queue.py")),
    ("e2_quit_sentinels.py", include_str!("../../../lessons/e2_quit_sentinels.py")),
    ("e3_pipe.py", include_str!("../../../lessons/e3_pipe.py")),
    ("e4_shared_memory.py", include_str!("../../../lessons/e4_shared_memory.py")),
    ("e5_manager.py", include_str!("../../../lessons/e5_manager.py")),
    ("e6_pool_initializer.py", include_str!("../../../lessons/e6_pool_initializer.py")),
    ("f1_lifecycle.py", include_str!("../../../lessons/f1_lifecycle.py")),
    ("f2_forgotten_join.py", include_str!("../../../lessons/f2_forgotten_join.py")),
    ("f3_silent_failure.py", include_str!("../../../lessons/f3_silent_failure.py")),
    ("f4_starvation.py", include_str!("../../../lessons/f4_starvation.py")),
    ("f5_start_cost.py", include_str!("../../../lessons/f5_start_cost.py")),
    ("f6_unpicklable.py", include_str!("../../../lessons/f6_unpicklable.py")),
];

/// Every lesson whose header reads (the tests check that all do), in list order.
pub fn all() -> &'static [Lesson] {
    static LESSONS: OnceLock<Vec<Lesson>> = OnceLock::new();
    LESSONS.get_or_init(|| SOURCES.iter().filter_map(|(_, text)| parse(text).ok()).collect())
}

/// The lesson of a row (`C4`).
pub fn by_id(id: &str) -> Option<&'static Lesson> {
    all().iter().find(|lesson| lesson.id == id)
}

/// Each file whose header does not read, with what is wrong.
pub fn header_errors() -> Vec<(&'static str, HeaderError)> {
    SOURCES.iter().filter_map(|(file, text)| parse(text).err().map(|error| (*file, error))).collect()
}

//! `Value` and `Array` in words a tree's processes share for real, as on a cross-origin isolated
//! page: every process on one thread of its own asks the keeper only by message
//! (`tree_harness`), but reads and writes those words directly. An unlocked `+=` from two
//! processes still loses updates, `get_lock()` still keeps them all, a read needs no reply (so
//! it may happen inside a built-in that reads on Rust's stack), and a block that does not fit is a clear
//! `MemoryError`.

use python::{Outcome, Stream, SHARED_WORDS_BYTES};

mod tree_harness;

use tree_harness::{run_over_messages, TreeOptions};

/// Two processes each add 1 to one shared `Value` `times` times, both starting at one `Event`;
/// `{locked}` is `True` to hold `get_lock()` around each `+=`.
const TWO_COUNTERS: &str = "\
import multiprocessing
def add(counter, go, times, locked):
    go.wait()
    for _ in range(times):
        if locked:
            with counter.get_lock():
                counter.value += 1
        else:
            counter.value += 1
if __name__ == '__main__':
    counter, go = multiprocessing.Value('i', 0), multiprocessing.Event()
    workers = [multiprocessing.Process(target=add, args=(counter, go, TIMES, LOCKED)) for _ in range(2)]
    for w in workers:
        w.start()
    go.set()
    for w in workers:
        w.join()
    print(counter.value)
";

fn shared() -> TreeOptions {
    TreeOptions { shared_words: true, ..TreeOptions::default() }
}

/// The count two processes reached.
fn count_of(times: u32, locked: bool, options: TreeOptions) -> u64 {
    let source = TWO_COUNTERS.replace("TIMES", &times.to_string()).replace("LOCKED", if locked { "True" } else { "False" });
    let run = run_over_messages(&source, options);
    assert_eq!(run.outcome, Outcome::Finished, "{}", run.output.text(Stream::Stderr));
    run.output.text(Stream::Stdout).trim().parse().expect("a count")
}

#[test]
fn an_unlocked_plus_equals_in_shared_words_from_two_processes_loses_updates() {
    let counts: Vec<u64> = (0..4).map(|_| count_of(50_000, false, shared())).collect();
    assert!(counts.iter().all(|count| (50_000..=100_000).contains(count)), "{counts:?}");
    assert!(counts.iter().any(|count| *count < 100_000), "no update lost in 4 runs: {counts:?}");
}

#[test]
fn with_get_lock_two_processes_lose_no_update_in_shared_words() {
    assert_eq!(count_of(2_000, true, shared()), 4_000);
}

#[test]
fn a_read_of_shared_words_waits_for_no_reply_even_inside_a_built_in() {
    // `sum` and `repr` read on Rust's stack, where a relayed read could not wait for its reply.
    let source = "\
import multiprocessing
def fill(numbers):
    for i in range(len(numbers)):
        numbers[i] = i * 1.5
if __name__ == '__main__':
    numbers = multiprocessing.Array('d', 4)
    p = multiprocessing.Process(target=fill, args=(numbers,))
    p.start()
    p.join()
    print(sum(numbers), numbers[:], repr(multiprocessing.Value('q', -7)))
";
    let run = run_over_messages(source, shared());
    let expected = "9.0 [0.0, 1.5, 3.0, 4.5] <Synchronized wrapper for c_longlong(-7)>\n";
    assert_eq!(run.output.text(Stream::Stdout), expected, "{}", run.output.text(Stream::Stderr));
}

#[test]
fn an_array_past_the_shared_words_is_a_memory_error_that_says_so() {
    let words = SHARED_WORDS_BYTES / 8;
    let source = format!(
        "\
import multiprocessing
if __name__ == '__main__':
    small = multiprocessing.RawArray('i', 10)
    try:
        multiprocessing.RawArray('i', {words})
    except MemoryError as error:
        print(error)
    small[9] = 3
    print(small[9])
"
    );
    let run = run_over_messages(&source, shared());
    let expected = "Value and Array have used up this program's shared memory: 131072 words of 8 bytes (1024 KiB)\n3\n";
    assert_eq!(run.output.text(Stream::Stdout), expected, "{}", run.output.text(Stream::Stderr));
}

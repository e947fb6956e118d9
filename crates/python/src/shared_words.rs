//! Words a tree's processes share for real: where the host has memory every process can reach
//! (a cross-origin isolated page's `SharedArrayBuffer`, posted to every program worker), the
//! blocks of `Value` and `Array` live there, and a read or a write is one load or one store,
//! with no message to the keeper. A read and a write stay two steps, as with CPython's ctypes
//! objects, so an unlocked `+=` from two processes still loses updates. Locks stay semaphores
//! of the keeper (relayed).
//!
//! A tree without such memory has no [`SharedWords`] (`ProcessHost::shared_words` is `None`):
//! every access is then a request to the keeper. [`NativeSharedWords`] is the same memory on
//! one OS process, so the page's path is tested natively (`tests/tree_harness`).

use std::sync::atomic::{AtomicU64, Ordering};

/// The size of a tree's shared words in bytes (1 MiB: 131,072 words of 8 bytes).
pub const SHARED_WORDS_BYTES: u32 = 1 << 20;

/// No block of that many words fits in what is left of the tree's shared words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharedWordsFull {
    /// How many words the tree has in all.
    pub capacity_words: u64,
}

impl SharedWordsFull {
    /// What Python's `MemoryError` says.
    pub fn message(&self) -> String {
        format!(
            "Value and Array have used up this program's shared memory: {} words of 8 bytes ({} KiB)",
            self.capacity_words,
            self.capacity_words * 8 / 1024
        )
    }
}

/// 64-bit words every process of a tree reads and writes directly.
///
/// A block is the index of its first word, the same in every process; a new block is all zero.
pub trait SharedWords: Send + Sync {
    /// A new block of `words` zero words.
    ///
    /// # Errors
    /// [`SharedWordsFull`] when fewer than `words` words are left.
    fn allocate(&self, words: u64) -> Result<u64, SharedWordsFull>;

    /// The word at `index` of `block`.
    fn load(&self, block: u64, index: u64) -> u64;

    /// Writes `word` at `index` of `block`.
    fn store(&self, block: u64, index: u64, word: u64);
}

/// Shared words in one OS process's memory, for the threads standing for processes natively.
pub struct NativeSharedWords {
    words: Box<[AtomicU64]>,
    next_free: AtomicU64,
}

impl NativeSharedWords {
    /// `bytes` bytes of zero words.
    pub fn new(bytes: u32) -> NativeSharedWords {
        let words = (0..bytes / 8).map(|_| AtomicU64::new(0)).collect();
        NativeSharedWords { words, next_free: AtomicU64::new(0) }
    }

    fn word(&self, block: u64, index: u64) -> &AtomicU64 {
        let at = usize::try_from(block + index).unwrap_or(usize::MAX);
        self.words.get(at).unwrap_or_else(|| panic!("shared word {at} is past the {} words there are", self.words.len()))
    }
}

impl SharedWords for NativeSharedWords {
    fn allocate(&self, words: u64) -> Result<u64, SharedWordsFull> {
        let capacity_words = self.words.len() as u64;
        self.next_free
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |next| next.checked_add(words).filter(|end| *end <= capacity_words))
            .map_err(|_| SharedWordsFull { capacity_words })
    }

    /// Relaxed, as a plain load of a ctypes object is: nothing is ordered by it.
    fn load(&self, block: u64, index: u64) -> u64 {
        self.word(block, index).load(Ordering::Relaxed)
    }

    fn store(&self, block: u64, index: u64, word: u64) {
        self.word(block, index).store(word, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_one_another_and_the_full_memory_refuses_a_block_that_does_not_fit() {
        let words = NativeSharedWords::new(64);
        assert_eq!(words.allocate(3), Ok(0));
        assert_eq!(words.allocate(4), Ok(3));
        assert_eq!(words.allocate(2), Err(SharedWordsFull { capacity_words: 8 }));
        assert_eq!(words.allocate(1), Ok(7));
    }

    #[test]
    fn a_word_stored_in_a_block_is_read_back_there_only() {
        let words = NativeSharedWords::new(64);
        let (first, second) = (words.allocate(2).unwrap(), words.allocate(2).unwrap());
        words.store(second, 1, 42);
        assert_eq!((words.load(first, 1), words.load(second, 1)), (0, 42));
    }
}

//! The words of `Value` and `Array` on a cross-origin isolated page: the page makes one
//! `SharedArrayBuffer` for a program that uses processes ([`new_shared_words`]) and posts it to
//! every program worker with its start; each worker reads and writes it through a
//! `BigInt64Array` with `Atomics.load` and `Atomics.store` ([`WorkerSharedWords`]), with no
//! message to the page's keeper. A load and a store are separate steps, as a ctypes object's
//! are in CPython, so an unlocked `+=` from two processes loses updates.
//!
//! Word 0 is the next free word: a block is taken with `Atomics.compareExchange` there, by
//! whichever process makes it, so blocks need no round trip either. A worker's own memory cannot
//! hold the buffer (each program worker instantiates the module on memory of its own), so each
//! access is a call into JavaScript.

use std::cell::RefCell;

use js_sys::{BigInt64Array, SharedArrayBuffer};
use python::{SharedWords, SharedWordsFull, SHARED_WORDS_BYTES};
use wasm_bindgen::prelude::*;

/// The word holding the index of the next free word; blocks start after it.
const NEXT_FREE: u32 = 0;

#[wasm_bindgen]
extern "C" {
    // js-sys's `Atomics::load_bigint` takes its index as a BigInt, which `Atomics.load` refuses
    // ("Cannot convert a BigInt value to a number"): these take it as a number.
    #[wasm_bindgen(js_namespace = Atomics, js_name = load)]
    fn atomics_load(words: &BigInt64Array, index: u32) -> i64;

    #[wasm_bindgen(js_namespace = Atomics, js_name = store)]
    fn atomics_store(words: &BigInt64Array, index: u32, word: i64);

    #[wasm_bindgen(js_namespace = Atomics, js_name = compareExchange)]
    fn atomics_compare_exchange(words: &BigInt64Array, index: u32, expected: i64, replacement: i64) -> i64;
}

/// A program's shared words, made by the page for a run whose processes share memory.
pub fn new_shared_words() -> SharedArrayBuffer {
    let buffer = SharedArrayBuffer::new(SHARED_WORDS_BYTES);
    atomics_store(&BigInt64Array::new(&buffer), NEXT_FREE, 1);
    buffer
}

thread_local! {
    /// This worker's view of the tree's shared words (a program worker runs on one thread).
    static WORDS: RefCell<Option<BigInt64Array>> = const { RefCell::new(None) };
}

/// The tree's shared words as this worker reaches them.
pub struct WorkerSharedWords;

impl WorkerSharedWords {
    /// Reads and writes `buffer` (the page's [`new_shared_words`]) from this worker on.
    pub fn over(buffer: &SharedArrayBuffer) -> WorkerSharedWords {
        WORDS.with_borrow_mut(|words| *words = Some(BigInt64Array::new(buffer)));
        WorkerSharedWords
    }

    fn with<T>(use_words: impl FnOnce(&BigInt64Array) -> T) -> T {
        WORDS.with_borrow(|words| use_words(words.as_ref().expect("shared words set before the program starts")))
    }
}

fn index_of(block: u64, index: u64) -> u32 {
    u32::try_from(block + index).expect("a shared word's index fits the buffer")
}

impl SharedWords for WorkerSharedWords {
    fn allocate(&self, words: u64) -> Result<u64, SharedWordsFull> {
        Self::with(|all| {
            let capacity_words = u64::from(all.length());
            let full = SharedWordsFull { capacity_words };
            let mut next = atomics_load(all, NEXT_FREE);
            loop {
                let end = (next as u64).checked_add(words).filter(|end| *end <= capacity_words).ok_or(full)?;
                match atomics_compare_exchange(all, NEXT_FREE, next, end as i64) {
                    seen if seen == next => return Ok(next as u64),
                    seen => next = seen,
                }
            }
        })
    }

    fn load(&self, block: u64, index: u64) -> u64 {
        Self::with(|all| atomics_load(all, index_of(block, index)) as u64)
    }

    fn store(&self, block: u64, index: u64, word: u64) {
        Self::with(|all| atomics_store(all, index_of(block, index), word as i64));
    }
}

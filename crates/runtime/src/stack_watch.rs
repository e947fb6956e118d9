//! How deep a program worker's stack went: its unused part is painted with a byte pattern when
//! the worker parks, and after each Python thread it ran, the painting still intact tells how
//! much of the stack the thread used (the deepest is kept for the tests and the benchmark).
//!
//! Why: a thread's stack in WebAssembly is a piece of the shared memory with no guard page, so a
//! stack that overflows does not trap: it silently overwrites whatever lies below it. The run
//! loops a program may nest (`python::NATIVE_NESTING_LIMIT`: Python calls themselves nest on
//! the heap) must fit with room to spare, and this is how we know.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The painting's byte.
const PAINT: u8 = 0xA5;

/// The painting read a word at a time.
const PAINT_WORD: u64 = u64::from_ne_bytes([PAINT; 8]);

/// Bytes in a word.
const WORD: usize = 8;

/// Left unpainted at the low end: the start of the stack's allocation is not known exactly
/// (the frames above the watch's own took a little of it).
const LOW_MARGIN_BYTES: usize = 64 << 10;

/// Left unpainted just below the watch's frame, for the frames its owner calls between bodies.
const HIGH_MARGIN_BYTES: usize = 16 << 10;

/// The most stack bytes any Python thread used on this page.
static DEEPEST: AtomicUsize = AtomicUsize::new(0);

/// The most stack bytes any Python thread used on this page so far.
pub fn deepest_python_stack_bytes() -> usize {
    DEEPEST.load(Ordering::Relaxed)
}

/// The painted part of this thread's stack: `[low, high)`, below the frame at `top`.
pub struct StackWatch {
    low: usize,
    high: usize,
    top: usize,
}

impl StackWatch {
    /// Paints the unused part of this thread's stack, which is `stack_bytes` long in all. Must
    /// be made in the frame that then runs every body (the painting lies below it).
    #[inline(never)]
    pub fn paint(stack_bytes: usize) -> Self {
        let marker = 0_u8;
        let top = std::ptr::from_ref(std::hint::black_box(&marker)) as usize;
        // Whole words, so that the painting is read a word at a time.
        let low = (top.saturating_sub(stack_bytes) + LOW_MARGIN_BYTES).next_multiple_of(WORD);
        let high = (top - HIGH_MARGIN_BYTES) / WORD * WORD;
        // SAFETY: `[low, high)` lies within this thread's own stack (which ends `stack_bytes`
        // below its top, above `top`) and below the current frame, where nothing lives until a
        // call needs it; it is written with plain bytes.
        unsafe { std::ptr::write_bytes(low as *mut u8, PAINT, high - low) };
        StackWatch { low, high, top }
    }

    /// Notes how deep the stack went since the last painting, and paints the used part again.
    pub fn note_depth(&self) {
        // SAFETY: as in `paint`: the range is this thread's stack below the current frame, and
        // no frame lives there between bodies.
        let painted = unsafe { std::slice::from_raw_parts(self.low as *const u64, (self.high - self.low) / WORD) };
        let untouched_words = painted.iter().position(|word| *word != PAINT_WORD).unwrap_or(painted.len());
        let used_from = self.low + untouched_words * WORD;
        DEEPEST.fetch_max(self.top - used_from, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { std::ptr::write_bytes(used_from as *mut u8, PAINT, self.high - used_from) };
    }
}

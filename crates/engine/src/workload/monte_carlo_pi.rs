//! Monte Carlo pi: throw random points at the unit square, count those inside the quarter
//! circle (experiment A2).
//!
//! Sample `i` of a stream is a pure function of `(seed, i)` (a counter-based generator), so the
//! same seed and total give the same estimate however the samples are split over workers.

use super::{TaskResult, Tick, Workload};

/// Samples `next..end` of one seeded stream; one tick is one sample.
#[derive(Clone, Debug)]
pub struct MonteCarloPi {
    seed: u64,
    next: u64,
    end: u64,
    hits: u64,
    samples: u64,
}

impl MonteCarloPi {
    /// Samples `first..first + count` of the stream named by `seed`.
    pub fn new(seed: u64, first: u64, count: u64) -> Self {
        MonteCarloPi { seed, next: first, end: first + count, hits: 0, samples: count }
    }
}

impl Workload for MonteCarloPi {
    #[inline]
    fn tick(&mut self) -> Tick {
        if self.next >= self.end {
            return Tick::Done;
        }
        let bits = splitmix64(self.seed ^ self.next.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let x = unit_interval(bits as u32);
        let y = unit_interval((bits >> 32) as u32);
        self.hits += u64::from(x * x + y * y <= 1.0);
        self.next += 1;
        if self.next >= self.end {
            Tick::Done
        } else {
            Tick::Continue
        }
    }

    fn result(&self) -> TaskResult {
        TaskResult::PiHits { hits: self.hits, samples: self.samples }
    }
}

/// SplitMix64's output function: a well-mixed 64-bit value from any 64-bit input.
#[inline]
pub(crate) fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[inline]
fn unit_interval(bits: u32) -> f64 {
    f64::from(bits) / f64::from(u32::MAX)
}

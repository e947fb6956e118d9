//! Sum of primes below a limit, by trial division (experiment A3): CPU-bound, and tasks of
//! unequal size, so a pool's wall time is bounded by its largest task.

use super::{TaskResult, Tick, Workload};

/// Candidates `next..limit`; one tick tests one candidate.
#[derive(Clone, Debug)]
pub struct SumOfPrimes {
    limit: u64,
    next: u64,
    sum: u64,
}

impl SumOfPrimes {
    /// The primes below `limit`.
    pub fn new(limit: u64) -> Self {
        SumOfPrimes { limit, next: 2, sum: 0 }
    }
}

impl Workload for SumOfPrimes {
    #[inline]
    fn tick(&mut self) -> Tick {
        if self.next >= self.limit {
            return Tick::Done;
        }
        if is_prime(self.next) {
            self.sum += self.next;
        }
        self.next += 1;
        if self.next >= self.limit {
            Tick::Done
        } else {
            Tick::Continue
        }
    }

    fn result(&self) -> TaskResult {
        TaskResult::PrimeSum { limit: self.limit, sum: self.sum }
    }
}

fn is_prime(n: u64) -> bool {
    if n < 4 {
        return n >= 2;
    }
    if n.is_multiple_of(2) {
        return false;
    }
    let mut divisor = 3;
    while divisor * divisor <= n {
        if n.is_multiple_of(divisor) {
            return false;
        }
        divisor += 2;
    }
    true
}

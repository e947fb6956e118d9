//! Factorial of a big number (experiment A4): CPU-bound work on a growing integer, as Python's
//! `math.factorial` does on its arbitrary-precision ints.

use super::{TaskResult, Tick, Workload};

/// Each limb holds nine decimal digits, so the digit count is easy to read off.
const LIMB_BASE: u64 = 1_000_000_000;

/// `n!` under construction, least significant limb first; one tick multiplies by the next factor.
#[derive(Clone, Debug)]
pub struct Factorial {
    n: u64,
    next_factor: u64,
    limbs: Vec<u64>,
}

impl Factorial {
    /// The factorial of `n`.
    pub fn new(n: u64) -> Self {
        Factorial { n, next_factor: 2, limbs: vec![1] }
    }

    fn multiply_by(&mut self, factor: u64) {
        let mut carry = 0;
        for limb in &mut self.limbs {
            let product = *limb * factor + carry;
            *limb = product % LIMB_BASE;
            carry = product / LIMB_BASE;
        }
        while carry > 0 {
            self.limbs.push(carry % LIMB_BASE);
            carry /= LIMB_BASE;
        }
    }

    fn decimal_digits(&self) -> u64 {
        let top = self.limbs.last().copied().unwrap_or(0);
        (self.limbs.len() as u64 - 1) * 9 + top.to_string().len() as u64
    }
}

impl Workload for Factorial {
    #[inline]
    fn tick(&mut self) -> Tick {
        if self.next_factor > self.n {
            return Tick::Done;
        }
        self.multiply_by(self.next_factor);
        self.next_factor += 1;
        if self.next_factor > self.n {
            Tick::Done
        } else {
            Tick::Continue
        }
    }

    fn result(&self) -> TaskResult {
        TaskResult::Factorial { n: self.n, digits: self.decimal_digits(), last_limb: self.limbs[0] }
    }
}

//! `random`: CPython's Mersenne Twister with CPython's seeding (`init_by_array` over the
//! seed's 32-bit words), `random()` from two draws, and every integer choice through
//! `_randbelow` (rejection sampling on `getrandbits`), so seeded programs print what CPython
//! prints.

use std::any::Any;
use std::sync::{Arc, Mutex};

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use crate::objects::exception::{type_error, value_error};
use crate::objects::function::{Args, Builtin, ModuleState, StatefulFn};
use crate::objects::{int, lock, PyErr, PyResult, Value};
use crate::vm::Thread;

const FUNCTIONS: &[(&str, StatefulFn)] = &[
    ("seed", seed),
    ("random", random),
    ("getrandbits", getrandbits),
    ("randrange", randrange),
    ("randint", randint),
    ("choice", choice),
    ("shuffle", shuffle),
    ("uniform", uniform),
    ("sample", sample),
];

/// The module: its functions share one generator, seeded from the clock (as CPython seeds at
/// import), which each call reaches directly (no lookup by the module's name).
pub fn module(thread: &Thread) -> Value {
    let generator: ModuleState = Arc::new(Mutex::new(MersenneTwister::from_int(&BigInt::from(clock_seed(thread)))));
    let functions = FUNCTIONS.iter().map(|(name, function)| (*name, Builtin::with_state(name, *function, generator.clone()))).collect();
    super::native_module("random", &[], functions)
}

/// What the module's functions get as their state: the generator.
type State = dyn Any + Send + Sync;

const N: usize = 624;
const M: usize = 397;

/// MT19937, as CPython's `_randommodule.c`.
pub struct MersenneTwister {
    state: [u32; N],
    index: usize,
}

impl MersenneTwister {
    fn from_key(key: &[u32]) -> MersenneTwister {
        let mut mt = MersenneTwister { state: [0; N], index: N };
        mt.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let previous = mt.state[i - 1] ^ (mt.state[i - 1] >> 30);
            mt.state[i] = (mt.state[i] ^ previous.wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt.state[0] = mt.state[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let previous = mt.state[i - 1] ^ (mt.state[i - 1] >> 30);
            mt.state[i] = (mt.state[i] ^ previous.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt.state[0] = mt.state[N - 1];
                i = 1;
            }
        }
        mt.state[0] = 0x8000_0000;
        mt
    }

    fn init_genrand(&mut self, seed: u32) {
        self.state[0] = seed;
        for i in 1..N {
            let previous = self.state[i - 1] ^ (self.state[i - 1] >> 30);
            self.state[i] = 1_812_433_253u32.wrapping_mul(previous).wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// Seeds from an int as `random.seed(n)` does.
    pub fn from_int(seed: &BigInt) -> MersenneTwister {
        let (_, mut words) = seed.abs().to_u32_digits();
        if words.is_empty() {
            words.push(0);
        }
        MersenneTwister::from_key(&words)
    }

    #[inline]
    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// The next 624 words, in three runs as CPython's `genrand_uint32` (no index wraps, so no
    /// remainder per word).
    fn twist(&mut self) {
        for k in 0..N - M {
            self.state[k] = self.twisted(k, k + 1, k + M);
        }
        for k in N - M..N - 1 {
            self.state[k] = self.twisted(k, k + 1, k + M - N);
        }
        self.state[N - 1] = self.twisted(N - 1, 0, M - 1);
        self.index = 0;
    }

    #[inline]
    fn twisted(&self, k: usize, next: usize, far: usize) -> u32 {
        let y = (self.state[k] & 0x8000_0000) | (self.state[next] & 0x7fff_ffff);
        let mag = if y & 1 == 1 { 0x9908_b0df } else { 0 };
        self.state[far] ^ (y >> 1) ^ mag
    }

    /// `random.random()`: 53 random bits as a float in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(k)`.
    pub fn getrandbits(&mut self, bits: u64) -> BigInt {
        if bits <= 32 {
            return BigInt::from(self.next_u32() >> (32 - bits));
        }
        let mut words = Vec::new();
        let mut remaining = bits;
        while remaining > 0 {
            let word = self.next_u32();
            words.push(if remaining < 32 { word >> (32 - remaining) } else { word });
            remaining = remaining.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &words)
    }

    /// `_randbelow(n)` for n > 0.
    pub fn below(&mut self, n: &BigInt) -> BigInt {
        let bits = n.bits();
        loop {
            let candidate = self.getrandbits(bits);
            if &candidate < n {
                return candidate;
            }
        }
    }
}

/// A seed from the time, in nanoseconds since the epoch (CPython seeds from the OS's entropy,
/// or the time where it has none).
fn clock_seed(thread: &Thread) -> u128 {
    (thread.interp.scheduler.host.epoch_ms() * 1e6) as u128
}

fn with_generator<T>(state: &State, use_it: impl FnOnce(&mut MersenneTwister) -> T) -> T {
    let generator = state.downcast_ref::<Mutex<MersenneTwister>>().expect("random's functions hold its generator");
    use_it(&mut lock(generator))
}

fn seed(thread: &mut Thread, state: &State, args: Args) -> PyResult {
    args.expect("seed", 0, 2)?;
    let key = match args.get(0) {
        None | Some(Value::None) => {
            BigInt::from(clock_seed(thread))
        }
        Some(Value::Float(x)) => BigInt::from(crate::objects::Key::of(&Value::Float(*x))?.hash_number()),
        Some(value) => match int::to_bigint(value) {
            Some(big) => big,
            None => match value {
                Value::Str(text) => BigInt::from_bytes_be(Sign::Plus, text.as_bytes()),
                other => return Err(type_error(format!("The only supported seed types are: None, int, float, str, bytes, and bytearray. Not {}", other.type_name()))),
            },
        },
    };
    with_generator(state, |generator| *generator = MersenneTwister::from_int(&key));
    Ok(Value::None)
}

fn random(_thread: &mut Thread, state: &State, _args: Args) -> PyResult {
    Ok(Value::Float(with_generator(state, MersenneTwister::random)))
}

fn getrandbits(_thread: &mut Thread, state: &State, args: Args) -> PyResult {
    args.expect("getrandbits", 1, 1)?;
    let bits = int::to_small(&args.positional[0]).ok_or_else(|| type_error("an integer is required"))?;
    if bits < 0 {
        return Err(value_error("number of bits must be non-negative"));
    }
    Ok(Value::from_bigint(with_generator(state, |g| g.getrandbits(bits as u64))))
}

fn integer(value: &Value) -> PyResult<BigInt> {
    int::to_bigint(value).ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", value.type_name())))
}

fn randrange(_thread: &mut Thread, state: &State, args: Args) -> PyResult {
    args.expect("randrange", 1, 3)?;
    let first = integer(&args.positional[0])?;
    let (start, stop, step) = match (args.get(1), args.get(2)) {
        (None, _) => (BigInt::zero(), first, BigInt::from(1)),
        (Some(stop), None) => (first, integer(stop)?, BigInt::from(1)),
        (Some(stop), Some(step)) => (first, integer(stop)?, integer(step)?),
    };
    if step.is_zero() {
        return Err(value_error("zero step for randrange()"));
    }
    let width = &stop - &start;
    let one = BigInt::from(1);
    let count: BigInt = if step.is_positive() { (&width + &step - &one) / &step } else { (&width + &step + &one) / &step };
    if !count.is_positive() {
        return Err(value_error(format!("empty range in randrange({start}, {stop})")));
    }
    let offset = with_generator(state, |g| g.below(&count));
    Ok(Value::from_bigint(start + step * offset))
}

fn randint(thread: &mut Thread, state: &State, args: Args) -> PyResult {
    args.expect("randint", 2, 2)?;
    let stop = integer(&args.positional[1])? + 1;
    randrange(thread, state, Args::positional(vec![args.positional[0].clone(), Value::from_bigint(stop)]))
}

fn choice(thread: &mut Thread, state: &State, args: Args) -> PyResult {
    args.expect("choice", 1, 1)?;
    let length = crate::builtins::length(thread, &args.positional[0])?;
    if length == 0 {
        return Err(PyErr::new("IndexError", "Cannot choose from an empty sequence"));
    }
    let index = with_generator(state, |g| g.below(&BigInt::from(length)));
    thread.get_item(&args.positional[0], &Value::from_bigint(index))
}

fn shuffle(_thread: &mut Thread, state: &State, args: Args) -> PyResult {
    args.expect("shuffle", 1, 1)?;
    let Value::List(list) = &args.positional[0] else {
        return Err(type_error(format!("'{}' object does not support item assignment", args.positional[0].type_name())));
    };
    let mut items = lock(list).clone();
    with_generator(state, |g| {
        for i in (1..items.len()).rev() {
            let j = g.below(&BigInt::from(i + 1)).to_usize().unwrap_or(0);
            items.swap(i, j);
        }
    });
    *lock(list) = items;
    Ok(Value::None)
}

fn uniform(_thread: &mut Thread, state: &State, args: Args) -> PyResult {
    args.expect("uniform", 2, 2)?;
    let (a, b) = (int::to_f64(&args.positional[0])?, int::to_f64(&args.positional[1])?);
    let r = with_generator(state, MersenneTwister::random);
    Ok(Value::Float(a + (b - a) * r))
}

fn sample(thread: &mut Thread, state: &State, mut args: Args) -> PyResult {
    let k = args.get_or_keyword(1, "k").ok_or_else(|| type_error("sample() missing 1 required positional argument: 'k'"))?;
    let population = thread.collect(&args.positional[0])?;
    let n = population.len();
    let k = int::to_small(&k).ok_or_else(|| type_error("k must be an integer"))?;
    if k < 0 || k as usize > n {
        return Err(value_error("Sample larger than population or is negative"));
    }
    let k = k as usize;
    let mut setsize = 21usize;
    if k > 5 {
        setsize += 4usize.pow(((k * 3) as f64).log(4.0).ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    with_generator(state, |g| {
        if n <= setsize {
            let mut pool = population.clone();
            for i in 0..k {
                let j = g.below(&BigInt::from(n - i)).to_usize().unwrap_or(0);
                result.push(pool[j].clone());
                pool[j] = pool[n - i - 1].clone();
            }
        } else {
            let mut selected = std::collections::HashSet::new();
            for _ in 0..k {
                let mut j = g.below(&BigInt::from(n)).to_usize().unwrap_or(0);
                while selected.contains(&j) {
                    j = g.below(&BigInt::from(n)).to_usize().unwrap_or(0);
                }
                selected.insert(j);
                result.push(population[j].clone());
            }
        }
    });
    Ok(Value::list(result))
}

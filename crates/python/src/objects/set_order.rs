//! The order a set iterates in: CPython's, where it can be known. CPython iterates its hash
//! table slot by slot; members whose hash is CPython's (ints, ints past 64 bits, instances
//! hashed by `__hash__`, tuples of those) are placed in a simulated table as CPython's
//! `set_add_entry` places them (the slot `hash & mask`, then up to nine linear probes when they
//! fit, then the perturbed probe `i * 5 + 1 + perturb`), growing it as CPython does (four
//! times the members, once three fifths of the slots are filled). Every member fills the
//! table; those whose hash CPython randomises per process (str, bytes) or takes from an address
//! come after, in insertion order. Removals are not simulated.

use super::Key;

/// CPython's smallest table.
const MIN_SIZE: usize = 8;
/// Slots probed one after another before perturbing (`LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// How far the perturbation shifts at each probe (`PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;

/// The indices of `keys` (in insertion order) in the order CPython would iterate them.
pub fn iteration_order(keys: &[&Key]) -> Vec<usize> {
    let hashes: Vec<Option<u64>> = keys.iter().map(|key| known_hash(key).map(|hash| hash as u64)).collect();
    let mut table: Vec<Option<usize>> = vec![None; MIN_SIZE];
    for (index, hash) in hashes.iter().enumerate() {
        if let Some(hash) = hash {
            place(&mut table, index, *hash);
        }
        let filled = index + 1;
        if filled * 5 >= (table.len() - 1) * 3 {
            table = resized(&table, &hashes, filled);
        }
    }
    let mut order: Vec<usize> = table.into_iter().flatten().collect();
    order.extend(hashes.iter().enumerate().filter(|(_, hash)| hash.is_none()).map(|(index, _)| index));
    order
}

/// The hash CPython gives this key, when it is the same in every process.
fn known_hash(key: &Key) -> Option<i64> {
    match key {
        Key::Int(_) | Key::Big(_) | Key::Hashed { .. } => Some(key.hash_number()),
        Key::Tuple(items) if items.iter().all(|item| known_hash(item).is_some()) => Some(key.hash_number()),
        _ => None,
    }
}

/// Puts member `index` in the first free slot of its probe sequence.
fn place(table: &mut [Option<usize>], index: usize, hash: u64) {
    let mask = table.len() - 1;
    let mut slot = hash as usize & mask;
    let mut perturb = hash;
    loop {
        let probes = if slot + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        if let Some(free) = table[slot..=slot + probes].iter_mut().find(|entry| entry.is_none()) {
            *free = Some(index);
            return;
        }
        perturb >>= PERTURB_SHIFT;
        slot = (slot.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
}

/// The table after CPython's resize with `used` members: the smallest power of two past
/// `used * 4` (`used * 2` past 50,000), members reinserted in slot order.
fn resized(table: &[Option<usize>], hashes: &[Option<u64>], used: usize) -> Vec<Option<usize>> {
    let wanted = if used > 50_000 { used * 2 } else { used * 4 };
    let mut size = MIN_SIZE;
    while size <= wanted {
        size <<= 1;
    }
    let mut grown = vec![None; size];
    for index in table.iter().flatten() {
        if let Some(hash) = hashes[*index] {
            place(&mut grown, *index, hash);
        }
    }
    grown
}

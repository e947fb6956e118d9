//! Set operators (`|`, `&`, `-`, `^`) and comparisons (`==`, `<=`, `<` …) between sets whose
//! members Python may have keyed: a member of one set whose key `__hash__` made is found in the
//! other by that hash (kept with the member, not asked for again) and `__eq__`, as CPython's set
//! operations do; every other member by its key alone. Which set's member a result keeps is
//! CPython's: `|` keeps the left one, `&` the one of the smaller set (the right one when sizes
//! are equal).

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use indexmap::IndexMap;

use super::Thread;
use crate::bytecode::{BinaryOp, CompareOp};
use crate::objects::{lock, Key, PyResult, Set, Value};

/// A set's members by key.
type Members = IndexMap<Key, Value>;

/// A member of one set, with the key an equal member has in another set (its own key when the
/// other has none).
struct Member {
    key_there: Key,
    own_key: Key,
    value: Value,
}

impl Thread {
    /// `a op b` for `|`, `&`, `-` and `^`: a frozenset when `a` is one.
    pub fn set_operator(&mut self, op: BinaryOp, a: &Set, b: &Set) -> PyResult<Set> {
        let frozen = a.frozen;
        let a = lock(&a.items).clone();
        let b = lock(&b.items).clone();
        let b = self.members_keyed_in(&a, b)?;
        let keys_of_b: HashSet<&Key> = b.iter().map(|member| &member.key_there).collect();
        let in_b = |key: &Key| keys_of_b.contains(key);
        let from_b = |keep: &dyn Fn(&Member) -> bool| -> Members {
            b.iter().filter(|member| keep(member)).map(|m| (m.own_key.clone(), m.value.clone())).collect()
        };
        let from_a = |keep: &dyn Fn(&Key) -> bool| -> Members {
            a.iter().filter(|(key, _)| keep(key)).map(|(k, v)| (k.clone(), v.clone())).collect()
        };
        let members = match op {
            BinaryOp::Or => {
                let mut members = a.clone();
                members.extend(from_b(&|member| !a.contains_key(&member.key_there)));
                members
            }
            BinaryOp::And if b.len() > a.len() => from_a(&|key| in_b(key)),
            BinaryOp::And => from_b(&|member| a.contains_key(&member.key_there)),
            BinaryOp::Sub => from_a(&|key| !in_b(key)),
            _ => {
                let mut members = from_a(&|key| !in_b(key));
                members.extend(from_b(&|member| !a.contains_key(&member.key_there)));
                members
            }
        };
        Ok(Set { items: Mutex::new(members), frozen })
    }

    /// `a op b` for `<`, `<=`, `>` and `>=` between sets.
    pub fn set_compare(&mut self, op: CompareOp, a: &Set, b: &Set) -> PyResult<bool> {
        let (small, large) = if matches!(op, CompareOp::Lt | CompareOp::Le) { (a, b) } else { (b, a) };
        let strict = matches!(op, CompareOp::Lt | CompareOp::Gt);
        if strict && small.len() >= large.len() {
            return Ok(false);
        }
        self.set_is_subset(small, large)
    }

    /// `a == b` between sets.
    pub fn sets_equal(&mut self, a: &Set, b: &Set) -> PyResult<bool> {
        Ok(a.len() == b.len() && self.set_is_subset(a, b)?)
    }

    /// How two sets are ordered by inclusion; `None` when neither holds the other.
    pub fn set_order(&mut self, a: &Set, b: &Set) -> PyResult<Option<Ordering>> {
        Ok(match (self.set_is_subset(a, b)?, self.set_is_subset(b, a)?) {
            (true, true) => Some(Ordering::Equal),
            (true, false) => Some(Ordering::Less),
            (false, true) => Some(Ordering::Greater),
            (false, false) => None,
        })
    }

    /// Whether every member of `small` is in `large` (CPython's `issubset`).
    pub fn set_is_subset(&mut self, small: &Set, large: &Set) -> PyResult<bool> {
        if small.len() > large.len() {
            return Ok(false);
        }
        let large = lock(&large.items).clone();
        let small = lock(&small.items).clone();
        let small = self.members_keyed_in(&large, small)?;
        Ok(small.iter().all(|member| large.contains_key(&member.key_there)))
    }

    /// The members of `other`, each with the key an equal member of `set` has: a member keyed by
    /// Python is compared by `__eq__` with the members of `set` of the same hash.
    fn members_keyed_in(&mut self, set: &Members, other: Members) -> PyResult<Vec<Member>> {
        let hashed = hashed_members(set);
        let mut members = Vec::with_capacity(other.len());
        for (own_key, value) in other {
            let mut key_there = own_key.clone();
            if let Key::Hashed { hash, .. } = own_key {
                for (key, held) in hashed.get(&hash).into_iter().flatten() {
                    if held.is(&value) || self.eq(held, &value)? {
                        key_there = (*key).clone();
                        break;
                    }
                }
            }
            members.push(Member { key_there, own_key, value });
        }
        Ok(members)
    }
}

/// The members of a set that Python keyed, by hash.
fn hashed_members(members: &Members) -> HashMap<i64, Vec<(&Key, &Value)>> {
    let mut by_hash: HashMap<i64, Vec<(&Key, &Value)>> = HashMap::new();
    for (key, value) in members {
        if let Key::Hashed { hash, .. } = key {
            by_hash.entry(*hash).or_default().push((key, value));
        }
    }
    by_hash
}

//! A module's (or a class body's) names behind their lock, with a version that every change
//! bumps and that a reader can see without the lock: the VM's name cache (`vm/name_cache.rs`)
//! keeps a global or a module attribute it read, and takes it again only when the version it
//! read it at is no longer the namespace's (CPython's `LOAD_GLOBAL` does so with dict versions).

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use super::Names;

/// Names to values, with a version bumped by every change.
#[derive(Default)]
pub struct Namespace {
    names: Mutex<Names>,
    version: AtomicU64,
}

/// A namespace held locked: reading through it leaves the version alone, and any mutable use
/// (an insert, a removal, an entry) bumps it before the change is made.
pub struct NamespaceGuard<'a> {
    names: MutexGuard<'a, Names>,
    version: &'a AtomicU64,
}

impl Namespace {
    /// A namespace holding `names`.
    pub fn new(names: Names) -> Namespace {
        Namespace { names: Mutex::new(names), version: AtomicU64::new(0) }
    }

    /// Locks the names (poisoning ignored, as `objects::lock` does).
    pub fn lock(&self) -> NamespaceGuard<'_> {
        let names = self.names.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        NamespaceGuard { names, version: &self.version }
    }

    /// The version now, read without the lock: a change made by any thread is seen once the
    /// lock it was made under is released (the bump comes first, under that lock).
    #[inline]
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }
}

impl NamespaceGuard<'_> {
    /// The version while the lock is held (no change can come between it and a read).
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Relaxed)
    }
}

impl Deref for NamespaceGuard<'_> {
    type Target = Names;

    fn deref(&self) -> &Names {
        &self.names
    }
}

impl DerefMut for NamespaceGuard<'_> {
    /// Bumps the version: only the lock's holder writes it, so a load and a store suffice.
    fn deref_mut(&mut self) -> &mut Names {
        self.version.store(self.version.load(Ordering::Relaxed) + 1, Ordering::Release);
        &mut self.names
    }
}

//! A thread's cache of names read from namespaces: globals (or the built-ins they fall back
//! to) and module attributes (`random.random`). An entry holds the value a name had at a
//! namespace's version; it is used while that version is still the namespace's, read without
//! the namespace's lock ([`Namespace::version`]), and read again otherwise. Every change to a
//! namespace bumps its version under its lock, so a global rebound by another thread, a module
//! attribute replaced (`random.random = f`) or a built-in shadowed by a global defined later is
//! seen at the next read, as CPython's `LOAD_GLOBAL` cache checks its dicts' versions.
//!
//! The cache is the thread's own (no lock, no reference count touched on a hit): a small table
//! indexed by the namespace and the name, whose entries keep both alive (the namespace weakly),
//! so an entry is never taken for another namespace or name at a reused address.

use std::sync::{Arc, Weak};

use super::call::Called;
use super::Thread;
use crate::objects::function::{Args, BuiltinBody};
use crate::objects::{Module, Namespace, PyErr, PyResult, Value};

/// Entries in a thread's table (a power of two): a hot loop reads a handful of names.
const SLOTS: usize = 64;

/// Marks an entry found in the namespace itself, whatever the built-ins' version.
const NOT_BUILTIN: u64 = u64::MAX;

/// A thread's cached names; empty until its first global read.
#[derive(Default)]
pub(crate) struct NameCache {
    entries: Vec<Option<Entry>>,
}

/// `name` in `namespace` at `version` was `value` (from the built-ins at `builtins_version`
/// when the namespace did not have it).
struct Entry {
    namespace: Weak<Namespace>,
    name: Arc<str>,
    version: u64,
    builtins_version: u64,
    value: Value,
}

impl Entry {
    #[inline]
    fn holds(&self, namespace: &Arc<Namespace>, name: &Arc<str>, builtins: &Namespace) -> bool {
        self.is_of(namespace, name)
            && self.version == namespace.version()
            && (self.builtins_version == NOT_BUILTIN || self.builtins_version == builtins.version())
    }
}

impl Entry {
    /// Whether it is the entry of `name` in `namespace` (at any version).
    #[inline]
    fn is_of(&self, namespace: &Arc<Namespace>, name: &Arc<str>) -> bool {
        Arc::ptr_eq(&self.name, name) && std::ptr::eq(self.namespace.as_ptr(), Arc::as_ptr(namespace))
    }
}

/// The table slot of `name` in `namespace`.
#[inline]
fn slot_of(namespace: &Arc<Namespace>, name: &Arc<str>) -> usize {
    let key = (Arc::as_ptr(namespace) as *const u8 as u64) ^ ((Arc::as_ptr(name) as *const u8 as u64) << 7);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

impl NameCache {
    #[inline]
    fn get(&self, namespace: &Arc<Namespace>, name: &Arc<str>, builtins: &Namespace) -> Option<&Value> {
        match self.entries.get(slot_of(namespace, name)) {
            Some(Some(entry)) if entry.holds(namespace, name, builtins) => Some(&entry.value),
            _ => None,
        }
    }

    /// Keeps `value` for `name` in `namespace`: in place when the slot held the same name of
    /// the same namespace at an older version (no reference to either taken again).
    fn put(&mut self, namespace: &Arc<Namespace>, name: &Arc<str>, version: u64, builtins_version: u64, value: Value) {
        if self.entries.is_empty() {
            self.entries.resize_with(SLOTS, || None);
        }
        let slot = &mut self.entries[slot_of(namespace, name)];
        match slot {
            Some(entry) if Arc::ptr_eq(&entry.name, name) && std::ptr::eq(entry.namespace.as_ptr(), Arc::as_ptr(namespace)) => {
                entry.version = version;
                entry.builtins_version = builtins_version;
                entry.value = value;
            }
            _ => {
                *slot = Some(Entry { namespace: Arc::downgrade(namespace), name: name.clone(), version, builtins_version, value });
            }
        }
    }

    /// The slot of `attr` of the module bound to the global `global`, both cached and current.
    #[inline]
    fn module_function_slot(&self, globals: &Arc<Namespace>, global: &Arc<str>, attr: &Arc<str>, builtins: &Namespace) -> Option<usize> {
        let Value::Module(module) = self.get(globals, global, builtins)? else { return None };
        self.get(&module.dict, attr, builtins)?;
        Some(slot_of(&module.dict, attr))
    }
}

/// What `LoadGlobalMethod(g, a)` pushes in place of the method's name when `g` is a module
/// whose `a` is cached: both indices, as a negative int (a method name's index is never one).
#[inline]
pub(super) fn module_call_marker(global: u32, attr: u32) -> i64 {
    -1 - ((i64::from(global) << 32) | i64::from(attr))
}

/// The global's and the attribute's indices in a marker, or `None` for a method name's index.
#[inline]
pub(super) fn module_call_of(marker: i64) -> Option<(u32, u32)> {
    (marker < 0).then(|| {
        let both = -1 - marker;
        ((both >> 32) as u32, both as u32)
    })
}

impl Thread {
    /// The cache's slot of `attr` when the global `global` is a module that has it, both now in
    /// the cache (read into it if need be): then a call can take the function from there.
    #[inline]
    pub(super) fn module_function_slot_cached(&mut self, globals: &Arc<Namespace>, global: &Arc<str>, attr: &Arc<str>) -> Option<usize> {
        if let Some(slot) = self.name_cache.module_function_slot(globals, global, attr, &self.interp.builtins) {
            return Some(slot);
        }
        let Ok(Value::Module(module)) = self.load_global_cached(globals, global) else { return None };
        self.module_attr_cached(&module, attr)?;
        self.name_cache.module_function_slot(globals, global, attr, &self.interp.builtins)
    }

    /// The cache's slot of `global.attr` when it is a module's built-in function with a body of
    /// its own (`random.random`), both cached and current: [`Thread::call_lent_builtin`] calls it.
    #[inline]
    pub(super) fn module_builtin_slot(&self, globals: &Arc<Namespace>, global: &Arc<str>, attr: &Arc<str>) -> Option<usize> {
        let slot = self.name_cache.module_function_slot(globals, global, attr, &self.interp.builtins)?;
        self.builtin_with_body_at(slot)
    }

    /// `slot` when its entry is a built-in function with a body of its own.
    #[inline]
    pub(super) fn builtin_with_body_at(&self, slot: usize) -> Option<usize> {
        match &self.name_cache.entries[slot] {
            Some(Entry { value: Value::Builtin(builtin), .. }) if matches!(builtin.body, BuiltinBody::Function(_) | BuiltinBody::WithState(..)) => Some(slot),
            _ => None,
        }
    }

    /// Calls the built-in in the cache's `slot` (found by [`Thread::module_builtin_slot`]), lent
    /// for the call: its value comes back as is, with no `Called` to move through the loop.
    pub(super) fn call_lent_builtin(&mut self, slot: usize, args: Args) -> PyResult {
        let entry = self.name_cache.entries[slot].take().expect("the slot was just found holding it");
        let result = match &entry.value {
            Value::Builtin(builtin) => match &builtin.body {
                BuiltinBody::Function(body) => body(self, args),
                BuiltinBody::WithState(body, state) => body(self, state.as_ref(), args),
                _ => unreachable!("module_builtin_slot found a body of its own"),
            },
            _ => unreachable!("module_builtin_slot found a built-in"),
        };
        // A call back into Python meanwhile may have filled the slot: its entry stays.
        self.name_cache.entries[slot].get_or_insert(entry);
        result
    }

    /// `global.attr(args)` for a module's function found cached by `LoadGlobalMethod`: called
    /// from the cache's entry, lent for the call (no reference taken), or looked up again if
    /// a binding changed since.
    pub(super) fn call_module_function(
        &mut self,
        globals: &Arc<Namespace>,
        global: &Arc<str>,
        attr: &Arc<str>,
        args: Args,
    ) -> PyResult<Called> {
        let Some(slot) = self.name_cache.module_function_slot(globals, global, attr, &self.interp.builtins) else {
            let module = self.load_global_cached(globals, global)?;
            let function = match &module {
                Value::Module(module) => self.module_attr_cached(module, attr),
                _ => None,
            };
            return match function {
                Some(function) => self.prepare_call(&function, args),
                None => self.prepare_method_call(&module, attr, args),
            };
        };
        let entry = self.name_cache.entries[slot].take().expect("the slot was just found holding it");
        let called = self.prepare_call(&entry.value, args);
        // A call back into Python meanwhile may have filled the slot: its entry stays.
        self.name_cache.entries[slot].get_or_insert(entry);
        called
    }

    /// A global, else a built-in; NameError otherwise (through the thread's name cache).
    #[inline]
    pub(super) fn load_global_cached(&mut self, globals: &Arc<Namespace>, name: &Arc<str>) -> PyResult {
        match self.name_cache.get(globals, name, &self.interp.builtins) {
            Some(value) => Ok(value.clone()),
            None => self.load_global_and_cache(globals, name),
        }
    }

    /// A module's attribute, `None` when it has none (through the thread's name cache).
    #[inline]
    pub(super) fn module_attr_cached(&mut self, module: &Module, name: &Arc<str>) -> Option<Value> {
        match self.name_cache.get(&module.dict, name, &self.interp.builtins) {
            Some(value) => Some(value.clone()),
            None => self.module_attr_and_cache(module, name),
        }
    }

    #[inline(never)]
    fn load_global_and_cache(&mut self, globals: &Arc<Namespace>, name: &Arc<str>) -> PyResult {
        let (found, version) = {
            let names = globals.lock();
            (names.get(&**name).cloned(), names.version())
        };
        if let Some(value) = found {
            self.name_cache.put(globals, name, version, NOT_BUILTIN, value.clone());
            return Ok(value);
        }
        let (found, builtins_version) = {
            let builtins = self.interp.builtins.lock();
            (builtins.get(&**name).cloned(), builtins.version())
        };
        match found {
            Some(value) => {
                self.name_cache.put(globals, name, version, builtins_version, value.clone());
                Ok(value)
            }
            None => Err(PyErr::new("NameError", format!("name '{name}' is not defined"))),
        }
    }

    #[inline(never)]
    fn module_attr_and_cache(&mut self, module: &Module, name: &Arc<str>) -> Option<Value> {
        let (found, version) = {
            let names = module.dict.lock();
            (names.get(&**name).cloned(), names.version())
        };
        let value = found?;
        self.name_cache.put(&module.dict, name, version, NOT_BUILTIN, value.clone());
        Some(value)
    }
}

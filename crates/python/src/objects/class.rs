//! Classes and instances: the built-in types (int, list, Exception …) are classes too, so
//! `type(x)`, `isinstance` and subclassing Exception work one way.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::{lock, Value};

/// What a class is built on: a built-in type's own representation, or plain instances.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// `object`, and every class defined in Python (its instances are [`Instance`]s).
    Object,
    /// `type`.
    Type,
    /// `NoneType`.
    NoneType,
    /// `bool`.
    Bool,
    /// `int`.
    Int,
    /// `float`.
    Float,
    /// `str`.
    Str,
    /// `bytes`.
    Bytes,
    /// `tuple`.
    Tuple,
    /// `list`.
    List,
    /// `dict`.
    Dict,
    /// `set`.
    Set,
    /// `frozenset`.
    FrozenSet,
    /// `range`.
    Range,
    /// Other built-in types that cannot be called or subclassed from Python.
    Opaque,
}

/// A class: its name, bases, method resolution order and namespace.
pub struct Class {
    /// `__name__`.
    pub name: Arc<str>,
    /// The built-in representation its instances have.
    pub kind: Kind,
    /// `__bases__`.
    pub bases: Vec<Arc<Class>>,
    /// The method resolution order after the class itself (C3, as CPython).
    pub mro: Vec<Arc<Class>>,
    /// The class namespace: methods and class attributes.
    pub dict: Mutex<super::Names>,
}

/// An instance of a class defined in Python.
pub struct Instance {
    /// Its class.
    pub class: Arc<Class>,
    /// Its attributes.
    pub dict: Mutex<super::Names>,
    /// For an exception once caught: the frames it went through (for chained tracebacks).
    pub traceback: Mutex<Vec<super::exception::TraceEntry>>,
}

impl Instance {
    /// A new instance with these attributes.
    pub fn new(class: &Arc<Class>, dict: super::Names) -> Arc<Instance> {
        Arc::new(Instance { class: class.clone(), dict: Mutex::new(dict), traceback: Mutex::new(Vec::new()) })
    }
}

impl Class {
    /// A class with the given bases and namespace; `Err` names the classes whose order
    /// cannot be linearised.
    pub fn new(name: &str, kind: Kind, bases: Vec<Arc<Class>>, dict: super::Names) -> Result<Arc<Class>, String> {
        let mro = linearise(&bases)?;
        Ok(Arc::new(Class { name: Arc::from(name), kind, bases, mro, dict: Mutex::new(dict) }))
    }

    /// The class followed by its method resolution order.
    pub fn mro_with_self(self: &Arc<Class>) -> impl Iterator<Item = &Arc<Class>> {
        std::iter::once(self).chain(self.mro.iter())
    }

    /// Looks an attribute up along the method resolution order.
    pub fn lookup(self: &Arc<Class>, name: &str) -> Option<Value> {
        self.mro_with_self().find_map(|class| lock(&class.dict).get(name).cloned())
    }

    /// Whether this class is `other` or derives from it.
    pub fn is_subclass(self: &Arc<Class>, other: &Arc<Class>) -> bool {
        self.mro_with_self().any(|class| Arc::ptr_eq(class, other))
    }

    /// Whether instances of this class are exceptions.
    pub fn is_exception(self: &Arc<Class>) -> bool {
        self.is_subclass(&builtin_types().base_exception)
    }

    /// The first built-in kind along the method resolution order.
    pub fn base_kind(self: &Arc<Class>) -> Kind {
        self.mro_with_self().map(|class| class.kind).find(|kind| *kind != Kind::Object).unwrap_or(Kind::Object)
    }
}

/// C3 linearisation of the bases (the class itself excluded).
fn linearise(bases: &[Arc<Class>]) -> Result<Vec<Arc<Class>>, String> {
    let mut sequences: Vec<Vec<Arc<Class>>> =
        bases.iter().map(|base| base.mro_with_self().cloned().collect()).collect();
    sequences.push(bases.to_vec());
    let mut result = Vec::new();
    loop {
        sequences.retain(|sequence| !sequence.is_empty());
        if sequences.is_empty() {
            return Ok(result);
        }
        let candidate = sequences
            .iter()
            .map(|sequence| sequence[0].clone())
            .find(|head| !sequences.iter().any(|sequence| sequence[1..].iter().any(|c| Arc::ptr_eq(c, head))));
        let Some(head) = candidate else {
            let names: Vec<&str> = bases.iter().map(|base| &*base.name).collect();
            return Err(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for sequence in &mut sequences {
            if Arc::ptr_eq(&sequence[0], &head) {
                sequence.remove(0);
            }
        }
        result.push(head);
    }
}

/// The built-in types and exception classes, shared by every interpreter.
pub struct BuiltinTypes {
    /// `object`.
    pub object: Arc<Class>,
    /// `type`.
    pub type_: Arc<Class>,
    /// `NoneType`.
    pub none_type: Arc<Class>,
    /// `int`.
    pub int: Arc<Class>,
    /// `bool`.
    pub bool: Arc<Class>,
    /// `float`.
    pub float: Arc<Class>,
    /// `str`.
    pub str: Arc<Class>,
    /// `bytes`.
    pub bytes: Arc<Class>,
    /// `tuple`.
    pub tuple: Arc<Class>,
    /// `list`.
    pub list: Arc<Class>,
    /// `dict`.
    pub dict: Arc<Class>,
    /// `set`.
    pub set: Arc<Class>,
    /// `frozenset`.
    pub frozenset: Arc<Class>,
    /// `range`.
    pub range: Arc<Class>,
    /// `slice`.
    pub slice: Arc<Class>,
    /// `function`.
    pub function: Arc<Class>,
    /// `builtin_function_or_method`.
    pub builtin_function: Arc<Class>,
    /// `method`.
    pub method: Arc<Class>,
    /// `module`.
    pub module: Arc<Class>,
    /// `super`.
    pub super_: Arc<Class>,
    /// `BaseException`.
    pub base_exception: Arc<Class>,
    /// Every built-in exception class by name.
    pub exceptions: HashMap<&'static str, Arc<Class>>,
    /// Iterator types by name (`list_iterator`, `map`, `zip` …).
    pub iterators: HashMap<&'static str, Arc<Class>>,
}

/// The built-in exception hierarchy: each name with its base.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("MemoryError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("OSError", "Exception"),
    ("TimeoutError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("FileNotFoundError", "OSError"),
    ("PermissionError", "OSError"),
    ("InterruptedError", "OSError"),
    ("FloatingPointError", "ArithmeticError"),
    ("UnicodeError", "ValueError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("BufferError", "Exception"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("GeneratorExit", "BaseException"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("EOFError", "Exception"),
];

/// Iterator type names, as `type(iter(x)).__name__` shows them.
const ITERATORS: &[&str] = &[
    "list_iterator",
    "tuple_iterator",
    "str_ascii_iterator",
    "bytes_iterator",
    "range_iterator",
    "dict_keyiterator",
    "set_iterator",
    "map",
    "filter",
    "zip",
    "enumerate",
    "callable_iterator",
    "list_reverseiterator",
    "generator",
    "dict_keys",
    "dict_values",
    "dict_items",
];

/// The built-in types, made once.
pub fn builtin_types() -> &'static BuiltinTypes {
    static TYPES: OnceLock<BuiltinTypes> = OnceLock::new();
    TYPES.get_or_init(make_builtin_types)
}

fn make_builtin_types() -> BuiltinTypes {
    let plain = |name: &str, kind: Kind, bases: Vec<Arc<Class>>| {
        Class::new(name, kind, bases, Default::default()).expect("built-in types have a linear order")
    };
    let object = plain("object", Kind::Object, vec![]);
    let derived = |name: &str, kind: Kind| plain(name, kind, vec![object.clone()]);
    let int = derived("int", Kind::Int);
    let base_exception = derived("BaseException", Kind::Object);
    lock(&base_exception.dict).insert(Arc::from("__init__"), super::exception::base_exception_init());
    let mut exceptions = HashMap::from([("BaseException", base_exception.clone())]);
    for (name, base) in EXCEPTIONS {
        let class = plain(name, Kind::Object, vec![exceptions[base].clone()]);
        exceptions.insert(name, class);
    }
    let iterators = ITERATORS.iter().map(|name| (*name, derived(name, Kind::Opaque))).collect();
    BuiltinTypes {
        type_: derived("type", Kind::Type),
        none_type: derived("NoneType", Kind::NoneType),
        bool: plain("bool", Kind::Bool, vec![int.clone()]),
        int,
        float: derived("float", Kind::Float),
        str: derived("str", Kind::Str),
        bytes: derived("bytes", Kind::Bytes),
        tuple: derived("tuple", Kind::Tuple),
        list: derived("list", Kind::List),
        dict: derived("dict", Kind::Dict),
        set: derived("set", Kind::Set),
        frozenset: derived("frozenset", Kind::FrozenSet),
        range: derived("range", Kind::Range),
        slice: derived("slice", Kind::Opaque),
        function: derived("function", Kind::Opaque),
        builtin_function: derived("builtin_function_or_method", Kind::Opaque),
        method: derived("method", Kind::Opaque),
        module: derived("module", Kind::Opaque),
        super_: derived("super", Kind::Opaque),
        object,
        base_exception,
        exceptions,
        iterators,
    }
}

/// A built-in exception class by name.
pub fn exception_class(name: &str) -> Arc<Class> {
    builtin_types().exceptions[name].clone()
}

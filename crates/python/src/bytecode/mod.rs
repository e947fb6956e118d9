//! The bytecode: one definition per instruction, with what it does to the stack and whether
//! it is an eval-breaker check point (where a GIL switch, a Stop or a time limit may land).
//!
//! Check points follow CPython 3.10+: backward jumps, calls and function entry. Under the
//! Python 3.9 mode every instruction is one (`vm/mode.rs`).

mod code;

pub use code::{Code, CodeKind, Parameters, Position};

/// A binary operator.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinaryOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `@`
    MatMul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::MatMul => "@",
            BinaryOp::Div => "/",
            BinaryOp::FloorDiv => "//",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "** or pow()",
            BinaryOp::LShift => "<<",
            BinaryOp::RShift => ">>",
            BinaryOp::And => "&",
            BinaryOp::Or => "|",
            BinaryOp::Xor => "^",
        }
    }

    /// The special method a class defines for it (`__add__`).
    pub fn dunder(self) -> &'static str {
        match self {
            BinaryOp::Add => "__add__",
            BinaryOp::Sub => "__sub__",
            BinaryOp::Mul => "__mul__",
            BinaryOp::MatMul => "__matmul__",
            BinaryOp::Div => "__truediv__",
            BinaryOp::FloorDiv => "__floordiv__",
            BinaryOp::Mod => "__mod__",
            BinaryOp::Pow => "__pow__",
            BinaryOp::LShift => "__lshift__",
            BinaryOp::RShift => "__rshift__",
            BinaryOp::And => "__and__",
            BinaryOp::Or => "__or__",
            BinaryOp::Xor => "__xor__",
        }
    }

    /// The reflected special method (`__radd__`).
    pub fn reflected_dunder(self) -> String {
        format!("__r{}", &self.dunder()[2..])
    }
}

/// A unary operator.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `not x`
    Not,
    /// `~x`
    Invert,
}

/// A rich comparison.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CompareOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// The special method (`__lt__`).
    pub fn dunder(self) -> &'static str {
        match self {
            CompareOp::Lt => "__lt__",
            CompareOp::Le => "__le__",
            CompareOp::Eq => "__eq__",
            CompareOp::Ne => "__ne__",
            CompareOp::Gt => "__gt__",
            CompareOp::Ge => "__ge__",
        }
    }

    /// The comparison with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
            other => other,
        }
    }
}

/// One instruction. Operands are indices into the code's tables or jump targets.
/// Stack effects are written `[before] -> [after]`, top of stack last.
#[derive(Clone, Copy, Debug)]
pub enum Instr {
    /// `[] -> []`: nothing.
    Nop,
    /// `[a] -> []`.
    Pop,
    /// `[a] -> [a, a]`.
    Dup,
    /// `[a, b] -> [a, b, a, b]`.
    DupTwo,
    /// `[a, b] -> [b, a]`.
    Rot2,
    /// `[a, b, c] -> [c, a, b]`.
    Rot3,
    /// `[] -> [consts[i]]`.
    LoadConst(u32),
    /// `[] -> [locals[i]]`; UnboundLocalError when unset.
    LoadFast(u32),
    /// `[v] -> []`: locals[i] = v.
    StoreFast(u32),
    /// `[] -> []`: del locals[i].
    DeleteFast(u32),
    /// `[] -> [cells[i]]`: a captured variable.
    LoadDeref(u32),
    /// `[v] -> []`: cells[i] = v.
    StoreDeref(u32),
    /// `[] -> [globals[names[i]] or builtins[names[i]]]`.
    LoadGlobal(u32),
    /// `[v] -> []`: globals[names[i]] = v.
    StoreGlobal(u32),
    /// `[] -> []`: del globals[names[i]].
    DeleteGlobal(u32),
    /// `[] -> [v]`: a class body's name: its namespace, then globals, then builtins.
    LoadName(u32),
    /// `[v] -> []`: a class body's namespace[names[i]] = v.
    StoreName(u32),
    /// `[o] -> [o.names[i]]`.
    LoadAttr(u32),
    /// `[v, o] -> []`: o.names[i] = v.
    StoreAttr(u32),
    /// `[o] -> []`: del o.names[i].
    DeleteAttr(u32),
    /// `[o] -> [o, i]`: the method's name (as its index `i`, an int) beside its object.
    LoadMethod(u32),
    /// `[o, i, args…] -> [o.names[i](args…)]`, with no bound method made; a check point.
    CallMethod(u32),
    /// `[o, k] -> [o[k]]`.
    Subscript,
    /// `[v, o, k] -> []`: o[k] = v.
    StoreSubscript,
    /// `[o, k] -> []`: del o[k].
    DeleteSubscript,
    /// `[a, b] -> [a op b]`.
    Binary(BinaryOp),
    /// `[a, b] -> [a op= b]`: in place for lists, else as `Binary`.
    InPlace(BinaryOp),
    /// `[a] -> [op a]`.
    Unary(UnaryOp),
    /// `[a, b] -> [a op b]`.
    Compare(CompareOp),
    /// `[a, b] -> [a is b]` (`is not` when the flag is set).
    Is(bool),
    /// `[a, b] -> [a in b]` (`not in` when the flag is set).
    In(bool),
    /// `[] -> []`: jump forward to the target.
    Jump(u32),
    /// `[] -> []`: jump back to a loop's head; a check point.
    JumpBack(u32),
    /// `[c] -> []`: jump when c is false.
    PopJumpIfFalse(u32),
    /// `[c] -> []`: jump when c is true.
    PopJumpIfTrue(u32),
    /// `[c] -> [c]` and jump when false, else `[c] -> []`.
    JumpIfFalseOrPop(u32),
    /// `[c] -> [c]` and jump when true, else `[c] -> []`.
    JumpIfTrueOrPop(u32),
    /// `[o] -> [iter(o)]`.
    GetIter,
    /// `[it] -> [it, next(it)]`, or `[it] -> []` and jump when it is exhausted.
    ForIter(u32),
    /// `[a…] -> [(a…)]`.
    BuildTuple(u32),
    /// `[a…] -> [[a…]]`.
    BuildList(u32),
    /// `[a…] -> [{a…}]`.
    BuildSet(u32),
    /// `[k, v, …] -> [{k: v, …}]`.
    BuildMap(u32),
    /// `[s…] -> [''.join(s…)]`.
    BuildString(u32),
    /// `[lower, upper, step] -> [slice]`.
    BuildSlice,
    /// `[list, …, v] -> [list, …]`: list (at depth i) .append(v).
    ListAppend(u32),
    /// `[list, …, it] -> [list, …]`: list (at depth i) .extend(it).
    ListExtend(u32),
    /// `[set, …, v] -> [set, …]`: set.add(v).
    SetAdd(u32),
    /// `[dict, …, k, v] -> [dict, …]`: dict[k] = v.
    MapAdd(u32),
    /// `[dict, …, m] -> [dict, …]`: dict.update(m) (for `**m`).
    DictUpdate(u32),
    /// `[list] -> [tuple(list)]`.
    ListToTuple,
    /// `[v] -> [format(v)]`, `[v, spec] -> [format(v, spec)]`: f-string fields; the operand
    /// says the conversion (0 none, 1 str, 2 repr, 3 ascii) and whether a spec is on the stack (+4).
    FormatValue(u32),
    /// `[seq] -> [last … first]`: exactly i items.
    UnpackSequence(u32),
    /// `[seq] -> [last…, [star…], first…]`: `a, *b, c = seq` (before in high 16 bits, after in low).
    UnpackStarred(u32),
    /// `[f, args…] -> [f(args…)]`; a check point.
    Call(u32),
    /// `[f, args…, kwargs…] -> [result]`: consts[i] holds the keyword names (the last ones); a check point.
    CallKeywords(u32, u32),
    /// `[f, args-tuple, kwargs-dict?] -> [result]`: `f(*a, **k)`; operand 1 when a dict is there; a check point.
    CallUnpacked(u32),
    /// `[defaults?, kwdefaults?] -> [function]`: consts[i] is the code; flags: 1 defaults tuple, 2 keyword defaults dict.
    MakeFunction(u32, u32),
    /// `[body-function, bases…] -> [class]`: runs the body in a new namespace, builds the class named consts[i].
    BuildClass(u32, u32),
    /// `[] -> [super()]`: zero-argument super in a method.
    LoadSuper,
    /// `[v] -> (returns v)`.
    Return,
    /// `[v] -> [None]`: a generator hands v to its caller and waits to be resumed.
    Yield,
    /// `[] -> []`: push an exception handler at the target (for `try`).
    SetupExcept(u32),
    /// `[] -> []`: remove the innermost handler.
    PopBlock,
    /// `[…] -> []`: end of a handler: the exception being handled is no longer current.
    PopExcept,
    /// `[exc, type] -> [exc, matches]`.
    MatchException,
    /// `[exc] -> (raises exc again, with its traceback)`.
    Reraise,
    /// `[exc?, cause?] -> (raises)`: operand 0 re-raises the exception being handled.
    Raise(u32),
    /// `[manager] -> [exit, manager.__enter__()]`, and a handler at the target.
    SetupWith(u32),
    /// `[exit] -> []`: `exit(None, None, None)` after a `with` body that ended normally.
    ExitWith,
    /// `[exit, exc] -> []` and jump when `exit(type, exc, None)` swallows it, else re-raise.
    ExitWithException(u32),
    /// `[] -> [module]`: `import names[i]`.
    ImportName(u32),
    /// `[module] -> [module, module.names[i]]`: `from … import names[i]`.
    ImportFrom(u32),
    /// `[module] -> []`: `from module import *`.
    ImportStar,
    /// `[msg?] -> (raises AssertionError)`: operand 1 when a message is on the stack.
    RaiseAssertion(u32),
    /// `[] -> [locals[a], locals[b]]`: two `LoadFast` in one (`compiler/fuse.rs`).
    LoadFastLoadFast(u32, u32),
    /// `[] -> [locals[a], consts[c]]`: `LoadFast` then `LoadConst` in one.
    LoadFastLoadConst(u32, u32),
    /// `[a, b] -> []`: jump when `a op b` is false (`Compare` then `PopJumpIfFalse` in one).
    CompareJumpIfFalse(CompareOp, u32),
    /// `[a, b] -> []`: locals[i] = `a op= b` (`InPlace` then `StoreFast` in one).
    InPlaceStoreFast(BinaryOp, u32),
    /// `[it] -> [it]` and locals[a] = next(it), or `[it] -> []` and jump to the target when it
    /// is exhausted (`ForIter` then `StoreFast` in one).
    ForIterStoreFast(u32, u32),
    /// `[a] -> []`: jump when `a op consts[c]` is false (`LoadConst` then `CompareJumpIfFalse`).
    ConstCompareJumpIfFalse(CompareOp, u32, u32),
    /// `[] -> [o, i]`: `LoadGlobal g` then `LoadMethod a` in one (`random.random()`). When the
    /// global is a module whose attribute the thread has cached, `[None, marker]` instead: the
    /// `CallMethod` reads both from the cache and calls with no reference count touched.
    LoadGlobalMethod(u32, u32),
    /// `[] -> [g.a()]`: `LoadGlobalMethod(g, a)` then `CallMethod(0)` in one (`random.random()`):
    /// a module's built-in cached is called straight from the thread's cache.
    CallGlobalMethod(u32, u32),
    /// `[] -> []`: locals[a] = `locals[a] op= consts[c]` (`n -= 1`: `LoadFastLoadConst` then
    /// `InPlaceStoreFast` on the same local, in one).
    InPlaceConstFast(BinaryOp, u32, u32),
    /// `[] -> [locals[a] op locals[b]]` (`x * x`, `n % d`: `LoadFastLoadFast` then `Binary`).
    BinaryFastFast(BinaryOp, u32, u32),
}

impl Instr {
    /// Whether a GIL switch, a Stop or the time limit may land before this instruction
    /// (CPython 3.10+'s eval-breaker checks: backward jumps and calls; function entry is
    /// checked by the VM when a frame starts).
    pub fn is_check_point(&self) -> bool {
        matches!(
            self,
            Instr::JumpBack(_)
                | Instr::Call(_)
                | Instr::CallKeywords(..)
                | Instr::CallUnpacked(_)
                | Instr::CallMethod(_)
                | Instr::CallGlobalMethod(..)
        )
    }

    /// Whether it ends with the result of a call on the stack (`__enter__`'s for a `with`): a
    /// call that blocked may then be finished by pushing the result later.
    pub fn completes_with_a_call(&self) -> bool {
        matches!(self, Instr::Call(_) | Instr::CallKeywords(..) | Instr::CallUnpacked(_) | Instr::CallMethod(_) | Instr::CallGlobalMethod(..) | Instr::SetupWith(_))
    }

    /// How many values it leaves on the stack against how many it found (for the frame's
    /// stack to be sized in advance); jumps count their fall-through path.
    pub fn stack_effect(&self) -> i32 {
        match *self {
            Instr::Nop | Instr::Rot2 | Instr::Rot3 | Instr::Jump(_) | Instr::JumpBack(_) => 0,
            Instr::Pop | Instr::StoreFast(_) | Instr::StoreDeref(_) | Instr::StoreGlobal(_) | Instr::StoreName(_) => -1,
            Instr::Dup | Instr::LoadConst(_) | Instr::LoadFast(_) | Instr::LoadDeref(_) | Instr::LoadGlobal(_) => 1,
            Instr::LoadName(_) | Instr::LoadSuper | Instr::ImportName(_) | Instr::ImportFrom(_) => 1,
            Instr::DupTwo => 2,
            Instr::DeleteFast(_) | Instr::DeleteGlobal(_) | Instr::PopBlock | Instr::SetupExcept(_) => 0,
            Instr::LoadAttr(_) | Instr::GetIter | Instr::Unary(_) | Instr::ListToTuple | Instr::PopExcept => 0,
            Instr::StoreAttr(_) => -2,
            Instr::DeleteAttr(_) | Instr::ImportStar | Instr::ExitWith | Instr::Reraise => -1,
            Instr::LoadMethod(_) => 1,
            Instr::CallMethod(n) => -(n as i32) - 1,
            Instr::Subscript | Instr::Binary(_) | Instr::InPlace(_) | Instr::Compare(_) | Instr::Is(_) | Instr::In(_) => -1,
            Instr::StoreSubscript => -3,
            Instr::DeleteSubscript => -2,
            Instr::PopJumpIfFalse(_) | Instr::PopJumpIfTrue(_) => -1,
            Instr::JumpIfFalseOrPop(_) | Instr::JumpIfTrueOrPop(_) => -1,
            Instr::ForIter(_) => 1,
            Instr::BuildTuple(n) | Instr::BuildList(n) | Instr::BuildSet(n) | Instr::BuildString(n) => 1 - n as i32,
            Instr::BuildMap(n) => 1 - 2 * n as i32,
            Instr::BuildSlice => -2,
            Instr::ListAppend(_) | Instr::ListExtend(_) | Instr::SetAdd(_) | Instr::DictUpdate(_) => -1,
            Instr::MapAdd(_) => -2,
            Instr::FormatValue(flags) => -i32::from(flags & 4 != 0),
            Instr::UnpackSequence(n) => n as i32 - 1,
            Instr::UnpackStarred(counts) => ((counts >> 16) + (counts & 0xffff)) as i32,
            Instr::Call(n) => -(n as i32),
            Instr::CallKeywords(n, _) => -(n as i32),
            Instr::CallUnpacked(has_kwargs) => -1 - has_kwargs as i32,
            Instr::MakeFunction(_, flags) => 1 - (flags & 1) as i32 - ((flags >> 1) & 1) as i32,
            Instr::BuildClass(_, bases) => -(bases as i32),
            Instr::Return => -1,
            Instr::Yield => 0,
            Instr::MatchException => 0,
            Instr::Raise(n) => -(n as i32),
            Instr::SetupWith(_) => 1,
            Instr::ExitWithException(_) => -2,
            Instr::RaiseAssertion(n) => -(n as i32),
            Instr::LoadFastLoadFast(..) | Instr::LoadFastLoadConst(..) | Instr::LoadGlobalMethod(..) => 2,
            Instr::BinaryFastFast(..) | Instr::CallGlobalMethod(..) => 1,
            Instr::CompareJumpIfFalse(..) | Instr::InPlaceStoreFast(..) => -2,
            Instr::ForIterStoreFast(..) | Instr::InPlaceConstFast(..) => 0,
            Instr::ConstCompareJumpIfFalse(..) => -1,
        }
    }
}

//! Superinstructions: a pass over a finished unit that fuses pairs of instructions the loops of
//! a tutorial run most (CPython 3.13 fuses `LOAD_FAST_LOAD_FAST` the same way), so the VM
//! dispatches once where it dispatched twice.
//!
//! - `LoadFast a; LoadFast b` becomes `LoadFastLoadFast(a, b)`;
//! - `LoadFast a; LoadConst c` becomes `LoadFastLoadConst(a, c)`;
//! - `Compare op; PopJumpIfFalse t` becomes `CompareJumpIfFalse(op, t)`;
//! - `InPlace op; StoreFast a` (`a += …`) becomes `InPlaceStoreFast(op, a)`;
//! - `ForIter t; StoreFast a` (the head of `for a in …`) becomes `ForIterStoreFast(a, t)`;
//! - `LoadConst c; CompareJumpIfFalse op t` (`… == 0`) becomes `ConstCompareJumpIfFalse(op, c, t)`;
//! - `LoadGlobal g; LoadMethod a` (`random.random(…)`) becomes `LoadGlobalMethod(g, a)`;
//! - `LoadFastLoadConst a c; InPlaceStoreFast op a` (`n -= 1`) becomes `InPlaceConstFast(op, a, c)`;
//! - `LoadFastLoadFast a b; Binary op` (`x * x`) becomes `BinaryFastFast(op, a, b)`;
//! - `LoadGlobalMethod g a; CallMethod 0` (`random.random()`) becomes `CallGlobalMethod(g, a)`.
//!
//! Pairs are fused left to right in one pass, so `Compare; PopJumpIfFalse` is fused first and
//! the `LoadConst` before it then pairs with the result.
//!
//! A pair is fused only when both halves have the same line (a traceback names the same line
//! either way) and no jump lands on its second half. None of these is a check point, and
//! neither half touches anything another thread can see between them (locals are the frame's
//! own; a comparison's result goes straight to the branch; `LoadMethod` reads nothing), so a
//! thread switch between the halves could change nothing: fusing them changes no program's
//! behaviour in any mode. `CallGlobalMethod` is a check point, as its `CallMethod` was: its
//! check comes before the global is read rather than after, and the global is read only by
//! this thread, so a thread switch there is one a program could have had either way.

use crate::bytecode::{Instr, Position};

/// A unit's instructions, and each one's line and source position (for tracebacks).
pub type Instructions = (Vec<Instr>, Vec<u32>, Vec<Position>);

/// The unit's instructions, lines and positions with the pairs fused and every jump retargeted:
/// a second pass fuses a pair whose second half the first pass made.
pub fn fuse(unit: Instructions) -> Instructions {
    fuse_pairs(fuse_pairs(unit))
}

/// One pass: each pair fused, left to right. A fused instruction keeps the position of the half
/// that can raise (the comparison of `ConstCompareJumpIfFalse`, otherwise the first).
fn fuse_pairs((instrs, lines, positions): Instructions) -> Instructions {
    let mut is_target = vec![false; instrs.len() + 1];
    for target in instrs.iter().filter_map(|instr| jump_target(*instr)) {
        is_target[target as usize] = true;
    }
    let mut fused = Vec::with_capacity(instrs.len());
    let mut fused_lines = Vec::with_capacity(lines.len());
    let mut fused_positions = Vec::with_capacity(positions.len());
    // new_index[i]: where the instruction that was at i starts now (a fused second half maps to its pair).
    let mut new_index = Vec::with_capacity(instrs.len() + 1);
    let mut at = 0;
    while at < instrs.len() {
        let pair = instrs.get(at + 1).filter(|_| !is_target[at + 1] && lines[at] == lines[at + 1]);
        let superinstruction = pair.and_then(|second| fused_pair(instrs[at], *second));
        let superinstruction = superinstruction.filter(|fused| !needs_one_start(*fused) || same_start(&positions, at));
        let superinstruction = superinstruction.filter(|fused| !matches!(fused, Instr::CallGlobalMethod(..)) || bare_call(&positions, at));
        new_index.push(fused.len() as u32);
        if superinstruction.is_some() {
            new_index.push(fused.len() as u32);
        }
        let raising_half = match superinstruction {
            Some(Instr::ConstCompareJumpIfFalse(..) | Instr::LoadGlobalMethod(..) | Instr::InPlaceConstFast(..) | Instr::BinaryFastFast(..)) => {
                at + 1
            }
            _ => at,
        };
        fused.push(superinstruction.unwrap_or(instrs[at]));
        fused_lines.push(lines[at]);
        fused_positions.push(positions.get(raising_half).copied().unwrap_or_default());
        at += if superinstruction.is_some() { 2 } else { 1 };
    }
    new_index.push(fused.len() as u32);
    let retargeted = fused
        .into_iter()
        .map(|instr| match jump_target(instr) {
            Some(target) => super::retarget(instr, new_index[target as usize]),
            None => instr,
        })
        .collect();
    (retargeted, fused_lines, fused_positions)
}

/// The superinstruction doing `first` then `second`, if there is one.
fn fused_pair(first: Instr, second: Instr) -> Option<Instr> {
    match (first, second) {
        (Instr::LoadFast(a), Instr::LoadFast(b)) => Some(Instr::LoadFastLoadFast(a, b)),
        (Instr::LoadFast(a), Instr::LoadConst(c)) => Some(Instr::LoadFastLoadConst(a, c)),
        (Instr::Compare(op), Instr::PopJumpIfFalse(target)) => Some(Instr::CompareJumpIfFalse(op, target)),
        (Instr::InPlace(op), Instr::StoreFast(slot)) => Some(Instr::InPlaceStoreFast(op, slot)),
        (Instr::ForIter(target), Instr::StoreFast(slot)) => Some(Instr::ForIterStoreFast(slot, target)),
        (Instr::LoadConst(c), Instr::CompareJumpIfFalse(op, target)) => Some(Instr::ConstCompareJumpIfFalse(op, c, target)),
        (Instr::LoadGlobal(global), Instr::LoadMethod(attr)) => Some(Instr::LoadGlobalMethod(global, attr)),
        (Instr::LoadFastLoadConst(a, c), Instr::InPlaceStoreFast(op, b)) if a == b => Some(Instr::InPlaceConstFast(op, a, c)),
        (Instr::LoadFastLoadFast(a, b), Instr::Binary(op)) => Some(Instr::BinaryFastFast(op, a, b)),
        (Instr::LoadGlobalMethod(global, attr), Instr::CallMethod(0)) => Some(Instr::CallGlobalMethod(global, attr)),
        _ => None,
    }
}

/// Whether a superinstruction keeps its second half's position and finds its first's in it
/// (`TraceEntry::of`): `LoadGlobalMethod` keeps the attribute's (`m.f`, where a missing
/// method is placed), and a NameError is placed at its first bytes, the global's name;
/// `InPlaceConstFast` keeps the statement's (`n -= x`, where a TypeError is placed), and an
/// UnboundLocalError is placed at its first bytes, the local's name; `BinaryFastFast` keeps the
/// operation's (`x * y`), and an UnboundLocalError is placed at the first local's name, where
/// `LoadFastLoadFast` placed it.
fn needs_one_start(fused: Instr) -> bool {
    matches!(fused, Instr::LoadGlobalMethod(..) | Instr::InPlaceConstFast(..) | Instr::BinaryFastFast(..))
}

/// Whether the call at `at + 1` is the attribute at `at` followed by `()` and nothing else, so
/// `CallGlobalMethod` keeps the attribute's position (where a NameError and a missing method
/// are placed) and finds the call's by adding those two bytes (`TraceEntry::of`).
fn bare_call(positions: &[Position], at: usize) -> bool {
    match (positions.get(at), positions.get(at + 1)) {
        (Some(attribute), Some(call)) => {
            attribute.stress.is_none() && *call == Position { start: attribute.start, end: attribute.end + 2, stress: None }
        }
        _ => false,
    }
}

/// Whether the instructions at `at` and after it start at the same byte (`m` of `m.f`, not `(m).f`).
fn same_start(positions: &[Position], at: usize) -> bool {
    positions.get(at).map(|p| p.start) == positions.get(at + 1).map(|p| p.start)
}

/// Where a jump (or a handler set-up) may send the VM.
fn jump_target(instr: Instr) -> Option<u32> {
    match instr {
        Instr::Jump(target)
        | Instr::JumpBack(target)
        | Instr::PopJumpIfFalse(target)
        | Instr::PopJumpIfTrue(target)
        | Instr::JumpIfFalseOrPop(target)
        | Instr::JumpIfTrueOrPop(target)
        | Instr::ForIter(target)
        | Instr::SetupExcept(target)
        | Instr::SetupWith(target)
        | Instr::ExitWithException(target)
        | Instr::CompareJumpIfFalse(_, target)
        | Instr::ForIterStoreFast(_, target)
        | Instr::ConstCompareJumpIfFalse(_, _, target) => Some(target),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::CompareOp;

    #[test]
    fn fused_pairs_keep_every_jump_on_the_instruction_it_aimed_at() {
        // while n > 0: n -= 1   (the countdown loop)
        let instrs = vec![
            Instr::LoadFast(0),
            Instr::LoadConst(0),
            Instr::Compare(CompareOp::Gt),
            Instr::PopJumpIfFalse(9),
            Instr::LoadFast(0),
            Instr::LoadConst(1),
            Instr::InPlace(crate::bytecode::BinaryOp::Sub),
            Instr::StoreFast(0),
            Instr::JumpBack(0),
            Instr::LoadFast(0),
            Instr::Return,
        ];
        let (fused, lines, _) = fuse((instrs, vec![1, 1, 1, 1, 2, 2, 2, 2, 1, 3, 3], Vec::new()));
        assert!(matches!(fused[0], Instr::LoadFastLoadConst(0, 0)));
        assert!(matches!(fused[1], Instr::CompareJumpIfFalse(CompareOp::Gt, 4)));
        assert!(matches!(fused[2], Instr::InPlaceConstFast(crate::bytecode::BinaryOp::Sub, 0, 1)));
        assert!(matches!(fused[3], Instr::JumpBack(0)));
        assert!(matches!(fused[4], Instr::LoadFast(0)));
        assert_eq!(lines, vec![1, 1, 2, 1, 3, 3]);
    }

    #[test]
    fn a_for_loop_head_stores_its_item_and_still_leaves_the_loop_where_it_did() {
        // for i in it: pass
        let instrs = vec![Instr::LoadFast(0), Instr::GetIter, Instr::ForIter(5), Instr::StoreFast(1), Instr::JumpBack(2), Instr::LoadConst(0), Instr::Return];
        let (fused, _, _) = fuse((instrs, vec![1; 7], Vec::new()));
        assert!(matches!(fused[..], [Instr::LoadFast(0), Instr::GetIter, Instr::ForIterStoreFast(1, 4), Instr::JumpBack(2), Instr::LoadConst(0), Instr::Return]));
    }

    #[test]
    fn a_comparison_with_a_constant_fuses_in_the_second_pass() {
        // if n % d == 0: return
        let instrs = vec![
            Instr::LoadFastLoadFast(0, 1),
            Instr::Binary(crate::bytecode::BinaryOp::Mod),
            Instr::LoadConst(0),
            Instr::Compare(CompareOp::Eq),
            Instr::PopJumpIfFalse(6),
            Instr::Return,
            Instr::LoadConst(1),
            Instr::Return,
        ];
        let (fused, _, _) = fuse((instrs, vec![1; 8], Vec::new()));
        assert!(matches!(fused[0], Instr::BinaryFastFast(crate::bytecode::BinaryOp::Mod, 0, 1)));
        assert!(matches!(fused[1], Instr::ConstCompareJumpIfFalse(CompareOp::Eq, 0, 3)));
        assert!(matches!(fused[3], Instr::LoadConst(1)));
        assert_eq!(std::mem::size_of::<Instr>(), 12, "a superinstruction must not make every instruction larger");
    }

    #[test]
    fn a_module_function_call_loads_its_global_and_method_at_once() {
        // random.random()
        let instrs = vec![Instr::LoadGlobal(0), Instr::LoadMethod(1), Instr::CallMethod(0), Instr::Return];
        let (fused, _, _) = fuse((instrs, vec![1; 4], Vec::new()));
        assert!(matches!(fused[..], [Instr::LoadGlobalMethod(0, 1), Instr::CallMethod(0), Instr::Return]));
    }

    #[test]
    fn a_module_function_called_with_bare_parentheses_is_one_instruction() {
        // random.random()  and  random.random( )
        let at = |start, end| Position { start, end, stress: None };
        let unit = |call_end| {
            let instrs = vec![Instr::LoadGlobal(0), Instr::LoadMethod(1), Instr::CallMethod(0), Instr::Return];
            fuse((instrs, vec![1; 4], vec![at(0, 6), at(0, 13), at(0, call_end), at(0, call_end)]))
        };
        let (fused, _, positions) = unit(15);
        assert!(matches!(fused[..], [Instr::CallGlobalMethod(0, 1), Instr::Return]));
        assert_eq!(positions[0], at(0, 13), "it keeps the attribute's position, the call's is found from it");
        let (fused, _, _) = unit(16);
        assert!(matches!(fused[..], [Instr::LoadGlobalMethod(0, 1), Instr::CallMethod(0), Instr::Return]));
    }

    #[test]
    fn a_jump_target_or_a_new_line_keeps_a_pair_apart() {
        let instrs = vec![Instr::LoadFast(0), Instr::Jump(3), Instr::LoadFast(1), Instr::LoadFast(2), Instr::LoadFast(3), Instr::Return];
        let (fused, _, _) = fuse((instrs, vec![1, 1, 1, 1, 2, 2], Vec::new()));
        assert!(matches!(fused[..], [Instr::LoadFast(0), Instr::Jump(3), Instr::LoadFast(1), Instr::LoadFast(2), Instr::LoadFast(3), Instr::Return]));
    }
}

//! Expressions: operators, calls, literals and displays, comprehensions, f-strings, lambda.

use std::sync::Arc;

use ruff_python_ast::{self as ast, Expr, InterpolatedStringElement, Number, Operator};
use ruff_text_size::Ranged;

use super::scope::key;
use super::{Compiled, Compiler};
use crate::bytecode::{BinaryOp, CompareOp, Instr, Position, UnaryOp};
use crate::objects::{int, Value};

/// The bytecode operator of an AST operator.
pub(super) fn binary_op(op: Operator) -> BinaryOp {
    match op {
        Operator::Add => BinaryOp::Add,
        Operator::Sub => BinaryOp::Sub,
        Operator::Mult => BinaryOp::Mul,
        Operator::MatMult => BinaryOp::MatMul,
        Operator::Div => BinaryOp::Div,
        Operator::Mod => BinaryOp::Mod,
        Operator::Pow => BinaryOp::Pow,
        Operator::LShift => BinaryOp::LShift,
        Operator::RShift => BinaryOp::RShift,
        Operator::BitOr => BinaryOp::Or,
        Operator::BitXor => BinaryOp::Xor,
        Operator::BitAnd => BinaryOp::And,
        Operator::FloorDiv => BinaryOp::FloorDiv,
    }
}

/// Which collection a comprehension builds.
#[derive(Clone, Copy)]
enum Collection {
    Generator,
    List,
    Set,
    Dict,
}

impl<'s> Compiler<'s> {
    /// Compiles `expr`, its own instructions at its position (its operands' at theirs).
    pub(super) fn expr(&mut self, expr: &'s Expr) -> Compiled {
        let position = self.position_of(expr);
        let outer = std::mem::replace(&mut self.unit().position, position);
        let compiled = self.expr_node(expr);
        self.unit().position = outer;
        compiled
    }

    /// Where `expr` is, with the part CPython 3.11's carets stress: a binary operation's
    /// operator (the first non-blank after the left operand, two bytes for `//`, `**`, `<<` …),
    /// a subscript's `[…]`.
    pub(super) fn position_of(&self, expr: &Expr) -> Position {
        let stress = match expr {
            Expr::BinOp(binary) => {
                let (gap_start, gap_end) = (usize::from(binary.left.end()), usize::from(binary.right.start()));
                let gap = self.source.get(gap_start..gap_end).unwrap_or("");
                gap.bytes().position(|byte| !byte.is_ascii_whitespace()).map(|at| {
                    let operator = gap_start + at;
                    let two = gap.as_bytes().get(at + 1).is_some_and(|next| !next.is_ascii_whitespace());
                    (operator as u32, (operator + 1 + usize::from(two)) as u32)
                })
            }
            Expr::Subscript(subscript) => Some((subscript.value.end().into(), u32::from(subscript.slice.end()) + 1)),
            _ => None,
        };
        Position { start: expr.start().into(), end: expr.end().into(), stress }
    }

    fn expr_node(&mut self, expr: &'s Expr) -> Compiled {
        match expr {
            Expr::Name(name) => self.load_name(&name.id),
            Expr::NumberLiteral(number) => {
                let value = match &number.value {
                    Number::Int(literal) => match literal.as_i64() {
                        Some(small) => Value::Int(small),
                        None => int::parse(&literal.to_string(), 0).ok_or_else(|| self.syntax_error(expr, "invalid number"))?,
                    },
                    Number::Float(float) => Value::Float(*float),
                    Number::Complex { .. } => return Err(self.unsupported(expr, "complex numbers")),
                };
                self.load_const(value);
            }
            Expr::StringLiteral(string) => self.load_const(Value::str(string.value.to_str())),
            Expr::BooleanLiteral(boolean) => self.load_const(Value::Bool(boolean.value)),
            Expr::NoneLiteral(_) => self.load_const(Value::None),
            Expr::EllipsisLiteral(_) => self.load_const(Value::None),
            Expr::BytesLiteral(bytes) => self.load_const(Value::bytes(bytes.value.bytes().collect())),
            Expr::FString(fstring) => self.fstring(fstring)?,
            Expr::BinOp(binary) => {
                self.expr(&binary.left)?;
                self.expr(&binary.right)?;
                self.emit(Instr::Binary(binary_op(binary.op)));
            }
            Expr::UnaryOp(unary) => {
                self.expr(&unary.operand)?;
                let op = match unary.op {
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::USub => UnaryOp::Neg,
                };
                self.emit(Instr::Unary(op));
            }
            Expr::BoolOp(boolean) => {
                let mut jumps = Vec::new();
                for (index, value) in boolean.values.iter().enumerate() {
                    self.expr(value)?;
                    if index + 1 < boolean.values.len() {
                        let jump = match boolean.op {
                            ast::BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            ast::BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        };
                        jumps.push(self.emit(jump));
                    }
                }
                jumps.into_iter().for_each(|jump| self.patch(jump));
            }
            Expr::Compare(compare) => self.compare(compare)?,
            Expr::Call(call) => self.call(call)?,
            Expr::If(if_expr) => {
                self.expr(&if_expr.test)?;
                let to_else = self.emit(Instr::PopJumpIfFalse(0));
                self.expr(&if_expr.body)?;
                let to_end = self.emit(Instr::Jump(0));
                self.patch(to_else);
                self.expr(&if_expr.orelse)?;
                self.patch(to_end);
            }
            Expr::Attribute(attribute) => {
                self.expr(&attribute.value)?;
                let name = self.name(&attribute.attr.id);
                self.emit(Instr::LoadAttr(name));
            }
            Expr::Subscript(subscript) => {
                self.expr(&subscript.value)?;
                self.expr(&subscript.slice)?;
                self.emit(Instr::Subscript);
            }
            Expr::Slice(slice) => {
                for part in [&slice.lower, &slice.upper, &slice.step] {
                    match part {
                        Some(part) => self.expr(part)?,
                        None => self.load_const(Value::None),
                    }
                }
                self.emit(Instr::BuildSlice);
            }
            Expr::Tuple(tuple) => {
                if tuple.elts.iter().any(Expr::is_starred_expr) {
                    self.starred_list(&tuple.elts)?;
                    self.emit(Instr::ListToTuple);
                } else {
                    self.exprs(&tuple.elts)?;
                    self.emit(Instr::BuildTuple(tuple.elts.len() as u32));
                }
            }
            Expr::List(list) => {
                if list.elts.iter().any(Expr::is_starred_expr) {
                    self.starred_list(&list.elts)?;
                } else {
                    self.exprs(&list.elts)?;
                    self.emit(Instr::BuildList(list.elts.len() as u32));
                }
            }
            Expr::Set(set) => {
                self.exprs(&set.elts)?;
                self.emit(Instr::BuildSet(set.elts.len() as u32));
            }
            Expr::Dict(dict) => self.dict(dict)?,
            Expr::Named(named) => {
                self.expr(&named.value)?;
                self.emit(Instr::Dup);
                self.store(&named.target)?;
            }
            Expr::Lambda(lambda) => {
                let qualified = self.qualified_name("<lambda>");
                let line = self.line_of(lambda);
                self.make_function(key(lambda), "<lambda>", &qualified, lambda.parameters.as_deref(), line, |compiler| {
                    compiler.expr(&lambda.body)?;
                    compiler.emit(Instr::Return);
                    Ok(())
                })?;
            }
            Expr::ListComp(comp) => {
                self.comprehension(key(comp), "<listcomp>", Collection::List, &comp.generators, &comp.elt, None)?
            }
            Expr::SetComp(comp) => {
                self.comprehension(key(comp), "<setcomp>", Collection::Set, &comp.generators, &comp.elt, None)?
            }
            Expr::DictComp(comp) => {
                let Some(key_expr) = &comp.key else { return Err(self.unsupported(expr, "`**` in dict comprehensions")) };
                self.comprehension(key(comp), "<dictcomp>", Collection::Dict, &comp.generators, key_expr, Some(&comp.value))?
            }
            Expr::Generator(comp) => {
                self.comprehension(key(comp), "<genexpr>", Collection::Generator, &comp.generators, &comp.elt, None)?
            }
            Expr::Starred(_) => return Err(self.syntax_error(expr, "can't use starred expression here")),
            Expr::Yield(yield_expr) => {
                if self.unit().kind != crate::bytecode::CodeKind::Function {
                    return Err(self.syntax_error(expr, "'yield' outside function"));
                }
                match &yield_expr.value {
                    Some(value) => self.expr(value)?,
                    None => self.load_const(Value::None),
                }
                self.emit(Instr::Yield);
            }
            Expr::YieldFrom(yield_from) => {
                self.expr(&yield_from.value)?;
                self.emit(Instr::GetIter);
                let head = self.here();
                let exit = self.emit(Instr::ForIter(0));
                self.emit(Instr::Yield);
                self.emit(Instr::Pop);
                self.emit(Instr::JumpBack(head));
                self.patch(exit);
                self.load_const(Value::None);
            }
            Expr::Await(_) => return Err(self.unsupported(expr, "`await`")),
            Expr::TString(_) => return Err(self.unsupported(expr, "template strings")),
            Expr::IpyEscapeCommand(_) => return Err(self.syntax_error(expr, "invalid syntax")),
        }
        Ok(())
    }

    fn exprs(&mut self, exprs: &'s [Expr]) -> Compiled {
        exprs.iter().try_for_each(|expr| self.expr(expr))
    }

    /// A list from elements some of which are `*starred`.
    fn starred_list(&mut self, elements: &'s [Expr]) -> Compiled {
        self.emit(Instr::BuildList(0));
        for element in elements {
            match element {
                Expr::Starred(starred) => {
                    self.expr(&starred.value)?;
                    self.emit(Instr::ListExtend(1));
                }
                other => {
                    self.expr(other)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        Ok(())
    }

    fn dict(&mut self, dict: &'s ast::ExprDict) -> Compiled {
        if dict.items.iter().all(|item| item.key.is_some()) {
            for item in &dict.items {
                self.expr(item.key.as_ref().expect("checked above"))?;
                self.expr(&item.value)?;
            }
            self.emit(Instr::BuildMap(dict.items.len() as u32));
            return Ok(());
        }
        self.emit(Instr::BuildMap(0));
        for item in &dict.items {
            match &item.key {
                Some(key_expr) => {
                    self.expr(key_expr)?;
                    self.expr(&item.value)?;
                    self.emit(Instr::MapAdd(1));
                }
                None => {
                    self.expr(&item.value)?;
                    self.emit(Instr::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    fn compare(&mut self, compare: &'s ast::ExprCompare) -> Compiled {
        self.expr(&compare.left)?;
        let count = compare.ops.len();
        let mut cleanups = Vec::new();
        for (index, (op, right)) in compare.ops.iter().zip(compare.comparators.iter()).enumerate() {
            self.expr(right)?;
            let last = index + 1 == count;
            if !last {
                self.emit(Instr::Dup);
                self.emit(Instr::Rot3);
            }
            self.emit(compare_instr(*op));
            if !last {
                cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0)));
            }
        }
        if !cleanups.is_empty() {
            let to_end = self.emit(Instr::Jump(0));
            cleanups.into_iter().for_each(|jump| self.patch(jump));
            self.emit(Instr::Rot2);
            self.emit(Instr::Pop);
            self.patch(to_end);
        }
        Ok(())
    }

    fn call(&mut self, call: &'s ast::ExprCall) -> Compiled {
        let arguments = &call.arguments;
        let unpacks = arguments.args.iter().any(Expr::is_starred_expr) || arguments.keywords.iter().any(|k| k.arg.is_none());
        if let Expr::Name(name) = &*call.func {
            if name.id.as_str() == "super" && arguments.args.is_empty() && arguments.keywords.is_empty() {
                self.set_line(call);
                self.emit(Instr::LoadSuper);
                return Ok(());
            }
        }
        if let (Expr::Attribute(attribute), false) = (&*call.func, unpacks) {
            if arguments.keywords.is_empty() {
                self.expr(&attribute.value)?;
                let name = self.name(&attribute.attr.id);
                // A missing method is the attribute's error, not the call's.
                let attribute_position = self.position_of(&call.func);
                let call_position = std::mem::replace(&mut self.unit().position, attribute_position);
                self.emit(Instr::LoadMethod(name));
                self.unit().position = call_position;
                self.exprs(&arguments.args)?;
                self.set_line(call);
                self.emit(Instr::CallMethod(arguments.args.len() as u32));
                return Ok(());
            }
        }
        self.expr(&call.func)?;
        if unpacks {
            self.starred_list(&arguments.args)?;
            self.emit(Instr::ListToTuple);
            let has_keywords = !arguments.keywords.is_empty();
            if has_keywords {
                self.emit(Instr::BuildMap(0));
                for keyword in &arguments.keywords {
                    match &keyword.arg {
                        Some(name) => {
                            self.load_const(Value::str(name));
                            self.expr(&keyword.value)?;
                            self.emit(Instr::MapAdd(1));
                        }
                        None => {
                            self.expr(&keyword.value)?;
                            self.emit(Instr::DictUpdate(1));
                        }
                    }
                }
            }
            self.set_line(call);
            self.emit(Instr::CallUnpacked(u32::from(has_keywords)));
            return Ok(());
        }
        self.exprs(&arguments.args)?;
        if arguments.keywords.is_empty() {
            self.set_line(call);
            self.emit(Instr::Call(arguments.args.len() as u32));
            return Ok(());
        }
        let mut names = Vec::new();
        for keyword in &arguments.keywords {
            let name = keyword.arg.as_ref().expect("no ** here");
            names.push(Value::str(name));
            self.expr(&keyword.value)?;
        }
        let count = (arguments.args.len() + names.len()) as u32;
        let names = self.constant(Value::tuple(names));
        self.set_line(call);
        self.emit(Instr::CallKeywords(count, names));
        Ok(())
    }

    fn comprehension(
        &mut self,
        scope_key: usize,
        name: &str,
        collection: Collection,
        generators: &'s [ast::Comprehension],
        element: &'s Expr,
        value: Option<&'s Expr>,
    ) -> Compiled {
        let qualified = self.qualified_name(name);
        let line = self.unit().line;
        let parameters = crate::bytecode::Parameters { names: vec![Arc::from(".0")], positional: 1, ..Default::default() };
        let parent_cells = self.cell_names();
        self.push_unit(scope_key, name, &qualified, crate::bytecode::CodeKind::Function, parameters, line);
        match collection {
            Collection::Generator => None,
            Collection::List => Some(self.emit(Instr::BuildList(0))),
            Collection::Set => Some(self.emit(Instr::BuildSet(0))),
            Collection::Dict => Some(self.emit(Instr::BuildMap(0))),
        };
        let mut loops = Vec::new();
        for (index, generator) in generators.iter().enumerate() {
            if generator.is_async {
                return Err(self.unsupported(generator, "`async for`"));
            }
            if index == 0 {
                self.emit(Instr::LoadFast(0));
            } else {
                self.expr(&generator.iter)?;
                self.emit(Instr::GetIter);
            }
            let head = self.here();
            let exit = self.emit(Instr::ForIter(0));
            self.store(&generator.target)?;
            for condition in &generator.ifs {
                self.expr(condition)?;
                self.emit(Instr::PopJumpIfFalse(head));
            }
            loops.push((head, exit));
        }
        let depth = generators.len() as u32 + 1;
        self.expr(element)?;
        match (collection, value) {
            (Collection::Generator, _) => {
                self.emit(Instr::Yield);
                self.emit(Instr::Pop);
            }
            (Collection::Dict, Some(value)) => {
                self.expr(value)?;
                self.emit(Instr::MapAdd(depth));
            }
            (Collection::Set, _) => {
                self.emit(Instr::SetAdd(depth));
            }
            _ => {
                self.emit(Instr::ListAppend(depth));
            }
        }
        for (head, exit) in loops.into_iter().rev() {
            self.emit(Instr::JumpBack(head));
            self.patch(exit);
        }
        if let Collection::Generator = collection {
            self.load_const(Value::None);
        }
        self.emit(Instr::Return);
        let code = self.pop_unit(&parent_cells);
        let index = self.constant(Value::Code(code));
        self.emit(Instr::MakeFunction(index, 0));
        self.expr(&generators[0].iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(1));
        Ok(())
    }

    fn fstring(&mut self, fstring: &'s ast::ExprFString) -> Compiled {
        let mut parts = 0;
        for part in fstring.value.iter() {
            match part {
                ast::FStringPart::Literal(literal) => {
                    self.load_const(Value::str(&literal.value));
                    parts += 1;
                }
                ast::FStringPart::FString(inner) => parts += self.fstring_elements(&inner.elements)?,
            }
        }
        if parts != 1 {
            self.emit(Instr::BuildString(parts));
        }
        Ok(())
    }

    fn fstring_elements(&mut self, elements: &'s [InterpolatedStringElement]) -> Result<u32, super::CompileError> {
        let mut parts = 0;
        for element in elements {
            match element {
                InterpolatedStringElement::Literal(literal) => {
                    self.load_const(Value::str(&literal.value));
                    parts += 1;
                }
                InterpolatedStringElement::Interpolation(field) => {
                    let mut conversion = match field.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(debug) = &field.debug_text {
                        self.load_const(Value::str(debug.as_str()));
                        parts += 1;
                        if conversion == 0 && field.format_spec.is_none() {
                            conversion = 2;
                        }
                    }
                    self.expr(&field.expression)?;
                    if let Some(spec) = &field.format_spec {
                        let count = self.fstring_elements(&spec.elements)?;
                        if count != 1 {
                            self.emit(Instr::BuildString(count));
                        }
                        conversion |= 4;
                    }
                    self.emit(Instr::FormatValue(conversion));
                    parts += 1;
                }
            }
        }
        Ok(parts)
    }
}

fn compare_instr(op: ast::CmpOp) -> Instr {
    match op {
        ast::CmpOp::Eq => Instr::Compare(CompareOp::Eq),
        ast::CmpOp::NotEq => Instr::Compare(CompareOp::Ne),
        ast::CmpOp::Lt => Instr::Compare(CompareOp::Lt),
        ast::CmpOp::LtE => Instr::Compare(CompareOp::Le),
        ast::CmpOp::Gt => Instr::Compare(CompareOp::Gt),
        ast::CmpOp::GtE => Instr::Compare(CompareOp::Ge),
        ast::CmpOp::Is => Instr::Is(false),
        ast::CmpOp::IsNot => Instr::Is(true),
        ast::CmpOp::In => Instr::In(false),
        ast::CmpOp::NotIn => Instr::In(true),
    }
}

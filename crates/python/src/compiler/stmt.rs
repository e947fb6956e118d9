//! Statements: assignments, control flow, `try`, `with`, `def`, `class`, imports.

use ruff_python_ast::{self as ast, Expr, Stmt};

use super::scope::key;
use super::{parameters_of, Block, Compiled, Compiler};
use crate::bytecode::{CodeKind, Instr};
use crate::objects::Value;

impl<'s> Compiler<'s> {
    pub(super) fn body(&mut self, body: &'s [Stmt]) -> Compiled {
        body.iter().try_for_each(|stmt| self.stmt(stmt))
    }

    fn stmt(&mut self, stmt: &'s Stmt) -> Compiled {
        self.set_line(stmt);
        match stmt {
            Stmt::Expr(expr) => {
                self.expr(&expr.value)?;
                self.emit(Instr::Pop);
            }
            Stmt::Assign(assign) => {
                self.expr(&assign.value)?;
                for (index, target) in assign.targets.iter().enumerate() {
                    if index + 1 < assign.targets.len() {
                        self.emit(Instr::Dup);
                    }
                    self.store(target)?;
                }
            }
            Stmt::AugAssign(assign) => self.augmented_assign(assign)?,
            Stmt::AnnAssign(assign) => {
                if let Some(value) = &assign.value {
                    self.expr(value)?;
                    self.store(&assign.target)?;
                }
            }
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    self.delete(target)?;
                }
            }
            Stmt::Pass(_) | Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::If(if_stmt) => self.if_stmt(if_stmt)?,
            Stmt::While(while_stmt) => self.while_stmt(while_stmt)?,
            Stmt::For(for_stmt) => self.for_stmt(for_stmt)?,
            Stmt::Break(_) => self.break_or_continue(stmt, true)?,
            Stmt::Continue(_) => self.break_or_continue(stmt, false)?,
            Stmt::Return(ret) => self.return_stmt(ret)?,
            Stmt::FunctionDef(def) => self.function_def(def)?,
            Stmt::ClassDef(class) => self.class_def(class)?,
            Stmt::Raise(raise) => {
                let mut count = 0;
                if let Some(exception) = &raise.exc {
                    self.expr(exception)?;
                    count += 1;
                }
                if let Some(cause) = &raise.cause {
                    self.expr(cause)?;
                    count += 1;
                }
                self.emit(Instr::Raise(count));
            }
            Stmt::Try(try_stmt) => self.try_stmt(try_stmt)?,
            Stmt::With(with) => {
                if with.is_async {
                    return Err(self.unsupported(stmt, "`async with`"));
                }
                self.with_items(&with.items, &with.body)?
            }
            Stmt::Assert(assert) => {
                self.expr(&assert.test)?;
                let jump = self.emit(Instr::PopJumpIfTrue(0));
                let count = match &assert.msg {
                    Some(message) => {
                        self.expr(message)?;
                        1
                    }
                    None => 0,
                };
                // CPython 3.11 points a failed assert at its test.
                self.unit().position = self.position_of(&assert.test);
                self.emit(Instr::RaiseAssertion(count));
                self.patch(jump);
            }
            Stmt::Import(import) => self.import(import),
            Stmt::ImportFrom(import) => self.import_from(import)?,
            Stmt::Match(_) => return Err(self.unsupported(stmt, "`match` statement")),
            Stmt::TypeAlias(_) => return Err(self.unsupported(stmt, "`type` statement")),
            Stmt::IpyEscapeCommand(_) => return Err(self.syntax_error(stmt, "invalid syntax")),
        }
        Ok(())
    }

    /// Stores the value on top of the stack into a target.
    pub(super) fn store(&mut self, target: &'s Expr) -> Compiled {
        match target {
            Expr::Name(name) => self.store_name(&name.id),
            Expr::Attribute(attribute) => {
                self.expr(&attribute.value)?;
                let name = self.name(&attribute.attr.id);
                self.at_target(target, |compiler| compiler.emit(Instr::StoreAttr(name)));
            }
            Expr::Subscript(subscript) => {
                self.expr(&subscript.value)?;
                self.expr(&subscript.slice)?;
                self.at_target(target, |compiler| compiler.emit(Instr::StoreSubscript));
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                self.unpack(target, elts)?
            }
            _ => return Err(self.syntax_error(target, "cannot assign to expression")),
        }
        Ok(())
    }

    fn unpack(&mut self, target: &'s Expr, elements: &'s [Expr]) -> Compiled {
        let starred = elements.iter().position(|element| element.is_starred_expr());
        match starred {
            None => {
                self.at_target(target, |compiler| compiler.emit(Instr::UnpackSequence(elements.len() as u32)));
            }
            Some(star) => {
                if elements.iter().filter(|element| element.is_starred_expr()).count() > 1 {
                    return Err(self.syntax_error(target, "multiple starred expressions in assignment"));
                }
                let after = (elements.len() - star - 1) as u32;
                self.at_target(target, |compiler| compiler.emit(Instr::UnpackStarred(((star as u32) << 16) | after)));
            }
        }
        for element in elements {
            match element {
                Expr::Starred(starred) => self.store(&starred.value)?,
                other => self.store(other)?,
            }
        }
        Ok(())
    }

    fn delete(&mut self, target: &'s Expr) -> Compiled {
        match target {
            Expr::Name(name) => self.delete_name(&name.id),
            Expr::Attribute(attribute) => {
                self.expr(&attribute.value)?;
                let name = self.name(&attribute.attr.id);
                self.at_target(target, |compiler| compiler.emit(Instr::DeleteAttr(name)));
            }
            Expr::Subscript(subscript) => {
                self.expr(&subscript.value)?;
                self.expr(&subscript.slice)?;
                self.at_target(target, |compiler| compiler.emit(Instr::DeleteSubscript));
            }
            Expr::Tuple(tuple) => tuple.elts.iter().try_for_each(|element| self.delete(element))?,
            _ => return Err(self.syntax_error(target, "cannot delete expression")),
        }
        Ok(())
    }

    /// Emits what `emit` does at `target`'s position, where CPython 3.11 points when storing to
    /// it, deleting it or reading it for an augmented assignment fails (`counter += 1` at
    /// `counter`, `items[5] = 3` at `items[5]`).
    fn at_target<T>(&mut self, target: &Expr, emit: impl FnOnce(&mut Self) -> T) {
        let position = self.position_of(target);
        let statement = std::mem::replace(&mut self.unit().position, position);
        emit(self);
        self.unit().position = statement;
    }

    fn augmented_assign(&mut self, assign: &'s ast::StmtAugAssign) -> Compiled {
        let op = super::expr::binary_op(assign.op);
        match &*assign.target {
            Expr::Name(name) => {
                self.at_target(&assign.target, |compiler| compiler.load_name(&name.id));
                self.expr(&assign.value)?;
                self.emit(Instr::InPlace(op));
                self.store_name(&name.id);
            }
            Expr::Attribute(attribute) => {
                self.expr(&attribute.value)?;
                self.emit(Instr::Dup);
                let name = self.name(&attribute.attr.id);
                self.at_target(&assign.target, |compiler| compiler.emit(Instr::LoadAttr(name)));
                self.expr(&assign.value)?;
                self.emit(Instr::InPlace(op));
                self.emit(Instr::Rot2);
                self.emit(Instr::StoreAttr(name));
            }
            Expr::Subscript(subscript) => {
                self.expr(&subscript.value)?;
                self.expr(&subscript.slice)?;
                self.emit(Instr::DupTwo);
                self.at_target(&assign.target, |compiler| compiler.emit(Instr::Subscript));
                self.expr(&assign.value)?;
                self.emit(Instr::InPlace(op));
                self.emit(Instr::Rot3);
                self.emit(Instr::StoreSubscript);
            }
            other => return Err(self.syntax_error(other, "illegal expression for augmented assignment")),
        }
        Ok(())
    }

    fn if_stmt(&mut self, if_stmt: &'s ast::StmtIf) -> Compiled {
        self.expr(&if_stmt.test)?;
        let mut to_next = self.emit(Instr::PopJumpIfFalse(0));
        self.body(&if_stmt.body)?;
        let mut to_end = Vec::new();
        for clause in &if_stmt.elif_else_clauses {
            to_end.push(self.emit(Instr::Jump(0)));
            self.patch(to_next);
            self.set_line(clause);
            match &clause.test {
                Some(test) => {
                    self.expr(test)?;
                    to_next = self.emit(Instr::PopJumpIfFalse(0));
                    self.body(&clause.body)?;
                }
                None => {
                    to_next = usize::MAX;
                    self.body(&clause.body)?;
                }
            }
        }
        if to_next != usize::MAX {
            self.patch(to_next);
        }
        to_end.into_iter().for_each(|jump| self.patch(jump));
        Ok(())
    }

    fn while_stmt(&mut self, while_stmt: &'s ast::StmtWhile) -> Compiled {
        let head = self.here();
        self.expr(&while_stmt.test)?;
        let exit = self.emit(Instr::PopJumpIfFalse(0));
        self.unit().blocks.push(Block::Loop { head, breaks: Vec::new(), is_for: false });
        self.body(&while_stmt.body)?;
        self.set_line(&*while_stmt.test);
        self.emit(Instr::JumpBack(head));
        let Some(Block::Loop { breaks, .. }) = self.unit().blocks.pop() else { unreachable!("the loop block is on top") };
        self.patch(exit);
        self.body(&while_stmt.orelse)?;
        breaks.into_iter().for_each(|jump| self.patch(jump));
        Ok(())
    }

    fn for_stmt(&mut self, for_stmt: &'s ast::StmtFor) -> Compiled {
        if for_stmt.is_async {
            return Err(self.unsupported(for_stmt, "`async for`"));
        }
        self.expr(&for_stmt.iter)?;
        self.emit(Instr::GetIter);
        let head = self.here();
        let exit = self.emit(Instr::ForIter(0));
        self.store(&for_stmt.target)?;
        self.unit().blocks.push(Block::Loop { head, breaks: Vec::new(), is_for: true });
        self.body(&for_stmt.body)?;
        self.set_line(&*for_stmt.iter);
        self.emit(Instr::JumpBack(head));
        let Some(Block::Loop { breaks, .. }) = self.unit().blocks.pop() else { unreachable!("the loop block is on top") };
        self.patch(exit);
        self.body(&for_stmt.orelse)?;
        breaks.into_iter().for_each(|jump| self.patch(jump));
        Ok(())
    }

    fn break_or_continue(&mut self, stmt: &'s Stmt, is_break: bool) -> Compiled {
        let Some(loop_index) = self.unit().blocks.iter().rposition(|block| matches!(block, Block::Loop { .. })) else {
            let message = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
            return Err(self.syntax_error(stmt, message));
        };
        self.unwind_blocks(loop_index + 1, false)?;
        let Block::Loop { head, is_for, .. } = self.unit().blocks[loop_index] else { unreachable!("found as a loop") };
        if is_break {
            if is_for {
                self.emit(Instr::Pop);
            }
            let jump = self.emit(Instr::Jump(0));
            if let Block::Loop { breaks, .. } = &mut self.unit().blocks[loop_index] {
                breaks.push(jump);
            }
        } else {
            self.emit(Instr::JumpBack(head));
        }
        Ok(())
    }

    /// Undoes the blocks above `depth`, innermost first; `value_on_top` when a return value
    /// sits above what the blocks left on the stack.
    fn unwind_blocks(&mut self, depth: usize, value_on_top: bool) -> Compiled {
        let mut index = self.unit().blocks.len();
        while index > depth {
            index -= 1;
            let outer = self.unit().blocks.split_off(index);
            match &outer[0] {
                Block::Loop { .. } => {}
                Block::Try => {
                    self.emit(Instr::PopBlock);
                }
                Block::Finally(body) => {
                    self.emit(Instr::PopBlock);
                    self.body(body)?;
                }
                Block::Handler => {
                    self.emit(Instr::PopExcept);
                }
                Block::With => {
                    self.emit(Instr::PopBlock);
                    if value_on_top {
                        self.emit(Instr::Rot2);
                    }
                    self.emit(Instr::ExitWith);
                }
            }
            self.unit().blocks.extend(outer);
        }
        Ok(())
    }

    fn return_stmt(&mut self, ret: &'s ast::StmtReturn) -> Compiled {
        if self.unit().kind != CodeKind::Function {
            return Err(self.syntax_error(ret, "'return' outside function"));
        }
        match &ret.value {
            Some(value) => self.expr(value)?,
            None => self.load_const(Value::None),
        }
        self.unwind_blocks(0, true)?;
        self.emit(Instr::Return);
        Ok(())
    }

    fn try_stmt(&mut self, try_stmt: &'s ast::StmtTry) -> Compiled {
        if try_stmt.is_star {
            return Err(self.unsupported(try_stmt, "`except*`"));
        }
        if try_stmt.finalbody.is_empty() {
            return self.try_except(try_stmt);
        }
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit().blocks.push(Block::Finally(&try_stmt.finalbody));
        if try_stmt.handlers.is_empty() {
            self.body(&try_stmt.body)?;
            self.body(&try_stmt.orelse)?;
        } else {
            self.try_except(try_stmt)?;
        }
        self.unit().blocks.pop();
        self.emit(Instr::PopBlock);
        self.body(&try_stmt.finalbody)?;
        let to_end = self.emit(Instr::Jump(0));
        self.patch(setup);
        self.unit().blocks.push(Block::Handler);
        self.body(&try_stmt.finalbody)?;
        self.unit().blocks.pop();
        self.emit(Instr::Reraise);
        self.patch(to_end);
        Ok(())
    }

    fn try_except(&mut self, try_stmt: &'s ast::StmtTry) -> Compiled {
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit().blocks.push(Block::Try);
        self.body(&try_stmt.body)?;
        self.unit().blocks.pop();
        self.emit(Instr::PopBlock);
        self.body(&try_stmt.orelse)?;
        let mut to_end = vec![self.emit(Instr::Jump(0))];
        self.patch(setup);
        for handler in &try_stmt.handlers {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            self.set_line(handler);
            let to_next = match &handler.type_ {
                Some(class) => {
                    self.expr(class)?;
                    self.emit(Instr::MatchException);
                    Some(self.emit(Instr::PopJumpIfFalse(0)))
                }
                None => None,
            };
            match &handler.name {
                Some(name) => self.store_name(&name.id),
                None => {
                    self.emit(Instr::Pop);
                }
            }
            self.unit().blocks.push(Block::Handler);
            self.body(&handler.body)?;
            self.unit().blocks.pop();
            self.emit(Instr::PopExcept);
            to_end.push(self.emit(Instr::Jump(0)));
            if let Some(jump) = to_next {
                self.patch(jump);
            }
        }
        self.emit(Instr::Reraise);
        to_end.into_iter().for_each(|jump| self.patch(jump));
        Ok(())
    }

    fn with_items(&mut self, items: &'s [ast::WithItem], body: &'s [Stmt]) -> Compiled {
        let Some((item, rest)) = items.split_first() else { return self.body(body) };
        self.expr(&item.context_expr)?;
        let setup = self.emit(Instr::SetupWith(0));
        match &item.optional_vars {
            Some(target) => self.store(target)?,
            None => {
                self.emit(Instr::Pop);
            }
        }
        self.unit().blocks.push(Block::With);
        self.with_items(rest, body)?;
        self.unit().blocks.pop();
        self.emit(Instr::PopBlock);
        self.emit(Instr::ExitWith);
        let to_end = self.emit(Instr::Jump(0));
        self.patch(setup);
        let handler = self.emit(Instr::ExitWithException(0));
        self.patch(to_end);
        self.patch(handler);
        Ok(())
    }

    fn function_def(&mut self, def: &'s ast::StmtFunctionDef) -> Compiled {
        if def.is_async {
            return Err(self.unsupported(def, "`async def`"));
        }
        for decorator in &def.decorator_list {
            self.expr(&decorator.expression)?;
        }
        let qualified = self.qualified_name(&def.name.id);
        let line = self.line_of(def);
        self.make_function(key(def), &def.name.id, &qualified, Some(&def.parameters), line, |compiler| {
            compiler.body(&def.body)?;
            compiler.emit_return_none();
            Ok(())
        })?;
        for _ in &def.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.store_name(&def.name.id);
        Ok(())
    }

    /// `Outer.name` inside a class body, `outer.<locals>.name` inside a function.
    pub(super) fn qualified_name(&self, name: &str) -> String {
        let unit = self.units.last().expect("a unit is open");
        match unit.kind {
            CodeKind::Module => name.to_string(),
            CodeKind::Class => format!("{}.{name}", unit.qualified_name),
            CodeKind::Function => format!("{}.<locals>.{name}", unit.qualified_name),
        }
    }

    /// Emits the defaults, the body in a new unit, and `MakeFunction`.
    pub(super) fn make_function(
        &mut self,
        scope_key: usize,
        name: &str,
        qualified: &str,
        parameters: Option<&'s ast::Parameters>,
        line: u32,
        body: impl FnOnce(&mut Self) -> Compiled,
    ) -> Compiled {
        let mut flags = 0;
        if let Some(parameters) = parameters {
            let positional_defaults: Vec<&Expr> =
                parameters.posonlyargs.iter().chain(&parameters.args).filter_map(|p| p.default.as_deref()).collect();
            if !positional_defaults.is_empty() {
                for default in &positional_defaults {
                    self.expr(default)?;
                }
                self.emit(Instr::BuildTuple(positional_defaults.len() as u32));
                flags |= 1;
            }
            let keyword_defaults: Vec<(&str, &Expr)> = parameters
                .kwonlyargs
                .iter()
                .filter_map(|p| p.default.as_deref().map(|default| (p.parameter.name.id.as_str(), default)))
                .collect();
            if !keyword_defaults.is_empty() {
                for (name, default) in &keyword_defaults {
                    self.load_const(Value::str(name));
                    self.expr(default)?;
                }
                self.emit(Instr::BuildMap(keyword_defaults.len() as u32));
                flags |= 2;
            }
        }
        let parent_cells = self.cell_names();
        self.push_unit(scope_key, name, qualified, CodeKind::Function, parameters_of(parameters), line);
        body(self)?;
        let code = self.pop_unit(&parent_cells);
        let index = self.constant(Value::Code(code));
        self.emit(Instr::MakeFunction(index, flags));
        Ok(())
    }

    fn class_def(&mut self, class: &'s ast::StmtClassDef) -> Compiled {
        for decorator in &class.decorator_list {
            self.expr(&decorator.expression)?;
        }
        let qualified = self.qualified_name(&class.name.id);
        let parent_cells = self.cell_names();
        let line = self.line_of(class);
        self.push_unit(key(class), &class.name.id, &qualified, CodeKind::Class, Default::default(), line);
        self.body(&class.body)?;
        self.emit_return_none();
        let code = self.pop_unit(&parent_cells);
        let index = self.constant(Value::Code(code));
        self.emit(Instr::MakeFunction(index, 0));
        let bases = class.bases();
        if !class.keywords().is_empty() {
            return Err(self.unsupported(class, "class keywords (metaclasses)"));
        }
        for base in bases {
            self.expr(base)?;
        }
        let name = self.constant(Value::str(&class.name.id));
        self.emit(Instr::BuildClass(name, bases.len() as u32));
        for _ in &class.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.store_name(&class.name.id);
        Ok(())
    }

    fn import(&mut self, import: &'s ast::StmtImport) {
        for alias in &import.names {
            let full = alias.name.id.as_str();
            let module = self.name(full);
            self.emit(Instr::ImportName(module));
            match &alias.asname {
                Some(asname) => self.store_name(&asname.id),
                None => {
                    let top = full.split('.').next().unwrap_or(full);
                    if top != full {
                        self.emit(Instr::Pop);
                        let top_index = self.name(top);
                        self.emit(Instr::ImportName(top_index));
                    }
                    self.store_name(top);
                }
            }
        }
    }

    fn import_from(&mut self, import: &'s ast::StmtImportFrom) -> Compiled {
        let Some(module) = &import.module else { return Err(self.unsupported(import, "relative imports")) };
        if import.level > 0 {
            return Err(self.unsupported(import, "relative imports"));
        }
        let module = self.name(&module.id);
        self.emit(Instr::ImportName(module));
        for alias in &import.names {
            if alias.name.id.as_str() == "*" {
                self.emit(Instr::ImportStar);
                return Ok(());
            }
            let name = self.name(&alias.name.id);
            self.emit(Instr::ImportFrom(name));
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            self.store_name(&bound.id);
        }
        self.emit(Instr::Pop);
        Ok(())
    }
}

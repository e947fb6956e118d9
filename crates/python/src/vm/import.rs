//! `import`: only the built-in modules (`modules/`), each made once per program.

use super::Thread;
use crate::objects::{lock, PyErr, PyResult, Value};

impl Thread {
    /// `import name`: the module, made on first import.
    pub fn import(&mut self, name: &str) -> PyResult {
        if let Some(module) = lock(&self.interp.modules).get(name) {
            return Ok(module.clone());
        }
        let Some(module) = crate::modules::load(self, name) else {
            return Err(PyErr::new("ModuleNotFoundError", format!("the playground's Python has no module `{name}`")));
        };
        let module = module?;
        lock(&self.interp.modules).insert(name.to_string(), module.clone());
        Ok(module)
    }

    /// `from module import name`.
    pub fn import_from(&mut self, module: &Value, name: &str) -> PyResult {
        let Value::Module(module_object) = module else { return Err(PyErr::new("ImportError", "not a module")) };
        if let Some(value) = lock(&module_object.dict).get(name) {
            return Ok(value.clone());
        }
        let submodule = format!("{}.{name}", module_object.name);
        if let Ok(value) = self.import(&submodule) {
            return Ok(value);
        }
        Err(PyErr::new(
            "ImportError",
            format!("cannot import name '{name}' from '{}' (the playground's Python has no such name)", module_object.name),
        ))
    }
}

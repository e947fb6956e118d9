//! The engine's modules use each other without cycles (issue 12 §6): the `use crate::…` graph of
//! its top-level modules (a folder is one module), read from the source, names re-exported by
//! `lib.rs` traced to the module that defines them. Test-only code (`#[cfg(test)] mod …`) is
//! left out: a module's tests may drive a whole run. Run with `-- --nocapture` to see the graph.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn the_engine_modules_use_each_other_without_cycles() {
    let graph = engine_module_graph();
    for (module, uses) in &graph {
        println!("{module} -> {}", uses.iter().cloned().collect::<Vec<_>>().join(", "));
    }
    let cycles = cycles(&graph);
    assert!(cycles.is_empty(), "modules that use each other: {cycles:?}");
}

#[test]
fn a_cycle_between_two_modules_is_found() {
    let graph: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")]
        .into_iter()
        .fold(Graph::new(), |mut graph, (from, to)| {
            graph.entry(from.to_owned()).or_default().insert(to.to_owned());
            graph
        });
    assert_eq!(cycles(&graph), vec![vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]]);
}

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every top-level module and the top-level modules its non-test code uses.
fn engine_module_graph() -> Graph {
    let lib = fs::read_to_string(source_root().join("lib.rs")).expect("lib.rs");
    let modules = declared_modules(&lib);
    let owners = reexport_owners(&lib, &modules);
    let mut graph = Graph::new();
    for module in &modules {
        let mut uses = BTreeSet::new();
        for text in module_sources(module) {
            for first in crate_path_heads(&without_test_modules(&text)) {
                let used = if modules.contains(&first) { Some(first) } else { owners.get(&first).cloned() };
                uses.extend(used.filter(|used| used != module));
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// The modules `lib.rs` declares (`mod name;`).
fn declared_modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|line| line.trim().strip_prefix("mod ").or_else(|| line.trim().strip_prefix("pub mod ")))
        .map(|rest| rest.trim_end_matches(';').trim().to_owned())
        .collect()
}

/// For every name `lib.rs` re-exports (`pub use module::{…}`), the module it comes from.
fn reexport_owners(lib: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut owners = BTreeMap::new();
    for statement in lib.split(';').map(str::trim).filter(|statement| statement.starts_with("pub use ")) {
        let path = statement.trim_start_matches("pub use ").trim();
        let Some((module, names)) = path.split_once("::") else { continue };
        if !modules.contains(module) {
            continue;
        }
        for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = name.rsplit("::").next().unwrap_or(name).trim();
            if !name.is_empty() {
                owners.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    owners
}

/// The text of a module's files: `name.rs`, and every file under `name/` that is not test-only.
fn module_sources(module: &str) -> Vec<String> {
    let root = source_root();
    let mut files = vec![root.join(format!("{module}.rs"))];
    collect_rust_files(&root.join(module), &mut files);
    let texts: Vec<(PathBuf, String)> =
        files.into_iter().filter_map(|file| fs::read_to_string(&file).ok().map(|text| (file, text))).collect();
    let test_only: BTreeSet<String> = texts.iter().flat_map(|(_, text)| test_module_files(text)).collect();
    texts
        .into_iter()
        .filter(|(file, _)| !test_only.contains(file.file_stem().and_then(|stem| stem.to_str()).unwrap_or("")))
        .map(|(_, text)| text)
        .collect()
}

fn collect_rust_files(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}

/// The names of the files declared as `#[cfg(test)] mod name;`.
fn test_module_files(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines
        .windows(2)
        .filter(|pair| pair[0] == "#[cfg(test)]")
        .filter_map(|pair| pair[1].trim_start_matches("pub(crate) ").strip_prefix("mod ")?.strip_suffix(';'))
        .map(str::to_owned)
        .collect()
}

/// The text without its `#[cfg(test)] mod name { … }` blocks.
fn without_test_modules(text: &str) -> String {
    let mut kept = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("#[cfg(test)]") {
        kept.push_str(&rest[..start]);
        let after = &rest[start..];
        let item = after.lines().nth(1).unwrap_or("").trim();
        let is_inline_module = item.starts_with("mod ") && item.ends_with('{');
        rest = if is_inline_module { after_matching_brace(after) } else { &after["#[cfg(test)]".len()..] };
    }
    kept.push_str(rest);
    kept
}

/// What follows the brace that closes the first `{` of `text`.
fn after_matching_brace(text: &str) -> &str {
    let mut depth = 0;
    for (index, character) in text.char_indices() {
        match character {
            '{' => depth += 1,
            '}' if depth == 1 => return &text[index + 1..],
            '}' => depth -= 1,
            _ => {}
        }
    }
    ""
}

/// The first segment of every `crate::…` path, in `use` lists (`crate::{a::B, C}` gives `a`
/// and `C`) and inline; comments are skipped.
fn crate_path_heads(text: &str) -> Vec<String> {
    let code: String = text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    code.match_indices("crate::")
        .filter(|(index, _)| !code[..*index].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .flat_map(|(index, _)| {
            let path = &code[index + "crate::".len()..];
            match path.strip_prefix('{') {
                Some(list) => top_level_items(list).into_iter().map(|item| identifier(item).to_owned()).collect(),
                None => vec![identifier(path).to_owned()],
            }
        })
        .filter(|head| !head.is_empty())
        .collect()
}

/// The items of a `{…}` list up to its closing brace, split at commas outside nested braces.
fn top_level_items(list: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (index, character) in list.char_indices() {
        match character {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&list[start..index]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&list[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    items
}

fn identifier(text: &str) -> &str {
    let text = text.trim_start();
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

/// Every cycle, each as the sorted modules of one strongly connected component (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Search<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        lowest: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        components: Vec<Vec<String>>,
    }
    impl<'a> Search<'a> {
        fn visit(&mut self, module: &'a str) {
            let number = self.index.len();
            self.index.insert(module, number);
            self.lowest.insert(module, number);
            self.stack.push(module);
            for used in self.graph.get(module).into_iter().flatten() {
                if !self.index.contains_key(used.as_str()) {
                    self.visit(used);
                    let lowest = self.lowest[module].min(self.lowest[used.as_str()]);
                    self.lowest.insert(module, lowest);
                } else if self.stack.contains(&used.as_str()) {
                    let lowest = self.lowest[module].min(self.index[used.as_str()]);
                    self.lowest.insert(module, lowest);
                }
            }
            if self.lowest[module] == self.index[module] {
                let at = self.stack.iter().rposition(|&on_stack| on_stack == module).unwrap_or(0);
                let mut component: Vec<String> = self.stack.drain(at..).map(str::to_owned).collect();
                if component.len() > 1 {
                    component.sort();
                    self.components.push(component);
                }
            }
        }
    }
    let mut search = Search { graph, index: BTreeMap::new(), lowest: BTreeMap::new(), stack: Vec::new(), components: Vec::new() };
    for module in graph.keys() {
        if !search.index.contains_key(module.as_str()) {
            search.visit(module);
        }
    }
    search.components
}

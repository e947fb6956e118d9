//! The playground's stand-in for `unicode_names2`, the table of Unicode character names.
//!
//! ruff's parser needs the table only for `\N{…}` escapes in string literals, and it is about
//! 400 KB of the page's gzipped WebAssembly (see README.md, "Python programs"): more than the
//! rest of the interpreter. The workspace patches crates.io's crate with this one, so no name is
//! known and the parser reports every `\N{…}` as a unicode error, which the interpreter words
//! as a clear SyntaxError (`crates/python/src/parse.rs`).

/// The character named `name`: never known here (see the crate's documentation).
pub fn character(name: &str) -> Option<char> {
    let _ = name;
    None
}

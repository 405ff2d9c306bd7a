//! The word syntax of the token programs `build.rs` writes and `matcher.rs` reads, in one place:
//! both number the programs' literals, and the numbers must agree (`build.rs` stores anchors and
//! required words as those numbers). Included by `build.rs` with `#[path]`.

/// Characters that end a word in a program.
pub(crate) const SYNTAX: &[char] = &[' ', '|', '(', ')', '~', '#', '^', '?'];

/// Every literal token a program spells, in order, repeats included (not prefixes such as
/// `nud*`, not gap sizes such as the `3` of `~3`).
pub(crate) fn literals(src: &str) -> impl Iterator<Item = &str> {
    let bytes = src.as_bytes();
    src.split(|c: char| SYNTAX.contains(&c)).filter(move |w| {
        let start = w.as_ptr() as usize - src.as_ptr() as usize;
        !w.is_empty() && !w.ends_with('*') && (start == 0 || bytes[start - 1] != b'~')
    })
}

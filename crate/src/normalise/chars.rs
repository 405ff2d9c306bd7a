//! Character-level folding: compatibility decomposition, accents and invisible characters
//! removed, case folded, look-alike letters mapped to Latin, emoji that carry meaning turned
//! into tokens and other symbols into separators.

use unicode_normalization::char::is_combining_mark;

use super::Tables;

/// Characters that render as nothing (or only steer rendering) and are used to split words
/// invisibly: soft hyphen, zero-width and joiner characters, bidi controls, variation
/// selectors, tag characters, Hangul fillers.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
        || (c.is_control() && !c.is_whitespace())
}

/// Unicode NFKD. Natively from the `unicode-normalization` crate; in the browser from the
/// JavaScript engine's own `String.prototype.normalize("NFKD")`, which implements the same
/// Unicode algorithm and saves the module its ~50 KB (gzipped) of decomposition tables.
/// ASCII text is its own decomposition and skips both.
#[cfg(not(feature = "wasm"))]
fn compatibility_decomposition(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfkd().collect())
    }
}

#[cfg(feature = "wasm")]
fn compatibility_decomposition(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(crate::wasm::nfkd(text))
    }
}

/// One folded item before symbols are resolved.
#[derive(Clone, Copy)]
enum Item {
    Char(char),
    /// A symbol or emoji; `Some(token)` when it carries meaning.
    Sym(Option<&'static str>),
}

/// Currency signs are kept: an amount is a sign of its own.
pub(super) fn is_currency_symbol(c: char) -> bool {
    matches!(c, '£' | '€' | '¥' | '₹' | '₿' | '₦' | '₱' | '₩')
}

/// Punctuation outside ASCII that people use like ASCII punctuation.
fn punct(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00B7}' | '\u{2022}' | '\u{2027}' | '\u{30FB}' => '.',
        '\u{00BF}' | '\u{00A1}' => ' ',
        _ => return None,
    })
}

/// Appends the folded form of `text` (at most `max_chars` source characters) to `out`.
pub(super) fn fold(text: &str, max_chars: usize, tables: &Tables, out: &mut String) {
    let cut = text.char_indices().nth(max_chars).map_or(text.len(), |(i, _)| i);
    let mut items: Vec<Item> = Vec::with_capacity(cut.min(1 << 16));
    let decomposed = compatibility_decomposition(&text[..cut]);
    for d in decomposed.chars() {
        if is_invisible(d) || is_combining_mark(d) {
            continue;
        }
        if let Some(tok) = tables.emoji(d) {
            items.push(Item::Sym(Some(tok)));
            continue;
        }
        for l in d.to_lowercase() {
            if is_combining_mark(l) {
                continue;
            }
            if let Some(s) = tables.fold(l) {
                items.extend(s.chars().map(Item::Char));
            } else if l.is_alphanumeric() || l.is_ascii() || l.is_whitespace() || is_currency_symbol(l) {
                items.push(Item::Char(if l.is_whitespace() { ' ' } else { l }));
            } else if let Some(p) = punct(l) {
                items.push(Item::Char(p));
            } else {
                items.push(Item::Sym(None));
            }
        }
    }
    let alnum = |i: Option<&Item>| matches!(i, Some(Item::Char(c)) if c.is_alphanumeric());
    for (i, item) in items.iter().enumerate() {
        match *item {
            Item::Char(c) => out.push(c),
            // A symbol between two letters splits them, the way a dot would: "n🍑u🍑d🍑e🍑s".
            Item::Sym(_) if i > 0 && alnum(items.get(i - 1)) && alnum(items.get(i + 1)) => out.push('.'),
            Item::Sym(Some(tok)) => {
                out.push(' ');
                out.push_str(tok);
                out.push(' ');
            }
            Item::Sym(None) => out.push(' '),
        }
    }
}

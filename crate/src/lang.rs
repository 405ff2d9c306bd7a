//! Language of a message, from the share of its tokens that are common words of each language.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::rules::LANGS;

fn stopword_index() -> &'static HashMap<&'static str, u32> {
    static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<&'static str, u32> = HashMap::default();
        for (i, l) in LANGS.iter().enumerate() {
            for w in l.stopwords {
                *m.entry(w).or_default() |= 1 << i;
            }
        }
        m
    })
}

/// The language (index into the rule languages) most of the tokens belong to, if any; ties go
/// to the earlier rule file (English first).
pub(crate) fn detect<'a>(tokens: impl IntoIterator<Item = &'a str>) -> Option<usize> {
    let counts = count(tokens);
    let (best, &n) = counts[..LANGS.len()].iter().enumerate().rev().max_by_key(|(_, c)| **c)?;
    (n > 0).then_some(best)
}

/// Like [`detect`], but another language than English only on clear evidence (two common words
/// of it, more than of English): used to decide whose chat shorthand applies, where a wrong
/// guess on a short message ("im gonna post") would undo English shorthand.
pub(crate) fn detect_confident<'a>(tokens: impl IntoIterator<Item = &'a str>) -> Option<usize> {
    let counts = count(tokens);
    let (best, &n) = counts[..LANGS.len()].iter().enumerate().rev().max_by_key(|(_, c)| **c)?;
    if best != 0 && n >= 2 && n > counts[0] {
        Some(best)
    } else if counts[0] > 0 {
        Some(0)
    } else {
        None
    }
}

fn count<'a>(tokens: impl IntoIterator<Item = &'a str>) -> [u32; 32] {
    let index = stopword_index();
    let mut counts = [0u32; 32];
    for t in tokens.into_iter().take(400) {
        if let Some(&mask) = index.get(t) {
            for (i, c) in counts.iter_mut().enumerate().take(LANGS.len()) {
                if mask & (1 << i) != 0 {
                    *c += 1;
                }
            }
        }
    }
    counts
}

/// Whether `w` is one of the common words of rule language `lang`.
pub(crate) fn is_stopword(w: &str, lang: usize) -> bool {
    stopword_index().get(w).is_some_and(|mask| mask & (1 << lang) != 0)
}

/// The ISO 639-1 code of a rule language.
pub(crate) fn code(index: usize) -> &'static str {
    LANGS[index].code
}

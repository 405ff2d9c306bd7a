//! Language of a message, from the share of its tokens that are common words of each language.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::rules::LANGS;

fn stopword_index() -> &'static HashMap<&'static str, u32> {
    static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<&'static str, u32> = HashMap::new();
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
pub(crate) fn detect(tokens: &[String]) -> Option<usize> {
    let index = stopword_index();
    let mut counts = [0u32; 32];
    for t in tokens.iter().take(400) {
        if let Some(&mask) = index.get(t.as_str()) {
            for (i, c) in counts.iter_mut().enumerate().take(LANGS.len()) {
                if mask & (1 << i) != 0 {
                    *c += 1;
                }
            }
        }
    }
    let (best, &n) = counts[..LANGS.len()].iter().enumerate().rev().max_by_key(|(_, c)| **c)?;
    (n > 0).then_some(best)
}

/// The ISO 639-1 code of a rule language.
pub(crate) fn code(index: usize) -> &'static str {
    LANGS[index].code
}

//! Normalisation: turns a message as typed — in any spelling trick people use to hide words
//! from filters — into the plain token stream the rules are written against.
//!
//! Steps, in order: compatibility decomposition (NFKD, which also undoes fullwidth and
//! "mathematical" letters) with accents and invisible characters removed; case folding;
//! look-alike letters mapped to Latin; emoji that carry meaning turned into tokens (`xsex`,
//! `xmoney`, `xclock`, `xlove`, `xcamera`); amounts, payment handles, addresses and codes turned
//! into tokens (`xamt`, `xcashtag`, `xhandle`, `xemail`, `xurl`, `xcrypto`, `xiban`, `xcode`,
//! `xphone`); letters split by spaces, dots or emoji re-joined; leetspeak decoded; stretched
//! letters squeezed; chat shorthand expanded. Sentence ends become a `.` token.
//!
//! The result is idempotent: normalising a normalised text changes nothing.

mod chars;
mod words;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::rules::{pattern_words, CURRENCIES, EMOJI, FOLDS, LEET, LEXICON, SLANG, UNITS};
use words::Part;

/// Lookup tables built once from the generated rule data.
pub(crate) struct Tables {
    lexicon: HashSet<&'static str>,
    squeezed: HashMap<String, &'static str>,
    /// Shorthand → (language, words); a key may mean different things in different languages.
    slang: HashMap<&'static str, Vec<(usize, &'static str)>>,
    folds: HashMap<char, &'static str>,
    leet: HashMap<char, char>,
    units: HashMap<&'static str, &'static str>,
    currencies: HashSet<&'static str>,
}

impl Tables {
    pub(crate) fn get() -> &'static Tables {
        static TABLES: OnceLock<Tables> = OnceLock::new();
        TABLES.get_or_init(|| {
            let lexicon: HashSet<&'static str> = LEXICON.iter().copied().chain(pattern_words()).collect();
            let mut known: Vec<&'static str> = lexicon.iter().copied().chain(SLANG.iter().map(|(k, _, _)| *k)).collect();
            known.sort_unstable(); // deterministic choice when two words squeeze alike
            let mut squeezed = HashMap::default();
            for w in known {
                squeezed.entry(words::squeeze(w, 1)).or_insert(w);
            }
            Tables {
                lexicon,
                squeezed,
                slang: SLANG.iter().fold(HashMap::default(), |mut m: HashMap<_, Vec<_>>, &(k, v, l)| {
                    m.entry(k).or_default().push((l, v));
                    m
                }),
                folds: FOLDS.iter().copied().collect(),
                leet: LEET.iter().copied().collect(),
                units: UNITS.iter().copied().collect(),
                currencies: CURRENCIES.iter().copied().collect(),
            }
        })
    }

    fn emoji(&self, c: char) -> Option<&'static str> {
        EMOJI.binary_search_by_key(&c, |(e, _)| *e).ok().map(|i| EMOJI[i].1)
    }

    fn fold(&self, c: char) -> Option<&'static str> {
        self.folds.get(&c).copied()
    }

    /// A word the rules or the shorthand table know.
    fn known(&self, w: &str) -> bool {
        self.lexicon.contains(w) || self.slang.contains_key(w)
    }

    /// The expansion of shorthand `w` in language `lang` (English shorthand also applies when
    /// the language is unknown or English; any language's when it is unknown).
    fn slang(&self, w: &str, lang: Option<usize>) -> Option<&'static str> {
        let entries = self.slang.get(w)?;
        let of = |l: usize| entries.iter().find(|(el, _)| *el == l).map(|(_, v)| *v);
        match lang {
            // English shorthand is everywhere, unless the key is a word of the message's language.
            Some(l) => of(l).or_else(|| if crate::lang::is_stopword(w, l) { None } else { of(0) }),
            None => of(0).or_else(|| entries.first().map(|(_, v)| *v)),
        }
    }

    fn unit(&self, w: &str) -> Option<&'static str> {
        self.units.get(w).copied()
    }

    fn is_currency(&self, w: &str) -> bool {
        self.currencies.contains(w)
    }

    fn unsqueeze(&self, squeezed: &str) -> Option<&'static str> {
        self.squeezed.get(squeezed).copied()
    }

    /// Leetspeak digits and symbols → letters.
    fn deleet(&self, w: &str) -> String {
        w.chars().map(|c| self.leet.get(&c).copied().unwrap_or(c)).collect()
    }

    /// The words a run of single characters spells ("nudes", or "send me nudes" for
    /// "sendmenudes"), if it spells known ones; leetspeak is decoded first.
    fn join_letters(&self, joined: &str) -> Option<Vec<String>> {
        if joined.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return None;
        }
        let decoded = self.deleet(joined);
        if self.known(&decoded) {
            Some(vec![decoded])
        } else {
            self.segment(&decoded)
        }
    }

    /// Splits a run of letters into known words ("sendnudes" → "send", "nudes"), fewest
    /// pieces first; single letters only where they are words by themselves.
    fn segment(&self, w: &str) -> Option<Vec<String>> {
        let chars: Vec<char> = w.chars().collect();
        let n = chars.len();
        if n > 48 {
            return None;
        }
        // best[i] = (pieces, start of last piece) for chars[..i]
        let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0));
        for end in 1..=n {
            for start in end.saturating_sub(16)..end {
                let Some((pieces, _)) = best[start] else { continue };
                let piece: String = chars[start..end].iter().collect();
                let ok = match end - start {
                    1 => matches!(piece.as_str(), "i" | "a" | "u" | "r"),
                    // Two-letter shorthand ("bc", "rn") is too easily found by accident.
                    2 => self.lexicon.contains(piece.as_str()),
                    _ => self.known(&piece),
                };
                if ok && best[end].map_or(true, |(p, _)| pieces + 1 < p) {
                    best[end] = Some((pieces + 1, start));
                }
            }
        }
        best[n]?;
        let mut out = vec![];
        let mut end = n;
        while end > 0 {
            let (_, start) = best[end]?;
            out.push(chars[start..end].iter().collect());
            end = start;
        }
        out.reverse();
        Some(out)
    }
}

/// Normalises one message into tokens (appended to `out`), at most `max_chars` characters of it.
pub(crate) fn tokens(text: &str, max_chars: usize, out: &mut Vec<String>) {
    tokens_as(text, max_chars, None, out)
}

/// [`tokens`], with the language whose shorthand applies given rather than detected.
pub(crate) fn tokens_as(text: &str, max_chars: usize, language: Option<usize>, out: &mut Vec<String>) {
    let t = Tables::get();
    let mut folded = String::with_capacity(text.len().min(max_chars * 4));
    chars::fold(text, max_chars, t, &mut folded);
    let mut parts = Vec::new();
    words::parts(&folded, t, &mut parts);
    words::join_split_letters(&mut parts, t);
    let lang = language.or_else(|| {
        crate::lang::detect_confident(parts.iter().filter_map(|p| if let Part::Raw(w) = p { Some(w.as_str()) } else { None }))
    });
    let start = out.len();
    for p in parts {
        match p {
            Part::Raw(w) => words::map_word(&w, t, lang, out),
            Part::Token(tok) => out.push(tok.to_string()),
            Part::Boundary => {
                if out.len() > start && out.last().is_some_and(|l| l != ".") {
                    out.push(".".into());
                }
            }
        }
    }
    if out.len() > start && out.last().is_some_and(|l| l == ".") {
        out.pop();
    }
    rejoin_single_letters(out, start, t, lang);
    // Leetspeak "1" for "I" at the start of a sentence: "1 w1ll p0st".
    for i in start..out.len() {
        let sentence_start = i == start || out[i - 1] == ".";
        let next_is_word = out.get(i + 1).is_some_and(|n| n.bytes().all(|b| b.is_ascii_alphabetic()));
        if out[i] == "1" && sentence_start && next_is_word {
            out[i] = "i".into();
        }
    }
    // Bounded output: at most MAX_TOKENS_PER_MESSAGE tokens and MAX_CHARS_PER_MESSAGE characters,
    // so normalising the result again reads all of it (idempotence) and matching stays cheap.
    let mut chars = 0;
    let mut keep = start;
    while keep < out.len() && keep - start < crate::MAX_TOKENS_PER_MESSAGE {
        chars += out[keep].chars().count() + 1;
        if chars > max_chars {
            break;
        }
        keep += 1;
    }
    out.truncate(keep);
    // "500 usd", "12 bitcoins": a number before a currency word is an amount.
    for i in start..out.len().saturating_sub(1) {
        if out[i].bytes().all(|b| b.is_ascii_digit()) && t.is_currency(&out[i + 1]) {
            out[i] = "xamt".into();
        }
    }
}

/// Letters can become neighbours only after mapping (a symbol between them was dropped, or a
/// word next to them was rewritten); joining them once more here means a second normalisation
/// finds nothing left to join.
fn rejoin_single_letters(out: &mut Vec<String>, start: usize, t: &Tables, lang: Option<usize>) {
    let single = |s: &str| s.chars().count() == 1 && s.chars().all(char::is_alphanumeric);
    let mut i = start;
    while i < out.len() {
        let mut j = i;
        while j < out.len() && single(&out[j]) {
            j += 1;
        }
        if j - i < 3 {
            i = j.max(i + 1);
            continue;
        }
        match t.join_letters(&t.deleet(&out[i..j].concat())) {
            Some(ws) => {
                let mut mapped = Vec::new();
                for w in &ws {
                    words::map_word(w, t, lang, &mut mapped);
                }
                let n = mapped.len();
                out.splice(i..j, mapped);
                i += n.max(1);
            }
            None => i = j,
        }
    }
}

/// The normalised form of a text: tokens separated by single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = Vec::new();
    tokens(text, crate::MAX_CHARS_PER_MESSAGE, &mut out);
    out.join(" ")
}

//! The compiled rule set: patterns generated from `rules/*.toml` by `build.rs`, their regexes
//! (compiled lazily, on the first message that contains one of their anchor words) and the
//! anchor index that decides which patterns a message needs to try at all.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex_lite::Regex;

use crate::model::SignalId;

/// What a pattern shows when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A warning sign.
    Signal(SignalId),
    /// The user says no (used for `pressure_after_no`).
    Refusal,
    /// The message is *about* sextortion (news, advice, reported speech): its signs don't count.
    About,
    /// "Come on", "just one": a renewed request, counted only after a refusal.
    Pressure,
    /// "Your turn", "now you": counted as `image_first` after their media.
    Reciprocity,
    /// The pictures asked for are plainly of something else ("a pic of the beach", "your new
    /// haircut"): a plain picture request in the same message counts only as weak evidence.
    Neutral,
}

/// Whose messages a pattern applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum From {
    /// The other person.
    Them,
    /// The user.
    Me,
    /// Either.
    #[allow(dead_code)] // used by rule files with `from = "any"`
    Any,
}

/// One pattern as generated from the rule files.
#[derive(Debug)]
pub(crate) struct PatternData {
    /// Regex over the padded normalised text.
    pub regex: &'static str,
    pub target: Target,
    /// 1 = supporting evidence, 2 = a clear sign, 3 = strong on its own.
    pub weight: u8,
    pub from: From,
    /// Whether a negation just before (or inside) the match cancels it.
    pub negatable: bool,
    /// Self-harm words: switch the shell to crisis help.
    pub crisis: bool,
    /// Index into [`LANGS`].
    pub lang: usize,
    /// Negators the pattern spells out itself ("dont tell anyone"): part of the phrase.
    pub own_negators: &'static [&'static str],
}

/// Per-language word lists.
#[derive(Debug)]
pub(crate) struct LangData {
    pub code: &'static str,
    pub stopwords: &'static [&'static str],
    pub negators: &'static [&'static str],
    /// Words that may sit between a negator and the phrase it negates ("not *going to* post").
    pub bridges: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/rules_data.rs"));

/// Every literal word the patterns spell, read back from their regexes: a word is a run of
/// letters and digits directly followed by the token separator (a space). Prefix words
/// (`nud[^ ]* `) are followed by `[`, and escaped characters by themselves, so neither is
/// picked up. Keeping these out of [`LEXICON`] keeps the wasm module small.
pub(crate) fn pattern_words() -> impl Iterator<Item = &'static str> {
    PATTERNS.iter().flat_map(|p| regex_words(p.regex))
}

/// The literal words of one generated regex (see [`pattern_words`]).
fn regex_words(r: &'static str) -> impl Iterator<Item = &'static str> {
    r.char_indices().filter(|&(_, c)| c == ' ').filter_map(move |(end, _)| {
        let start = r[..end].rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| i + 1);
        let word = &r[start..end];
        let escaped = start > 0 && r.as_bytes()[start - 1] == b'\\';
        (!word.is_empty() && !escaped && !word.bytes().all(|b| b.is_ascii_digit())).then_some(word)
    })
}

/// The rule set with its indexes, built once.
pub(crate) struct RuleSet {
    anchors: HashMap<&'static str, &'static [u16]>,
    required_ids: HashMap<&'static str, u16>,
    regexes: Vec<OnceLock<Option<Regex>>>,
}

impl RuleSet {
    /// The process-wide rule set.
    pub fn get() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(|| RuleSet {
            anchors: ANCHORS.iter().copied().collect(),
            required_ids: REQUIRED_WORDS.iter().enumerate().map(|(i, w)| (*w, i as u16)).collect(),
            regexes: (0..PATTERNS.len()).map(|_| OnceLock::new()).collect(),
        })
    }

    /// Pattern ids worth trying on a text with these tokens (sorted, unique): those with an
    /// anchor word among the tokens whose every required word group is met too. `present` is
    /// scratch space (a bitset over the required words), left cleared.
    pub fn candidates(&self, tokens: &[String], present: &mut Vec<u64>, out: &mut Vec<u16>) {
        out.clear();
        out.extend_from_slice(ALWAYS);
        present.resize(REQUIRED_WORDS.len().div_ceil(64), 0);
        for t in tokens {
            if let Some(ids) = self.anchors.get(t.as_str()) {
                out.extend_from_slice(ids);
            }
            if let Some(&id) = self.required_ids.get(t.as_str()) {
                present[id as usize / 64] |= 1 << (id % 64);
            }
        }
        out.sort_unstable();
        out.dedup();
        let has = |id: u16| present[id as usize / 64] & (1 << (id % 64)) != 0;
        out.retain(|&p| {
            let mut i = REQUIRED_AT[p as usize] as usize;
            let groups = REQUIRED[i];
            i += 1;
            (0..groups).all(|_| {
                let len = REQUIRED[i] as usize;
                let met = REQUIRED[i + 1..i + 1 + len].iter().any(|&id| has(id));
                i += 1 + len;
                met
            })
        });
        present.iter_mut().for_each(|w| *w = 0);
    }

    /// The compiled regex of a pattern (`None` only if the rule failed to compile, which the
    /// test suite rules out).
    pub fn regex(&self, id: u16) -> Option<&Regex> {
        self.regexes[id as usize].get_or_init(|| Regex::new(PATTERNS[id as usize].regex).ok()).as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for (i, p) in PATTERNS.iter().enumerate() {
            assert!(Regex::new(p.regex).is_ok(), "pattern {i} does not compile: {}", p.regex);
        }
    }

    /// A rule word that normalisation would rewrite can never match: the rules must be written
    /// in normalised form ("dont", not "don't"; "your", not "ur"), as text of the rule's own
    /// language (German "im" stays "im"; in English chat it is "i am").
    #[test]
    fn rule_words_are_in_normal_form() {
        let in_language = |w: &str, lang: usize| {
            let mut out = Vec::new();
            crate::normalise::tokens_as(w, 100, Some(lang), &mut out);
            out.join(" ")
        };
        let mut bad: Vec<(&str, String)> =
            LEXICON.iter().map(|w| (*w, crate::normalise(w))).filter(|(w, n)| n != w).collect();
        for (i, p) in PATTERNS.iter().enumerate() {
            for w in regex_words(p.regex) {
                if in_language(w, p.lang) != w {
                    bad.push((w, format!("{} (pattern {i}, {})", in_language(w, p.lang), LANGS[p.lang].code)));
                }
            }
        }
        assert!(bad.is_empty(), "rule words not in normal form (word → normalised): {bad:?}");
    }

    #[test]
    fn pattern_words_are_read_back_from_the_regexes() {
        let words: std::collections::HashSet<&str> = pattern_words().collect();
        for w in ["send", "nudes", "followers", "xamt", "pagar", "envoie", "schick", "mandar"] {
            assert!(words.contains(w), "{w} missing");
        }
        assert!(!words.contains("nud"), "a prefix word was taken for a whole word");
        assert!(words.iter().all(|w| w.chars().all(char::is_alphanumeric)));
    }

    #[test]
    fn nearly_every_pattern_has_an_anchor_word() {
        assert!(ALWAYS.len() <= 8, "{} patterns run on every message: {:?}", ALWAYS.len(), ALWAYS);
    }

    #[test]
    fn every_language_has_rules_for_the_main_signs() {
        for (li, lang) in LANGS.iter().enumerate() {
            for sig in [SignalId::ThreatToShare, SignalId::PaymentDemand, SignalId::SexualRequest, SignalId::VictimDistress] {
                let n = PATTERNS.iter().filter(|p| p.lang == li && p.target == Target::Signal(sig)).count();
                assert!(n > 0, "{}: no rules for {}", lang.code, sig.as_str());
            }
        }
    }
}

//! The compiled rule set: patterns generated from `rules/*.toml` by `build.rs`, their token
//! programs (parsed lazily, on the first message that contains one of their anchor words) and
//! the anchor index that decides which patterns a message needs to try at all.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::matcher::{Prog, Text, NO_WORD};
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
    /// Token program (see [`crate::matcher`]).
    pub prog: &'static str,
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

/// Every literal word the patterns spell, read back from their programs (prefix words like
/// `nud*` are not whole words). Keeping these out of [`LEXICON`] keeps the wasm module small.
pub(crate) fn pattern_words() -> impl Iterator<Item = &'static str> {
    PATTERNS.iter().flat_map(|p| Prog::words(p.prog))
}

/// The rule set with its indexes, built once.
pub(crate) struct RuleSet {
    /// Every literal the patterns spell → its word id (see [`Text::ids`]), numbered in order of
    /// first appearance, as `build.rs` numbers them for ANCHOR_AT and REQUIRED.
    words: HashMap<&'static str, u32>,
    progs: Vec<OnceLock<Option<Prog>>>,
}

impl RuleSet {
    /// The process-wide rule set.
    pub fn get() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(|| {
            let mut words: HashMap<&'static str, u32> = HashMap::with_capacity_and_hasher(WORD_COUNT, Default::default());
            for w in PATTERNS.iter().flat_map(|p| Prog::literals(p.prog)) {
                let next = words.len() as u32;
                words.entry(w).or_insert(next);
            }
            debug_assert_eq!(words.len(), WORD_COUNT, "build.rs and rules.rs number the words alike");
            RuleSet { words, progs: (0..PATTERNS.len()).map(|_| OnceLock::new()).collect() }
        })
    }

    /// Looks each token up once: its word id into `ids` (see [`Text`]), and into `out` the
    /// pattern ids worth trying on this text (sorted, unique): those with an anchor word among
    /// the tokens whose every required word group is met too. `present` is scratch space (a
    /// bitset over the word ids), left cleared.
    pub fn prepare(&self, tokens: &[String], ids: &mut Vec<u32>, present: &mut Vec<u64>, out: &mut Vec<u16>) {
        out.clear();
        ids.clear();
        out.extend_from_slice(ALWAYS);
        present.resize(WORD_COUNT.div_ceil(64), 0);
        for t in tokens {
            let Some(&id) = self.words.get(t.as_str()) else {
                ids.push(NO_WORD);
                continue;
            };
            ids.push(id);
            let i = id as usize;
            out.extend_from_slice(&ANCHOR_IDS[ANCHOR_AT[i] as usize..ANCHOR_AT[i + 1] as usize]);
            present[i / 64] |= 1 << (i % 64);
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

    /// A message's tokens with their word ids, for [`Prog::find_at`].
    pub fn text<'a>(tokens: &'a [String], ids: &'a [u32]) -> Text<'a> {
        Text { tokens, ids }
    }

    /// The parsed program of a pattern (`None` only if build.rs wrote one that does not parse,
    /// which the test suite rules out).
    pub fn prog(&self, id: u16) -> Option<&Prog> {
        // Every literal is in the map (built from the same programs), so no word gets NO_WORD.
        let id_of = |w: &str| self.words.get(w).copied().unwrap_or(NO_WORD - 1);
        self.progs[id as usize].get_or_init(|| Prog::parse(PATTERNS[id as usize].prog, &id_of).ok()).as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_parses() {
        for (i, p) in PATTERNS.iter().enumerate() {
            assert!(RuleSet::get().prog(i as u16).is_some(), "pattern {i} does not parse: {}", p.prog);
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
            for w in Prog::words(p.prog) {
                if in_language(w, p.lang) != w {
                    bad.push((w, format!("{} (pattern {i}, {})", in_language(w, p.lang), LANGS[p.lang].code)));
                }
            }
        }
        assert!(bad.is_empty(), "rule words not in normal form (word → normalised): {bad:?}");
    }

    #[test]
    fn pattern_words_are_read_back_from_the_programs() {
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

/// The token matcher against the character regexes it replaced: on every verdict case and every
/// corpus line (when ../shared/corpus is present), every candidate pattern finds the same
/// matches, retry after retry, with the regex over " t0 t1 … " and with the program over tokens.
#[cfg(test)]
mod matcher_equivalence {
    use super::*;
    use std::path::Path;

    fn texts() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for entry in std::fs::read_dir(root.join("tests/cases")).expect("tests/cases") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let doc: toml::Value = toml::from_str(&std::fs::read_to_string(&path).expect("read")).expect("toml");
                for case in doc.get("case").and_then(|c| c.as_array()).into_iter().flatten() {
                    out.extend(case.get("text").and_then(|t| t.as_str()).map(str::to_string));
                    for m in case.get("messages").and_then(|m| m.as_array()).into_iter().flatten() {
                        out.extend(m.as_array().and_then(|m| m.get(1)).and_then(|t| t.as_str()).map(str::to_string));
                    }
                }
            }
        }
        let corpus = root.join("../../shared/corpus/messages.jsonl");
        if let Ok(lines) = std::fs::read_to_string(corpus) {
            for line in lines.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    out.extend(v.get("text").and_then(|t| t.as_str()).map(str::to_string));
                }
            }
        }
        out
    }

    fn regex_matches(re: &regex_lite::Regex, tokens: &[String]) -> Vec<(usize, usize)> {
        let mut hay = String::new();
        let mut starts = Vec::new();
        for t in tokens {
            starts.push(hay.len());
            hay.push(' ');
            hay.push_str(t);
        }
        hay.push(' ');
        let index = |pos: usize| starts.partition_point(|&s| s <= pos).saturating_sub(1);
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = re.find_at(&hay, at) {
            let first = index(m.start());
            // A match ends with the space before the next token: its last character is at end - 2.
            out.push((first, index(m.end().saturating_sub(2)).max(first)));
            at = m.start() + 1;
        }
        out
    }

    fn prog_matches(prog: &Prog, tokens: &[String]) -> Vec<(usize, usize)> {
        let (mut ids, mut present, mut candidates) = (Vec::new(), Vec::new(), Vec::new());
        RuleSet::get().prepare(tokens, &mut ids, &mut present, &mut candidates);
        let mut out = Vec::new();
        let mut at = 0;
        while let Some((first, last)) = prog.find_at(RuleSet::text(tokens, &ids), at) {
            out.push((first, last));
            at = first + 1;
        }
        out
    }

    #[test]
    fn the_token_matcher_finds_what_the_regexes_found() {
        let rules = RuleSet::get();
        let regexes: Vec<regex_lite::Regex> = REGEXES.iter().map(|r| regex_lite::Regex::new(r).expect("regex")).collect();
        let (mut tokens, mut ids, mut present, mut candidates) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut compared, mut matched, mut texts_seen) = (0, 0, 0);
        let mut differ = Vec::new();
        for text in texts() {
            texts_seen += 1;
            tokens.clear();
            crate::normalise::tokens(&text, crate::MAX_CHARS_PER_MESSAGE, &mut tokens);
            rules.prepare(&tokens, &mut ids, &mut present, &mut candidates);
            for &id in &candidates {
                let want = regex_matches(&regexes[id as usize], &tokens);
                let got = prog_matches(rules.prog(id).expect("parses"), &tokens);
                compared += 1;
                matched += usize::from(!want.is_empty());
                if want != got {
                    differ.push(format!("{} on {:?}: regex {want:?}, tokens {got:?}", PATTERNS[id as usize].prog, tokens.join(" ")));
                }
            }
        }
        eprintln!("matcher equivalence: {texts_seen} texts, {compared} pattern runs, {matched} with matches, {} differ", differ.len());
        assert!(matched > 100, "too few matches to say anything ({matched})");
        assert!(differ.is_empty(), "{} differences, e.g.:\n{}", differ.len(), differ.iter().take(10).cloned().collect::<Vec<_>>().join("\n"));
    }
}

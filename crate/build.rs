//! Compiles the detection rules under `rules/` (TOML, one file per language plus `common.toml`)
//! into Rust data: regex source for every pattern, the anchor words that gate it, and the tables
//! the normaliser needs. Doing this at build time keeps the TOML parser out of the wasm module
//! and turns a malformed rule file into a build error.
//!
//! Pattern language (one pattern = a sequence of elements separated by spaces), matched against
//! the normalised text, whose tokens are separated by single spaces:
//!   word        the token `word`               a|b|c      one of these tokens
//!   word*       a token starting with `word`   @class     one of the class's alternatives
//!   (x y|z)     a group of alternatives         [x y|z]    an optional group (also `(x y|z)?`)
//!   ~ / ~N      up to 1 / N tokens of anything (not crossing a sentence end)
//!   # any number token; a leading ^ anchors the pattern at the start of a sentence

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Common {
    leet: BTreeMap<String, String>,
    folds: BTreeMap<String, String>,
    emoji: BTreeMap<String, Vec<String>>,
    units: BTreeMap<String, String>,
    currencies: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LangFile {
    lang: String,
    stopwords: String,
    negators: String,
    #[serde(default)]
    bridges: String,
    #[serde(default)]
    slang: BTreeMap<String, String>,
    #[serde(default)]
    classes: BTreeMap<String, String>,
    #[serde(default)]
    rule: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    signal: String,
    #[serde(default = "default_weight")]
    weight: u8,
    #[serde(default = "default_from")]
    from: String,
    #[serde(default = "yes")]
    negatable: bool,
    #[serde(default)]
    crisis: bool,
    patterns: Vec<String>,
}

fn default_weight() -> u8 {
    2
}
fn default_from() -> String {
    "them".into()
}
fn yes() -> bool {
    true
}

/// The programs' word syntax, shared with the matcher (src/prog_syntax.rs).
#[path = "src/prog_syntax.rs"]
mod prog_syntax;
use prog_syntax::literals;

/// One element of a parsed pattern.
#[derive(Debug, Clone)]
enum Elem {
    /// Token alternatives; `(text, is_prefix)`.
    Words(Vec<(String, bool)>),
    /// Alternatives, each a sequence; optional or not.
    Group(Vec<Vec<Elem>>, bool),
    /// Up to N arbitrary tokens.
    Gap(usize),
    /// Any number token (`#`).
    Number,
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    classes: &'a BTreeMap<String, String>,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn new(src: &str, classes: &'a BTreeMap<String, String>, depth: usize) -> Self {
        Parser { chars: src.chars().collect(), pos: 0, classes, depth }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// Parses alternatives separated by top-level `|` until `close` (or the end).
    fn alternatives(&mut self, close: Option<char>) -> Result<Vec<Vec<Elem>>, String> {
        let mut alts = vec![];
        let mut seq = vec![];
        loop {
            match self.peek() {
                None => {
                    if close.is_some() {
                        return Err("unclosed group".into());
                    }
                    alts.push(seq);
                    return Ok(alts);
                }
                Some(c) if Some(c) == close => {
                    self.pos += 1;
                    alts.push(seq);
                    return Ok(alts);
                }
                Some(' ') => self.pos += 1,
                Some('|') => {
                    self.pos += 1;
                    alts.push(std::mem::take(&mut seq));
                }
                Some('(') => {
                    self.pos += 1;
                    let alts = self.alternatives(Some(')'))?;
                    // "(a|b)?" is the same as "[a|b]".
                    let optional = self.peek() == Some('?');
                    if optional {
                        self.pos += 1;
                    }
                    seq.push(Elem::Group(alts, optional));
                }
                Some('[') => {
                    self.pos += 1;
                    seq.push(Elem::Group(self.alternatives(Some(']'))?, true));
                }
                Some('~') => {
                    self.pos += 1;
                    let start = self.pos;
                    while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        self.pos += 1;
                    }
                    let n: String = self.chars[start..self.pos].iter().collect();
                    seq.push(Elem::Gap(if n.is_empty() { 1 } else { n.parse().map_err(|_| "bad gap")? }));
                }
                Some('@') => {
                    self.pos += 1;
                    let name = self.word();
                    let body = self.classes.get(&name).ok_or(format!("unknown class @{name}"))?;
                    if self.depth > 8 {
                        return Err("classes nest too deep".into());
                    }
                    let alts = Parser::new(body, self.classes, self.depth + 1).alternatives(None)?;
                    seq.push(Elem::Group(alts, false));
                }
                Some('#') => {
                    self.pos += 1;
                    seq.push(Elem::Number);
                }
                Some(_) => {
                    let w = self.word();
                    if w.is_empty() {
                        return Err(format!("unexpected {:?}", self.peek()));
                    }
                    let (text, prefix) = match w.strip_suffix('*') {
                        Some(p) => (p.to_string(), true),
                        None => (w, false),
                    };
                    if text.is_empty() || text.chars().any(|c| !(c.is_alphanumeric() || c == '.')) {
                        return Err(format!("bad word {text:?}"));
                    }
                    seq.push(Elem::Words(vec![(text, prefix)]));
                }
            }
        }
    }

    fn word(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(|c| !" |()[]~@#".contains(c)) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }
}

fn escape(word: &str) -> String {
    word.chars().map(|c| if c.is_ascii_alphanumeric() || !c.is_ascii() { c.to_string() } else { format!("\\{c}") }).collect()
}

/// Regex for a sequence; every token fragment ends in one space.
fn seq_regex(seq: &[Elem]) -> String {
    seq.iter().map(elem_regex).collect()
}

fn elem_regex(e: &Elem) -> String {
    match e {
        Elem::Words(ws) => {
            let alts: Vec<String> = ws
                .iter()
                .map(|(w, p)| if *p { format!("{}[^ ]* ", escape(w)) } else { format!("{} ", escape(w)) })
                .collect();
            if alts.len() == 1 {
                alts[0].clone()
            } else {
                format!("(?:{})", alts.join("|"))
            }
        }
        Elem::Group(alts, optional) => {
            let body: Vec<String> = alts.iter().map(|a| seq_regex(a)).collect();
            format!("(?:{}){}", body.join("|"), if *optional { "?" } else { "" })
        }
        // A gap token never starts with the sentence boundary token ".".
        Elem::Gap(n) => format!("(?:[^ .][^ ]* ){{0,{n}}}"),
        Elem::Number => "[0-9]+ ".into(),
    }
}

/// The token program of a sequence (see src/matcher.rs for the syntax).
fn seq_prog(seq: &[Elem]) -> String {
    seq.iter().map(elem_prog).collect::<Vec<_>>().join(" ")
}

fn elem_prog(e: &Elem) -> String {
    let word = |(w, p): &(String, bool)| if *p { format!("{w}*") } else { w.clone() };
    match e {
        Elem::Words(ws) if ws.len() == 1 => word(&ws[0]),
        Elem::Words(ws) => format!("({})", ws.iter().map(word).collect::<Vec<_>>().join("|")),
        Elem::Group(alts, optional) => {
            let body: Vec<String> = alts.iter().map(|a| seq_prog(a)).collect();
            format!("({}){}", body.join("|"), if *optional { "?" } else { "" })
        }
        Elem::Gap(n) => format!("~{n}"),
        Elem::Number => "#".into(),
    }
}

/// Words one of which must be a token of any text the element matches; `None` when unknown.
fn elem_anchors(e: &Elem) -> Option<BTreeSet<String>> {
    match e {
        Elem::Words(ws) => {
            if ws.iter().any(|(_, p)| *p) {
                None
            } else {
                Some(ws.iter().map(|(w, _)| w.clone()).collect())
            }
        }
        Elem::Group(_, true) | Elem::Gap(_) | Elem::Number => None,
        Elem::Group(alts, false) => {
            let mut all = BTreeSet::new();
            for a in alts {
                all.extend(seq_anchors(a)?);
            }
            Some(all)
        }
    }
}

/// The smallest anchor set among a sequence's mandatory elements (ties: the later one).
fn seq_anchors(seq: &[Elem]) -> Option<BTreeSet<String>> {
    let mut best: Option<BTreeSet<String>> = None;
    for e in seq {
        if let Some(a) = elem_anchors(e) {
            if best.as_ref().map_or(true, |b| a.len() <= b.len()) {
                best = Some(a);
            }
        }
    }
    best
}

fn collect_literals(seq: &[Elem], out: &mut BTreeSet<String>) {
    for e in seq {
        match e {
            Elem::Words(ws) => out.extend(ws.iter().filter(|(_, p)| !*p).map(|(w, _)| w.clone())),
            Elem::Group(alts, _) => alts.iter().for_each(|a| collect_literals(a, out)),
            Elem::Gap(_) | Elem::Number => {}
        }
    }
}

fn camel(snake: &str) -> String {
    snake
        .split('_')
        .map(|p| {
            let mut c = p.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn target(signal: &str) -> String {
    match signal {
        "_refusal" => "Target::Refusal".into(),
        "_about" => "Target::About".into(),
        "_pressure" => "Target::Pressure".into(),
        "_reciprocity" => "Target::Reciprocity".into(),
        "_neutral" => "Target::Neutral".into(),
        s => format!("Target::Signal(SignalId::{})", camel(s)),
    }
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("rules");
    let common: Common = toml::from_str(&fs::read_to_string(dir.join("common.toml")).expect("rules/common.toml"))
        .unwrap_or_else(|e| panic!("rules/common.toml: {e}"));

    let mut langs = vec![];
    let mut files: Vec<_> = fs::read_dir(&dir).expect("rules dir").flatten().map(|e| e.path()).collect();
    // English first: it is the fallback language (ties in detection, negators everywhere).
    files.sort_by_key(|p| (p.file_name().map_or(true, |n| n != "en.toml"), p.clone()));
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if !name.ends_with(".toml") || name == "common.toml" {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read rules");
        let lang: LangFile = toml::from_str(&text).unwrap_or_else(|e| panic!("rules/{name}: {e}"));
        langs.push(lang);
    }

    let mut out = String::new();
    let mut lexicon: BTreeSet<String> = BTreeSet::new();
    let mut pattern_words: BTreeSet<String> = BTreeSet::new();
    let mut slang: BTreeMap<(String, usize), String> = BTreeMap::new();
    let mut patterns = String::new();
    let mut anchors: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut always: Vec<usize> = vec![];
    let mut n = 0usize;
    // The character regex of each pattern: kept for the test that checks the token matcher
    // finds what the regex finds (not compiled into the library).
    let mut regexes: Vec<String> = Vec::new();
    let mut progs: Vec<String> = Vec::new();
    let mut pattern_groups: Vec<Vec<BTreeSet<String>>> = Vec::new();
    let all_negators: BTreeSet<String> = langs.iter().flat_map(|l| words(&l.negators)).collect();
    writeln!(out, "/// Languages, in rule-file order.\npub static LANGS: &[LangData] = &[").unwrap();
    for (li, lang) in langs.iter().enumerate() {
        writeln!(
            out,
            "    LangData {{ code: {:?}, stopwords: &{:?}, negators: &{:?}, bridges: &{:?} }},",
            lang.lang,
            words(&lang.stopwords),
            words(&lang.negators),
            words(&lang.bridges)
        )
        .unwrap();
        for w in words(&lang.stopwords).into_iter().chain(words(&lang.negators)).chain(words(&lang.bridges)) {
            lexicon.insert(w);
        }
        // Shorthand belongs to its language: "im" is "i am" in English chat and a word in German.
        for (k, v) in &lang.slang {
            slang.insert((k.clone(), li), v.clone());
            lexicon.extend(words(v));
        }
        for (ri, rule) in lang.rule.iter().enumerate() {
            let from = match rule.from.as_str() {
                "them" => "From::Them",
                "me" => "From::Me",
                "any" => "From::Any",
                f => panic!("rules/{}.toml rule {ri}: bad from {f:?}", lang.lang),
            };
            assert!((1..=3).contains(&rule.weight), "rules/{}.toml rule {ri}: weight 1..=3", lang.lang);
            for src in &rule.patterns {
                let body = src.trim_start().strip_prefix('^').unwrap_or(src);
                let alts = Parser::new(body, &lang.classes, 0)
                    .alternatives(None)
                    .unwrap_or_else(|e| panic!("rules/{}.toml: pattern {src:?}: {e}", lang.lang));
                let seq = match alts.as_slice() {
                    [one] => one.clone(),
                    _ => vec![Elem::Group(alts.clone(), false)],
                };
                // A leading "^" ties the pattern to the start of the message or of a sentence.
                let sentence_start = src.trim_start().starts_with('^');
                let regex = match sentence_start {
                    true => format!("(?:^| \\.) {}", seq_regex(&seq)),
                    false => format!(" {}", seq_regex(&seq)),
                };
                let prog = format!("{}{}", if sentence_start { "^ " } else { "" }, seq_prog(&seq));
                regexes.push(regex);
                progs.push(prog.clone());
                let mut lits = BTreeSet::new();
                collect_literals(&seq, &mut lits);
                // Pattern words are recovered from the regexes at run time (rules::pattern_words);
                // listing them again would only grow the module.
                pattern_words.extend(lits.iter().cloned());
                match seq_anchors(&seq) {
                    Some(a) => a.into_iter().for_each(|w| anchors.entry(w).or_default().push(n)),
                    None => always.push(n),
                }
                // Every mandatory element with known words is a requirement the message's tokens
                // must meet before the regex runs (small ones only: big classes filter little).
                let mut required: Vec<BTreeSet<String>> =
                    seq.iter().filter_map(elem_anchors).filter(|g| g.len() <= 8).collect();
                // The two most selective small groups do most of the filtering (52.8 → 24 patterns tried
                // per message on a mixed corpus); more groups filter a little more but grow the module.
                required.sort_by_key(|g| g.len());
                required.truncate(2);
                pattern_groups.push(required);
                // Only the negators a pattern spells out itself are needed at run time (a negator
                // inside a match that the pattern doesn't spell out negates it).
                let own_negators: Vec<&String> = lits.iter().filter(|w| all_negators.contains(*w)).collect();
                writeln!(
                    patterns,
                    "    PatternData {{ prog: {prog:?}, target: {}, weight: {}, from: {from}, negatable: {}, crisis: {}, lang: {li}, own_negators: &{:?} }},",
                    target(&rule.signal),
                    rule.weight,
                    rule.negatable,
                    rule.crisis,
                    own_negators
                )
                .unwrap();
                n += 1;
            }
        }
    }
    writeln!(out, "];\n\n/// Every pattern of every language.\npub static PATTERNS: &[PatternData] = &[\n{patterns}];").unwrap();
    writeln!(out, "\n/// Each pattern as a character regex over \" t0 t1 … \" (tests only).\n#[cfg(test)]\npub static REGEXES: &[&str] = &{regexes:?};").unwrap();
    // Word ids: every literal of the programs, in order of first appearance — the order in which
    // rules::RuleSet numbers them at run time (both split programs with the same rule, see
    // `literals`), so anchors and required words are stored as ids, not as strings again.
    let mut word_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for prog in &progs {
        for w in literals(prog) {
            let next = word_ids.len();
            word_ids.entry(w).or_insert(next);
        }
    }
    assert!(word_ids.len() < usize::from(u16::MAX), "word ids must fit u16 (REQUIRED)");
    let id_of = |w: &str| *word_ids.get(w).unwrap_or_else(|| panic!("word {w:?} is not a literal of any program"));
    writeln!(out, "\n/// How many distinct literals the programs spell (the word ids are 0..this).\npub static WORD_COUNT: usize = {};", word_ids.len()).unwrap();
    // Flat encoding (compact in the module): per pattern, the number of groups, then for each
    // group its length and its word ids; REQUIRED_AT[p] is where pattern p's record starts.
    let mut flat: Vec<usize> = Vec::new();
    let mut at: Vec<usize> = Vec::new();
    for groups in &pattern_groups {
        at.push(flat.len());
        flat.push(groups.len());
        for g in groups {
            flat.push(g.len());
            flat.extend(g.iter().map(|w| id_of(w)));
        }
    }
    writeln!(out, "\n/// Required word groups per pattern (see build.rs for the layout).\npub static REQUIRED: &[u16] = &{flat:?};").unwrap();
    writeln!(out, "\n/// Where each pattern's record starts in REQUIRED.\npub static REQUIRED_AT: &[u32] = &{at:?};").unwrap();
    // Anchors by word id: the patterns word w anchors are ANCHOR_IDS[ANCHOR_AT[w]..ANCHOR_AT[w + 1]].
    let mut by_id: Vec<Vec<usize>> = vec![Vec::new(); word_ids.len()];
    for (w, ids) in &anchors {
        by_id[id_of(w)].extend(ids.iter().copied());
    }
    let mut anchor_at = vec![0usize];
    let mut anchor_ids: Vec<usize> = Vec::new();
    for ids in &by_id {
        anchor_ids.extend(ids.iter().copied());
        anchor_at.push(anchor_ids.len());
    }
    assert!(anchor_ids.len() < usize::from(u16::MAX), "anchor positions must fit u16 (ANCHOR_AT)");
    writeln!(out, "\n/// Where each word's anchored patterns start in ANCHOR_IDS (one more entry than words).\npub static ANCHOR_AT: &[u16] = &{anchor_at:?};").unwrap();
    writeln!(out, "\n/// Patterns anchored by each word, word after word.\npub static ANCHOR_IDS: &[u16] = &{anchor_ids:?};").unwrap();
    writeln!(out, "\n/// Patterns with no anchor word: always tried.\npub static ALWAYS: &[u16] = &{always:?};").unwrap();
    let slang_rows: Vec<(&str, &str, usize)> = slang.iter().map(|((k, l), v)| (k.as_str(), v.as_str(), *l)).collect();
    writeln!(out, "\n/// Chat shorthand → words, with the index of the language it belongs to.\npub static SLANG: &[(&str, &str, usize)] = &{slang_rows:?};").unwrap();

    let leet: Vec<(char, char)> = common
        .leet
        .iter()
        .map(|(k, v)| (k.chars().next().expect("leet key"), v.chars().next().expect("leet value")))
        .collect();
    writeln!(out, "\n/// Leetspeak digit or symbol → letter.\npub static LEET: &[(char, char)] = &{leet:?};").unwrap();
    let folds: Vec<(char, &str)> =
        common.folds.iter().map(|(k, v)| (k.chars().next().expect("fold key"), v.as_str())).collect();
    writeln!(out, "\n/// Look-alike or special letters → Latin.\npub static FOLDS: &[(char, &str)] = &{folds:?};").unwrap();
    let mut emoji: Vec<(char, &str)> = vec![];
    for (token, list) in &common.emoji {
        lexicon.insert(token.clone());
        for e in list {
            let mut cs = e.chars().filter(|c| !matches!(c, '\u{fe0f}' | '\u{fe0e}' | '\u{200d}'));
            emoji.push((cs.next().expect("emoji"), token.as_str()));
        }
    }
    emoji.sort();
    writeln!(out, "\n/// Emoji that carry meaning → token.\npub static EMOJI: &[(char, &str)] = &{emoji:?};").unwrap();
    for v in common.units.values() {
        lexicon.insert(v.clone());
    }
    writeln!(out, "\n/// Unit suffixes after a number → word.\npub static UNITS: &[(&str, &str)] = &{:?};", common.units.iter().collect::<Vec<_>>()).unwrap();
    lexicon.extend(common.currencies.iter().cloned());
    writeln!(out, "\n/// Currency words and codes.\npub static CURRENCIES: &[&str] = &{:?};", common.currencies).unwrap();
    writeln!(out, "\n/// Words the rules know besides those spelled in patterns.\npub static LEXICON: &[&str] = &{:?};", lexicon.difference(&pattern_words).collect::<Vec<_>>()).unwrap();

    // The classes' one-word members, for the learned scorer's back-off features ("followers" also
    // reads as "@people"), so a word the training data never paired with a threat still counts as
    // one of its kind. Class names are per language (`@pic`, `@foto`); nested `@class` members are
    // left out (their own class lists them).
    let mut class_words: BTreeSet<(String, String)> = BTreeSet::new();
    for lang in &langs {
        for (class, body) in &lang.classes {
            for alt in body.split('|').map(str::trim) {
                if !alt.is_empty() && !alt.contains(' ') && !alt.starts_with('@') {
                    class_words.insert((alt.to_string(), class.clone()));
                }
            }
        }
    }
    writeln!(out, "\n/// One-word class members → class name, sorted by word (a word may be in several classes).\npub static CLASS_WORDS: &[(&str, &str)] = &{:?};", class_words.iter().map(|(w, c)| (w.as_str(), c.as_str())).collect::<Vec<_>>()).unwrap();

    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("rules_data.rs");
    fs::write(dest, out).expect("write rules_data.rs");
}

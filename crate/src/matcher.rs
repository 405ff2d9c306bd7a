//! Patterns matched over tokens, not characters.
//!
//! `build.rs` compiles each rule pattern to a small program (classes expanded), kept as text in
//! the module: words (`send`), prefixes (`nud*`), numbers (`#`), gaps of up to N tokens (`~3`),
//! groups of alternatives (`(a b|c)`, optional with a trailing `?`), and `^` (the start of the
//! message or of a sentence). A message is a list of normalised tokens, so a pattern step
//! compares one token with one word instead of running a character automaton over the text.
//!
//! Matching is leftmost-first with greedy choices, as a backtracking regex engine does: the first
//! start token that matches wins, and at each choice the earlier alternative, the taken optional
//! group and the longer gap are tried first. A step budget per start keeps the cost bounded
//! whatever the pattern and the message (the generated patterns stay far below it).

use crate::prog_syntax::SYNTAX;

/// One step of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// This exact token, by its word id (see [`Prog::parse`]).
    Word(u32),
    /// A token that starts with this.
    Prefix(&'static str),
    /// A token of ASCII digits.
    Number,
    /// Up to N tokens, none of them a sentence end.
    Gap(usize),
    /// Alternatives; optional or not.
    Group(Vec<Vec<Node>>, bool),
    /// A group whose alternatives are all single words (most class expansions): one of these
    /// word ids (sorted), found by binary search instead of trying each alternative; optional or
    /// not. It matches exactly what the group would, in the same order of preference (every
    /// alternative ends at the same token).
    Words(Vec<u32>, bool),
}

/// The group as a [`Node::Words`] when every alternative is one word.
fn group(alts: Vec<Vec<Node>>, optional: bool) -> Node {
    let single = |alt: &Vec<Node>| matches!(alt.as_slice(), [Node::Word(_)]);
    if alts.iter().all(single) {
        let mut ids: Vec<u32> = alts.iter().filter_map(|a| if let [Node::Word(id)] = a.as_slice() { Some(*id) } else { None }).collect();
        ids.sort_unstable();
        ids.dedup();
        Node::Words(ids, optional)
    } else {
        Node::Group(alts, optional)
    }
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prog {
    /// Tied to the start of the message or of a sentence (right after a "." token).
    pub sentence_start: bool,
    pub seq: Vec<Node>,
    /// The word ids a match can start with (sorted); `None` when it may start with anything.
    first: Option<Vec<u32>>,
}

/// A message as the matcher sees it: its tokens, and each token's word id (`NO_WORD` for a
/// token no pattern spells).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text<'a> {
    pub tokens: &'a [String],
    pub ids: &'a [u32],
}

/// The id of a token that no pattern spells.
pub(crate) const NO_WORD: u32 = u32::MAX;

/// Backtracking steps allowed per start token (the generated patterns need a few dozen).
const STEP_BUDGET: u32 = 20_000;

/// The token that ends a sentence in normalised text.
const SENTENCE_END: &str = ".";


impl Prog {
    /// Parses a program written by `build.rs`; `Err` says what is wrong with it. `id_of` gives
    /// each literal word its id (the same ids as [`Text::ids`]).
    pub fn parse(src: &'static str, id_of: &dyn Fn(&str) -> u32) -> Result<Prog, String> {
        let body = src.trim_start();
        let (sentence_start, body) = match body.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let mut p = Parser { src: body, pos: 0, id_of };
        let mut alts = p.alternatives(false)?;
        let seq = if alts.len() == 1 { alts.pop().unwrap_or_default() } else { vec![group(alts, false)] };
        let first = first_set(&seq, None).map(|mut f| {
            f.sort_unstable();
            f.dedup();
            f
        });
        Ok(Prog { sentence_start, seq, first })
    }

    /// The leftmost match starting at token `from` or later, as the first and last token it
    /// covers (a sentence-start match covers the "." before it).
    pub fn find_at(&self, text: Text<'_>, from: usize) -> Option<(usize, usize)> {
        let tokens = text.tokens;
        let m = Matcher { text, steps: std::cell::Cell::new(0), first: self.first.as_deref() };
        for start in from..tokens.len() {
            let at = if self.sentence_start {
                if start == 0 && from == 0 {
                    if let Some(end) = m.run(&self.seq, 0) {
                        return Some((0, end.saturating_sub(1)));
                    }
                }
                if tokens[start] != SENTENCE_END {
                    continue;
                }
                start + 1
            } else {
                start
            };
            if let Some(end) = m.run(&self.seq, at) {
                return Some((start, end.saturating_sub(1).max(start)));
            }
        }
        None
    }

    /// Every literal token the program spells, numbers included (not prefixes, not gap sizes).
    pub fn literals(src: &'static str) -> impl Iterator<Item = &'static str> {
        crate::prog_syntax::literals(src)
    }

    /// The literal words the program spells: its literals less the numbers.
    pub fn words(src: &'static str) -> impl Iterator<Item = &'static str> {
        Self::literals(src).filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// The word ids a match of `seq` followed by something that starts with `then` can start with;
/// `None` when it can start with any token (a prefix, a number or a gap may come first).
fn first_set(seq: &[Node], then: Option<Vec<u32>>) -> Option<Vec<u32>> {
    let mut next = then;
    for node in seq.iter().rev() {
        next = match node {
            Node::Word(id) => Some(vec![*id]),
            Node::Prefix(_) | Node::Number | Node::Gap(_) => None,
            Node::Words(ids, optional) => match (&next, optional) {
                (_, false) => Some(ids.clone()),
                (Some(f), true) => Some(ids.iter().chain(f).copied().collect()),
                (None, true) => None,
            },
            Node::Group(alts, optional) => {
                let mut all = Vec::new();
                let mut any = false;
                for alt in alts {
                    match first_set(alt, next.clone()) {
                        Some(f) => all.extend(f),
                        None => any = true,
                    }
                }
                if *optional {
                    match &next {
                        Some(f) => all.extend(f.iter().copied()),
                        None => any = true,
                    }
                }
                (!any).then_some(all)
            }
        };
    }
    next
}

struct Matcher<'t> {
    text: Text<'t>,
    steps: std::cell::Cell<u32>,
    first: Option<&'t [u32]>,
}

impl Matcher<'_> {
    /// The end (exclusive token index) of the preferred match of `seq` at `at`, if any.
    fn run(&self, seq: &[Node], at: usize) -> Option<usize> {
        if let Some(first) = self.first {
            if !self.text.ids.get(at).is_some_and(|id| first.binary_search(id).is_ok()) {
                return None;
            }
        }
        self.steps.set(0);
        let mut end = None;
        self.seq(seq, at, &mut |j| {
            end = Some(j);
            true
        });
        end
    }

    fn tick(&self) -> bool {
        let n = self.steps.get() + 1;
        self.steps.set(n);
        n <= STEP_BUDGET
    }

    fn token(&self, i: usize) -> Option<&str> {
        self.text.tokens.get(i).map(String::as_str)
    }

    /// Matches `seq` at `i`, then hands each end position to `k` in preference order until `k`
    /// accepts one.
    fn seq(&self, seq: &[Node], i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        let Some((node, rest)) = seq.split_first() else { return k(i) };
        if !self.tick() {
            return false;
        }
        match node {
            Node::Word(w) => self.text.ids.get(i) == Some(w) && self.seq(rest, i + 1, k),
            Node::Prefix(p) => self.token(i).is_some_and(|t| t.starts_with(p)) && self.seq(rest, i + 1, k),
            Node::Number => {
                self.token(i).is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                    && self.seq(rest, i + 1, k)
            }
            Node::Gap(n) => {
                let mut max = 0;
                while max < *n && self.token(i + max).is_some_and(|t| !t.starts_with('.')) {
                    max += 1;
                }
                (0..=max).rev().any(|j| self.seq(rest, i + j, k))
            }
            Node::Words(ids, optional) => {
                let here = self.text.ids.get(i).is_some_and(|id| ids.binary_search(id).is_ok());
                (here && self.seq(rest, i + 1, k)) || (*optional && self.seq(rest, i, k))
            }
            Node::Group(alts, optional) => {
                for alt in alts {
                    if self.seq(alt, i, &mut |j| self.seq(rest, j, k)) {
                        return true;
                    }
                }
                *optional && self.seq(rest, i, k)
            }
        }
    }
}

struct Parser<'f> {
    src: &'static str,
    pos: usize,
    id_of: &'f dyn Fn(&str) -> u32,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    /// Alternatives separated by `|` up to the closing `)` (in a group) or the end.
    fn alternatives(&mut self, in_group: bool) -> Result<Vec<Vec<Node>>, String> {
        let mut alts = vec![];
        let mut seq = vec![];
        loop {
            match self.peek() {
                None if in_group => return Err("unclosed group".into()),
                None => {
                    alts.push(seq);
                    return Ok(alts);
                }
                Some(')') if in_group => {
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
                    let group = self.alternatives(true)?;
                    let optional = self.peek() == Some('?');
                    if optional {
                        self.pos += 1;
                    }
                    seq.push(self::group(group, optional));
                }
                Some('~') => {
                    self.pos += 1;
                    let digits = self.word();
                    seq.push(Node::Gap(digits.parse().map_err(|_| format!("bad gap {digits:?}"))?));
                }
                Some('#') => {
                    self.pos += 1;
                    seq.push(Node::Number);
                }
                Some(c) if SYNTAX.contains(&c) => return Err(format!("unexpected {c:?} at {}", self.pos)),
                Some(_) => {
                    let w = self.word();
                    seq.push(match w.strip_suffix('*') {
                        Some(p) if !p.is_empty() => Node::Prefix(p),
                        Some(_) => return Err("empty prefix".into()),
                        None => Node::Word((self.id_of)(w)),
                    });
                }
            }
        }
    }

    fn word(&mut self) -> &'static str {
        let start = self.pos;
        while self.peek().is_some_and(|c| !SYNTAX.contains(&c)) {
            self.pos += self.peek().map_or(1, char::len_utf8);
        }
        &self.src[start..self.pos]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    /// Test word ids: a hash of the word (collisions are not a concern for these few words).
    fn id_of(w: &str) -> u32 {
        w.bytes().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
    }

    fn parse(p: &'static str) -> Result<Prog, String> {
        Prog::parse(p, &id_of)
    }

    fn find_from(p: &'static str, s: &str, from: usize) -> Option<(usize, usize)> {
        let tokens = toks(s);
        let ids: Vec<u32> = tokens.iter().map(|t| id_of(t)).collect();
        parse(p).unwrap().find_at(Text { tokens: &tokens, ids: &ids }, from)
    }

    fn find(p: &'static str, s: &str) -> Option<(usize, usize)> {
        find_from(p, s, 0)
    }

    #[test]
    fn words_prefixes_numbers_and_gaps() {
        assert_eq!(find("send nudes", "pls send nudes now"), Some((1, 2)));
        assert_eq!(find("send nud*", "send nudez"), Some((0, 1)));
        assert_eq!(find("# dollars", "give 500 dollars"), Some((1, 2)));
        assert_eq!(find("# dollars", "give five dollars"), None);
        assert_eq!(find("send ~2 pics", "send me your pics"), Some((0, 3)));
        assert_eq!(find("send ~1 pics", "send me your pics"), None);
        assert_eq!(find("send ~3 pics", "send . your pics"), None, "a gap never crosses a sentence end");
    }

    #[test]
    fn single_word_groups_become_word_sets_and_match_the_same() {
        let p = parse("(send|post|leak) (the)? pics").unwrap();
        assert!(matches!(p.seq[0], Node::Words(ref ids, false) if ids.len() == 3));
        assert!(matches!(p.seq[1], Node::Words(_, true)));
        // The same pattern with a two-word alternative stays a group; both find the same.
        for text in ["leak the pics", "post pics", "send the the pics", "pics", "x post the pics"] {
            assert_eq!(find("(send|post|leak) (the)? pics", text), find("(send|post|leak|x y) (the|x y)? pics", text), "{text}");
        }
    }

    #[test]
    fn groups_alternatives_and_options_prefer_as_a_regex_would() {
        assert_eq!(find("(send|post) (the)? pics", "post the pics"), Some((0, 2)));
        assert_eq!(find("(send|post) (the)? pics", "post pics"), Some((0, 1)));
        // Greedy: the optional group is taken when it can be, and the longer gap first.
        assert_eq!(find("send (me)?", "send me"), Some((0, 1)));
        assert_eq!(find("send ~3", "send a b c d"), Some((0, 3)));
        // Backtracking into a group: "a b" must give way to "a" for "b c" to follow.
        assert_eq!(find("(a b|a) b c", "a b c"), Some((0, 2)));
    }

    #[test]
    fn first_sets_see_through_optional_groups() {
        let first = |p| parse(p).unwrap().first;
        let ids = |ws: &[&str]| {
            let mut v: Vec<u32> = ws.iter().map(|w| id_of(w)).collect();
            v.sort_unstable();
            Some(v)
        };
        assert_eq!(first("send nudes"), ids(&["send"]));
        assert_eq!(first("(please)? (send|give) pics"), ids(&["please", "send", "give"]));
        assert_eq!(first("((i|we) will)? post"), ids(&["i", "we", "post"]));
        assert_eq!(first("(a|) b"), ids(&["a", "b"]));
        assert_eq!(first("~2 send"), None);
        assert_eq!(first("nud* now"), None);
        assert_eq!(first("(now)?"), None, "may match nothing at all: any start");
    }

    #[test]
    fn sentence_start() {
        assert_eq!(find("^ pay now", "pay now"), Some((0, 1)));
        assert_eq!(find("^ pay now", "ok . pay now"), Some((1, 3)));
        assert_eq!(find("^ pay now", "you pay now"), None);
        assert_eq!(find_from("^ pay", "pay . pay", 1), Some((1, 2)));
    }

    #[test]
    fn program_words_leave_out_prefixes_gaps_and_numbers() {
        let src = "^ (send|post) nud* ~3 # (to)? 24 f.b";
        assert_eq!(Prog::words(src).collect::<Vec<_>>(), ["send", "post", "to", "f.b"]);
        assert_eq!(Prog::literals(src).collect::<Vec<_>>(), ["send", "post", "to", "24", "f.b"]);
    }

    #[test]
    fn a_word_matches_only_its_own_id() {
        assert_eq!(find("in 24 hours", "in 24 hours"), Some((0, 2)));
        assert_eq!(find("in 24 hours", "in 25 hours"), None);
    }

    #[test]
    fn bad_programs_are_errors() {
        for bad in ["(a|b", "~x", "a )", "a ?"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_step_budget_bounds_a_pathological_pattern() {
        // Nested gaps over a long message with no way to finish: stops, does not hang.
        let long: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        assert_eq!(find("~9 ~9 ~9 ~9 ~9 never", &long.join(" ")), None);
    }
}

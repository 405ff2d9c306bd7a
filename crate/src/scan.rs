//! One message against the rules: normalise, pick candidate patterns by anchor word, match,
//! and drop matches that are negated ("I would never post it") or that sit in a message that
//! is *about* sextortion (news, advice, reported speech).

use crate::lang;
use crate::model::{Sender, SignalId};
use crate::normalise;
use crate::rules::{From, RuleSet, Target, LANGS, PATTERNS};

/// What one message showed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MessageScan {
    /// Signals with their strongest weight (1–3), at most one entry per signal.
    pub signals: Vec<(SignalId, u8)>,
    /// The user said no.
    pub refusal: bool,
    /// A renewed push ("come on", "just one").
    pub pressure: bool,
    /// "Your turn", "now you".
    pub reciprocity: bool,
    /// Self-harm words.
    pub crisis: bool,
    /// The message is about sextortion rather than part of it.
    pub about: bool,
    /// The pictures talked about are of something ordinary.
    pub neutral: bool,
    /// A rule matched but was negated ("I would never post it").
    pub negated: bool,
    /// Detected language (index into the rule languages).
    pub lang: Option<usize>,
}

impl MessageScan {
    fn add(&mut self, id: SignalId, weight: u8) {
        match self.signals.iter_mut().find(|(s, _)| *s == id) {
            Some((_, w)) => *w = (*w).max(weight),
            None => self.signals.push((id, weight)),
        }
    }
}

/// Reusable buffers, so scanning a stream of messages allocates little.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scratch {
    tokens: Vec<String>,
    ids: Vec<u32>,
    candidates: Vec<u16>,
    present: Vec<u64>,
    /// The learned scorer's feature buckets of the last message.
    pub(crate) features: Vec<u32>,
}

impl Scratch {
    /// The normalised tokens of the last message scanned.
    pub(crate) fn tokens(&self) -> &[String] {
        &self.tokens
    }
}

/// Scans one message.
pub(crate) fn scan(text: &str, from: Sender, scratch: &mut Scratch) -> MessageScan {
    let mut out = MessageScan::default();
    scratch.tokens.clear();
    normalise::tokens(text, crate::MAX_CHARS_PER_MESSAGE, &mut scratch.tokens);
    if scratch.tokens.is_empty() {
        return out;
    }
    out.lang = lang::detect(scratch.tokens.iter().map(String::as_str));

    let rules = RuleSet::get();
    rules.prepare(&scratch.tokens, &mut scratch.ids, &mut scratch.present, &mut scratch.candidates);
    let text = RuleSet::text(&scratch.tokens, &scratch.ids);
    let mut found: Vec<(Target, u8, bool)> = Vec::new();
    for &id in &scratch.candidates {
        let p = &PATTERNS[id as usize];
        let applies = match (p.from, from) {
            (From::Any, _) | (_, Sender::Unknown) => true,
            (From::Them, s) => s == Sender::Them,
            (From::Me, s) => s == Sender::Me,
        };
        if !applies {
            continue;
        }
        let Some(prog) = rules.prog(id) else { continue };
        let mut at = 0;
        while let Some((first, last)) = prog.find_at(text, at) {
            if !(p.negatable && negated(&scratch.tokens, first, last, p.own_negators, out.lang, p.lang)) {
                found.push((p.target, p.weight, p.crisis));
                break;
            }
            out.negated = true;
            at = first + 1;
        }
    }
    for (target, weight, crisis) in found {
        match target {
            Target::Signal(id) => out.add(id, weight),
            Target::Refusal => out.refusal = true,
            Target::About => out.about = true,
            Target::Pressure => out.pressure = true,
            Target::Reciprocity => out.reciprocity = true,
            Target::Neutral => out.neutral = true,
        }
        out.crisis |= crisis;
    }
    if out.neutral {
        // Strong requests (nudes, body parts) stand; "send a pic" of the beach does not.
        for (id, w) in out.signals.iter_mut() {
            if *id == SignalId::SexualRequest && *w == 2 {
                *w = 1;
            }
        }
    }
    if out.about {
        // News, advice and retellings: their words are not a threat to the reader. The user's
        // own distress still counts (they may be retelling what is happening to them).
        out.signals.retain(|(id, _)| *id == SignalId::VictimDistress);
        out.pressure = false;
        out.reciprocity = false;
    }
    out
}

/// Whether a match covering tokens `first..=last` is negated: a negator inside the match that
/// the pattern itself doesn't spell out, or one just before it, reached back over "bridge"
/// words only ("not *going to* post", "would never share") and never across a sentence end.
fn negated(tokens: &[String], first: usize, last: usize, own_negators: &[&str], msg_lang: Option<usize>, rule_lang: usize) -> bool {
    let langs = [Some(rule_lang), msg_lang, Some(0)];
    let is_neg = |t: &str| langs.iter().flatten().any(|&l| LANGS[l].negators.contains(&t));
    let is_bridge = |t: &str| langs.iter().flatten().any(|&l| LANGS[l].bridges.contains(&t));
    if tokens[first..=last.min(tokens.len() - 1)].iter().any(|t| is_neg(t) && !own_negators.contains(&t.as_str())) {
        return true;
    }
    let mut i = first;
    let mut steps = 0;
    while i > 0 && steps < 4 {
        i -= 1;
        steps += 1;
        let t = tokens[i].as_str();
        if is_neg(t) {
            return true;
        }
        if !is_bridge(t) {
            return false;
        }
    }
    false
}

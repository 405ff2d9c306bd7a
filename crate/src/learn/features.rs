//! What the learned scorer reads of one message: hashed features over its normalised tokens.
//!
//! - words and word pairs (within a sentence), so "send … followers" counts as a phrase;
//! - character 3–5-grams of each word (with its edges), so a misspelling, a new inflection or a
//!   word in another language still shares most of its features with the forms in training;
//! - the rules' word classes as back-off ("followers" also reads as `@people`, and the pair
//!   "to followers" as "to @people"), so a noun the training data never paired with a threat
//!   still counts as one of its kind;
//! - the rule hits and flags of the same message ("threat_to_share at weight 3", "about").
//!
//! Every feature is hashed (FNV-1a, one namespace byte first) into `2^bits` buckets. Training and
//! scoring call the same function, so the two cannot drift apart.

#[cfg(test)]
use crate::model::SignalId;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::rules::CLASS_WORDS;
use crate::scan::MessageScan;

/// Longest word whose character n-grams are taken (longer ones are codes, links, noise).
const MAX_GRAM_WORD: usize = 24;

/// FNV-1a over a namespace byte and the parts, separated by a zero byte.
fn hash(namespace: u8, parts: &[&[u8]]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |b: u8| {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    };
    eat(namespace);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            eat(0);
        }
        p.iter().copied().for_each(&mut eat);
    }
    h
}

/// The classes a word belongs to (a run of [`CLASS_WORDS`], which is sorted by word), found
/// with one hash lookup (a binary search of string compares per token was a tenth of the
/// engine's time).
fn classes(word: &str) -> &'static [(&'static str, &'static str)] {
    static RUNS: OnceLock<HashMap<&'static str, (u32, u32)>> = OnceLock::new();
    let runs = RUNS.get_or_init(|| {
        let mut m: HashMap<&'static str, (u32, u32)> = HashMap::default();
        for (i, (w, _)) in CLASS_WORDS.iter().enumerate() {
            let i = i as u32;
            m.entry(*w).and_modify(|r| r.1 = i + 1).or_insert((i, i + 1));
        }
        m
    });
    runs.get(word).map_or(&[], |&(a, b)| &CLASS_WORDS[a as usize..b as usize])
}

/// Appends the features of a message (its normalised `tokens` and its rule scan) to `out` as
/// bucket indices below `2^bits`, sorted and without repeats.
pub(crate) fn extract(tokens: &[String], scan: &MessageScan, bits: u32, out: &mut Vec<u32>) {
    out.clear();
    let mask = (1u32 << bits) - 1;
    let mut push = |h: u32| out.push(h & mask);
    // The previous word of the sentence and its first class.
    let mut prev: Option<(&str, Option<&str>)> = None;
    let mut gram = Vec::with_capacity(MAX_GRAM_WORD + 2);
    let mut words = 0usize;
    for t in tokens {
        let t = t.as_str();
        if t == "." {
            prev = None;
            continue;
        }
        words += 1;
        push(hash(b'w', &[t.as_bytes()]));
        let its = classes(t);
        let class = its.first().map(|(_, c)| *c);
        for (_, c) in its {
            push(hash(b'k', &[c.as_bytes()]));
        }
        if let Some((p, pc)) = prev {
            push(hash(b'b', &[p.as_bytes(), t.as_bytes()]));
            if let Some(c) = class {
                push(hash(b'b', &[p.as_bytes(), b"@", c.as_bytes()]));
            }
            if let Some(c) = pc {
                push(hash(b'b', &[b"@", c.as_bytes(), t.as_bytes()]));
            }
        }
        prev = Some((t, class));
        // Character n-grams over "<word>", by char so other scripts stay whole letters. Most
        // tokens are ASCII, where a char is a byte: the same windows, without decoding.
        if t.is_ascii() {
            if t.len() <= MAX_GRAM_WORD {
                let mut edged = [0u8; MAX_GRAM_WORD + 2];
                edged[0] = b'<';
                edged[1..=t.len()].copy_from_slice(t.as_bytes());
                edged[t.len() + 1] = b'>';
                let edged = &edged[..t.len() + 2];
                for n in 3..=5 {
                    for w in edged.windows(n) {
                        push(hash(b'c', &[w]));
                    }
                }
            }
        } else if t.chars().count() <= MAX_GRAM_WORD {
            gram.clear();
            gram.push('<');
            gram.extend(t.chars());
            gram.push('>');
            let mut buf = [0u8; 5 * 4];
            for n in 3..=5 {
                for w in gram.windows(n) {
                    let mut len = 0;
                    for c in w {
                        len += c.encode_utf8(&mut buf[len..]).len();
                    }
                    push(hash(b'c', &[&buf[..len]]));
                }
            }
        }
    }
    for &(id, weight) in &scan.signals {
        let name = id.as_str().as_bytes();
        push(hash(b'r', &[name]));
        push(hash(b'r', &[name, &[b'0' + weight]]));
    }
    let flags: [(bool, &[u8]); 6] = [
        (scan.about, b"about"),
        (scan.neutral, b"neutral"),
        (scan.refusal, b"refusal"),
        (scan.pressure, b"pressure"),
        (scan.reciprocity, b"reciprocity"),
        (scan.crisis, b"crisis"),
    ];
    for (on, name) in flags {
        if on {
            push(hash(b'f', &[name]));
        }
    }
    // Length as a coarse bucket: a one-word message and a scam e-mail read differently.
    let len_bucket: &[u8] = match words {
        0..=2 => b"1",
        3..=8 => b"2",
        9..=30 => b"3",
        31..=120 => b"4",
        _ => b"5",
    };
    push(hash(b'l', &[len_bucket]));
    push(hash(b'l', &[b"bias"]));
    // Sorted and unique through a bitmap of the buckets (64 words at 2^12): cheaper than sorting.
    let mut seen = vec![0u64; (1usize << bits).div_ceil(64)];
    for &b in out.iter() {
        seen[b as usize / 64] |= 1 << (b % 64);
    }
    out.clear();
    for (i, &w) in seen.iter().enumerate() {
        let mut w = w;
        while w != 0 {
            out.push(i as u32 * 64 + w.trailing_zeros());
            w &= w - 1;
        }
    }
}

/// The feature a rule sign contributes, for tests.
#[cfg(test)]
pub(crate) fn rule_feature(id: SignalId, bits: u32) -> u32 {
    hash(b'r', &[id.as_str().as_bytes()]) & ((1u32 << bits) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(text: &str) -> Vec<u32> {
        let mut tokens = Vec::new();
        crate::normalise::tokens(text, 10_000, &mut tokens);
        let mut out = Vec::new();
        extract(&tokens, &MessageScan::default(), 16, &mut out);
        out
    }

    #[test]
    fn sorted_unique_and_in_range() {
        let f = feats("send it to all your followers, all your followers!!");
        assert!(f.windows(2).all(|w| w[0] < w[1]));
        assert!(f.iter().all(|&i| i < 1 << 16));
    }

    #[test]
    fn spelling_tricks_read_alike() {
        assert_eq!(feats("send me your nudes"), feats("s e n d me ur n00dz"));
    }

    #[test]
    fn rule_hits_are_features() {
        let scan = MessageScan { signals: vec![(SignalId::ThreatToShare, 3)], ..MessageScan::default() };
        let mut out = Vec::new();
        extract(&["hi".to_string()], &scan, 16, &mut out);
        assert!(out.contains(&rule_feature(SignalId::ThreatToShare, 16)));
    }

    #[test]
    fn class_members_share_a_backoff_feature() {
        let a = feats("followers");
        let b = feats("classmates");
        assert!(a.iter().any(|x| b.contains(x)), "both are @people");
        assert!(!feats("banana").iter().any(|x| a.contains(x) && b.contains(x) && !feats("zzz").contains(x)));
    }
}

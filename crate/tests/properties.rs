//! Property tests: what must hold for ANY message text, since every text comes from a stranger.
//!
//! - never panics, on any Unicode (hostile mixes: emoji, combining marks, zero-width and bidi
//!   controls, look-alike scripts, fullwidth, control characters, long repeats);
//! - deterministic (same input, same `Analysis`, also through a fresh `Analyser`);
//! - normalisation idempotent;
//! - appending a threat or a demand never lowers the level;
//! - incremental analysis in random batches equals analysing the whole list;
//! - signal indices are in range, strictly ascending, at most `MAX_INDICES_PER_SIGNAL`.
//!
//! Case counts and string sizes are bounded so the whole file runs in well under a minute in a
//! debug build. Failures are not persisted to disk (the shrunk input is printed instead; add it
//! to `tests/regressions/` and `tests/hostile.rs`).

use headsup::{analyse, normalise, Analyser, Analysis, Audience, Context, Level, Message, Sender, SignalId, Stage};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Threats and demands: each, appended to any conversation, must never lower its level.
const ESCALATIONS: &[&str] = &[
    "I will send your nudes to all your followers unless you pay $500",
    "pay me $300 in steam gift cards in the next hour",
    "I have a list of your friends and family and they will all see your pics",
    "you have 10 minutes. send the money or I post everything",
    "send 200 usd to my cash app now or your life is over",
    "I hacked your phone and recorded you",
];

/// Words that reach the rules (so random texts also exercise matching, negation, scoring).
const WORDS: &[&str] = &[
    "send", "nudes", "n00dz", "s3nd", "pics", "pay", "$500", "500 usd", "£200", "gift card", "bitcoin",
    "snap", "telegram", "followers", "family", "post", "everyone", "never", "not", "don't", "tell",
    "anyone", "hacked", "recorded", "webcam", "minutes", "tick tock", "please", "scared", "no",
    "your turn", "love you", "special", "delete", "chat", "u", "ur", "pls", "rn", "viral", "ruin",
    "life", "police", "warn", "scammers", "say", "\"", "'", ".", "!", "?", "@user", "x@y.com",
    "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "envíame", "fotos", "geld", "argent", "dinheiro",
];

fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// One hostile character from a chosen family.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        2 => proptest::sample::select(vec!['😀', '🍑', '🍆', '💦', '💰', '💵', '⏰', '📸', '❤', '🔥', '👀', '🏳', '👨', '\u{1F3FB}']),
        2 => proptest::char::range('\u{0300}', '\u{036F}'), // combining marks
        2 => proptest::sample::select(vec!['\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{2060}', '\u{00AD}', '\u{034F}', '\u{FE0F}', '\u{E0041}']),
        1 => proptest::char::range('\u{0400}', '\u{04FF}'), // Cyrillic
        1 => proptest::char::range('\u{0370}', '\u{03FF}'), // Greek
        1 => proptest::char::range('\u{FF01}', '\u{FF5E}'), // fullwidth
        1 => proptest::sample::select(vec!['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}']),
        1 => proptest::char::range('\u{0000}', '\u{001F}'),
        1 => proptest::char::range('\u{007F}', '\u{009F}'),
        1 => proptest::char::range('\u{0590}', '\u{06FF}'), // Hebrew, Arabic
        1 => proptest::char::range('\u{1D400}', '\u{1D7FF}'), // mathematical letters
        1 => proptest::char::range('\u{2460}', '\u{24FF}'), // enclosed alphanumerics
        1 => proptest::char::range('\u{3000}', '\u{30FF}'),
        1 => any::<char>(),
    ]
}

/// A fragment: a hostile character, a word the rules know, or a long repeat.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => hostile_char().prop_map(String::from),
        4 => proptest::sample::select(WORDS).prop_map(|w| format!("{w} ")),
        1 => (hostile_char(), 1usize..300).prop_map(|(c, n)| c.to_string().repeat(n)),
        1 => (proptest::sample::select(WORDS), 1usize..20).prop_map(|(w, n)| w.repeat(n)),
    ]
}

/// A hostile message text (bounded: at most ~40 fragments).
fn hostile_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
}

fn sender() -> impl Strategy<Value = Sender> {
    prop_oneof![Just(Sender::Them), Just(Sender::Me), Just(Sender::Unknown)]
}

fn context() -> impl Strategy<Value = Context> {
    prop_oneof![Just(Audience::Teen), Just(Audience::Adult)].prop_map(|audience| Context { audience, site: None })
}

fn message() -> impl Strategy<Value = Message> {
    (sender(), hostile_text(), any::<bool>(), proptest::option::of("[0-9:apm ]{0,8}"))
        .prop_map(|(from, text, has_media, time)| Message { from, text, time, has_media })
}

/// A conversation mixing hostile texts and escalations (so signals repeat and indices fill up).
fn conversation(max: usize) -> impl Strategy<Value = Vec<Message>> {
    let msg = prop_oneof![
        3 => message(),
        1 => (sender(), proptest::sample::select(ESCALATIONS)).prop_map(|(s, t)| Message::new(s, t)),
    ];
    proptest::collection::vec(msg, 0..max)
}

/// Structural invariants of any analysis of `n` messages.
fn check(a: &Analysis, n: usize) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.message_count, n);
    let ids: Vec<SignalId> = a.signals.iter().map(|s| s.id).collect();
    prop_assert!(ids.windows(2).all(|w| w[0] < w[1]), "signals not unique in declaration order: {:?}", ids);
    for s in &a.signals {
        prop_assert!(!s.messages.is_empty(), "{:?} has no messages", s.id);
        prop_assert!(s.messages.len() <= headsup::MAX_INDICES_PER_SIGNAL, "{:?}: {} indices", s.id, s.messages.len());
        prop_assert!(s.messages.windows(2).all(|w| w[0] < w[1]), "{:?}: not ascending {:?}", s.id, s.messages);
        prop_assert!(s.messages.iter().all(|&i| i < n), "{:?}: index out of range {:?} (n = {})", s.id, s.messages, n);
        // A family only the learned scorer read is listed under its representative sign, with
        // the learned family's reason.
        let learned = format!("reason_learned_{}", headsup::Family::of(s.id).as_str());
        prop_assert!(s.reason == format!("reason_{}", s.id.as_str()) || s.reason == learned, "{:?}: reason {}", s.id, s.reason);
    }
    prop_assert!(!a.crisis || a.level == Level::Urgent, "crisis but level {:?}", a.level);
    prop_assert_eq!(a.crisis, a.crisis_messages > 0, "crisis flag and count disagree");
    prop_assert!(a.crisis_messages <= n);
    prop_assert_eq!(a.stage == Stage::None, n == 0);
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// No panic on any single message, from anyone, for either audience; invariants hold.
    #[test]
    fn one_message_never_panics(msg in message(), ctx in context()) {
        let a = analyse(std::slice::from_ref(&msg), &ctx);
        check(&a, 1)?;
    }

    /// Fully arbitrary Unicode strings (not only the hostile families) do not panic either.
    #[test]
    fn any_unicode_never_panics(text in any::<String>(), s in sender(), ctx in context()) {
        let _ = normalise(&text);
        let a = analyse(&[Message::new(s, text)], &ctx);
        check(&a, 1)?;
    }

    /// normalise(normalise(x)) == normalise(x). Ignored while the bug is open: minimal inputs
    /// in tests/regressions/idempotence/ (e.g. "24m" -> "2am" -> "2 am"; "i l!!!AAA" ->
    /// "i l a" -> "i la"; "4a2222222222c" -> "aa2222222222c" -> "xcode"). Run it with
    /// `cargo test --test properties -- --ignored`.
    #[test]
    fn normalise_is_idempotent(text in hostile_text()) {
        let once = normalise(&text);
        let twice = normalise(&once);
        prop_assert_eq!(&once, &twice, "input {:?}", text);
    }

    /// Same for arbitrary Unicode.
    #[test]
    fn normalise_is_idempotent_any(text in any::<String>()) {
        let once = normalise(&text);
        prop_assert_eq!(&once, &normalise(&once), "input {:?}", text);
    }

    /// Normalised output has no stray spaces (tokens joined by single spaces).
    #[test]
    fn normalise_output_is_tokens(text in hostile_text()) {
        let n = normalise(&text);
        prop_assert!(!n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "), "{:?} -> {:?}", text, n);
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Same input, same result: twice through `analyse`, and through a fresh `Analyser`.
    #[test]
    fn deterministic(msgs in conversation(16), ctx in context()) {
        let a = analyse(&msgs, &ctx);
        let b = analyse(&msgs, &ctx);
        prop_assert_eq!(&a, &b);
        let mut fresh = Analyser::new(ctx.clone());
        for m in &msgs {
            fresh.push(m);
        }
        prop_assert_eq!(&fresh.result(), &a);
        prop_assert_eq!(fresh.message_count(), msgs.len());
        check(&a, msgs.len())?;
        // And the normalised forms are stable too.
        for m in &msgs {
            prop_assert_eq!(normalise(&m.text), normalise(&m.text));
        }
    }

    /// Pushing in random batches gives the same Analysis as `analyse` on the whole list, and
    /// the result after every batch equals that of a reference analyser fed one message at a
    /// time (which is what `analyse` on the prefix does).
    #[test]
    fn incremental_equals_whole(msgs in conversation(24), ctx in context(), cuts in proptest::collection::vec(1usize..6, 0..30)) {
        let whole = analyse(&msgs, &ctx);
        check(&whole, msgs.len())?;
        let mut inc = Analyser::new(ctx.clone());
        let mut reference = Analyser::new(ctx.clone());
        let mut at = 0;
        let mut cuts = cuts.into_iter();
        while at < msgs.len() {
            let end = (at + cuts.next().unwrap_or(3)).min(msgs.len());
            inc.push_batch(msgs[at..end].iter().cloned());
            for m in &msgs[at..end] {
                reference.push(m);
            }
            at = end;
            let partial = inc.result();
            check(&partial, at)?;
            prop_assert_eq!(&partial, &reference.result(), "prefix of {} differs", at);
        }
        prop_assert_eq!(&inc.result(), &whole);
        // One prefix checked against a from-scratch analysis too.
        let half = msgs.len() / 2;
        let mut again = Analyser::new(ctx.clone());
        again.push_batch(msgs[..half].iter().cloned());
        prop_assert_eq!(&again.result(), &analyse(&msgs[..half], &ctx));
    }

    /// Appending a threat or demand never lowers the level (and the analyser's state after the
    /// prefix is not disturbed by it: a clone continues independently).
    #[test]
    fn escalation_never_lowers_level(
        msgs in conversation(16),
        ctx in context(),
        esc in proptest::sample::select(ESCALATIONS),
        from in prop_oneof![Just(Sender::Them), Just(Sender::Unknown)],
    ) {
        let before = analyse(&msgs, &ctx);
        let mut more = msgs.clone();
        more.push(Message::new(from, esc));
        let after = analyse(&more, &ctx);
        check(&after, more.len())?;
        prop_assert!(after.level >= before.level, "{:?} lowered {:?} to {:?}", esc, before.level, after.level);
        prop_assert!(after.crisis_messages >= before.crisis_messages, "the crisis count went down");
        // And every sign the prefix showed is still reported (signals are never forgotten),
        // unless the prefix was at level None (then weak signs are hidden by design).
        if before.level > Level::None {
            for s in &before.signals {
                // A family only the scorer read is named only while the level rests on it (it is
                // supporting evidence), so it may give way to the rules' own signs.
                let kept = after.has(s.id) || s.reason.starts_with("reason_learned_");
                prop_assert!(kept, "{:?} disappeared after {:?}", s.id, esc);
            }
        }
    }

}

proptest! {
    #![proptest_config(config(24))]

    /// Long conversations keep at most MAX_INDICES_PER_SIGNAL indices, earliest first.
    #[test]
    fn indices_are_capped(n in 33usize..72, esc in proptest::sample::select(ESCALATIONS), ctx in context()) {
        let msgs: Vec<Message> = (0..n).map(|_| Message::new(Sender::Them, esc)).collect();
        let a = analyse(&msgs, &ctx);
        check(&a, n)?;
        for s in &a.signals {
            let expected: Vec<usize> = (0..s.messages.len()).collect();
            prop_assert_eq!(&s.messages, &expected, "{:?} should keep the earliest indices", s.id);
        }
    }
}

//! Shared input shapes and invariant checks for the Heads Up fuzz targets.
//!
//! Every target feeds hostile text to the core and then checks what must hold for *any* input:
//! no panic (libFuzzer catches it), deterministic results, idempotent normalisation, signal
//! indices in range and sorted, incremental analysis equal to whole-conversation analysis, and
//! adding a threat or a demand never lowering the level.

use arbitrary::Arbitrary;
use headsup::{Analyser, Analysis, Audience, Context, Level, Message, Sender, SignalId};

/// Texts that, appended to any conversation, must never lower its level.
pub const ESCALATIONS: &[&str] = &[
    "I will send your nudes to all your followers unless you pay $500",
    "pay me 300 dollars in amazon gift cards now",
    "I have your pics and a list of your friends and family. everyone will see them",
    "you have 10 minutes to send the money or I post it everywhere",
    "send $200 to my cash app or your life is over",
];

/// One message as the fuzzer invents it.
#[derive(Arbitrary, Debug, Clone, PartialEq)]
pub struct FuzzMessage {
    /// Sender: 0 them, 1 me, anything else unknown (taken modulo 3).
    pub from: u8,
    /// Whether it carries media.
    pub has_media: bool,
    /// The message text (any valid UTF-8).
    pub text: String,
}

/// A whole conversation as the fuzzer invents it. `messages` is last so `arbitrary` takes the
/// rest of the input for it (a "keep going" byte before each message).
#[derive(Arbitrary, Debug, Clone, PartialEq)]
pub struct FuzzConversation {
    /// Bit 0: adult audience.
    pub audience: u8,
    /// Seeds how the conversation is cut into batches and which escalation text is appended.
    pub split_seed: u64,
    /// The messages, in page order.
    pub messages: Vec<FuzzMessage>,
}

/// Maps a byte to a sender.
pub fn sender(b: u8) -> Sender {
    match b % 3 {
        0 => Sender::Them,
        1 => Sender::Me,
        _ => Sender::Unknown,
    }
}

/// Maps a byte to a context.
pub fn context(b: u8) -> Context {
    Context { audience: if b & 1 == 1 { Audience::Adult } else { Audience::Teen }, site: None }
}

impl FuzzMessage {
    /// The engine's message.
    pub fn to_message(&self) -> Message {
        Message { from: sender(self.from), text: self.text.clone(), time: None, has_media: self.has_media }
    }
}

/// Structural invariants of any analysis of `n` messages.
pub fn check_analysis(a: &Analysis, n: usize) {
    assert_eq!(a.message_count, n, "message_count");
    let mut prev: Option<SignalId> = None;
    for s in &a.signals {
        assert!(prev.map_or(true, |p| p < s.id), "signals not in declaration order / duplicated: {:?}", a.signals);
        prev = Some(s.id);
        assert_eq!(s.reason, format!("reason_{}", s.id.as_str()));
        assert!(!s.messages.is_empty(), "signal {:?} without messages", s.id);
        assert!(s.messages.len() <= headsup::MAX_INDICES_PER_SIGNAL, "too many indices for {:?}", s.id);
        assert!(s.messages.windows(2).all(|w| w[0] < w[1]), "indices not strictly ascending: {:?}", s.messages);
        assert!(s.messages.iter().all(|&i| i < n), "index out of range: {:?} (n = {n})", s.messages);
    }
    if a.crisis {
        assert_eq!(a.level, Level::Urgent, "crisis without urgent level");
    }
    assert_eq!(a.stage == headsup::Stage::None, n == 0, "stage None iff no messages");
    let mut langs = a.languages.clone();
    langs.sort();
    langs.dedup();
    assert_eq!(langs.len(), a.languages.len(), "duplicate languages {:?}", a.languages);
}

/// Normalisation never panics and is idempotent (for outputs the engine reads whole).
pub fn check_normalise(text: &str) {
    let once = headsup::normalise(text);
    assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "), "stray spaces: {once:?}");
    if once.chars().count() <= headsup::MAX_CHARS_PER_MESSAGE {
        let twice = headsup::normalise(&once);
        if once != twice {
            idempotence_violation(text, &once, &twice);
        }
    }
}

/// A known-open class of bug can be logged instead of stopping the run: with
/// `HEADSUP_FUZZ_SOFT_IDEMPOTENCE=<dir>` set, an idempotence violation is written to `<dir>`
/// (at most 500 files, named by a hash of the input) and the run goes on, so a long fuzz run
/// still looks for panics and the other invariants. Without it (the default) it is a crash.
fn idempotence_violation(text: &str, once: &str, twice: &str) {
    match std::env::var_os("HEADSUP_FUZZ_SOFT_IDEMPOTENCE") {
        None => panic!("normalise is not idempotent for input {text:?}: {once:?} -> {twice:?}"),
        Some(dir) => {
            use std::hash::{Hash, Hasher};
            use std::sync::atomic::{AtomicUsize, Ordering};
            // Once the directory is full, stop touching the file system (violations are
            // frequent; listing the directory on each would cost most of the run).
            static LOGGED: AtomicUsize = AtomicUsize::new(0);
            if LOGGED.load(Ordering::Relaxed) >= 500 {
                return;
            }
            let dir = std::path::PathBuf::from(dir);
            let _ = std::fs::create_dir_all(&dir);
            let count = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
            LOGGED.store(count, Ordering::Relaxed);
            if count < 500 {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                text.hash(&mut h);
                let _ = std::fs::write(dir.join(format!("idem-{:016x}", h.finish())), text.as_bytes());
            }
        }
    }
}

/// One message: no panic, invariants, determinism, and escalation never lowers the level.
pub fn check_message(selector: u8, text: &str) {
    let ctx = context(selector >> 2);
    let msg = Message { from: sender(selector), text: text.to_string(), time: None, has_media: selector & 0x80 != 0 };
    let a = headsup::analyse(std::slice::from_ref(&msg), &ctx);
    check_analysis(&a, 1);
    let mut fresh = Analyser::new(ctx.clone());
    fresh.push(&msg);
    assert_eq!(fresh.result(), a, "Analyser and analyse disagree");
    // Scanning the (long) escalation text costs several times the fuzzed message, so it is
    // checked for one input in four (selector bits 5-6 both set; the fuzzer learns to set them,
    // the branch being new coverage). The conversation target checks it on every input.
    if selector & 0x60 != 0x60 {
        return;
    }
    let esc = ESCALATIONS[(selector as usize) % ESCALATIONS.len()];
    fresh.push(&Message::new(Sender::Them, esc));
    let b = fresh.result();
    check_analysis(&b, 2);
    assert!(b.level >= a.level, "appending {esc:?} lowered {:?} to {:?}", a.level, b.level);
}

/// A small deterministic PRNG (xorshift64*), so batch splits follow from the input.
pub struct Splits(u64);

impl Splits {
    /// Seeded generator (0 is mapped to a fixed non-zero seed).
    pub fn new(seed: u64) -> Self {
        Splits(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }
    /// Next value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// A conversation: whole == incremental in random batches, results checked after every batch,
/// and appending an escalation never lowers the level.
pub fn check_conversation(c: &FuzzConversation) {
    let ctx = context(c.audience);
    let messages: Vec<Message> = c.messages.iter().map(FuzzMessage::to_message).collect();
    let whole = headsup::analyse(&messages, &ctx);
    check_analysis(&whole, messages.len());

    let mut rng = Splits::new(c.split_seed);
    let mut inc = Analyser::new(ctx.clone());
    // Fed one message at a time, as `analyse` does; compared after every batch (linear cost,
    // where re-analysing each prefix from scratch would be quadratic).
    let mut reference = Analyser::new(ctx.clone());
    let mut at = 0;
    while at < messages.len() {
        let take = 1 + (rng.next() % 4) as usize;
        let end = (at + take).min(messages.len());
        inc.push_batch(messages[at..end].iter().cloned());
        for m in &messages[at..end] {
            reference.push(m);
        }
        at = end;
        let partial = inc.result();
        check_analysis(&partial, at);
        assert_eq!(partial, reference.result(), "incremental != one-by-one analysis at {at}");
    }
    assert_eq!(inc.result(), whole, "incremental != whole");

    let esc = ESCALATIONS[(rng.next() % ESCALATIONS.len() as u64) as usize];
    let mut more = inc.clone();
    more.push(&Message::new(Sender::Them, esc));
    let after = more.result();
    check_analysis(&after, messages.len() + 1);
    assert!(after.level >= whole.level, "appending {esc:?} lowered {:?} to {:?}", whole.level, after.level);
}

/// Encodes a conversation the way `arbitrary` 1.x decodes [`FuzzConversation`], so seeds can be
/// written as plain text. `make_seeds` checks the round trip, so a format change is caught.
pub fn encode(c: &FuzzConversation) -> Vec<u8> {
    let mut front = vec![c.audience];
    front.extend_from_slice(&c.split_seed.to_le_bytes());
    // Sizes are read from the end of the data; their width depends on the bytes left then.
    let n = c.messages.len();
    let mut widths = vec![0usize; n];
    let mut tail = 1; // the final "stop" byte
    for i in (0..n).rev() {
        let text = c.messages[i].text.len();
        let rest_front = text + tail;
        let w = if rest_front + 1 <= 256 { 1 } else if rest_front + 2 <= 65_537 { 2 } else { 4 };
        widths[i] = w;
        tail = rest_front + w + 3; // the next message's keep-going, from and media bytes
    }
    let mut back: Vec<u8> = Vec::new();
    for (i, m) in c.messages.iter().enumerate() {
        front.extend_from_slice(&[1, m.from, u8::from(m.has_media)]);
        front.extend_from_slice(m.text.as_bytes());
        let size = m.text.len() as u64;
        let bytes = size.to_be_bytes();
        back.splice(0..0, bytes[8 - widths[i]..].iter().copied());
    }
    front.push(0);
    front.extend(back);
    front
}

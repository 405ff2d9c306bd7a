//! The learned scorer beside the rules: hashed features of a message ([`features`]) read by one
//! small linear head per [`Family`] ([`weights`]), trained from the data under `crate/data/` by
//! `headsup train` ([`train`], [`data`]). The rules say *which* sign a message shows; the heads
//! say how much the message reads like that family's lines rather than ordinary chat, in words
//! no rule spelled out. `score.rs` combines both.

pub(crate) mod features;
pub mod weights;
#[cfg(feature = "cli")]
pub mod cv;
#[cfg(feature = "cli")]
pub mod data;
#[cfg(feature = "cli")]
pub mod generate;
#[cfg(feature = "cli")]
pub mod train;

use std::sync::OnceLock;

use crate::model::Sender;
use crate::scan::{scan, Scratch};
pub use weights::{Scorer, HEADS};

/// The weights shipped with the engine (trained by `headsup train`, committed).
static EMBEDDED: &[u8] = include_bytes!("../../model/weights.bin");

/// The shipped scorer. A weights file that does not parse leaves the engine to its rules alone
/// (and fails the test that reads it), rather than failing every message.
pub fn embedded() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| Scorer::from_bytes(EMBEDDED).unwrap_or_else(|_| Scorer::silent()))
}

/// Whether the shipped weights parse (for tests and the CLI).
pub fn embedded_ok() -> Result<(), weights::BadWeights> {
    Scorer::from_bytes(EMBEDDED).map(|_| ())
}

/// Heads that apply to a message from `from`: the user's own distress only in their words, the
/// other families only in the other person's (an unknown sender could be either).
pub fn applies(head: usize, from: Sender) -> bool {
    let distress = head == crate::model::Family::Distress as usize;
    match from {
        Sender::Unknown => true,
        Sender::Me => distress,
        Sender::Them => !distress,
    }
}

/// The features of one message as the analyser sees it (normalised tokens plus its rule scan).
pub fn message_features(text: &str, from: Sender, bits: u32) -> Vec<u32> {
    scan_with_features(text, from, bits).1
}

/// One message scanned by the rules, and its features.
fn scan_with_features(text: &str, from: Sender, bits: u32) -> (crate::scan::MessageScan, Vec<u32>) {
    let mut scratch = Scratch::default();
    let s = scan(text, from, &mut scratch);
    let mut out = Vec::new();
    if !scratch.tokens().is_empty() {
        features::extract(scratch.tokens(), &s, bits, &mut out);
    }
    (s, out)
}

/// Per head, its logit for a message's features and the weight (0–3) it gives: 0 where the head
/// doesn't apply to the sender (`from`).
pub(crate) fn read(scorer: &Scorer, features: &[u32], from: Sender) -> [(f32, u8); HEADS] {
    let logits = scorer.logits(features);
    let mut heads = [(0.0, 0); HEADS];
    for (h, slot) in heads.iter_mut().enumerate() {
        *slot = (logits[h], if applies(h, from) { scorer.weight(h, logits[h]) } else { 0 });
    }
    heads
}

/// What the engine reads in one message, for `headsup explain`: the rules' hits, and per head its
/// logit and the weight the shipped scorer gives it (0 where the head doesn't apply to `from`).
pub fn explain(text: &str, from: Sender) -> (Vec<(crate::model::SignalId, u8)>, [(f32, u8); HEADS]) {
    let scorer = embedded();
    let (s, feats) = scan_with_features(text, from, scorer.bits);
    (s.signals, read(scorer, &feats, from))
}

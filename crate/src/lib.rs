//! Heads Up core: recognises the warning signs of sextortion in a conversation, on the device.
//!
//! The engine reads a conversation in order ([`Analyser`]), normalises each message so spelling
//! tricks don't hide it ([`normalise`]), matches per-language rules kept as data under `rules/`,
//! and scores the combination of signs into a [`Level`] with an explanation: which signs, in
//! which messages, and how far along the offenders' script the conversation has come.
//!
//! Nothing here touches the network, the file system or the DOM; the same code runs natively
//! (CLI, tests, benchmarks) and as WebAssembly in the browser extension.
#![deny(missing_docs)]

mod analyser;
pub mod eval;
pub mod extract;
mod lang;
pub mod learn;
mod matcher;
mod prog_syntax;
pub mod model;
mod normalise;
mod peer;
mod rules;
mod scan;
mod score;

#[cfg(feature = "wasm")]
mod wasm;

pub use analyser::Analyser;
pub use model::{
    Analysis, Audience, Context, Cue, Family, FamilyHit, Level, Message, Peer, Sender, SignalHit, SignalId, Stage,
};

/// The core's version (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// At most this many message indices are kept per signal (earliest first), so memory per
/// conversation stays bounded however long it runs.
pub const MAX_INDICES_PER_SIGNAL: usize = 32;

/// At most this many characters of one message are analysed; the rest is ignored. Bounds the
/// time and memory one hostile message can cost (a 1 MB message is cut to its first 64 Ki chars).
pub const MAX_CHARS_PER_MESSAGE: usize = 65_536;

/// At most this many tokens of one message are matched against the rules (a long scam email is
/// about 800). The matcher's cost grows with the text times the pattern, so this is what keeps a
/// pathological message (64 Ki emoji, "a b a b …") to a bounded, small cost.
pub const MAX_TOKENS_PER_MESSAGE: usize = 2_048;

pub use normalise::normalise;

/// Analyses a whole conversation at once.
pub fn analyse(messages: &[Message], context: &Context) -> Analysis {
    analyse_with_peer(messages, context, Peer::default())
}

/// Analyses a whole conversation at once, with what the page shows about the other person.
pub fn analyse_with_peer(messages: &[Message], context: &Context, peer: Peer) -> Analysis {
    let mut analyser = Analyser::new(context.clone());
    analyser.set_peer(peer);
    for message in messages {
        analyser.push(message);
    }
    analyser.result()
}

//! Who the other person is, as the page shows it, and what that does to the early signs.
//!
//! "Add me on snap", "send a pic", "you're so special" are the offenders' opening script from an
//! account that appeared yesterday, and ordinary talk from a friend of five years. The words are
//! the same; the page often says which it is (a message request, "not in your contacts", "this is
//! the beginning of your conversation"). A stranger or a new thread makes the early signs one
//! step stronger; a known contact or a long history weakens them when they stand alone. Threats,
//! demands, pressure after a no and the user's own distress count the same whoever sends them.

use crate::model::{Cue, Peer, SignalId};
use crate::score::Weights;

/// The early signs of the script: what a stranger cue strengthens and a shared history weakens.
const EARLY: [SignalId; 5] = [
    SignalId::ColdOpener,
    SignalId::PlatformMove,
    SignalId::SexualRequest,
    SignalId::ImageFirst,
    SignalId::RapidIntimacy,
];

/// Signs that weigh the same from anyone; beside any of them the early signs do not stand alone,
/// and a shared history does not weaken them.
const FROM_ANYONE: [SignalId; 9] = [
    SignalId::ThreatToShare,
    SignalId::RuinThreat,
    SignalId::HackingClaim,
    SignalId::ContactsClaim,
    SignalId::EmailScam,
    SignalId::PaymentDemand,
    SignalId::Urgency,
    SignalId::PressureAfterNo,
    SignalId::VictimDistress,
];

/// A thread with history before the messages read counts as a shared history once this many
/// messages have been read (a thread of three messages with one earlier "hi" is not a friendship).
pub const SHARED_HISTORY: usize = 30;

/// A stranger's weak early signs count as clear ones up to this many messages into the thread.
pub const YOUNG_THREAD: usize = 30;

/// The cues that strengthen the early signs, in a stable order.
pub(crate) fn raising(peer: &Peer) -> Vec<Cue> {
    let mut cues = Vec::new();
    if peer.stranger == Some(true) {
        cues.push(Cue::Stranger);
    }
    if peer.new_thread == Some(true) {
        cues.push(Cue::NewThread);
    }
    cues
}

/// Whether the page shows a known contact or a long history, with no stranger cue.
fn shared_history(peer: &Peer, messages: usize) -> bool {
    peer.stranger != Some(true)
        && peer.new_thread != Some(true)
        && (peer.stranger == Some(false) || (peer.new_thread == Some(false) && messages >= SHARED_HISTORY))
}

/// Whether the page's cues weaken the early signs: a shared history, and none of the signs that
/// weigh the same from anyone in the window.
pub(crate) fn weakens(w: &Weights, peer: &Peer, messages: usize) -> bool {
    raising(peer).is_empty() && shared_history(peer, messages) && FROM_ANYONE.iter().all(|&id| w[id as usize] == 0)
}

/// The rules' weights as the page's cues make them: early signs one step stronger from a stranger
/// or in a new thread (up to 3), one step weaker when they stand alone in a shared history.
pub(crate) fn weigh(w: &mut Weights, peer: &Peer, messages: usize) {
    if !raising(peer).is_empty() {
        for id in EARLY {
            let k = id as usize;
            // A weak sign becomes a clear one only while the thread is young: a stranger's
            // "you're sweet" in the opening messages is the script, and the hundredth message of
            // a long chat is a chat (everyday chats of 100 read from a stranger reached caution
            // 55 % of the time when every weak sign was raised).
            // "Call me", "text me" (the weak app moves) are ordinary even from a stranger (a
            // buyer, a teammate's parent): only a clear move to another app is raised.
            let weak_counts = id != SignalId::PlatformMove && messages <= YOUNG_THREAD;
            if w[k] >= 2 || (w[k] == 1 && weak_counts) {
                w[k] = (w[k] + 1).min(3);
            }
        }
    } else if weakens(w, peer, messages) {
        for id in EARLY {
            let k = id as usize;
            w[k] = w[k].saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights(signals: &[(SignalId, u8)]) -> Weights {
        let mut w = [0; SignalId::ALL.len()];
        for &(id, x) in signals {
            w[id as usize] = x;
        }
        w
    }

    #[test]
    fn no_cue_changes_nothing() {
        let before = weights(&[(SignalId::PlatformMove, 2), (SignalId::Secrecy, 2)]);
        let mut w = before;
        weigh(&mut w, &Peer::default(), 500);
        assert_eq!(w, before);
    }

    #[test]
    fn a_stranger_strengthens_only_the_early_signs() {
        let mut w = weights(&[(SignalId::PlatformMove, 1), (SignalId::RapidIntimacy, 1), (SignalId::SexualRequest, 3), (SignalId::Secrecy, 2)]);
        weigh(&mut w, &Peer { stranger: Some(true), new_thread: None }, 3);
        assert_eq!(w[SignalId::PlatformMove as usize], 1, "'call me' stays weak even from a stranger");
        let mut later = weights(&[(SignalId::RapidIntimacy, 1), (SignalId::SexualRequest, 2)]);
        weigh(&mut later, &Peer { stranger: Some(true), new_thread: None }, YOUNG_THREAD + 1);
        assert_eq!(later[SignalId::RapidIntimacy as usize], 1, "a weak sign late in a long thread stays weak");
        assert_eq!(later[SignalId::SexualRequest as usize], 3, "a clear one is still raised");
        assert_eq!(w[SignalId::RapidIntimacy as usize], 2, "a weak early sign is clear from a stranger");
        assert_eq!(w[SignalId::SexualRequest as usize], 3, "capped at 3");
        assert_eq!(w[SignalId::Secrecy as usize], 2, "secrecy is not an early sign here");
        assert_eq!(w[SignalId::ColdOpener as usize], 0, "nothing is made up");
    }

    #[test]
    fn a_shared_history_weakens_early_signs_only_when_they_stand_alone() {
        let friend = Peer { stranger: Some(false), new_thread: Some(false) };
        let mut alone = weights(&[(SignalId::PlatformMove, 2)]);
        weigh(&mut alone, &friend, 100);
        assert_eq!(alone[SignalId::PlatformMove as usize], 1);
        let mut beside_a_threat = weights(&[(SignalId::PlatformMove, 2), (SignalId::ThreatToShare, 3)]);
        weigh(&mut beside_a_threat, &friend, 100);
        assert_eq!(beside_a_threat[SignalId::PlatformMove as usize], 2);
        assert_eq!(beside_a_threat[SignalId::ThreatToShare as usize], 3);
    }

    #[test]
    fn earlier_history_counts_as_shared_only_once_long() {
        let older = Peer { stranger: None, new_thread: Some(false) };
        let mut short = weights(&[(SignalId::PlatformMove, 2)]);
        weigh(&mut short, &older, SHARED_HISTORY - 1);
        assert_eq!(short[SignalId::PlatformMove as usize], 2);
        let mut long = weights(&[(SignalId::PlatformMove, 2)]);
        weigh(&mut long, &older, SHARED_HISTORY);
        assert_eq!(long[SignalId::PlatformMove as usize], 1);
    }

    #[test]
    fn a_stranger_cue_wins_over_history() {
        let mut w = weights(&[(SignalId::PlatformMove, 2)]);
        weigh(&mut w, &Peer { stranger: Some(true), new_thread: Some(false) }, 500);
        assert_eq!(w[SignalId::PlatformMove as usize], 3);
    }
}

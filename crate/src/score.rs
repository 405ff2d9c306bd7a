//! From the signs a conversation showed to a level and a stage. Combination matters more than
//! any one phrase: money talk alone is nothing; a threat with a demand or a deadline is urgent;
//! an image request is a caution for a teen and nobody's business between flirting adults
//! unless pressure, threats or demands come with it.

use crate::model::{Audience, Level, SignalId, Stage};

/// Strongest weight seen per signal (0 = not seen), indexed by `SignalId as usize`.
pub(crate) type Weights = [u8; SignalId::ALL.len()];

const THREATS: [SignalId; 5] = [
    SignalId::ThreatToShare,
    SignalId::RuinThreat,
    SignalId::HackingClaim,
    SignalId::ContactsClaim,
    SignalId::EmailScam,
];

/// Early grooming signs (secrecy alone is too common between friends to count by itself).
const GROOMING: [SignalId; 7] = [
    SignalId::SexualRequest,
    SignalId::RapidIntimacy,
    SignalId::PlatformMove,
    SignalId::ImageFirst,
    SignalId::Impersonation,
    SignalId::ColdOpener,
    SignalId::Secrecy,
];

/// The level for a set of signs.
pub(crate) fn level(w: &Weights, crisis: bool, audience: Audience) -> Level {
    let g = |id: SignalId| w[id as usize];
    let threat = THREATS.iter().map(|&id| g(id)).max().unwrap_or(0);
    let threat_kinds = THREATS.iter().filter(|&&id| g(id) >= 2).count();
    let pay = g(SignalId::PaymentDemand);
    let urgency = g(SignalId::Urgency);
    let distress = g(SignalId::VictimDistress);
    let sexual = g(SignalId::SexualRequest);
    let secrecy = g(SignalId::Secrecy);
    let pressure = g(SignalId::PressureAfterNo);
    let image_first = g(SignalId::ImageFirst);
    let grooming_kinds = GROOMING.iter().filter(|&&id| g(id) >= 2).count();
    let grooming_alone = GROOMING.iter().filter(|&&id| id != SignalId::Secrecy).map(|&id| g(id)).max().unwrap_or(0);
    let teen = audience == Audience::Teen;

    let urgent = crisis
        || (threat >= 2 && (pay >= 1 || urgency >= 2 || threat_kinds >= 2))
        || (distress >= 1 && (threat >= 2 || pay >= 2))
        || (pay >= 3 && (urgency >= 1 || threat >= 1 || sexual >= 2));
    if urgent {
        return Level::Urgent;
    }
    let warning = threat >= 2
        || pay >= 3
        || distress >= 2
        || (threat == 1 && (pay >= 2 || urgency >= 2))
        || (pay >= 2 && (sexual >= 2 || urgency >= 2 || secrecy >= 2))
        || (teen && pressure >= 2)
        || (teen && sexual >= 2 && (grooming_kinds >= 3 || image_first >= 2 || secrecy >= 2))
        || (!teen && pressure >= 2 && sexual >= 2 && grooming_kinds >= 3);
    if warning {
        return Level::Warning;
    }
    let caution = if teen {
        grooming_alone >= 2 || pressure >= 1 || urgency >= 2 || threat >= 1 || (pay >= 2 && grooming_kinds >= 1)
    } else {
        pressure >= 2
            || urgency >= 2
            || threat >= 1
            || g(SignalId::Impersonation) >= 2
            || (sexual >= 2 && (g(SignalId::PlatformMove) >= 3 || image_first >= 2))
            || grooming_kinds >= 3
    };
    if caution {
        Level::Caution
    } else {
        Level::None
    }
}

/// How far along the script the signs show the conversation to be.
pub(crate) fn stage(w: &Weights, messages: usize) -> Stage {
    let seen = |ids: &[SignalId]| ids.iter().any(|&id| w[id as usize] >= 2);
    if messages == 0 {
        Stage::None
    } else if seen(&[SignalId::PaymentDemand]) {
        Stage::Demand
    } else if seen(&THREATS) || seen(&[SignalId::Urgency, SignalId::VictimDistress]) {
        Stage::Threat
    } else if seen(&[SignalId::SexualRequest, SignalId::ImageFirst, SignalId::PressureAfterNo]) {
        Stage::Request
    } else if seen(&[
        SignalId::RapidIntimacy,
        SignalId::PlatformMove,
        SignalId::Secrecy,
        SignalId::Impersonation,
        SignalId::ColdOpener,
    ]) {
        Stage::Intimacy
    } else {
        Stage::Contact
    }
}

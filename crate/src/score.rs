//! From the signs a conversation showed to a level and a stage. Combination matters more than
//! any one phrase: money talk alone is nothing; a threat with a demand or a deadline is urgent;
//! an image request is a caution for a teen and nobody's business between flirting adults
//! unless pressure, threats or demands come with it.

use crate::model::{Audience, Family, Level, SignalId, Stage};

/// Strongest weight seen per signal (0 = not seen), indexed by `SignalId as usize`.
pub(crate) type Weights = [u8; SignalId::ALL.len()];

/// Strongest weight the learned scorer gave each family (0 = none), indexed by `Family as usize`.
pub(crate) type FamilyWeights = [u8; Family::ALL.len()];

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

/// The level for a set of signs found by the rules (`w`) and families read by the learned
/// scorer (`learned`, already bounded by `analyser::gate_learned`: alone a family reads at 1,
/// supporting evidence; beside a clear rule hit it can read stronger). Money and a deadline with
/// no threat and nothing sexual are never urgent (a friend borrowing $20 "asap" is not
/// blackmail), however strongly they are worded.
pub(crate) fn level(w: &Weights, learned: &FamilyWeights, crisis: bool, audience: Audience) -> Level {
    let g = |id: SignalId| w[id as usize];
    // The scorer adds to what the rules saw; with no rule sign at all in the window, its weak
    // readings of two families ("send it to the group": a little threat, a little demand) would
    // otherwise add up to a caution on their own.
    let rules_saw_something = w.iter().any(|&x| x > 0);
    // Supporting evidence supports a rule sign; two families read only by the scorer do not make
    // a case together ("send nudes" read a little as a threat and a little as a demand made a
    // caution between flirting adults).
    let mut rules_of = [0u8; Family::ALL.len()];
    for &id in SignalId::ALL {
        let f = Family::of(id) as usize;
        rules_of[f] = rules_of[f].max(g(id));
    }
    let alone = |f: usize| learned[f] > 0 && rules_of[f] == 0;
    let only_one_alone = (0..Family::ALL.len()).filter(|&f| alone(f)).count() <= 1;
    let m = |f: Family| if rules_saw_something && (only_one_alone || !alone(f as usize)) { learned[f as usize] } else { 0 };
    let threat = THREATS.iter().map(|&id| g(id)).max().unwrap_or(0).max(m(Family::Coercion));
    let threat_kinds = THREATS.iter().filter(|&&id| g(id) >= 2).count();
    let pay = g(SignalId::PaymentDemand).max(m(Family::Demand));
    let urgency = g(SignalId::Urgency);
    let distress = g(SignalId::VictimDistress).max(m(Family::Distress));
    let sexual = g(SignalId::SexualRequest);
    let secrecy = g(SignalId::Secrecy);
    let pressure = g(SignalId::PressureAfterNo);
    let image_first = g(SignalId::ImageFirst);
    let grooming_kinds = GROOMING.iter().filter(|&&id| g(id) >= 2).count();
    let grooming_alone =
        GROOMING.iter().filter(|&&id| id != SignalId::Secrecy).map(|&id| g(id)).max().unwrap_or(0).max(m(Family::Grooming));
    let teen = audience == Audience::Teen;

    // The scorer alone gives weight 1 at most (see `analyser::gate_learned`): enough to tip a
    // caution into a warning, never to make a threat urgent ("I have your nudes" is a warning
    // until money, a deadline or a second kind of threat appears in the rules' own reading).
    let pay_rules = g(SignalId::PaymentDemand).max(corroborated(m(Family::Demand)));
    let threat_rules = THREATS.iter().map(|&id| g(id)).max().unwrap_or(0).max(corroborated(m(Family::Coercion)));
    let distress_rules = g(SignalId::VictimDistress).max(corroborated(m(Family::Distress)));
    let urgent = crisis
        || (threat_rules >= 2 && (pay_rules >= 1 || urgency >= 2 || threat_kinds >= 2))
        || (distress_rules >= 1 && (threat_rules >= 2 || pay_rules >= 2))
        || (pay_rules >= 3 && (threat_rules >= 1 || sexual >= 2));
    if urgent {
        return Level::Urgent;
    }
    let warning = threat >= 2
        || pay >= 3
        // The user's own fear alone ("I'm scared", "please don't") is a caution: a warning needs
        // their words to say they are being blackmailed, or a threat or demand beside them.
        || distress >= 3
        || (threat == 1 && (pay >= 2 || urgency >= 2))
        || (pay >= 2 && (sexual >= 2 || urgency >= 2 || secrecy >= 2))
        || (teen && pressure >= 2)
        || (teen && sexual >= 2 && (grooming_kinds >= 3 || image_first >= 2 || secrecy >= 2))
        || (!teen && pressure >= 2 && sexual >= 2 && grooming_kinds >= 3);
    if warning {
        return Level::Warning;
    }
    let caution = distress >= 2
        || if teen {
        grooming_alone >= 2
            || pressure >= 1
            // A countdown alone is a caution ("20 min. clock starts now"); a vague "hurry" or "now
            // or else" alone is not (everyday chats of 100 reached caution 11 % of the time, a
            // third of them on that alone).
            || urgency >= 3
            || (threat >= 1 && (grooming_kinds >= 1 || pay >= 1 || urgency >= 1))
            || (pay >= 2 && grooming_kinds >= 1)
    } else {
        pressure >= 2
            || urgency >= 3
            || (threat >= 1 && (pay >= 1 || urgency >= 1))
            || g(SignalId::Impersonation) >= 2
            // Adults swapping pictures is their business; "my camera is broken, you go first" is a script.
            || (sexual >= 2 && g(SignalId::PlatformMove) >= 3)
            || grooming_kinds >= 3
    };
    if caution {
        Level::Caution
    } else {
        Level::None
    }
}

/// A learned weight that a rule hit stood beside (the gate lets the scorer alone reach 1 only).
fn corroborated(learned: u8) -> u8 {
    if learned >= 2 {
        learned
    } else {
        0
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

#[cfg(test)]
mod tests {
    use super::*;

    fn with(signals: &[(SignalId, u8)]) -> Weights {
        let mut w = [0; SignalId::ALL.len()];
        for &(id, weight) in signals {
            w[id as usize] = weight;
        }
        w
    }

    use SignalId::*;

    #[test]
    fn the_scorer_alone_never_makes_a_threat_urgent() {
        let threat = with(&[(ThreatToShare, 3)]);
        let demand = |w: u8| {
            let mut m = [0; 4];
            m[Family::Demand as usize] = w;
            m
        };
        assert_eq!(level(&threat, &demand(1), false, Audience::Teen), Level::Warning);
        assert_eq!(level(&threat, &demand(2), false, Audience::Teen), Level::Urgent);
        // And with no rule sign at all, its readings count for nothing.
        assert_eq!(level(&[0; SignalId::ALL.len()], &[1, 1, 1, 1], false, Audience::Teen), Level::None);
        // Nor do two of its families together beside a sign of a third ("send nudes" between adults).
        let mut two = [0; 4];
        two[Family::Coercion as usize] = 1;
        two[Family::Demand as usize] = 1;
        assert_eq!(level(&with(&[(SexualRequest, 3)]), &two, false, Audience::Adult), Level::None);
        assert_eq!(level(&with(&[(SexualRequest, 3)]), &[0, 1, 0, 0], false, Audience::Adult), Level::None);
    }

    #[test]
    fn money_talk_alone_is_nothing() {
        assert_eq!(level(&with(&[(PaymentDemand, 2)]), &[0; 4], false, Audience::Teen), Level::None);
        assert_eq!(level(&with(&[(PaymentDemand, 1)]), &[0; 4], false, Audience::Adult), Level::None);
    }

    #[test]
    fn a_threat_with_a_demand_is_urgent() {
        let w = with(&[(ThreatToShare, 3), (PaymentDemand, 2)]);
        assert_eq!(level(&w, &[0; 4], false, Audience::Teen), Level::Urgent);
        assert_eq!(level(&w, &[0; 4], false, Audience::Adult), Level::Urgent);
    }

    #[test]
    fn a_threat_alone_is_a_warning() {
        assert_eq!(level(&with(&[(ThreatToShare, 3)]), &[0; 4], false, Audience::Adult), Level::Warning);
        assert_eq!(level(&with(&[(HackingClaim, 2)]), &[0; 4], false, Audience::Teen), Level::Warning);
    }

    #[test]
    fn an_image_request_depends_on_audience() {
        let w = with(&[(SexualRequest, 2)]);
        assert_eq!(level(&w, &[0; 4], false, Audience::Teen), Level::Caution);
        assert_eq!(level(&w, &[0; 4], false, Audience::Adult), Level::None);
        let pressured = with(&[(SexualRequest, 2), (PressureAfterNo, 2)]);
        assert_eq!(level(&pressured, &[0; 4], false, Audience::Teen), Level::Warning);
        assert_eq!(level(&pressured, &[0; 4], false, Audience::Adult), Level::Caution);
    }

    #[test]
    fn distress_raises_and_crisis_is_urgent() {
        assert_eq!(level(&with(&[(VictimDistress, 2)]), &[0; 4], false, Audience::Teen), Level::Caution);
        assert_eq!(level(&with(&[(VictimDistress, 3)]), &[0; 4], false, Audience::Teen), Level::Warning);
        assert_eq!(level(&with(&[(VictimDistress, 1)]), &[0; 4], false, Audience::Teen), Level::None);
        assert_eq!(level(&with(&[]), &[0; 4], true, Audience::Adult), Level::Urgent);
    }

    #[test]
    fn secrecy_alone_is_not_worth_a_word() {
        assert_eq!(level(&with(&[(Secrecy, 2)]), &[0; 4], false, Audience::Teen), Level::None);
    }

    #[test]
    fn adding_a_sign_never_lowers_the_level() {
        // Every pair of (signal, weight) added to every single (signal, weight) start.
        for &a in SignalId::ALL {
            for wa in 0..=3u8 {
                let base = with(&[(a, wa)]);
                for &b in SignalId::ALL {
                    for wb in 0..=3u8 {
                        let mut more = base;
                        more[b as usize] = more[b as usize].max(wb);
                        for aud in [Audience::Teen, Audience::Adult] {
                            assert!(level(&more, &[0; 4], false, aud) >= level(&base, &[0; 4], false, aud), "{a:?}{wa} + {b:?}{wb}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn stages_follow_the_script() {
        assert_eq!(stage(&with(&[]), 0), Stage::None);
        assert_eq!(stage(&with(&[]), 3), Stage::Contact);
        assert_eq!(stage(&with(&[(RapidIntimacy, 2)]), 3), Stage::Intimacy);
        assert_eq!(stage(&with(&[(SexualRequest, 2)]), 3), Stage::Request);
        assert_eq!(stage(&with(&[(ThreatToShare, 3)]), 3), Stage::Threat);
        assert_eq!(stage(&with(&[(ThreatToShare, 3), (PaymentDemand, 2)]), 3), Stage::Demand);
    }
}

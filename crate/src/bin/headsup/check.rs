//! `headsup check`: what the extension would say about a transcript, in plain words.

use std::io::{self, Write};

use headsup::{Audience, Context, Level, Message, Peer, Sender, SignalId};

/// The reason for a family only the learned scorer read (`reason_learned_<family>`).
fn learned_reason(key: &str) -> Option<&'static str> {
    Some(match key.strip_prefix("reason_learned_")? {
        "grooming" => "The way they write reads like how these scams often begin (no phrase rule matched).",
        "coercion" => "Their words read like a threat, even without the usual phrases.",
        "demand" => "Their words read like a demand for money or a deadline.",
        "distress" => "Your messages read like you may be under pressure.",
        _ => return None,
    })
}

/// The plain-words reason for a sign (the extension shows the same, from its locale files).
fn reason(id: SignalId) -> &'static str {
    match id {
        SignalId::SexualRequest => "They asked for sexual photos or video.",
        SignalId::ImageFirst => "They sent a picture first and then asked for one back.",
        SignalId::RapidIntimacy => "They got very affectionate very fast.",
        SignalId::PressureAfterNo => "They kept asking after you said no.",
        SignalId::PlatformMove => "They want to move to another app or a video call.",
        SignalId::Secrecy => "They asked you to keep this secret.",
        SignalId::HackingClaim => "They claim to have hacked you or recorded you.",
        SignalId::ContactsClaim => "They claim to have your friends, family or followers.",
        SignalId::ThreatToShare => "They are threatening to share pictures or video.",
        SignalId::RuinThreat => "They are threatening your future or reputation.",
        SignalId::PaymentDemand => "They are asking for money, gift cards or crypto.",
        SignalId::Urgency => "They are rushing you with a deadline.",
        SignalId::Impersonation => "The account may not be who it says it is.",
        SignalId::EmailScam => "This looks like a mass blackmail message sent to many people.",
        SignalId::ColdOpener => "This opening is used by scripted fake accounts.",
        SignalId::VictimDistress => "Your own messages sound scared or under pressure.",
    }
}

fn headline(level: Level) -> &'static str {
    match level {
        Level::None => "No warning signs found.",
        Level::Caution => "Caution: this chat has some early signs that people who trick others use.",
        Level::Warning => "Warning: this chat has signs of sextortion, a known scam.",
        Level::Urgent => "Urgent: someone may be threatening you. This is not your fault, and help is available.",
    }
}

const ADVICE: &[&str] = &[
    "It is not your fault. The person doing this is to blame.",
    "You don't have to reply. Stop talking to them.",
    "Don't pay or send anything more. Paying rarely makes it stop.",
    "Save the evidence: screenshots, usernames, links. Don't delete the chat.",
    "Report and block them on the site, then tell someone you trust.",
    "Images can be taken down: services like Take It Down and Report Remove can help.",
];

const CRISIS: &str = "You are not alone. If you are thinking about hurting yourself, please contact a \
crisis line now (US 988, UK Samaritans 116 123, or your local emergency number).";

/// Reads `them: …` / `me: …` lines (other lines continue the previous message), or JSON Lines
/// conversations.
fn parse_transcript(input: &str) -> Vec<Message> {
    let first = input.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    if first.trim_start().starts_with('{') {
        return input
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .flat_map(|v| {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    vec![Message::new(Sender::Them, t)]
                } else {
                    v.get("messages")
                        .and_then(|m| serde_json::from_value::<Vec<Message>>(m.clone()).ok())
                        .unwrap_or_default()
                }
            })
            .collect();
    }
    let mut out: Vec<Message> = Vec::new();
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let (who, text) = match line.split_once(':') {
            Some((w, t)) if w.trim().eq_ignore_ascii_case("them") => (Some(Sender::Them), t),
            Some((w, t)) if w.trim().eq_ignore_ascii_case("me") => (Some(Sender::Me), t),
            _ => (None, line),
        };
        match (who, out.last_mut()) {
            (Some(from), _) => out.push(Message::new(from, text.trim())),
            (None, Some(last)) => {
                last.text.push('\n');
                last.text.push_str(text.trim());
            }
            (None, None) => out.push(Message::new(Sender::Them, text.trim())),
        }
    }
    out
}

pub fn run(input: &str, audience: Audience, peer: Peer, out: &mut impl Write) -> io::Result<bool> {
    let messages = parse_transcript(input);
    let a = headsup::analyse_with_peer(&messages, &Context { audience, site: None }, peer);
    writeln!(out, "{}", headline(a.level))?;
    writeln!(out, "({} messages read; stage: {:?})", a.message_count, a.stage)?;
    if a.crisis {
        writeln!(out, "\n{CRISIS}")?;
    }
    if !a.signals.is_empty() {
        writeln!(out, "\nWhy this appeared:")?;
        for s in &a.signals {
            writeln!(out, "  - {}", learned_reason(&s.reason).unwrap_or_else(|| reason(s.id)))?;
            for &i in s.messages.iter().take(3) {
                if let Some(m) = messages.get(i) {
                    let who = if m.from == Sender::Me { "you" } else { "them" };
                    let text: String = m.text.chars().take(100).collect();
                    writeln!(out, "      #{} {who}: {text}", i + 1)?;
                }
            }
        }
    }
    if a.level >= Level::Warning {
        writeln!(out, "\nWhat you can do now:")?;
        for line in ADVICE {
            writeln!(out, "  - {line}")?;
        }
    } else if a.level == Level::Caution {
        writeln!(out, "\nYou don't have to do anything they ask. If something feels off, it is okay to stop replying.")?;
    }
    out.flush()?;
    Ok(true)
}

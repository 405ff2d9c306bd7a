//! `headsup scan` and `headsup eval`: JSON Lines in, JSON Lines (or a report) out.
//!
//! The `scan` output contract is stable: one line per input line, in order, with at least
//! `{"id", "level", "signals"}`; a malformed line gets `{"id": null, "line": N, "error": "…"}`.

use std::io::{self, Write};

use headsup::eval::{Labelled, Report};
use headsup::{Audience, Context, Message, Peer, Sender};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    #[serde(default)]
    id: Value,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    messages: Option<Vec<Message>>,
    #[serde(default)]
    audience: Option<Audience>,
    // Labelled corpus lines can be scanned too; their labels are ignored here.
    #[serde(default)]
    label: Option<Value>,
    #[serde(default)]
    signal: Option<Value>,
    #[serde(default)]
    lang: Option<Value>,
    #[serde(default)]
    source: Option<Value>,
    #[serde(default)]
    paraphrase: Option<Value>,
    #[serde(default)]
    note: Option<Value>,
    #[serde(default)]
    exclude: Option<Value>,
}

fn parse(line: &str) -> Result<(Value, Vec<Message>, Option<Audience>), String> {
    let input: Input = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let messages = match (input.text, input.messages) {
        (Some(t), None) => vec![Message::new(Sender::Them, t)],
        (None, Some(m)) => m,
        (Some(_), Some(_)) => return Err("a line has either \"text\" or \"messages\", not both".into()),
        (None, None) => return Err("a line needs \"text\" or \"messages\"".into()),
    };
    let _ = (input.label, input.signal, input.lang, input.source, input.paraphrase, input.note, input.exclude);
    Ok((input.id, messages, input.audience))
}

/// Returns Ok(false) when some line was malformed (exit status 2).
pub fn run(input: &str, audience: Audience, out: &mut impl Write) -> io::Result<bool> {
    let mut ok = true;
    for (n, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value = match parse(line) {
            Ok((id, messages, aud)) => {
                let a = headsup::analyse(&messages, &Context { audience: aud.unwrap_or(audience), site: None });
                let signals: Vec<&str> = a.signals.iter().map(|s| s.id.as_str()).collect();
                let detail: Vec<Value> =
                    a.signals.iter().map(|s| json!({"id": s.id.as_str(), "messages": s.messages})).collect();
                json!({"id": id, "level": a.level.as_str(), "signals": signals, "stage": a.stage,
                       "crisis": a.crisis, "detail": detail})
            }
            Err(e) => {
                ok = false;
                eprintln!("headsup: line {}: {e}", n + 1);
                json!({"id": null, "line": n + 1, "error": e})
            }
        };
        writeln!(out, "{value}")?;
    }
    out.flush()?;
    Ok(ok)
}

/// `headsup eval`: figures on a labelled file.
pub fn eval(input: &str, audience: Audience, peer: Peer, out: &mut impl Write) -> io::Result<bool> {
    let mut lines = Vec::new();
    let mut ok = true;
    for (n, line) in input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<Labelled>(line) {
            Ok(l) => lines.push(l),
            Err(e) => {
                ok = false;
                eprintln!("headsup: line {}: {e}", n + 1);
            }
        }
    }
    let report = Report::run_with_peer(&lines, audience, peer);
    write!(out, "{report}")?;
    let misses: Vec<&str> = report
        .outcomes
        .iter()
        .filter(|o| o.label == "sextortion" && o.level == headsup::Level::None)
        .map(|o| o.id.as_str())
        .collect();
    let alarms: Vec<String> = report
        .outcomes
        .iter()
        .filter(|o| o.label == "benign" && o.level >= headsup::Level::Caution)
        .map(|o| format!("{} ({})", o.id, o.level.as_str()))
        .collect();
    writeln!(out, "\nsextortion lines at none: {}", misses.join(" "))?;
    writeln!(out, "benign lines raised:      {}", alarms.join(" "))?;
    out.flush()?;
    Ok(ok)
}

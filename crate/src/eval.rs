//! Scoring the engine on labelled data (the format of the shared corpus): one JSON object per
//! line, either a message `{"id", "label", "signal", "text"}` or a conversation
//! `{"id", "label", "messages": [{"from", "text"}]}`. Lines marked `exclude` are skipped.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::model::{Audience, Context, Level, Message, Sender, SignalId};

/// One labelled line.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    /// The line's id.
    #[serde(default)]
    pub id: String,
    /// `sextortion` or `benign`.
    pub label: String,
    /// The main sign the line shows (`none` for benign); absent for conversations.
    #[serde(default)]
    pub signal: Option<String>,
    /// A single message's text.
    #[serde(default)]
    pub text: Option<String>,
    /// A conversation.
    #[serde(default)]
    pub messages: Option<Vec<Message>>,
    /// Present when the line is a neighbouring scam or a retelling, not to be counted.
    #[serde(default)]
    pub exclude: Option<serde::de::IgnoredAny>,
}

impl Labelled {
    /// The conversation this line stands for. A single `victim_distress` line is the target's
    /// own words; any other single line is from the other person.
    pub fn conversation(&self) -> Vec<Message> {
        if let Some(m) = &self.messages {
            return m.clone();
        }
        let from = if self.signal.as_deref() == Some("victim_distress") { Sender::Me } else { Sender::Them };
        vec![Message::new(from, self.text.clone().unwrap_or_default())]
    }
}

/// Signals whose lines must reach `warning` on their own: threats, demands, claims.
pub const SEVERE: [&str; 4] = ["threat_to_share", "payment_demand", "contacts_claim", "hacking_claim"];

/// One line's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The line's id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Its main signal.
    pub signal: String,
    /// The level the engine gave.
    pub level: Level,
    /// The signals the engine found.
    pub found: Vec<SignalId>,
}

/// Figures over a labelled set.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The audience the set was scored for.
    pub audience: Audience,
    /// Every counted line's outcome.
    pub outcomes: Vec<Outcome>,
    /// Lines skipped as `exclude`.
    pub excluded: usize,
}

fn share(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

impl Report {
    /// Scores every line.
    pub fn run(lines: &[Labelled], audience: Audience) -> Report {
        Self::run_with_peer(lines, audience, crate::Peer::default())
    }

    /// Scores every line as if the page showed `peer` about the other person.
    pub fn run_with_peer(lines: &[Labelled], audience: Audience, peer: crate::Peer) -> Report {
        let mut report = Report { audience, ..Report::default() };
        let context = Context { audience, site: None };
        for l in lines {
            if l.exclude.is_some() {
                report.excluded += 1;
                continue;
            }
            let a = crate::analyse_with_peer(&l.conversation(), &context, peer);
            report.outcomes.push(Outcome {
                id: l.id.clone(),
                label: l.label.clone(),
                signal: l.signal.clone().unwrap_or_else(|| "conversation".into()),
                level: a.level,
                found: a.signals.iter().map(|s| s.id).collect(),
            });
        }
        report
    }

    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.outcomes.iter().filter(|o| f(o)).count()
    }

    /// Percentage of sextortion lines at `caution` or above.
    pub fn sextortion_caution(&self) -> f64 {
        let d = self.count(|o| o.label == "sextortion");
        share(self.count(|o| o.label == "sextortion" && o.level >= Level::Caution), d)
    }

    /// Percentage of threat/demand/contacts/hacking lines at `warning` or above.
    pub fn severe_warning(&self) -> f64 {
        let sev = |o: &Outcome| o.label == "sextortion" && SEVERE.contains(&o.signal.as_str());
        share(self.count(|o| sev(o) && o.level >= Level::Warning), self.count(sev))
    }

    /// Percentage of benign lines at `level` or above.
    pub fn benign_at(&self, level: Level) -> f64 {
        let d = self.count(|o| o.label == "benign");
        share(self.count(|o| o.label == "benign" && o.level >= level), d)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let aud = if self.audience == Audience::Adult { "adult" } else { "teen" };
        let sx = self.count(|o| o.label == "sextortion");
        let bn = self.count(|o| o.label == "benign");
        writeln!(f, "audience: {aud}; {sx} sextortion lines, {bn} benign lines, {} excluded", self.excluded)?;
        writeln!(f, "sextortion at >= caution:                 {:5.1} %", self.sextortion_caution())?;
        writeln!(f, "threat/demand/contacts/hacking >= warning: {:5.1} %", self.severe_warning())?;
        writeln!(f, "benign at >= caution (false alarms):       {:5.1} %", self.benign_at(Level::Caution))?;
        writeln!(f, "benign at >= warning (false alarms):       {:5.1} %", self.benign_at(Level::Warning))?;
        writeln!(f, "\nrecall per signal (lines whose main sign it is):")?;
        writeln!(f, "  {:<18} {:>5} {:>12} {:>12} {:>12}", "signal", "lines", "sign found", ">= caution", ">= warning")?;
        let mut by: BTreeMap<&str, Vec<&Outcome>> = BTreeMap::new();
        for o in self.outcomes.iter().filter(|o| o.label == "sextortion") {
            by.entry(o.signal.as_str()).or_default().push(o);
        }
        for (sig, os) in &by {
            let id = SignalId::parse(sig);
            let found = os.iter().filter(|o| id.is_some_and(|i| o.found.contains(&i))).count();
            let c = os.iter().filter(|o| o.level >= Level::Caution).count();
            let w = os.iter().filter(|o| o.level >= Level::Warning).count();
            writeln!(f, "  {:<18} {:>5} {:>11.0}% {:>11.0}% {:>11.0}%", sig, os.len(), share(found, os.len()), share(c, os.len()), share(w, os.len()))?;
        }
        writeln!(f, "\nlevel confusion (rows: label; columns: level):")?;
        writeln!(f, "  {:<11} {:>6} {:>8} {:>8} {:>7}", "", "none", "caution", "warning", "urgent")?;
        for label in ["sextortion", "benign"] {
            let n = |l: Level| self.count(|o| o.label == label && o.level == l);
            writeln!(f, "  {:<11} {:>6} {:>8} {:>8} {:>7}", label, n(Level::None), n(Level::Caution), n(Level::Warning), n(Level::Urgent))?;
        }
        Ok(())
    }
}

//! Rates with 95 % intervals, and the tables `headsup eval --cv` and `--everyday` print.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use headsup::learn::train::Rng;
use headsup::learn::Scorer;
use headsup::{Analyser, Audience, Context, Level, Message, Sender};

/// `n` of `d`, shown as a percentage with its Wilson 95 % interval.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rate {
    pub n: usize,
    pub d: usize,
}

impl Rate {
    pub fn add(&mut self, hit: bool) {
        self.d += 1;
        self.n += usize::from(hit);
    }

    /// Wilson score interval at 95 %, in percent.
    pub fn interval(&self) -> (f64, f64) {
        if self.d == 0 {
            return (0.0, 100.0);
        }
        let (n, d, z) = (self.n as f64, self.d as f64, 1.96f64);
        let p = n / d;
        let centre = (p + z * z / (2.0 * d)) / (1.0 + z * z / d);
        let half = z * ((p * (1.0 - p) + z * z / (4.0 * d)) / d).sqrt() / (1.0 + z * z / d);
        (100.0 * (centre - half).max(0.0), 100.0 * (centre + half).min(1.0))
    }

    pub fn percent(&self) -> f64 {
        if self.d == 0 {
            0.0
        } else {
            100.0 * self.n as f64 / self.d as f64
        }
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (lo, hi) = self.interval();
        let s = format!("{:5.1} % [{:4.1}–{:5.1}] ({}/{})", self.percent(), lo, hi, self.n, self.d);
        f.pad(&s)
    }
}

/// The level one line reaches on its own, read as a conversation of one message.
pub fn line_level(text: &str, from: Sender, audience: Audience, scorer: &'static Scorer) -> (Level, Vec<headsup::SignalId>) {
    let mut a = Analyser::with_scorer(Context { audience, site: None }, scorer);
    a.push(&Message::new(from, text));
    let r = a.result();
    (r.level, r.signals.iter().map(|s| s.id).collect())
}

/// Per level (caution, warning, urgent), how many chats reached it or more.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChatRates {
    pub at_least: [Rate; 3],
}

impl ChatRates {
    pub fn add(&mut self, level: Level) {
        for (k, l) in [Level::Caution, Level::Warning, Level::Urgent].into_iter().enumerate() {
            self.at_least[k].add(level >= l);
        }
    }
}

/// Reads `texts` as chats of `size` messages (shuffled `shuffles` times, random senders) and
/// counts the levels they reach. `signs` collects the signs behind chats that reached a level.
pub fn chats(
    texts: &[&str],
    size: usize,
    shuffles: usize,
    audience: Audience,
    scorer: &'static Scorer,
    seed: u64,
    peer: headsup::Peer,
    signs: &mut BTreeMap<String, usize>,
) -> ChatRates {
    let mut rates = ChatRates::default();
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..texts.len()).collect();
    for _ in 0..shuffles {
        rng.shuffle(&mut order);
        for chunk in order.chunks_exact(size) {
            let mut a = Analyser::with_scorer(Context { audience, site: None }, scorer);
            a.set_peer(peer);
            for &i in chunk {
                let from = if rng.below(2) == 0 { Sender::Me } else { Sender::Them };
                a.push(&Message::new(from, texts[i]));
            }
            let r = a.result();
            rates.add(r.level);
            if r.level > Level::None {
                for s in &r.signals {
                    *signs.entry(s.reason.clone()).or_default() += 1;
                }
            }
        }
    }
    rates
}

/// One line of a table: a label and its rates.
pub fn row(out: &mut String, label: &str, rates: &[Rate]) {
    let _ = write!(out, "  {label:<28}");
    for r in rates {
        let _ = write!(out, " {r:>34}");
    }
    out.push('\n');
}

//! `headsup train` and the cross-validated `headsup eval --cv`, `headsup eval --everyday`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use headsup::learn::cv::{cross_validate, train_all, Set};
use headsup::learn::data::{fold_of, load, Line, Origin};
use headsup::learn::generate::generate;
use headsup::learn::train::Params;
use headsup::learn::{embedded, Scorer};
use headsup::{Audience, Level, Peer, SignalId};

use crate::report::{chats, line_level, row, ChatRates, Rate};

/// Folds of the grouped cross-validation.
const FOLDS: usize = 5;
/// Shuffles of the everyday lines into chats.
const SHUFFLES: usize = 20;

fn default_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Every line under `data` plus the generator's.
fn all_lines(data: &Path) -> Result<Vec<Line>, String> {
    let mut lines = load(data).map_err(|e| e.to_string())?;
    lines.extend(generate(&data.join("generator")).map_err(|e| e.to_string())?);
    Ok(lines)
}

struct Flags {
    data: PathBuf,
    out: PathBuf,
    generated: bool,
    with_generated: bool,
}

fn flags(args: &[String]) -> Result<Flags, String> {
    let mut f = Flags { data: default_data(), out: Path::new(env!("CARGO_MANIFEST_DIR")).join("model/weights.bin"), generated: true, with_generated: false };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => f.data = it.next().ok_or("--data takes a folder")?.into(),
            "--out" => f.out = it.next().ok_or("--out takes a file")?.into(),
            "--no-generated" => f.generated = false,
            "--generated" => f.with_generated = true,
            "--cv" | "--everyday" | "--heads" => {}
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    Ok(f)
}

/// `headsup train`: fits the shipped scorer on every real and everyday line and writes the
/// weights file (`--generated` adds the generator's lines, for comparison only).
pub fn train(args: &[String]) -> Result<(), String> {
    let f = flags(args)?;
    // Without --generated this is `train_shipped`: the lines it loads, trained the same way.
    let lines = if f.with_generated { all_lines(&f.data)? } else { load(&f.data).map_err(|e| e.to_string())? };
    let (scorer, set) = train_all(lines, &Params::default());
    for (h, head) in scorer.heads.iter().enumerate() {
        eprintln!("  {:<9} thresholds {:?}", headsup::Family::ALL[h].as_str(), head.thresholds);
    }
    let bytes = scorer.to_bytes();
    std::fs::write(&f.out, &bytes).map_err(|e| format!("{}: {e}", f.out.display()))?;
    let count = |o: Origin| set.lines.iter().filter(|l| l.origin == o).count();
    eprintln!(
        "trained on {} real, {} everyday, {} generated lines; {} bytes → {}",
        count(Origin::Real),
        count(Origin::Everyday),
        count(Origin::Generated),
        bytes.len(),
        f.out.display()
    );
    Ok(())
}

fn leak(s: Scorer) -> &'static Scorer {
    Box::leak(Box::new(s))
}

/// Outcome of one held-out line.
struct Scored {
    line: usize,
    level: Level,
    found: Vec<SignalId>,
}

fn severe(s: Option<SignalId>) -> bool {
    use SignalId::*;
    matches!(s, Some(ThreatToShare | PaymentDemand | ContactsClaim | HackingClaim | EmailScam | RuinThreat))
}

fn line_table(out: &mut String, set: &Set, scored: &[Scored]) {
    let mut head = [Rate::default(); 4];
    for s in scored {
        let l = &set.lines[s.line];
        if l.family.is_some() {
            head[0].add(s.level >= Level::Caution);
            if severe(l.signal) && l.from != headsup::Sender::Me {
                head[1].add(s.level >= Level::Warning);
            }
        } else {
            head[2].add(s.level >= Level::Caution);
            head[3].add(s.level >= Level::Warning);
        }
    }
    row(out, "sextortion >= caution", &head[0..1]);
    row(out, "threat/demand/claim >= warning", &head[1..2]);
    row(out, "hard negatives >= caution", &head[2..3]);
    row(out, "hard negatives >= warning", &head[3..4]);
}

fn detail_tables(out: &mut String, set: &Set, scored: &[Scored]) {
    let _ = writeln!(out, "  per signal (sextortion lines whose main sign it is): sign found | >= caution | >= warning");
    let mut by: BTreeMap<&str, [Rate; 3]> = BTreeMap::new();
    for s in scored {
        let l = &set.lines[s.line];
        if let Some(sig) = l.signal {
            let r = by.entry(sig.as_str()).or_default();
            r[0].add(s.found.contains(&sig));
            r[1].add(s.level >= Level::Caution);
            r[2].add(s.level >= Level::Warning);
        }
    }
    for (k, r) in &by {
        row(out, k, r);
    }
    let _ = writeln!(out, "  per language: sextortion >= caution | hard negatives >= caution | >= warning");
    let mut by: BTreeMap<&str, [Rate; 3]> = BTreeMap::new();
    for s in scored {
        let l = &set.lines[s.line];
        let r = by.entry(l.lang.as_str()).or_default();
        if l.family.is_some() {
            r[0].add(s.level >= Level::Caution);
        } else {
            r[1].add(s.level >= Level::Caution);
            r[2].add(s.level >= Level::Warning);
        }
    }
    for (k, r) in &by {
        row(out, k, r);
    }
    let _ = writeln!(out, "  hard negatives per kind: >= caution | >= warning");
    let mut by: BTreeMap<&str, [Rate; 2]> = BTreeMap::new();
    for s in scored.iter().filter(|s| set.lines[s.line].family.is_none()) {
        let r = by.entry(set.lines[s.line].kind.as_str()).or_default();
        r[0].add(s.level >= Level::Caution);
        r[1].add(s.level >= Level::Warning);
    }
    for (k, r) in by.iter().filter(|(_, r)| r[0].d >= 10) {
        row(out, k, r);
    }
}

fn chat_rows(out: &mut String, label: &str, rates: &ChatRates) {
    row(out, &format!("{label} >= caution"), &rates.at_least[0..1]);
    row(out, &format!("{label} >= warning"), &rates.at_least[1..2]);
    row(out, &format!("{label} urgent"), &rates.at_least[2..3]);
}

fn merge(into: &mut ChatRates, from: &ChatRates) {
    for k in 0..3 {
        into.at_least[k].n += from.at_least[k].n;
        into.at_least[k].d += from.at_least[k].d;
    }
}

/// `headsup eval --cv`: grouped cross-validation over the training data.
pub fn cv(args: &[String]) -> Result<String, String> {
    let f = flags(args)?;
    let params = Params::default();
    let set = Set::new(all_lines(&f.data)?, params.bits);
    let mut out = String::new();
    let count = |o: Origin| set.lines.iter().filter(|l| l.origin == o).count();
    let real_sx = set.lines.iter().filter(|l| l.origin == Origin::Real && l.family.is_some()).count();
    let groups: std::collections::BTreeSet<&str> =
        set.lines.iter().filter(|l| l.origin == Origin::Real).map(|l| l.group.as_str()).collect();
    let _ = writeln!(
        out,
        "data: {} real lines ({} sextortion, {} hard negatives) from {} sites, {} everyday, {} generated",
        count(Origin::Real),
        real_sx,
        count(Origin::Real) - real_sx,
        groups.len(),
        count(Origin::Everyday),
        count(Origin::Generated)
    );
    let _ = writeln!(out, "{FOLDS}-fold cross-validation grouped by source site (everyday chat by chunks of its files); 95 % Wilson intervals.");
    let variants: &[(&str, Option<bool>)] = if f.generated {
        &[("rules alone", None), ("rules + scorer, real data only", Some(false)), ("rules + scorer, with generated lines", Some(true))]
    } else {
        &[("rules alone", None), ("rules + scorer, real data only", Some(false))]
    };
    if args.iter().any(|a| a == "--heads") {
        heads(&set, &params, &mut out);
        return Ok(out);
    }
    for &(name, variant) in variants {
        let scorers: Vec<&'static Scorer> = match variant {
            None => (0..FOLDS).map(|_| leak(Scorer::silent())).collect(),
            Some(g) => cross_validate(&set, FOLDS, &params, g).into_iter().map(leak).collect(),
        };
        for audience in [Audience::Teen, Audience::Adult] {
            let aud = if audience == Audience::Teen { "teen" } else { "adult" };
            let _ = writeln!(out, "\n== {name}, {aud} ==");
            let mut scored = Vec::new();
            let mut c100 = ChatRates::default();
            let mut c1000 = ChatRates::default();
            let mut signs = BTreeMap::new();
            for (fold, scorer) in scorers.iter().enumerate() {
                let held: Vec<usize> = (0..set.lines.len())
                    .filter(|&i| set.lines[i].origin != Origin::Generated && fold_of(&set.lines[i].group, FOLDS) == fold)
                    .collect();
                for &i in held.iter().filter(|&&i| set.lines[i].origin == Origin::Real) {
                    let l = &set.lines[i];
                    let (level, found) = line_level(&l.text, l.from, audience, scorer);
                    scored.push(Scored { line: i, level, found });
                }
                let everyday: Vec<&str> =
                    held.iter().filter(|&&i| set.lines[i].origin == Origin::Everyday).map(|&i| set.lines[i].text.as_str()).collect();
                merge(&mut c100, &chats(&everyday, 100, SHUFFLES, audience, scorer, 1 + fold as u64, Peer::default(), &mut signs));
                merge(&mut c1000, &chats(&everyday, 1000, SHUFFLES, audience, scorer, 101 + fold as u64, Peer::default(), &mut BTreeMap::new()));
            }
            line_table(&mut out, &set, &scored);
            chat_rows(&mut out, "everyday chats of 100", &c100);
            chat_rows(&mut out, "everyday chats of 1000", &c1000);
            if audience == Audience::Teen {
                detail_tables(&mut out, &set, &scored);
                let mut top: Vec<_> = signs.into_iter().collect();
                top.sort_by(|a, b| b.1.cmp(&a.1));
                let _ = writeln!(out, "  reasons behind everyday chats that reached a level: {top:?}");
            }
        }
    }
    let _ = writeln!(
        out,
        "\nChats are the held-out everyday lines of each fold shuffled {SHUFFLES} times; chats share lines, so their intervals are narrower than the data can support."
    );
    Ok(out)
}

/// `headsup eval --everyday FILE…`: everyday lines (`{"text"}` per line) read as chats of 100
/// and 1000 with the shipped scorer, teen and adult.
pub fn everyday(args: &[String]) -> Result<String, String> {
    let mut texts = Vec::new();
    let mut peer = Peer::default();
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--peer" => peer = crate::parse_peer(it.next().map(String::as_str))?,
            "--everyday" => {}
            other if other.starts_with("--") => return Err(format!("unexpected argument {other:?}")),
            file => files.push(file),
        }
    }
    for p in files {
        let raw = std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"))?;
        for l in raw.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(l).map_err(|e| format!("{p}: {e}"))?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                texts.push(t.to_string());
            }
        }
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut out = format!("{} everyday lines, shuffled {SHUFFLES} times into chats, shipped scorer, peer {peer:?}\n", refs.len());
    for audience in [Audience::Teen, Audience::Adult] {
        let aud = if audience == Audience::Teen { "teen" } else { "adult" };
        let mut signs = BTreeMap::new();
        let c100 = chats(&refs, 100, SHUFFLES, audience, embedded(), 7, peer, &mut signs);
        let c1000 = chats(&refs, 1000, SHUFFLES, audience, embedded(), 8, peer, &mut BTreeMap::new());
        let _ = writeln!(out, "== {aud} ==");
        chat_rows(&mut out, "chats of 100", &c100);
        chat_rows(&mut out, "chats of 1000", &c1000);
        let mut top: Vec<_> = signs.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1));
        let _ = writeln!(out, "  reasons behind chats that reached a level: {top:?}");
    }
    Ok(out)
}

/// `headsup eval --cv --heads`: each head alone, out of fold — its AUC against hard negatives and
/// everyday lines, and the share of its positives and negatives it reaches at each weight.
fn heads(set: &Set, params: &Params, out: &mut String) {
    let scorers = cross_validate(set, FOLDS, params, true);
    for h in 0..headsup::learn::HEADS {
        // (logit, weight) of the head's positives, the hard negatives and the everyday lines.
        let (mut pos, mut hard, mut every) = (Vec::new(), Vec::new(), Vec::new());
        for (i, l) in set.lines.iter().enumerate().filter(|(_, l)| l.origin != Origin::Generated) {
            let sc = &scorers[fold_of(&l.group, FOLDS)];
            let z = sc.logits(&set.features[i])[h];
            let read = (z, sc.weight(h, z));
            match (l.family, l.origin) {
                (Some(fam), _) if fam as usize == h => pos.push(read),
                (None, Origin::Real) => hard.push(read),
                (None, Origin::Everyday) => every.push(read),
                _ => {}
            }
        }
        let auc = |neg: &[(f32, u8)]| {
            let mut wins = 0f64;
            for p in &pos {
                for n in neg {
                    wins += if p.0 > n.0 {
                        1.0
                    } else if p.0 == n.0 {
                        0.5
                    } else {
                        0.0
                    };
                }
            }
            wins / (pos.len() * neg.len()).max(1) as f64
        };
        let at = |v: &[(f32, u8)], w: u8| v.iter().filter(|x| x.1 >= w).count() as f64 / v.len().max(1) as f64 * 100.0;
        let _ = writeln!(
            out,
            "head {h}: {} pos; AUC vs hard {:.3}, vs everyday {:.3}; recall w1 {:.1}% w2 {:.1}% w3 {:.1}%; hard w1 {:.2}% w2 {:.2}%; everyday w1 {:.3}% w2 {:.3}%",
            pos.len(),
            auc(&hard),
            auc(&every),
            at(&pos, 1),
            at(&pos, 2),
            at(&pos, 3),
            at(&hard, 1),
            at(&hard, 2),
            at(&every, 1),
            at(&every, 2)
        );
    }
}

/// `headsup explain [--me] TEXT`: what the rules and each head read in one message.
pub fn explain(args: &[String]) -> Result<String, String> {
    let me = args.first().is_some_and(|a| a == "--me");
    let text = args[usize::from(me)..].join(" ");
    if text.is_empty() {
        return Err("explain takes the text of a message".into());
    }
    let from = if me { headsup::Sender::Me } else { headsup::Sender::Them };
    let (rules, heads) = headsup::learn::explain(&text, from);
    let scorer = embedded();
    let mut out = String::new();
    let hits: Vec<String> = rules.iter().map(|(id, w)| format!("{}={w}", id.as_str())).collect();
    let _ = writeln!(out, "rules: {}", if hits.is_empty() { "none".to_string() } else { hits.join(" ") });
    for (h, (logit, weight)) in heads.iter().enumerate() {
        let head = &scorer.heads[h];
        let _ = writeln!(
            out,
            "{:<9} logit {logit:>6.2}  weight {weight}  (thresholds {:.2} {:.2} {:.2})",
            headsup::Family::ALL[h].as_str(),
            head.thresholds[0],
            head.thresholds[1],
            head.thresholds[2]
        );
    }
    Ok(out)
}

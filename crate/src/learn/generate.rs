//! The generator: lines for wording coverage, from templates under `crate/data/generator/`
//! (one TOML file per language), filled from slot lists and rewritten in a register (teen
//! shorthand, ALL-CAPS broken English, a formal e-mail, look-alike letters, spaced-out or
//! leetspeak keywords). Ordinary lines get the same registers, so the scorer learns the words,
//! not the typing style. A fixed seed makes the output the same on every run.
//!
//! Template file: `lang`, `[slots]` (name → list of fillers; a filler may use other slots),
//! `[[sextortion]]` blocks (`signal`, optional `from = "me"`, `lines`) and `[[benign]]` blocks
//! (`kind`, `lines`). `{name}` in a line is replaced by one of the slot's fillers.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use super::data::{DataError, Line, Origin};
use super::train::Rng;
use crate::model::{Family, Sender, SignalId};

/// The generator's seed (fixed: the same templates give the same lines).
pub const SEED: u64 = 0x6765_6e65_7261_7465;
/// Lines written per template line.
pub const PER_TEMPLATE: usize = 4;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    lang: String,
    #[serde(default)]
    slots: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    sextortion: Vec<Block>,
    #[serde(default)]
    benign: Vec<Block>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    #[serde(default)]
    signal: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    from: Option<String>,
    lines: Vec<String>,
}

/// How a generated line is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Register {
    /// As the template has it.
    Plain,
    /// Shorthand and no capitals ("u", "ur", "pls", "2").
    Teen,
    /// Capitals, articles dropped.
    Caps,
    /// Sentence case with full stops, a greeting and a sign-off.
    Formal,
    /// Some Latin letters swapped for Cyrillic or Greek look-alikes.
    Lookalike,
    /// The longest word spaced or dotted out ("n u d e s").
    Spaced,
    /// Digits and symbols for letters.
    Leet,
}

/// Every register, in the order they are drawn from.
pub const REGISTERS: [Register; 7] =
    [Register::Plain, Register::Teen, Register::Caps, Register::Formal, Register::Lookalike, Register::Spaced, Register::Leet];

fn fill(template: &str, slots: &BTreeMap<String, Vec<String>>, rng: &mut Rng, depth: usize) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').ok_or_else(|| format!("unclosed {{ in {template:?}"))? + open;
        let name = &rest[open + 1..close];
        let options = slots.get(name).filter(|o| !o.is_empty()).ok_or_else(|| format!("unknown slot {{{name}}} in {template:?}"))?;
        let pick = &options[rng.below(options.len())];
        if depth > 4 {
            return Err(format!("slots nest too deep at {{{name}}}"));
        }
        out.push_str(&fill(pick, slots, rng, depth + 1)?);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn shorthand(lang: &str) -> &'static [(&'static str, &'static str)] {
    match lang {
        "en" => &[("you", "u"), ("your", "ur"), ("are", "r"), ("to", "2"), ("please", "pls"), ("because", "cuz"), ("right now", "rn"), ("for", "4"), ("people", "ppl"), ("going to", "gonna"), ("want to", "wanna")],
        "es" => &[("que", "q"), ("por", "x"), ("porque", "xq"), ("también", "tmb"), ("por favor", "porfa"), ("de", "d")],
        "pt" => &[("você", "vc"), ("que", "q"), ("porque", "pq"), ("também", "tb"), ("por favor", "pfv"), ("não", "n")],
        "fr" => &[("c'est", "c"), ("que", "ke"), ("quoi", "koi"), ("s'il te plaît", "stp"), ("tout", "tt"), ("je suis", "chui")],
        "de" => &[("nicht", "nich"), ("ich", "i"), ("du", "u"), ("und", "u"), ("vielleicht", "vllt"), ("bitte", "bitteee")],
        _ => &[],
    }
}

fn articles(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &["the", "a", "an"],
        "es" => &["el", "la", "los", "las"],
        "pt" => &["o", "a", "os", "as"],
        "fr" => &["le", "la", "les"],
        "de" => &["der", "die", "das"],
        _ => &[],
    }
}

fn greeting(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "es" => ("Hola.", "Saludos."),
        "pt" => ("Olá.", "Atenciosamente."),
        "fr" => ("Bonjour.", "Cordialement."),
        "de" => ("Hallo.", "Mit freundlichen Grüßen."),
        _ => ("Hello.", "Regards."),
    }
}

fn replace_words(text: &str, table: &[(&str, &str)]) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    // Two-word entries first, then single words (matching lowercase, keeping punctuation out).
    for (from, to) in table.iter().filter(|(f, _)| f.contains(' ')) {
        let joined = words.join(" ");
        words = joined.replace(from, to).split(' ').map(str::to_string).collect();
    }
    for w in words.iter_mut() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'').to_lowercase();
        if let Some((_, to)) = table.iter().find(|(from, _)| !from.contains(' ') && *from == bare) {
            *w = w.to_lowercase().replace(&bare, to);
        }
    }
    words.join(" ")
}

/// Rewrites a line in a register.
pub fn apply(register: Register, text: &str, lang: &str, rng: &mut Rng) -> String {
    match register {
        Register::Plain => text.to_string(),
        Register::Teen => {
            let t = replace_words(&text.to_lowercase(), shorthand(lang));
            t.trim_end_matches(['.', '!']).to_string()
        }
        Register::Caps => {
            let kept: Vec<&str> = text.split(' ').filter(|w| !articles(lang).contains(&w.to_lowercase().as_str())).collect();
            kept.join(" ").to_uppercase()
        }
        Register::Formal => {
            let (hello, bye) = greeting(lang);
            let mut body: String = text.to_string();
            if let Some(first) = body.chars().next() {
                body = first.to_uppercase().chain(body.chars().skip(1)).collect();
            }
            if !body.ends_with(['.', '!', '?']) {
                body.push('.');
            }
            format!("{hello} {body} {bye}")
        }
        Register::Lookalike => text
            .chars()
            .map(|c| {
                let swap = match c {
                    'a' => 'а',
                    'e' => 'е',
                    'o' => 'о',
                    'p' => 'р',
                    'c' => 'с',
                    'x' => 'х',
                    'i' => 'і',
                    'y' => 'у',
                    _ => c,
                };
                if swap != c && rng.below(2) == 0 {
                    swap
                } else {
                    c
                }
            })
            .collect(),
        Register::Spaced => {
            let words: Vec<&str> = text.split(' ').collect();
            let Some((at, _)) = words.iter().enumerate().max_by_key(|(i, w)| (w.chars().filter(|c| c.is_alphabetic()).count(), usize::MAX - i)) else {
                return text.to_string();
            };
            let sep = [" ", ".", "-", "*"][rng.below(4)];
            let spaced = words[at].chars().filter(|c| c.is_alphanumeric()).map(String::from).collect::<Vec<_>>().join(sep);
            let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            out[at] = spaced;
            out.join(" ")
        }
        Register::Leet => text
            .chars()
            .map(|c| match c {
                'a' if rng.below(2) == 0 => '4',
                'e' if rng.below(2) == 0 => '3',
                'o' => '0',
                'i' if rng.below(2) == 0 => '1',
                's' if rng.below(3) == 0 => '$',
                _ => c,
            })
            .collect(),
    }
}

/// Generates every template's lines from the files under `dir`, in a stable order.
pub fn generate(dir: &Path) -> Result<Vec<Line>, DataError> {
    let mut paths: Vec<_> = fs::read_dir(dir)
        .map_err(|e| DataError(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    let mut rng = Rng::new(SEED);
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = fs::read_to_string(&path).map_err(|e| DataError(format!("{name}: {e}")))?;
        let file: File = toml::from_str(&text).map_err(|e| DataError(format!("{name}: {e}")))?;
        let blocks = file.sextortion.iter().map(|b| (b, true)).chain(file.benign.iter().map(|b| (b, false)));
        for (bi, (block, sextortion)) in blocks.enumerate() {
            let from = if block.from.as_deref() == Some("me") { Sender::Me } else { Sender::Them };
            let (family, signal) = if sextortion {
                let s = block.signal.as_deref().unwrap_or("");
                let id = SignalId::parse(s).ok_or_else(|| DataError(format!("{name}: block {bi}: unknown signal {s:?}")))?;
                (Some(if from == Sender::Me { Family::Distress } else { Family::of(id) }), Some(id))
            } else {
                (None, None)
            };
            for (li, template) in block.lines.iter().enumerate() {
                for _ in 0..PER_TEMPLATE {
                    let filled = fill(template, &file.slots, &mut rng, 0).map_err(|e| DataError(format!("{name}: {e}")))?;
                    let register = REGISTERS[rng.below(REGISTERS.len())];
                    out.push(Line {
                        text: apply(register, &filled, &file.lang, &mut rng),
                        family,
                        signal,
                        from,
                        lang: file.lang.clone(),
                        source: format!("generator:{name}"),
                        group: format!("generator:{name}#{bi}.{li}"),
                        kind: block.kind.clone().unwrap_or_else(|| "generated".into()),
                        origin: Origin::Generated,
                    });
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registers_keep_the_words_readable_to_the_normaliser() {
        let mut rng = Rng::new(7);
        let text = "send me the money or your nudes go to your followers";
        for r in REGISTERS {
            let typed = apply(r, text, "en", &mut rng);
            let norm = crate::normalise(&typed);
            assert!(norm.contains("followers") || norm.contains("follower"), "{r:?}: {typed:?} → {norm:?}");
        }
    }

    #[test]
    fn slots_fill_and_unknown_slots_are_errors() {
        let mut slots = BTreeMap::new();
        slots.insert("who".to_string(), vec!["your {rel}".to_string()]);
        slots.insert("rel".to_string(), vec!["mom".to_string()]);
        let mut rng = Rng::new(1);
        assert_eq!(fill("tell {who} now", &slots, &mut rng, 0), Ok("tell your mom now".to_string()));
        assert!(fill("{nope}", &slots, &mut rng, 0).is_err());
    }
}

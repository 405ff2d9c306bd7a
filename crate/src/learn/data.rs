//! The training data under `crate/data/`: real public messages with their source URLs
//! (`real/*.jsonl`), openly licensed everyday chat (`everyday/*.jsonl`) and, on request, the
//! generator's lines. Each line gets a *group* for cross-validation: the host of its source URL
//! for real lines (so one site's quotes never sit on both sides of a split), a chunk of its file
//! for everyday chat, its template for generated lines.

use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::model::{Family, Sender, SignalId};

/// Where a line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Quoted in a public source (URL in `source`).
    Real,
    /// Ordinary chat from an openly licensed set.
    Everyday,
    /// Written by the generator.
    Generated,
}

/// One training line.
#[derive(Debug, Clone)]
pub struct Line {
    /// The message.
    pub text: String,
    /// Sextortion (`Some(family)`) or benign (`None`).
    pub family: Option<Family>,
    /// The main sign, for sextortion lines.
    pub signal: Option<SignalId>,
    /// Who wrote it.
    pub from: Sender,
    /// ISO 639-1 language.
    pub lang: String,
    /// Source URL or data set name.
    pub source: String,
    /// Cross-validation group (see the module docs).
    pub group: String,
    /// What kind of line (free label from the data, e.g. `news_about`, `chat`).
    pub kind: String,
    /// Real, everyday or generated.
    pub origin: Origin,
}

#[derive(Deserialize)]
struct Raw {
    text: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    signal: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    exclude: Option<serde::de::IgnoredAny>,
}

/// Lines of everyday chat per cross-validation group (consecutive lines of one file).
pub const EVERYDAY_CHUNK: usize = 50;

/// The host of a URL without `www.` (the whole string if it is not a URL).
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest).to_ascii_lowercase();
    host.strip_prefix("www.").map(str::to_string).unwrap_or(host)
}

/// A problem with one line of a data file.
#[derive(Debug)]
pub struct DataError(pub String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}

fn jsonl_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, DataError> {
    let mut files: Vec<_> = match fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "jsonl")).collect(),
        Err(e) => return Err(DataError(format!("{}: {e}", dir.display()))),
    };
    files.sort();
    Ok(files)
}

fn parse_line(raw: Raw, origin: Origin, file: &str, n: usize) -> Result<Option<Line>, DataError> {
    let at = || format!("{file}:{}", n + 1);
    if raw.exclude.is_some() || raw.text.trim().is_empty() {
        return Ok(None);
    }
    let from = match raw.from.as_deref() {
        None | Some("them") => Sender::Them,
        Some("me") => Sender::Me,
        Some(other) => return Err(DataError(format!("{}: unknown sender {other:?}", at()))),
    };
    let (family, signal) = match raw.label.as_deref() {
        None | Some("benign") => (None, None),
        Some("sextortion") => {
            let name = raw.signal.as_deref().unwrap_or("");
            let id = SignalId::parse(name).ok_or_else(|| DataError(format!("{}: unknown signal {name:?}", at())))?;
            // The user's own words are distress whatever sign they retell.
            let family = if from == Sender::Me { Family::Distress } else { Family::of(id) };
            (Some(family), Some(id))
        }
        Some(other) => return Err(DataError(format!("{}: unknown label {other:?}", at()))),
    };
    let source = raw.source.unwrap_or_else(|| file.to_string());
    if origin == Origin::Real && !source.starts_with("http") {
        return Err(DataError(format!("{}: a real line needs its source URL", at())));
    }
    let group = match origin {
        Origin::Real => host(&source),
        _ => format!("{file}#{}", n / EVERYDAY_CHUNK),
    };
    Ok(Some(Line {
        text: raw.text,
        family,
        signal,
        from,
        lang: raw.lang.unwrap_or_else(|| "en".into()),
        source,
        group,
        kind: raw.kind.unwrap_or_else(|| if origin == Origin::Everyday { "everyday".into() } else { "chat".into() }),
        origin,
    }))
}

fn load_dir(dir: &Path, origin: Origin, out: &mut Vec<Line>) -> Result<(), DataError> {
    for path in jsonl_files(dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = fs::read_to_string(&path).map_err(|e| DataError(format!("{}: {e}", path.display())))?;
        for (n, l) in text.lines().enumerate() {
            if l.trim().is_empty() {
                continue;
            }
            let raw: Raw = serde_json::from_str(l).map_err(|e| DataError(format!("{name}:{}: {e}", n + 1)))?;
            if let Some(line) = parse_line(raw, origin, &name, n)? {
                out.push(line);
            }
        }
    }
    Ok(())
}

/// Loads `real/` and `everyday/` under `root` (normally `crate/data`), in a stable order,
/// dropping exact repeats of a text (the first one stays).
pub fn load(root: &Path) -> Result<Vec<Line>, DataError> {
    let mut out = Vec::new();
    load_dir(&root.join("real"), Origin::Real, &mut out)?;
    load_dir(&root.join("everyday"), Origin::Everyday, &mut out)?;
    let mut seen = std::collections::HashSet::new();
    out.retain(|l| seen.insert(crate::normalise(&l.text)));
    Ok(out)
}

/// The fold (0..k) a group falls in: a hash of its name, so adding data never moves other groups.
pub fn fold_of(group: &str, k: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in group.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % k as u64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host("https://www.Example.com/a/b?c"), "example.com");
        assert_eq!(host("http://news.site.org"), "news.site.org");
        assert_eq!(host("sms_ham.jsonl"), "sms_ham.jsonl");
    }

    #[test]
    fn a_real_line_needs_a_url_and_a_known_signal() {
        let raw = |s: &str| serde_json::from_str::<Raw>(s).expect("json");
        assert!(parse_line(raw(r#"{"text":"x","label":"sextortion","signal":"nope","source":"https://a.b"}"#), Origin::Real, "f", 0).is_err());
        assert!(parse_line(raw(r#"{"text":"x","label":"benign"}"#), Origin::Real, "f", 0).is_err());
        let l = parse_line(raw(r#"{"text":"pls dont","label":"sextortion","signal":"threat_to_share","from":"me","source":"https://a.b/c"}"#), Origin::Real, "f", 0)
            .expect("ok")
            .expect("line");
        assert_eq!(l.family, Some(Family::Distress), "the user's own words are distress");
        assert_eq!(l.group, "a.b");
    }
}

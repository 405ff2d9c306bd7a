//! The engine scored on real messages quoted in public sources (`shared/corpus/`, outside this
//! repository). The thresholds are the project's acceptance bar; when the folder is absent (a
//! fresh clone elsewhere) the test says it skipped.

use std::path::PathBuf;

use headsup::eval::{Labelled, Report};
use headsup::{Audience, Level};

fn corpus_dir() -> Option<PathBuf> {
    let mut candidates = vec![];
    if let Some(dir) = std::env::var_os("HEADSUP_CORPUS") {
        candidates.push(PathBuf::from(dir));
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    candidates.push(here.join("../../shared/corpus"));
    candidates.push(here.join("../shared/corpus"));
    candidates.push(PathBuf::from("/work/shared/corpus"));
    candidates.into_iter().find(|d| d.join("messages.jsonl").is_file())
}

fn load(path: PathBuf) -> Vec<Labelled> {
    let text = std::fs::read_to_string(&path).expect("read corpus");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

#[test]
fn corpus_messages_meet_the_bar() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped: shared/corpus not found (set HEADSUP_CORPUS to run this test)");
        return;
    };
    let lines = load(dir.join("messages.jsonl"));
    let teen = Report::run(&lines, Audience::Teen);
    let adult = Report::run(&lines, Audience::Adult);
    eprintln!("{teen}\n{adult}");
    assert!(teen.sextortion_caution() >= 90.0, "teen: sextortion at >= caution {:.1} % < 90 %", teen.sextortion_caution());
    assert!(teen.severe_warning() >= 95.0, "teen: threat/demand lines at >= warning {:.1} % < 95 %", teen.severe_warning());
    assert!(teen.benign_at(Level::Warning) <= 2.0, "teen: benign at >= warning {:.1} % > 2 %", teen.benign_at(Level::Warning));
    assert!(adult.benign_at(Level::Warning) <= 2.0, "adult: benign at >= warning {:.1} % > 2 %", adult.benign_at(Level::Warning));
    assert!(adult.severe_warning() >= 95.0, "adult: threats are threats for adults too ({:.1} %)", adult.severe_warning());
}

#[test]
fn corpus_conversations_scored() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped: shared/corpus not found");
        return;
    };
    let path = dir.join("conversations.jsonl");
    if !path.is_file() {
        eprintln!("skipped: no conversations.jsonl");
        return;
    }
    let report = Report::run(&load(path), Audience::Teen);
    eprintln!("{report}");
    assert_eq!(report.benign_at(Level::Caution), 0.0, "a benign conversation raised a warning");
}

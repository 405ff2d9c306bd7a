//! `headsup`: try the engine on transcripts from the command line.
//!
//! ```text
//! headsup scan  [--audience teen|adult] [FILE|-]   JSON Lines in, one verdict line out per line
//! headsup check [--audience teen|adult] [FILE|-]   a plain transcript in, a readable report out
//! headsup eval  [--audience teen|adult] FILE.jsonl  accuracy on labelled data
//! headsup normalise TEXT                            the form the rules see
//! ```

mod check;
mod learned;
mod report;
mod scan;

use std::io::{self, Read};
use std::process::ExitCode;

use headsup::{Audience, Peer};

const USAGE: &str = "usage:
  headsup scan  [--audience teen|adult] [FILE|-]    JSON Lines: {\"id\",\"text\"} or {\"id\",\"messages\":[{\"from\",\"text\"}]}
  headsup check [--audience teen|adult] [--peer P] [FILE|-]  transcript lines 'them: ...' / 'me: ...' (or JSONL)
  headsup eval  [--audience teen|adult] [--peer P] FILE.jsonl  recall, confusion table and false alarms on labelled data
  headsup eval  --cv [--data DIR] [--no-generated] [--heads]  cross-validation grouped by source (--heads: each head alone)
  headsup eval  --everyday [--peer P] FILE.jsonl... everyday lines read as chats of 100 and 1000
  headsup train [--data DIR] [--out FILE] [--generated]   fit the learned scorer (crate/model/weights.bin; --generated adds generated lines)
  headsup explain [--me] TEXT                       one message: the rules' hits and each learned head's logit and weight
  headsup normalise TEXT";

struct Args {
    audience: Audience,
    peer: Peer,
    path: Option<String>,
}

fn parse_args(rest: &[String]) -> Result<Args, String> {
    let mut args = Args { audience: Audience::Teen, peer: Peer::default(), path: None };
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--audience" => {
                args.audience = match it.next().map(String::as_str) {
                    Some("teen") => Audience::Teen,
                    Some("adult") => Audience::Adult,
                    other => return Err(format!("--audience takes teen or adult, not {other:?}")),
                }
            }
            "--peer" => args.peer = parse_peer(it.next().map(String::as_str))?,
            p if args.path.is_none() && (p == "-" || !p.starts_with('-')) => args.path = Some(p.to_string()),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    Ok(args)
}

/// `--peer stranger|new|friend|unknown`: what the page is taken to show about the other person.
pub(crate) fn parse_peer(value: Option<&str>) -> Result<Peer, String> {
    Ok(match value {
        Some("stranger") => Peer { stranger: Some(true), new_thread: None },
        Some("new") => Peer { stranger: None, new_thread: Some(true) },
        Some("friend") => Peer { stranger: Some(false), new_thread: Some(false) },
        Some("unknown") => Peer::default(),
        other => return Err(format!("--peer takes stranger, new, friend or unknown, not {other:?}")),
    })
}

fn read_input(path: Option<&str>) -> Result<String, String> {
    let mut raw = Vec::new();
    match path {
        None | Some("-") => {
            io::stdin().read_to_end(&mut raw).map_err(|e| format!("reading stdin: {e}"))?;
        }
        Some(p) => raw = std::fs::read(p).map_err(|e| format!("reading {p}: {e}"))?,
    };
    // Hostile or broken input must not stop the run: invalid UTF-8 is replaced, not refused.
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = argv.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(64);
    };
    if cmd == "normalise" || cmd == "normalize" {
        println!("{}", headsup::normalise(&argv[1..].join(" ")));
        return ExitCode::SUCCESS;
    }
    let rest = &argv[1..];
    let learned = match cmd.as_str() {
        "train" => Some(learned::train(rest).map(|()| String::new())),
        "eval" if rest.iter().any(|a| a == "--cv") => Some(learned::cv(rest)),
        "eval" if rest.iter().any(|a| a == "--everyday") => Some(learned::everyday(rest)),
        "explain" => Some(learned::explain(rest)),
        _ => None,
    };
    if let Some(result) = learned {
        return match result {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("headsup: {e}");
                ExitCode::from(65)
            }
        };
    }
    if cmd == "-h" || cmd == "--help" || cmd == "help" {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse_args(&argv[1..]) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("headsup: {e}\n{USAGE}");
            return ExitCode::from(64);
        }
    };
    let input = match read_input(args.path.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("headsup: {e}");
            return ExitCode::from(66);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cmd.as_str() {
        "scan" => scan::run(&input, args.audience, &mut out),
        "check" => check::run(&input, args.audience, args.peer, &mut out),
        "eval" => scan::eval(&input, args.audience, args.peer, &mut out),
        other => {
            eprintln!("headsup: unknown command {other:?}\n{USAGE}");
            return ExitCode::from(64);
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("headsup: {e}");
            ExitCode::from(74)
        }
    }
}

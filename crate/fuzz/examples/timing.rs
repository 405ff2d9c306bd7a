//! Times the core on pathological messages (release build):
//! `cargo run --release --example timing`. Figures go to docs/fuzzing.md.

use std::time::Instant;

use headsup::{analyse, Audience, Context, Message, Sender, MAX_CHARS_PER_MESSAGE};

const THREAT: &str = "I will send your nudes to all your followers unless you pay $500";

fn time(label: &str, msgs: &[Message]) {
    let ctx = Context { audience: Audience::Teen, site: None };
    let _ = analyse(&msgs[..1], &ctx); // warm the lazily compiled rules
    let t = Instant::now();
    let a = analyse(msgs, &ctx);
    let took = t.elapsed();
    let bytes: usize = msgs.iter().map(|m| m.text.len()).sum();
    println!("| {label} | {} | {bytes} | {took:.2?} | {:?} |", msgs.len(), a.level);
}

fn one(label: &str, text: String) {
    time(label, &[Message::new(Sender::Them, text)]);
}

fn main() {
    if let Some(k) = std::env::args().nth(1).and_then(|a| a.strip_prefix("peach").map(|k| k.parse::<usize>().unwrap_or(32))) {
        one(&format!("threat + {k}Ki × 🍑"), format!("{THREAT} {}", "🍑".repeat(k * 1024)));
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("quick") {
        for k in [4, 16] {
            one(&format!("threat + {k}Ki × 'a b '"), format!("{THREAT} {}", "a b ".repeat(k * 1024 / 4)));
            one(&format!("threat + {k}Ki × 🍑"), format!("{THREAT} {}", "🍑".repeat(k * 1024)));
        }
        for n in [1_000, 4_000] {
            let threats: Vec<Message> = (0..n).map(|_| Message::new(Sender::Them, THREAT)).collect();
            time(&format!("{n} threats"), &threats);
        }
        return;
    }
    let mb = 1 << 20;
    let max = MAX_CHARS_PER_MESSAGE;
    println!("| input | messages | bytes | time | level |\n|---|---|---|---|---|");
    one("threat", THREAT.to_string());
    one("1 MB 'a', no spaces", "a".repeat(mb));
    one("1 MB 'sendnudes', no spaces", "sendnudes".repeat(mb / 9));
    one("1 MB of 🍑", "🍑".repeat(mb / 4));
    one("1 MB of 😀", "😀".repeat(mb / 4));
    one("64Ki × 🍑 (the limit)", "🍑".repeat(max));
    one("threat + 64Ki × 🍑", format!("{THREAT} {}", "🍑".repeat(max)));
    for k in [4, 16, 64] {
        one(&format!("threat + {k}Ki × 'a b '"), format!("{THREAT} {}", "a b ".repeat(k * 1024 / 4)));
    }
    for k in [4, 16] {
        one(&format!("threat + {k}Ki × 🍑"), format!("{THREAT} {}", "🍑".repeat(k * 1024)));
    }
    one("64Ki × 'nudes '", "nudes ".repeat(max / 6));
    one("64Ki × 'not send nudes '", "not send nudes ".repeat(max / 15));
    one("64Ki × 'pay $500 '", "pay $500 ".repeat(max / 9));
    one("64Ki × 'n u d e s '", "n u d e s ".repeat(max / 10));
    let marks: String = ('\u{0300}'..='\u{036F}').collect();
    one("1 letter + 100k combining marks", format!("a{}", marks.repeat(100_000 / 112)));
    one("100k zero-width", "\u{200B}".repeat(100_000));
    let lines = ["hey how was school", "you are so special to me 😍", "add me on snap", "send pics pls", "no", "come on just one"];
    let chat: Vec<Message> = (0..10_000).map(|i| Message::new(if i % 3 == 1 { Sender::Me } else { Sender::Them }, lines[i % lines.len()])).collect();
    time("10,000-message chat", &chat);
    for n in [1_000, 10_000] {
        let threats: Vec<Message> = (0..n).map(|_| Message::new(Sender::Them, THREAT)).collect();
        time(&format!("{n} threats"), &threats);
    }
}

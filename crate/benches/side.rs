//! Native side of the side-by-side wasm/native ratio (`bench/node.mjs` runs it in turns with the
//! wasm build, slice by slice, so load on a shared machine hits both alike). Not criterion: reads
//! the corpus, analyses conversations `--from`..`--to` (of 100 messages, as in `core.rs`), prints
//! `{"ms": …, "messages": …, "flagged": …}`.
#![allow(missing_docs)]

use std::time::Instant;

use headsup::{Analyser, Audience, Context, Level, Message, Sender};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    // `cargo bench` runs every bench target with `--bench`: do nothing then.
    let Some(corpus) = arg("--corpus") else { return };
    let text = std::fs::read_to_string(&corpus).expect("corpus");
    let messages: Vec<Message> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus line is JSON");
            let from = if v["from"] == "me" { Sender::Me } else { Sender::Them };
            Message::new(from, v["text"].as_str().unwrap_or_default())
        })
        .collect();
    // `--chat N --reps K`: one conversation of N messages (a stride sample of the corpus, as in
    // core.rs), analysed K times — for the linear-growth figure, measured in turns with other N.
    if let Some(n) = arg("--chat").and_then(|s| s.parse::<usize>().ok()) {
        let reps: usize = arg("--reps").and_then(|s| s.parse().ok()).unwrap_or(1);
        let len = messages.len();
        let chat: Vec<&Message> = (0..n).map(|i| &messages[(i * len / n.max(1) + i / len) % len]).collect();
        let start = Instant::now();
        let mut flagged = 0;
        for _ in 0..reps {
            let mut a = Analyser::new(Context { audience: Audience::Teen, site: None });
            for m in &chat {
                a.push(m);
            }
            flagged += usize::from(a.result().level >= Level::Warning);
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!("{{\"ms\": {ms}, \"messages\": {}, \"flagged\": {flagged}}}", n * reps);
        return;
    }
    let chats: Vec<&[Message]> = messages.chunks(100).collect();
    let from: usize = arg("--from").and_then(|s| s.parse().ok()).unwrap_or(0);
    let to: usize = arg("--to").and_then(|s| s.parse().ok()).unwrap_or(chats.len()).min(chats.len());
    let start = Instant::now();
    let mut n = 0;
    let mut flagged = 0;
    for chat in &chats[from..to] {
        let mut a = Analyser::new(Context { audience: Audience::Teen, site: None });
        for m in *chat {
            a.push(m);
        }
        n += chat.len();
        flagged += usize::from(a.result().level >= Level::Warning);
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    println!("{{\"ms\": {ms}, \"messages\": {n}, \"flagged\": {flagged}}}");
}

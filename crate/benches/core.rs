//! Criterion benchmarks of the core, native: throughput on the benchmark corpus and the cost of
//! one conversation at 100 / 1,000 / 10,000 messages. The corpus is built by `bench/corpus.mjs`
//! (`make bench` does it first) into `target/bench/corpus.jsonl`; `HEADSUP_BENCH_CORPUS` overrides.
//! `scripts/bench.mjs` reads criterion's estimates and writes BENCHMARKS.md.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use headsup::{Analyser, Audience, Context, Message, Sender};

/// Messages per conversation when the corpus is read as a stream of chats.
const CONVERSATION: usize = 100;

fn corpus() -> Vec<Message> {
    let path = std::env::var_os("HEADSUP_BENCH_CORPUS").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench/corpus.jsonl")
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e} (build it with `node bench/corpus.mjs`)", path.display())
    });
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus line is JSON");
            let from = if v["from"] == "me" { Sender::Me } else { Sender::Them };
            Message::new(from, v["text"].as_str().unwrap_or_default())
        })
        .collect()
}

/// `n` messages taken at an even stride through the corpus (wrapping when `n` is larger).
fn stride(messages: &[Message], n: usize) -> Vec<Message> {
    (0..n).map(|i| messages[(i * messages.len() / n.max(1) + i / messages.len()) % messages.len()].clone()).collect()
}

fn context() -> Context {
    Context { audience: Audience::Teen, site: None }
}

/// Analyses one conversation: a new analyser, every message pushed, the verdict read.
fn analyse_chat(chat: &[Message]) -> headsup::Analysis {
    let mut a = Analyser::new(context());
    for m in chat {
        a.push(m);
    }
    a.result()
}

fn bench(c: &mut Criterion) {
    let messages = corpus();
    let bytes: usize = messages.iter().map(|m| m.text.len()).sum();

    // The corpus read as consecutive conversations of `CONVERSATION` messages. One iteration is
    // one conversation; iterations walk the whole corpus in order (and wrap), so the figure is
    // the mean over the corpus, not over its first lines. Per-iteration throughput is the mean
    // conversation's size; scripts/bench.mjs turns it into messages/s and MB/s.
    let chats: Vec<&[Message]> = messages.chunks(CONVERSATION).collect();
    let mean_bytes = bytes as f64 / chats.len() as f64;
    let mut g = c.benchmark_group("corpus");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    g.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(25));
    g.throughput(Throughput::Bytes(mean_bytes.round() as u64));
    let mut next = 0usize;
    g.bench_function("conversation_of_100", |b| {
        b.iter_custom(|iters| {
            let start = std::time::Instant::now();
            for _ in 0..iters {
                black_box(analyse_chat(black_box(chats[next])));
                next = (next + 1) % chats.len();
            }
            start.elapsed()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("conversation");
    g.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    // HEADSUP_BENCH_SMOKE (make bench-smoke, a debug build): shorter conversations.
    let sizes: &[usize] =
        if std::env::var_os("HEADSUP_BENCH_SMOKE").is_some() { &[10, 100] } else { &[100, 1_000, 10_000] };
    for &n in sizes {
        // A stride sample of the whole corpus, so every length sees the same mix of messages.
        let chat: Vec<Message> = stride(&messages, n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &chat, |b, chat| {
            b.iter(|| black_box(analyse_chat(black_box(chat))))
        });
    }
    g.finish();

    // Profile split (public API only): normalisation alone over the same conversations.
    let mut g = c.benchmark_group("split");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    g.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(mean_bytes.round() as u64));
    let mut next = 0usize;
    g.bench_function("normalise_conversation_of_100", |b| {
        b.iter_custom(|iters| {
            let start = std::time::Instant::now();
            for _ in 0..iters {
                for m in chats[next] {
                    black_box(headsup::normalise(black_box(&m.text)));
                }
                next = (next + 1) % chats.len();
            }
            start.elapsed()
        })
    });
    g.finish();

    // Start-up: the first analyser (compiles the rules where that is lazy) is measured in Node
    // and the worker; natively, one new analyser plus one message.
    let mut g = c.benchmark_group("start");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    let first = Message::new(Sender::Them, "hey how are you");
    g.bench_function("new_analyser_one_message", |b| {
        b.iter(|| {
            let mut a = Analyser::new(context());
            a.push(&first);
            black_box(a.result())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

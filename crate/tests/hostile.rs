//! Pathological inputs: huge messages, huge conversations, invisible and control characters,
//! zalgo, mixed scripts, invalid UTF-8 and malformed JSON through the CLI, and every input the
//! fuzzers found (`tests/regressions/`).
//!
//! Time is not asserted (machines are shared and noisy); bounds are structural: the result is
//! produced, and text beyond `MAX_CHARS_PER_MESSAGE` does not change it. Measured times are
//! printed: `cargo test --test hostile -- --nocapture`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use headsup::{analyse, normalise, Analyser, Analysis, Audience, Context, Level, Message, Sender, MAX_CHARS_PER_MESSAGE};

const THREAT: &str = "I will send your nudes to all your followers unless you pay $500";
const MB: usize = 1 << 20;

fn teen() -> Context {
    Context { audience: Audience::Teen, site: None }
}

fn contexts() -> [Context; 2] {
    [teen(), Context { audience: Audience::Adult, site: None }]
}

/// Analyses one message from each sender and audience (huge texts: from them, for a teen only,
/// to keep the suite quick in debug builds), timing it; checks the invariants.
fn run_one(label: &str, text: &str) -> Analysis {
    let mut first = None;
    let huge = text.len() > 64 * 1024;
    for ctx in contexts().into_iter().take(if huge { 1 } else { 2 }) {
        for from in [Sender::Them, Sender::Me, Sender::Unknown].into_iter().take(if huge { 1 } else { 3 }) {
            let t = Instant::now();
            let a = analyse(&[Message::new(from, text)], &ctx);
            let took = t.elapsed();
            check(&a, 1);
            if first.is_none() {
                eprintln!("{label}: {} bytes, {} chars analysed in {took:?}", text.len(), text.chars().count());
                first = Some(a);
            }
        }
    }
    first.expect("ran")
}

fn check(a: &Analysis, n: usize) {
    assert_eq!(a.message_count, n);
    for s in &a.signals {
        assert!(!s.messages.is_empty() && s.messages.len() <= headsup::MAX_INDICES_PER_SIGNAL);
        assert!(s.messages.windows(2).all(|w| w[0] < w[1]), "{:?}", s.messages);
        assert!(s.messages.iter().all(|&i| i < n));
    }
}

fn threat_level() -> Level {
    analyse(&[Message::new(Sender::Them, THREAT)], &teen()).level
}

#[test]
fn the_threat_used_here_is_recognised() {
    // The structural checks below compare against this message; it must be recognised.
    // (It is a threat with a demand, so the engine should call it urgent; at the time of
    // writing "unless you pay $500" is not read as a payment demand, so only >= warning here.)
    let level = threat_level();
    eprintln!("THREAT alone: {level:?}");
    assert!(level >= Level::Warning, "{level:?}");
}

#[test]
fn one_megabyte_without_spaces() {
    let text = "a".repeat(MB);
    let a = run_one("1 MB of 'a'", &text);
    assert_eq!(a.level, Level::None);
    let words = "sendnudes".repeat(MB / 9);
    run_one("1 MB of 'sendnudes'", &words);
    let leet = "$3nDn00dZ!!".repeat(MB / 11);
    run_one("1 MB of '$3nDn00dZ!!'", &leet);
    let t = Instant::now();
    let n = normalise(&text);
    eprintln!("normalise(1 MB of 'a') -> {} chars in {:?}", n.len(), t.elapsed());
}

#[test]
fn one_megabyte_of_one_emoji() {
    for emoji in ["🍑", "💰", "😀", "⏰"] {
        let text = emoji.repeat(MB / emoji.len());
        run_one(&format!("1 MB of {emoji}"), &text);
    }
    // Deep ZWJ sequences: family and flag emoji glued together, with skin tones.
    let family = "👨\u{1F3FB}\u{200D}👩\u{1F3FF}\u{200D}👧\u{200D}👦\u{200D}";
    run_one("1 MB ZWJ chain", &family.repeat(MB / family.len()));
    let flags = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    run_one("1 MB tag-sequence flags", &flags.repeat(MB / flags.len()));
}

#[test]
fn huge_text_is_cut_at_the_limit_and_the_rest_ignored() {
    // Filler that is exactly MAX_CHARS_PER_MESSAGE characters (ASCII, then multi-byte).
    for filler_char in ['a', 'é', '🍑', '\u{200B}'] {
        let filler: String = std::iter::repeat(filler_char).take(MAX_CHARS_PER_MESSAGE).collect();
        let plain = analyse(&[Message::new(Sender::Them, filler.clone())], &teen());
        let with_threat = analyse(&[Message::new(Sender::Them, format!("{filler} {THREAT}"))], &teen());
        assert_eq!(plain, with_threat, "text after {MAX_CHARS_PER_MESSAGE} chars of {filler_char:?} was analysed");
        // The part analysed is analysed correctly: a threat at the start of a huge text counts.
        // (Not with 🍑 filler: 64 Ki meaningful emoji after a threat cost tens of seconds, see
        // docs/fuzzing.md; that case is timed by `cargo run --release --example timing`.)
        if filler_char == '🍑' {
            continue;
        }
        let t = Instant::now();
        let front = analyse(&[Message::new(Sender::Them, format!("{THREAT} {filler}{filler}"))], &teen());
        eprintln!("threat + 2×64Ki {filler_char:?}: {:?} in {:?}", front.level, t.elapsed());
        assert_eq!(front.level, threat_level(), "threat before {filler_char:?} filler not recognised");
    }
}

#[test]
fn zalgo_and_deep_combining_sequences() {
    let marks: String = ('\u{0300}'..='\u{036F}').collect();
    // One base letter with 100k combining marks.
    let deep = format!("a{}", marks.repeat(100_000 / marks.chars().count()));
    run_one("1 letter + 100k combining marks", &deep);
    // A threat in zalgo: every letter with 20 marks. Marks are removed, so it still counts.
    let zalgo: String = THREAT.chars().flat_map(|c| std::iter::once(c).chain(marks.chars().take(20))).collect();
    let a = run_one("zalgo threat", &zalgo);
    assert_eq!(a.level, threat_level(), "zalgo hides the threat");
    // A megabyte of zalgo text.
    run_one("1 MB zalgo", &zalgo.repeat(MB / zalgo.len()));
}

#[test]
fn zero_width_characters() {
    let zw = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{2060}", "\u{00AD}"];
    let many: String = zw.iter().cycle().take(100_000).copied().collect();
    let a = run_one("100k zero-width chars", &many);
    assert_eq!(a.level, Level::None);
    assert_eq!(normalise(&many), "");
    // A threat with zero-width characters between every letter reads the same as without.
    for z in zw {
        let hidden: String = THREAT.chars().flat_map(|c| [c.to_string(), z.to_string()]).collect();
        assert_eq!(normalise(&hidden), normalise(THREAT), "{z:?} changes the normalised threat");
        assert_eq!(analyse(&[Message::new(Sender::Them, hidden)], &teen()).level, threat_level());
    }
}

#[test]
fn bidi_controls_and_mixed_scripts() {
    let bidi = "\u{202E}\u{2066}\u{202B}\u{200F}\u{061C}";
    let hidden: String = THREAT.chars().flat_map(|c| [c.to_string(), bidi.to_string()]).collect();
    assert_eq!(normalise(&hidden), normalise(THREAT));
    let mixed = "Привет ΓΕΙΑ 你好 مرحبا שלום こんにちは 안녕 ｆｕｌｌｗｉｄｔｈ 𝓼𝓬𝓻𝓲𝓹𝓽 ⓒⓘⓡⓒⓛⓔ हिन्दी ไทย ";
    run_one("mixed scripts ×1", mixed);
    run_one("mixed scripts 1 MB", &mixed.repeat(MB / mixed.len()));
    // Look-alike letters: Cyrillic and Greek in a Latin threat.
    let lookalike = "І wіll ѕеnd уоur nudеѕ tο аll уοur fοllοwеrѕ unlеѕѕ уοu рау $500";
    assert_eq!(analyse(&[Message::new(Sender::Them, lookalike)], &teen()).level, threat_level());
}

#[test]
fn nul_and_control_characters() {
    let controls: String = (0u32..0x20).chain(0x7F..0xA0).filter_map(char::from_u32).collect();
    run_one("all C0/C1 controls", &controls);
    run_one("64Ki NUL", &"\0".repeat(MAX_CHARS_PER_MESSAGE));
    let with_nul: String = THREAT.chars().flat_map(|c| [c, '\0']).collect();
    let a = run_one("threat with NULs", &with_nul);
    assert_eq!(a.level, threat_level(), "NULs between letters hide the threat");
    run_one("ANSI escapes", "\u{1B}[2J\u{1B}[31mred\u{1B}[0m\r\n\u{8}\u{8}\u{7}");
    // Lone-surrogate-looking escapes are just text in Rust strings.
    run_one("escaped surrogates", r"\ud800\udfff \uDEAD \u0000 %00 &#0; &#xD800;");
    // Noncharacters and private use.
    run_one("nonchars", "\u{FFFE}\u{FFFF}\u{10FFFF}\u{E000}\u{F8FF}\u{FDD0}");
}

#[test]
fn empty_and_blank_messages() {
    for text in ["", " ", "\n\n\t", "\u{200B}", ".", "...", "!!!???", "\r\n"] {
        let a = run_one(&format!("blank {text:?}"), text);
        assert_eq!(a.level, Level::None, "{text:?}");
        assert!(a.signals.is_empty(), "{text:?}");
    }
    let empties: Vec<Message> = (0..1000).map(|i| Message::new(if i % 2 == 0 { Sender::Them } else { Sender::Me }, "")).collect();
    let a = analyse(&empties, &teen());
    check(&a, 1000);
    assert_eq!(a.level, Level::None);
    assert_eq!(analyse(&[], &teen()), Analyser::new(teen()).result());
    assert_eq!(analyse(&[], &teen()).message_count, 0);
}

#[test]
fn ten_thousand_message_conversation() {
    let lines = [
        "hey how was school",
        "lol same",
        "did u finish the homework",
        "ya its due tmrw",
        "you are so special to me 😍",
        "add me on snap",
        "send pics pls",
        "no",
        "come on just one",
        "🍑🍆💦",
    ];
    let msgs: Vec<Message> = (0..10_000)
        .map(|i| Message::new(if i % 3 == 1 { Sender::Me } else { Sender::Them }, lines[i % lines.len()]))
        .collect();
    let t = Instant::now();
    let whole = analyse(&msgs, &teen());
    eprintln!("10,000 messages: {:?} in {:?}", whole.level, t.elapsed());
    check(&whole, 10_000);
    // Incremental in batches of 97 is the same.
    let t = Instant::now();
    let mut inc = Analyser::new(teen());
    for chunk in msgs.chunks(97) {
        inc.push_batch(chunk.iter().cloned());
        let _ = inc.result();
    }
    eprintln!("10,000 messages in batches of 97 (result after each): {:?}", t.elapsed());
    assert_eq!(inc.result(), whole);
    // A threat at the very end still counts.
    let mut more = msgs.clone();
    more.push(Message::new(Sender::Them, THREAT));
    assert!(analyse(&more, &teen()).level >= threat_level());
    // 2,000 threats: indices stay capped, earliest first.
    let threats: Vec<Message> = (0..2_000).map(|_| Message::new(Sender::Them, THREAT)).collect();
    let t = Instant::now();
    let a = analyse(&threats, &teen());
    eprintln!("2,000 threats: {:?} in {:?}", a.level, t.elapsed());
    check(&a, 2_000);
    for s in &a.signals {
        assert_eq!(s.messages, (0..s.messages.len()).collect::<Vec<_>>());
    }
}

#[test]
fn one_megabyte_emoji_normalisation_is_idempotent_within_the_limit() {
    // Up to the limit, normalising twice changes nothing (the emoji become tokens).
    let text = "🍑".repeat(1000);
    let once = normalise(&text);
    assert_eq!(normalise(&once), once);
}

#[test]
fn huge_normalisation_is_idempotent() {
    let text = "🍑".repeat(MAX_CHARS_PER_MESSAGE);
    let once = normalise(&text);
    let twice = normalise(&once);
    assert_eq!(once.len(), twice.len(), "normalised {} chars, re-normalised {}", once.chars().count(), twice.chars().count());
}

// ---------------------------------------------------------------- CLI: bytes that aren't UTF-8

fn headsup_scan(args: &[&str], input: &[u8]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_headsup"))
        .arg("scan")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn headsup");
    let mut stdin = child.stdin.take().expect("stdin");
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait headsup");
    writer.join().expect("writer");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("output line not JSON ({e}): {l}"))).collect()
}

#[test]
fn cli_scan_survives_invalid_utf8_and_malformed_lines() {
    let mut input: Vec<u8> = Vec::new();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"hello there\"}\n");
    // Invalid UTF-8 inside a JSON string: lone continuation byte, overlong NUL, surrogate half.
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"bad \x80 \xC0\x80 \xED\xA0\x80 bytes\"}\n");
    input.extend_from_slice(b"this is not json\n");
    input.extend_from_slice(b"{\"id\": 4, \"text\": \"unterminated\n");
    input.extend_from_slice(b"\xFF\xFE\xFD\n");
    input.extend_from_slice(format!("{{\"id\": \"six\", \"text\": \"{THREAT}\"}}\n").as_bytes());
    input.extend_from_slice(b"{\"id\": 7, \"messages\": [{\"from\": \"them\", \"text\": \"\\u0000\\ud83d\\ude00\"}, {\"from\": \"me\", \"text\": \"no\"}]}\n");
    input.extend_from_slice(b"{\"id\": 8, \"text\": \"lone surrogate escape \\udead\"}\n");
    input.extend_from_slice(b"{\"id\": 9, \"messages\": [{\"from\": \"nobody\", \"text\": \"x\"}]}\n");
    input.extend_from_slice(b"[1, 2, 3]\n");
    input.extend_from_slice(b"{\"id\": 11, \"text\": \"last\"}");
    let (code, stdout, stderr) = headsup_scan(&[], &input);
    eprintln!("stderr:\n{stderr}");
    assert_eq!(code, Some(2), "malformed lines must give exit status 2");
    let out = json_lines(&stdout);
    assert_eq!(out.len(), 11, "one output line per input line:\n{stdout}");
    // Valid lines produce verdicts, in order; malformed ones produce {"id": null, "line": N, "error"}.
    let ok_ids = [(0, serde_json::json!(1)), (1, serde_json::json!(2)), (5, serde_json::json!("six")), (6, serde_json::json!(7)), (10, serde_json::json!(11))];
    for (i, id) in ok_ids {
        assert_eq!(out[i]["id"], id, "line {}: {}", i + 1, out[i]);
        assert!(out[i]["level"].is_string(), "line {}: {}", i + 1, out[i]);
        assert!(out[i]["signals"].is_array(), "line {}: {}", i + 1, out[i]);
    }
    assert!(out[5]["level"] == "urgent" || out[5]["level"] == "warning", "{}", out[5]);
    for i in [2, 3, 4, 8, 9] {
        assert!(out[i]["id"].is_null(), "line {}: {}", i + 1, out[i]);
        assert_eq!(out[i]["line"], i + 1, "line {}: {}", i + 1, out[i]);
        assert!(out[i]["error"].as_str().is_some_and(|e| !e.is_empty()), "line {}: {}", i + 1, out[i]);
    }
    // Line 8 (a lone surrogate escape) is either rejected as malformed or scanned: never a crash.
    assert!(out[7]["level"].is_string() || out[7]["error"].is_string(), "{}", out[7]);
}

#[test]
fn cli_scan_huge_line_and_empty_input() {
    let text = "🍑a\u{200B}".repeat(MB / 8);
    let line = serde_json::json!({"id": "big", "text": text}).to_string();
    let t = Instant::now();
    let (code, stdout, _) = headsup_scan(&[], line.as_bytes());
    eprintln!("CLI scan of a {} byte line: {:?}", line.len(), t.elapsed());
    assert_eq!(code, Some(0));
    let out = json_lines(&stdout);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["id"], "big");
    let (code, stdout, _) = headsup_scan(&["--audience", "adult"], b"");
    assert_eq!(code, Some(0));
    assert!(stdout.is_empty());
    // Only invalid bytes: one malformed line, exit 2.
    let (code, stdout, _) = headsup_scan(&[], b"\xC3\x28\xA0\xA1\xE2\x28\xA1\xF0\x28\x8C\xBC");
    assert_eq!(code, Some(2));
    let out = json_lines(&stdout);
    assert_eq!(out.len(), 1);
    assert!(out[0]["id"].is_null() && out[0]["line"] == 1);
    // Deeply nested JSON must not overflow the stack.
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (code, stdout, _) = headsup_scan(&[], nested.as_bytes());
    assert_eq!(code, Some(2));
    assert_eq!(json_lines(&stdout).len(), 1);
}

// ---------------------------------------------------------------- inputs found by fuzzing

fn regression_files(sub: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions").join(sub);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    files.retain(|p| p.file_name().is_some_and(|n| !n.to_string_lossy().starts_with('.') && n != "README.md"));
    files.sort();
    files
}

/// Every file under `tests/regressions/*/` is a message text (raw bytes, read as lossy UTF-8)
/// that once broke something. None may panic, in any role, alone or in a conversation.
#[test]
fn regressions_never_panic() {
    let mut n = 0;
    for sub in ["panic", "idempotence", "invariant"] {
        for path in regression_files(sub) {
            let text = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
            for ctx in contexts() {
                for from in [Sender::Them, Sender::Me, Sender::Unknown] {
                    let msgs = vec![Message::new(from, text.clone()), Message::new(Sender::Them, THREAT)];
                    let one = analyse(&msgs[..1], &ctx);
                    check(&one, 1);
                    let two = analyse(&msgs, &ctx);
                    check(&two, 2);
                    assert!(two.level >= one.level, "{}: threat lowered the level", path.display());
                }
            }
            let _ = normalise(&normalise(&text));
            n += 1;
        }
    }
    eprintln!("{n} regression inputs replayed");
}

/// Inputs on which normalising twice gave something else than normalising once.
#[test]
fn regressions_normalise_idempotent() {
    let mut bad = Vec::new();
    for path in regression_files("idempotence") {
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
        let once = normalise(&text);
        let twice = normalise(&once);
        if once != twice {
            bad.push(format!("{}: {text:?} -> {once:?} -> {twice:?}", path.display()));
        }
    }
    assert!(bad.is_empty(), "not idempotent:\n{}", bad.join("\n"));
}

//! Word-level normalisation: splitting folded text into parts, recognising amounts, payment
//! handles, addresses and codes as tokens, re-joining letters split by spaces or dots, and
//! undoing leetspeak, stretched letters and chat shorthand.

use super::Tables;

/// A piece of a message on its way to becoming tokens.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Part {
    /// Text still to be mapped (may be leetspeak, shorthand, stretched).
    Raw(String),
    /// A finished token (amounts, handles, addresses...).
    Token(&'static str),
    /// The end of a sentence.
    Boundary,
}

/// Words that elide before an apostrophe in French (and Italian).
const ELISIONS: [&str; 12] = ["c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu"];

const SENTENCE_END: [char; 4] = ['.', '!', '?', ';'];

/// Splits a folded text into parts.
pub(super) fn parts(folded: &str, t: &Tables, out: &mut Vec<Part>) {
    for chunk in folded.split(' ').filter(|c| !c.is_empty()) {
        let core = chunk.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '$');
        let ends = chunk[core.len()..].contains(SENTENCE_END);
        let core = core.trim_start_matches(|c: char| c.is_ascii_punctuation() && !matches!(c, '$' | '@' | '+'));
        if !core.is_empty() && !special(core, t, out) {
            // Each piece gets the same recognition as a whole chunk, so normalising twice
            // gives the same tokens ("bc1q…!!send" → "xcrypto send").
            let mut pieces = Vec::new();
            split(core, &mut pieces);
            for piece in pieces {
                match piece {
                    Part::Raw(p) if p.len() > 1 && special(&p, t, out) => {}
                    other => out.push(other),
                }
            }
        }
        if ends {
            out.push(Part::Boundary);
        }
    }
}

/// Recognises a whole chunk that is an amount, address, handle or code. Returns whether it did.
fn special(c: &str, t: &Tables, out: &mut Vec<Part>) -> bool {
    let bytes = c.as_bytes();
    // Plain words (most chunks) are none of the forms below: each needs a digit or a symbol.
    if bytes.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    // Numbers with thousands separators or decimals: "1,500" → "1500".
    if bytes[0].is_ascii_digit() && c.chars().all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '.') {
        out.push(Part::Raw(c.chars().filter(char::is_ascii_digit).collect()));
        return true;
    }
    if let Some(rest) = strip_currency_symbol(c) {
        if looks_like_amount(rest) {
            out.push(Part::Token("xamt"));
            return true;
        }
    }
    if let Some(head) = strip_currency_suffix(c) {
        if looks_like_amount(head) {
            out.push(Part::Token("xamt"));
            return true;
        }
    }
    // "500usd", "200eur", "2btc"
    let digits = c.bytes().take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.').count();
    if digits > 0 && digits < c.len() && bytes[0].is_ascii_digit() {
        let suffix = &c[digits..];
        if t.is_currency(suffix) {
            out.push(Part::Token("xamt"));
            out.push(Part::Raw(suffix.to_string()));
            return true;
        }
    }
    if c.len() > 2 && c.starts_with('@') && c[1..].chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '.')
        && c.contains(['_', '.'])
    {
        out.push(Part::Token("xhandle"));
    } else if is_email(c) {
        out.push(Part::Token("xemail"));
    } else if is_url(c) {
        out.push(Part::Token("xurl"));
    } else if is_crypto_address(c) {
        out.push(Part::Token("xcrypto"));
    } else if is_iban(c) {
        out.push(Part::Token("xiban"));
    } else if is_code(c) {
        out.push(Part::Token("xcode"));
    } else if is_phone(c) {
        out.push(Part::Token("xphone"));
    } else {
        return false;
    }
    true
}

fn strip_currency_symbol(c: &str) -> Option<&str> {
    ['$', '£', '€', '¥', '₹', '₿', '₦', '₱', '₩'].iter().find_map(|s| c.strip_prefix(*s))
}

fn strip_currency_suffix(c: &str) -> Option<&str> {
    ['$', '£', '€', '¥', '₹', '₿', '₦', '₱', '₩'].iter().find_map(|s| c.strip_suffix(*s))
}

/// "500", "1,500", "1.5k", "20k".
fn looks_like_amount(s: &str) -> bool {
    let s = s.strip_suffix('k').unwrap_or(s);
    !s.is_empty()
        && s.as_bytes()[0].is_ascii_digit()
        && s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_email(c: &str) -> bool {
    let Some((local, domain)) = c.rsplit_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && domain.split('.').all(|l| !l.is_empty() && l.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'))
}

const TLDS: &[&str] = &[
    "app", "au", "biz", "br", "ca", "cc", "co", "com", "de", "es", "fr", "gg", "info", "io", "link", "ly",
    "me", "net", "org", "pt", "ru", "su", "tk", "to", "uk", "us", "xyz",
];

fn is_url(c: &str) -> bool {
    if c.starts_with("http://") || c.starts_with("https://") || c.starts_with("www.") {
        return true;
    }
    let host = c.split('/').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'))
        && labels[..labels.len() - 1].iter().any(|l| l.len() >= 2)
        && labels.last().is_some_and(|tld| TLDS.contains(tld) || (c.contains('/') && tld.len() >= 2))
}

/// Bitcoin (legacy, P2SH, bech32), Ethereum and Tron addresses, case-folded.
fn is_crypto_address(c: &str) -> bool {
    let n = c.len();
    if !c.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        return false;
    }
    let mixed = c.bytes().any(|b| b.is_ascii_digit()) && c.bytes().any(|b| b.is_ascii_alphabetic());
    (c.starts_with("bc1") && (14..=74).contains(&n))
        || (c.starts_with("0x") && n == 42 && c[2..].bytes().all(|b| b.is_ascii_hexdigit()))
        || ((c.starts_with('1') || c.starts_with('3') || c.starts_with('t')) && (26..=35).contains(&n) && mixed)
}

/// IBAN-like: two letters, two digits, 11–30 letters or digits.
fn is_iban(c: &str) -> bool {
    let b = c.as_bytes();
    (15..=34).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_alphanumeric)
}

/// Gift-card-style codes: "XXXX-XXXX-XXXX" groups, or a long run mixing letters and digits.
fn is_code(c: &str) -> bool {
    let groups: Vec<&str> = c.split('-').collect();
    let grouped = groups.len() >= 3
        && groups.iter().all(|g| (3..=6).contains(&g.len()) && g.chars().all(|ch| ch.is_ascii_alphanumeric()));
    let alnum: String = c.chars().filter(|ch| ch.is_ascii_alphanumeric()).collect();
    let digits = alnum.bytes().filter(u8::is_ascii_digit).count();
    let letters = alnum.len() - digits;
    (grouped && digits > 0) || (alnum.len() == c.len() && alnum.len() >= 12 && digits >= 3 && letters >= 3)
}

fn is_phone(c: &str) -> bool {
    let digits = c.bytes().filter(u8::is_ascii_digit).count();
    let ok_chars = c.chars().all(|ch| ch.is_ascii_digit() || "+-()".contains(ch));
    ok_chars && (digits >= 10 || (c.starts_with('+') && digits >= 8))
}

/// Splits a chunk into runs of word characters. Leetspeak symbols count as word characters
/// where they sit inside or at the start of a word; apostrophes inside words are dropped.
fn split(c: &str, out: &mut Vec<Part>) {
    let chars: Vec<char> = c.chars().collect();
    let mut cur = String::new();
    for (i, &ch) in chars.iter().enumerate() {
        let prev_word = i > 0 && chars[i - 1].is_alphanumeric();
        let next_word = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        let keep = ch.is_alphanumeric()
            || (matches!(ch, '$' | '@') && next_word)
            || (matches!(ch, '!' | '|' | '+') && prev_word && next_word);
        if keep {
            cur.push(ch);
        } else if ch == '\'' && prev_word && next_word {
            // French and Italian elision splits ("j'ai" → "j ai", "l'envoie" → "l envoie");
            // elsewhere the apostrophe is dropped ("don't" → "dont").
            if ELISIONS.contains(&cur.as_str()) {
                out.push(Part::Raw(std::mem::take(&mut cur)));
            }
        } else if !cur.is_empty() {
            out.push(Part::Raw(std::mem::take(&mut cur)));
        }
    }
    if !cur.is_empty() {
        out.push(Part::Raw(cur));
    }
}

/// Re-joins runs of three or more single characters ("n u d e s", "n.u.d.e.s") when the
/// result is a known word or splits into known words.
pub(super) fn join_split_letters(parts: &mut Vec<Part>, t: &Tables) {
    let single = |p: &Part| matches!(p, Part::Raw(s) if s.chars().count() == 1);
    let mut out = Vec::with_capacity(parts.len());
    let mut i = 0;
    while i < parts.len() {
        let mut j = i;
        while j < parts.len() && single(&parts[j]) {
            j += 1;
        }
        if j - i >= 3 {
            let joined: String =
                parts[i..j].iter().filter_map(|p| if let Part::Raw(s) = p { Some(s.as_str()) } else { None }).collect();
            match t.join_letters(&joined) {
                Some(ws) => out.extend(ws.into_iter().map(Part::Raw)),
                None => out.extend(parts[i..j].iter().cloned()),
            }
            i = j;
        } else if j > i {
            out.extend(parts[i..j].iter().cloned());
            i = j;
        } else {
            out.push(parts[i].clone());
            i += 1;
        }
    }
    *parts = out;
}

/// Maps one raw word to its tokens: shorthand expanded, leetspeak decoded, units split from
/// numbers, stretched letters squeezed.
pub(super) fn map_word(w: &str, t: &Tables, lang: Option<usize>, out: &mut Vec<String>) {
    if let Some(s) = t.slang(w, lang) {
        out.extend(s.split(' ').map(str::to_string));
        return;
    }
    if w.bytes().all(|b| b.is_ascii_digit()) {
        out.push(w.to_string());
        return;
    }
    // "24h", "10mins", "3am": a number with a unit.
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && w[digits..].chars().all(char::is_alphabetic) {
        if let Some(unit) = t.unit(&w[digits..]) {
            out.push(w[..digits].to_string());
            out.push(unit.to_string());
            return;
        }
    }
    let mut word = w.to_string();
    // Leetspeak is letters with digits or symbols in them ("s3nd", "$end", "0n", "1nsta"); a word
    // that starts with a number ("24m", "2x") is a number with something after it, left as it is.
    let b = w.as_bytes();
    let number_first = b[0].is_ascii_digit() && (b.len() < 2 || !b[1].is_ascii_alphabetic() || t.leet.get(&char::from(b[0])).is_none());
    if !number_first && !w.chars().all(char::is_alphabetic) {
        let decoded = t.deleet(w);
        // What decoding produced gets the same recognition as a typed chunk, so that a second
        // pass has nothing left to recognise.
        let mut parts = Vec::new();
        if special(&decoded, t, &mut parts) {
            for p in parts {
                match p {
                    Part::Token(tok) => out.push(tok.to_string()),
                    Part::Raw(r) => out.push(r),
                    Part::Boundary => {}
                }
            }
            return;
        }
        if w.starts_with('$') && !t.known(&decoded) {
            out.push("xcashtag".into());
            return;
        }
        if w.starts_with('@') && !t.known(&decoded) {
            out.push("xhandle".into());
            return;
        }
        if let Some(s) = t.slang(&decoded, lang) {
            out.extend(s.split(' ').map(str::to_string));
            return;
        }
        word = decoded;
    }
    if !t.known(&word) && has_run(&word, 3) {
        let squeezed = squeeze(&word, 1);
        // A single letter would be re-joined with its neighbours on a second pass.
        if let Some(canon) = t.unsqueeze(&squeezed).filter(|c| c.len() > 1) {
            match t.slang(canon, lang) {
                Some(s) => out.extend(s.split(' ').map(str::to_string)),
                None => out.push(canon.to_string()),
            }
            return;
        }
        word = squeeze(&word, 2);
        // The squeezed form is read again on a second pass: it must get the same treatment now.
        if let Some(expansion) = t.slang(&word, lang) {
            out.extend(expansion.split(' ').map(str::to_string));
            return;
        }
    }
    out.push(word);
}

/// Whether some letter repeats `n` or more times in a row.
fn has_run(w: &str, n: usize) -> bool {
    let mut run = 0;
    let mut prev = None;
    for c in w.chars() {
        run = if Some(c) == prev { run + 1 } else { 1 };
        if run >= n && c.is_alphabetic() {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// Collapses runs of the same letter to at most `keep`.
pub(super) fn squeeze(w: &str, keep: usize) -> String {
    let mut out = String::with_capacity(w.len());
    let mut run = 0;
    let mut prev = None;
    for c in w.chars() {
        run = if Some(c) == prev { run + 1 } else { 1 };
        if run <= keep || !c.is_alphabetic() {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

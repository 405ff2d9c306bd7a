//! Identifier extraction for the evidence pack: the usernames, email addresses, phone numbers,
//! payment details and links that appear in a conversation.
//!
//! Police and hotlines ask victims to keep exactly these ("usernames, email addresses, phone
//! numbers, bank details, links to where images are shared"). A frightened person will not
//! copy them out by hand, so the evidence pack lists them at the top. The lists are a help for
//! the reader, not proof: the pack always keeps every message word for word beside them.
//!
//! Precision matters more than recall here. A list padded with dates, prices and ordinary words
//! would bury the one wallet address that counts, so every kind is checked beyond its shape:
//! IBANs by their mod-97 check digits, phone numbers by digit count and by what surrounds them,
//! gift-card codes by mixing letters and digits in card-like groups, crypto addresses by
//! alphabet and length.

use regex_lite::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// At most this many entries are kept per list, so one hostile message cannot grow the pack.
pub const MAX_PER_KIND: usize = 200;

/// At most this many characters of one text are looked at (the same bound as analysis).
const MAX_CHARS: usize = crate::MAX_CHARS_PER_MESSAGE;

/// Payment handles and numbers found in the messages.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    /// Cash App `$cashtags`, without the `$`.
    pub cashtags: Vec<String>,
    /// PayPal: `paypal.me/name` links and the email or name written next to "PayPal".
    pub paypal: Vec<String>,
    /// Crypto wallet addresses (Bitcoin, Ethereum and compatible chains, Tron, Litecoin).
    pub crypto: Vec<String>,
    /// IBANs with valid check digits, grouped in fours as banks print them.
    pub iban: Vec<String>,
    /// Gift-card style codes (letter and digit groups such as `X7K2-99QD-PL3M-A8ZZ`).
    pub giftcards: Vec<String>,
}

/// Everything found, each list in order of first appearance, without duplicates.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifiers {
    /// Usernames: `@handles` and names written after an app label (`snap: name`).
    pub handles: Vec<String>,
    /// Email addresses (lower-cased domain).
    pub emails: Vec<String>,
    /// Phone numbers as written (7 to 15 digits).
    pub phones: Vec<String>,
    /// Payment handles and numbers.
    pub payment: Payment,
    /// Links, with or without `https://`.
    pub urls: Vec<String>,
}

impl Identifiers {
    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.handles.is_empty()
            && self.emails.is_empty()
            && self.phones.is_empty()
            && self.urls.is_empty()
            && self.payment.cashtags.is_empty()
            && self.payment.paypal.is_empty()
            && self.payment.crypto.is_empty()
            && self.payment.iban.is_empty()
            && self.payment.giftcards.is_empty()
    }
}

struct Patterns {
    url: Regex,
    bare_url: Regex,
    email: Regex,
    handle: Regex,
    labelled: Regex,
    paypal_me: Regex,
    paypal_label: Regex,
    cashtag: Regex,
    eth: Regex,
    bech32: Regex,
    base58: Regex,
    iban: Regex,
    gift: Regex,
    gift_plain: Regex,
    gift_context: Regex,
    phone: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // Every pattern is a literal tested natively by `cargo test`; a bad one fails there first.
        let re = |s: &str| Regex::new(s).unwrap_or_else(|e| panic!("extract pattern {s}: {e}"));
        Patterns {
            url: re(r"(?i)\b(?:https?://|www\.)[^\s<>\x22]+"),
            // Bare links only on top-level domains people actually paste in chats; this keeps
            // "file.txt", "e.g." and "3.5" out.
            bare_url: re(r"(?i)\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|io|me|ly|nz|gg|co|uk|us|ca|au|ie|de|fr|es|br|app|link|xyz|to|cc|tv|ru|info|site|online|shop|club|top|gl|sh|ws|page)(?:/[^\s<>\x22]*)?"),
            email: re(r"(?i)\b[a-z0-9](?:[a-z0-9._%+-]{0,63})@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b"),
            handle: re(r"@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)"),
            labelled: re(r"(?i)\b(?:snap(?:chat)?|sc|insta(?:gram)?|ig|telegram|tg|kik|discord|wickr|tiktok|twitter|threads|session|signal|skype)\s*(?:id|name|user(?:name)?)?\s*[:=]\s*@?([A-Za-z0-9_](?:[A-Za-z0-9_.-]{1,30}[A-Za-z0-9_])?)"),
            paypal_me: re(r"(?i)\bpaypal\.me/([A-Za-z0-9_.-]{2,40})"),
            paypal_label: re(r"(?i)\bpaypal\b(?:\s+(?:is|to|me|at|account|acc|email|id))*\s*[:=-]?\s*@?([A-Za-z0-9][A-Za-z0-9._%+-]{1,63}(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,24})?)"),
            cashtag: re(r"\$([A-Za-z][A-Za-z0-9_-]{0,19})\b"),
            eth: re(r"\b0x[0-9a-fA-F]{40}\b"),
            bech32: re(r"(?i)\b(?:bc1|ltc1)[02-9ac-hj-np-z]{11,71}\b"),
            base58: re(r"\b[13LMT][1-9A-HJ-NP-Za-km-z]{25,34}\b"),
            iban: re(r"\b[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]){11,30}\b"),
            gift: re(r"\b[A-Z0-9]{4,6}(?:[- ][A-Z0-9]{4,6}){2,4}\b"),
            gift_plain: re(r"\b[A-Z0-9]{15,20}\b"),
            gift_context: re(r"(?i)gift ?card|itunes|apple|google ?play|steam|amazon|razer|vanilla|visa|code|voucher|tarjeta|carte|karte|cart[aã]o|c[oó]digo"),
            phone: re(r"\+?\(?[0-9][0-9 ().\-]{5,22}[0-9]"),
        }
    })
}

/// Pushes `value` unless it is already there or the list is full.
fn add(list: &mut Vec<String>, value: String) {
    if list.len() < MAX_PER_KIND && !list.iter().any(|v| v.eq_ignore_ascii_case(&value)) {
        list.push(value);
    }
}

/// Characters that hide what a text says (zero-width, bidi controls) are dropped before
/// matching, so `a\u{200b}@b.com` is still an email address.
fn visible(text: &str) -> String {
    text.chars()
        .take(MAX_CHARS)
        .filter(|c| !matches!(*c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{ad}'))
        .map(|c| match c {
            // Full-width ASCII (＠, ０-９, Ａ-Ｚ) is a common way to slip past filters.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Trailing punctuation belongs to the sentence, not the link.
fn trim_url(s: &str) -> &str {
    let mut end = s.len();
    loop {
        let t = &s[..end];
        let Some(last) = t.chars().last() else { return t };
        let unbalanced_close = (last == ')' && t.matches('(').count() < t.matches(')').count())
            || (last == ']' && t.matches('[').count() < t.matches(']').count());
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '>' | '}' | '*') || unbalanced_close {
            end -= last.len_utf8();
        } else {
            return t;
        }
    }
}

/// ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 == 1.
pub fn iban_valid(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    if !(15..=34).contains(&compact.len()) || !compact.is_ascii() {
        return false;
    }
    let (head, tail) = compact.split_at(4);
    let mut rem: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => return false,
        };
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    rem == 1
}

/// An IBAN in groups of four, the way banks print it.
fn group_iban(iban: &str) -> String {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}
fn has_upper(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_uppercase())
}
fn has_lower(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_lowercase())
}

/// Byte ranges already claimed by a more specific kind, so a part is not listed twice
/// (the digits of an IBAN as a phone, the domain of an email as a link).
#[derive(Default)]
struct Claimed(Vec<(usize, usize)>);
impl Claimed {
    fn overlaps(&self, s: usize, e: usize) -> bool {
        self.0.iter().any(|&(a, b)| s < b && a < e)
    }
    fn claim(&mut self, s: usize, e: usize) {
        self.0.push((s, e));
    }
}

/// Is the match at `s..e` glued to other word characters (part of a longer token)?
fn glued(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().last();
    let after = text[e..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '/' || c == '@');
    word(before) || word(after)
}

/// Dates, times, prices and version numbers have phone-like digits; they are not numbers to call.
fn looks_like_phone(text: &str, s: usize, e: usize) -> bool {
    let m = &text[s..e];
    let digits = m.bytes().filter(u8::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return false;
    }
    let before = text[..s].chars().last();
    if matches!(before, Some('$' | '£' | '€' | '¥' | '#' | '.' | ',' | '-' | ':')) {
        return false;
    }
    let after = text[e..].chars().next();
    if matches!(after, Some('%' | '€' | '£' | ':' | 'x')) {
        return false;
    }
    // Currency or size words right after ("1000000 dollars", "25000000 bytes").
    let rest = text[e..].trim_start().to_ascii_lowercase();
    if ["usd", "dollar", "euro", "eur", "gbp", "pound", "bucks", "btc", "kb", "mb", "gb", "bytes"].iter().any(|w| rest.starts_with(w)) {
        return false;
    }
    // Decimal numbers and thousands groups: 1,234,567 / 3.14159265 / 1.000.000.
    let dot_groups: Vec<&str> = m.split('.').collect();
    let thousands = dot_groups.len() > 2 && dot_groups[0].len() <= 3 && dot_groups[1..].iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if m.contains(',') || thousands {
        return false;
    }
    if m.contains('.') && m.split('.').count() == 2 {
        return false;
    }
    // Dates: 2024-05-12, 12.05.2024, 2024 05 12, ranges of years "2019-2024".
    let groups: Vec<&str> = m.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    if groups.len() >= 2 && groups.iter().any(|g| g.len() == 4 && (g.starts_with("19") || g.starts_with("20")))
        && groups.iter().all(|g| g.len() <= 4) && digits <= 8
    {
        return false;
    }
    // A plain run of digits with no + and no separators is more often an order number or a code,
    // unless it is long enough to be a full number with area code.
    let plain = m.bytes().all(|b| b.is_ascii_digit());
    if plain && digits < 10 {
        return false;
    }
    // Grouped digits must look like phone groups (none longer than 6 after the first).
    if !plain && groups.iter().skip(1).any(|g| g.len() > 6) && !m.starts_with('+') {
        return false;
    }
    true
}

/// Finds identifiers in each text (messages in conversation order). Never panics on any input.
pub fn extract_identifiers<S: AsRef<str>>(texts: &[S]) -> Identifiers {
    let p = patterns();
    let mut out = Identifiers::default();
    for raw in texts {
        let text = visible(raw.as_ref());
        let mut claimed = Claimed::default();

        // Links first: the most specific (a link can hold an @, digits and a $).
        for m in p.url.find_iter(&text) {
            let url = trim_url(m.as_str());
            if url.len() > 4 {
                claimed.claim(m.start(), m.start() + url.len());
                add(&mut out.urls, url.to_string());
            }
        }
        for m in p.email.find_iter(&text) {
            if claimed.overlaps(m.start(), m.end()) {
                continue;
            }
            claimed.claim(m.start(), m.end());
            let (local, domain) = m.as_str().split_once('@').unwrap_or((m.as_str(), ""));
            add(&mut out.emails, format!("{local}@{}", domain.to_ascii_lowercase()));
        }
        for m in p.bare_url.find_iter(&text) {
            let (s, e) = (m.start(), m.start() + trim_url(m.as_str()).len());
            if claimed.overlaps(s, e) || text[..s].ends_with('@') || text[..s].ends_with('.') {
                continue;
            }
            claimed.claim(s, e);
            add(&mut out.urls, text[s..e].to_string());
        }
        for c in p.paypal_me.captures_iter(&text) {
            if let Some(name) = c.get(1) {
                add(&mut out.payment.paypal, trim_url(name.as_str()).to_string());
            }
        }
        for c in p.paypal_label.captures_iter(&text) {
            if let Some(name) = c.get(1) {
                let v = trim_url(name.as_str());
                // "paypal me" or "paypal is fine" are not accounts: an account has an @, a digit
                // or an underscore, or follows a colon.
                let colon = text[c.get(0).map_or(0, |m| m.start())..name.start()].contains(':');
                if v.len() >= 3 && (v.contains('@') || has_digit(v) || v.contains('_') || colon) && !v.eq_ignore_ascii_case("paypal.me") {
                    add(&mut out.payment.paypal, v.to_string());
                }
            }
        }

        // Payment numbers before phones: they are long digit runs too.
        for m in p.iban.find_iter(&text) {
            let mut candidate = m.as_str().trim_end().to_string();
            // The regex may run into a following word ("... 32 please"); trim to the longest valid prefix.
            let mut ok = iban_valid(&candidate);
            while !ok && candidate.len() > 15 {
                candidate.pop();
                candidate = candidate.trim_end().to_string();
                ok = iban_valid(&candidate);
            }
            if ok {
                claimed.claim(m.start(), m.start() + candidate.len());
                add(&mut out.payment.iban, group_iban(&candidate));
            }
        }
        for m in p.eth.find_iter(&text) {
            claimed.claim(m.start(), m.end());
            add(&mut out.payment.crypto, m.as_str().to_string());
        }
        for m in p.bech32.find_iter(&text) {
            let s = m.as_str();
            // bech32 is single-case.
            if s.to_ascii_lowercase() == s || s.to_ascii_uppercase() == s {
                claimed.claim(m.start(), m.end());
                add(&mut out.payment.crypto, s.to_string());
            }
        }
        for m in p.base58.find_iter(&text) {
            let s = m.as_str();
            // Base58 addresses mix digits, upper and lower case; words and names do not.
            let len_ok = match s.as_bytes()[0] {
                b'T' => s.len() == 34,
                _ => (26..=35).contains(&s.len()),
            };
            if len_ok && has_digit(s) && has_upper(&s[1..]) && has_lower(s) && !claimed.overlaps(m.start(), m.end()) {
                claimed.claim(m.start(), m.end());
                add(&mut out.payment.crypto, s.to_string());
            }
        }
        let gift_near = |s: usize, e: usize| {
            let from = text[..s].char_indices().rev().nth(80).map_or(0, |(i, _)| i);
            let to = text[e..].char_indices().nth(40).map_or(text.len(), |(i, _)| e + i);
            p.gift_context.is_match(&text[from..to])
        };
        for m in p.gift.find_iter(&text) {
            let s = m.as_str();
            let letters = s.bytes().filter(u8::is_ascii_uppercase).count();
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            // Card codes mix letters and digits; all-digit groups are phone or card numbers.
            if letters >= 2 && digits >= 2 && !claimed.overlaps(m.start(), m.end()) && (s.contains('-') || gift_near(m.start(), m.end())) {
                claimed.claim(m.start(), m.end());
                add(&mut out.payment.giftcards, s.to_string());
            }
        }
        for m in p.gift_plain.find_iter(&text) {
            let s = m.as_str();
            let letters = s.bytes().filter(u8::is_ascii_uppercase).count();
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            if letters >= 3 && digits >= 3 && !claimed.overlaps(m.start(), m.end()) && gift_near(m.start(), m.end()) {
                claimed.claim(m.start(), m.end());
                add(&mut out.payment.giftcards, s.to_string());
            }
        }
        for c in p.cashtag.captures_iter(&text) {
            let (Some(all), Some(name)) = (c.get(0), c.get(1)) else { continue };
            let before = text[..all.start()].chars().last();
            let currency = ["USD", "CAD", "AUD", "NZD", "EUR", "GBP", "BTC", "ETH", "USDT"].iter().any(|k| name.as_str().eq_ignore_ascii_case(k));
            if !claimed.overlaps(all.start(), all.end()) && !before.is_some_and(|b| b.is_alphanumeric()) && !currency {
                add(&mut out.payment.cashtags, name.as_str().to_string());
            }
        }

        // Usernames: @handles that are not part of an email, and names after an app label.
        for c in p.handle.captures_iter(&text) {
            let (Some(all), Some(name)) = (c.get(0), c.get(1)) else { continue };
            let before = text[..all.start()].chars().last();
            let n = name.as_str();
            let trimmed = n.trim_end_matches('.');
            if claimed.overlaps(all.start(), all.end()) || before.is_some_and(|b| b.is_alphanumeric() || b == '.' || b == '_') {
                continue;
            }
            // "@ 5", "@10pm", "@2": times and numbers, not names.
            let lower = trimmed.to_ascii_lowercase();
            let digits_then = lower.trim_start_matches(|c: char| c.is_ascii_digit());
            let is_time = lower.len() - digits_then.len() <= 2 && matches!(digits_then, "am" | "pm" | "h");
            if !trimmed.bytes().any(|b| b.is_ascii_alphabetic()) || is_time {
                continue;
            }
            claimed.claim(all.start(), all.end());
            add(&mut out.handles, format!("@{trimmed}"));
        }
        for c in p.labelled.captures_iter(&text) {
            let Some(name) = c.get(1) else { continue };
            if claimed.overlaps(name.start(), name.end()) {
                continue;
            }
            let n = name.as_str().trim_end_matches(['.', '-']);
            if n.len() >= 3 && n.bytes().any(|b| b.is_ascii_alphabetic()) {
                claimed.claim(name.start(), name.end());
                add(&mut out.handles, n.to_string());
            }
        }

        // Phones last, on what is left.
        for m in p.phone.find_iter(&text) {
            let (mut s, e) = (m.start(), m.end());
            // The regex may start with "(" that the number does not balance; keep it only if closed.
            if text[s..e].starts_with('(') && !text[s..e].contains(')') {
                s += 1;
            }
            let shown = text[s..e].trim();
            if claimed.overlaps(s, e) || glued(&text, s, e) || !looks_like_phone(&text, s, e) {
                continue;
            }
            add(&mut out.phones, shown.to_string());
        }
    }
    out
}

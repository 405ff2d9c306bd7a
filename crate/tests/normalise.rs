//! Normalisation: every spelling trick the issue lists, each with a case.

use headsup::normalise;

fn n(s: &str) -> String {
    normalise(s)
}

#[test]
fn compatibility_forms_and_case() {
    assert_eq!(n("ＳＥＮＤ ＮＵＤＥＳ"), "send nudes");
    assert_eq!(n("𝐬𝐞𝐧𝐝 𝓃𝓊𝒹𝑒𝓈"), "send nudes");
    assert_eq!(n("ⓢⓔⓝⓓ"), "send");
    assert_eq!(n("Vídeo ÉNVÍAME"), "video enviame");
    assert_eq!(n("Straße"), "strasse");
}

#[test]
fn invisible_characters_removed() {
    assert_eq!(n("nu\u{200b}des"), "nudes");
    assert_eq!(n("n\u{00ad}u\u{200d}d\u{2060}e\u{feff}s"), "nudes");
    assert_eq!(n("se\u{202e}nd"), "send");
    assert_eq!(n("z\u{0335}a\u{0336}l\u{0337}g\u{0338}o"), "zalgo");
}

#[test]
fn confusable_letters_mapped() {
    // Cyrillic а, е, о, р, с and Greek ο, ν.
    assert_eq!(n("sеnd nudеs"), "send nudes");
    assert_eq!(n("рау mе"), "pay me");
    assert_eq!(n("vіdеο"), "video");
}

#[test]
fn leetspeak_decoded() {
    assert_eq!(n("s3nd n00dz"), "send nudes");
    assert_eq!(n("$end pics"), "send pics");
    assert_eq!(n("nud3s"), "nudes");
    assert_eq!(n("h0rny"), "horny");
    assert_eq!(n("1 w1ll p0st"), "i will post");
}

#[test]
fn split_letters_joined() {
    assert_eq!(n("n u d e s"), "nudes");
    assert_eq!(n("n.u.d.e.s"), "nudes");
    assert_eq!(n("n-u-d-e-s"), "nudes");
    assert_eq!(n("n🍑u🍑d🍑e🍑s"), "nudes");
    assert_eq!(n("s e n d m e n u d e s"), "send me nudes");
    // Unknown letter runs stay as they were.
    assert_eq!(n("a b c"), "a b c");
}

#[test]
fn stretched_letters_squeezed() {
    assert_eq!(n("pleeeease"), "please");
    assert_eq!(n("nooooo"), "no");
    assert_eq!(n("plzzzz"), "please");
}

#[test]
fn chat_abbreviations_expanded() {
    assert_eq!(n("u"), "you");
    assert_eq!(n("ur pic"), "your pic");
    assert_eq!(n("pls"), "please");
    assert_eq!(n("rn"), "right now");
    assert_eq!(n("bc"), "because");
    assert_eq!(n("I'll post it"), "i will post it");
}

#[test]
fn meaningful_emoji_become_tokens() {
    assert_eq!(n("🍆💦"), "xsex xsex");
    assert_eq!(n("💰 now"), "xmoney now");
    assert_eq!(n("⏰⏳"), "xclock xclock");
    assert_eq!(n("u look good 😍"), "you look good xlove");
    assert_eq!(n("lol 🙃"), "lol");
}

#[test]
fn amounts_recognised() {
    assert_eq!(n("$500"), "xamt");
    assert_eq!(n("£200"), "xamt");
    assert_eq!(n("€50"), "xamt");
    assert_eq!(n("$1,500"), "xamt");
    assert_eq!(n("500$"), "xamt");
    assert_eq!(n("500 usd"), "xamt usd");
    assert_eq!(n("500usd"), "xamt usd");
    assert_eq!(n("12 bitcoins"), "xamt bitcoins");
    assert_eq!(n("1.5k$"), "xamt");
}

#[test]
fn payment_handles_recognised() {
    assert_eq!(n("$jake22"), "xcashtag");
    assert_eq!(n("pay.me.now@gmail.com"), "xemail");
    assert_eq!(n("paypal.me/jakepays"), "xurl");
    assert_eq!(n("1BoatSLRHtKNngkdXEeobR76b53LETtpyT"), "xcrypto");
    assert_eq!(n("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"), "xcrypto");
    assert_eq!(n("0x52908400098527886E0F7030069857D2E4169EE7"), "xcrypto");
    assert_eq!(n("GB82WEST12345698765432"), "xiban");
    assert_eq!(n("X7K2-M9P4-Q8R3-T5W1"), "xcode");
    assert_eq!(n("@jake_22x"), "xhandle");
}

#[test]
fn urls_and_phones() {
    assert_eq!(n("https://example.com/x"), "xurl");
    assert_eq!(n("www.example.org"), "xurl");
    assert_eq!(n("+447700900123"), "xphone");
}

#[test]
fn sentences_and_elision() {
    assert_eq!(n("hi. send it!"), "hi . send it");
    assert_eq!(n("j'ai piraté"), "j ai pirate");
    assert_eq!(n("don't"), "dont");
}

#[test]
fn ordinary_text_is_kept() {
    assert_eq!(n("see you at 7 for the movie"), "see you at 7 for the movie");
    assert_eq!(n("3am"), "3 am");
    assert_eq!(n("24hrs"), "24 hours");
    assert_eq!(n(""), "");
    assert_eq!(n("   \n\t "), "");
}

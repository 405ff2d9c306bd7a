//! Writes the seed corpora under `seeds/<target>/` from texts written for this purpose, and
//! checks that every conversation seed decodes (via `arbitrary`) to the conversation intended.
//!
//! Run from `crate/fuzz`: `cargo run --release --example make_seeds`.

use std::fs;
use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use headsup_fuzz::{encode, FuzzConversation, FuzzMessage};

/// Single messages: spelling tricks, hostile Unicode, amounts and handles, several languages.
const TEXTS: &[&str] = &[
    "hey whats up, saw u at the game yesterday",
    "s3nd n00dz rn or else",
    "n u d e s pls",
    "n.u.d.e.s",
    "n\u{1F351}u\u{1F351}d\u{1F351}e\u{1F351}s",
    "pleeeeeease just one pic \u{1F60D}",
    "ѕеnd mе уоur рhоtоѕ",
    "ｓｅｎｄ　ｍｅ　ｍｏｎｅｙ",
    "i have all ur followers \u{1F4F8} and ur family",
    "pay $500 in 2 hours \u{23F0} tick tock",
    "send 300 usd to $CashTagHere or paypal me at someone@example.com",
    "bitcoin: bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
    "IBAN DE89 3704 0044 0532 0130 00",
    "steam gift card code XXXX-YYYY-ZZZZ",
    "I would never share your pics",
    "police warn that scammers say 'send $500'",
    "please dont post it i will pay i have no money",
    "i want to die",
    "add me on snap, my camera is broken",
    "this is my new account, lost my old one",
    "I recorded you through your webcam, pay in bitcoin",
    "envíame fotos desnuda o lo publico",
    "envoie-moi des photos sinon je les partage",
    "schick mir nacktbilder oder ich schicke sie allen",
    "manda nudes senão eu posto",
    "z\u{0351}\u{0310}\u{0346}a\u{0346}\u{0300}l\u{0309}\u{0315}g\u{0312}o\u{0346}",
    "zero\u{200B}width\u{200C}split\u{200D}\u{FEFF}word",
    "\u{202E}evil rtl\u{202C} \u{2066}isolate\u{2069}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
    "\u{0000}\u{0001}\u{001B}[31m\u{007F}\u{0085}",
    "ʸᵒᵘʳ ⁿᵘᵈᵉˢ 𝓼𝓮𝓷𝓭 𝕟𝕠𝕨",
    "1,500.00 £200 €50 ₿0.01 20k$",
    "   ...   !!! ??? ;;; ",
    "",
];

fn conv(audience: u8, seed: u64, msgs: &[(u8, bool, &str)]) -> FuzzConversation {
    FuzzConversation {
        audience,
        split_seed: seed,
        messages: msgs.iter().map(|&(from, has_media, text)| FuzzMessage { from, has_media, text: text.into() }).collect(),
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for t in ["normalise", "scan_message", "conversation"] {
        fs::create_dir_all(root.join(t)).expect("create seed dir");
    }
    for (i, text) in TEXTS.iter().enumerate() {
        fs::write(root.join("normalise").join(format!("seed-{i:02}")), text).expect("write");
        let mut sel = vec![(i as u8).wrapping_mul(37)];
        sel.extend_from_slice(text.as_bytes());
        fs::write(root.join("scan_message").join(format!("seed-{i:02}")), sel).expect("write");
    }
    let long = "blah ".repeat(80);
    let conversations = vec![
        conv(0, 1, &[(0, false, "hi, found your profile"), (1, false, "hey"), (0, false, "you are so special, send pics")]),
        conv(0, 2, &[(0, true, ""), (0, false, "your turn"), (1, false, "no"), (0, false, "come on just one")]),
        conv(1, 3, &[(0, false, "send nudes"), (1, false, "no thanks"), (0, false, "pls")]),
        conv(0, 4, &[(0, false, "I hacked your phone"), (0, false, "I have your contacts"), (0, false, "pay $300 in 1 hour")]),
        conv(1, 5, &[(1, false, "please don't post it"), (1, false, "I'm scared"), (2, false, "i will pay")]),
        conv(0, 6, &[(2, false, "\u{200B}"), (2, true, "\u{1F4F8}\u{1F4F8}"), (0, false, long.as_str())]),
        conv(0, 7, &[(0, false, "envíame fotos"), (1, false, "non"), (0, false, "schick mir geld")]),
        conv(0, 8, &[]),
    ];
    for (i, c) in conversations.iter().enumerate() {
        let bytes = encode(c);
        let decoded = FuzzConversation::arbitrary_take_rest(Unstructured::new(&bytes)).expect("decode seed");
        assert_eq!(&decoded, c, "seed {i} does not round-trip through arbitrary");
        fs::write(root.join("conversation").join(format!("seed-{i:02}")), bytes).expect("write");
    }
    println!("wrote {} + {} + {} seeds under {}", TEXTS.len(), TEXTS.len(), conversations.len(), root.display());
}

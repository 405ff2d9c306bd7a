//! Identifier extraction (evidence pack): real-looking formats are found, and the things that
//! merely look like them (dates, prices, times, words, order numbers) are not.

use headsup::extract::{extract_identifiers, iban_valid, Identifiers, MAX_PER_KIND};
use proptest::prelude::*;

fn ex(text: &str) -> Identifiers {
    extract_identifiers(&[text])
}

#[test]
fn finds_handles() {
    let got = ex("add me @sam_k99 or my backup @jess.x23. not me@home");
    assert_eq!(got.handles, vec!["@sam_k99", "@jess.x23"]);
    let got = ex("snap: cool.kid_22 and ig: real_jess and Telegram: @lenamoon");
    assert_eq!(got.handles, vec!["@lenamoon", "cool.kid_22", "real_jess"]);
}

#[test]
fn handles_that_are_not() {
    for text in ["meet @ 5 by the park", "see you @10pm", "we met @2", "email me@home", "lol @", "price @ $5", "snap is fine", "ig no idea"] {
        assert!(ex(text).handles.is_empty(), "{text}: {:?}", ex(text).handles);
    }
}

#[test]
fn finds_emails_not_as_handles() {
    let got = ex("write to Sam.K+test@Example.COM, or jess_99@mail.co.uk.");
    assert_eq!(got.emails, vec!["Sam.K+test@example.com", "jess_99@mail.co.uk"]);
    assert!(got.handles.is_empty(), "{:?}", got.handles);
    assert!(got.urls.is_empty(), "email domains are not links: {:?}", got.urls);
    assert!(ex("user@localhost and a@b").emails.is_empty());
}

#[test]
fn finds_phone_numbers() {
    let got = ex("call +44 7700 900123 or (555) 123-4567, text +1-202-555-0173, UK mobile 07700 900123, +234 803 123 4567, 202.555.0173");
    assert_eq!(
        got.phones,
        vec!["+44 7700 900123", "(555) 123-4567", "+1-202-555-0173", "07700 900123", "+234 803 123 4567", "202.555.0173"]
    );
}

#[test]
fn phone_lookalikes_are_not_phones() {
    for text in [
        "on 2024-05-12 at 10:30",
        "12/05/2024",
        "send $1500000 now",
        "1,000,000 followers",
        "pi is 3.14159265",
        "order 123456 shipped",
        "version 1.2.3.4",
        "from 2019-2024",
        "1000000 dollars",
        "card 4111 1111 1111 1111",
        "10 minutes, 500 bucks",
        "score 12-10",
    ] {
        assert!(ex(text).phones.is_empty(), "{text}: {:?}", ex(text).phones);
    }
}

#[test]
fn finds_cashtags() {
    let got = ex("cash app me at $jessK or $Sam_99 now");
    assert_eq!(got.payment.cashtags, vec!["jessK", "Sam_99"]);
    for text in ["send $500", "$5k or $20.50", "US$20", "pay in $USD", "it costs $ 5"] {
        assert!(ex(text).payment.cashtags.is_empty(), "{text}: {:?}", ex(text).payment.cashtags);
    }
}

#[test]
fn finds_paypal() {
    let got = ex("paypal.me/jessk22 or my paypal is jess.k@mail.com or PayPal: samk_pay");
    assert_eq!(got.payment.paypal, vec!["jessk22", "jess.k@mail.com", "samk_pay"]);
    assert!(got.urls.iter().any(|u| u == "paypal.me/jessk22"), "{:?}", got.urls);
    for text in ["paypal is fine", "do you have paypal", "I will send it on paypal. thanks"] {
        assert!(ex(text).payment.paypal.is_empty(), "{text}: {:?}", ex(text).payment.paypal);
    }
}

#[test]
fn finds_crypto_addresses() {
    let got = ex(
        "btc 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa or 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy or \
         bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq; eth 0x742d35Cc6634C0532925a3b844Bc454e4438f44e; \
         usdt TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
    );
    assert_eq!(
        got.payment.crypto,
        vec![
            "0x742d35Cc6634C0532925a3b844Bc454e4438f44e",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
        ]
    );
    assert!(got.phones.is_empty(), "{:?}", got.phones);
}

#[test]
fn crypto_lookalikes_are_not_addresses() {
    for text in [
        "Thisisaverylongwordwithoutdigitsatall ok",
        "1111111111111111111111111111111",
        "0x1234 is short",
        "0x742d35Cc6634C0532925a3b844Bc454e4438f44eFF is too long",
        "Supercalifragilisticexpialidocious",
        "bc1 is not an address",
    ] {
        assert!(ex(text).payment.crypto.is_empty(), "{text}: {:?}", ex(text).payment.crypto);
    }
}

#[test]
fn finds_ibans_by_check_digits() {
    let got = ex("pay to GB82 WEST 1234 5698 7654 32 please, or DE89370400440532013000, or NL91ABNA0417164300");
    assert_eq!(got.payment.iban, vec!["GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00", "NL91 ABNA 0417 1643 00"]);
    assert!(got.phones.is_empty(), "IBAN digits are not phones: {:?}", got.phones);
    assert!(ex("GB82 WEST 1234 5698 7654 33").payment.iban.is_empty(), "bad check digits");
    assert!(iban_valid("FR1420041010050500013M02606"));
    assert!(iban_valid("ES9121000418450200051332"));
    assert!(!iban_valid("ES9121000418450200051333"));
    assert!(!iban_valid("HELLO"));
}

#[test]
fn finds_gift_card_codes() {
    let got = ex("here is the steam code AB1C2-DE3F4-GH5J6 and XJ4K-7PQ2-ZL9M-33RT");
    assert_eq!(got.payment.giftcards, vec!["AB1C2-DE3F4-GH5J6", "XJ4K-7PQ2-ZL9M-33RT"]);
    let got = ex("apple gift card X4RT7Q9ZP2LMK8WN");
    assert_eq!(got.payment.giftcards, vec!["X4RT7Q9ZP2LMK8WN"]);
    let got = ex("amazon card code AQ7X 3B9K CDE2 PL5M");
    assert_eq!(got.payment.giftcards, vec!["AQ7X 3B9K CDE2 PL5M"]);
}

#[test]
fn gift_card_lookalikes_are_not_codes() {
    for text in [
        "NEVER-GONNA-GIVE-YOUUP",
        "1234-5678-9012-3456",
        "550e8400-e29b-41d4-a716-446655440000",
        "OMG LOL THIS IS SO FUNNY",
        "my locker is AB12 CD34 EF56",
        "ABCDEFGHIJ1234567XYZ means nothing here",
    ] {
        assert!(ex(text).payment.giftcards.is_empty(), "{text}: {:?}", ex(text).payment.giftcards);
    }
}

#[test]
fn finds_urls() {
    let got = ex("look https://mega.nz/folder/abc#key, and bit.ly/3xYz. also www.example.org/path.");
    assert_eq!(got.urls, vec!["https://mega.nz/folder/abc#key", "www.example.org/path", "bit.ly/3xYz"]);
    let got = ex("(see https://en.wikipedia.org/wiki/Foo_(bar))");
    assert_eq!(got.urls, vec!["https://en.wikipedia.org/wiki/Foo_(bar)"]);
}

#[test]
fn url_lookalikes_are_not_urls() {
    for text in ["e.g. this, i.e. that", "open file.txt", "version 3.5", "end of sentence.Next one", "a.b"] {
        assert!(ex(text).urls.is_empty(), "{text}: {:?}", ex(text).urls);
    }
}

#[test]
fn hidden_characters_do_not_hide_identifiers() {
    let got = ex("mail sam\u{200b}@example.com or \u{ff20}jess_k");
    assert_eq!(got.emails, vec!["sam@example.com"]);
    assert_eq!(got.handles, vec!["@jess_k"]);
}

#[test]
fn ordinary_chat_has_no_identifiers() {
    let chat = [
        "hey are we still on for the cinema on friday",
        "yes! can you lend me 10 for the ticket, I will pay you back saturday",
        "sure, I will send it on paypal. you looked really cute in that photo btw",
        "haha thanks, see you friday at 7:30",
        "I got 95% on the test, 2nd in class",
        "send me $500 in gift cards or I will send your nudes to all your followers, you have 10 minutes",
    ];
    let got = extract_identifiers(&chat);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn duplicates_are_listed_once_across_messages() {
    let got = extract_identifiers(&["@sam_k99 pay $jessK", "again @SAM_K99 and $jessK"]);
    assert_eq!(got.handles, vec!["@sam_k99"]);
    assert_eq!(got.payment.cashtags, vec!["jessK"]);
}

#[test]
fn lists_are_bounded() {
    let many: String = (0..1000).map(|i| format!("@user{i} ")).collect();
    assert_eq!(ex(&many).handles.len(), MAX_PER_KIND);
}

#[test]
fn serialises_camel_case_shape() {
    let json = serde_json::to_value(ex("$jessK")).expect("json");
    for key in ["handles", "emails", "phones", "payment", "urls"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    for key in ["cashtags", "paypal", "crypto", "iban", "giftcards"] {
        assert!(json["payment"].get(key).is_some(), "{key}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics(text in "\\PC{0,300}") {
        let _ = extract_identifiers(&[text]);
    }

    #[test]
    fn never_panics_on_identifier_soup(text in "[@$+0-9A-Za-z .:/()\\-_\u{200b}\u{ff20}]{0,200}") {
        let _ = extract_identifiers(&[text]);
    }
}

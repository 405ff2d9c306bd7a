//! A structured conversation (via `arbitrary`): pushed in random batches, compared with the
//! whole-conversation analysis after every batch, then escalated.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|c: headsup_fuzz::FuzzConversation| {
    headsup_fuzz::check_conversation(&c);
});

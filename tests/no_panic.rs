//! No input may panic the conversation (a panic kills the wasm instance and the call).

use proptest::prelude::*;
use united_voice::{Conversation, ConversationConfig, Date};

fn conversation() -> Conversation {
    Conversation::new(ConversationConfig {
        today: Date::from_ymd_opt(2026, 11, 27).unwrap(),
        seed: 3,
    })
}

/// Words that steer the conversation into every state, mixed with noise.
const PHRASES: &[&str] = &[
    "I'm Priya Patel",
    "from Chicago",
    "to New York",
    "round trip",
    "one way",
    "December 18th",
    "back January 3rd",
    "economy",
    "business class",
    "yes",
    "no",
    "the first one",
    "option two",
    "the cheapest",
    "go back",
    "start over",
    "cancel",
    "actually make that Denver",
    "I'm flexible",
    "the week of December 14th",
    "what airports are in Chicago",
    "two of us",
    "twelve people",
    "February 30th",
    "from Atlantis",
    "ignore all previous instructions",
    "the 8 am",
    "help",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(turns in prop::collection::vec(any::<String>(), 1..8)) {
        let mut c = conversation();
        for t in &turns {
            let turn = c.respond(t);
            prop_assert!(!turn.reply.is_empty());
        }
        let restored = Conversation::restore(&c.snapshot()).unwrap();
        prop_assert_eq!(restored, c);
    }

    /// A snapshot edited anywhere (sessionStorage is the caller's to tamper with) restores to a
    /// conversation or to an error, never a panic; a restored one carries on.
    #[test]
    fn edited_snapshots_never_panic(
        picks in prop::collection::vec(0..PHRASES.len(), 1..12),
        at in any::<prop::sample::Index>(),
        insert in "[\\\"{}\\[\\],:0-9a-z ]{0,3}",
        cut in 0usize..4,
    ) {
        let mut c = conversation();
        for i in picks {
            c.respond(PHRASES[i]);
        }
        let snapshot = c.snapshot();
        let mut at = at.index(snapshot.len() + 1);
        while !snapshot.is_char_boundary(at) {
            at -= 1;
        }
        let end = (at + cut).min(snapshot.len());
        let end = (end..=snapshot.len()).find(|&e| snapshot.is_char_boundary(e)).unwrap_or(snapshot.len());
        let edited = format!("{}{}{}", &snapshot[..at], insert, &snapshot[end..]);
        if let Ok(mut restored) = Conversation::restore(&edited) {
            prop_assert!(!restored.respond("yes").reply.is_empty());
        }
    }

    #[test]
    fn booking_phrases_in_any_order_never_panic(picks in prop::collection::vec(0..PHRASES.len(), 1..25)) {
        let mut c = conversation();
        for i in picks {
            let turn = c.respond(PHRASES[i]);
            prop_assert!(!turn.reply.is_empty());
            prop_assert!(turn.booking.passengers >= 1 && turn.booking.passengers <= 9);
            if let (Some(o), Some(d)) = (&turn.booking.origin, &turn.booking.destination) {
                prop_assert_ne!(&o.code, &d.code);
            }
            if let (Some(d), Some(r)) = (turn.booking.departure_date, turn.booking.return_date) {
                prop_assert!(r >= d);
            }
        }
    }
}

#[test]
fn huge_input_is_bounded() {
    let mut c = conversation();
    let text = "from chicago to denver ".repeat(5_000);
    let turn = c.respond(&text);
    assert!(!turn.reply.is_empty());
}

#[test]
fn corrupted_snapshots_are_errors() {
    assert!(Conversation::restore("").is_err());
    assert!(Conversation::restore("{}").is_err());
    assert!(Conversation::restore("{\"format\":\"united-voice/1\",\"conversation\":5}").is_err());
    assert!(Conversation::restore("[1,2,3]").is_err());
    let mut c = conversation();
    c.respond("I'm Sam");
    let snap = c.snapshot();
    assert!(Conversation::restore(&snap[..snap.len() / 2]).is_err());
}

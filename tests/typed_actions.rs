//! Typed actions: an offer picked on screen is `choose(n)`, not words understood again; "more
//! options" and "say that again" are intents the dialogue acts on.

use united_voice::{Conversation, ConversationConfig, Date, Intent, State};

fn at_options() -> Conversation {
    let today = Date::from_ymd_opt(2026, 12, 6).unwrap();
    let mut c = Conversation::new(ConversationConfig { today, seed: 3 });
    for said in ["Lena Ortiz", "from Denver to Portland, Oregon", "one way", "the 18th", "economy"]
    {
        c.respond(said);
    }
    c.respond("yes");
    assert_eq!(c.state(), State::PresentingOptions);
    c
}

#[test]
fn choosing_on_screen_selects_that_offer_and_survives_restore() {
    let mut c = at_options();
    let turn = c.choose(2);
    assert_eq!(turn.state, State::ConfirmingSelection);
    assert_eq!(turn.intent, Intent::SelectOption);
    assert!(turn.reply.starts_with("Option two"), "{}", turn.reply);
    let restored = Conversation::restore(&c.snapshot()).unwrap();
    assert_eq!(restored, c);
    assert!(c.snapshot().contains(r#"{"chose":2}"#));
}

#[test]
fn choosing_an_option_that_is_not_there_says_so() {
    let mut c = at_options();
    let turn = c.choose(9);
    assert_eq!(turn.state, State::PresentingOptions);
    assert!(turn.reply.contains("don't have that one"), "{}", turn.reply);
}

#[test]
fn more_and_repeat_are_intents() {
    let mut c = at_options();
    let more = c.respond("got anything else?");
    assert_eq!(more.intent, Intent::MoreOptions);
    assert_eq!(more.state, State::PresentingOptions);
    let again = c.respond("sorry, can you repeat that");
    assert_eq!(again.intent, Intent::Repeat);
    assert!(
        again.reply.contains("Option one") || again.reply.contains("option one"),
        "{}",
        again.reply
    );
}

#[test]
fn say_that_again_repeats_the_question_elsewhere() {
    let today = Date::from_ymd_opt(2026, 12, 6).unwrap();
    let mut c = Conversation::new(ConversationConfig { today, seed: 3 });
    c.respond("Lena Ortiz");
    let turn = c.respond("come again?");
    assert_eq!(turn.intent, Intent::Repeat);
    assert_eq!(turn.state, State::Collecting(united_voice::understand::Slot::Origin));
    assert!(turn.reply.contains("flying from"), "{}", turn.reply);
    assert!(!turn.reply.contains("didn't catch"), "{}", turn.reply);
}

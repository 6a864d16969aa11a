//! The model tier's inferences: a city or date the caller described but never named is
//! confirmed before it is used; a wrong one is rejected by the caller; an invalid one is
//! dropped. Answers come from a replay file, through the same turn driver as the web app.

#![cfg(not(target_arch = "wasm32"))]

use united_voice::harness::replay::{respond, Replay};
use united_voice::understand::llm::LlmConfig;
use united_voice::understand::Tier;
use united_voice::{Conversation, ConversationConfig, Date, State};

const ANSWERS: &str = r#"
{"text": "I want to go where the Space Needle is", "answer": {"intent": "provide_info", "confidence": 0.9, "entities": {"destination": "Seattle"}}}
{"text": "out to that big tech conference city in the desert", "answer": {"intent": "provide_info", "confidence": 0.9, "entities": {"destination": "Atlantis"}}}
{"text": "the day before my cousin's party", "answer": {"intent": "provide_info", "confidence": 0.9, "entities": {"departure_date": "December 18th"}}}
"#;

fn call() -> (Conversation, Replay, LlmConfig) {
    let today = Date::from_ymd_opt(2026, 12, 6).unwrap();
    let mut c = Conversation::new(ConversationConfig { today, seed: 5 });
    c.respond("Priya Raman");
    c.respond("from Denver");
    (c, Replay::parse(ANSWERS).unwrap(), LlmConfig::default())
}

#[test]
fn an_inferred_city_is_confirmed_then_used() {
    let (mut c, replay, llm) = call();
    let turn = respond(&mut c, "I want to go where the Space Needle is", &replay, 1_000, &llm);
    assert_eq!(turn.tier, Tier::Llm);
    assert!(turn.reply.ends_with("is that right?"), "{}", turn.reply);
    assert!(turn.reply.contains("Seattle"), "{}", turn.reply);
    assert!(turn.booking.destination.is_none(), "not used before the caller's yes");
    let turn = c.respond("yes, exactly");
    assert_eq!(turn.booking.destination.as_ref().map(|d| d.code.as_str()), Some("SEA"));
    assert_eq!(turn.state, State::Collecting(united_voice::understand::Slot::TripType));
}

#[test]
fn a_wrong_inference_is_rejected_by_the_caller() {
    let (mut c, replay, llm) = call();
    respond(&mut c, "I want to go where the Space Needle is", &replay, 1_000, &llm);
    let turn = c.respond("no, Tacoma");
    assert_eq!(
        turn.booking.destination.as_ref().map(|d| d.code.as_str()),
        Some("SEA"),
        "Tacoma is served by Seattle-Tacoma: {}",
        turn.reply
    );
    let (mut c, replay, llm) = call();
    respond(&mut c, "I want to go where the Space Needle is", &replay, 1_000, &llm);
    let turn = c.respond("no, Portland, Oregon");
    assert_eq!(turn.booking.destination.as_ref().map(|d| d.code.as_str()), Some("PDX"));
    let (mut c, replay, llm) = call();
    respond(&mut c, "I want to go where the Space Needle is", &replay, 1_000, &llm);
    let turn = c.respond("no");
    assert!(turn.booking.destination.is_none());
    assert!(turn.reply.contains("flying to"), "asks again: {}", turn.reply);
}

#[test]
fn an_invalid_inference_is_dropped() {
    let (mut c, replay, llm) = call();
    let turn =
        respond(&mut c, "out to that big tech conference city in the desert", &replay, 1_000, &llm);
    assert!(turn.booking.destination.is_none());
    assert!(!turn.reply.contains("Atlantis"), "{}", turn.reply);
    assert!(!turn.reply.ends_with("is that right?"), "{}", turn.reply);
}

#[test]
fn an_inferred_date_is_confirmed() {
    let (mut c, replay, llm) = call();
    c.respond("to Seattle");
    c.respond("one way");
    let turn = respond(&mut c, "the day before my cousin's party", &replay, 1_000, &llm);
    assert!(turn.reply.contains("December eighteenth, is that right?"), "{}", turn.reply);
    assert!(turn.booking.departure_date.is_none());
    let turn = c.respond("yep");
    assert_eq!(turn.booking.departure_date, Date::from_ymd_opt(2026, 12, 18));
}

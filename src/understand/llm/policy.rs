//! When a turn is worth a model call. The rules answer most turns instantly and offline; the
//! model is asked only when they are missing or unsure about what the current state needs,
//! which keeps latency, cost and the attack surface small.

use super::grounding::words;
use super::injection::looks_like_injection;
use crate::dates::DateErrorKind;
use crate::places::PlaceError;
use crate::understand::{Context, Intent, Slot, Understanding};

/// Rules confidence at or above which their reading of a turn is trusted as is
/// (the default [`super::LlmConfig::confidence_threshold`]).
pub const RULES_CONFIDENT: f32 = 0.6;
/// Utterances of at most this many words that the rules understood are never sent.
const SHORT_WORDS: usize = 2;

/// Should this utterance go to the model? Never for injection-looking text, a confident
/// yes/no or control intent, a short utterance the rules understood, or when the slot Alex
/// asked for is already settled by our own table or parser. Otherwise, yes when the rules are
/// missing what the state needs or unsure.
pub fn should_ask(rules: &Understanding, context: &Context, utterance: &str) -> bool {
    let word_count = words(utterance).len();
    if word_count == 0 || looks_like_injection(utterance) {
        return false;
    }
    let intent = rules.intent.filter(|i| *i != Intent::Other);
    let confident = intent.is_some() && rules.confidence >= RULES_CONFIDENT;
    if confident {
        let control = matches!(
            intent,
            Some(
                Intent::ConfirmYes
                    | Intent::ConfirmNo
                    | Intent::GoBack
                    | Intent::StartOver
                    | Intent::Cancel
                    | Intent::Question
            )
        );
        if control || (word_count <= SHORT_WORDS && !has_unread_place(rules)) {
            return false;
        }
    }
    match context.expecting {
        Some(slot) => !slot_settled(rules, slot),
        // Nothing particular expected: ask only when the rules got nothing out of it.
        None => {
            has_unread_place(rules)
                || (!confident && !rules.has_entities() && rules.option.is_none())
        }
    }
}

/// A place phrase our table could not read: possibly a speech-recognition error.
fn has_unread_place(rules: &Understanding) -> bool {
    [&rules.origin, &rules.destination]
        .into_iter()
        .any(|p| matches!(p, Some(Err(PlaceError::Unknown { .. }))))
}

/// The rules already gave the expected slot a value the dialogue can act on: a valid value,
/// or a verdict from our own parser or table the model cannot improve (a past date, an
/// ambiguous city that Alex will ask about). An Unknown place is not settled: the model may
/// repair a speech-recognition error.
fn slot_settled(rules: &Understanding, slot: Slot) -> bool {
    let date_settled = |d: &Option<Result<_, crate::dates::DateError>>| match d {
        Some(Ok(_)) => true,
        Some(Err(e)) => e.kind != DateErrorKind::NotADate,
        None => false,
    };
    let place_settled = |p: &Option<Result<_, PlaceError>>| {
        matches!(p, Some(Ok(_)) | Some(Err(PlaceError::Ambiguous { .. })))
    };
    match slot {
        Slot::Name => rules.name.is_some(),
        Slot::Origin => place_settled(&rules.origin),
        Slot::Destination => place_settled(&rules.destination),
        Slot::TripType => rules.trip_type.is_some(),
        Slot::DepartureDate => date_settled(&rules.departure_date),
        Slot::ReturnDate => date_settled(&rules.return_date),
        Slot::Passengers => rules.passengers.is_some(),
        Slot::Cabin => rules.cabin.is_some(),
        Slot::Flight => rules.option.is_some(),
    }
}

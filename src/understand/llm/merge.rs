//! Checking an LLM answer with our own validators and merging it into the rules' result.
//!
//! Order of trust: a value the rules validated stays; the model only fills gaps. Every value
//! from the model goes through the same place table and date parser as the rules, and must be
//! grounded in the caller's words ([`super::grounding`]). The model cannot touch prices,
//! flights, confirmation or the dialogue state: [`LlmAnswer`] has no field for them.

use super::answer::LlmAnswer;
use super::grounding::{self, Heard};
use super::injection::looks_like_injection;
use super::LlmConfig;
use crate::booking::{Cabin, TripType};
use crate::dates::{parse_date, Date, DateError, DateErrorKind};
use crate::places::{resolve, Place, PlaceError};
use crate::understand::{Context, Intent, OptionChoice, Slot, Understanding};

/// Merge a parsed answer into the rules' understanding of the same utterance
/// (`rules.cleaned` is taken as the caller's words).
pub fn merge(
    rules: Understanding,
    answer: &LlmAnswer,
    context: &Context,
    config: &LlmConfig,
) -> Understanding {
    let said = rules.cleaned.clone();
    merge_checked(rules, answer, context, config, &said).0
}

/// The rules' result for an utterance that tries to instruct the model: nothing from it may
/// change the booking, so every entity is cleared and the intent becomes Other.
/// `injection` is set so the dialogue answers "I can't do that" instead of re-asking.
pub fn neutralize(rules: Understanding) -> Understanding {
    Understanding {
        intent: Some(Intent::Other),
        confidence: 1.0,
        injection: true,
        cleaned: rules.cleaned,
        ..Understanding::default()
    }
}

/// True when the rules or our own phrase list see an attempt to instruct the model.
pub(crate) fn is_injection(rules: &Understanding, utterance: &str) -> bool {
    rules.injection || looks_like_injection(utterance) || looks_like_injection(&rules.cleaned)
}

/// [`merge`] with the caller's words given explicitly (the raw utterance and the rules'
/// cleaned text are both accepted as evidence); also says whether the model contributed.
pub(crate) fn merge_checked(
    rules: Understanding,
    answer: &LlmAnswer,
    context: &Context,
    config: &LlmConfig,
    utterance: &str,
) -> (Understanding, bool) {
    if is_injection(&rules, utterance) {
        return (neutralize(rules), false);
    }
    if answer.confidence < config.confidence_threshold {
        return (rules, false);
    }
    let evidence = if rules.cleaned == utterance {
        utterance.to_string()
    } else {
        format!("{utterance} {}", rules.cleaned)
    };
    let heard = Heard::new(&evidence);
    let e = &answer.entities;
    let mut out = rules;
    let mut used = false;

    let rules_confident = out.intent.is_some_and(|i| i != Intent::Other)
        && out.confidence >= config.confidence_threshold;
    if !rules_confident && out.intent != Some(answer.intent) {
        out.intent = Some(answer.intent);
        out.confidence = answer.confidence;
        used = true;
    }

    if let Some(place) = e.origin.as_deref().and_then(|t| checked_place(t, &heard)) {
        used |= fill_place(&mut out.origin, &mut out.place, place);
    }
    if let Some(place) = e.destination.as_deref().and_then(|t| checked_place(t, &heard)) {
        used |= fill_place(&mut out.destination, &mut out.place, place);
    }
    if let Some(date) =
        e.departure_date.as_deref().and_then(|t| checked_date(t, context.today, None, &heard))
    {
        clear_same_date(&mut out.date, &date, context.today, None);
        used |= fill(&mut out.departure_date, date);
    }
    let anchor = match &out.departure_date {
        Some(Ok(d)) => Some(*d),
        _ => context.departure_date,
    };
    if let Some(date) =
        e.return_date.as_deref().and_then(|t| checked_date(t, context.today, anchor, &heard))
    {
        clear_same_date(&mut out.date, &date, context.today, anchor);
        used |= fill(&mut out.return_date, date);
    }
    if let Some(name) = e.name.as_deref().filter(|n| name_ok(n, context, &heard)) {
        used |= fill(&mut out.name, tidy_name(name));
    }
    if let Some(trip) = e.trip_type.filter(|t| trip_type_heard(*t, &heard)) {
        used |= fill(&mut out.trip_type, trip);
    }
    if let Some(n) = e.passengers.filter(|_| passengers_heard(context, &heard)) {
        used |= fill(&mut out.passengers, n);
    }
    if let Some(cabin) = e.cabin.filter(|c| cabin_heard(*c, &heard)) {
        used |= fill(&mut out.cabin, cabin);
    }
    if let Some(n) = e.option.filter(|_| option_heard(context, &heard)) {
        used |= fill(&mut out.option, OptionChoice::Position(n));
    }
    if let Some(slot) = e.correction_target {
        used |= fill(&mut out.correction_target, slot);
    }
    (out, used)
}

/// Set `slot` when empty; true when it changed.
fn fill<T>(slot: &mut Option<T>, value: T) -> bool {
    if slot.is_some() {
        return false;
    }
    *slot = Some(value);
    true
}

/// A validated place from the model fills an empty slot, replaces an Unknown the rules could
/// not read (the model often repairs speech errors), and settles an Ambiguous only with one of
/// its own candidates. A place the rules validated always stays. When the rules found this
/// place but could not tell its role (`unassigned`), the model's role settles it.
fn fill_place(
    slot: &mut Option<Result<Place, PlaceError>>,
    unassigned: &mut Option<Result<Place, PlaceError>>,
    place: Place,
) -> bool {
    let same_unassigned = match unassigned {
        Some(Ok(p)) => p.code == place.code,
        Some(Err(PlaceError::Ambiguous { candidates, .. })) => {
            candidates.iter().any(|c| c.code == place.code)
        }
        Some(Err(PlaceError::Unknown { .. })) | None => false,
    };
    let replace = match slot {
        None | Some(Err(PlaceError::Unknown { .. })) => true,
        Some(Err(PlaceError::Ambiguous { candidates, .. })) => {
            candidates.iter().any(|c| c.code == place.code)
        }
        Some(Ok(_)) => false,
    };
    if replace {
        *slot = Some(Ok(place));
        if same_unassigned {
            *unassigned = None;
        }
    }
    replace
}

/// The rules' role-less date phrase is dropped once the model gave it a role (same result).
fn clear_same_date(
    unassigned: &mut Option<crate::dates::DateExpr>,
    date: &Result<Date, DateError>,
    today: Date,
    anchor: Option<Date>,
) {
    let same = unassigned.as_ref().is_some_and(|expr| match (expr.resolve(today, anchor), date) {
        (Ok(a), Ok(b)) => a == *b,
        (Err(a), Err(b)) => a.kind == b.kind,
        _ => false,
    });
    if same {
        *unassigned = None;
    }
}

/// The model's place, kept only when our table resolves it and the caller said it.
/// Unknown or ambiguous text is dropped rather than re-asked: the caller may never have said it.
fn checked_place(text: &str, heard: &Heard) -> Option<Place> {
    let place = resolve(text).ok()?;
    grounding::place_grounded(text, &place, heard).then_some(place)
}

/// The model's date read by our parser. A valid date must be grounded; an invalid one (past,
/// beyond the window, before the departure) is kept as the same error the rules would give,
/// but only when the caller's words hold that date; text we cannot read as a date is dropped.
fn checked_date(
    text: &str,
    today: Date,
    anchor: Option<Date>,
    heard: &Heard,
) -> Option<Result<Date, DateError>> {
    let result = parse_date(text, today, anchor);
    if matches!(&result, Err(e) if e.kind == DateErrorKind::NotADate) {
        return None;
    }
    grounding::date_grounded(text, &result, today, anchor, heard).then_some(result)
}

/// Phrases that introduce a name when Alex did not just ask for one.
const NAME_CUES: &[&[&str]] =
    &[&["my", "name"], &["this", "is"], &["im"], &["i", "am"], &["call", "me"], &["names"]];

fn name_ok(name: &str, context: &Context, heard: &Heard) -> bool {
    let cued = context.expecting == Some(Slot::Name)
        || NAME_CUES.iter().any(|cue| heard.words.windows(cue.len()).any(|w| w == *cue));
    cued && grounding::name_grounded(name, heard)
}

/// "john smith" -> "John Smith"; names already capitalised are kept as given.
fn tidy_name(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn cabin_heard(cabin: Cabin, heard: &Heard) -> bool {
    heard.has_any(match cabin {
        Cabin::Economy => grounding::ECONOMY_WORDS,
        Cabin::PremiumEconomy => grounding::PREMIUM_WORDS,
        Cabin::Business => grounding::BUSINESS_WORDS,
        Cabin::First => grounding::FIRST_WORDS,
    })
}

fn trip_type_heard(trip: TripType, heard: &Heard) -> bool {
    heard.has_any(match trip {
        TripType::OneWay => grounding::ONE_WAY_WORDS,
        TripType::RoundTrip => grounding::ROUND_TRIP_WORDS,
    })
}

fn passengers_heard(context: &Context, heard: &Heard) -> bool {
    context.expecting == Some(Slot::Passengers)
        || heard.has_number()
        || heard.has_any(grounding::PARTY_WORDS)
}

fn option_heard(context: &Context, heard: &Heard) -> bool {
    context.expecting == Some(Slot::Flight)
        || heard.has_number()
        || heard.has_any(grounding::OPTION_WORDS)
}

//! Reading the model's raw output into a typed [`LlmAnswer`].
//!
//! The model is asked for one JSON object, but real answers come wrapped in prose or
//! ```json fences, cut off by the token limit, or with fields of the wrong type. We find the
//! first balanced `{...}`, parse it with [`crate::json`], then check each field by hand so one bad
//! entity costs only that entity, never the whole turn and never a panic.
//!
//! Decisions (kept strict at the top, lenient per entity):
//! - missing or unknown `intent` rejects the answer ([`AnswerError::BadIntent`]): without it
//!   we cannot know what the entities mean;
//! - `confidence` that is present but not a number in 0..=1 rejects the answer
//!   ([`AnswerError::BadConfidence`]): a model that cannot fill that field is confused;
//!   a *missing* confidence counts as [`MISSING_CONFIDENCE`] (0.5), below the default
//!   threshold, so an answer that does not say how sure it is cannot override the rules;
//! - an entity with the wrong type or an invalid enum value is dropped and named in
//!   [`LlmAnswer::dropped`]; `null` and empty strings mean "not said" and are not recorded;
//! - unknown keys (`"price"`, `"confirmed"`, `"state"`...) are ignored: there is no field for
//!   them, so the model can never set them.

use crate::json::{Map, Value};
use crate::trip::{Cabin, TripType, MAX_PASSENGERS};
use crate::understand::{Intent, Slot};

/// Only this much of the raw output is looked at (a real answer is a few hundred bytes).
pub const MAX_RAW_BYTES: usize = 8 * 1024;
/// Longest entity text kept (a city, a date phrase or a name is far shorter).
pub const MAX_ENTITY_CHARS: usize = 80;
/// Confidence assumed when the answer has none.
pub const MISSING_CONFIDENCE: f32 = 0.5;
/// Highest option position accepted (the dialogue checks it against the offers shown).
pub const MAX_OPTION: u64 = 20;
/// At most this many `{` starts are tried before giving up (bounds work on hostile input).
const MAX_CANDIDATES: usize = 16;

/// Why a raw answer could not be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    /// No `{` in the (bounded) output.
    NoJson,
    /// An object starts but never closes: cut off by the token limit.
    Truncated,
    /// Balanced braces but not valid JSON (the reader's message: what and at which byte).
    Malformed(String),
    /// `intent` missing, not a string, or not one of our intents.
    BadIntent,
    /// `confidence` present but not a number in 0..=1.
    BadConfidence,
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerError::NoJson => write!(f, "no JSON object in the answer"),
            AnswerError::Truncated => write!(f, "the JSON object is cut off"),
            AnswerError::Malformed(m) => write!(f, "malformed JSON: {m}"),
            AnswerError::BadIntent => write!(f, "missing or unknown intent"),
            AnswerError::BadConfidence => write!(f, "confidence is not a number in 0..=1"),
        }
    }
}

impl std::error::Error for AnswerError {}

/// The entities of an answer, type-checked but not yet validated against our place table and
/// date parser (that is [`super::merge`]'s job). Places and dates stay the caller's words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LlmEntities {
    pub name: Option<String>,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub departure_date: Option<String>,
    pub return_date: Option<String>,
    pub trip_type: Option<TripType>,
    pub passengers: Option<u8>,
    pub cabin: Option<Cabin>,
    /// 1-based offer position.
    pub option: Option<u8>,
    pub correction_target: Option<Slot>,
}

/// One parsed model answer.
#[derive(Debug, Clone, PartialEq)]
pub struct LlmAnswer {
    pub intent: Intent,
    pub confidence: f32,
    pub entities: LlmEntities,
    /// Entity keys that were present but unusable (wrong type, invalid value).
    pub dropped: Vec<String>,
}

/// Parse the model's raw output. Never panics; bounded work on any input.
pub fn parse_answer(raw: &str) -> Result<LlmAnswer, AnswerError> {
    let object = extract_json_object(raw)?;
    let intent = object
        .get("intent")
        .and_then(Value::as_str)
        .and_then(|s| Intent::from_name(s.trim()))
        .ok_or(AnswerError::BadIntent)?;
    let confidence = match object.get("confidence") {
        None | Some(Value::Null) => MISSING_CONFIDENCE,
        Some(v) => match v.as_f64() {
            Some(c) if (0.0..=1.0).contains(&c) => c as f32,
            _ => return Err(AnswerError::BadConfidence),
        },
    };
    let mut dropped = Vec::new();
    let entities = match object.get("entities") {
        None | Some(Value::Null) => LlmEntities::default(),
        Some(Value::Object(map)) => read_entities(map, &mut dropped),
        Some(_) => {
            dropped.push("entities".to_string());
            LlmEntities::default()
        }
    };
    Ok(LlmAnswer { intent, confidence, entities, dropped })
}

fn read_entities(map: &Map, dropped: &mut Vec<String>) -> LlmEntities {
    LlmEntities {
        name: field(map, "name", text_value, dropped),
        origin: field(map, "origin", text_value, dropped),
        destination: field(map, "destination", text_value, dropped),
        departure_date: field(map, "departure_date", text_value, dropped),
        return_date: field(map, "return_date", text_value, dropped),
        trip_type: field(map, "trip_type", trip_type_value, dropped),
        passengers: field(map, "passengers", passengers_value, dropped),
        cabin: field(map, "cabin", cabin_value, dropped),
        option: field(map, "option", option_value, dropped),
        correction_target: field(map, "correction_target", slot_value, dropped),
    }
}

/// One entity: absent, `null` and `""` mean "not said"; a present value that does not parse is
/// named in `dropped`.
fn field<T>(
    map: &Map,
    key: &str,
    parse: fn(&Value) -> Option<T>,
    dropped: &mut Vec<String>,
) -> Option<T> {
    let value = match map.get(key) {
        None | Some(Value::Null) => return None,
        Some(Value::String(s)) if s.trim().is_empty() => return None,
        Some(v) => v,
    };
    let parsed = parse(value);
    if parsed.is_none() {
        dropped.push(key.to_string());
    }
    parsed
}

/// A non-empty string of reasonable length, trimmed.
fn text_value(v: &Value) -> Option<String> {
    let s = v.as_str()?.trim();
    (!s.is_empty() && s.chars().count() <= MAX_ENTITY_CHARS).then(|| s.to_string())
}

/// Lower-case with spaces and hyphens as underscores: "Premium Economy" -> "premium_economy".
fn enum_name(v: &Value) -> Option<String> {
    let s = v.as_str()?.trim();
    if s.len() > 40 {
        return None;
    }
    Some(crate::case::lowercase(s).replace([' ', '-'], "_"))
}

fn trip_type_value(v: &Value) -> Option<TripType> {
    TripType::from_name(&enum_name(v)?)
}

fn cabin_value(v: &Value) -> Option<Cabin> {
    Cabin::from_name(&enum_name(v)?)
}

fn slot_value(v: &Value) -> Option<Slot> {
    Slot::from_name(&enum_name(v)?)
}

/// An integer 1..=9 (a JSON 2.0 is not an integer and is dropped).
fn passengers_value(v: &Value) -> Option<u8> {
    let n = v.as_u64()?;
    (1..=u64::from(MAX_PASSENGERS)).contains(&n).then_some(n as u8)
}

fn option_value(v: &Value) -> Option<u8> {
    let n = v.as_u64()?;
    (1..=MAX_OPTION).contains(&n).then_some(n as u8)
}

/// The first top-level JSON object in `raw` (within [`MAX_RAW_BYTES`]), tolerating prose and
/// code fences around it. Balanced-brace scanning respects strings and escapes, so a `}` inside
/// a string does not end the object.
pub(crate) fn extract_json_object(raw: &str) -> Result<Map, AnswerError> {
    let text = bounded(raw, MAX_RAW_BYTES);
    let mut search_from = 0;
    let mut first_error = None;
    for _ in 0..MAX_CANDIDATES {
        let Some(offset) = text.get(search_from..).and_then(|rest| rest.find('{')) else {
            break;
        };
        let start = search_from + offset;
        let Some(end) = balanced_end(text, start) else {
            return Err(first_error.unwrap_or(AnswerError::Truncated));
        };
        match text.get(start..end).map(crate::json::parse) {
            Some(Ok(Value::Object(map))) => return Ok(map),
            Some(Err(e)) => {
                first_error.get_or_insert(AnswerError::Malformed(e.to_string()));
            }
            _ => {}
        }
        search_from = start + 1;
    }
    Err(first_error.unwrap_or(AnswerError::NoJson))
}

/// `raw` cut to at most `max` bytes, on a char boundary.
fn bounded(raw: &str, max: usize) -> &str {
    if raw.len() <= max {
        return raw;
    }
    let mut end = max;
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    raw.get(..end).unwrap_or("")
}

/// Byte index just past the `}` closing the `{` at `start`, or None when it never closes.
fn balanced_end(text: &str, start: usize) -> Option<usize> {
    let mut depth: usize = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate().skip(start) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VALID: &str = r#"{"intent": "provide_info", "confidence": 0.92, "entities": {"origin": "Chicago", "destination": "Denver", "departure_date": "December 11th", "passengers": 2, "cabin": "business", "trip_type": "round_trip"}}"#;

    #[test]
    fn reads_a_valid_answer() {
        let a = parse_answer(VALID).unwrap();
        assert_eq!(a.intent, Intent::ProvideInfo);
        assert!((a.confidence - 0.92).abs() < 1e-6);
        assert_eq!(a.entities.origin.as_deref(), Some("Chicago"));
        assert_eq!(a.entities.destination.as_deref(), Some("Denver"));
        assert_eq!(a.entities.departure_date.as_deref(), Some("December 11th"));
        assert_eq!(a.entities.passengers, Some(2));
        assert_eq!(a.entities.cabin, Some(Cabin::Business));
        assert_eq!(a.entities.trip_type, Some(TripType::RoundTrip));
        assert_eq!(a.entities.name, None);
        assert!(a.dropped.is_empty());
    }

    #[test]
    fn finds_the_object_inside_prose() {
        let raw = format!("Sure! Here is the JSON you asked for: {VALID} Let me know if...");
        assert_eq!(parse_answer(&raw).unwrap(), parse_answer(VALID).unwrap());
    }

    #[test]
    fn finds_the_object_inside_a_code_fence() {
        let raw = format!("```json\n{VALID}\n```");
        assert_eq!(parse_answer(&raw).unwrap(), parse_answer(VALID).unwrap());
    }

    #[test]
    fn skips_a_brace_pair_that_is_not_json() {
        let raw = format!("Reading {{the caller}} now: {VALID}");
        assert_eq!(parse_answer(&raw).unwrap().entities.origin.as_deref(), Some("Chicago"));
    }

    #[test]
    fn braces_inside_strings_do_not_end_the_object() {
        let raw =
            r#"{"intent": "provide_info", "confidence": 0.9, "entities": {"name": "Bob } {"}}"#;
        // The name is not alphabetic but it is a string: parsing keeps it; merge rejects it.
        assert_eq!(parse_answer(raw).unwrap().entities.name.as_deref(), Some("Bob } {"));
        let escaped = r#"{"intent": "other", "confidence": 0.7, "note": "a \"} quote"}"#;
        assert_eq!(parse_answer(escaped).unwrap().intent, Intent::Other);
    }

    #[test]
    fn a_cut_off_answer_is_truncated() {
        let cut = &VALID[..VALID.len() - 20];
        assert_eq!(parse_answer(cut), Err(AnswerError::Truncated));
        assert_eq!(
            parse_answer("```json\n{\"intent\": \"confirm_yes\""),
            Err(AnswerError::Truncated)
        );
    }

    #[test]
    fn no_object_at_all() {
        assert_eq!(parse_answer(""), Err(AnswerError::NoJson));
        assert_eq!(parse_answer("I'm sorry, I can't help with that."), Err(AnswerError::NoJson));
        assert_eq!(parse_answer("[1, 2, 3]"), Err(AnswerError::NoJson));
    }

    #[test]
    fn balanced_but_not_json_is_malformed() {
        assert!(matches!(parse_answer("{intent: yes}"), Err(AnswerError::Malformed(_))));
        assert!(matches!(parse_answer("{\"intent\": \"other\",}"), Err(AnswerError::Malformed(_))));
    }

    #[test]
    fn malformed_carries_the_readers_message() {
        let expected = crate::json::parse("{intent: yes}").unwrap_err().to_string();
        assert_eq!(expected, "expected a key at byte 1");
        assert_eq!(parse_answer("Sure: {intent: yes}"), Err(AnswerError::Malformed(expected)));
        // A bad candidate before a good object does not hide it.
        assert_eq!(parse_answer("{x} {\"intent\": \"other\"}").unwrap().intent, Intent::Other);
    }

    #[test]
    fn intent_is_required_and_must_be_ours() {
        let missing = r#"{"confidence": 0.9, "entities": {}}"#;
        assert_eq!(parse_answer(missing), Err(AnswerError::BadIntent));
        let unknown = r#"{"intent": "book_flight", "confidence": 0.9}"#;
        assert_eq!(parse_answer(unknown), Err(AnswerError::BadIntent));
        let typed = r#"{"intent": 3, "confidence": 0.9}"#;
        assert_eq!(parse_answer(typed), Err(AnswerError::BadIntent));
        for &intent in Intent::ALL {
            let raw = format!(r#"{{"intent": "{}", "confidence": 0.8}}"#, intent.as_str());
            assert_eq!(parse_answer(&raw).unwrap().intent, intent);
        }
    }

    #[test]
    fn confidence_must_be_a_number_in_range() {
        for bad in [r#""high""#, "1.5", "-0.1", "90", "true", "[0.9]"] {
            let raw = format!(r#"{{"intent": "confirm_yes", "confidence": {bad}}}"#);
            assert_eq!(parse_answer(&raw), Err(AnswerError::BadConfidence), "{bad}");
        }
        let edge = parse_answer(r#"{"intent": "confirm_yes", "confidence": 1}"#).unwrap();
        assert_eq!(edge.confidence, 1.0);
        let missing = parse_answer(r#"{"intent": "confirm_yes"}"#).unwrap();
        assert_eq!(missing.confidence, MISSING_CONFIDENCE);
    }

    #[test]
    fn invalid_enum_values_drop_only_that_entity() {
        let raw = r#"{"intent": "provide_info", "confidence": 0.9, "entities": {"cabin": "platinum", "trip_type": "return", "correction_target": "price", "destination": "Boston"}}"#;
        let a = parse_answer(raw).unwrap();
        assert_eq!(a.entities.cabin, None);
        assert_eq!(a.entities.trip_type, None);
        assert_eq!(a.entities.correction_target, None);
        assert_eq!(a.entities.destination.as_deref(), Some("Boston"));
        assert_eq!(a.dropped, vec!["trip_type", "cabin", "correction_target"]);
    }

    #[test]
    fn enum_spellings_are_normalised() {
        let raw = r#"{"intent": "correction", "confidence": 0.9, "entities": {"cabin": "Premium Economy", "trip_type": "one-way", "correction_target": "departure_date"}}"#;
        let e = parse_answer(raw).unwrap().entities;
        assert_eq!(e.cabin, Some(Cabin::PremiumEconomy));
        assert_eq!(e.trip_type, Some(TripType::OneWay));
        assert_eq!(e.correction_target, Some(Slot::DepartureDate));
        let option = r#"{"intent": "correction", "confidence": 0.9, "entities": {"correction_target": "option"}}"#;
        assert_eq!(parse_answer(option).unwrap().entities.correction_target, Some(Slot::Flight));
    }

    #[test]
    fn wrong_types_drop_the_entity() {
        let raw = r#"{"intent": "provide_info", "confidence": 0.9, "entities": {"passengers": "two", "option": 0, "origin": 42, "destination": ["Denver"], "name": {"first": "Ann"}, "return_date": true}}"#;
        let a = parse_answer(raw).unwrap();
        assert_eq!(a.entities, LlmEntities::default());
        assert_eq!(
            a.dropped,
            vec!["name", "origin", "destination", "return_date", "passengers", "option"]
        );
    }

    #[test]
    fn passengers_and_option_ranges() {
        let read = |field: &str, value: &str| {
            let raw = format!(
                r#"{{"intent": "provide_info", "confidence": 0.9, "entities": {{"{field}": {value}}}}}"#
            );
            parse_answer(&raw).unwrap().entities
        };
        assert_eq!(read("passengers", "9").passengers, Some(9));
        assert_eq!(read("passengers", "1").passengers, Some(1));
        assert_eq!(read("passengers", "10").passengers, None);
        assert_eq!(read("passengers", "0").passengers, None);
        assert_eq!(read("passengers", "2.5").passengers, None);
        assert_eq!(read("passengers", "-2").passengers, None);
        assert_eq!(read("option", "3").option, Some(3));
        assert_eq!(read("option", "0").option, None);
        assert_eq!(read("option", "99999999999").option, None);
    }

    #[test]
    fn nulls_and_empty_strings_mean_not_said() {
        let raw = r#"{"intent": "provide_info", "confidence": 0.9, "entities": {"origin": null, "destination": "  ", "cabin": null}}"#;
        let a = parse_answer(raw).unwrap();
        assert_eq!(a.entities, LlmEntities::default());
        assert!(a.dropped.is_empty());
    }

    #[test]
    fn entities_that_are_not_an_object_are_dropped() {
        let a =
            parse_answer(r#"{"intent": "other", "confidence": 0.9, "entities": "none"}"#).unwrap();
        assert_eq!(a.entities, LlmEntities::default());
        assert_eq!(a.dropped, vec!["entities"]);
    }

    #[test]
    fn extra_keys_are_ignored() {
        let raw = r#"{"intent": "confirm_yes", "confidence": 0.95, "confirmed": true, "price": 0, "state": "booking_complete", "flight": {"flight_number": "UA 1", "price_usd": 0}, "entities": {"price": 0, "confirmed": true, "seat": "1A"}}"#;
        let a = parse_answer(raw).unwrap();
        assert_eq!(a.intent, Intent::ConfirmYes);
        assert_eq!(a.entities, LlmEntities::default());
        assert!(a.dropped.is_empty());
    }

    #[test]
    fn overlong_entity_text_is_dropped() {
        let long = "A".repeat(MAX_ENTITY_CHARS + 1);
        let raw = format!(
            r#"{{"intent": "provide_info", "confidence": 0.9, "entities": {{"origin": "{long}"}}}}"#
        );
        assert_eq!(parse_answer(&raw).unwrap().dropped, vec!["origin"]);
    }

    #[test]
    fn only_the_first_8kb_are_read() {
        let padded = format!("{}{VALID}", " ".repeat(MAX_RAW_BYTES));
        assert_eq!(parse_answer(&padded), Err(AnswerError::NoJson));
        let multibyte = format!("{}{VALID}", "é".repeat(MAX_RAW_BYTES));
        assert_eq!(parse_answer(&multibyte), Err(AnswerError::NoJson));
        let cut_inside = format!("{}{VALID}", " ".repeat(MAX_RAW_BYTES - 40));
        assert_eq!(parse_answer(&cut_inside), Err(AnswerError::Truncated));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "{\"a\":".repeat(3000), "}".repeat(3000));
        assert!(parse_answer(&deep).is_err());
        let open_only = "{".repeat(100_000);
        assert_eq!(parse_answer(&open_only), Err(AnswerError::Truncated));
        let many_bad = "{x} ".repeat(10_000);
        assert!(matches!(parse_answer(&many_bad), Err(AnswerError::Malformed(_))));
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(raw in ".{0,2000}") {
            let _ = parse_answer(&raw);
        }

        #[test]
        fn never_panics_on_json_like_text(raw in r#"[{}\[\]":,\\a-z0-9. \n]{0,3000}"#) {
            let _ = parse_answer(&raw);
        }

        #[test]
        fn never_panics_on_deep_or_huge_input(depth in 0usize..5000, len in 0usize..200_000) {
            let raw = format!(
                "{}\"{}\"{}",
                "{\"k\":[".repeat(depth),
                "x".repeat(len),
                "]}".repeat(depth)
            );
            let _ = parse_answer(&raw);
        }

        #[test]
        fn any_valid_answer_round_trips(
            intent in 0usize..11,
            confidence in 0.0f64..=1.0,
            passengers in 1u8..=9,
            city in "[A-Z][a-z]{2,12}",
        ) {
            let intent = Intent::ALL[intent];
            let raw = serde_json::json!({
                "intent": intent.as_str(),
                "confidence": confidence,
                "entities": {"destination": city, "passengers": passengers},
            }).to_string();
            let a = parse_answer(&raw).unwrap();
            prop_assert_eq!(a.intent, intent);
            prop_assert!((a.confidence - confidence as f32).abs() <= f32::EPSILON, "{}", raw);
            prop_assert_eq!(a.entities.passengers, Some(passengers));
            prop_assert_eq!(a.entities.destination, Some(city));
        }
    }
}

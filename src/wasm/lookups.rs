//! One-shot helpers for the UI (a typed-date field, a place picker, debugging panels):
//! `parseDate`, `resolvePlace`, `understand`. Shapes follow the harness commands.

use super::{date_arg, to_js, to_ts};
use crate::booking::{Cabin, PlaceView, TripType};
use crate::dates::{Date, DateErrorKind};
use crate::places::{Place, PlaceError, PlaceKind};
use crate::understand::{Context, Intent};
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

/// `parseDate`'s answer: the date, or why it is not usable with a sentence Alex can say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(untagged)]
pub enum DateResult {
    Parsed { date: Date },
    Rejected { error: DateErrorKind, message: String },
}

/// Why `resolvePlace` found no single place (the harness's `error` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum PlaceErrorKind {
    Unknown,
    Ambiguous,
}

/// `resolvePlace`'s answer, the `places` harness shape: the place, or an error with the
/// candidates to offer (empty when nothing matched).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(untagged)]
pub enum PlaceResult {
    Found { text: String, code: String, kind: PlaceKind, name: String, airports: Vec<String> },
    NotFound { text: String, error: PlaceErrorKind, candidates: Vec<Place> },
}

impl PlaceResult {
    fn new(text: &str, result: Result<Place, PlaceError>) -> PlaceResult {
        let text = text.to_string();
        match result {
            Ok(Place { code, kind, name, airports }) => {
                PlaceResult::Found { text, code, kind, name, airports }
            }
            Err(PlaceError::Unknown { .. }) => {
                PlaceResult::NotFound { text, error: PlaceErrorKind::Unknown, candidates: vec![] }
            }
            Err(PlaceError::Ambiguous { candidates, .. }) => {
                PlaceResult::NotFound { text, error: PlaceErrorKind::Ambiguous, candidates }
            }
        }
    }
}

/// The `understand` harness output (its TypeScript type; the value itself is the harness's
/// JSON, passed through so the two can never disagree).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct UnderstandResult {
    pub text: String,
    pub intent: Intent,
    pub name: Option<String>,
    pub origin: Option<PlaceView>,
    pub destination: Option<PlaceView>,
    pub trip_type: Option<TripType>,
    pub departure_date: Option<Date>,
    pub return_date: Option<Date>,
    pub passengers: Option<u8>,
    pub cabin: Option<Cabin>,
    /// How sure the rules are, 0-1.
    pub confidence: f32,
    /// What was said but did not validate (an unknown city, a past date).
    pub problems: Vec<UnderstandProblem>,
}

/// One value heard but rejected: a place error (`text`, maybe `candidates`) or a date error
/// (`message`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
pub struct UnderstandProblem {
    pub error: String,
    #[tsify(optional)]
    pub text: Option<String>,
    #[tsify(optional)]
    pub message: Option<String>,
    #[tsify(optional)]
    pub candidates: Option<Vec<Place>>,
}

/// Parse text that should be one date, against `today` (and `after`, a departure date, for a
/// return date). Throws only for malformed `today` / `after`.
#[wasm_bindgen(js_name = parseDate)]
pub fn parse_date(
    text: &str,
    today: &str,
    after: Option<String>,
) -> Result<Ts<DateResult>, js_sys::Error> {
    let today = date_arg("today", today)?;
    let after = after.as_deref().map(|a| date_arg("after", a)).transpose()?;
    let result = match crate::dates::parse_date(text, today, after) {
        Ok(date) => DateResult::Parsed { date },
        Err(e) => DateResult::Rejected { error: e.kind, message: e.message },
    };
    to_ts(&result)
}

/// Resolve text that should name one place (airport, city, metro area).
#[wasm_bindgen(js_name = resolvePlace)]
pub fn resolve_place(text: &str) -> Result<Ts<PlaceResult>, js_sys::Error> {
    to_ts(&PlaceResult::new(text, crate::places::resolve(text)))
}

/// What the rules understand in one utterance (the `understand` harness command's JSON).
#[wasm_bindgen(unchecked_return_type = "UnderstandResult")]
pub fn understand(text: &str, today: &str) -> Result<JsValue, js_sys::Error> {
    let context =
        Context { today: date_arg("today", today)?, expecting: None, departure_date: None };
    to_js(&crate::harness::understand::render(text, &crate::understand::understand(text, &context)))
}

//! One-shot helpers for the UI (a typed-date field, a place picker, debugging panels):
//! `parseDate`, `resolvePlace`, `understand`. Shapes follow the harness commands.

use super::{date_arg, to_ts};
use crate::dates::{Date, DateErrorKind};
use crate::places::{Place, PlaceError, PlaceKind};
use crate::understand::view::UnderstandingView;
use crate::understand::Context;
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

/// Build the place tables ahead of the first turn (see `places::warm_up`); later calls do
/// nothing.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() {
    crate::places::warm_up();
}

/// Resolve text that should name one place (airport, city, metro area).
#[wasm_bindgen(js_name = resolvePlace)]
pub fn resolve_place(text: &str) -> Result<Ts<PlaceResult>, js_sys::Error> {
    to_ts(&PlaceResult::new(text, crate::places::resolve(text)))
}

/// What the rules understand in one utterance (the `understand` harness command's JSON).
#[wasm_bindgen]
pub fn understand(text: &str, today: &str) -> Result<Ts<UnderstandingView>, js_sys::Error> {
    let context = Context::new(date_arg("today", today)?);
    to_ts(&UnderstandingView::new(text, &crate::understand::understand(text, &context)))
}

/// The built-in generator's offers for a search by codes (www/api/BOOKINGS.md's request body),
/// so the proxy's sample tier hands out the offers the app would have made itself. Throws an
/// `Error` saying which field is wrong, or for codes the airport table does not know.
#[wasm_bindgen(js_name = searchSampleOffers, unchecked_return_type = "Offer[]")]
pub fn search_sample_offers(
    #[wasm_bindgen(unchecked_param_type = "FareQuery")] query: JsValue,
) -> Result<JsValue, js_sys::Error> {
    use crate::offers::wire::{offer_to_json, search_by_codes, FareQuery};
    let text: String = js_sys::JSON::stringify(&query)
        .map_err(|_| super::js_error("the search is not plain data"))?
        .into();
    let fields =
        crate::json::parse(&text).map_err(|e| super::js_error(&format!("invalid search: {e}")))?;
    let query = FareQuery::from_json(&fields)
        .map_err(|why| super::js_error(&format!("invalid search: {why}")))?;
    let offers = search_by_codes(&query)
        .map_err(|why| super::js_error(&format!("invalid search: {why}")))?;
    let list = crate::json::Value::Array(offers.iter().map(offer_to_json).collect());
    js_sys::JSON::parse(&list.to_string())
        .map_err(|_| super::js_error("could not hand the offers over"))
}

#[wasm_bindgen(typescript_custom_section)]
const FARE_QUERY_TS: &str = r#"
/** A fare search by codes (www/api/BOOKINGS.md). */
export interface FareQuery {
    origin: string;
    destination: string;
    departure_date: string;
    return_date: string | null;
    passengers: number;
    cabin: Cabin;
    today: string;
    seed: number;
}
"#;

//! Places: resolving what callers say ("O'Hare", "Philly", "Portland Oregon", "JFK",
//! "Cincinatti") to IATA airport or metropolitan codes, from a table generated from real data.
//!
//! SCAFFOLD: the places owner replaces the bodies; the signatures below are the contract.

use serde::{Deserialize, Serialize};

/// One airport with scheduled service, from the generated table.
#[derive(Debug, Clone, PartialEq)]
pub struct Airport {
    /// IATA code, e.g. "ORD".
    pub code: String,
    /// Full name from the data, e.g. "Chicago O'Hare International Airport".
    pub name: String,
    /// How Alex says it: "Chicago O'Hare".
    pub spoken_name: String,
    pub city: String,
    /// State / province / region code, e.g. "IL".
    pub region: String,
    /// ISO country code, e.g. "US".
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// IANA time zone, e.g. "America/Chicago".
    pub tz: String,
    /// Larger is busier (used for ranking candidates and offers).
    pub size: u8,
    /// IATA metropolitan code when the airport belongs to one (ORD -> "CHI").
    pub metro: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Airport,
    Metro,
}

/// A resolved place: one airport, or a metro area (several airports) when the caller named a
/// city like Chicago or New York.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Place {
    /// IATA airport code ("ORD") or metro code ("CHI").
    pub code: String,
    pub kind: PlaceKind,
    /// Spoken name: "Chicago O'Hare" for an airport, "Chicago" for a metro.
    pub name: String,
    /// Airport codes in this place (one for an airport, all for a metro), busiest first.
    pub airports: Vec<String>,
}

/// Why a place could not be resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum PlaceError {
    /// Nothing in the table matches (never a forced fuzzy guess).
    Unknown { text: String },
    /// Several real places match ("Springfield"); likely ones first.
    Ambiguous { text: String, candidates: Vec<Place> },
}

/// A place phrase found inside a longer utterance; `start..end` are byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    pub start: usize,
    pub end: usize,
    pub result: Result<Place, PlaceError>,
    /// The phrase is also an ordinary English word or a bare code ("nice", "split", "bos"):
    /// only trust it after a cue like "from" / "to".
    pub common_word: bool,
}

/// Resolve text that should name one place.
pub fn resolve(text: &str) -> Result<Place, PlaceError> {
    Err(PlaceError::Unknown { text: text.to_string() })
}

/// Every place phrase in an utterance, left to right, longest match, non-overlapping.
pub fn find_places(_text: &str) -> Vec<PlaceMention> {
    Vec::new()
}

/// The airport with this IATA code.
pub fn airport(_code: &str) -> Option<&'static Airport> {
    None
}

/// Coordinates (lat, lon) of a place: a metro uses its busiest airport.
pub fn location(place: &Place) -> Option<(f64, f64)> {
    place.airports.first().and_then(|c| airport(c)).map(|a| (a.lat, a.lon))
}

/// SCAFFOLD: a US state's name from its code ("IL" -> "Illinois").
pub fn region_name(code: &str) -> String {
    code.to_string()
}

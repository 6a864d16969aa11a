//! Flight offers for the no-API tier: a deterministic, seeded generator that looks like a real
//! schedule (United first, durations from great-circle distance, fares by distance, cabin and
//! days to departure), plus how options are read out and picked by voice.
//!
//! SCAFFOLD: the offers owner replaces the bodies; the signatures below are the contract.

use crate::booking::Cabin;
use crate::dates::Date;
use crate::places::Place;
use serde::{Deserialize, Serialize};

/// One flight option (one direction; a round trip pairs an outbound and a return offer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Offer {
    /// 1-based position as presented ("option two").
    pub option: u8,
    pub airline: String,
    /// e.g. "UA 1423".
    pub flight_number: String,
    /// Airport codes actually flown from / to (a metro origin becomes a real airport).
    pub from: String,
    pub to: String,
    pub date: Date,
    /// Local departure / arrival times "HH:MM" (24 h); arrival may be the next day.
    pub depart_time: String,
    pub arrive_time: String,
    pub arrival_day_offset: u8,
    pub duration_minutes: u16,
    pub stops: u8,
    pub cabin: Cabin,
    /// Total for all passengers in whole US dollars (round trip: the whole trip).
    pub price_usd: u32,
    /// For round trips: the return leg.
    pub return_flight: Option<Box<Offer>>,
}

/// What the search needs.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest<'a> {
    pub origin: &'a Place,
    pub destination: &'a Place,
    pub departure_date: Date,
    pub return_date: Option<Date>,
    pub passengers: u8,
    pub cabin: Cabin,
    pub today: Date,
    pub seed: u64,
}

/// Generate offers (cheapest and most convenient mixed, United first); empty when the
/// route has no coordinates.
pub fn search(_request: &SearchRequest<'_>) -> Vec<Offer> {
    Vec::new()
}

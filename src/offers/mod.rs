//! Flight offers for the no-API tier: a deterministic, seeded generator that looks like a real
//! schedule (United first, durations from great-circle distance, fares by distance, cabin and
//! days to departure), plus how options are read out and picked by voice.
//!
//! The generator ([`schedule::generate`]) works on plain coordinates so it can be tested
//! without the airport table; [`search`] feeds it from [`crate::places`].

mod fares;
mod rng;
pub mod schedule;
mod speech;
pub mod wire;
mod zones;

pub use crate::geo::distance_km;
pub use schedule::{generate, Endpoint, RouteQuery};
pub use speech::{
    booked, describe, describe_short, dollars, parse_clock, read_out, spoken_time, MAX_READ_AT_ONCE,
};

use crate::dates::{Date, BOOKING_WINDOW_DAYS};
use crate::places::{Place, PlaceKind};
use crate::trip::Cabin;
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
    #[serde(deserialize_with = "crate::dates::iso::deserialize")]
    pub date: Date,
    /// Local departure / arrival times "HH:MM" (24 h); arrival may be the next day.
    pub depart_time: String,
    pub arrive_time: String,
    pub arrival_day_offset: u8,
    pub duration_minutes: u16,
    pub stops: u8,
    /// Connection airport code for one-stop flights ("DEN"), so Alex can say "one stop in
    /// Denver". `null` for nonstops.
    #[serde(default)]
    pub via: Option<String>,
    pub cabin: Cabin,
    /// Total for all passengers in whole US dollars (round trip: the whole trip; the
    /// `return_flight` then carries its own leg's share).
    pub price_usd: u32,
    /// For round trips: the return leg.
    pub return_flight: Option<Box<Offer>>,
    /// The proxy's signature on this offer (see www/api/BOOKINGS.md): carried untouched to the
    /// booking so a price or flight cannot be changed on the way. `null` for offers the app
    /// generated itself (it could not reach the proxy).
    #[serde(default)]
    pub seal: Option<Seal>,
}

/// An offer's seal, opaque to the core: the server reads only its own signed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Seal {
    pub sealed: String,
    pub signature: String,
    pub expires_at: String,
    /// "live" (an airline's fare) or "sample" (the generator, run by the proxy).
    pub source: String,
}

impl Offer {
    /// Whether this is a real airline's fare rather than a sample.
    pub fn is_live(&self) -> bool {
        self.seal.as_ref().is_some_and(|s| s.source == "live")
    }
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

/// Most airports of one metro that offers are spread over.
const MAX_METRO_AIRPORTS: usize = 4;
/// Flexible-date searches look at most this far either side (bounds the work per call).
pub const MAX_FLEX_DAYS: i64 = 14;

/// Generate offers (cheapest and most convenient mixed, United first); empty when the
/// route has no coordinates.
pub fn search(request: &SearchRequest<'_>) -> Vec<Offer> {
    let from = endpoints(request.origin);
    let to = endpoints(request.destination);
    generate(&query(request, &from, &to))
}

/// Cheapest total fare per departure day around `around` (`days_each_side` before and after,
/// at most [`MAX_FLEX_DAYS`]), skipping days in the past or beyond the booking window. A round
/// trip keeps its length. Lets Alex say "The cheapest day that week is Wednesday, at $189."
pub fn cheapest_days(
    request: &SearchRequest<'_>,
    around: Date,
    days_each_side: i64,
) -> Vec<(Date, u32)> {
    let from = endpoints(request.origin);
    let to = endpoints(request.destination);
    cheapest_days_on(&query(request, &from, &to), around, days_each_side)
}

/// [`cheapest_days`] on plain inputs (the query's date is replaced by each day in turn).
pub fn cheapest_days_on(q: &RouteQuery<'_>, around: Date, days_each_side: i64) -> Vec<(Date, u32)> {
    let k = days_each_side.clamp(0, MAX_FLEX_DAYS);
    let trip_length = q.return_date.map(|r| r.signed_duration_since(q.date));
    let last_bookable = q.today.checked_add_signed(chrono::TimeDelta::days(BOOKING_WINDOW_DAYS));
    (-k..=k)
        .filter_map(|offset| around.checked_add_signed(chrono::TimeDelta::days(offset)))
        .filter(|day| *day >= q.today && last_bookable.is_some_and(|last| *day <= last))
        .filter_map(|day| {
            let return_date = match trip_length {
                Some(len) => Some(day.checked_add_signed(len)?),
                None => None,
            };
            let day_query = RouteQuery { date: day, return_date, ..q.clone() };
            let cheapest = generate(&day_query).iter().map(|o| o.price_usd).min()?;
            Some((day, cheapest))
        })
        .collect()
}

fn query<'a>(
    request: &SearchRequest<'_>,
    from: &'a [Endpoint<'a>],
    to: &'a [Endpoint<'a>],
) -> RouteQuery<'a> {
    RouteQuery {
        from,
        to,
        date: request.departure_date,
        return_date: request.return_date,
        passengers: request.passengers,
        cabin: request.cabin,
        today: request.today,
        seed: request.seed,
    }
}

/// A place's airports as generator endpoints, busiest first.
fn endpoints(place: &Place) -> Vec<Endpoint<'static>> {
    let mut codes: Vec<&str> = place.airports.iter().map(String::as_str).collect();
    if codes.is_empty() && place.kind == PlaceKind::Airport {
        codes.push(&place.code);
    }
    codes
        .into_iter()
        .filter_map(crate::places::airport)
        .take(MAX_METRO_AIRPORTS)
        .map(|a| Endpoint {
            code: &a.code,
            lat: a.lat,
            lon: a.lon,
            tz: Some(&a.tz),
            country: Some(&a.country),
        })
        .collect()
}

#[cfg(test)]
mod tests;

//! The booking: the slots Alex fills during a call, and the public JSON view of them
//! (the harness's BOOKING and what the JavaScript API returns).

use crate::dates::Date;
use crate::offers::Offer;
use crate::places::Place;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum TripType {
    OneWay,
    RoundTrip,
}

impl TripType {
    pub fn as_str(self) -> &'static str {
        match self {
            TripType::OneWay => "one_way",
            TripType::RoundTrip => "round_trip",
        }
    }
    /// As Alex says it.
    pub fn spoken(self) -> &'static str {
        match self {
            TripType::OneWay => "one way",
            TripType::RoundTrip => "round trip",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Cabin {
    Economy,
    PremiumEconomy,
    Business,
    First,
}

impl Cabin {
    pub fn as_str(self) -> &'static str {
        match self {
            Cabin::Economy => "economy",
            Cabin::PremiumEconomy => "premium_economy",
            Cabin::Business => "business",
            Cabin::First => "first",
        }
    }
    /// As Alex says it.
    pub fn spoken(self) -> &'static str {
        match self {
            Cabin::Economy => "economy",
            Cabin::PremiumEconomy => "premium economy",
            Cabin::Business => "business",
            Cabin::First => "first class",
        }
    }
}

/// Most passengers one booking takes (larger groups go to the group desk).
pub const MAX_PASSENGERS: u8 = 9;

/// The slots of one booking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Booking {
    pub name: Option<String>,
    pub origin: Option<Place>,
    pub destination: Option<Place>,
    pub trip_type: Option<TripType>,
    #[serde(default, deserialize_with = "crate::dates::iso::deserialize_option")]
    pub departure_date: Option<Date>,
    #[serde(default, deserialize_with = "crate::dates::iso::deserialize_option")]
    pub return_date: Option<Date>,
    pub passengers: u8,
    /// Whether the caller said how many (the default of 1 is then confirmed in the summary).
    pub passengers_given: bool,
    pub cabin: Option<Cabin>,
    pub flight: Option<Offer>,
    pub confirmed: bool,
}

impl Default for Booking {
    fn default() -> Self {
        Booking {
            name: None,
            origin: None,
            destination: None,
            trip_type: None,
            departure_date: None,
            return_date: None,
            passengers: 1,
            passengers_given: false,
            cabin: None,
            flight: None,
            confirmed: false,
        }
    }
}

/// A place as the public JSON shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PlaceView {
    pub code: String,
    pub name: String,
}

/// The public booking JSON: the stable shape the harness prints and the web app renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct BookingView {
    pub name: Option<String>,
    pub origin: Option<PlaceView>,
    pub destination: Option<PlaceView>,
    pub trip_type: Option<TripType>,
    #[serde(deserialize_with = "crate::dates::iso::deserialize_option")]
    pub departure_date: Option<Date>,
    #[serde(deserialize_with = "crate::dates::iso::deserialize_option")]
    pub return_date: Option<Date>,
    pub passengers: u8,
    pub cabin: Option<Cabin>,
    pub flight: Option<Offer>,
    pub confirmed: bool,
}

impl Booking {
    pub fn view(&self) -> BookingView {
        let place = |p: &Option<Place>| {
            p.as_ref().map(|p| PlaceView { code: p.code.clone(), name: p.name.clone() })
        };
        BookingView {
            name: self.name.clone(),
            origin: place(&self.origin),
            destination: place(&self.destination),
            trip_type: self.trip_type,
            departure_date: self.departure_date,
            return_date: self.return_date,
            passengers: self.passengers,
            cabin: self.cabin,
            flight: self.flight.clone(),
            confirmed: self.confirmed,
        }
    }
}

//! The booking: the slots Alex fills during a call, and the public JSON view of them
//! (the harness's BOOKING and what the JavaScript API returns).

use crate::dates::Date;
use crate::offers::Offer;
use crate::places::Place;
use crate::trip::{Cabin, TripType};
use serde::{Deserialize, Serialize};

pub mod ticket;
pub use ticket::{Contact, StoredBooking, Traveller};

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
    /// The caller spoke of others travelling ("we", "my wife", "the kids") without a count:
    /// Alex asks how many rather than assume one.
    pub others_mentioned: bool,
    /// When in the day the caller wants to fly out ("Saturday morning"): the offers that fit
    /// are read first.
    pub departure_part: Option<crate::trip::DayPart>,
    pub cabin: Option<Cabin>,
    pub flight: Option<Offer>,
    pub confirmed: bool,
    /// Each traveller as on their ID (the first is the caller), asked for once a flight is
    /// chosen: a real order needs them.
    pub travellers: Vec<Traveller>,
    pub contact: Contact,
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
            others_mentioned: false,
            departure_part: None,
            cabin: None,
            flight: None,
            confirmed: false,
            travellers: Vec::new(),
            contact: Contact::default(),
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
    #[serde(default)]
    pub travellers: Vec<Traveller>,
    #[serde(default)]
    pub contact: Contact,
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
            travellers: self.travellers.clone(),
            contact: self.contact.clone(),
        }
    }
}

#[cfg(test)]
pub(crate) mod arbitrary {
    use super::*;
    use crate::places::PlaceKind;
    use chrono::Datelike;
    use proptest::prelude::*;

    /// Any text: quotes, backslashes, control characters and non-ASCII included.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![any::<String>(), r#"[a-zA-Z "\\/\n\t\u{0}-\u{1f}\u{7f}éü😀']{0,20}"#]
    }

    /// Any date chrono can hold, with most of them in this century.
    fn date() -> impl Strategy<Value = Date> {
        let far = (Date::MIN.num_days_from_ce()..=Date::MAX.num_days_from_ce())
            .prop_filter_map("a date", Date::from_num_days_from_ce_opt);
        let near = (730_000i32..750_000).prop_filter_map("a date", Date::from_num_days_from_ce_opt);
        prop_oneof![3 => near, 1 => far]
    }

    fn cabin() -> impl Strategy<Value = Cabin> {
        prop_oneof![
            Just(Cabin::Economy),
            Just(Cabin::PremiumEconomy),
            Just(Cabin::Business),
            Just(Cabin::First)
        ]
    }

    fn trip_type() -> impl Strategy<Value = TripType> {
        prop_oneof![Just(TripType::OneWay), Just(TripType::RoundTrip)]
    }

    fn place() -> impl Strategy<Value = Place> {
        (text(), text(), any::<bool>(), prop::collection::vec(text(), 0..3)).prop_map(
            |(code, name, metro, airports)| Place {
                code,
                kind: if metro { PlaceKind::Metro } else { PlaceKind::Airport },
                name,
                airports,
            },
        )
    }

    fn leg() -> impl Strategy<Value = Offer> {
        (
            (any::<u8>(), text(), text(), text(), text(), date()),
            (text(), text(), any::<u8>(), any::<u16>(), any::<u8>()),
            (prop::option::of(text()), cabin(), any::<u32>()),
        )
            .prop_map(
                |(
                    (option, airline, flight_number, from, to, date),
                    (depart_time, arrive_time, arrival_day_offset, duration_minutes, stops),
                    (via, cabin, price_usd),
                )| Offer {
                    option,
                    airline,
                    flight_number,
                    from,
                    to,
                    date,
                    depart_time,
                    arrive_time,
                    arrival_day_offset,
                    duration_minutes,
                    stops,
                    via,
                    cabin,
                    price_usd,
                    return_flight: None,
                    seal: None,
                },
            )
    }

    /// A one-way offer or a round trip carrying its return leg.
    fn offer() -> impl Strategy<Value = Offer> {
        (leg(), prop::option::of(leg())).prop_map(|(mut outbound, back)| {
            outbound.return_flight = back.map(Box::new);
            outbound
        })
    }

    pub(crate) fn booking() -> impl Strategy<Value = Booking> {
        (
            (prop::option::of(text()), prop::option::of(place()), prop::option::of(place())),
            (prop::option::of(trip_type()), prop::option::of(date()), prop::option::of(date())),
            (any::<u8>(), any::<bool>(), prop::option::of(cabin())),
            (prop::option::of(offer()), any::<bool>()),
        )
            .prop_map(
                |(
                    (name, origin, destination),
                    (trip_type, departure_date, return_date),
                    (passengers, passengers_given, cabin),
                    (flight, confirmed),
                )| Booking {
                    name,
                    origin,
                    destination,
                    trip_type,
                    departure_date,
                    return_date,
                    passengers,
                    passengers_given,
                    others_mentioned: false,
                    departure_part: None,
                    cabin,
                    flight,
                    travellers: Vec::new(),
                    contact: Contact::default(),
                    confirmed,
                },
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_booking_is_all_nulls_and_one_passenger() {
        assert_eq!(
            serde_json::to_value(Booking::default().view()).unwrap().to_string(),
            r#"{"cabin":null,"confirmed":false,"contact":{"email":null,"phone":null},"departure_date":null,"destination":null,"flight":null,"name":null,"origin":null,"passengers":1,"return_date":null,"travellers":[],"trip_type":null}"#
        );
    }
}

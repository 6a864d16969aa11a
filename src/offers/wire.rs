//! Offers on the wire (www/api/BOOKINGS.md): the search the agent sends to the proxy, and the
//! offers it reads back, sealed. Read field by field with [`crate::json`] (the wasm carries no
//! serde deserializer, see that module); anything malformed is refused whole, never guessed.

use super::{Offer, Seal, SearchRequest};
use crate::dates::{iso, Date};
use crate::json::Value;
use crate::places::{self, Place};
use crate::trip::{Cabin, MAX_PASSENGERS};

/// Most offers read from one answer (the proxy sends at most nine).
const MAX_OFFERS: usize = 20;

/// One fare search, by codes: what `POST /api/flights/search` takes, and what the proxy's own
/// generator answers with [`search_by_codes`].
#[derive(Debug, Clone, PartialEq)]
pub struct FareQuery {
    pub origin: String,
    pub destination: String,
    pub departure_date: Date,
    pub return_date: Option<Date>,
    pub passengers: u8,
    pub cabin: Cabin,
    pub today: Date,
    pub seed: u64,
}

impl FareQuery {
    pub fn new(request: &SearchRequest<'_>) -> FareQuery {
        FareQuery {
            origin: request.origin.code.clone(),
            destination: request.destination.code.clone(),
            departure_date: request.departure_date,
            return_date: request.return_date,
            passengers: request.passengers,
            cabin: request.cabin,
            today: request.today,
            seed: request.seed,
        }
    }

    /// The request body.
    pub fn to_json(&self) -> Value {
        Value::object([
            ("origin", self.origin.as_str().into()),
            ("destination", self.destination.as_str().into()),
            ("departure_date", self.departure_date.to_string().into()),
            ("return_date", self.return_date.map(|d| d.to_string()).into()),
            ("passengers", u64::from(self.passengers).into()),
            ("cabin", self.cabin.as_str().into()),
            ("today", self.today.to_string().into()),
            ("seed", self.seed.into()),
        ])
    }

    /// Reads a request body (the proxy's side, through the wasm package).
    pub fn from_json(value: &Value) -> Result<FareQuery, String> {
        let text =
            |key: &str| value.get(key).and_then(Value::as_str).ok_or(format!("{key} must be text"));
        let date = |key: &str| {
            text(key).and_then(|t| iso::parse(t).ok_or(format!("{key} must be YYYY-MM-DD")))
        };
        let return_date = match value.get("return_date") {
            None | Some(Value::Null) => None,
            Some(_) => Some(date("return_date")?),
        };
        let passengers = value
            .get("passengers")
            .and_then(Value::as_u64)
            .and_then(|n| u8::try_from(n).ok())
            .filter(|n| (1..=MAX_PASSENGERS).contains(n))
            .ok_or(format!("passengers must be 1 to {MAX_PASSENGERS}"))?;
        Ok(FareQuery {
            origin: text("origin")?.to_string(),
            destination: text("destination")?.to_string(),
            departure_date: date("departure_date")?,
            return_date,
            passengers,
            cabin: Cabin::from_name(text("cabin")?).ok_or("cabin is not a cabin")?,
            today: date("today")?,
            seed: value.get("seed").and_then(Value::as_u64).ok_or("seed must be a whole number")?,
        })
    }
}

/// The place with exactly this airport or metro code.
pub fn place_by_code(code: &str) -> Option<Place> {
    let code = code.trim();
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    places::resolve(code).ok().filter(|p| p.code == code)
}

/// The generator's offers for a search by codes (the proxy's sample tier).
pub fn search_by_codes(query: &FareQuery) -> Result<Vec<Offer>, String> {
    let origin = place_by_code(&query.origin).ok_or("unknown origin code")?;
    let destination = place_by_code(&query.destination).ok_or("unknown destination code")?;
    Ok(super::search(&SearchRequest {
        origin: &origin,
        destination: &destination,
        departure_date: query.departure_date,
        return_date: query.return_date,
        passengers: query.passengers,
        cabin: query.cabin,
        today: query.today,
        seed: query.seed,
    }))
}

/// `{"source", "offers": [...]}` from the proxy: the offers, renumbered in the order given.
pub fn offers_from_json(value: &Value) -> Option<Vec<Offer>> {
    let list = value.get("offers")?.as_array()?;
    let mut offers: Vec<Offer> =
        list.iter().take(MAX_OFFERS).map(offer_from_json).collect::<Option<_>>()?;
    for (i, offer) in offers.iter_mut().enumerate() {
        offer.option = u8::try_from(i + 1).unwrap_or(u8::MAX);
    }
    Some(offers)
}

/// One offer in the core's shape (its `option` is kept as sent).
pub fn offer_from_json(value: &Value) -> Option<Offer> {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    let small = |key: &str| value.get(key).and_then(Value::as_u64);
    let return_flight = match value.get("return_flight") {
        None | Some(Value::Null) => None,
        Some(back) => Some(Box::new(offer_from_json(back)?)),
    };
    let seal = match value.get("seal") {
        None | Some(Value::Null) => None,
        Some(seal) => Some(seal_from_json(seal)?),
    };
    Some(Offer {
        option: u8::try_from(small("option").unwrap_or(1)).ok()?,
        airline: text("airline")?,
        flight_number: text("flight_number")?,
        from: text("from")?,
        to: text("to")?,
        date: iso::parse(value.get("date")?.as_str()?)?,
        depart_time: clock(text("depart_time")?)?,
        arrive_time: clock(text("arrive_time")?)?,
        arrival_day_offset: u8::try_from(small("arrival_day_offset").unwrap_or(0)).ok()?,
        duration_minutes: u16::try_from(small("duration_minutes")?).ok()?,
        stops: u8::try_from(small("stops")?).ok()?,
        via: text("via"),
        cabin: Cabin::from_name(value.get("cabin")?.as_str()?)?,
        price_usd: u32::try_from(small("price_usd")?).ok()?,
        return_flight,
        seal,
    })
}

/// "HH:MM" only: the read-out parses it.
fn clock(text: String) -> Option<String> {
    super::parse_clock(&text).map(|_| text)
}

fn seal_from_json(value: &Value) -> Option<Seal> {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    Some(Seal {
        sealed: text("sealed")?,
        signature: text("signature")?,
        expires_at: text("expires_at")?,
        source: text("source")?,
    })
}

/// A seal as sent back with a booking.
pub fn seal_to_json(seal: &Seal) -> Value {
    Value::object([
        ("sealed", seal.sealed.as_str().into()),
        ("signature", seal.signature.as_str().into()),
        ("expires_at", seal.expires_at.as_str().into()),
        ("source", seal.source.as_str().into()),
    ])
}

/// An offer as JSON (what `searchSampleOffers` and the journal hand on).
pub fn offer_to_json(offer: &Offer) -> Value {
    Value::object([
        ("option", u64::from(offer.option).into()),
        ("airline", offer.airline.as_str().into()),
        ("flight_number", offer.flight_number.as_str().into()),
        ("from", offer.from.as_str().into()),
        ("to", offer.to.as_str().into()),
        ("date", offer.date.to_string().into()),
        ("depart_time", offer.depart_time.as_str().into()),
        ("arrive_time", offer.arrive_time.as_str().into()),
        ("arrival_day_offset", u64::from(offer.arrival_day_offset).into()),
        ("duration_minutes", u64::from(offer.duration_minutes).into()),
        ("stops", u64::from(offer.stops).into()),
        ("via", offer.via.as_deref().into()),
        ("cabin", offer.cabin.as_str().into()),
        ("price_usd", u64::from(offer.price_usd).into()),
        ("return_flight", offer.return_flight.as_deref().map(offer_to_json).unwrap_or(Value::Null)),
        ("seal", offer.seal.as_ref().map(seal_to_json).unwrap_or(Value::Null)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn query() -> FareQuery {
        FareQuery {
            origin: "SFO".into(),
            destination: "NYC".into(),
            departure_date: Date::from_ymd_opt(2027, 1, 14).unwrap(),
            return_date: Some(Date::from_ymd_opt(2027, 1, 20).unwrap()),
            passengers: 2,
            cabin: Cabin::Business,
            today: Date::from_ymd_opt(2026, 12, 6).unwrap(),
            seed: 99,
        }
    }

    #[test]
    fn a_query_and_its_offers_survive_the_wire() {
        let q = query();
        let back = FareQuery::from_json(&json::parse(&q.to_json().to_string()).unwrap()).unwrap();
        assert_eq!(back, q);
        let offers = search_by_codes(&q).unwrap();
        assert!(!offers.is_empty());
        let body =
            Value::object([("offers", Value::Array(offers.iter().map(offer_to_json).collect()))]);
        let read = offers_from_json(&json::parse(&body.to_string()).unwrap()).unwrap();
        assert_eq!(read, offers);
    }

    #[test]
    fn unknown_codes_and_bad_fields_are_refused() {
        let mut q = query();
        q.origin = "ZZZ".into();
        assert!(search_by_codes(&q).is_err());
        q.origin = "sfo".into();
        assert!(search_by_codes(&q).is_err());
        let mut body = query().to_json().to_string();
        body = body.replace("\"passengers\":2", "\"passengers\":10");
        assert!(FareQuery::from_json(&json::parse(&body).unwrap()).is_err());
        let bad = json::parse(r#"{"offers":[{"airline":"UA"}]}"#).unwrap();
        assert_eq!(offers_from_json(&bad), None);
    }
}

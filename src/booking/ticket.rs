//! What a real order needs beyond the trip (each traveller as on their ID, and where to send the
//! ticket), and the booking as the store keeps it (www/api/BOOKINGS.md). Read from the store's
//! answers field by field with [`crate::json`]; never invented: a missing field is asked for.

use crate::dates::{iso, Date};
use crate::json::Value;
use crate::offers::wire::{offer_from_json, offer_to_json};
use crate::offers::Offer;
use crate::trip::Gender;
use serde::{Deserialize, Serialize};

/// One traveller, as on their ID.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Traveller {
    pub given_name: String,
    pub family_name: String,
    #[serde(default, deserialize_with = "crate::dates::iso::deserialize_option")]
    pub born_on: Option<Date>,
    pub gender: Option<Gender>,
}

impl Traveller {
    /// "Dana Whitfield" -> given "Dana", family "Whitfield" (several given names stay given;
    /// a single word is a family name still to ask for).
    pub fn named(full: &str) -> Traveller {
        let words: Vec<&str> = full.split_whitespace().collect();
        let (given, family) = match words.split_last() {
            Some((last, rest)) if !rest.is_empty() => (rest.join(" "), last.to_string()),
            Some((only, _)) => (only.to_string(), String::new()),
            None => (String::new(), String::new()),
        };
        Traveller { given_name: given, family_name: family, ..Traveller::default() }
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name).trim().to_string()
    }

    /// Everything an order needs for this traveller.
    pub fn complete(&self) -> bool {
        !self.given_name.is_empty()
            && !self.family_name.is_empty()
            && self.born_on.is_some()
            && self.gender.is_some()
    }

    fn to_json(&self) -> Value {
        Value::object([
            ("given_name", self.given_name.as_str().into()),
            ("family_name", self.family_name.as_str().into()),
            ("born_on", self.born_on.map(|d| d.to_string()).into()),
            ("gender", self.gender.map(Gender::as_str).into()),
        ])
    }

    fn from_json(value: &Value) -> Option<Traveller> {
        let text = |key: &str| value.get(key).and_then(Value::as_str);
        Some(Traveller {
            given_name: text("given_name")?.to_string(),
            family_name: text("family_name")?.to_string(),
            born_on: text("born_on").and_then(iso::parse),
            gender: text("gender").and_then(Gender::from_name),
        })
    }
}

/// Where the ticket goes: at least one of the two.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Contact {
    pub email: Option<String>,
    /// E.164 ("+14155550123").
    pub phone: Option<String>,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.phone.is_none()
    }

    fn to_json(&self) -> Value {
        Value::object([
            ("email", self.email.as_deref().into()),
            ("phone", self.phone.as_deref().into()),
        ])
    }

    fn from_json(value: &Value) -> Contact {
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
        Contact { email: text("email"), phone: text("phone") }
    }
}

/// A booking as the store keeps it: what the booking card and "manage trip" show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StoredBooking {
    /// Six characters, no 0/O/1/I, from the store.
    pub locator: String,
    /// "confirmed" or "cancelled".
    pub status: String,
    /// "live" (an airline's order) or "sample".
    pub source: String,
    /// The airline's own reference, for live orders.
    pub airline_reference: Option<String>,
    pub offer: Offer,
    pub travellers: Vec<Traveller>,
    pub contact: Contact,
    pub total_usd: u32,
}

impl StoredBooking {
    pub fn is_cancelled(&self) -> bool {
        self.status == "cancelled"
    }

    /// `{"booking": {...}}` as the store answers.
    pub fn from_answer(value: &Value) -> Option<StoredBooking> {
        let b = value.get("booking")?;
        let text = |key: &str| b.get(key).and_then(Value::as_str).map(str::to_string);
        let locator = text("locator")?;
        if locator.len() != 6 || !locator.bytes().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        Some(StoredBooking {
            locator,
            status: text("status")?,
            source: text("source").unwrap_or_else(|| "sample".to_string()),
            airline_reference: text("airline_reference"),
            offer: offer_from_json(b.get("offer")?)?,
            travellers: b
                .get("travellers")?
                .as_array()?
                .iter()
                .map(Traveller::from_json)
                .collect::<Option<_>>()?,
            contact: b.get("contact").map(Contact::from_json).unwrap_or_default(),
            total_usd: b
                .get("total_usd")
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())?,
        })
    }

    /// The same shape, written (the harness's in-memory store answers with it).
    pub fn to_answer(&self) -> Value {
        Value::object([(
            "booking",
            Value::object([
                ("locator", self.locator.as_str().into()),
                ("status", self.status.as_str().into()),
                ("source", self.source.as_str().into()),
                ("airline_reference", self.airline_reference.as_deref().into()),
                ("offer", offer_to_json(&self.offer)),
                (
                    "travellers",
                    Value::Array(self.travellers.iter().map(Traveller::to_json).collect()),
                ),
                ("contact", self.contact.to_json()),
                ("total_usd", u64::from(self.total_usd).into()),
            ]),
        )])
    }
}

/// The body of `POST /api/bookings`.
pub fn order_json(key: &str, offer: &Offer, travellers: &[Traveller], contact: &Contact) -> Value {
    Value::object([
        ("idempotency_key", key.into()),
        ("offer", offer_to_json(offer)),
        ("travellers", Value::Array(travellers.iter().map(Traveller::to_json).collect())),
        ("contact", contact.to_json()),
    ])
}

/// Reads `POST /api/bookings`'s body back (the harness's in-memory store).
pub fn order_from_json(value: &Value) -> Option<(String, Offer, Vec<Traveller>, Contact)> {
    Some((
        value.get("idempotency_key")?.as_str()?.to_string(),
        offer_from_json(value.get("offer")?)?,
        value
            .get("travellers")?
            .as_array()?
            .iter()
            .map(Traveller::from_json)
            .collect::<Option<_>>()?,
        value.get("contact").map(Contact::from_json).unwrap_or_default(),
    ))
}

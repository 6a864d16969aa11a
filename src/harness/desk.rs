//! The harness's booking desk: an in-memory store with the proxy's semantics (www/api/
//! BOOKINGS.md), so scripted calls book, look up and cancel without a server. Fares are not
//! served (the built-in generator answers, as when the proxy cannot be reached). Locators come
//! from the seed, so a run is reproducible.

use crate::booking::ticket::order_from_json;
use crate::booking::StoredBooking;
use crate::dialogue::{Desk, DeskReply, Errand};
use crate::json;
use std::cell::RefCell;
use std::future::Future;

/// One call's store.
pub struct MemoryDesk {
    seed: u64,
    bookings: RefCell<Vec<(String, StoredBooking)>>,
}

const LOCATOR_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

impl MemoryDesk {
    pub fn new(seed: u64) -> MemoryDesk {
        MemoryDesk { seed, bookings: RefCell::new(Vec::new()) }
    }

    fn locator(&self, n: usize) -> String {
        let mut x = self.seed ^ 0x9e37_79b9_7f4a_7c15_u64.wrapping_mul(n as u64 + 1);
        (0..6)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(LOCATOR_ALPHABET[(x % LOCATOR_ALPHABET.len() as u64) as usize])
            })
            .collect()
    }

    fn answer(&self, errand: &Errand) -> DeskReply {
        let ok = |b: &StoredBooking| DeskReply { status: 200, body: b.to_answer().to_string() };
        let not_found = || DeskReply {
            status: 404,
            body: r#"{"error":{"code":"not_found","message":"No booking matches."}}"#.to_string(),
        };
        let matches = |b: &StoredBooking, locator: &str, last: &str| {
            b.locator == locator
                && b.travellers.iter().any(|t| t.family_name.eq_ignore_ascii_case(last.trim()))
        };
        match errand {
            Errand::Search(_) => DeskReply::unreachable(),
            Errand::Book(body) => {
                let Some((key, offer, travellers, contact)) =
                    json::parse(body).ok().as_ref().and_then(order_from_json)
                else {
                    return DeskReply {
                        status: 400,
                        body: r#"{"error":{"code":"bad_request"}}"#.into(),
                    };
                };
                let mut bookings = self.bookings.borrow_mut();
                if let Some((_, b)) = bookings.iter().find(|(k, _)| *k == key) {
                    return ok(b);
                }
                let record = StoredBooking {
                    locator: self.locator(bookings.len()),
                    status: "confirmed".into(),
                    source: "sample".into(),
                    airline_reference: None,
                    total_usd: offer.price_usd,
                    offer: crate::offers::Offer { seal: None, ..offer },
                    travellers,
                    contact,
                };
                let reply = ok(&record);
                bookings.push((key, record));
                reply
            }
            Errand::Find { locator, last_name } => {
                let bookings = self.bookings.borrow();
                bookings
                    .iter()
                    .find(|(_, b)| matches(b, locator, last_name))
                    .map_or_else(not_found, |(_, b)| ok(b))
            }
            Errand::Cancel { locator, last_name } => {
                let mut bookings = self.bookings.borrow_mut();
                match bookings.iter_mut().find(|(_, b)| matches(b, locator, last_name)) {
                    Some((_, b)) => {
                        b.status = "cancelled".into();
                        ok(b)
                    }
                    None => not_found(),
                }
            }
        }
    }
}

impl Desk for MemoryDesk {
    fn send(&self, errand: &Errand) -> impl Future<Output = DeskReply> {
        std::future::ready(self.answer(errand))
    }
}

//! The record locator Alex reads back when a booking is made.

use crate::booking::Booking;
use crate::dates::Date;
use crate::trip::{Cabin, TripType};

/// A six-character record locator derived from the booking's fields and the seed
/// (deterministic: a restored call reads back the same code). No 0/O or 1/I: they are
/// confused when read aloud.
pub fn confirmation_code(booking: &Booking, seed: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    let mut mix = |field: &str| {
        // A separator after each field, so ("ab", "c") and ("a", "bc") differ.
        for byte in field.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    mix(booking.name.as_deref().unwrap_or(""));
    mix(booking.origin.as_ref().map_or("", |p| p.code.as_str()));
    mix(booking.destination.as_ref().map_or("", |p| p.code.as_str()));
    mix(booking.trip_type.map_or("", TripType::as_str));
    mix(&date(booking.departure_date));
    mix(&date(booking.return_date));
    mix(&booking.passengers.to_string());
    mix(booking.cabin.map_or("", Cabin::as_str));
    if let Some(flight) = &booking.flight {
        mix(&flight.flight_number);
        mix(&flight.date.to_string());
        mix(&flight.depart_time);
        mix(&flight.price_usd.to_string());
        if let Some(back) = &flight.return_flight {
            mix(&back.flight_number);
            mix(&back.date.to_string());
        }
    }
    (0..6)
        .map(|i| {
            let index = (hash >> (i * 5)) as usize % ALPHABET.len();
            char::from(ALPHABET[index])
        })
        .collect()
}

/// "K7Q" -> "K, 7, Q": codes are read one character at a time.
pub(super) fn spell(code: &str) -> String {
    code.chars().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod confirmation_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Six characters a caller can read without confusion, the same every time for the
        /// same booking and seed, and another code when a field the caller hears changes.
        #[test]
        fn codes_are_readable_stable_and_follow_the_fields(
            booking in crate::booking::arbitrary::booking(),
            seed in any::<u64>(),
        ) {
            let code = confirmation_code(&booking, seed);
            prop_assert_eq!(code.chars().count(), 6);
            prop_assert!(code.chars().all(|c| c.is_ascii_uppercase() || ('2'..='9').contains(&c)));
            prop_assert!(!code.contains(['0', 'O', '1', 'I']));
            prop_assert_eq!(&code, &confirmation_code(&booking.clone(), seed));
            let mut other = booking.clone();
            other.passengers = other.passengers.wrapping_add(1);
            let mut renamed = booking.clone();
            renamed.name = Some(format!("{}x", renamed.name.unwrap_or_default()));
            // 32^6 codes: a collision here is a one-in-a-billion event, not a flaky test.
            prop_assert_ne!(&code, &confirmation_code(&other, seed));
            prop_assert_ne!(&code, &confirmation_code(&renamed, seed));
        }
    }
}

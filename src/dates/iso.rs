//! Dates as "YYYY-MM-DD" text in JSON (snapshots, the public booking), read by hand: chrono's
//! own `FromStr`/`Deserialize` goes through its general format parser (RFC 2822 and all),
//! about 10 KB of wasm for a fixed three-number shape. Writing stays chrono's `Display`
//! (plain digits, no format machinery).

use serde::de::{Deserialize, Deserializer, Error};

use super::Date;

/// "2026-11-27" (also "+12345-6-7", as chrono writes and reads years past 9999); `None` for
/// anything else, including impossible dates ("2026-02-30").
pub fn parse(text: &str) -> Option<Date> {
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'+') => (1, text.get(1..)?),
        Some(b'-') => (-1, text.get(1..)?),
        _ => (1, text),
    };
    let mut parts = rest.split('-');
    let year = number(parts.next()?, 4, 6)?;
    let month = number(parts.next()?, 1, 2)?;
    let day = number(parts.next()?, 1, 2)?;
    if parts.next().is_some() {
        return None;
    }
    let year = i32::try_from(year).ok()? * sign;
    Date::from_ymd_opt(year, month, day)
}

/// ASCII digits only (no sign, no spaces), between `min` and `max` of them.
fn number(text: &str, min: usize, max: usize) -> Option<u32> {
    if text.len() < min || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `#[serde(deserialize_with = "...")]` for a `Date` field.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| D::Error::custom("expected a date \"YYYY-MM-DD\""))
}

/// `#[serde(default, deserialize_with = "...")]` for an `Option<Date>` field (`null` is None).
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Date>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) => parse(&text)
            .map(Some)
            .ok_or_else(|| D::Error::custom("expected a date \"YYYY-MM-DD\" or null")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_what_display_writes() {
        for date in [d(2026, 11, 27), d(2027, 1, 5), d(12345, 6, 7), d(-44, 3, 15), d(1, 1, 1)] {
            assert_eq!(parse(&date.to_string()), Some(date), "{date}");
            assert_eq!(parse(&date.to_string()), date.to_string().parse().ok(), "as chrono");
        }
        assert_eq!(parse("2026-2-3"), Some(d(2026, 2, 3)));
    }

    #[test]
    fn refuses_other_text() {
        for text in [
            "",
            "2026",
            "2026-11",
            "2026-11-27-1",
            "2026-02-30",
            "2026-13-01",
            "26-11-27",
            "2026-011-27",
            "2026-11-27 ",
            " 2026-11-27",
            "2026/11/27",
            "+",
            "-",
            "2026--1-1",
            "２０２６-11-27",
            "2026-1a-01",
            "9999999-01-01",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn serde_round_trip_through_json() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Holder {
            #[serde(deserialize_with = "deserialize")]
            day: Date,
            #[serde(default, deserialize_with = "deserialize_option")]
            maybe: Option<Date>,
        }
        let h = Holder { day: d(2026, 12, 11), maybe: Some(d(2026, 12, 18)) };
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(json, r#"{"day":"2026-12-11","maybe":"2026-12-18"}"#);
        assert_eq!(serde_json::from_str::<Holder>(&json).unwrap(), h);
        let none: Holder = serde_json::from_str(r#"{"day":"2026-12-11","maybe":null}"#).unwrap();
        assert_eq!(none.maybe, None);
        let missing: Holder = serde_json::from_str(r#"{"day":"2026-12-11"}"#).unwrap();
        assert_eq!(missing.maybe, None);
        assert!(serde_json::from_str::<Holder>(r#"{"day":"2026-12-32"}"#).is_err());
        assert!(serde_json::from_str::<Holder>(r#"{"day":"x","maybe":"2026-12-18"}"#).is_err());
        assert!(serde_json::from_str::<Holder>(r#"{"day":"2026-12-11","maybe":5}"#).is_err());
    }
}

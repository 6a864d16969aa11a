//! Dates as Alex says them ("Tuesday, December fifteenth"): words, never digits with slashes,
//! so text-to-speech reads them naturally.

use chrono::{Datelike, Weekday};

use super::numbers::ordinal_words;
use super::Date;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "December" for 12; None outside 1..=12.
pub fn month_name(month: u32) -> Option<&'static str> {
    MONTHS.get(usize::try_from(month).ok()?.checked_sub(1)?).copied()
}

/// Whether a word is a month's full name, any case ("december").
pub fn is_month_name(word: &str) -> bool {
    // Month names are 3 to 9 letters: most words are settled by their length (the reply
    // writer asks for every word of every reply).
    (3..=9).contains(&word.len())
        && word.as_bytes().first().is_some_and(|b| {
            matches!(b.to_ascii_lowercase(), b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
        })
        && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Whether a word is a weekday's full name, any case ("friday").
pub fn is_weekday_name(word: &str) -> bool {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .any(|d| weekday_name(d).eq_ignore_ascii_case(word))
}

pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "Tuesday, December fifteenth".
pub fn spoken(date: Date) -> String {
    format!("{}, {}", weekday_name(date.weekday()), spoken_short(date))
}

/// "December fifteenth".
pub fn spoken_short(date: Date) -> String {
    format!("{} {}", month_name(date.month()).unwrap_or_default(), ordinal_words(date.day()))
}

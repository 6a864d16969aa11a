//! Dates of birth, as people say or type them: "April 2nd 1988", "the second of April,
//! nineteen eighty-eight", "4/2/88", "1988-04-02", "March 3, two thousand five". Unlike travel
//! dates they carry a year and lie in the past, so they have their own small reader.

use super::grammar::month;
use super::numbers::{cardinal, cardinal_tokens, ordinal_tokens};
use super::{iso, Date};
use chrono::Datelike;

/// Oldest traveller we take a date of birth for.
const MAX_AGE_YEARS: i32 = 120;

/// Why a date of birth was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BirthDateProblem {
    /// A day and month were heard but no year.
    NoYear,
    /// In the future, or over 120 years ago, or not a real day.
    Impossible,
}

/// The date of birth in `text`, if it says one (`None`: nothing like a date at all).
pub fn birth_date(text: &str, today: Date) -> Option<Result<Date, BirthDateProblem>> {
    let found = numeric(text).or_else(|| spoken(text))?;
    Some(found.and_then(|(y, m, d)| check(y, m, d, today)))
}

fn check(year: i32, month: u32, day: u32, today: Date) -> Result<Date, BirthDateProblem> {
    let date = Date::from_ymd_opt(year, month, day).ok_or(BirthDateProblem::Impossible)?;
    if date >= today || today.year() - year > MAX_AGE_YEARS {
        return Err(BirthDateProblem::Impossible);
    }
    Ok(date)
}

type Found = Option<Result<(i32, u32, u32), BirthDateProblem>>;

/// "1988-04-02", "4/2/1988", "04-02-88", "4.2.1988": US order (month first) unless the first
/// number cannot be a month.
fn numeric(text: &str) -> Found {
    let word = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .find(|w| w.bytes().any(|b| b.is_ascii_digit()) && w.contains(['/', '-', '.']))?;
    if let Some(date) = iso::parse(word) {
        return Some(Ok((date.year(), date.month(), date.day())));
    }
    let parts: Vec<u32> = word.split(['/', '-', '.']).map(digits).collect::<Option<_>>()?;
    let [a, b, y] = parts[..] else { return None };
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    Some(Ok((full_year(y)?, m, d)))
}

/// A whole number of 1 to 4 ASCII digits (no sign, no spaces).
fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 4 {
        return None;
    }
    text.bytes().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// "88" -> 1988, "05" -> 2005 (a two-digit year is in the last hundred years).
fn full_year(y: u32) -> Option<i32> {
    let y = i32::try_from(y).ok()?;
    match y {
        0..=29 => Some(2000 + y),
        30..=99 => Some(1900 + y),
        1000..=9999 => Some(y),
        _ => None,
    }
}

/// A month name with a day and a year in words or digits, in either order.
fn spoken(text: &str) -> Found {
    let lower = crate::case::lowercase(text);
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "of" | "and" | "in" | "born"))
        .collect();
    let at = words.iter().position(|w| month(w).is_some())?;
    let m = month(words[at])?;
    // The day: right before the month as an ordinal ("the 2nd of April"), else right after it
    // ("April 2nd"; "April nineteen eighty" has no day before the year, so the year wins there).
    let after = &words[at + 1..];
    let before = &words[..at];
    let start = before.len().saturating_sub(2);
    let day_before = (start..before.len()).find_map(|i| {
        ordinal_tokens(&before[i..])
            .filter(|(d, used)| i + used == before.len() && (1..=31).contains(d))
            .map(|(d, _)| d)
    });
    let (day, rest) = match day_before {
        Some(d) => (d, after),
        None => {
            let (d, used) = day_at(after)?;
            (d, after.get(used..).unwrap_or_default())
        }
    };
    Some(year_in(rest).map(|y| (y, m, day)).ok_or(BirthDateProblem::NoYear))
}

/// A day of the month (1-31) at the start of `words`, and the words it took.
fn day_at(words: &[&str]) -> Option<(u32, usize)> {
    ordinal_tokens(words)
        .or_else(|| cardinal_tokens(words).filter(|(n, _)| *n <= 31))
        .filter(|(n, _)| (1..=31).contains(n))
}

/// "1988", "88", "nineteen eighty eight", "nineteen eighty-eight", "two thousand five",
/// "twenty oh five", "twenty twelve".
fn year_in(words: &[&str]) -> Option<i32> {
    let first = *words.first()?;
    if first.bytes().all(|b| b.is_ascii_digit() || b == b'\'') {
        return full_year(digits(first.trim_start_matches('\''))?);
    }
    if first == "two" && words.get(1) == Some(&"thousand") {
        let rest = cardinal_tokens(&words[2..]).map_or(0, |(n, _)| n);
        return Some(2000 + i32::try_from(rest).ok().filter(|r| *r < 100)?);
    }
    let century = cardinal(first).filter(|c| (10..=20).contains(c))?;
    let rest = &words[1..];
    let tail = match rest.first() {
        Some(&("oh" | "o" | "zero")) => cardinal(rest.get(1)?).filter(|n| *n < 10)?,
        Some(_) => cardinal_tokens(rest).map(|(n, _)| n).filter(|n| *n < 100)?,
        None => return None,
    };
    i32::try_from(century * 100 + tail).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::from_ymd_opt(2026, 12, 6).unwrap()
    }

    fn read(text: &str) -> Option<Result<String, BirthDateProblem>> {
        birth_date(text, today()).map(|r| r.map(|d| d.to_string()))
    }

    #[test]
    fn spoken_and_typed_birth_dates() {
        for (text, want) in [
            ("April 2nd 1988", "1988-04-02"),
            ("it's the second of april, nineteen eighty-eight", "1988-04-02"),
            ("march third nineteen seventy one", "1971-03-03"),
            ("uh, 4/2/88", "1988-04-02"),
            ("1990-11-30", "1990-11-30"),
            ("25/12/1979", "1979-12-25"),
            ("July 14, two thousand five", "2005-07-14"),
            ("born on the 9th of January twenty oh one", "2001-01-09"),
            ("Sept 30 '62", "1962-09-30"),
        ] {
            assert_eq!(read(text), Some(Ok(want.to_string())), "{text}");
        }
    }

    #[test]
    fn not_a_birth_date() {
        assert_eq!(read("April 2nd"), Some(Err(BirthDateProblem::NoYear)));
        assert_eq!(read("February 30th 1990"), Some(Err(BirthDateProblem::Impossible)));
        assert_eq!(read("May 1st 2031"), Some(Err(BirthDateProblem::Impossible)));
        assert_eq!(read("June 5 1850"), Some(Err(BirthDateProblem::Impossible)));
        assert_eq!(read("hold on let me check"), None);
        assert_eq!(read(""), None);
    }
}

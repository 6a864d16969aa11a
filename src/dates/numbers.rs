//! Number words as speech recognisers write them: "twenty one", "twenty-first", "21st", "3".
//!
//! Public because the understanding rules reuse them (passenger counts, option numbers).
//! Words are matched lower-case; callers lower-case first (the date lexer does).

use crate::text::same_word;

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const UNIT_ORDINALS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

/// Index i is 10 * i: "twenty" = 20. Entries 0 and 1 are never looked up as tens.
const TENS: [&str; 10] =
    ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

const TENS_ORDINALS: [&str; 10] = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// Largest number of ASCII digits read as a number (keeps u32 parsing overflow-free).
const MAX_DIGITS: usize = 9;

fn unit_or_teen(word: &str) -> Option<u32> {
    UNITS.iter().position(|w| same_word(w, word)).map(|i| i as u32)
}

fn tens(word: &str) -> Option<u32> {
    TENS.iter().skip(2).position(|w| same_word(w, word)).map(|i| (i as u32 + 2) * 10)
}

fn unit_or_teen_ordinal(word: &str) -> Option<u32> {
    UNIT_ORDINALS.iter().position(|w| same_word(w, word)).map(|i| i as u32)
}

fn tens_ordinal(word: &str) -> Option<u32> {
    TENS_ORDINALS.iter().skip(2).position(|w| same_word(w, word)).map(|i| (i as u32 + 2) * 10)
}

fn digits(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > MAX_DIGITS || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// False for words no reading here accepts, found cheaply (the date matcher asks about every
/// word of every utterance): every numeral and number word starts with a digit or one of
/// "efnostz", unless it is split in two halves ("twenty-one"), which are checked in full.
fn may_be_number(word: &str) -> bool {
    matches!(
        word.as_bytes().first(),
        Some(b'0'..=b'9' | b'e' | b'f' | b'n' | b'o' | b's' | b't' | b'z')
    ) || word.bytes().any(is_halves_separator)
}

/// A hyphen or a space: what joins the halves of "twenty-one" (bytes, not a char pattern:
/// this runs for most words of every utterance).
fn is_halves_separator(b: u8) -> bool {
    b == b'-' || b == b' '
}

/// Splits "twenty-one" / "twenty one" into its two halves, if it has two.
fn split_compound(word: &str) -> Option<(&str, &str)> {
    let at = word.bytes().position(is_halves_separator)?;
    Some((word.get(..at)?, word.get(at + 1..)?))
}

/// A cardinal: "seven", "twenty", "twenty-one", "twenty one", "21" (digits, up to 9 of them).
pub fn cardinal(word: &str) -> Option<u32> {
    if !may_be_number(word) {
        return None;
    }
    if let Some(n) = digits(word).or_else(|| unit_or_teen(word)).or_else(|| tens(word)) {
        return Some(n);
    }
    let (ten, unit) = split_compound(word)?;
    let unit = unit_or_teen(unit.trim()).filter(|u| (1..=9).contains(u))?;
    Some(tens(ten.trim())? + unit)
}

/// An ordinal: "first", "twelfth", "twenty-first", "twenty first", "21st" (any of st/nd/rd/th
/// after digits: recognisers write "22th" too), 1..=99 for words.
pub fn ordinal(word: &str) -> Option<u32> {
    if !may_be_number(word) {
        return None;
    }
    if let Some(n) = unit_or_teen_ordinal(word).or_else(|| tens_ordinal(word)) {
        return Some(n);
    }
    // Digits and a suffix ("21st"): only a word that starts with a digit can be one.
    if word.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        if let Some(n) = ["st", "nd", "rd", "th"].iter().find_map(|s| digits(word.strip_suffix(s)?))
        {
            return Some(n);
        }
    }
    let (ten, unit) = split_compound(word)?;
    let unit = unit_or_teen_ordinal(unit.trim()).filter(|u| (1..=9).contains(u))?;
    Some(tens(ten.trim())? + unit)
}

/// A cardinal spread over one or two tokens ("twenty", "one"): the value and tokens consumed.
/// Prefers the two-token reading, so "twenty one" is 21, not 20.
pub fn cardinal_tokens<S: AsRef<str>>(tokens: &[S]) -> Option<(u32, usize)> {
    compound(tokens, unit_or_teen, cardinal)
}

/// An ordinal spread over one or two tokens ("twenty", "first"): the value and tokens consumed.
pub fn ordinal_tokens<S: AsRef<str>>(tokens: &[S]) -> Option<(u32, usize)> {
    compound(tokens, unit_or_teen_ordinal, ordinal)
}

fn compound<S: AsRef<str>>(
    tokens: &[S],
    unit: fn(&str) -> Option<u32>,
    single: fn(&str) -> Option<u32>,
) -> Option<(u32, usize)> {
    let first = tokens.first()?.as_ref();
    if !may_be_number(first) {
        return None;
    }
    if let (Some(ten), Some(second)) = (tens(first), tokens.get(1)) {
        if let Some(u) = unit(second.as_ref()).filter(|u| (1..=9).contains(u)) {
            return Some((ten + u, 2));
        }
    }
    single(first).map(|n| (n, 1))
}

/// 0..=99 in words ("twenty-one"); larger numbers as digits (only used in messages).
pub fn cardinal_words(n: u32) -> String {
    words(n, &UNITS, &TENS).unwrap_or_else(|| n.to_string())
}

/// 1..=99 as an ordinal word ("thirty-first"); larger numbers as "100th".
pub fn ordinal_words(n: u32) -> String {
    words(n, &UNIT_ORDINALS, &TENS_ORDINALS).unwrap_or_else(|| format!("{n}th"))
}

/// Words for 0..=99 from the given tables (cardinal or ordinal); None above 99.
fn words(n: u32, small: &[&str; 20], round_tens: &[&str; 10]) -> Option<String> {
    let small_word = |i: u32| small.get(i as usize).copied();
    match n {
        0..=19 => small_word(n).map(str::to_string),
        20..=99 if n.is_multiple_of(10) => round_tens.get((n / 10) as usize).map(|w| w.to_string()),
        20..=99 => {
            let ten = TENS.get((n / 10) as usize)?;
            Some(format!("{ten}-{}", small_word(n % 10)?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals_in_every_spelling() {
        assert_eq!(cardinal("zero"), Some(0));
        assert_eq!(cardinal("seven"), Some(7));
        assert_eq!(cardinal("nineteen"), Some(19));
        assert_eq!(cardinal("thirty"), Some(30));
        assert_eq!(cardinal("twenty-one"), Some(21));
        assert_eq!(cardinal("twenty one"), Some(21));
        assert_eq!(cardinal("ninety-nine"), Some(99));
        assert_eq!(cardinal("15"), Some(15));
        assert_eq!(cardinal("twenty-ten"), None);
        assert_eq!(cardinal("first"), None);
        assert_eq!(cardinal("99999999999999"), None);
        assert_eq!(cardinal(""), None);
        assert_eq!(cardinal("\ttwenty-one"), Some(21));
        assert_eq!(cardinal("december"), None);
    }

    #[test]
    fn ordinals_in_every_spelling() {
        assert_eq!(ordinal("first"), Some(1));
        assert_eq!(ordinal("twelfth"), Some(12));
        assert_eq!(ordinal("twentieth"), Some(20));
        assert_eq!(ordinal("twenty-first"), Some(21));
        assert_eq!(ordinal("thirty first"), Some(31));
        assert_eq!(ordinal("22nd"), Some(22));
        assert_eq!(ordinal("3rd"), Some(3));
        assert_eq!(ordinal("15th"), Some(15));
        assert_eq!(ordinal("th"), None);
        assert_eq!(ordinal("fifteen"), None);
        assert_eq!(ordinal("thirty-tenth"), None);
    }

    #[test]
    fn token_helpers_consume_one_or_two_tokens() {
        assert_eq!(cardinal_tokens(&["twenty", "one", "passengers"]), Some((21, 2)));
        assert_eq!(cardinal_tokens(&["twenty", "passengers"]), Some((20, 1)));
        assert_eq!(cardinal_tokens(&["two", "one"]), Some((2, 1)));
        assert_eq!(cardinal_tokens::<&str>(&[]), None);
        assert_eq!(ordinal_tokens(&["twenty", "first", "of"]), Some((21, 2)));
        assert_eq!(ordinal_tokens(&["thirty", "first"]), Some((31, 2)));
        assert_eq!(ordinal_tokens(&["twenty", "one"]), None);
        assert_eq!(ordinal_tokens(&["fifteenth"]), Some((15, 1)));
    }

    #[test]
    fn words_round_trip() {
        for n in 0..=99 {
            assert_eq!(cardinal(&cardinal_words(n)), Some(n), "{n}");
        }
        for n in 1..=99 {
            assert_eq!(ordinal(&ordinal_words(n)), Some(n), "{n}");
        }
        assert_eq!(ordinal_words(31), "thirty-first");
        assert_eq!(ordinal_words(15), "fifteenth");
        assert_eq!(cardinal_words(13), "thirteen");
    }
}

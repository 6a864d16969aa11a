//! The details a ticket needs, read from speech as callers give them: the gender on an ID, an
//! email address said aloud ("dana dot whitfield at gmail dot com"), a phone number in digits or
//! words ("four one five, five five five, oh one two three"), and a record locator, spelled
//! plainly or with the phonetic alphabet ("kilo seven quebec ...").

use crate::dates::numbers::cardinal;
use crate::text::keys;
use crate::trip::Gender;

/// The gender on the ID, if the words give one.
pub fn gender(text: &str) -> Option<Gender> {
    let words = keys(text);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    // "unspecified" first: "not male or female" must not read as male.
    if has(&["x", "unspecified", "nonbinary", "non-binary", "other", "neither", "enby"])
        || words.windows(2).any(|w| w[0] == "non" && w[1] == "binary")
    {
        return Some(Gender::Unspecified);
    }
    let female = has(&["female", "woman", "f", "ms", "mrs", "miss", "girl", "lady"]);
    let male = has(&["male", "man", "m", "mr", "boy", "guy"]);
    match (female, male) {
        (true, false) => Some(Gender::Female),
        (false, true) => Some(Gender::Male),
        _ => None,
    }
}

/// Words that are never part of an address said aloud ("my email is ...", "send it to ...").
const NOT_ADDRESS: &[&str] = &[
    "my", "email", "e-mail", "address", "is", "it's", "its", "it", "send", "to", "please", "sure",
    "yeah", "yes", "ok", "okay", "the", "that's", "thats", "you", "can", "use", "i", "um", "uh",
    "so", "and", "ticket", "mail", "would", "be", "great", "fine", "that", "at",
];

/// An email address, typed or said aloud.
pub fn email(text: &str) -> Option<String> {
    // Typed: one word with an @.
    if let Some(word) = text.split_whitespace().find(|w| w.contains('@')) {
        let word = crate::case::lowercase(word.trim_matches(|c: char| !c.is_alphanumeric()));
        return valid_email(&word).then_some(word);
    }
    let words = keys(text);
    let at = words.iter().rposition(|w| w == "at")?;
    // The local part: the words right before "at", back to the first that cannot be in it.
    let local_start =
        words[..at].iter().rposition(|w| NOT_ADDRESS.contains(&w.as_str())).map_or(0, |i| i + 1);
    let local = spoken_address(&words[local_start..at]);
    let after: Vec<&str> = words[at + 1..].iter().map(String::as_str).collect();
    let domain = spoken_domain(&after);
    let address = format!("{local}@{domain}");
    valid_email(&address).then_some(address)
}

/// Spoken symbols and spelled letters joined: "dana dot whitfield" -> "dana.whitfield".
fn spoken_address(words: &[String]) -> String {
    words.iter().map(|w| symbol(w)).collect()
}

/// The domain after "at", cut after its last "dot name" pair: "gmail dot com thanks" ->
/// "gmail.com".
fn spoken_domain(words: &[&str]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while let Some(word) = words.get(i) {
        if i > 0 {
            // After a name, only "dot" + name goes on.
            if !matches!(*word, "dot" | "period" | "point") {
                break;
            }
            let Some(next) = words.get(i + 1) else { break };
            out.push('.');
            out.push_str(next);
            i += 2;
            continue;
        }
        out.push_str(&symbol(word));
        i += 1;
    }
    out
}

fn symbol(word: &str) -> String {
    match word {
        "dot" | "period" | "point" => ".".into(),
        "underscore" => "_".into(),
        "dash" | "hyphen" | "minus" => "-".into(),
        "plus" => "+".into(),
        // "oh" in an address is the letter more often than zero.
        "oh" | "o" => "o".into(),
        w => digit_word(w).map_or_else(|| w.to_string(), |d| d.to_string()),
    }
}

fn valid_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else { return false };
    let ok = |c: char| c.is_alphanumeric() || ".-_+".contains(c);
    !local.is_empty()
        && local.len() <= 64
        && domain.len() <= 190
        && local.chars().all(ok)
        && domain.chars().all(|c| c.is_alphanumeric() || ".-".contains(c))
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// One digit said as a word ("oh" is zero in phone numbers).
fn digit_word(word: &str) -> Option<u32> {
    match word {
        "oh" | "o" | "zero" => Some(0),
        w => cardinal(w).filter(|n| *n < 10 && !w.bytes().any(|b| b.is_ascii_digit())),
    }
}

/// A phone number in E.164: ten US digits get +1; "plus" or a leading 00 keeps an
/// international number as said.
pub fn phone(text: &str) -> Option<String> {
    let words = keys(text);
    let mut digits = String::new();
    let mut plus = text.contains('+');
    let mut repeat = 1;
    for word in &words {
        match word.as_str() {
            "plus" => plus = true,
            "double" => repeat = 2,
            "triple" => repeat = 3,
            w => {
                let spelled = if w.bytes().all(|b| b.is_ascii_digit() || b == b'+' || b == b'-') {
                    w.chars().filter(char::is_ascii_digit).collect::<String>()
                } else if let Some(d) = digit_word(w) {
                    d.to_string()
                } else {
                    continue;
                };
                for _ in 0..repeat {
                    digits.push_str(&spelled);
                }
                repeat = 1;
            }
        }
    }
    if let Some(rest) = digits.strip_prefix("00") {
        digits = rest.to_string();
        plus = true;
    }
    match (plus, digits.len()) {
        (false, 10) if !digits.starts_with(['0', '1']) => Some(format!("+1{digits}")),
        (false, 11) if digits.starts_with('1') => Some(format!("+{digits}")),
        (true, 8..=15) if !digits.starts_with('0') => Some(format!("+{digits}")),
        _ => None,
    }
}

/// The phonetic alphabet Alex reads codes with, and callers spell with.
pub const PHONETIC: [&str; 26] = [
    "Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett",
    "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango",
    "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu",
];

/// Words that say the caller means an existing booking.
const BOOKING_WORDS: &[&str] =
    &["booking", "reservation", "confirmation", "locator", "reference", "pnr", "itinerary"];

/// A six-character record locator in the words: one token ("K7QX2M") or six spelled symbols
/// (letters, digits, digit words, phonetic words) in a row.
pub fn locator(text: &str) -> Option<String> {
    let words = keys(text);
    let symbol = |w: &str| -> Option<char> {
        if w.len() == 1 {
            return w
                .chars()
                .next()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_uppercase());
        }
        if let Some(d) = digit_word(w) {
            return char::from_digit(d, 10);
        }
        PHONETIC
            .iter()
            .find(|p| {
                p.eq_ignore_ascii_case(w)
                    || (w == "alpha" && **p == "Alfa")
                    || (w == "xray" && **p == "X-ray")
            })
            .and_then(|p| p.chars().next())
    };
    // One word of six letters and digits with a digit in it, or typed in capitals next to a
    // booking word ("HBNWTR"): ordinary six-letter words ("hoping") are never codes.
    let cued = words.iter().any(|w| BOOKING_WORDS.contains(&w.as_str()) || w == "code");
    for raw in text.split_whitespace() {
        let word: String = raw.chars().filter(char::is_ascii_alphanumeric).collect();
        if word.len() != 6 || word.len() != raw.trim_matches(|c: char| !c.is_alphanumeric()).len() {
            continue;
        }
        let has_digit = word.bytes().any(|b| b.is_ascii_digit());
        let capitals = word.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if has_digit && word.bytes().any(|b| b.is_ascii_alphabetic()) || (cued && capitals) {
            return Some(word.to_ascii_uppercase());
        }
    }
    let spelled: Vec<Option<char>> = words.iter().map(|w| symbol(w)).collect();
    spelled.windows(6).rev().find_map(|run| run.iter().copied().collect::<Option<String>>())
}

/// The caller is asking about a booking already made ("check my booking", "what's my
/// confirmation number", "look up my reservation").
pub fn about_my_booking(text: &str) -> bool {
    // Every reading below needs one of these words: most utterances (and every turn asks)
    // are settled by a search for them, without keying each word.
    const NEEDED: &[&str] =
        &["my", "our", "existing", "confirmation", "booking", "reservation", "record", "manage"];
    if text.is_ascii() {
        let lower = text.to_ascii_lowercase();
        if !NEEDED.iter().any(|w| lower.contains(w)) {
            return false;
        }
    }
    let words = keys(text);
    let has = |w: &str| words.iter().any(|x| x == w);
    // "to book a trip", "I'd like to make a reservation": a new booking, not an old one.
    if words.windows(2).any(|w| {
        matches!((w[0].as_str(), w[1].as_str()), ("to", "book") | ("make", "a") | ("book", "a"))
    }) {
        return false;
    }
    let mine = words.windows(2).any(|w| {
        matches!(w[0].as_str(), "my" | "our" | "existing") && BOOKING_WORDS.contains(&w[1].as_str())
    });
    let code = words.windows(2).any(|w| {
        matches!(w[0].as_str(), "confirmation" | "booking" | "reservation" | "record")
            && matches!(w[1].as_str(), "code" | "number" | "locator" | "reference")
    });
    mine || code || (has("manage") && BOOKING_WORDS.iter().any(|w| has(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genders_as_said() {
        assert_eq!(gender("female"), Some(Gender::Female));
        assert_eq!(gender("it says F"), Some(Gender::Female));
        assert_eq!(gender("male please"), Some(Gender::Male));
        assert_eq!(gender("non binary, so X"), Some(Gender::Unspecified));
        assert_eq!(gender("neither, it's unspecified"), Some(Gender::Unspecified));
        assert_eq!(gender("what do you need that for?"), None);
    }

    #[test]
    fn emails_said_aloud_or_typed() {
        assert_eq!(
            email("dana dot whitfield at gmail dot com").as_deref(),
            Some("dana.whitfield@gmail.com")
        );
        assert_eq!(
            email("sure, it's jo underscore lee at example dot co dot uk thanks").as_deref(),
            Some("jo_lee@example.co.uk")
        );
        assert_eq!(
            email("my email is Sam.Ortiz@Outlook.com").as_deref(),
            Some("sam.ortiz@outlook.com")
        );
        assert_eq!(email("b o b seven at aol dot com").as_deref(), Some("bob7@aol.com"));
        assert_eq!(email("I'll be at home"), None);
        assert_eq!(email("send it at the airport"), None);
    }

    #[test]
    fn phone_numbers_in_words_and_digits() {
        assert_eq!(
            phone("four one five, five five five, oh one two three").as_deref(),
            Some("+14155550123")
        );
        assert_eq!(phone("415-555-0199").as_deref(), Some("+14155550199"));
        assert_eq!(
            phone("plus four four seven nine double one two three four five six").as_deref(),
            Some("+44791123456")
        );
        assert_eq!(phone("1 212 555 0100").as_deref(), Some("+12125550100"));
        assert_eq!(phone("five five five"), None);
        assert_eq!(phone("two adults"), None);
    }

    #[test]
    fn locators_typed_spelled_and_phonetic() {
        assert_eq!(locator("I want to check my booking K7QX2M").as_deref(), Some("K7QX2M"));
        assert_eq!(locator("it's k 7 q x 2 m").as_deref(), Some("K7QX2M"));
        assert_eq!(locator("kilo seven quebec x-ray two mike").as_deref(), Some("K7QX2M"));
        assert_eq!(locator("my confirmation is HBNWTR").as_deref(), Some("HBNWTR"));
        assert_eq!(locator("please cancel my flight"), None);
        assert!(about_my_booking("what's my confirmation number?"));
        assert!(about_my_booking("can you look up my reservation"));
        assert!(!about_my_booking("I'd like to book a trip to Denver"));
        assert!(!about_my_booking("I'm hoping to book a trip to go see my daughter at school"));
        assert!(!about_my_booking("I need to make a reservation for my trip"));
        assert_eq!(locator("I'm hoping to book a trip to go see my daughter"), None);
    }
}

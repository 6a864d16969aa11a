//! Reply wording: short spoken sentences (no lists, no markdown), dates and places said the
//! way a person says them.

use super::{form_slot, State};
use crate::booking::Booking;
use crate::dates;
use crate::trip::TripType;

/// The question Alex asks in each state (the form's question while collecting a slot).
pub fn question(state: State) -> &'static str {
    match state {
        State::Greeting => "May I have your name, please?",
        State::Collecting(slot) => {
            form_slot(slot).map_or("What else can I help with?", |f| f.question)
        }
        State::FlexibleSearch => {
            "Around when would you like to go? I'll find the cheapest day that week."
        }
        State::ConfirmingDetails => "Shall I look for flights?",
        State::PresentingOptions => "Which one would you like?",
        State::ConfirmingSelection => "Shall I book it?",
        State::BookingComplete => "Is there anything else I can help you with?",
        State::Cancelled => {
            "If you'd like to start a new booking, just tell me where you're flying."
        }
    }
}

/// A hint after repeated misunderstandings: what Alex can understand here.
pub fn hint(state: State) -> &'static str {
    match state {
        State::Greeting => "Just your first and last name is fine.",
        State::Collecting(slot) => form_slot(slot).map_or("", |f| f.hint),
        State::FlexibleSearch => "You can say a date like December fifteenth, or next Friday.",
        State::ConfirmingDetails | State::ConfirmingSelection => "Please say yes or no.",
        State::PresentingOptions => "You can say option one, or the cheapest one.",
        State::BookingComplete | State::Cancelled => {
            "You can say something like: from Chicago to Denver next Friday."
        }
    }
}

/// "second", "third": which traveller Alex asks about.
pub fn ordinal_word(n: usize) -> String {
    crate::dates::numbers::ordinal_words(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A record locator read with the phonetic alphabet: "K as in Kilo, 7, Q as in Quebec, ...".
pub fn spell_code(code: &str) -> String {
    use crate::understand::details::PHONETIC;
    code.chars()
        .map(|c| match c.to_ascii_uppercase() {
            l @ 'A'..='Z' => format!("{l} as in {}", PHONETIC[(l as u8 - b'A') as usize]),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A family name letter by letter ("W, H, I, T, F, I, E, L, D"), so a misheard one is caught.
pub fn spelled_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() && !c.is_ascii_digit())
        .map(|c| crate::case::upper(c).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A date of birth as Alex says it: "April second, 1988".
pub fn birth_date(date: crate::dates::Date) -> String {
    use chrono::Datelike;
    format!(
        "{} {}, {}",
        dates::month_name(date.month()).unwrap_or_default(),
        crate::dates::numbers::ordinal_words(date.day()),
        date.year()
    )
}

/// "dana dot whitfield at gmail dot com".
pub fn spoken_email(email: &str) -> String {
    email.replace('.', " dot ").replace('@', " at ").replace('_', " underscore ")
}

/// "+14155550123" -> "4, 1, 5, 5, 5, 5, 0, 1, 2, 3" (US numbers without the country code).
pub fn spoken_phone(phone: &str) -> String {
    let digits = phone.strip_prefix("+1").filter(|d| d.len() == 10).unwrap_or(phone);
    let digits: Vec<String> =
        digits.chars().filter(char::is_ascii_digit).map(|c| c.to_string()).collect();
    format!("the number {}", digits.join(", "))
}

/// What Alex can read in a ticket answer, after repeated misses.
pub fn ticket_hint(slot: crate::understand::Slot) -> &'static str {
    use crate::understand::Slot;
    match slot {
        Slot::BirthDate => "You can say it like April second, nineteen eighty-eight, or type 4/2/1988.",
        Slot::Gender => "Just say female, male, or unspecified, as on the ID.",
        Slot::Contact => "You can say an email like dana at example dot com, or a ten-digit phone number. Typing works too.",
        _ => "Just the first and last name, as on the ID.",
    }
}

/// A stored booking in one breath: "Booking K as in Kilo, ...: United 1423 ..., for Dana
/// Whitfield. It's confirmed."
pub fn stored_summary(record: &crate::booking::StoredBooking) -> String {
    let names: Vec<String> = record.travellers.iter().map(|t| t.full_name()).collect();
    let status = if record.is_cancelled() { "It's cancelled." } else { "It's confirmed." };
    format!(
        "Booking {}: {}, for {}. {status}",
        spell_code(&record.locator),
        crate::offers::booked(&record.offer),
        join_and(&names)
    )
}

/// "one", "two"... for counts Alex says.
pub fn count_word(n: u8) -> String {
    crate::dates::numbers::cardinal_words(u32::from(n))
}

pub fn passengers_phrase(n: u8) -> String {
    if n == 1 {
        "one passenger".to_string()
    } else {
        format!("{} passengers", count_word(n))
    }
}

/// The read-back before searching.
pub fn summary(b: &Booking) -> String {
    let trip = match b.trip_type {
        Some(TripType::RoundTrip) => "a round trip",
        _ => "a one way trip",
    };
    let mut s = format!(
        "Let me make sure I have this right: {trip} for {}",
        passengers_phrase(b.passengers)
    );
    if let (Some(o), Some(d)) = (&b.origin, &b.destination) {
        s.push_str(&format!(" from {} to {}", o.name, d.name));
    }
    if let Some(d) = b.departure_date {
        s.push_str(&format!(", leaving {}", dates::spoken(d)));
        if let Some(part) = b.departure_part {
            s.push_str(&format!(" in the {}", part.spoken()));
        }
    }
    if let (Some(TripType::RoundTrip), Some(r)) = (b.trip_type, b.return_date) {
        s.push_str(&format!(", and returning {}", dates::spoken(r)));
    }
    if let Some(c) = b.cabin {
        s.push_str(&format!(", in {}", c.spoken()));
    }
    s.push_str(". Shall I look for flights?");
    s
}

/// What Alex has so far, for "what do I have so far?".
pub fn so_far(b: &Booking) -> String {
    let mut parts = Vec::new();
    if let Some(n) = &b.name {
        parts.push(format!("you're {n}"));
    }
    if let Some(t) = b.trip_type {
        parts.push(format!("a {} trip", t.spoken()).replace("a one way trip", "one way"));
    }
    if let Some(o) = &b.origin {
        parts.push(format!("from {}", o.name));
    }
    if let Some(d) = &b.destination {
        parts.push(format!("to {}", d.name));
    }
    if let Some(d) = b.departure_date {
        parts.push(format!("leaving {}", dates::spoken(d)));
    }
    if let Some(r) = b.return_date {
        parts.push(format!("returning {}", dates::spoken(r)));
    }
    if b.passengers_given || b.passengers > 1 {
        parts.push(format!("for {}", passengers_phrase(b.passengers)));
    }
    if let Some(c) = b.cabin {
        parts.push(format!("in {}", c.spoken()));
    }
    if parts.is_empty() {
        "We haven't filled anything in yet.".to_string()
    } else {
        format!("So far I have {}.", join_and(&parts))
    }
}

/// "a, b, and c"
pub fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// Split a reply into sentences for speech synthesis (each can be synthesised in parallel).
pub fn sentences(reply: &str) -> Vec<String> {
    const ABBREVIATIONS: &[&str] =
        &["St.", "Mr.", "Mrs.", "Ms.", "Dr.", "Ft.", "Mt.", "a.m.", "p.m."];
    let mut out = Vec::new();
    let words: Vec<&str> = reply.split_whitespace().collect();
    // Each sentence is joined from its words once (no string grown word by word).
    let mut start = 0;
    for (i, w) in words.iter().enumerate() {
        // The last byte: these marks are ASCII (a char test encodes each one first).
        let ends = matches!(w.as_bytes().last(), Some(b'.' | b'?' | b'!'))
            && !ABBREVIATIONS.contains(w)
            && words.get(i + 1).is_some_and(|n| n.chars().next().is_some_and(|c| c.is_uppercase()));
        if ends {
            out.push(words.get(start..=i).unwrap_or_default().join(" "));
            start = i + 1;
        }
    }
    if let Some(rest) = words.get(start..).filter(|rest| !rest.is_empty()) {
        out.push(rest.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        assert_eq!(
            sentences("Got it. Flying to St. Louis? Yes! ok"),
            vec!["Got it.", "Flying to St. Louis?", "Yes! ok"]
        );
    }

    #[test]
    fn joins_with_and() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&p(&["a", "b", "c"])), "a, b, and c");
        assert_eq!(join_and(&p(&["a", "b"])), "a and b");
    }
}

//! The written form of a reply, for the transcript: what Alex says is made for the ear ("Friday,
//! December eighteenth", "8:55 in the morning", "K as in Kilo, 7, ..."), what the caller reads is
//! made for the eye ("Fri, Dec 18", "8:55 AM", "K7..."). Both come from the reply wording: the
//! phrases are the ones `reply`, `offers::speech` and `dates::spoken` write, turned back into
//! their short written forms here, next to them; read-outs the screen shows as cards are
//! shortened by the wording that makes them (the conversation's swaps for the turn).

use std::borrow::Cow;

use crate::dates::numbers::{cardinal, ordinal};
use crate::dates::{is_month_name, is_weekday_name};

/// The written form of `spoken`, with `swaps` (spoken fragment -> written) applied first.
pub fn written(spoken: &str, swaps: &[(String, String)]) -> String {
    let mut text = Cow::Borrowed(spoken);
    for (from, to) in swaps {
        text = Cow::Owned(text.replace(from.as_str(), to));
    }
    let mut words: Vec<&str> = Vec::with_capacity(text.len() / 4);
    words.extend(text.split(' '));
    // Every turn writes its reply: words go straight into one string (a string per word
    // showed in profiles).
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < words.len() {
        if i > 0 {
            out.push(' ');
        }
        match date_at(&words[i..])
            .or_else(|| time_at(&words[i..]))
            .or_else(|| letter_at(&words[i..]))
        {
            Some((replacement, used)) => {
                out.push_str(&replacement);
                i += used.max(1);
            }
            None => {
                out.push_str(words[i]);
                i += 1;
            }
        }
    }
    join_spelled(&out)
}

/// "Friday, December eighteenth" -> "Fri, Dec 18"; "December eighteenth" -> "Dec 18".
fn date_at(words: &[&str]) -> Option<(String, usize)> {
    let first = *words.first()?;
    let (weekday, rest) = match first.strip_suffix(',') {
        // Both name tests ignore ASCII case: no lower-cased copy of every word.
        Some(day) if is_weekday_name(day) => (Some(&day[..3]), &words[1..]),
        _ => (None, words),
    };
    let month = *rest.first()?;
    if !is_month_name(month) || month.len() < 3 {
        return None;
    }
    let day_word = *rest.get(1)?;
    let (day_text, tail) = split_punctuation(day_word);
    let day = ordinal(day_text).filter(|d| (1..=31).contains(d))?;
    let short_month = if month.len() > 4 { &month[..3] } else { month };
    let date = match weekday {
        Some(w) => format!("{w}, {short_month} {day}{tail}"),
        None => format!("{short_month} {day}{tail}"),
    };
    Some((date, usize::from(weekday.is_some()) + 2))
}

/// "8:55 in the morning" -> "8:55 AM", "9 in the evening" -> "9 PM".
fn time_at(words: &[&str]) -> Option<(String, usize)> {
    let clock = *words.first()?;
    let valid = match clock.split_once(':') {
        Some((h, m)) => {
            cardinal(h).is_some_and(|h| (1..=12).contains(&h))
                && m.len() == 2
                && m.bytes().all(|b| b.is_ascii_digit())
        }
        None => {
            clock.bytes().all(|b| b.is_ascii_digit())
                && cardinal(clock).is_some_and(|h| (1..=12).contains(&h))
        }
    };
    if !valid {
        return None;
    }
    let (part, used) = match words.get(1..4) {
        Some([a, b, c]) if *a == "in" && *b == "the" => (*c, 4),
        _ => match words.get(1..3) {
            Some([a, b]) if *a == "at" && b.starts_with("night") => (*b, 3),
            _ => return None,
        },
    };
    let (part_word, tail) = split_punctuation(part);
    let suffix = match part_word {
        "morning" => "AM",
        "afternoon" | "evening" | "night" => "PM",
        _ => return None,
    };
    Some((format!("{clock} {suffix}{tail}"), used))
}

/// "K as in Kilo," -> "K," (the phonetic alphabet is for the ear).
fn letter_at(words: &[&str]) -> Option<(String, usize)> {
    let [letter, as_word, in_word, word, ..] = words else { return None };
    let single = letter.len() == 1 && letter.bytes().all(|b| b.is_ascii_uppercase());
    if !single || *as_word != "as" || *in_word != "in" {
        return None;
    }
    let (_, tail) = split_punctuation(word);
    Some((format!("{letter}{tail}"), 4))
}

/// `word` without the commas, stops, brackets and marks that close it (all ASCII: trimmed
/// byte by byte, every word of every reply).
fn without_closing_marks(word: &str) -> &str {
    let bytes = word.as_bytes();
    let mut end = bytes.len();
    while end > 0 && matches!(bytes.get(end - 1), Some(b',' | b'.' | b')' | b'?' | b'!' | b';')) {
        end -= 1;
    }
    word.get(..end).unwrap_or(word)
}

/// "K, 7, Q, X, 2, M" (a code, a phone number or a spelled name: four or more single letters or
/// digits) -> "K7QX2M"; "(that's D, E, L, G, A, D, O)" after a name is dropped: the name is
/// already written.
fn join_spelled(text: &str) -> String {
    // Fewer than four single letters or digits in all: no run to join (most replies).
    let single = |word: &str| {
        let mut chars = without_closing_marks(word).chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphanumeric())
    };
    if text.split(' ').filter(|w| single(w)).nth(3).is_none() {
        return text.to_string();
    }
    let words: Vec<&str> = text.split(' ').collect();
    // Words are borrowed unless changed.
    let mut out: Vec<Cow<str>> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        let mut letters = String::new();
        let mut tail = "";
        while let Some(word) = words.get(j) {
            let core = without_closing_marks(word);
            let mut chars = core.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else { break };
            if !c.is_alphanumeric() {
                break;
            }
            letters.push(c);
            j += 1;
            let punctuation = &word[core.len()..];
            if punctuation != "," {
                tail = punctuation;
                break;
            }
        }
        if letters.chars().count() < 4 {
            out.push(Cow::Borrowed(words[i]));
            i += 1;
            continue;
        }
        if out.last().is_some_and(|w| w == "(that's") {
            out.pop();
            if let Some(name) = out.last_mut() {
                name.to_mut().push_str(tail.trim_start_matches(')'));
            }
        } else {
            out.push(Cow::Owned(format!("{letters}{tail}")));
        }
        i = j;
    }
    out.join(" ")
}

/// Word and trailing punctuation: "eighteenth," -> ("eighteenth", ",").
fn split_punctuation(word: &str) -> (&str, &str) {
    let end = word.trim_end_matches(|c: char| c.is_ascii_punctuation()).len();
    (&word[..end], &word[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_times_and_codes_are_written_short() {
        let spoken = "You're all set, Rosa. I've booked United 2583 on Friday, January fifteenth, leaving at 8:05 in the morning, coming back on Monday, January twenty-first at 9 in the evening. Your confirmation code is 9, M as in Mike, A as in Alfa, J as in Juliett, S as in Sierra, X as in X-ray.";
        assert_eq!(
            written(spoken, &[]),
            "You're all set, Rosa. I've booked United 2583 on Fri, Jan 15, leaving at 8:05 AM, coming back on Mon, Jan 21 at 9 PM. Your confirmation code is 9MAJSX."
        );
    }

    #[test]
    fn spelled_names_and_swaps() {
        let spoken = "Here's the booking: for Rosa Delgado (that's D, E, L, G, A, D, O), born July fourth, 1990. Option one: long text. Which one?";
        let swaps =
            vec![("Option one: long text.".to_string(), "Option 1 is on screen.".to_string())];
        assert_eq!(
            written(spoken, &swaps),
            "Here's the booking: for Rosa Delgado, born July 4, 1990. Option 1 is on screen. Which one?"
        );
    }

    #[test]
    fn ordinary_words_are_left_alone() {
        for text in [
            "I can't do that, but I'm happy to help.",
            "May I have your name, please?",
            "March is busy, a, b.",
        ] {
            assert_eq!(written(text, &[]), text);
        }
    }
}

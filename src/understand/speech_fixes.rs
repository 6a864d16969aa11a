//! Speech-recogniser fixes and filler removal: the first step of understanding.
//!
//! Recognisers mishear a handful of booking phrases again and again ("phone trip" for "round
//! trip", "business glass" for "business class"). A table of such fixes, applied on word
//! boundaries, is cheaper and more predictable than asking a model, and it runs offline.

use std::borrow::Cow;

use super::rules::phrase_at;
use crate::text::same_word;

/// Longest input we read: spoken turns are short; this bounds the work on pasted walls of text.
pub const MAX_INPUT_CHARS: usize = 2_000;

/// Misheard phrase -> what the caller said. Matched case-insensitively on whole words.
pub const FIXES: &[(&str, &str)] = &[
    ("phone trip", "round trip"),
    ("brown trip", "round trip"),
    ("ground trip", "round trip"),
    ("round trim", "round trip"),
    ("round tripe", "round trip"),
    ("run trip", "round trip"),
    ("roundtrip", "round trip"),
    ("round-trip", "round trip"),
    ("won way", "one way"),
    ("one weigh", "one way"),
    ("won weigh", "one way"),
    ("1 way", "one way"),
    ("one-way", "one way"),
    ("oneway", "one way"),
    ("business glass", "business class"),
    ("biz class", "business class"),
    ("first glass", "first class"),
    ("first-class", "first class"),
    ("economy glass", "economy class"),
    ("economy plus", "premium economy"),
    ("premium plus", "premium economy"),
    ("premium economy class", "premium economy"),
    ("coach class", "economy"),
    ("coach", "economy"),
    ("main cabin", "economy"),
    ("to morrow", "tomorrow"),
    ("tomorow", "tomorrow"),
    ("tommorow", "tomorrow"),
    ("tommorrow", "tomorrow"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("gotta", "got to"),
    ("lemme", "let me"),
    ("yeah", "yes"),
    ("yep", "yes"),
    ("yup", "yes"),
    // "ya" is "you" after these, "yes" alone.
    ("how are ya", "how are you"),
    ("see ya", "see you"),
    ("thank ya", "thank you"),
    ("ya", "yes"),
    ("nope", "no"),
    ("nah", "no"),
    ("flights", "flight"),
    ("passanger", "passenger"),
    ("passangers", "passengers"),
    ("start from scratch", "start over"),
];

/// The indexes of the fixes whose misheard phrase starts with byte `first`, in table order: a
/// word is tried against the few fixes that start like it (built on first use).
fn fixes_starting_with(first: u8) -> &'static [usize] {
    static BY_FIRST_BYTE: std::sync::OnceLock<Vec<Vec<usize>>> = std::sync::OnceLock::new();
    let by_first = BY_FIRST_BYTE.get_or_init(|| {
        let mut by_first = vec![Vec::new(); 256];
        for (i, (from, _)) in FIXES.iter().enumerate() {
            if let Some(list) =
                from.as_bytes().first().and_then(|&b| by_first.get_mut(usize::from(b)))
            {
                list.push(i);
            }
        }
        by_first
    });
    by_first.get(usize::from(first)).map_or(&[], Vec::as_slice)
}

/// Words that carry no meaning in speech. "like" is a filler only when not "I'd like" /
/// "would like" (handled in [`clean`]).
const FILLERS: &[&str] = &["um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah", "hmm", "mm", "eh"];

/// The caller's words after fixes, with fillers dropped, original casing of untouched words
/// kept (codes like "JFK" stay recognisable), one space between words.
pub fn clean(text: &str) -> String {
    let bounded = match text.char_indices().nth(MAX_INPUT_CHARS) {
        Some((end, _)) => text.get(..end).unwrap_or(text),
        None => text,
    };
    let words: Vec<&str> = bounded.split_whitespace().collect();
    let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
    // Words are borrowed unless a fix changes them.
    let mut out: Vec<Cow<str>> = Vec::with_capacity(words.len());
    let mut i = 0;
    'outer: while i < words.len() {
        let rest = keys.get(i..).unwrap_or_default();
        let k = keys[i].as_str();
        // The first word decides most fixes at the cost of one comparison (of one byte first:
        // this runs for every fix and every word).
        let starts_with_k = |from: &str| {
            from.as_bytes().first() == k.as_bytes().first()
                && from.strip_prefix(k).is_some_and(|r| r.is_empty() || r.starts_with(' '))
        };
        let same_start = k.as_bytes().first().map_or(&[][..], |&b| fixes_starting_with(b));
        for (from, to) in same_start.iter().filter_map(|&f| FIXES.get(f)) {
            if starts_with_k(from) && phrase_at(rest.iter().map(String::as_str), from) {
                let n = from.split(' ').count();
                let trailing = trailing_punctuation(words[i + n - 1]);
                out.push(Cow::Owned(format!("{to}{trailing}")));
                i += n;
                continue 'outer;
            }
        }
        let k = keys[i].as_str();
        let previous = if i > 0 { keys[i - 1].as_str() } else { "" };
        let is_filler = FILLERS.iter().any(|f| same_word(f, k))
            || (k == "like"
                && !matches!(previous, "would" | "i'd" | "you'd" | "we'd" | "i" | "we" | "they"));
        if is_filler {
            // A filler may carry the sentence's punctuation ("um, from Boston"): drop both.
            i += 1;
            continue;
        }
        out.push(Cow::Borrowed(words[i]));
        i += 1;
    }
    out.join(" ")
}

use crate::text::key;

fn trailing_punctuation(word: &str) -> &str {
    let kept = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    &word[kept.len()..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_misheard_phrases() {
        assert_eq!(clean("a phone trip to Denver"), "a round trip to Denver");
        assert_eq!(clean("Business glass, please"), "business class, please");
        assert_eq!(clean("won way"), "one way");
        assert_eq!(clean("economy plus"), "premium economy");
    }

    #[test]
    fn drops_fillers_but_keeps_would_like() {
        assert_eq!(clean("um so like from uh Boston"), "so from Boston");
        assert_eq!(clean("I'd like to fly"), "I'd like to fly");
        assert_eq!(clean("I would like a window"), "I would like a window");
    }

    #[test]
    fn rough_dates_stay_rough() {
        // "early January" is a stretch of days for the date reader, never one day chosen here.
        assert_eq!(clean("sometime in mid December"), "sometime in mid December");
        assert_eq!(clean("late may please"), "late may please");
    }

    #[test]
    fn bounds_huge_input() {
        let long = "word ".repeat(100_000);
        assert!(clean(&long).len() <= MAX_INPUT_CHARS);
    }

    #[test]
    fn keeps_codes_casing() {
        assert_eq!(clean("to JFK"), "to JFK");
    }
}

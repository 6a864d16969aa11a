//! "Did the caller actually say that?": checks that an LLM value comes from the caller's words.
//!
//! The model may invent a city the caller never named, default a cabin, or fill a date from
//! thin air; a value that validates but was never said is worse than none. Every check here
//! compares the model's value with the words of the utterance, tolerating speech-recognition
//! misspellings ("Cincinatti") and split words ("san fran cisco").

use crate::dates::{find_dates, Date, DateError};
use crate::places::{find_places, Place};

/// Only this many words of an utterance are compared (bounds work on a 100 KB paste).
const MAX_WORDS: usize = 200;
/// Similarity (normalized Damerau-Levenshtein) for two words of 5+ letters to count as one.
const FUZZY_WORD: f64 = 0.8;

/// The caller's or the model's words, folded as grounding compares them
/// ([`crate::text::compact_words`]).
pub(crate) fn words(text: &str) -> Vec<String> {
    crate::text::compact_words(text, MAX_WORDS * 4)
}

/// The utterance prepared once for all checks.
pub(crate) struct Heard<'a> {
    pub text: &'a str,
    pub words: Vec<String>,
    /// Words plus adjacent pairs and triples glued together ("san fran cisco" ->
    /// "sanfrancisco"), for the fuzzy place match.
    glued: Vec<String>,
}

impl<'a> Heard<'a> {
    pub fn new(text: &'a str) -> Heard<'a> {
        let mut words = words(text);
        words.truncate(MAX_WORDS);
        let mut glued = words.clone();
        for n in 2..=3 {
            glued.extend(words.windows(n).map(|w| w.concat()));
        }
        Heard { text, words, glued }
    }

    pub fn has_word(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }

    pub fn has_any(&self, list: &[&str]) -> bool {
        self.words.iter().any(|w| list.contains(&w.as_str()))
    }

    fn has_similar(&self, word: &str) -> bool {
        self.glued.iter().any(|w| similar(w, word))
    }

    pub fn has_number(&self) -> bool {
        self.words.iter().any(|w| number_value(w).is_some())
    }
}

fn similar(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().count() >= 5
            && b.chars().count() >= 5
            && strsim::normalized_damerau_levenshtein(a, b) >= FUZZY_WORD)
}

/// Words in a place phrase that say nothing about which place it is.
const PLACE_FILLER: &[&str] =
    &["the", "airport", "international", "intl", "city", "of", "in", "at", "field", "regional"];

/// Words that describe nothing by themselves.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "to", "from", "in", "on", "at", "of", "for", "and", "or", "but", "so", "i",
    "im", "i'm", "me", "my", "we", "our", "us", "you", "it", "its", "is", "are", "was", "be",
    "want", "wanna", "need", "like", "would", "go", "going", "fly", "flying", "get", "there",
    "that", "this", "um", "uh", "please", "just", "yes", "no", "yeah", "ok", "okay", "where",
    "what", "with", "about", "then", "really", "well", "oh", "hi", "hello", "up", "out", "over",
];

/// True when the caller's words say more than the rules read: at least two content words
/// outside every place and date phrase our finders see ("where the Space Needle is", "the
/// day before my cousin's party"). Only then may the model's reading of them be kept (as an
/// inference to confirm); "to Denver" leaves no room for a model's invented origin.
pub(crate) fn describes_more_than_the_rules_read(text: &str) -> bool {
    let covered: Vec<(usize, usize)> = find_places(text)
        .into_iter()
        .map(|m| (m.start, m.end))
        .chain(crate::dates::find_dates(text).into_iter().map(|m| (m.start, m.end)))
        .collect();
    let mut content = 0;
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() || c == '\'' {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let word = crate::case::lowercase(&text[s..i]);
        let inside = covered.iter().any(|&(a, b)| a <= s && i <= b);
        if !inside && word.chars().count() > 2 && !FUNCTION_WORDS.contains(&word.as_str()) {
            content += 1;
        }
    }
    content >= 2
}

/// The model's place text is grounded when its distinctive words were heard (fuzzily), or the
/// place's code was said, or our own finder sees the same place in the utterance.
pub(crate) fn place_grounded(llm_text: &str, place: &Place, heard: &Heard) -> bool {
    let content: Vec<String> =
        words(llm_text).into_iter().filter(|w| !PLACE_FILLER.contains(&w.as_str())).collect();
    if !content.is_empty() && content.iter().all(|w| heard.has_similar(w)) {
        return true;
    }
    if heard.has_word(&place.code.to_ascii_lowercase()) {
        return true;
    }
    find_places(heard.text).into_iter().any(|m| match m.result {
        Ok(p) => p.code == place.code || p.airports.iter().any(|a| place.airports.contains(a)),
        Err(_) => false,
    })
}

/// The model's date text is grounded when our date finder resolves a phrase of the utterance
/// to the same result, or when the date words it used were heard: every number it gives
/// (other than a year) or, for a phrase with no numbers ("next Friday"), one date word.
pub(crate) fn date_grounded(
    llm_text: &str,
    result: &Result<Date, DateError>,
    today: Date,
    anchor: Option<Date>,
    heard: &Heard,
) -> bool {
    let same_as_ours =
        find_dates(heard.text).iter().any(|m| match (m.expr.resolve(today, anchor), result) {
            (Ok(a), Ok(b)) => a == *b,
            (Err(a), Err(b)) => a.kind == b.kind,
            _ => false,
        });
    if same_as_ours {
        return true;
    }
    let said = date_tokens(&heard.words);
    let theirs = date_tokens(&words(llm_text));
    let numbers: Vec<&String> =
        theirs.iter().filter(|t| t.parse::<u32>().is_ok_and(|n| n < 1000)).collect();
    if !numbers.is_empty() {
        return numbers.iter().all(|n| said.contains(n));
    }
    theirs.iter().any(|t| {
        let date_word = DATE_WORDS.contains(&t.as_str())
            || crate::dates::is_month_name(t)
            || crate::dates::is_weekday_name(t);
        date_word && said.contains(t)
    })
}

/// Words that carry a date's meaning when there are no numbers.
const DATE_WORDS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "today",
    "tomorrow",
    "tonight",
    "weekend",
    "week",
    "weeks",
    "month",
    "day",
    "days",
    "later",
    "christmas",
    "thanksgiving",
    "easter",
    "year",
];

const UNITS: &[(&str, u32)] = &[
    ("one", 1),
    ("first", 1),
    ("two", 2),
    ("second", 2),
    ("three", 3),
    ("third", 3),
    ("four", 4),
    ("fourth", 4),
    ("five", 5),
    ("fifth", 5),
    ("six", 6),
    ("sixth", 6),
    ("seven", 7),
    ("seventh", 7),
    ("eight", 8),
    ("eighth", 8),
    ("nine", 9),
    ("ninth", 9),
];
const TEENS: &[(&str, u32)] = &[
    ("ten", 10),
    ("tenth", 10),
    ("eleven", 11),
    ("eleventh", 11),
    ("twelve", 12),
    ("twelfth", 12),
    ("thirteen", 13),
    ("thirteenth", 13),
    ("fourteen", 14),
    ("fourteenth", 14),
    ("fifteen", 15),
    ("fifteenth", 15),
    ("sixteen", 16),
    ("sixteenth", 16),
    ("seventeen", 17),
    ("seventeenth", 17),
    ("eighteen", 18),
    ("eighteenth", 18),
    ("nineteen", 19),
    ("nineteenth", 19),
    ("twenty", 20),
    ("twentieth", 20),
    ("thirty", 30),
    ("thirtieth", 30),
];

/// The number a word stands for: "11", "11th", "eleventh", "eleven".
pub(crate) fn number_value(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !digits.is_empty() && digits.len() <= 6 && digits.chars().all(|c| c.is_ascii_digit()) {
        let suffix = word.get(digits.len()..).unwrap_or("");
        if matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
            return digits.parse().ok();
        }
    }
    UNITS.iter().chain(TEENS).find(|(w, _)| *w == word).map(|(_, n)| *n)
}

/// Date words normalized: numbers as digits, "twenty first" joined into "21".
fn date_tokens(words: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words.get(i).map(String::as_str).unwrap_or("");
        let tens = matches!(word, "twenty" | "thirty");
        let unit = words
            .get(i + 1)
            .and_then(|next| UNITS.iter().find(|(w, _)| w == next))
            .map(|(_, n)| *n);
        match (tens, unit, number_value(word)) {
            (true, Some(u), Some(t)) => {
                out.push((t + u).to_string());
                i += 2;
                continue;
            }
            (_, _, Some(n)) => out.push(n.to_string()),
            _ => out.push(word.to_string()),
        }
        i += 1;
    }
    out
}

/// A name the model gives is kept only if it is 1-4 alphabetic words, every one of them heard.
pub(crate) fn name_grounded(name: &str, heard: &Heard) -> bool {
    let parts: Vec<&str> = name.split_whitespace().collect();
    (1..=4).contains(&parts.len())
        && parts.iter().all(|p| {
            p.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.' | '\u{2019}'))
                && p.chars().any(char::is_alphabetic)
                && words(p).iter().all(|w| heard.has_word(w))
        })
}

/// Words that pick an offer.
pub(crate) const OPTION_WORDS: &[&str] = &["option", "number", "flight", "one", "last"];

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn words_fold_case_and_apostrophes() {
        assert_eq!(words("O'Hare, St. Louis -- JFK!"), s(&["ohare", "st", "louis", "jfk"]));
        assert_eq!(words("  "), Vec::<String>::new());
    }

    #[test]
    fn numbers_in_any_spelling() {
        for (w, n) in
            [("11", 11), ("11th", 11), ("eleventh", 11), ("eleven", 11), ("1st", 1), ("third", 3)]
        {
            assert_eq!(number_value(w), Some(n), "{w}");
        }
        for w in ["11x", "eleventy", "th", "", "1234567"] {
            assert_eq!(number_value(w), None, "{w}");
        }
        assert_eq!(
            date_tokens(&s(&["the", "twenty", "first", "of", "may"])),
            s(&["the", "21", "of", "may"])
        );
        assert_eq!(date_tokens(&s(&["twenty", "fourth", "thirty"])), s(&["24", "30"]));
    }

    #[test]
    fn fuzzy_words_and_glued_splits() {
        let heard = Heard::new("flying out of cincinatti, or maybe san fran cisco");
        assert!(heard.has_similar("cincinnati"));
        assert!(heard.has_similar("sanfrancisco"));
        assert!(!heard.has_similar("chicago"));
        assert!(!Heard::new("dallas").has_similar("dulles"), "different airports stay apart");
        assert!(!Heard::new("ord").has_similar("orf"), "short words must match exactly");
    }

    #[test]
    fn dates_grounded_by_their_words() {
        let today = Date::from_ymd_opt(2026, 11, 27).unwrap();
        let grounded = |llm: &str, said: &str| {
            let result = crate::dates::parse_date(llm, today, None);
            date_grounded(llm, &result, today, None, &Heard::new(said))
        };
        assert!(grounded("December 11th", "the eleventh of december"));
        assert!(grounded("December 11th, 2026", "the eleventh of december"));
        assert!(!grounded("December 12th", "the eleventh of december"));
        assert!(grounded("next Friday", "friday works"));
        assert!(!grounded("tomorrow", "as soon as possible"));
        assert!(!grounded("the 5th", "no idea yet"));
    }

    #[test]
    fn date_words_without_our_finder() {
        // The word fallback alone (the finder sees nothing it can read in these).
        let today = Date::from_ymd_opt(2026, 11, 27).unwrap();
        let any = Ok(Date::from_ymd_opt(2026, 12, 11).unwrap());
        let words_only = |llm: &str, said: &str| {
            let heard = Heard::new(said);
            date_grounded(llm, &any, today, None, &heard)
        };
        assert!(words_only("December 11th", "uh leven ... 11 I think"));
        assert!(!words_only("December 12th", "uh leven ... 11 I think"));
        assert!(words_only("the Friday after", "friday-ish"));
    }

    #[test]
    fn names_grounded_word_by_word() {
        let heard = Heard::new("this is mary-jane o'neil");
        assert!(name_grounded("Mary-Jane O'Neil", &heard));
        assert!(!name_grounded("Mary Jane Smith", &heard));
        assert!(!name_grounded("", &heard));
        assert!(!name_grounded("Mary 2", &Heard::new("mary 2")));
    }
}

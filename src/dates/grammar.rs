//! The phrase grammar: a hand-written matcher over lexer tokens. Every rule starts at one token
//! and returns the phrase it reads and where it ends; the longest reading wins.
//!
//! `strict` is for finding dates inside longer sentences, where "the first" is more likely an
//! option than a day: there, ordinal words up to "fifth" and bare digits after "the" need a
//! preposition before them ("on the first", "on the 15"). A lone date field is read leniently.

use chrono::Weekday;

use super::expr::{Expr, WeekdayRule};
use super::holidays::NAMES as HOLIDAY_NAMES;
use super::lexer::Token;
use super::numbers::{cardinal_tokens, ordinal_tokens};

/// Nouns that make the number before them a count or a label, not a day ("the 8 am flight",
/// "the first one", "two passengers").
const NOT_A_DAY_AFTER: &[&str] = &[
    "one",
    "ones",
    "option",
    "options",
    "flight",
    "flights",
    "class",
    "choice",
    "passenger",
    "passengers",
    "adult",
    "adults",
    "child",
    "children",
    "kid",
    "kids",
    "people",
    "person",
    "persons",
    "ticket",
    "tickets",
    "seat",
    "seats",
    "bag",
    "bags",
    "time",
    "times",
    "am",
    "pm",
    "a",
    "p",
    "oclock",
    "stop",
    "stops",
    "leg",
    "row",
    "gate",
    "terminal",
    "hour",
    "hours",
    "minute",
    "minutes",
    // "the 15th of next month" is not understood: better no date than the wrong one.
    "of",
];

/// Words after which "the first" / "the 15" mean a day.
const DAY_PREPOSITIONS: &[&str] = &[
    "on",
    "by",
    "until",
    "till",
    "til",
    "before",
    "after",
    "from",
    "since",
    "through",
    "thru",
    "back",
    "returning",
    "return",
    "leaving",
    "leave",
    "departing",
    "depart",
    "fly",
    "flying",
    "said",
    "about",
];

/// Nesting limit for "the day after the day after ...": keeps recursion shallow on hostile input.
const MAX_DEPTH: u8 = 3;

/// Ordinal words this small usually number options ("the first one"), so need more context.
const SMALL_ORDINAL_WORD: u32 = 5;

pub struct Matcher<'a> {
    tokens: &'a [Token],
    /// The tokens' texts, so number helpers can look ahead without allocating.
    words: Vec<&'a str>,
    strict: bool,
}

type Found = Option<(Expr, usize)>;

fn longest(a: Found, b: Found) -> Found {
    match (&a, &b) {
        (Some((_, ea)), Some((_, eb))) if eb > ea => b,
        (None, _) => b,
        _ => a,
    }
}

fn shift(base: Expr, months: u32, days: i64) -> Expr {
    Expr::Shift { base: Box::new(base), months, days }
}

pub fn month(word: &str) -> Option<u32> {
    let month = match word {
        "january" | "jan" => 1,
        "february" | "feb" | "febuary" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// A weekday name; the flag is true for abbreviations ("fri"), which only count next to a date.
fn weekday(word: &str) -> Option<(Weekday, bool)> {
    let found = match word {
        "monday" => (Weekday::Mon, false),
        "tuesday" => (Weekday::Tue, false),
        "wednesday" => (Weekday::Wed, false),
        "thursday" => (Weekday::Thu, false),
        "friday" => (Weekday::Fri, false),
        "saturday" => (Weekday::Sat, false),
        "sunday" => (Weekday::Sun, false),
        "mon" => (Weekday::Mon, true),
        "tue" | "tues" => (Weekday::Tue, true),
        "wed" | "weds" => (Weekday::Wed, true),
        "thu" | "thur" | "thurs" => (Weekday::Thu, true),
        "fri" => (Weekday::Fri, true),
        "sat" => (Weekday::Sat, true),
        "sun" => (Weekday::Sun, true),
        _ => return None,
    };
    Some(found)
}

fn full_weekday(word: &str) -> Option<Weekday> {
    weekday(word).filter(|(_, abbreviated)| !abbreviated).map(|(w, _)| w)
}

/// How a day number was said: it decides where it may stand alone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DayForm {
    /// "15th"
    Suffixed,
    /// "fifteenth", "twenty first"
    OrdinalWord,
    /// "15"
    Digits,
    /// "fifteen", "twenty one"
    CardinalWord,
}

impl<'a> Matcher<'a> {
    pub fn new(tokens: &'a [Token], strict: bool) -> Self {
        let words = tokens.iter().map(|t| t.text.as_str()).collect();
        Matcher { tokens, words, strict }
    }

    fn word(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i) == word
    }

    /// The words from `from` on (empty past the end).
    fn words_from(&self, from: usize) -> &[&'a str] {
        self.words.get(from..).unwrap_or_default()
    }

    /// Skips an optional word.
    fn opt(&self, i: usize, word: &str) -> usize {
        if self.is(i, word) {
            i + 1
        } else {
            i
        }
    }

    /// The longest date phrase starting at token `i`.
    pub fn at(&self, i: usize) -> Found {
        self.at_depth(i, 0)
    }

    fn at_depth(&self, i: usize, depth: u8) -> Found {
        if i >= self.tokens.len() || depth > MAX_DEPTH {
            return None;
        }
        let mut best = self.simple_word(i);
        best = longest(best, self.count_phrase(i, depth));
        best = longest(best, self.day_near(i, depth));
        best = longest(best, self.departure_relative(i, depth));
        best = longest(best, self.weekday_phrase(i, depth));
        best = longest(best, self.weekend(i));
        best = longest(best, self.month_first(i));
        best = longest(best, self.day_first(i));
        best = longest(best, self.the_day(i));
        best = longest(best, self.numeric(i));
        longest(best, self.holiday(i))
    }

    /// "today", "tonight", "tomorrow", "yesterday".
    fn simple_word(&self, i: usize) -> Found {
        let expr = match self.word(i) {
            "today" | "tonight" => Expr::Today,
            "tomorrow" | "tmrw" | "tomorrows" => shift(Expr::Today, 0, 1),
            "yesterday" => shift(Expr::Today, 0, -1),
            _ => return None,
        };
        Some((expr, i + 1))
    }

    /// A base for "from"/"after" phrases: "now" is today here.
    fn base(&self, i: usize, depth: u8) -> Found {
        if self.is(i, "now") {
            return Some((Expr::Today, i + 1));
        }
        self.at_depth(i, depth + 1)
    }

    /// "a", "two", "a couple of", "3": how many units.
    fn count(&self, i: usize) -> Option<(u32, usize)> {
        let start = self.opt(i, "a");
        if self.is(start, "couple") {
            return Some((2, self.opt(start + 1, "of")));
        }
        if start > i {
            return Some((1, start));
        }
        if self.is(i, "an") {
            return Some((1, i + 1));
        }
        cardinal_tokens(self.words_from(i))
            .filter(|(n, _)| (1..=99).contains(n))
            .map(|(n, used)| (n, i + used))
    }

    /// "days", "a week", "two months": (months, days, end).
    fn duration(&self, i: usize) -> Option<(u32, i64, usize)> {
        let (n, at) = self.count(i)?;
        let (months, days) = match self.word(at) {
            "day" | "days" => (0, i64::from(n)),
            "week" | "weeks" => (0, 7 * i64::from(n)),
            "fortnight" | "fortnights" => (0, 14 * i64::from(n)),
            "month" | "months" => (n, 0),
            _ => return None,
        };
        Some((months, days, at + 1))
    }

    /// "in three days", "two weeks from Friday", "a week later", "three days after that".
    fn count_phrase(&self, i: usize, depth: u8) -> Found {
        if self.is(i, "in") {
            let (months, days, end) = self.duration(i + 1)?;
            return Some((shift(Expr::Today, months, days), end));
        }
        let (months, days, end) = self.duration(i)?;
        match self.word(end) {
            "from" => {
                let (base, base_end) = self.base(end + 1, depth)?;
                Some((shift(base, months, days), base_end))
            }
            "later" => Some((shift(Expr::Departure, months, days), end + 1)),
            "after" => {
                if let Some((base, base_end)) = self.base(end + 1, depth) {
                    return Some((shift(base, months, days), base_end));
                }
                let end = if self.is(end + 1, "that") { end + 2 } else { end + 1 };
                Some((shift(Expr::Departure, months, days), end))
            }
            _ => None,
        }
    }

    /// "the day after tomorrow", "the day before Christmas", "the day after" (the departure).
    fn day_near(&self, i: usize, depth: u8) -> Found {
        let at = self.opt(i, "the");
        if !self.is(at, "day") {
            return None;
        }
        let before = match self.word(at + 1) {
            "after" => false,
            "before" => true,
            _ => return None,
        };
        let days = if before { -1 } else { 1 };
        if let Some((base, end)) = self.base(at + 2, depth) {
            return Some((shift(base, 0, days), end));
        }
        (!before).then(|| (shift(Expr::Departure, 0, 1), at + 2))
    }

    /// "the next day", "the following day", "the same day", "the following week",
    /// "the week after" (the departure, or the date that follows: "the week after Easter").
    fn departure_relative(&self, i: usize, depth: u8) -> Found {
        let at = self.opt(i, "the");
        let days = match (self.word(at), self.word(at + 1)) {
            ("next" | "following", "day") => 1,
            ("same", "day") => 0,
            ("following", "week") => 7,
            ("week", "after") if at > i && !self.is(at + 2, "next") => {
                if let Some((base, end)) = self.base(at + 2, depth) {
                    return Some((shift(base, 0, 7), end));
                }
                7
            }
            _ => return None,
        };
        Some((shift(Expr::Departure, 0, days), at + 2))
    }

    /// Weekday phrases, with or without a date after them.
    fn weekday_phrase(&self, i: usize, depth: u8) -> Found {
        let mut best = self.weekday_with_date(i);
        best = longest(best, self.weekday_relative(i, depth));
        best
    }

    /// "Monday the 14th", "Monday, December 14th", "Tuesday the fifteenth of December".
    fn weekday_with_date(&self, i: usize) -> Found {
        let (day, _) = weekday(self.word(i))?;
        let dated = longest(self.month_first(i + 1), self.day_first(i + 1));
        let dated = longest(dated, self.the_day_lenient(i + 1));
        let (expr, end) = dated?;
        let expr = match expr {
            Expr::MonthDay { month, day: d, year, weekday: None } => {
                Expr::MonthDay { month, day: d, year, weekday: Some(day) }
            }
            Expr::DayOfMonth { day: d, weekday: None } => {
                Expr::DayOfMonth { day: d, weekday: Some(day) }
            }
            _ => return None,
        };
        Some((expr, end))
    }

    /// "Friday", "this Friday", "next Friday", "the Monday after next", "Wednesday next week",
    /// "the following Sunday", "the Sunday after Thanksgiving".
    fn weekday_relative(&self, i: usize, depth: u8) -> Found {
        let (rule, at) = match (self.word(i), self.word(i + 1)) {
            ("next", "week") => (Some(WeekdayRule::NextWeek), i + 2),
            ("this", "week") => (Some(WeekdayRule::ThisWeek), i + 2),
            ("this", "coming") | ("this", "upcoming") => (Some(WeekdayRule::Coming), i + 2),
            ("coming" | "upcoming", _) => (Some(WeekdayRule::Coming), i + 1),
            ("this", _) => (Some(WeekdayRule::This), i + 1),
            ("next", _) => (Some(WeekdayRule::NextWeek), i + 1),
            ("last" | "past", _) => (Some(WeekdayRule::Last), i + 1),
            ("the", "following") => {
                let weekday = full_weekday(self.word(i + 2))?;
                let expr =
                    Expr::WeekdayNear { weekday, base: Box::new(Expr::Departure), before: false };
                return Some((expr, i + 3));
            }
            ("the", _) => return self.weekday_near(i + 1, depth),
            _ => (None, i),
        };
        let weekday = full_weekday(self.word(at))?;
        let after = at + 1;
        let found = match (rule, self.word(after), self.word(after + 1)) {
            (None, "next", "week") => (WeekdayRule::NextWeek, after + 2),
            (None, "of", "next") if self.is(after + 2, "week") => {
                (WeekdayRule::NextWeek, after + 3)
            }
            (None, "this", "week") => (WeekdayRule::ThisWeek, after + 2),
            (None, "after", "next") => (WeekdayRule::AfterNext, after + 2),
            (Some(rule), _, _) => (rule, after),
            (None, _, _) => (WeekdayRule::Bare, after),
        };
        Some((Expr::Weekday { weekday, rule: found.0 }, found.1))
    }

    /// After "the": "Monday after next", "Sunday after Thanksgiving", "Friday before Christmas",
    /// "Sunday after" (the departure).
    fn weekday_near(&self, i: usize, depth: u8) -> Found {
        let weekday = full_weekday(self.word(i))?;
        let before = match self.word(i + 1) {
            "after" => false,
            "before" => true,
            _ => return None,
        };
        if !before && self.is(i + 2, "next") {
            return Some((Expr::Weekday { weekday, rule: WeekdayRule::AfterNext }, i + 3));
        }
        if let Some((base, end)) = self.base(i + 2, depth) {
            return Some((Expr::WeekdayNear { weekday, base: Box::new(base), before }, end));
        }
        (!before).then(|| {
            (Expr::WeekdayNear { weekday, base: Box::new(Expr::Departure), before }, i + 2)
        })
    }

    /// "this weekend", "the weekend", "next weekend".
    fn weekend(&self, i: usize) -> Found {
        let (next, at) = match (self.word(i), self.word(i + 1)) {
            ("this", "coming") => (false, i + 2),
            ("this" | "the" | "coming", _) => (false, i + 1),
            ("next", _) => (true, i + 1),
            _ => return None,
        };
        self.is(at, "weekend").then(|| (Expr::Weekend { next }, at + 1))
    }

    /// A day number at `i`: value, form, end.
    fn day_number(&self, i: usize) -> Option<(u32, DayForm, usize)> {
        let token = self.tokens.get(i)?;
        if token.is_digits() {
            let n = (token.text.len() <= 2).then(|| token.text.parse::<u32>().ok()).flatten()?;
            return Some((n, DayForm::Digits, i + 1));
        }
        let words = self.words_from(i);
        if let Some((n, used)) = ordinal_tokens(words) {
            let form = if words.first().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            {
                DayForm::Suffixed
            } else {
                DayForm::OrdinalWord
            };
            return (1..=99).contains(&n).then_some((n, form, i + used));
        }
        let (n, used) = cardinal_tokens(words)?;
        (1..=31).contains(&n).then_some((n, DayForm::CardinalWord, i + used))
    }

    fn blocks_day(&self, i: usize) -> bool {
        NOT_A_DAY_AFTER.contains(&self.word(i))
    }

    /// An optional year after a date: "2026", "twenty twenty-six", "two thousand twenty six".
    fn year(&self, i: usize) -> (Option<i32>, usize) {
        let token = self.tokens.get(i);
        if let Some(t) = token.filter(|t| t.is_digits() && t.text.len() == 4) {
            if let Ok(year) = t.text.parse::<i32>() {
                if (1900..=2199).contains(&year) {
                    return (Some(year), i + 1);
                }
            }
        }
        let after_century = match (self.word(i), self.word(i + 1)) {
            ("twenty", _) => i + 1,
            ("two", "thousand") => self.opt(i + 2, "and"),
            _ => return (None, i),
        };
        match cardinal_tokens(self.words_from(after_century)) {
            Some((n, used)) if n <= 99 && (after_century > i + 1 || n >= 10) => {
                (Some(2000 + n as i32), after_century + used)
            }
            _ => (None, i),
        }
    }

    /// "December 15th", "Dec. 15", "December the fifteenth", "December 15 2027".
    fn month_first(&self, i: usize) -> Found {
        let month = month(self.word(i))?;
        let at = self.opt(i + 1, "the");
        let (day, form, end) = self.day_number(at)?;
        let bare = matches!(form, DayForm::Digits | DayForm::CardinalWord);
        if bare && (day > 31 || self.blocks_day(end)) {
            return None;
        }
        if form == DayForm::Digits && self.tokens.get(end).is_some_and(|t| t.joined == Some('/')) {
            return None;
        }
        let (year, end) = self.year(end);
        Some((Expr::MonthDay { month, day, year, weekday: None }, end))
    }

    /// "15 December", "the 15th of December", "twenty first of december".
    fn day_first(&self, i: usize) -> Found {
        let at = self.opt(i, "the");
        let (day, form, end) = self.day_number(at)?;
        if form == DayForm::CardinalWord {
            return None;
        }
        let month_at = self.opt(end, "of");
        let month = month(self.word(month_at))?;
        let (year, end) = self.year(month_at + 1);
        Some((Expr::MonthDay { month, day, year, weekday: None }, end))
    }

    /// "the 15th", "15th", "on the fifteenth", "on the 15".
    fn the_day(&self, i: usize) -> Found {
        let has_the = self.is(i, "the");
        let at = if has_the { i + 1 } else { i };
        let (day, form, end) = self.day_number(at)?;
        if day > 31 {
            return None;
        }
        let after_preposition = has_the && i > 0 && DAY_PREPOSITIONS.contains(&self.word(i - 1));
        let allowed = match form {
            DayForm::Suffixed => true,
            DayForm::OrdinalWord => {
                has_the && (day > SMALL_ORDINAL_WORD || after_preposition || !self.strict)
            }
            DayForm::Digits => has_the && (after_preposition || !self.strict),
            DayForm::CardinalWord => false,
        };
        let months_ahead = match (self.word(end), self.word(end + 1), self.word(end + 2)) {
            ("of", "next", "month") => Some(1),
            ("of", "this" | "the", "month") => Some(0),
            _ => None,
        };
        if let Some(months_ahead) = months_ahead.filter(|_| form != DayForm::CardinalWord) {
            return Some((Expr::DayInMonth { day, months_ahead }, end + 3));
        }
        (allowed && !self.blocks_day(end)).then_some((Expr::DayOfMonth { day, weekday: None }, end))
    }

    /// After a weekday, "the" is optional and any day form is fine: "Friday the 4th", "Friday 4".
    fn the_day_lenient(&self, i: usize) -> Found {
        let at = self.opt(i, "the");
        let (day, form, end) = self.day_number(at)?;
        if form == DayForm::CardinalWord || self.blocks_day(end) || day > 31 {
            return None;
        }
        Some((Expr::DayOfMonth { day, weekday: None }, end))
    }

    /// "12/15", "12/15/26", "12/15/2026", "2026-12-15". Impossible numbers are kept so the
    /// error can name them ("13/45").
    fn numeric(&self, i: usize) -> Found {
        let number = |k: usize, widths: &[usize]| -> Option<u32> {
            let t = self.tokens.get(k)?;
            (t.is_digits() && widths.contains(&t.text.len())).then(|| t.text.parse().ok())?
        };
        let joined = |k: usize| self.tokens.get(k).and_then(|t| t.joined);
        if let Some(year) = number(i, &[4]) {
            let sep = joined(i + 1).filter(|c| matches!(c, '-' | '/'))?;
            let month = number(i + 1, &[1, 2])?;
            let day = number(i + 2, &[1, 2]).filter(|_| joined(i + 2) == Some(sep))?;
            let expr = Expr::MonthDay { month, day, year: Some(year as i32), weekday: None };
            return Some((expr, i + 3));
        }
        let month = number(i, &[1, 2])?;
        let sep = joined(i + 1).filter(|c| matches!(c, '-' | '/'))?;
        let day = number(i + 1, &[1, 2])?;
        let year = number(i + 2, &[2, 4]).filter(|_| joined(i + 2) == Some(sep));
        let (year, end) = match year {
            Some(y) if y < 100 => (Some(2000 + y as i32), i + 3),
            Some(y) => (Some(y as i32), i + 3),
            // "12-15" alone reads like a score or a range; only "/" makes a two-part date.
            None if sep == '/' => (None, i + 2),
            None => return None,
        };
        Some((Expr::MonthDay { month, day, year, weekday: None }, end))
    }

    /// "Thanksgiving", "Christmas Eve", "New Year's Day 2027".
    fn holiday(&self, i: usize) -> Found {
        let at = self.opt(i, "the");
        let (names, holiday) =
            HOLIDAY_NAMES.iter().find(|(names, _)| self.words_from(at).starts_with(names))?;
        let (year, end) = self.year(at + names.len());
        Some((Expr::Holiday { holiday: *holiday, year }, end))
    }
}

/// Words a caller puts around a lone day number ("coming back on the 22"): the lenient reading
/// of a date field skips them.
pub const CUE_WORDS: &[&str] = &[
    "the",
    "on",
    "coming",
    "back",
    "returning",
    "return",
    "leaving",
    "leave",
    "departing",
    "depart",
    "i",
    "im",
    "ill",
    "want",
    "to",
    "fly",
    "flying",
    "go",
    "going",
    "be",
    "lets",
    "say",
    "how",
    "about",
    "maybe",
    "make",
    "it",
    "of",
    "this",
    "month",
];

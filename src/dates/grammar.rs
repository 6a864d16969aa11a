//! The phrase grammar: a hand-written matcher over lexer tokens. Every rule starts at one token
//! and returns the phrase it reads and where it ends; the longest reading wins.
//!
//! `strict` is for finding dates inside longer sentences, where "the first" is more likely an
//! option than a day: there, ordinal words up to "fifth" and bare digits after "the" need a
//! preposition before them ("on the first", "on the 15"). A lone date field is read leniently.

use std::cell::OnceCell;

use chrono::Weekday;

use super::expr::{Expr, MonthRef, WeekdayRule, LAST};
use super::holidays::NAMES as HOLIDAY_NAMES;
use super::lexer::Token;
use super::numbers::{cardinal_tokens, ordinal, ordinal_tokens};
use super::period::{Part, Period, Span};
use super::PartOfDay;
use crate::text::same_word;

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
    "around",
    "roughly",
    "approximately",
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
    /// The number read from each token on ([`cardinal_tokens`], [`ordinal_tokens`]), worked
    /// out once: several rules ask at the same token, and each answer is dozens of string
    /// comparisons.
    cardinals: Vec<OnceCell<Option<(u32, usize)>>>,
    ordinals: Vec<OnceCell<Option<(u32, usize)>>>,
}

type Found = Option<(Expr, usize)>;

#[inline]
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
        let cells = || tokens.iter().map(|_| OnceCell::new()).collect();
        Matcher { tokens, words, strict, cardinals: cells(), ordinals: cells() }
    }

    /// [`cardinal_tokens`] of the words from `i` on.
    fn cardinal_at(&self, i: usize) -> Option<(u32, usize)> {
        let read = || cardinal_tokens(self.words_from(i));
        self.cardinals.get(i).map_or_else(read, |cell| *cell.get_or_init(read))
    }

    /// [`ordinal_tokens`] of the words from `i` on.
    fn ordinal_at(&self, i: usize) -> Option<(u32, usize)> {
        let read = || ordinal_tokens(self.words_from(i));
        self.ordinals.get(i).map_or_else(read, |cell| *cell.get_or_init(read))
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
        best = longest(best, self.nth_weekday(i));
        best = longest(best, self.month_first(i));
        best = longest(best, self.day_first(i));
        best = longest(best, self.the_day(i));
        best = longest(best, self.numeric(i));
        // "the Fourth of July" said as the holiday is the holiday ("for the Fourth of July" is
        // a trip around it), not only July 4th.
        longest(self.holiday(i), best)
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
        // "the day before. Sunday the third": a phrase never takes its base across a pause.
        if self.tokens.get(i).is_some_and(|t| t.after_pause) {
            return None;
        }
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
        self.cardinal_at(i).filter(|(n, _)| (1..=99).contains(n)).map(|(n, used)| (n, i + used))
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
        if before {
            // "the day before my cousin's party": kept (its mention is in doubt) so that the
            // words are seen as a date phrase the grammar could not finish; "so the day before"
            // counts back from a date said just before (the understanding reads it so).
            return Some((shift(Expr::Departure, 0, -1), at + 2));
        }
        // "the day after that": the departure too.
        let end = if self.is(at + 2, "that") { at + 3 } else { at + 2 };
        Some((shift(Expr::Departure, 0, 1), end))
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
            ("next", _) => (Some(WeekdayRule::Next), i + 1),
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
        // "Friday before Memorial Day" (no "the"): only with the day it counts from.
        if rule.is_none()
            && matches!(self.word(after), "before" | "after")
            && !self.is(after + 1, "next")
        {
            if let Some(found) = self.weekday_near(at, depth).filter(|(_, end)| *end > after + 1) {
                return Some(found);
            }
        }
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
        let paused = self.tokens.get(i + 2).is_some_and(|t| t.after_pause);
        if let Some((base, end)) = self.base(i + 2, depth).filter(|_| !paused) {
            return Some((Expr::WeekdayNear { weekday, base: Box::new(base), before }, end));
        }
        // "the Sunday after" (the departure), "so the Thursday before" (a date just said: the
        // understanding counts it from there, or drops it).
        Some((Expr::WeekdayNear { weekday, base: Box::new(Expr::Departure), before }, i + 2))
    }

    /// "this weekend", "the weekend", "next weekend", "the weekend after next", "in two
    /// weekends" (see [`Expr::Weekend`]).
    fn weekend(&self, i: usize) -> Found {
        if self.is(i, "in") {
            let (n, at) = self.count(i + 1)?;
            let said = matches!(self.word(at), "weekend" | "weekends");
            return said.then_some((Expr::Weekend { weeks_ahead: n }, at + 1));
        }
        let (weeks_ahead, at) = match (self.word(i), self.word(i + 1)) {
            ("this", "coming") => (0, i + 2),
            ("this" | "the" | "coming", _) => (0, i + 1),
            ("next", _) => (1, i + 1),
            ("weekend", _) => (0, i),
            _ => return None,
        };
        if !self.is(at, "weekend") {
            return None;
        }
        if (self.word(at + 1), self.word(at + 2)) == ("after", "next") && weeks_ahead == 0 {
            return Some((Expr::Weekend { weeks_ahead: 2 }, at + 3));
        }
        (at > i).then_some((Expr::Weekend { weeks_ahead }, at + 1))
    }

    /// "the third Monday in March", "the last Sunday of February 2027", "second Tuesday of
    /// next month".
    fn nth_weekday(&self, i: usize) -> Found {
        let at = self.opt(i, "the");
        let nth = match self.word(at) {
            "last" | "final" => LAST,
            word => ordinal(word).filter(|n| (1..=5).contains(n))?,
        };
        let weekday = full_weekday(self.word(at + 1))?;
        if !matches!(self.word(at + 2), "in" | "of") {
            return None;
        }
        let month_at = at + 3;
        let (month, end) = match (month(self.word(month_at)), self.word(month_at + 1)) {
            (Some(month), _) => {
                let (year, end) = self.year(month_at + 1);
                (MonthRef::Named { month, year }, end)
            }
            (None, "month") => match self.word(month_at) {
                "this" | "the" => (MonthRef::Ahead(0), month_at + 2),
                "next" => (MonthRef::Ahead(1), month_at + 2),
                _ => return None,
            },
            _ => return None,
        };
        Some((Expr::NthWeekday { nth, weekday, month }, end))
    }

    /// "mid-January", "mid January", "the middle of January", "mid next month": the 15th.
    /// Always approximate (see [`Matcher::reading`]).
    pub fn mid_month(&self, i: usize) -> Found {
        let at = match (self.word(i), self.word(i + 1), self.word(i + 2)) {
            ("mid", _, _) => i + 1,
            ("middle", "of", _) => i + 2,
            ("the", "middle", "of") => i + 3,
            _ => return None,
        };
        let at = self.opt(at, "the");
        if let Some(month) = month(self.word(at)) {
            let (year, end) = self.year(at + 1);
            return Some((Expr::MonthDay { month, day: 15, year, weekday: None }, end));
        }
        let months_ahead = match (self.word(at), self.word(at + 1)) {
            ("this" | "the", "month") => 0,
            ("next", "month") => 1,
            _ => return None,
        };
        Some((Expr::DayInMonth { day: 15, months_ahead }, at + 2))
    }

    /// A day number at `i`: value, form, end.
    fn day_number(&self, i: usize) -> Option<(u32, DayForm, usize)> {
        let token = self.tokens.get(i)?;
        if token.is_digits() {
            let n = (token.text.len() <= 2).then(|| token.text.parse::<u32>().ok()).flatten()?;
            return Some((n, DayForm::Digits, i + 1));
        }
        let words = self.words_from(i);
        if let Some((n, used)) = self.ordinal_at(i) {
            let form = if words.first().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            {
                DayForm::Suffixed
            } else {
                DayForm::OrdinalWord
            };
            return (1..=99).contains(&n).then_some((n, form, i + used));
        }
        let (n, used) = self.cardinal_at(i)?;
        (1..=31).contains(&n).then_some((n, DayForm::CardinalWord, i + used))
    }

    /// "the first one" is a choice, but "the 14th, one way" a date and a trip type.
    fn blocks_day(&self, i: usize) -> bool {
        NOT_A_DAY_AFTER.contains(&self.word(i))
            && !(self.word(i) == "one" && matches!(self.word(i + 1), "way" | "ways"))
            // "the 31st, a Sunday": the weekday checks the day.
            && !(self.word(i) == "a" && full_weekday(self.word(i + 1)).is_some())
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
        match self.cardinal_at(after_century) {
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
        // "the eighteen of February" (said by many a non-native speaker) is as clear as "the
        // eighteenth of February"; a bare "eighteen February" is not.
        let spelled_out = at > i && self.is(end, "of");
        if form == DayForm::CardinalWord && !spelled_out {
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
        let words = self.words_from(at);
        let starts_with = |names: &[&str]| {
            words.len() >= names.len() && words.iter().zip(names).all(|(w, n)| same_word(w, n))
        };
        let (names, holiday) = HOLIDAY_NAMES.iter().find(|(names, _)| starts_with(names))?;
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

/// A date phrase with the words around it that qualify it: "around the 20th" (approximate),
/// "first thing Saturday morning" (a part of the day), "the 14th, Monday" (a weekday check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub expr: Expr,
    /// One past the last token read.
    pub end: usize,
    pub approximate: bool,
    pub part_of_day: Option<PartOfDay>,
}

/// Words before a date that make it approximate ("about" only before a day number: "how about
/// Friday" is a suggestion, not a vague date).
const APPROXIMATE_BEFORE: &[&str] = &["around", "approximately", "roughly", "near", "circa"];

/// Words before "about" that make it "regarding", not "approximately".
const ABOUT_AS_REGARDING: &[&str] =
    &["how", "what", "thinking", "think", "talking", "talk", "asking", "forget", "forgot"];

/// Early or late in the day, said before the date: "first thing Friday", "late on Sunday".
#[derive(Clone, Copy, PartialEq, Eq)]
enum DayEdge {
    FirstThing,
    Early,
    Late,
}

fn part_word(word: &str) -> Option<PartOfDay> {
    Some(match word {
        "morning" | "mornings" => PartOfDay::Morning,
        "afternoon" | "midday" | "noon" => PartOfDay::Afternoon,
        "evening" => PartOfDay::Evening,
        "night" | "overnight" | "redeye" => PartOfDay::Night,
        _ => return None,
    })
}

impl Matcher<'_> {
    /// The date phrase at token `i` with its qualifying words (see [`Reading`]); `None` when
    /// only qualifiers stand there ("around noon", "early February").
    pub fn reading(&self, i: usize) -> Option<Reading> {
        let (approximate_before, k) = self.approximate_before(i);
        let (edge, k) = self.edge_before(k);
        let (part_before, k) = self.part_of(k);
        if let (None, "this", Some(part)) = (part_before, self.word(k), part_word(self.word(k + 1)))
        {
            // "this evening": today.
            let (approximate, end) = self.approximate_after(k + 2);
            let part = Some(part);
            let approximate = approximate || approximate_before;
            return Some(Reading { expr: Expr::Today, end, approximate, part_of_day: part });
        }
        let core = self.at(k);
        let mid = self.mid_month(k);
        let is_mid = mid.as_ref().is_some_and(|(_, m)| core.as_ref().is_none_or(|(_, c)| m > c));
        let (mut expr, mut end) = if is_mid { mid? } else { core? };
        // "tonight" is today, in the evening; "this evening" likewise.
        let mut part = part_before.or_else(|| self.is(k, "tonight").then_some(PartOfDay::Evening));
        if let Some(weekday) = self.trailing_weekday(end, &expr) {
            expr = weekday.0;
            end = weekday.1;
        }
        let (part_after, after_part) = self.part_after(end);
        end = after_part;
        part = part_after.or(part);
        let part = match (edge, part) {
            (Some(DayEdge::FirstThing | DayEdge::Early), None | Some(PartOfDay::Morning)) => {
                Some(PartOfDay::EarlyMorning)
            }
            (Some(DayEdge::Late), None) => Some(PartOfDay::Evening),
            (_, part) => part,
        };
        let (approximate_after, end) = self.approximate_after(end);
        Some(Reading {
            expr,
            end,
            approximate: approximate_before || approximate_after || is_mid,
            part_of_day: part,
        })
    }

    /// "around", "sometime around", "about" (before a day number): approximate.
    fn approximate_before(&self, i: usize) -> (bool, usize) {
        let word = self.word(i);
        if APPROXIMATE_BEFORE.contains(&word) {
            return (true, i + 1);
        }
        if matches!(word, "sometime" | "somewhere")
            && matches!(self.word(i + 1), "around" | "about" | "near")
        {
            return (true, i + 2);
        }
        let regarding = i > 0 && ABOUT_AS_REGARDING.contains(&self.word(i - 1));
        let day_follows = matches!(self.word(i + 1), "the" | "mid" | "middle")
            || month(self.word(i + 1)).is_some();
        if word == "about" && !regarding && day_follows {
            return (true, i + 1);
        }
        (false, i)
    }

    /// "first thing (on)", "early (on)", "late (on)" before a date.
    fn edge_before(&self, i: usize) -> (Option<DayEdge>, usize) {
        let (edge, at) = match (self.word(i), self.word(i + 1)) {
            ("first", "thing") => (DayEdge::FirstThing, i + 2),
            ("early", _) => (DayEdge::Early, i + 1),
            ("late", _) => (DayEdge::Late, i + 1),
            _ => return (None, i),
        };
        (Some(edge), self.opt(at, "on"))
    }

    /// "the morning of" before a date.
    fn part_of(&self, i: usize) -> (Option<PartOfDay>, usize) {
        let at = self.opt(i, "the");
        match (part_word(self.word(at)), self.word(at + 1)) {
            (Some(part), "of") => (Some(part), at + 2),
            _ => (None, i),
        }
    }

    /// After a date: "morning", "in the afternoon", "at night", "early morning", "late at
    /// night", "first thing".
    fn part_after(&self, i: usize) -> (Option<PartOfDay>, usize) {
        if (self.word(i), self.word(i + 1)) == ("first", "thing") {
            return (Some(PartOfDay::EarlyMorning), i + 2);
        }
        let (edge, at) = match self.word(i) {
            "early" => (Some(DayEdge::Early), i + 1),
            "late" => (Some(DayEdge::Late), i + 1),
            _ => (None, i),
        };
        let at = match (self.word(at), self.word(at + 1)) {
            ("in" | "during", "the") => at + 2,
            ("at" | "in", _) => at + 1,
            _ => at,
        };
        let at = self.opt(at, "the");
        match (edge, part_word(self.word(at))) {
            (Some(DayEdge::Early), Some(PartOfDay::Morning)) => {
                (Some(PartOfDay::EarlyMorning), at + 1)
            }
            (_, Some(part)) => (Some(part), at + 1),
            _ => (None, i),
        }
    }

    /// "or so", "ish", "give or take (a day)" after a date.
    fn approximate_after(&self, i: usize) -> (bool, usize) {
        match (self.word(i), self.word(i + 1), self.word(i + 2)) {
            ("or", "so", _) | ("or", "thereabouts", _) => (true, i + 2),
            ("ish", _, _) => (true, i + 1),
            ("give", "or", "take") => {
                let mut end = i + 3;
                if let Some((_, _, after)) = self.duration(end) {
                    end = after;
                }
                (true, end)
            }
            _ => (false, i),
        }
    }

    /// A weekday said after a dated day to check it: "the 14th, Monday", "December 14th, a
    /// Monday". Not when the weekday starts a date of its own ("the 14th, Monday the 21st").
    fn trailing_weekday(&self, i: usize, expr: &Expr) -> Found {
        let at = self.opt(i, "a");
        let said = full_weekday(self.word(at))?;
        if self.weekday_with_date(at).is_some()
            || matches!(self.word(at + 1), "next" | "after" | "this" | "before")
        {
            return None;
        }
        let expr = match *expr {
            Expr::MonthDay { month, day, year, weekday: None } => {
                Expr::MonthDay { month, day, year, weekday: Some(said) }
            }
            Expr::DayOfMonth { day, weekday: None } => {
                Expr::DayOfMonth { day, weekday: Some(said) }
            }
            _ => return None,
        };
        Some((expr, at + 1))
    }
}

/// Month names that are also everyday words or names: a period only after "in", "early", ...
const BARE_MONTH_NOT_A_PERIOD: &[&str] = &["may", "march", "june", "august"];

impl Matcher<'_> {
    /// A stretch of days that names no single day: "next week", "the week after next", "in
    /// January", "early February", "later this month", "the week of the 14th".
    pub fn period(&self, i: usize) -> Option<(Period, usize)> {
        let at = match (self.word(i), self.word(i + 1)) {
            ("in" | "during", _) => i + 1,
            ("sometime" | "anytime", "in" | "during") => i + 2,
            ("sometime" | "anytime", _) => i + 1,
            _ => i,
        };
        let (part, at) = match (self.word(at), self.word(at + 1), self.word(at + 2)) {
            ("early", "in", _) | ("late", "in", _) | ("later", "in", _) => {
                (if self.is(at, "early") { Part::Early } else { Part::Late }, at + 2)
            }
            ("early", _, _) => (Part::Early, at + 1),
            ("late" | "later", _, _) => (Part::Late, at + 1),
            ("the", "beginning" | "start", "of") => (Part::Early, at + 3),
            ("beginning" | "start", "of", _) => (Part::Early, at + 2),
            ("the", "end", "of") => (Part::Late, at + 3),
            ("end", "of", _) => (Part::Late, at + 2),
            _ => (Part::Whole, at),
        };
        let led = at > i;
        let (span, end) = self.period_span(at, led)?;
        Some((Period { span, part }, end))
    }

    fn period_span(&self, at: usize, led: bool) -> Option<(Span, usize)> {
        let the = self.opt(at, "the");
        match (self.word(at), self.word(at + 1)) {
            ("this", "week") => return Some((Span::Week(0), at + 2)),
            ("next", "week") => return Some((Span::Week(1), at + 2)),
            ("this", "month") => return Some((Span::MonthAhead(0), at + 2)),
            // "the end of the week", "early in the month".
            ("the", "week") if led => return Some((Span::Week(0), at + 2)),
            ("the", "month") if led => return Some((Span::MonthAhead(0), at + 2)),
            ("next", "month") => return Some((Span::MonthAhead(1), at + 2)),
            _ => {}
        }
        if let ("week" | "month", "after", "next") =
            (self.word(the), self.word(the + 1), self.word(the + 2))
        {
            let span = if self.is(the, "week") { Span::Week(2) } else { Span::MonthAhead(2) };
            let end = self.opt(the + 3, self.word(the));
            return Some((span, end));
        }
        if (self.word(the), self.word(the + 1)) == ("week", "of") {
            let (expr, end) = self.at(the + 2)?;
            return Some((Span::WeekOf(Box::new(expr)), end));
        }
        let named = self.opt(self.opt(at, "this"), "next");
        let word = self.word(named);
        let month = month(word)?;
        let full_name = word.len() > 3 && !matches!(word, "sept");
        if !(led || named > at || (full_name && !BARE_MONTH_NOT_A_PERIOD.contains(&word))) {
            return None;
        }
        let (year, end) = self.year(named + 1);
        Some((Span::Month { month, year }, end))
    }
}
